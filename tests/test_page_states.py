"""Pages on changed data: the Projects page warns when its rows no longer add up to the report's TOTALT line, and
Personnel, Finance and Goals say so in a sentence when the data has nothing to show (never an exception, never a
made-up figure). Each test builds a temporary database from a changed copy of data/."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit_csv
from page_helpers import shown_metrics

from malbild.data.build import build
from malbild.texts import t

NB = "\u00a0"
# line 4913 "TOTALT: 24 PROJEKT  24 760 387"
GOAL_5_STATED = (24, f"24{NB}760{NB}387{NB}kr")


def built(data: Path, tmp_path: Path, name: str = "changed") -> Path:
    """Build a database from a data folder into tmp_path (a new name for each build: one connection per file)."""
    db = tmp_path / f"{name}.duckdb"
    build(db, data)
    return db


def emptied(data: Path, *names: str) -> Path:
    """Leave only the header row in the named CSV files."""
    for name in names:
        edit_csv(data / f"{name}.csv", lambda rows: [])
    return data


def infos(at) -> list[str]:
    """The texts of the page's info boxes."""
    return [el.value for el in at.info]


def test_projects_match_the_stated_total(open_page) -> None:
    at = open_page("pages/2_Projects.py", goal="5")
    n, amount = GOAL_5_STATED
    assert f"Stämmer med rapportens TOTALT-rader: {n} projekt, {amount} (rad 4913)." in [c.value for c in at.caption]
    assert not at.warning


def test_projects_warn_when_the_rows_differ_from_the_report(data_copy, tmp_path, open_page_on) -> None:
    def drop_one_of_goal_5(rows):
        first = next(i for i, r in enumerate(rows) if r["goal_id"] == "5")
        return rows[:first] + rows[first + 1 :]

    edit_csv(data_copy / "project_grant.csv", drop_one_of_goal_5)
    at = open_page_on(built(data_copy, tmp_path), data_copy, page="pages/2_Projects.py", goal="5")
    n, amount = GOAL_5_STATED
    assert [w.value for w in at.warning] == [
        f"Rapportens TOTALT-rader anger {n} projekt, {amount} (rad 4913) – tabellen avviker."
    ]
    assert {m.label: m.value for m in shown_metrics(at)}["Antal projekt"] == "23"
    english = open_page_on(built(data_copy, tmp_path, "en"), data_copy, page="pages/2_Projects.py", goal="5", lang="en")
    assert [w.value for w in english.warning] == [
        f"The report's TOTAL lines state 24 projects, SEK{NB}24,760,387 (lines 4913) – the table differs."
    ]


def test_personnel_without_figures_says_so(data_copy, tmp_path, open_page_on) -> None:
    data = emptied(data_copy, "hr_metric", "hr_age_band")
    at = open_page_on(built(data, tmp_path), data, page="pages/3_Personnel.py")
    assert at.title[0].value == "Personal"
    assert infos(at) == [t("no_data", "sv")]
    assert not at.get("plotly_chart") and not shown_metrics(at)


def test_personnel_without_age_bands_keeps_the_rest(data_copy, tmp_path, open_page_on) -> None:
    data = emptied(data_copy, "hr_age_band")
    at = open_page_on(built(data, tmp_path), data, page="pages/3_Personnel.py")
    assert t("no_data", "sv") in infos(at)
    assert shown_metrics(at), "the headline figures still show"


def test_finance_without_figures_says_so(data_copy, tmp_path, open_page_on) -> None:
    data = emptied(data_copy, "finance_line", "financial_goal")
    at = open_page_on(built(data, tmp_path), data, page="pages/4_Finance.py")
    assert at.title[0].value
    assert infos(at) and set(infos(at)) <= {t("no_data", "sv"), t("no_rows", "sv")}
    assert t("no_data", "sv") in infos(at)
    assert not at.get("plotly_chart") and not at.dataframe


def test_finance_without_goals_keeps_the_statements(data_copy, tmp_path, open_page_on) -> None:
    data = emptied(data_copy, "financial_goal")
    at = open_page_on(built(data, tmp_path), data, page="pages/4_Finance.py")
    assert infos(at) == [t("no_data", "sv")]
    assert at.get("plotly_chart"), "the statements' charts still show"


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_goal_without_projects_says_so(data_copy, tmp_path, open_page_on, lang: str) -> None:
    edit_csv(data_copy / "project_grant.csv", lambda rows: [r for r in rows if r["goal_id"] != "3"])
    at = open_page_on(built(data_copy, tmp_path), data_copy, page="pages/1_Goals.py", goal="3", lang=lang)
    assert infos(at) == [t("gp_no_projects", lang, year=2018)]
    other = open_page_on(built(data_copy, tmp_path, "other"), data_copy, page="pages/1_Goals.py", goal="5", lang=lang)
    assert not infos(other), "a goal with projects shows them"
