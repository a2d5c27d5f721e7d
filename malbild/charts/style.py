"""Colours, level symbols and the common Plotly layout (colour-blind safe, WCAG 2.1 AA contrast)."""

from __future__ import annotations

import plotly.graph_objects as go

from malbild import fmt

# One colour per goal, the same on every page: Okabe–Ito hues, darkened where needed so each has at
# least 3:1 contrast against white (WCAG 1.4.11).
GOAL_COLORS: dict[int, str] = {
    1: "#0072B2",  # blue
    2: "#D55E00",  # vermillion
    3: "#009E73",  # bluish green
    4: "#CC79A7",  # reddish purple
    5: "#996600",  # ochre
    6: "#6F4E9C",  # violet
}
FALLBACK_COLOR = "#555555"

# Levels are always shown with text and a symbol as well as colour. Their colours are dark and share no hue with a
# goal (the old blue and orange read as goals 1 and 2): navy, olive and maroon, all over 4.5:1 against white.
LEVEL_COLORS: dict[int, str] = {3: "#1A237E", 2: "#7A7A00", 1: "#8B1A1A"}
GAP_COLOR = "#767676"
# Gender never borrows a level's or a goal's colour (a woman's sick leave is not 'failing'): wine and a dark
# green, both over 8:1 against white.
GENDER_COLORS = {"women": "#882255", "men": "#005A32", "all": "#555555"}
# Money in the accounts (outcome and budget, income and cost) has no hue at all: ink, solid for what happened
# (outcome, income) and hatched for the plan or the outgoing side (budget, cost).
INK_COLOR = "#24292F"
TEXT_COLOR = "#1f2328"
TARGET_COLOR = "#000000"


def goal_color(goal_id: int) -> str:
    """Return the goal's colour (a grey for goals beyond the six)."""
    return GOAL_COLORS.get(int(goal_id), FALLBACK_COLOR)


TITLE_CHARS = 32  # a title line that fits a 390 px phone at the title's size


def wrap_title(text: str, width: int = TITLE_CHARS) -> str:
    """Break a chart title between words into lines of at most `width` characters (Plotly never wraps itself)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def base_layout(fig: go.Figure, lang: str, present: bool = False, height: int | None = None) -> go.Figure:
    """Apply the common layout: readable type, Swedish separators, no thin meaning-bearing lines."""
    size = 22 if present else 15
    title = fig.layout.title.text
    if title and "<br>" not in title:
        fig.update_layout(title_text=wrap_title(title))
    fig.update_layout(
        separators=fmt.plotly_separators(lang),
        font=dict(family="DejaVu Sans, Arial, sans-serif", size=size, color=TEXT_COLOR),
        margin=dict(l=10, r=10, t=20, b=10),
        legend=dict(font=dict(size=size - 1)),
        hoverlabel=dict(font_size=size),
        plot_bgcolor="white",
        paper_bgcolor="white",
        # Just above the plot area, from the chart's left edge; Plotly grows the top margin to fit every line.
        title=dict(
            font=dict(size=size + 4),
            x=0,
            xanchor="left",
            xref="container",
            y=1,
            yanchor="bottom",
            yref="paper",
            automargin=True,
            pad=dict(b=10, l=4),
        ),
    )
    axes = dict(
        gridcolor="#d0d7de",
        linecolor="#57606a",
        title_font=dict(size=size),
        tickfont=dict(size=size - 1),
        automargin=True,
    )
    fig.update_xaxes(**axes)
    fig.update_yaxes(**axes)
    legend = fig.layout.legend
    if legend.orientation == "h" and (legend.y or 0) >= 1 and fig.layout.title.text:
        # A legend above the plot sits under the title: make room for both.
        fig.update_layout(title_pad_b=int(size * 2.6))  # the legend sits between the title and the plot
    if height:
        fig.update_layout(height=int(height * (1.3 if present else 1)))
    return fig


PLOTLY_CONFIG = {
    "displaylogo": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}


def plotly_config(present: bool = False) -> dict:
    """Return the Plotly config; no mode bar in presentation mode."""
    config = dict(PLOTLY_CONFIG)
    if present:
        config["displayModeBar"] = False
    return config


def money_axis(fig: go.Figure, axis: str, top: float, title: str, lang: str, **more: object) -> go.Figure:
    """A money axis from 0 with ticks in kr / tkr / mnkr and Swedish separators; title gets the unit: 'Beviljat (mnkr)'.

    The range ends on the last tick above the largest value, so labels outside the bars have room.
    """
    values, texts, unit = fmt.money_ticks(top, lang)
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    update(
        title_text=f"{title} ({unit})",
        tickvals=values,
        ticktext=texts,
        range=[0, values[-1]],
        tickangle=0,
        **more,
    )
    return fig
