"""The report's verdicts as one chart: each verdict's outcome on one scale (yes, mostly, partly, no), named in words."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from malbild.charts.style import GAP_COLOR, LEVEL_COLORS, base_layout, wrap_title
from malbild.texts import t
from malbild.texts.safe import plotly_texts

# How far a verdict says yes: the bar's length. The bar's text names the outcome, so colour is never alone.
OUTCOME_SCALE: dict[str, int] = {"yes": 3, "mostly": 2, "partly": 1, "no": 0}
_COLORS = {3: LEVEL_COLORS[3], 2: LEVEL_COLORS[2], 1: LEVEL_COLORS[1], 0: LEVEL_COLORS[1]}


def verdict_bars(frame: pd.DataFrame, year: int, lang: str = "sv", present: bool = False) -> go.Figure:
    """Horizontal bars, one per verdict (columns label, outcome, score; score NULL: no single outcome), top first."""
    rows = frame.iloc[::-1]
    scores = [None if pd.isna(s) else int(s) for s in rows["score"]]
    fig = go.Figure(
        go.Bar(
            y=[wrap_title(label, 60) for label in plotly_texts(rows["label"])],
            x=[s if s is not None else 0 for s in scores],
            orientation="h",
            marker=dict(color=[GAP_COLOR if s is None else _COLORS[s] for s in scores]),
            text=plotly_texts(rows["outcome"]),
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    fig.update_layout(title_text=t("vd_chart_title", lang, year=year), showlegend=False)
    fig.update_xaxes(
        range=[0, 3.9],
        tickvals=[1, 2, 3],
        showticklabels=False,  # each bar names its outcome; the scale's words would crowd under it
        title_text=t("fin_col_outcome", lang),
    )
    fig.update_yaxes(type="category", automargin=True)
    return base_layout(fig, lang, present, height=560)
