"""Projekt / Projects: the granted projects, filtered by goal, owner, amount and name; totals, charts, downloads.

The filters live in the URL, so a link reproduces the view (see malbild/ui/projects.py).
"""

import streamlit as st

from malbild import fmt
from malbild.texts.safe import md, shown
from malbild.ui.cached import shared_view
from malbild.ui.chrome import page_setup
from malbild.ui.portfolio_detail import portfolio_detail_block
from malbild.ui.projects import (
    GOAL_WIDGET,
    OWNER_KEY,
    TEXT_KEY,
    all_owners,
    amount_from_url,
    amount_to_url,
    amount_widget_key,
    chart_tabs,
    clear_filters,
    downloads,
    goal_to_url,
    sync_goal_filter,
)
from malbild.ui.registry import PROJECTS
from malbild.ui.widgets import projects_blocks
from malbild.views.params import shown_value
from malbild.views.projects import (
    TOP_OWNERS,
    TOP_OWNERS_PRESENT,
    ProjectFilters,
    amount_labels,
    amount_options,
    clean_text,
    project_choices,
    projects_view,
    reversed_range,
)

ctx = page_setup(PROJECTS)
st.title(ctx.t("prj_title"))
st.caption(ctx.t("prj_intro"))
choices = shared_view(project_choices, ctx.lang)

bad_goals = sync_goal_filter(list(choices.labels))

st.header(ctx.t("prj_filters"))
left, right = st.columns(2)
goal_ids = left.multiselect(
    ctx.t("goal"),
    options=list(choices.labels),
    format_func=choices.labels.get,
    key=GOAL_WIDGET,
    on_change=goal_to_url,
    placeholder=ctx.t("prj_all_goals"),
    select_all=False,  # Streamlit's "Select all" is English only; no choice already means all goals
)
goal_to_url()
owners = right.multiselect(
    ctx.t("owner"),
    options=choices.owners,
    format_func=shown,  # an owner's name with its invisible characters written out
    key=OWNER_KEY,
    bind="query-params",
    placeholder=ctx.t("prj_all_owners_ph"),
    select_all=False,
)
left, right = st.columns(2)
# A select_slider, so the thumbs read "300 000 kr"; a range in the URL is its start (see malbild/ui/projects.py).
url_range, unreadable_range = amount_from_url(choices.bounds)
bad_range = url_range if url_range is not None and reversed_range(url_range) else None
options = amount_options(choices.bounds, url_range)
chosen_range = left.select_slider(
    ctx.t("amount_sek"),
    options=options,
    value=choices.bounds if url_range is None or bad_range else url_range,
    format_func=amount_labels(tuple(options), ctx.lang).__getitem__,
    key=amount_widget_key(),
    on_change=amount_to_url,
    args=(choices.bounds,),
)
left.caption(ctx.t("prj_amount_chosen", lo=fmt.sek(chosen_range[0], ctx.lang), hi=fmt.sek(chosen_range[1], ctx.lang)))
text = right.text_input(ctx.t("prj_f_text"), key=TEXT_KEY, bind="query-params", placeholder=ctx.t("prj_f_text_ph"))
right.button(ctx.t("prj_clear"), on_click=clear_filters, args=(choices.bounds,), key="prj_clear")

if bad_goals:
    st.warning(ctx.t("prj_bad_goal", values=", ".join(f"”{md(shown_value(v))}”" for v in bad_goals[:5])))
if bad_range:
    st.warning(ctx.t("prj_bad_range", lo=fmt.sek(bad_range[0], ctx.lang), hi=fmt.sek(bad_range[1], ctx.lang)))
if unreadable_range:
    st.warning(ctx.t("prj_bad_amount"))
filters = ProjectFilters(list(goal_ids), list(owners), tuple(chosen_range), clean_text(text))
top_n = None if all_owners() else TOP_OWNERS_PRESENT if ctx.present else TOP_OWNERS
view = shared_view(projects_view, choices, filters, ctx.lang, ctx.present, top_n=top_n)
# The text blocks are the same for every viewer of these filters: built once per data revision.
blocks = shared_view(projects_blocks, choices, filters, ctx.lang, ctx.present, top_n)
st.caption(
    f"**{md(ctx.t('exp_filters'))}:** " + " · ".join(f"{md(label)}: {md(value)}" for label, value in view.filters)
)

if blocks["metrics"]:
    st.html(blocks["metrics"])
if view.stated is not None:
    (st.caption if view.stated.matches else st.warning)(view.stated.message)

if view.rows.empty:
    st.info(ctx.t("no_rows"))
else:
    st.header(view.table_heading)
    if view.table_note:
        st.caption(view.table_note)
    cols = view.table_columns
    st.dataframe(
        view.table,  # the amounts formatted in the browser (fmt.sek_grid_format), not by a Styler per session
        hide_index=True,
        key="prj_table",
        column_config={
            cols["goal"]: st.column_config.TextColumn(width="small"),
            cols["project"]: st.column_config.TextColumn(width="large"),  # names whole where the screen allows
            cols["amount_sek"]: st.column_config.NumberColumn(
                help=ctx.t("prj_table_help"), format=fmt.sek_grid_format(ctx.lang)
            ),
        },
    )
    st.caption(ctx.t("prj_table_help"))
    if blocks["table_source"]:
        st.html(blocks["table_source"])

st.header(ctx.t("prj_download"))
downloads(ctx, view)

if view.charts:
    st.header(ctx.t("prj_charts"))
    chart_tabs(ctx, view, blocks)  # by goal, by owner, the grants' sizes: only the open tab's chart is drawn

# Context: what the report says about each chosen goal's whole portfolio.
st.header(ctx.t("prj_portfolio"))
st.caption(ctx.t("prj_portfolio_intro"))
st.html(blocks["portfolio"])
if blocks["portfolio_source"]:
    st.html(blocks["portfolio_source"])
if all_goals := shared_view(portfolio_detail_block, None, ctx.lang, ctx.present):  # e.g. the share with EU funding
    st.html(all_goals)
