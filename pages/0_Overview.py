"""Översikt / Overview (the default page): the six goals × years, level counts, the headline figures of every page."""

import streamlit as st

from malbild.texts import reads_report_language
from malbild.texts.safe import md
from malbild.ui.cached import shared_view
from malbild.ui.chrome import nav_params, page_setup
from malbild.ui.widgets import overview_grid_block, show_chart, show_metrics, verdicts_block
from malbild.views.overview import overview_view
from malbild.views.verdicts import verdicts_view

ctx = page_setup("page_overview", tagline=False)  # the tagline stands under the title
st.title(ctx.t("ov_heading"))
if not ctx.present:
    st.caption(ctx.t("app_tagline"))

# The report's own verdicts on goal fulfilment first: the region's and the auditors', quoted, with their sources.
verdicts = shared_view(verdicts_view, ctx.lang, ctx.present)
verdicts_block(ctx, verdicts.headline, verdicts.quoted_note)

view = shared_view(overview_view, ctx.lang, ctx.present, count_year=st.session_state.get("ov_year"))

if not ctx.present:
    st.header(ctx.t("ov_grid_title"))
st.html(shared_view(overview_grid_block, ctx.lang, ctx.present))
if view.changes:
    st.subheader(ctx.t("ov_changes", year=view.year - 1))
    st.markdown("\n".join(f"- {md(sentence)}" for sentence in view.changes))
if not ctx.present and not reads_report_language(ctx.lang):
    st.caption(ctx.t("swedish_text_note"))

st.segmented_control(ctx.t("ov_year"), options=view.years, default=view.year, key="ov_year", required=True)
st.subheader(ctx.t("ov_levels_heading", year=view.count_year))
show_metrics(view.level_metrics)
if view.change_note:
    st.caption(view.change_note)
st.page_link("pages/1_Goals.py", label=ctx.t("ov_more_goals"), icon="➡️", query_params=nav_params(ctx))

st.header(ctx.t("deck_key_figures"))
left, right = st.columns([3, 2])
with left:
    st.subheader(ctx.t("ov_funding", year=view.funding.year))
    show_metrics(view.funding.metrics)
    show_chart(ctx, view.funding.chart)
    st.page_link("pages/2_Projects.py", label=ctx.t("ov_more_projects"), icon="➡️", query_params=nav_params(ctx))
with right:
    st.subheader(ctx.t("page_finance"))
    show_metrics([view.finance])
    st.page_link("pages/4_Finance.py", label=ctx.t("ov_more_finance"), icon="➡️", query_params=nav_params(ctx))
    st.subheader(ctx.t("page_personnel"))
    show_metrics(view.personnel, columns=1)
    st.page_link("pages/3_Personnel.py", label=ctx.t("ov_more_personnel"), icon="➡️", query_params=nav_params(ctx))
    st.page_link("pages/5_Sources.py", label=ctx.t("ov_more_sources"), icon="ℹ️", query_params=nav_params(ctx))
