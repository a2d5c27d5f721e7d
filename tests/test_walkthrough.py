"""The walk-through page: one step per screen, ?step= in the URL, Previous/Next, arrow keys, fits the screen."""

from __future__ import annotations

import pytest

from malbild.walkthrough_steps import walkthrough_steps

PAGE = "pages/6_Walkthrough.py"


def _titles(at) -> list[str]:
    return [t.value for t in at.title]


def test_opens_step_4_goal_3(open_page, con):
    steps = walkthrough_steps(con)
    assert steps[3].key == "goal_3"
    at = open_page(PAGE, step="4")
    assert _titles(at) == ["Mål 3: Miljödriven utveckling"]  # data/goal.csv, goal 3 (source line 4337)
    assert at.query_params["step"] == "4"
    assert at.selectbox(key="step_widget").value == 4
