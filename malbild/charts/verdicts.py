"""The report's verdicts as one chart: how many verdicts say yes, mostly, partly or no, named in words."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from malbild.charts.style import GAP_COLOR, LEVEL_COLORS, base_layout, wrap_title
from malbild.texts import t
from malbild.texts.safe import plotly_texts

# How far a verdict says yes (yes 3 … no 0); a bar's colour follows it, and its axis label names it in words.
OUTCOME_SCALE: dict[str, int] = {"yes": 3, "mostly": 2, "partly": 1, "no": 0}
_COLORS = {3: LEVEL_COLORS[3], 2: LEVEL_COLORS[2], 1: LEVEL_COLORS[1], 0: LEVEL_COLORS[1]}


def verdict_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """Verdicts per outcome (columns outcome, score, verdicts, labels) from one row per verdict (label, outcome, score),
    yes first; an outcome no verdict has is left out, 'no single outcome' (score NULL) comes last."""
    rows = []
    scores = [None if pd.isna(s) else int(s) for s in frame["score"]]
    for score in (3, 2, 1, 0, None):
        mine = [i for i, s in enumerate(scores) if s == score]
        if mine:
            rows.append(
                {
                    "outcome": frame["outcome"].iloc[mine[0]],
                    "score": score,
                    "verdicts": len(mine),
                    "labels": [frame["label"].iloc[i] for i in mine],
                }
            )
    return pd.DataFrame(rows, columns=["outcome", "score", "verdicts", "labels"])


def verdict_bars(frame: pd.DataFrame, year: int, lang: str, present: bool = False) -> go.Figure:
    """Bars of the number of verdicts per outcome; each bar's label names the outcome, its hover the verdicts."""
    counts = verdict_counts(frame)
    fig = go.Figure(
        go.Bar(
            x=[wrap_title(text, 12) for text in plotly_texts(counts["outcome"])],
            y=counts["verdicts"],
            marker=dict(
                color=[GAP_COLOR if pd.isna(s) else _COLORS[int(s)] for s in counts["score"]],
                pattern=dict(
                    shape=["/" if pd.isna(s) else "" for s in counts["score"]],
                    fillmode="overlay",
                    fgcolor="white",
                    solidity=0.4,
                ),
            ),
            text=counts["verdicts"],
            textposition="outside",
            cliponaxis=False,
            customdata=["<br>".join(plotly_texts(labels)) for labels in counts["labels"]],
            hovertemplate="%{x}: %{y}<br>%{customdata}<extra></extra>",
        )
    )
    top = int(counts["verdicts"].max()) if len(counts) else 1
    fig.update_layout(title_text=t("vd_chart_title", lang, year=year), showlegend=False)
    fig.update_xaxes(title_text=t("fin_col_outcome", lang), type="category")
    fig.update_yaxes(title_text=t("vd_axis", lang), range=[0, top * 1.25 + 0.5], dtick=1)
    return base_layout(fig, lang, present, height=400)
