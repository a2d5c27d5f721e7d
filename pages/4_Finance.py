"""Ekonomi / Finance: the financial goals, the result, budget against outcome, income and costs, the statements."""

from functools import partial

import streamlit as st

from malbild.texts import N_, reads_report_columns
from malbild.ui.cached import shared_view
from malbild.ui.chrome import page_setup
from malbild.ui.finance_stated import balance_requirement_block, finance_detail_block, shares_block, turnover_block
from malbild.ui.registry import FINANCE
from malbild.ui.widgets import finance_blocks, lazy_tabs, show_chart, statement_blocks, verdicts_block
from malbild.views.base import ChartView
from malbild.views.finance import finance_view
from malbild.views.verdicts import verdicts_view

TREND_TABS, FLOW_TABS = "fin_trend_tab", "fin_flow_tab"  # the open tab of the goal trends and of income and costs
BUDGET_TABS = "fin_budget_tab"  # budget against outcome as a table or as a chart

ctx = page_setup(FINANCE)
view = shared_view(finance_view, ctx.lang, ctx.present, flow_year=st.session_state.get("fin_flow_year"))
# The text blocks are the same for every viewer of a language, mode and year: built once per data revision.
blocks = shared_view(finance_blocks, ctx.lang, ctx.present, flow_year=st.session_state.get("fin_flow_year"))


def chart_tabs(key: str, labels: list[str], charts: list[ChartView]) -> None:
    """Charts in lazy tabs, one per label (only the open one is drawn); one chart without tabs."""
    lazy_tabs(
        key, {label: partial(show_chart, ctx, chart, blocks) for label, chart in zip(labels, charts, strict=True)}
    )


st.title(ctx.t("fin_heading", year=view.year))
st.caption(ctx.t("fin_intro"))
if not reads_report_columns(ctx.lang):
    st.caption(ctx.t("fin_line_labels_note"))

st.header(ctx.t("fin_result"))
if not view.result:
    st.info(ctx.t("no_data"))
else:
    st.html(blocks["result"])

st.header(ctx.t("ds_financial_goal"))
if view.goals_table.empty:
    st.info(ctx.t("no_data"))
else:
    st.html(blocks["goals"])
    st.caption(ctx.t("fin_goals_note"))
    if blocks["goals_source"]:
        st.html(blocks["goals_source"])
    chart_tabs(TREND_TABS, view.trend_labels, view.trends)

verdicts = shared_view(verdicts_view, ctx.lang, ctx.present)
if verdicts.groups:
    st.header(ctx.t("vd_heading", year=verdicts.year))
    verdicts_block(ctx, verdicts.groups, verdicts.quoted_note, heading="h3")

st.header(ctx.t("fin_budget"))
if view.budget is None:
    st.info(ctx.t("no_data"))
else:
    # The figures first; their chart is drawn only when its tab is opened.
    table, chart = partial(st.html, blocks["budget"]), partial(show_chart, ctx, view.budget, blocks)
    lazy_tabs(BUDGET_TABS, {ctx.t("gp_as_table"): table, ctx.t("gp_as_chart"): chart})
    st.caption(view.budget_note)
    if blocks["budget_source"]:
        st.html(blocks["budget_source"])

st.header(ctx.t("fin_flows"))
if view.flow_year is None:
    st.info(ctx.t("no_data"))
else:
    st.segmented_control(
        ctx.t("year"), options=view.flow_years, default=view.flow_years[0], key="fin_flow_year", required=True
    )
    if not view.flows:
        st.info(ctx.t("no_rows"))
    flow_labels = {"fin_flows_chart": ctx.t("fin_tab_income"), "fin_costs_chart": ctx.t("fin_tab_costs")}
    chart_tabs(FLOW_TABS, [flow_labels[flow.key] for flow in view.flows], view.flows)
    st.caption(ctx.t("fin_flows_note"))

for i, (statement, table) in enumerate(zip(view.statements, shared_view(statement_blocks, ctx.lang), strict=True)):
    st.header(ctx.t(statement.title_key))
    if statement.lines.empty:
        st.info(ctx.t("no_data"))
        continue
    st.html(table)
    st.caption(ctx.t("fin_statement_note"))
    if blocks[f"statement_source_{i}"]:
        st.html(blocks[f"statement_source_{i}"])

# What the report states beside its statements (issue 20): the balance requirement, met or not.
for heading, block in (
    (N_("fin_br_heading"), balance_requirement_block),
    (N_("fin_turnover_heading"), turnover_block),
    ("ds_finance_share", shares_block),
    ("ds_finance_detail", finance_detail_block),
):
    st.header(ctx.t(heading))
    html = shared_view(block, ctx.lang, ctx.present)
    if html:
        st.html(html)
    else:
        st.info(ctx.t("no_data"))
