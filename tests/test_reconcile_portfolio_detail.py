"""Reconciliation of data/portfolio_detail.csv against the report: each figure is printed (in digits or as a word)
on its cited lines, in the words the expectations below quote. Expected figures come from the report's text."""

from __future__ import annotations

import re

import pytest

from tests.support.report import data_rows, joined

# (goal, detail, value, the report's words); goal None = all goals.
REPORT = [
    (
        None,
        "eu_cofunded_share_pct",
        58,
        "varför 58 procent av regionala tillväxtmedel beviljats till projekt med",
    ),  # 2918
    (
        1,
        "granted_under_measure",
        6,
        "elva projekt beviljats medfinansiering under 2018, av vilka sex projekt riktats mot åtgärd 1:1",
    ),  # 4073-4075
    (3, "earlier_projects", 4, "Sedan tidigare år pågår fyra projekt"),  # 4456
    (4, "earlier_projects", 3, "Sedan tidigare pågår tre olika projekt inom mål 4"),  # 4641-4643
    (5, "earlier_projects", 20, "Det pågår 20 olika projekt sedan tidigare"),  # 4812
    (5, "closed_projects", 11, "Under året har 11 projekt avslutats"),  # 4830
]
WORDS = {"tre": 3, "fyra": 4, "sex": 6, "elva": 11}


def numbers(text: str) -> list[float]:
    """The numbers a text prints, in digits or as one of the words above."""
    return [float(WORDS.get(w, w)) for w in re.findall(r"\b(\d+|" + "|".join(WORDS) + r")\b", text)]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return data_rows("portfolio_detail")


def test_the_data_hold_what_the_report_says(rows, report_src) -> None:
    got = {(int(r["goal_id"]) if r["goal_id"] else None, r["detail"]): r for r in rows}
    assert set(got) == {(g, d) for g, d, _, _ in REPORT}
    for goal, detail, value, words in REPORT:
        r = got[(goal, detail)]
        text = joined(report_src, r["source_lines"])
        assert words in text, (goal, detail)  # the quoted words are on the row's own lines
        assert float(r["value"]) == value and value in numbers(words), (goal, detail)
        assert (r["basis"], r["year"], r.get("document", "ar2018")) == ("stated", "2018", "ar2018")


def test_the_measure_is_named_as_printed(rows, report_src) -> None:
    (measure,) = [r for r in rows if r["detail"] == "granted_under_measure"]
    assert measure["measure"] in joined(report_src, measure["source_lines"])  # 4075-4077 "åtgärd 1:1, Samverkan och …"
    assert measure["measure"].startswith("1:1")


def test_the_details_agree_with_the_goals_prose(report_src) -> None:
    """The earlier projects and the year's new ones are the ongoing portfolio the goal_portfolio rows derive
    (goal 3: 4 + "ytterligare två", line 4460; goal 4: 3 + "startats tre projekt", 4639); goal 1's six under
    measure 1:1 are among its eleven new projects (line 4073)."""
    assert "ytterligare två projekt" in joined(report_src, "4458-4460")
    assert "startats tre projekt" in joined(report_src, "4639")
    assert [n for n in numbers(joined(report_src, "4073-4075")) if n != 2018][:2] == [11, 6]  # "elva … av vilka sex"
