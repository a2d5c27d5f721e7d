"""Mål / Goals: one goal at a time — sub-goals, levels, progress, the reasoning, its projects, funding vs level."""

import streamlit as st

from malbild import fmt
from malbild.data.store import entries_of, query
from malbild.texts import families, reads_report_language
from malbild.texts.labels import goal_labels
from malbild.texts.safe import md
from malbild.ui.blocks import details_html, note_html, pairs_html, paragraphs_html, sections_html, table_html
from malbild.ui.cached import shared_view
from malbild.ui.chrome import nav_params, page_setup
from malbild.ui.widgets import (
    entered_note,
    lead_html,
    reasoning_html,
    show_chart,
    show_metrics,
    source_note,
    url_selectbox,
)
from malbild.views.goal import goal_view
from malbild.views.params import shown_value
from malbild.views.provenance import goal_level_lines

PROJECT_TABS = "gp_projects_tab"  # the goal's projects as a table or as a chart

ctx = page_setup("page_goals")
goal_id = url_selectbox(
    ctx.t("gp_pick"),
    goal_labels(query("goals"), ctx.lang),
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
    entered_note(ctx, goal_level_lines(entries_of("goal_assessment"), goal_id, ctx.lang))

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
    lines = note_html(ctx.t("source_caption", lines=view.summary.source_lines))
    st.html(details_html(view.summary.title, paragraphs_html(view.summary.paragraphs) + lines))

st.header(ctx.t("ov_total_projects", year=view.year))
if view.projects is None:
    st.info(view.no_projects)
else:
    st.markdown(view.projects_total)
    # Lazy tabs: the chart (the table's figures drawn) is built and drawn only when its tab is opened.
    as_table, as_chart = st.tabs([ctx.t("gp_as_table"), ctx.t("gp_as_chart")], key=PROJECT_TABS, on_change="rerun")
    if as_table.open:
        with as_table:
            # Largest first, as the report lists them (amounts right-aligned as figures); sortable on Projekt (below).
            amount = ctx.t("amount_sek")
            shown = view.projects_table.assign(**{amount: [fmt.sek(v, ctx.lang) for v in view.projects_table[amount]]})
            st.html(table_html(shown, ctx.lang, label=ctx.t("ov_total_projects", year=view.year)))
    if as_chart.open:
        with as_chart:
            show_chart(ctx, view.projects)
st.page_link(
    "pages/2_Projects.py", label=ctx.t("gp_all_projects"), icon="➡️", query_params=nav_params(ctx, goal=goal_id)
)

st.header(ctx.t("gp_funding_vs_level"))
show_chart(ctx, view.funding_vs_level)
