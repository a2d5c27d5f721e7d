"""The parts every view is made of: a chart with its text alternative, a metric, a walk-through step.

A view function takes a query function (`Query`: a named query and its parameters in, a DataFrame out), its
parameters and the language, and returns a frozen dataclass. The app passes its cached `ui.store.query`; the
deck, the snapshot and the tests pass `reader(con)` over a connection or cursor. Views never touch Streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Literal

import duckdb
import pandas as pd
import plotly.graph_objects as go

from malbild.data.queries import run_query

Query = Callable[..., pd.DataFrame]
Arrow = Literal["auto", "up", "down", "off"]  # a metric's change arrow, as st.metric takes it


def reader(con: duckdb.DuckDBPyConnection) -> Query:
    """Return a query function over a connection or cursor (no cache): for the deck, the snapshot and tests."""
    return partial(run_query, con)


@dataclass(frozen=True)
class ChartView:
    """A chart as every renderer needs it: the figure, its data as a table, its text alternative and sources.

    The figure is drawn when first asked for (`draw` is a chart builder with its data bound), so a renderer that
    shows only some of a view's charts builds only those.
    """

    draw: Callable[[], go.Figure] = field(repr=False)
    data: pd.DataFrame
    alt: str
    source_lines: str = ""
    key: str = ""
    note: str = ""  # a caption under the chart, e.g. how gaps are marked

    @cached_property
    def figure(self) -> go.Figure:
        """The chart, drawn once."""
        return self.draw()


@dataclass(frozen=True)
class Metric:
    """One key figure on a page: label, value, and optionally a change, its arrow and a help text."""

    label: str
    value: str
    delta: str | None = None
    help: str | None = None
    arrow: Arrow = "auto"

    @property
    def shown_arrow(self) -> Arrow:
        """The arrow as drawn: 'auto' becomes the direction of the delta's sign, so no arrow contradicts it."""
        return delta_arrow(self.delta, self.arrow)


_ZERO_CHANGE = re.compile(r"[+±−-]?\s*0+(?:[.,]0+)?(?![\d.,])")


def delta_arrow(delta: str | None, arrow: Arrow = "auto") -> Arrow:
    """The arrow a delta text earns: up for '+…', down for '−…' or '-…', none for '±0', '+0', '0' or no sign.

    Streamlit's own 'auto' reads only an ASCII '-' as negative, so '−1 år' (Unicode minus, as Babel writes it)
    would get an up arrow; this decides from the text as a reader sees it.
    """
    if arrow != "auto" or not delta:
        return arrow if delta else "off"
    head = delta.strip()[:1]
    if _ZERO_CHANGE.match(delta.strip()):
        return "off"  # '+0' is no change: an up arrow would claim one
    if head == "+":
        return "up"
    if head in ("−", "-"):
        return "down"
    return "off"


@dataclass(frozen=True)
class StepView:
    """What a subject shows in one step of the walk-through, on one slide and in one snapshot section:
    one chart, its key figures, one message sentence, the chart's data (text alternative), alt text, sources."""

    chart: ChartView
    key_figures: list[tuple[str, str]] = field(default_factory=list)
    message: str = ""

    @property
    def figure(self) -> go.Figure:
        """The step's chart."""
        return self.chart.figure

    @property
    def data(self) -> pd.DataFrame:
        """The chart's figures as a table."""
        return self.chart.data

    @property
    def alt(self) -> str:
        """The chart's text alternative."""
        return self.chart.alt

    @property
    def source_lines(self) -> str:
        """The source lines of everything the step shows."""
        return self.chart.source_lines
