"""Widgets the pages draw views with: charts with their text alternative, sources, key figures, URL-bound choices."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from malbild.charts.style import plotly_config
from malbild.data.source_lines import format_ranges, merge_ranges
from malbild.texts.safe import md, md_frame
from malbild.ui.cached import shared_view
from malbild.ui.chrome import Ctx
from malbild.views.base import ChartView, Metric
from malbild.views.sources import passage_note

MAX_PASSAGE_LINES = 80


def source_note(ctx: Ctx, source_lines: str | list[str], label: str | None = None) -> None:
    """Show where a figure comes from: an expander with the source lines and the quoted passage."""
    ranges = merge_ranges(source_lines)
    if not ranges:
        return
    with st.expander(f"{label or ctx.t('show_source')} · {ctx.t('source_caption', lines=format_ranges(ranges))}"):
        note = shared_view(passage_note, ";".join(f"{a}-{b}" for a, b in ranges), MAX_PASSAGE_LINES)
        st.markdown(note.markdown)
        if note.more:
            st.caption(ctx.t("source_more", n=note.more))


def entered_note(ctx: Ctx, lines: list[str]) -> None:
    """Show who entered figures, when and from which document (as text: an editor typed it)."""
    for line in lines:
        st.caption(md(line))


def chart(
    ctx: Ctx,
    fig: go.Figure,
    data: pd.DataFrame,
    alt: str,
    source_lines: str | list[str] | None = None,
    key: str | None = None,
) -> None:
    """Draw a chart with its text alternative, its data as a table and its source."""
    st.plotly_chart(fig, config=plotly_config(ctx.present), alt=alt, key=key, theme=None)
    st.caption(md(alt))
    if not ctx.present:
        with st.expander(ctx.t("chart_data_table")):
            st.table(md_frame(data), hide_index=True)
        if source_lines is not None:
            source_note(ctx, source_lines)


def show_chart(ctx: Ctx, view: ChartView) -> None:
    """Draw a view's chart with its text alternative, its data as a table, its source and its note."""
    chart(ctx, view.figure, view.data, view.alt, view.source_lines or None, key=view.key or None)
    if view.note:
        st.caption(view.note)


def show_metrics(metrics: list[Metric], columns: int | None = None, border: bool = False) -> None:
    """Show key figures side by side (wrapping after `columns`)."""
    if not metrics:
        return
    cols = st.columns(min(len(metrics), columns or len(metrics)))
    for i, m in enumerate(metrics):
        cols[i % len(cols)].metric(
            m.label, m.value, delta=m.delta, delta_color="off", delta_arrow=m.shown_arrow, help=m.help, border=border
        )


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
