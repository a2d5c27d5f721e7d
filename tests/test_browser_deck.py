"""The deck's charts as the deck draws them, checked in Chromium at the picture's size (1200 × 680 px): the same
checks as tests/test_browser_visual.py — no text outside the chart's box, no trace with data drawn invisibly, no
legend entry without a swatch, no tick labels running into each other.

The figures are the deck's own (`deck_views`, sized by `sized_figure` as `render_images` sizes them for Kaleido),
drawn with the plotly.js that ships with the plotly package (the one Kaleido uses), in the system Chromium.
"""

from __future__ import annotations

import json

import plotly.graph_objects as go
import pytest
from plotly.offline import get_plotlyjs

from malbild.export.deck import deck_views
from malbild.export.images import IMG_H_PX, IMG_W_PX, sized_figure
from malbild.views.base import reader
from tests.test_browser_visual import CHECK_JS

pytestmark = pytest.mark.browser

DRAW_JS = """async spec => { const box = document.getElementById('chart'); Plotly.purge(box);
 await Plotly.newPlot(box, spec.data, spec.layout, {staticPlot: true}); return true; }"""


@pytest.fixture(scope="module")
def plot_page(chromium_browser):
    """A page of the picture's size with plotly.js loaded once; charts are drawn into it one after the other."""
    context = chromium_browser.new_context(viewport={"width": IMG_W_PX, "height": IMG_H_PX})
    page = context.new_page()
    page.set_content(
        '<html><body style="margin:0"><div id="chart"></div><script>' + get_plotlyjs() + "</script></body></html>"
    )
    yield page
    context.close()


def problems_of(page, fig: go.Figure) -> list[str]:
    """Draw one figure and return what the visual checks report about it."""
    page.evaluate(DRAW_JS, json.loads(fig.to_json()))
    return page.evaluate(CHECK_JS)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_deck_charts_show_every_mark_and_cut_no_text(plot_page, con, lang: str) -> None:
    views = deck_views(reader(con), lang)
    assert len(views) >= 10
    found = {}
    for n, view in enumerate(views, start=1):
        fig = sized_figure(view.figure)
        assert (fig.layout.width, fig.layout.height) == (IMG_W_PX, IMG_H_PX)
        problems = problems_of(plot_page, fig)
        if problems:
            found[n] = problems
    assert found == {}, found


def test_the_deck_check_sees_a_cut_label_and_a_blank_bar(plot_page, con) -> None:
    """The check itself: a title pushed off the picture, an invisible bar and colliding ticks are all reported."""
    fig = sized_figure(deck_views(reader(con), "sv")[0].figure)
    fig.add_annotation(text="utanför bilden", x=1.4, y=0.5, xref="paper", yref="paper", showarrow=False)
    fig.add_trace(go.Bar(x=["a", "b"], y=[1, 2], marker=dict(color="rgba(0,0,0,0)"), name="osynlig"))
    problems = " | ".join(problems_of(plot_page, fig))
    assert '"utanför bilden" outside the chart' in problems and '"osynlig" has data but no visible colour' in problems
