"""Charts about the goals: levels over the years, funding per goal, funding against level."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from malbild import fmt
from malbild.charts.style import GAP_COLOR, LEVEL_COLORS, base_layout, goal_color, money_axis, wrap_title
from malbild.texts import name_col, t
from malbild.texts.labels import LEVEL_SYMBOLS, goal_label, level_label
from malbild.texts.safe import plotly_text, plotly_texts


def level_history(frame: pd.DataFrame, lang: str = "sv", present: bool = False) -> go.Figure:
    """Levels of one goal by year (columns year, level); gaps are marked 'not stated'."""
    fig = go.Figure()
    known = frame[frame["level"].notna()]
    gaps = frame[frame["level"].isna()]
    fig.add_trace(
        go.Scatter(
            x=known["year"].astype(str),
            y=known["level"],
            mode="lines+markers+text",
            line=dict(color="#57606a", width=3),
            marker=dict(
                size=26, color=[LEVEL_COLORS[int(v)] for v in known["level"]], line=dict(width=2, color="white")
            ),
            text=[f"{LEVEL_SYMBOLS[int(v)]} {int(v)}" for v in known["level"]],  # the words are on the axis
            customdata=[level_label(v, lang) for v in known["level"]],
            textposition="top center",
            cliponaxis=False,
            name=t("level", lang),
            hovertemplate="%{x}: %{customdata}<extra></extra>",
        )
    )
    if len(gaps):
        fig.add_trace(
            go.Scatter(
                x=gaps["year"].astype(str),
                y=[0.5] * len(gaps),
                mode="markers+text",
                marker=dict(size=22, symbol="circle-open", color=GAP_COLOR, line=dict(width=3)),
                text=[t("level_gap_short", lang)] * len(gaps),
                textposition="top center",
                cliponaxis=False,
                name=t("level_gap_short", lang),
                hovertemplate="%{x}: %{text}<extra></extra>",
            )
        )
    fig.update_layout(showlegend=False)
    fig.update_xaxes(
        title_text=t("year", lang),
        type="category",
        categoryorder="category ascending",
        range=[-0.6, frame["year"].nunique() - 0.4],
    )
    fig.update_yaxes(
        title_text=t("level_scale", lang),
        range=[0, 3.8],
        tickvals=[1, 2, 3],
        ticktext=[level_label(n, lang) for n in (1, 2, 3)],
    )
    return base_layout(fig, lang, present, height=340)


def funding_per_goal(frame: pd.DataFrame, year: int, lang: str = "sv", present: bool = False) -> go.Figure:
    """SEK granted per goal (columns goal_id, name_sv, name_en, projects, amount_sek), one colour per goal."""
    names = frame[name_col(lang)]
    # Short goal and amount as the axis label (never cut, however narrow); the full name is in the hover.
    labels = [
        f"{t('goal_n', lang, n=int(g))} · {fmt.msek(a, lang)}" for g, a in zip(frame["goal_id"], frame["amount_sek"])
    ]
    fig = go.Figure(
        go.Bar(
            x=frame["amount_sek"],
            y=labels,
            orientation="h",
            marker=dict(color=[goal_color(g) for g in frame["goal_id"]]),
            customdata=[
                [fmt.sek(a, lang), p, goal_label(g, plotly_text(n), lang)]
                for a, p, g, n in zip(frame["amount_sek"], frame["projects"], frame["goal_id"], names)
            ],
            hovertemplate="%{customdata[2]}<br>%{customdata[0]}<br>%{customdata[1]} "
            + t("page_projects", lang).lower()
            + "<extra></extra>",
        )
    )
    fig.update_layout(title_text=t("chart_funding_per_goal", lang, year=year), showlegend=False)
    top = float(frame["amount_sek"].max()) if len(frame) else 1.0
    money_axis(fig, "x", top, t("granted", lang), lang)
    fig.update_yaxes(autorange="reversed", automargin=True)
    return base_layout(fig, lang, present, height=80 + 55 * max(len(frame), 1))


def funding_vs_level(frame: pd.DataFrame, year: int, lang: str = "sv", present: bool = False) -> go.Figure:
    """SEK granted against level across goals (columns goal_id, amount_sek, projects, level)."""
    fig = go.Figure()
    for row in frame.itertuples(index=False):
        level = None if fmt.is_missing(row.level) else int(row.level)
        fig.add_trace(
            go.Scatter(
                x=[level if level is not None else 0],
                y=[row.amount_sek],
                mode="markers+text",
                marker=dict(
                    size=22 + min(row.projects, 30),
                    color=goal_color(row.goal_id),
                    line=dict(width=2, color="white"),
                    symbol="circle" if level is not None else "circle-open",
                ),
                text=[t("goal_n", lang, n=row.goal_id)],
                textposition="middle right",
                name=t("goal_n", lang, n=row.goal_id),
                customdata=[[fmt.sek(row.amount_sek, lang), row.projects, level_label(level, lang)]],
                hovertemplate="%{text}<br>%{customdata[2]}<br>%{customdata[0]}<br>%{customdata[1]} "
                + t("page_projects", lang).lower()
                + "<extra></extra>",
            )
        )
    has_gap = frame["level"].isna().any()
    ticks = ([0] if has_gap else []) + [1, 2, 3]
    fig.update_layout(title_text=t("chart_funding_vs_level", lang, year=year), showlegend=False)
    fig.update_xaxes(
        title_text=t("level_scale", lang),
        tickvals=ticks,
        ticktext=[level_label(None if v == 0 else v, lang) for v in ticks],
        range=[(-0.5 if has_gap else 0.5), 3.6],
    )
    money_axis(fig, "y", float(frame["amount_sek"].max()) if len(frame) else 1.0, t("granted", lang), lang)
    return base_layout(fig, lang, present, height=420)


def goal_projects(frame: pd.DataFrame, goal_id: int, year: int, lang: str = "sv", present: bool = False) -> go.Figure:
    """Projects granted under one goal (columns owner, project, amount_sek), largest first."""
    frame = frame.sort_values("amount_sek", ascending=True)
    # The amount is part of each bar's label, so it is never clipped however narrow the chart is.
    # Name (at most 24 characters) over its amount: the label fits a phone and is never cut; the full name is in
    # the hover and the table.
    names = [p if len(p) <= 24 else p[:23] + "…" for p in frame["project"]]
    fig = go.Figure(
        go.Bar(
            x=frame["amount_sek"],
            y=[f"{plotly_text(n)}<br>{fmt.sek(a, lang)}" for n, a in zip(names, frame["amount_sek"])],
            orientation="h",
            marker=dict(color=goal_color(goal_id)),
            customdata=list(
                zip(
                    plotly_texts(frame["owner"]),
                    plotly_texts(frame["project"]),
                    [fmt.sek(a, lang) for a in frame["amount_sek"]],
                )
            ),
            hovertemplate="%{customdata[1]}<br>%{customdata[0]}<br>%{customdata[2]}<extra></extra>",
        )
    )
    fig.update_layout(title_text=t("chart_goal_projects", lang, year=year, goal=goal_id), showlegend=False)
    top = float(frame["amount_sek"].max()) if len(frame) else 1.0
    money_axis(fig, "x", top, t("amount", lang), lang)
    fig.update_yaxes(automargin=True)
    base_layout(fig, lang, present, height=120 + 48 * max(len(frame), 1))
    return fig.update_layout(margin_b=int(fig.layout.font.size * 4))  # the axis title below the ticks


def goal_ids_text(ids: list[int]) -> str:
    """Join goal numbers: '1, 2, 3, 6' reads in both languages."""
    return ", ".join(str(i) for i in ids)


def _level_tick(label: str) -> str:
    """'●●○ 2 Delvis uppnått' as '●●○ 2<br>Delvis<br>uppnått': short lines that stand upright under a bar."""
    symbols, _, rest = label.partition(" ")
    number, _, words = rest.partition(" ")
    if not number.isdigit():  # a gap: '– Ej angivet'
        return wrap_title(label, 14)
    return f"{symbols} {number}<br>{wrap_title(words, 14)}"


def level_count_bars(frame: pd.DataFrame, year: int, lang: str = "sv", present: bool = False) -> go.Figure:
    """Bars of the number of goals per level (columns level, label, goals, goal_ids); each bar names its goals."""
    colors = [GAP_COLOR if fmt.is_missing(lv) else LEVEL_COLORS[int(lv)] for lv in frame["level"]]
    texts = [
        t("wt_goals_list" if len(ids) > 1 else "wt_goal_single", lang, ids=goal_ids_text(ids)) if ids else ""
        for ids in frame["goal_ids"]
    ]
    fig = go.Figure(
        go.Bar(
            x=frame["label"],
            y=frame["goals"],
            marker=dict(
                color=colors,
                pattern=dict(
                    shape=["" if not fmt.is_missing(lv) else "/" for lv in frame["level"]],
                    fillmode="overlay",
                    fgcolor="white",
                    solidity=0.4,
                ),
            ),
            text=texts,
            textposition="outside",
            cliponaxis=False,
            customdata=[[n, txt] for n, txt in zip(frame["goals"], texts)],
            hovertemplate="%{x}<br>"
            + t("wt_axis_goals", lang)
            + ": %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        )
    )
    top = int(frame["goals"].max()) if len(frame) else 1
    fig.update_layout(title_text=t("wt_chart_levels", lang, year=year), showlegend=False)
    # Upright tick labels: symbol and number on one line, the level's words wrapped below (never rotated).
    # They name the level themselves (the title says "per nivå"), so no axis title collides with them.
    fig.update_xaxes(
        type="category",
        tickvals=list(frame["label"]),
        ticktext=[_level_tick(label) for label in frame["label"]],
        tickangle=0,
    )
    fig.update_yaxes(title_text=t("wt_axis_goals", lang), range=[0, top * 1.3 + 0.5], dtick=1)
    return base_layout(fig, lang, present, height=400)
