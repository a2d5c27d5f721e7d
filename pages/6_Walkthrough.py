"""Genomgång / Walk-through: one step per screen for a meeting — overview, each goal, projects, personnel, finance.

Each step has its own URL (?step=4, counted from 1; an invalid step opens step 1 and says so), so a presenter can
open the meeting at any step. Previous/Next buttons and the ← → keys move between steps. With ?present=1 every step fits
the screen (1280×720 and up) without scrolling: title, one message, the key figures large, the chart filling the rest.
"""

import streamlit as st

from malbild.charts.style import plotly_config
from malbild.texts.safe import md
from malbild.ui.blocks import key_figures_html, paragraph_html
from malbild.ui.cached import shared_view
from malbild.ui.chrome import fill_screen, page_setup
from malbild.ui.registry import WALKTHROUGH
from malbild.ui.walkthrough import check_url_step, export_downloads, step_navigation, step_titles
from malbild.ui.widgets import show_step_chart, url_selectbox
from malbild.views.walkthrough import step_view

CHART_KEY = "wk_chart"

ctx = page_setup(WALKTHROUGH)
titles = shared_view(step_titles, ctx.lang)
n = len(titles)
check_url_step(ctx, n)  # a missing or invalid step opens step 1, and the URL says so (the selector follows the URL)

with st.sidebar:
    st.divider()
    index = url_selectbox(
        ctx.t("wk_jump"),
        {i: f"{i}. {title}" for i, title in enumerate(titles, start=1)},
        key="step",
        default=1,
    )
    st.caption(ctx.t("wk_keys"))

view = shared_view(step_view, index, ctx.lang, ctx.present)
step_navigation(ctx, index, n)

st.title(md(titles[index - 1]), anchor=False)
st.html(paragraph_html(view.message, cls="mb-msg"))
key_figures = key_figures_html(view.key_figures, ctx.t("deck_key_figures"))

if ctx.present:
    # One screen: the chart takes the height the title and message leave; the key figures stand beside it.
    # The chart's text alternative goes with it (alt), not as visible text.
    fill_screen(ctx, CHART_KEY)
    with st.container(key="wk_body"):
        graph, figures = st.columns([3, 2], gap="medium")
        with graph:
            st.plotly_chart(view.figure, config=plotly_config(True), alt=view.alt, key=CHART_KEY, theme=None)
        figures.html(key_figures)
else:
    st.html(key_figures)
    show_step_chart(ctx, view, CHART_KEY)

if not ctx.present:
    export_downloads(ctx)
