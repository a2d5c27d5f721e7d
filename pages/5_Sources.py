"""Källor / Sources: the data basis — how many figures are stated, derived, reconstructed or not stated,
and every figure with its source lines and the quoted passage."""

from dataclasses import replace

import streamlit as st

from malbild import fmt
from malbild.texts import families
from malbild.ui.blocks import passage_html
from malbild.ui.cached import shared_view
from malbild.ui.chrome import page_setup
from malbild.ui.registry import SOURCES
from malbild.ui.widgets import show_metrics
from malbild.views.documents import open_passage
from malbild.views.sources import BASES, FigureFilters, sources_view

ctx = page_setup(SOURCES)
st.title(ctx.t("src_heading"))
st.markdown(ctx.t("src_intro"))

state = st.session_state
text = (state.get("src_text") or "").strip() or None
view = shared_view(sources_view, ctx.lang, FigureFilters(state.get("src_dataset"), state.get("src_basis"), text))

st.header(ctx.t("src_bases"))
# Each basis with what it means (left out when presenting: the room hears it).
show_metrics([replace(metric, help=None) if ctx.present else metric for metric in view.bases])

st.subheader(ctx.t("src_per_dataset"))
st.dataframe(view.basis_table, hide_index=True)

st.header(ctx.t("src_list"))
a, b, c = st.columns([2, 2, 3])
a.selectbox(
    ctx.t("source_dataset"),
    [None, *view.datasets],
    format_func=lambda d: ctx.t("all") if d is None else view.datasets[d],
    key="src_dataset",
)
b.selectbox(
    ctx.t("basis"),
    [None, *BASES],
    format_func=lambda x: ctx.t("all") if x is None else ctx.t(families.BASIS[x]),
    key="src_basis",
)
c.text_input(ctx.t("src_filter_text"), key="src_text")
st.caption(view.shown)
if view.figures.empty:
    st.info(ctx.t("no_rows"))
else:
    st.dataframe(
        view.figures,
        hide_index=True,
        height=480 if not ctx.present else 360,
        column_config={ctx.t("year"): st.column_config.NumberColumn(format="%d")},
    )

st.subheader(ctx.t("src_document"))
st.markdown(ctx.t("src_document_text", n=fmt.number(view.source_line_count, lang=ctx.lang)))

# Every report, with the figures citing it, and a passage of any of them opened by its lines.
st.header(ctx.t("src_documents"))
st.markdown(ctx.t("src_documents_text"))
st.dataframe(view.documents, hide_index=True)
left, right = st.columns([2, 3])
document = left.selectbox(
    ctx.t("src_col_document"),
    list(view.document_titles),
    key="src_open_document",
    format_func=lambda d: f"{view.document_titles[d]} ({d})",
)
lines = right.text_input(ctx.t("src_open_lines"), key="src_open_lines").strip()
if document and lines:
    opened = shared_view(open_passage, document, lines, ctx.lang)
    if opened.message:
        st.info(opened.message)
    else:
        st.html(passage_html(opened.lines, ctx.t("source_more", n=opened.more) if opened.more else ""))
