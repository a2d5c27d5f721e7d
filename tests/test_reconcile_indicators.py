"""Reconciliation of data/goal_indicator.csv against the report: every result indicator is a number the goal's
summary prints on the cited lines, with the report's own "ca" / "över" / "-tal", inside that goal's summary.

Expected figures come from the report's text (each cited below), never from the data under test.
"""

from __future__ import annotations

import re

import pytest

from malbild.data.source_lines import merge_ranges
from tests.support.report import data_rows, joined

# The goals' summaries of the 2018 work ("SAMMANFATTNING AV ARBETET UNDER 2018", docs/provenance/goals.md).
SUMMARIES = {
    1: "3898-3914;3925-4063",
    2: "4127-4173;4254-4274",
    3: "4419-4452",
    4: "4481-4515;4577-4609;4627-4635",
    5: "4719-4755;4766-4804",
    6: "4920-4962;5070-5100",
}

# What the summaries state, read from the report: (goal, value, qualifier, the printed words around it).
REPORT = [
    (1, 34, "exact", "34 filmer har under perioden fått stöd"),  # 4019-4021
    (1, 52, "exact", "fanns 52 författarskap"),  # 4027
    (1, 99, "exact", "99 litterära platser"),  # 4029
    (1, 250, "about", "med ca 250 politiker, ledare"),  # 4039
    (1, 14, "exact", "där 14 av länets kommuner deltar"),  # 4047-4049
    (1, 40, "about", "där ett 40-tal e-tjänster"),  # 4049
    (1, 44, "exact", "de fyra länens 44 kommuner är delaktiga"),  # 3912-3914, the aim of the work
    (4, 3, "exact", "hade uppdraget tre områden"),  # 4509-4511, a word
    (5, 40, "exact", "Sedan starten 2015 har 40 nya företag startats"),  # 4719-4721
    (5, 22, "exact", "har 22 heltidsanställningar genererats"),  # 4725
    (5, 100, "more_than", "har över 100 företag deltagit"),  # 4731-4733
    (5, 23, "exact", "att 23 företag, med hjälp av projektet"),  # 4770
    (6, 7, "about", "grundfinansiering på ca 7 miljarder kronor"),  # 4934-4936
]

WORDS = {"tre": 3}
NUMBER = re.compile(r"(?:(ca|över|ett) )?(\d+|tre)(-tal)?\b")


def lines(spec: str) -> list[int]:
    return [n for a, b in merge_ranges(spec) for n in range(a, b + 1)]


def printed(text: str) -> list[tuple[float, str]]:
    """Every number in a text with the report's qualifier: 'ca 250' → (250, 'about'), 'över 100' → more_than,
    'ett 40-tal' → about, 'tre' → 3."""
    out = []
    for word, number, tal in NUMBER.findall(text):
        value = float(WORDS.get(number, number))
        qualifier = "about" if word == "ca" or tal else "more_than" if word == "över" else "exact"
        out.append((value, qualifier))
    return out


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return data_rows("goal_indicator")


def test_the_report_prints_what_the_expectations_say(report_src) -> None:
    """The expectations above are the report's words, inside the goal's summary."""
    for goal, value, qualifier, words in REPORT:
        text = joined(report_src, SUMMARIES[goal])
        assert words in text, (goal, words)
        assert (float(value), qualifier) in printed(words), words


def test_every_indicator_is_in_the_data(rows) -> None:
    data = sorted((int(r["goal_id"]), float(r["value"]), r["qualifier"]) for r in rows)
    assert data == sorted((g, float(v), q) for g, v, q, _ in REPORT)


def test_each_row_is_printed_on_its_lines_inside_its_goals_summary(rows, report_src) -> None:
    for r in rows:
        goal = int(r["goal_id"])
        inside = set(lines(SUMMARIES[goal]))
        assert set(lines(r["source_lines"])) <= inside, r["indicator"]
        assert (float(r["value"]), r["qualifier"]) in printed(joined(report_src, r["source_lines"])), r["indicator"]
        assert (r["basis"], r["year"], r.get("document", "ar2018")) == ("stated", "2018", "ar2018"), r["indicator"]


def test_indicators_are_numbered_in_order_per_goal(rows) -> None:
    by_goal: dict[str, list[int]] = {}
    for r in rows:
        by_goal.setdefault(r["goal_id"], []).append(int(r["indicator_order"]))
    assert all(orders == list(range(1, len(orders) + 1)) for orders in by_goal.values()), by_goal


def test_printed_reads_the_reports_qualifiers() -> None:
    assert printed("med ca 250 politiker") == [(250.0, "about")]
    assert printed("där ett 40-tal e-tjänster") == [(40.0, "about")]
    assert printed("har över 100 företag") == [(100.0, "more_than")]
    assert printed("hade uppdraget tre områden") == [(3.0, "exact")]
    assert printed("Sedan starten 2015 har 40 nya") == [(2015.0, "exact"), (40.0, "exact")]
