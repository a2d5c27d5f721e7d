"""The Finance page's blocks for what the report states beside its main statements: the balance requirement and
the turnover,
and the shares of revenue and costs."""

from __future__ import annotations

from malbild.ui.blocks import (
    fit_html,
    metrics_html,
    note_html,
    paragraphs_html,
    sections_html,
    statement_html,
    table_html,
)
from malbild.ui.chrome import Ctx
from malbild.ui.widgets import source_html
from malbild.views.base import Metric, Query
from malbild.views.finance_detail import PERSONNEL, TOPICS, finance_detail_view
from malbild.views.finance_stated import (
    BALANCE_REQUIREMENT,
    TURNOVER,
    balance_requirement_view,
    shares_view,
    turnover_view,
)


def balance_requirement_block(q: Query, lang: str, present: bool) -> str:
    """The balance requirement as one HTML block: met or not per year in words with its figures, the statement's
    lines and their source passage ('' when the data hold no balance requirement statement). The same for every
    viewer of a language and mode, so the page takes it through shared_view."""
    view = balance_requirement_view(q, lang)
    if view is None:
        return ""
    ctx = Ctx(lang, present)
    verdicts = [Metric(v.label, v.status, help=v.sentence) for v in view.verdicts]
    return "".join(
        [
            paragraphs_html([ctx.t("fin_br_intro")]),
            metrics_html(verdicts, 2, True),
            fit_html(statement_html(view.lines, BALANCE_REQUIREMENT, lang)),
            note_html(ctx.t("fin_br_note")),
            source_html(ctx, view.source_lines),
        ]
    )


def turnover_block(q: Query, lang: str, present: bool) -> str:
    """The turnover and its split as one HTML block: a sentence, the lines and their source passage ('' when the
    data hold no turnover)."""
    view = turnover_view(q, lang)
    if view is None:
        return ""
    ctx = Ctx(lang, present)
    return "".join(
        [
            paragraphs_html([view.sentence]),
            fit_html(statement_html(view.lines, TURNOVER, lang)),
            note_html(ctx.t("fin_turnover_note")),
            source_html(ctx, view.source_lines),
        ]
    )


def shares_block(q: Query, lang: str, present: bool) -> str:
    """The report's shares of revenue and costs as tables side by side (one under the other on a phone), each with
    what its shares sum to, and their source passage ('' when the data hold none)."""
    view = shares_view(q, lang)
    if view is None:
        return ""
    ctx = Ctx(lang, present)
    sections = [(s.title, fit_html(table_html(s.table, lang, label=s.title)) + note_html(s.total)) for s in view.tables]
    return "".join([sections_html(sections), note_html(ctx.t("fin_shares_note")), source_html(ctx, view.source_lines)])


def finance_detail_block(q: Query, lang: str, present: bool, topics: tuple[str, ...] = TOPICS) -> str:
    """The finance topics beside the statements (Övrig basverksamhet, member fees, pensions, personnel costs; or only
    those asked for), each a table by year with its sentences on sums and other printed figures, and its source
    passage ('' when none)."""
    details = finance_detail_view(q, lang, topics)
    if not details:
        return ""
    ctx = Ctx(lang, present)
    parts = [
        sections_html(
            [(d.title, fit_html(table_html(d.table, lang, label=d.title)) + "".join(map(note_html, d.notes)))]
        )
        + source_html(ctx, d.source_lines)
        for d in details
    ]
    return "".join(parts) + note_html(ctx.t("fd_note" if topics == TOPICS else "fd_personnel_note"))


def personnel_costs_block(q: Query, lang: str, present: bool) -> str:
    """The personnel costs of notes 4, 5 and 16 (for the Personnel page)."""
    return finance_detail_block(q, lang, present, PERSONNEL)
