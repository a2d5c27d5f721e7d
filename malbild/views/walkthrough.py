"""The guided walk-through for a meeting: overview → one step per goal → projects → personnel → finance → verdicts.

Each step shows the StepView of its subject's view (views/overview.py, goal.py, projects.py, personnel.py,
finance.py): the walk-through page, the deck (export/deck.py) and the snapshot (export/snapshot.py) render the
same views as the pages. Every figure is read from the database through the named queries; nothing is invented
or zero-filled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from malbild.texts import DEFAULT_LANG, N_, languages, name_col, t
from malbild.views.base import Query, StepView, reader
from malbild.views.finance import finance_view
from malbild.views.goal import goal_view
from malbild.views.overview import overview_view
from malbild.views.personnel import personnel_view
from malbild.views.projects import projects_step
from malbild.views.verdicts import verdicts_view


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

    def title(self, lang: str = "sv") -> str:
        """Return the step's title in the language."""
        return self.titles.get(lang, self.titles[DEFAULT_LANG])

    def render(self, source: Any, lang: str = "sv", present: bool = False) -> StepView:
        """Fill the step from the database (a connection, a cursor or a query function)."""
        return self.build(as_query(source), lang, present)


def _overview(q: Query, lang: str, present: bool) -> StepView:
    """The overview's step: goals per level in the latest year."""
    return overview_view(q, lang, present).step


def _goal(goal_id: int) -> Callable[[Query, str, bool], StepView]:
    """The function that fills one goal's step."""

    def build(q: Query, lang: str, present: bool) -> StepView:
        return goal_view(q, goal_id, lang, present).step

    return build


def _personnel(q: Query, lang: str, present: bool) -> StepView:
    """The personnel's step: the age structure and the headline figures."""
    view = personnel_view(q, lang, present)
    if view is None:
        raise LookupError("the database holds no personnel figures")
    return view.step


def _finance(q: Query, lang: str, present: bool) -> StepView:
    """The finances' step: the financial goals met and the liquidity ratio, tempered by the auditors' verdict on the
    operational result (the financial goals met are not the whole answer)."""
    view = finance_view(q, lang, present)
    if view.step is None:
        raise LookupError("the database holds no liquidity figures")
    temper = verdicts_view(q, lang, present).temper
    return replace(view.step, message=view.step.message + temper) if temper else view.step


def _verdicts(q: Query, lang: str, present: bool) -> StepView:
    """The closing step: the report's own verdicts, the region's and the auditors'."""
    step = verdicts_view(q, lang, present).step
    if step is None:
        raise LookupError("the database holds no verdicts")
    return step


def _every(key: str) -> dict[str, str]:
    """A title in every language."""
    return {lang: t(key, lang) for lang in languages()}


def walkthrough_steps(source: Any) -> list[Step]:
    """Return the steps: overview, one per goal in the data (in goal order), projects, personnel, finance, and the
    report's own verdicts when the database holds any."""
    goals = as_query(source)("goals")
    steps = [Step("overview", _every(N_("wt_overview_title")), _overview)]
    for row in goals.itertuples(index=False):
        gid = int(row.goal_id)
        titles = {lang: t("wt_goal_title", lang, n=gid, name=getattr(row, name_col(lang))) for lang in languages()}
        steps.append(Step(f"goal_{gid}", titles, _goal(gid), goal_id=gid))
    steps += [
        Step("projects", _every(N_("wt_projects_title")), projects_step),
        Step("personnel", _every(N_("wt_personnel_title")), _personnel),
        Step("finance", _every(N_("wt_finance_title")), _finance),
    ]
    if not as_query(source)("verdicts").empty:
        steps.append(Step("verdicts", _every(N_("vd_title")), _verdicts))
    return steps


def step_view(q: Query, index: int, lang: str = "sv", present: bool = False) -> StepView:
    """Return what step `index` (1-based) shows, filled from the query function."""
    return walkthrough_steps(q)[index - 1].render(q, lang, present)
