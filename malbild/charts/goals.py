"""Charts about the goals: levels over the years, funding per goal, funding against level."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from malbild import fmt
from malbild.charts.style import GAP_COLOR, LEVEL_COLORS, base_layout, goal_color, money_axis, wrap_title
from malbild.texts import name_col, t
from malbild.texts.labels import basis_mark, goal_label, level_label, marked_level
from malbild.texts.safe import plotly_text, plotly_texts


def level_history(frame: pd.DataFrame, lang: str, present: bool = False) -> go.Figure:
    """Levels of one goal by year (columns year, level); a year without a level is a gap, never a point.

    A gap is a dotted band over the whole height with "Ej angivet" under its year: nothing of it sits on the
    1–3 scale (a mark below level 1 would read as a climb), and the line breaks there instead of bridging it.
    """
    frame = frame.sort_values("year")
    years = [str(y) for y in frame["year"].astype(int)]
    levels = [None if fmt.is_missing(v) else int(v) for v in frame["level"]]
    bases = list(frame["basis"]) if "basis" in frame else [None] * len(levels)
    marks = [f" {basis_mark(b)}" if basis_mark(b) else "" for b in bases]  # † härlett, ✎ inmatat
    fig = go.Figure(
        go.Scatter(
            x=years,
            y=levels,
            mode="lines+markers+text",
            connectgaps=False,
            line=dict(color="#57606a", width=3),
            marker=dict(
                size=26,
                color=[GAP_COLOR if v is None else LEVEL_COLORS[v] for v in levels],
                line=dict(width=2, color="white"),
            ),
            # The axis names the level (symbol, number, words), so a point carries only its basis mark (†, ✎):
            # labels beside neighbouring points never collide, even on a phone.
            text=["" if v is None else m.strip() for v, m in zip(levels, marks)],
            customdata=[marked_level(v, b, lang) for v, b in zip(levels, bases)],
            textposition="top center",
            cliponaxis=False,
            name=t("level", lang),
            hovertemplate="%{x}: %{customdata}<extra></extra>",
        )
    )
    for position, level in enumerate(levels):
        if level is None:
            fig.add_shape(
                type="rect",
                xref="x",
                yref="paper",
                x0=position - 0.35,
                x1=position + 0.35,
                y0=0,
                y1=1,
                fillcolor="rgba(87, 96, 106, 0.08)",
                line=dict(color=GAP_COLOR, width=2, dash="dot"),
                layer="below",
            )
    fig.update_layout(showlegend=False)
    has_gap = any(v is None for v in levels)
    fig.update_xaxes(
        # '2016 –' under a gap, the axis title says what the dash means: short enough for adjacent gaps on a phone
        title_text=t("year_gap_axis" if has_gap else "year", lang),
        type="category",
        tickvals=years,
        ticktext=[y if v is not None else f"{y}<br>–" for y, v in zip(years, levels)],
        tickangle=0,
        range=[-0.6, len(years) - 0.4],
    )
    fig.update_yaxes(
        title_text=t("level_scale", lang),
        range=[0.5, 3.8],
        tickvals=[1, 2, 3],
        ticktext=[level_label(n, lang) for n in (1, 2, 3)],
    )
    return base_layout(fig, lang, present, height=340)


def funding_per_goal(frame: pd.DataFrame, year: int, lang: str, present: bool = False) -> go.Figure:
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


def funding_vs_level(frame: pd.DataFrame, year: int, lang: str, present: bool = False) -> go.Figure:
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
                # The label says the number of projects the bubble's size stands for (the size legend, in words).
                text=[t("chart_bubble_label", lang, goal=t("goal_n", lang, n=row.goal_id), n=row.projects)],
                # Left of the rightmost column, so the label stays on a phone's screen.
                textposition="middle left" if level == 3 else "middle right",
                name=t("goal_n", lang, n=row.goal_id),
                customdata=[[fmt.sek(row.amount_sek, lang), row.projects, level_label(level, lang)]],
                hovertemplate=t("goal_n", lang, n=row.goal_id)
                + "<br>%{customdata[2]}<br>%{customdata[0]}<br>%{customdata[1]} "
                + t("page_projects", lang).lower()
                + "<extra></extra>",
            )
        )
    has_gap = frame["level"].isna().any()
    ticks = ([0] if has_gap else []) + [1, 2, 3]
    fig.update_layout(title_text=t("chart_funding_vs_level", lang, year=year), showlegend=False)
    fig.update_xaxes(
        # The size legend, in words, under the axis name (an annotation ran into the title on a phone).
        title_text=f"{t('level_scale', lang)}<br>{t('chart_bubble_size', lang)}",
        tickvals=ticks,
        ticktext=[two_line_level(level_label(None if v == 0 else v, lang)) for v in ticks],  # side by side on a phone
        range=[(-0.5 if has_gap else 0.5), 3.6],
    )
    money_axis(fig, "y", float(frame["amount_sek"].max()) if len(frame) else 1.0, t("granted", lang), lang)
    return base_layout(fig, lang, present, height=420)


WHOLE_NAME_CHARS = 30  # a whole project name is wrapped into lines of at least this many characters ...
WHOLE_NAME_LINES = 4  # ... and wider when it would take more lines than this (a bar's room holds about four)


def whole_width(name: str) -> int:
    """The line width a whole project name is wrapped at: WHOLE_NAME_CHARS, wider for a very long name."""
    return max(WHOLE_NAME_CHARS, -(-len(name) // WHOLE_NAME_LINES) + 4)


def goal_projects(
    frame: pd.DataFrame, goal_id: int, year: int, lang: str, present: bool = False, whole: bool = False
) -> go.Figure:
    """Projects granted under one goal (columns owner, project, amount_sek), largest first; `whole` writes each
    name whole, wrapped between words (a slide or a presenter's few bars: nothing to hover over there)."""
    frame = frame.sort_values("amount_sek", ascending=True)
    amounts = [fmt.sek(a, lang) for a in frame["amount_sek"]]
    if whole:
        # Whole names, wrapped; each amount at the end of its bar (then the money axis says nothing more).
        labels = [
            "<br>".join(map(plotly_text, wrap_title(p, WHOLE_NAME_CHARS).split("<br>"))) for p in frame["project"]
        ]
    else:
        # The amount is part of each bar's label, so it is never clipped however narrow the chart is.
        # Name (at most 24 characters) over its amount: the label fits a phone and is never cut; the full name is in
        # the hover and the table.
        names = [p if len(p) <= 24 else p[:23] + "…" for p in frame["project"]]
        labels = [f"{plotly_text(n)}<br>{a}" for n, a in zip(names, amounts)]
    fig = go.Figure(
        go.Bar(
            x=frame["amount_sek"],
            y=labels,
            orientation="h",
            marker=dict(color=goal_color(goal_id)),
            customdata=list(zip(plotly_texts(frame["owner"]), plotly_texts(frame["project"]), amounts)),
            hovertemplate="%{customdata[1]}<br>%{customdata[0]}<br>%{customdata[2]}<extra></extra>",
        )
    )
    fig.update_layout(title_text=t("chart_goal_projects", lang, year=year, goal=goal_id), showlegend=False)
    top = float(frame["amount_sek"].max()) if len(frame) else 1.0
    money_axis(fig, "x", top, t("amount", lang), lang)
    fig.update_yaxes(automargin=True)
    # A bar per two-line label: presenting, the type is half as large again, and so is the room per bar.
    lines = sum(label.count("<br>") + 1 for label in labels)
    base_layout(fig, lang, present, height=120 + (32 if present else 24) * max(lines, 2))
    if whole:
        fig.update_traces(text=amounts, textposition="outside", cliponaxis=False)
        return fig.update_xaxes(visible=False, range=[0, top * 2.3]).update_layout(margin_b=10)
    return fig.update_layout(margin_b=int(fig.layout.font.size * 4))  # the axis title below the ticks


def goal_ids_text(ids: list[int]) -> str:
    """Join goal numbers: '1, 2, 3, 6' reads in both languages."""
    return ", ".join(str(i) for i in ids)


def two_line_level(label: str) -> str:
    """'●●○ 2 Delvis uppnått' → '●●○ 2<br>Delvis<br>uppnått': the words wrapped at about ten characters, so four
    level labels stand side by side at 1280×720 and on a phone ('Partly achieved' overlapped its neighbours)."""
    parts = label.split(" ", 2)
    if len(parts) == 3 and parts[1].isdigit():
        return f"{parts[0]} {parts[1]}<br>{wrap_title(parts[2], 10)}"
    return label


def level_count_bars(frame: pd.DataFrame, year: int, lang: str, present: bool = False) -> go.Figure:
    """Bars of the number of goals per level (columns level, label, goals, goal_ids); each bar names its goals."""
    colors = [GAP_COLOR if fmt.is_missing(lv) else LEVEL_COLORS[int(lv)] for lv in frame["level"]]
    texts = [
        (t("goal_n", lang, n=ids[0]) if len(ids) == 1 else t("wt_goals_list", lang, ids=goal_ids_text(ids)))
        if ids
        else ""
        for ids in frame["goal_ids"]
    ]  # 'Goal 4', not 'Goals 4'
    fig = go.Figure(
        go.Bar(
            x=[two_line_level(label) for label in frame["label"]],
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
    fig.update_xaxes(title_text=t("level", lang), title_standoff=16, type="category")  # clear of two-line labels
    fig.update_yaxes(title_text=t("wt_axis_goals", lang), range=[0, top * 1.3 + 0.5], dtick=1)
    return base_layout(fig, lang, present, height=400)
