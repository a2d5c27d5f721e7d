"""Mål / Goals: one goal at a time — sub-goals, levels, progress, the reasoning, its projects, funding vs level."""

import streamlit as st

from malbild.texts import families, reads_report_language
from malbild.texts.safe import md
from malbild.ui.blocks import details_html, note_html, pairs_html, paragraphs_html, sections_html, table_html
from malbild.ui.cached import shared_view
from malbild.ui.chrome import page_link, page_setup
from malbild.ui.goal_results import goal_results_block
from malbild.ui.portfolio_detail import portfolio_detail_block
from malbild.ui.registry import GOALS, PROJECTS
from malbild.ui.widgets import (
    entered_levels_note,
    lazy_tabs,
    lead_html,
    reasoning_html,
    show_chart,
    show_metrics,
    source_note,
    url_selectbox,
)
from malbild.views.coverage import coverage_texts
from malbild.views.goal import goal_choices, goal_view
from malbild.views.params import shown_value

PROJECT_TABS = "gp_projects_tab"  # the goal's projects as a table or as a chart

ctx = page_setup(GOALS)
goal_id = url_selectbox(
    ctx.t("gp_pick"),
    shared_view(goal_choices, ctx.lang),
    key="goal",
    refused=lambda raw, shown: ctx.t("gp_bad_goal", value=md(shown_value(raw)), shown=md(shown)),
)
view = shared_view(goal_view, goal_id, ctx.lang, ctx.present)
st.title(md(view.title))
source_note(ctx, view.source_lines)
show_metrics([view.level])
st.html(lead_html(ctx, view))  # why and what is recommended, before any chart

left, right = st.columns([2, 3])
with left:
    st.header(ctx.t("gp_subgoals"))
    st.markdown("\n".join(f"- **{md(number)}** {md(text)}" for number, text in view.subgoals))
    source_note(ctx, view.subgoal_source_lines)
with right:
    st.header(ctx.t("gp_levels"))
    show_chart(ctx, view.levels)
    entered_levels_note(ctx, goal_id)

st.header(ctx.t("gp_progress"))
if view.progress:
    st.html(pairs_html(view.progress))
source_note(ctx, view.progress_source_lines)

st.header(ctx.t("gp_why"))
if not reads_report_language(ctx.lang):
    st.caption(ctx.t("swedish_text_note"))
st.html(
    sections_html(
        [
            (ctx.t(families.GOAL_TEXT[kind], year=view.year), reasoning_html(ctx, text))
            for kind, text in view.texts.items()
        ]
    )
)
if view.summary is not None and not ctx.present:
    caption = shared_view(coverage_texts, ctx.lang).source_caption
    lines = note_html(caption(view.summary.source_lines, view.summary.document, ctx.lang))
    st.html(details_html(view.summary.title, paragraphs_html(view.summary.paragraphs) + lines))

st.header(ctx.t("gp_results"))
st.html(shared_view(goal_results_block, goal_id, ctx.lang, ctx.present))

st.header(ctx.t("ov_total_projects", year=view.year))
if view.projects is None:
    st.info(view.no_projects)
else:
    st.markdown(view.projects_total)
    label, chart = ctx.t("ov_total_projects", year=view.year), view.projects
    # Largest first, as the report lists them; sortable on Projekt (below). The chart is drawn only when opened.
    lazy_tabs(
        PROJECT_TABS,
        {
            ctx.t("gp_as_table"): lambda: st.html(table_html(view.projects_table, ctx.lang, label=label)),
            ctx.t("gp_as_chart"): lambda: show_chart(ctx, chart),
        },
    )
if details := shared_view(portfolio_detail_block, goal_id, ctx.lang, ctx.present):
    st.html(details)
page_link(ctx, PROJECTS, ctx.t("gp_all_projects"), "➡️", goal=goal_id)

st.header(ctx.t("gp_funding_vs_level"))
show_chart(ctx, view.funding_vs_level)
