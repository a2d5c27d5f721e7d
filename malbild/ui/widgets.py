"""Widgets the pages draw views with: charts with their text alternative, sources, key figures, URL-bound choices."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from malbild.charts.style import plotly_config
from malbild.charts.tables import grid_html, statement_html
from malbild.data.source_lines import format_ranges, merge_ranges
from malbild.ui.blocks import (
    details_html,
    esc,
    metrics_html,
    note_html,
    paragraphs_html,
    passage_html,
    table_html,
    verdicts_html,
)
from malbild.ui.cached import shared_view
from malbild.ui.chrome import Ctx, nav_params
from malbild.views.base import ChartView, Metric, Query
from malbild.views.finance import finance_view
from malbild.views.goal import GoalText
from malbild.views.overview import overview_view
from malbild.views.sources import passage_note
from malbild.views.verdicts import VerdictGroup

MAX_PASSAGE_LINES = 80


def source_html(ctx: Ctx, source_lines: str | list[str], label: str | None = None) -> str:
    """Where a figure comes from, folded: the source lines in the summary, the quoted passage inside ('' if none)."""
    ranges = merge_ranges(source_lines)
    if not ranges:
        return ""
    note = shared_view(passage_note, ";".join(f"{a}-{b}" for a, b in ranges), MAX_PASSAGE_LINES)
    summary = f"{label or ctx.t('show_source')} · {ctx.t('source_caption', lines=format_ranges(ranges))}"
    return details_html(summary, passage_html(note.lines, ctx.t("source_more", n=note.more) if note.more else ""))


def verdicts_block(ctx: Ctx, groups: list[VerdictGroup], note: str = "", heading: str = "h2") -> None:
    """The report's own verdicts, one column per giver, each quoted in Swedish with its outcome and its source."""
    if groups:
        mark = f"✎ {ctx.t('hr_mark_entered')}"
        sources = lambda lines: source_html(ctx, lines)  # noqa: E731
        st.html(verdicts_html(groups, sources, ctx.t("vd_quote_label"), note, mark, heading))


def reasoning_html(ctx: Ctx, text: GoalText | None) -> str:
    """One of a goal's texts (outcome, recommendations, last year's): its paragraphs and its source, or a gap."""
    if text is None:
        return f"<p><em>{esc(ctx.t('no_data'))}</em></p>"
    return paragraphs_html(text.paragraphs) + source_html(ctx, text.source_lines)


def source_note(ctx: Ctx, source_lines: str | list[str], label: str | None = None) -> None:
    """Show where a figure comes from: a folded section with the source lines and the quoted passage."""
    block = source_html(ctx, source_lines, label)
    if block:
        st.html(block)


def entered_note(ctx: Ctx, lines: list[str]) -> None:
    """Show who entered figures, when and from which document (as text: an editor typed it)."""
    if lines:
        st.html("".join(note_html(line) for line in lines))


def chart(
    ctx: Ctx,
    fig: go.Figure,
    data: pd.DataFrame,
    alt: str,
    source_lines: str | list[str] | None = None,
    key: str | None = None,
    note: str = "",
) -> None:
    """Draw a chart, then in one block its text alternative, its data as a table, its source and its note."""
    st.plotly_chart(fig, config=plotly_config(ctx.present), alt=alt, key=key, theme=None)
    parts = [note_html(alt)]
    if not ctx.present:
        parts.append(details_html(ctx.t("chart_data_table"), table_html(data, ctx.lang)))
        if source_lines is not None:
            parts.append(source_html(ctx, source_lines))
    parts.append(note_html(note))
    st.html("".join(parts))


def show_chart(ctx: Ctx, view: ChartView) -> None:
    """Draw a view's chart with its text alternative, its data as a table, its source and its note."""
    chart(ctx, view.figure, view.data, view.alt, view.source_lines or None, key=view.key or None, note=view.note)


def show_metrics(metrics: list[Metric], columns: int | None = None, border: bool = False) -> None:
    """Show key figures side by side (wrapping after `columns`), as one block."""
    if metrics:
        st.html(metrics_html(metrics, columns, border))


def overview_grid_block(q: Query, lang: str, present: bool) -> str:
    """The overview's goal × year grid as HTML, each goal linking to its page: the same for every viewer of a language
    and mode, so pages take it through shared_view (built once per data revision, not once per session)."""
    view = overview_view(q, lang, present)
    link = "Goals?goal={goal}" + "".join(f"&{k}={v}" for k, v in nav_params(Ctx(lang, present)).items())
    return grid_html(view.grid, lang, link=link, progress=view.progress_column)


def statement_blocks(q: Query, lang: str) -> list[str]:
    """Each financial statement as an HTML table, in the order of the Finance page: the same for every viewer of a
    language, so the page takes them through shared_view (built once per data revision, not once per session)."""
    return [statement_html(s.lines, s.kind, lang) for s in finance_view(q, lang).statements]


def url_selectbox(label: str, options: dict, key: str, default=None):
    """A selectbox whose value lives in the URL as ?key=<option> (e.g. ?goal=5), shown by its label."""
    choices = list(options)
    by_text = {str(c): c for c in choices}
    raw = st.query_params.get(key)
    widget_key = f"{key}_widget"
    if raw in by_text:
        st.session_state[widget_key] = by_text[raw]
    elif st.session_state.get(widget_key) not in choices:
        st.session_state[widget_key] = default if default in choices else choices[0]

    def remember() -> None:
        """Write the new choice into the URL."""
        st.query_params[key] = str(st.session_state[widget_key])

    value = st.selectbox(label, choices, format_func=lambda c: str(options[c]), key=widget_key, on_change=remember)
    st.query_params[key] = str(value)
    return value
