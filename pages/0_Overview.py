"""Översikt / Overview (the default page): the six goals × years, level counts, the headline figures of every page."""

import streamlit as st

from malbild.texts import reads_report_language
from malbild.texts.safe import md
from malbild.ui.cached import shared_view
from malbild.ui.chrome import page_link, page_setup
from malbild.ui.registry import FINANCE, GOALS, OVERVIEW, PERSONNEL, PROJECTS, SOURCES
from malbild.ui.widgets import overview_grid_block, show_chart, show_metrics, verdicts_block
from malbild.views.coverage import coverage_texts
from malbild.views.overview import level_counts_view, overview_view
from malbild.views.verdicts import verdicts_view

ctx = page_setup(OVERVIEW, tagline=False)  # the tagline stands under the title
st.title(ctx.t("ov_heading"))
covered = shared_view(coverage_texts, ctx.lang)  # the years and reports the data holds, named
if not ctx.present:
    st.caption(covered.tagline)

# The report's own verdicts on goal fulfilment first: the region's and the auditors', quoted, with their sources.
verdicts = shared_view(verdicts_view, ctx.lang, ctx.present)
verdicts_block(ctx, verdicts.headline, verdicts.quoted_note)

view = shared_view(overview_view, ctx.lang, ctx.present)

if not ctx.present:
    st.header(covered.grid_title)
st.html(shared_view(overview_grid_block, ctx.lang, ctx.present))
if view.changes:
    st.subheader(ctx.t("ov_changes", year=view.year - 1))
    st.markdown("\n".join(f"- {md(sentence)}" for sentence in view.changes))
if not ctx.present and not reads_report_language(ctx.lang):
    st.caption(ctx.t("swedish_text_note"))

st.segmented_control(ctx.t("ov_year"), options=view.years, default=view.year, key="ov_year", required=True)
counts = shared_view(level_counts_view, ctx.lang, year=st.session_state.get("ov_year"))
st.subheader(ctx.t("ov_levels_heading", year=counts.year))
show_metrics(counts.metrics)
if counts.change_note:
    st.caption(counts.change_note)
page_link(ctx, GOALS, ctx.t("ov_more_goals"), "➡️")

st.header(ctx.t("deck_key_figures"))
left, right = st.columns([3, 2])
with left:
    st.subheader(ctx.t("ov_funding", year=view.funding.year))
    show_metrics(view.funding.metrics)
    show_chart(ctx, view.funding.chart)
    page_link(ctx, PROJECTS, ctx.t("ov_more_projects"), "➡️")
with right:
    st.subheader(ctx.t("page_finance"))
    show_metrics([view.finance])
    page_link(ctx, FINANCE, ctx.t("ov_more_finance"), "➡️")
    st.subheader(ctx.t("page_personnel"))
    show_metrics(view.personnel, columns=1)
    page_link(ctx, PERSONNEL, ctx.t("ov_more_personnel"), "➡️")
    page_link(ctx, SOURCES, ctx.t("ov_more_sources"), "ℹ️")
