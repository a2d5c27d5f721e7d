"""Logic that used to live in the Projects page: the goal filter in the URL, the check against the report's TOTALT
lines."""

from __future__ import annotations

import pandas as pd

from malbild.views.params import goal_state, goal_url_values, read_amount
from malbild.views.projects import (
    ProjectFilters,
    amount_options,
    stated_check,
)

FIGURES = pd.DataFrame(
    {
        "goal_id": [1, 1, 2, 2],
        "year": [2018] * 4,
        "metric": ["granted_projects", "granted_amount_sek"] * 2,
        "value": [2, 300, 1, 50],
        "source_lines": ["10", "11", "20", "21"],
    }
)
ROWS = pd.DataFrame({"goal_id": [1, 1], "year": [2018, 2018], "owner": ["A", "B"], "amount_sek": [100, 200]})


def test_the_url_wins_over_the_widget() -> None:
    assert goal_state(["5", "2"], [1], [1, 2, 5]) == ([5, 2], [])  # a shared link
    assert goal_state(["99", "x"], [1], [1, 2, 5]) == ([], ["99", "x"])  # unknown goals are dropped and named
    assert goal_state(None, [2], [1, 2, 5]) == ([2], [])  # no ?goal=: the widget keeps its choice
    assert goal_state(None, "Mål 2", [1, 2, 5]) == (None, [])  # a stale non-list state is cleared


def test_goal_url_values() -> None:
    assert goal_url_values([5, 2]) == ["5", "2"]
    assert goal_url_values([]) == [] and goal_url_values(None) == []


def test_stated_check_matches_and_differs() -> None:
    check = stated_check(FIGURES, ROWS, ProjectFilters(goal_ids=[1]), amount_limited=False, lang="sv")
    assert check is not None and check.matches and "2 projekt" in check.message and "11" in check.message
    check = stated_check(FIGURES, ROWS.iloc[:1], ProjectFilters(goal_ids=[1]), amount_limited=False, lang="sv")
    assert check is not None and not check.matches and "tabellen avviker" in check.message


def test_stated_check_only_for_goal_filters_and_one_year() -> None:
    assert (
        stated_check(FIGURES, ROWS, ProjectFilters(goal_ids=[1], owners=["A"]), amount_limited=False, lang="sv") is None
    )
    assert stated_check(FIGURES, ROWS, ProjectFilters(goal_ids=[1]), amount_limited=True, lang="sv") is None
    assert stated_check(FIGURES, ROWS, ProjectFilters(goal_ids=[1], text="x"), amount_limited=False, lang="sv") is None
    two_years = ROWS.assign(year=[2017, 2018])
    assert stated_check(FIGURES, two_years, ProjectFilters(goal_ids=[1]), amount_limited=False, lang="sv") is None


def test_amount_range_from_the_url_and_the_slider_steps() -> None:
    bounds = (100_000, 9_000_000)
    assert read_amount(["300000", "2000000"], bounds) == (300_000, 2_000_000)
    assert read_amount(["2000000", "300000"], bounds) == (2_000_000, 300_000)  # backwards: the page says so
    assert read_amount(["0", "99000000"], bounds) == bounds  # clamped to the ends
    assert read_amount(["-3", "x"], bounds) is None and read_amount(["300000"], bounds) is None
    steps = amount_options(bounds)
    assert steps[0] == 100_000 and steps[-1] == 9_000_000
    assert steps[:5] == [100_000, 120_000, 150_000, 200_000, 250_000] and 1_000_000 in steps and 2_500_000 in steps
    assert len(steps) <= 30  # round stops, not 900 labels formatted and sent to every session
    assert amount_options((7_000, 7_000)) == [7_000]
    assert 333_333 in amount_options(bounds, (333_333, 2_000_000))  # a linked amount off the steps is kept
