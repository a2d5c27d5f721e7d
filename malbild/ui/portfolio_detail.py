"""The block for what the report's text says about the project portfolio (the Goals page for one goal, Projekt for
all goals): its sentences and their source passage."""

from __future__ import annotations

from malbild.ui.blocks import paragraphs_html
from malbild.ui.chrome import Ctx
from malbild.ui.widgets import source_html
from malbild.views.base import Query
from malbild.views.portfolio_detail import portfolio_detail_view


def portfolio_detail_block(q: Query, goal_id: int | None, lang: str, present: bool) -> str:
    """A goal's (goal_id None: all goals') portfolio details as sentences with their source ('' when the report
    states none). The same for every viewer of a goal, language and mode, so pages take it through shared_view."""
    view = portfolio_detail_view(q, goal_id, lang)
    if not view.sentences:
        return ""
    return paragraphs_html(view.sentences) + source_html(Ctx(lang, present), view.source_lines)
