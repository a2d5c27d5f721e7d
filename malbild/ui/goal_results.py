"""The Goals page's block for what the work achieved: the goal's result indicators as a table with their lines, a
note on how they are given, and their source passage."""

from __future__ import annotations

from malbild.ui.blocks import fit_html, note_html, paragraphs_html, table_html
from malbild.ui.chrome import Ctx
from malbild.ui.widgets import source_html
from malbild.views.base import Query
from malbild.views.goal_results import goal_results_view


def goal_results_block(q: Query, goal_id: int, lang: str, present: bool) -> str:
    """A goal's result indicators as one HTML block (a sentence when the report states none). The same for every
    viewer of a goal, language and mode, so the page takes it through shared_view."""
    view = goal_results_view(q, goal_id, lang)
    if view.table.empty:
        return paragraphs_html([view.empty])
    ctx = Ctx(lang, present)
    return "".join(
        [
            fit_html(table_html(view.table, lang, label=view.label)),  # three columns: on a phone too
            note_html(ctx.t("gr_note")),
            source_html(ctx, view.source_lines),
        ]
    )
