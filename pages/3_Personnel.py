"""Personal / Personnel: employees and employments, age structure, contracts, health and managers, year on year."""

from functools import partial

import streamlit as st

from malbild.texts import N_
from malbild.ui.cached import shared_view
from malbild.ui.chrome import page_setup
from malbild.ui.finance_stated import personnel_costs_block
from malbild.ui.registry import PERSONNEL
from malbild.ui.widgets import lazy_tabs, personnel_blocks, show_chart
from malbild.views.base import ChartView
from malbild.views.personnel import MetricRow, personnel_view

HEALTH_TABS = "hr_health_tab"  # the open health chart tab
STRUCTURE_TABS = "hr_structure_tab"  # age structure or types of employment

ctx = page_setup(PERSONNEL)
view = shared_view(personnel_view, ctx.lang, ctx.present)
if view is None:
    st.title(ctx.t("page_personnel"))
    st.info(ctx.t("no_data"))
    st.stop()
# The text blocks are the same for every viewer of a language and mode: built once per data revision.
blocks = shared_view(personnel_blocks, ctx.lang, ctx.present)


def figures(row: MetricRow, name: str) -> None:
    """A row of figures with last year's values, then their source passage (one block)."""
    if not row.metrics:
        st.info(ctx.t("no_data"))
        return
    st.html(blocks[name])


def chart_or_gap(chart: ChartView | None) -> None:
    """A chart, or a note that the report gives no figures for it."""
    if chart is None:
        st.info(ctx.t("no_data"))
    else:
        show_chart(ctx, chart, blocks)


st.title(ctx.t("hr_heading", year=view.year))
st.caption(ctx.t("hr_intro", prev=view.prev))
st.caption(ctx.t("hr_mark_legend"))

st.header(ctx.t("hr_staff"))
figures(view.staff, "staff")

st.header(ctx.t("hr_structure"))
lazy_tabs(
    STRUCTURE_TABS,
    {
        ctx.t("ds_hr_age_band"): partial(chart_or_gap, view.age),
        ctx.t("hr_contracts"): partial(chart_or_gap, view.contracts),
    },
)
figures(view.contract_shares, "contract_shares")

st.header(ctx.t("hr_health"))
health_charts = {N_("hr_tab_sick"): view.sick, N_("hr_tab_healthy"): view.healthy, N_("hr_tab_wellness"): view.wellness}
lazy_tabs(HEALTH_TABS, {ctx.t(label): partial(chart_or_gap, chart) for label, chart in health_charts.items()})
figures(view.health, "health")

st.header(ctx.t("hr_mobility"))
figures(view.mobility, "mobility")

st.header(ctx.t("fd_personnel_heading"))
if costs := shared_view(personnel_costs_block, ctx.lang, ctx.present):  # notes 4, 5 and 16
    st.html(costs)
else:
    st.info(ctx.t("no_data"))

st.header(ctx.t("hr_all_figures"))
st.caption(ctx.t("hr_all_figures_note"))
st.html(blocks["all_figures"])
