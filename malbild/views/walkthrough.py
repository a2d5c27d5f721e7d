"""The guided walk-through for a meeting: overview → one step per goal → projects → personnel → finance → verdicts.

Each step's content is built in views/steps.py from the pieces its page's view is built from, so the walk-through
page, the deck (export/deck.py) and the snapshot (export/snapshot.py) show what the pages show without building
whole page views. Every figure is read from the database through the named queries; nothing is invented or
zero-filled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from malbild.texts import DEFAULT_LANG, N_, languages, name_col, t
from malbild.views.base import Query, StepView, reader
from malbild.views.steps import finance_step, goal_step, overview_step, personnel_step, projects_step, verdicts_step


def as_query(source: Any) -> Query:
    """A query function: the one given, or one over the connection or cursor given."""
    return source if callable(source) else reader(source)


@dataclass(frozen=True)
class Step:
    """One step of the walk-through: a key, a title in both languages and the function that fills it."""

    key: str
    titles: dict[str, str]
    build: Callable[[Query, str, bool], StepView] = field(repr=False)
    goal_id: int | None = None

    def title(self, lang: str) -> str:
        """Return the step's title in the language."""
        return self.titles.get(lang, self.titles[DEFAULT_LANG])

    def render(self, source: Any, lang: str, present: bool = False) -> StepView:
        """Fill the step from the database (a connection, a cursor or a query function)."""
        return self.build(as_query(source), lang, present)


def _goal(goal_id: int, q: Query, lang: str, present: bool) -> StepView:
    """One goal's step."""
    return goal_step(q, goal_id, lang, present)


def _in_every_language(key: str) -> dict[str, str]:
    """A title in every language."""
    return {lang: t(key, lang) for lang in languages()}


def walkthrough_steps(source: Any) -> list[Step]:
    """Return the steps: overview, one per goal in the data (in goal order), projects, personnel, finance, and the
    report's own verdicts when the database holds any."""
    goals = as_query(source)("goals")
    steps = [Step("overview", _in_every_language(N_("wt_overview_title")), overview_step)]
    for row in goals.itertuples(index=False):
        gid = int(row.goal_id)
        titles = {lang: t("wt_goal_title", lang, n=gid, name=getattr(row, name_col(lang))) for lang in languages()}
        steps.append(Step(f"goal_{gid}", titles, partial(_goal, gid), goal_id=gid))
    steps += [
        Step("projects", _in_every_language(N_("wt_projects_title")), projects_step),
        Step("personnel", _in_every_language(N_("wt_personnel_title")), personnel_step),
        Step("finance", _in_every_language(N_("wt_finance_title")), finance_step),
    ]
    if not as_query(source)("verdicts").empty:
        steps.append(Step("verdicts", _in_every_language(N_("vd_title")), verdicts_step))
    return steps


def step_view(q: Query, index: int, lang: str, present: bool = False) -> StepView:
    """Return what step `index` (1-based) shows, filled from the query function."""
    return walkthrough_steps(q)[index - 1].render(q, lang, present)
