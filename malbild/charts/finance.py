"""Charts about the finances: financial goals against their targets, budget against outcome, income and costs."""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from malbild import fmt
from malbild.charts.style import GAP_COLOR, INK_COLOR, TARGET_COLOR, base_layout, wrap_title
from malbild.texts import N_, families, t
from malbild.texts.labels import FINANCIAL_TARGETS, financial_goal_label, goal_value_text, met_text, target_text
from malbild.texts.safe import plotly_texts

# No goal, level or gender colour: the pairs differ by hatching (docs/visual-language.md).
OUTCOME_COLOR = BUDGET_COLOR = INCOME_COLOR = COST_COLOR = INK_COLOR


def _marker(color: str, pattern: str) -> dict:
    """A bar's fill, its hatching, and an outline in the bar's colour, so a bar too short to see still shows."""
    return dict(
        color=color,
        pattern=dict(shape=pattern, fillmode="overlay", fgcolor="white", solidity=0.4),
        line=dict(color=color, width=1.5),
    )


def _inward_positions(n: int) -> list[str]:
    """Text positions for n points in a row: the first leans right, the last left, the rest centred."""
    if n <= 1:
        return ["top center"] * n
    return ["top right"] + ["top center"] * (n - 2) + ["top left"]


def goal_trend(frame: pd.DataFrame, key: str, lang: str, present: bool = False) -> go.Figure:
    """One numeric goal by year (columns year, value, met) against its target as a dashed line."""
    target, unit = FINANCIAL_TARGETS.get(key, (None, ""))
    known = frame[frame["value"].notna()]
    fig = go.Figure(
        go.Scatter(
            x=known["year"].astype(str),
            y=known["value"],
            mode="lines+markers+text",
            line=dict(color=OUTCOME_COLOR, width=3),
            marker=dict(size=14, color=OUTCOME_COLOR),
            text=[goal_value_text(key, v, lang) for v in known["value"]],
            # The first and last labels lean inwards and are never clipped: '1,28' and '+3 tkr' were lost at the edge.
            textposition=_inward_positions(len(known)),
            cliponaxis=False,
            name=t("fin_col_outcome", lang),
            customdata=[[met_text(m, lang)] for m in known["met"]],
            hovertemplate="%{x}: %{text}<br>%{customdata[0]}<extra></extra>",
        )
    )
    gaps = frame[frame["value"].isna()]
    if len(gaps):
        fig.add_trace(
            go.Scatter(
                x=gaps["year"].astype(str),
                y=[target or 0] * len(gaps),
                mode="markers+text",
                marker=dict(symbol="x-thin-open", size=14, color=GAP_COLOR, line=dict(width=3, color=GAP_COLOR)),
                text=[t("level_gap_short", lang)] * len(gaps),
                textposition="bottom center",
                name=t("level_gap", lang),
                hovertemplate="%{x}: " + t("level_gap", lang) + "<extra></extra>",
            )
        )
    if target is not None:
        fig.add_hline(
            y=target,
            line=dict(color=TARGET_COLOR, width=2, dash="dash"),
            annotation_text=target_text(key, lang),
            annotation_position="bottom right",
        )
    values = [float(v) for v in known["value"]] + ([target] if target is not None else [])
    lo, hi = (min(values), max(values)) if values else (0, 1)
    # Room above the highest point for its label, measured on the whole axis (it starts at 0).
    pad = max((hi - lo) * 0.25, (hi - min(lo, 0)) * 0.2) or 1
    years = frame["year"].astype(int)
    # The goal's name and its years on two lines, left-aligned: a small multiple's title is never cut.
    fig.update_layout(
        title=dict(
            text=f"{wrap_title(financial_goal_label(key, lang), 24)}<br>{years.min()}–{years.max()}"
            if len(frame)
            else financial_goal_label(key, lang),
            x=0,
            xanchor="left",
        ),
        showlegend=False,
    )
    fig.update_xaxes(title_text=t("year", lang), type="category", categoryorder="category ascending")
    fig.update_yaxes(
        title_text=t(
            {"ratio": N_("fin_axis_ratio"), "pct": N_("fin_axis_pct"), "tkr": N_("fin_axis_tkr")}.get(
                unit, N_("fin_axis_ratio")
            ),
            lang,
        ),
        # From zero for every unit (a ratio too): 1,08 → 1,28 is a small change and must look like one.
        range=[min(lo - pad, 0), hi + pad],
    )
    return base_layout(fig, lang, present, height=320)


def budget_bars(frame: pd.DataFrame, year: int, lang: str, present: bool = False) -> go.Figure:
    """Outcome against budget per line (columns line, outcome, budget, deviation), signs as printed.

    Both amounts are part of the row's label (name, then 'utfall …', 'budget …', ink on white): labels on the bars
    were white on hatching (unreadable) or, outside them, cut on a phone; a small one (−6 tkr) shows as well."""
    labels = [
        "<br>".join(
            [name, t("fin_label_outcome", lang, v=fmt.tkr(o, lang)), t("fin_label_budget", lang, v=fmt.tkr(b, lang))]
        )
        for name, o, b in zip(_row_labels(frame["line"]), frame["outcome"], frame["budget"], strict=True)
    ]
    fig = go.Figure()
    for field, name_key, color, pattern in (
        ("outcome", "fin_col_outcome", OUTCOME_COLOR, ""),
        ("budget", "fin_col_budget", BUDGET_COLOR, "/"),
    ):
        name = t(name_key, lang)
        fig.add_trace(
            go.Bar(
                y=labels,
                x=frame[field],
                orientation="h",
                name=name,
                marker=_marker(color, pattern),
                customdata=[[fmt.tkr(v, lang), fmt.tkr(d, lang)] for v, d in zip(frame[field], frame["deviation"])],
                hovertemplate="%{y}<br>"
                + name
                + ": %{customdata[0]}<br>"
                + t("fin_col_deviation", lang)
                + ": %{customdata[1]}<extra></extra>",
            )
        )
    fig.update_layout(
        title_text=t("fin_chart_budget", lang, year=year),
        barmode="group",
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
    )
    values = [float(v) for v in list(frame["outcome"]) + list(frame["budget"]) if not fmt.is_missing(v)]
    _signed_axis(fig, values, lang)
    fig.update_yaxes(autorange="reversed", automargin=True)
    lines = sum(label.count("<br>") + 1 for label in labels)  # room for every label line and a gap between rows
    return base_layout(fig, lang, present, height=120 + (32 if present else 22) * lines + 12 * max(len(frame), 1))


def _row_labels(lines: pd.Series) -> list[str]:
    """Row names as bar labels, escaped and wrapped at about 22 characters so a phone keeps room for the bars."""
    return ["<br>".join(textwrap.wrap(text, 22, break_long_words=False)) or text for text in plotly_texts(lines)]


def signed_ticks(lo: float, hi: float, lang: str, count: int = 5) -> tuple[list[float], list[str], str]:
    """Ticks for a signed axis in tkr from lo to hi: values, short texts and the unit's text key.

    From 100 000 tkr the ticks count in mnkr ('−100', '0', '100'): '−100 000' and '0' ran together on a phone.
    """
    raw = max(hi - lo, 1.0) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    values = [i * step for i in range(math.ceil(lo / step), math.floor(hi / step) + 1)]
    big = max(abs(lo), abs(hi)) >= 100_000
    divisor, key = (1000.0, "fin_unit_mnkr") if big else (1.0, "fin_unit_tkr")
    texts = [fmt.number(v / divisor, 0 if float(v / divisor).is_integer() else 1, lang=lang) for v in values]
    return values, texts, key


def _signed_axis(fig: go.Figure, values: list[float], lang: str) -> None:
    """An x axis in tkr, signs as printed, with the zero line drawn (the amounts are in the row labels)."""
    values = [*values, 0.0]
    span = (max(values) - min(values)) or 1.0
    lo, hi = min(values) - span * 0.05, max(values) + span * 0.05
    ticks, texts, unit = signed_ticks(
        lo, hi, lang, count=3
    )  # few: the row labels (with amounts) leave a phone little width
    fig.update_xaxes(
        title_text=t(unit, lang),
        zeroline=True,
        zerolinecolor="#57606a",
        zerolinewidth=2,
        tickvals=ticks,
        ticktext=texts,
        tickangle=0,
        range=[lo, hi],
    )


def signed_bars(frame: pd.DataFrame, title: str, lang: str, present: bool = False) -> go.Figure:
    """Item lines as diverging horizontal bars (columns line, amount, direction): income right, costs left.

    Each amount is part of its row's label (name over amount, ink on white): outside the bars, labels past a
    phone's narrow plot were cut, and inside, white on the hatching could not be read; so is a small one (−88 tkr).
    """
    labels = [
        f"{name}<br>{fmt.tkr(v, lang)}" for name, v in zip(_row_labels(frame["line"]), frame["amount"], strict=True)
    ]
    fig = go.Figure()
    for direction, color, pattern in (("income", INCOME_COLOR, ""), ("cost", COST_COLOR, "\\")):
        chosen = (frame["direction"] == direction).to_numpy()
        sub = frame[chosen]
        if sub.empty:
            continue
        name = t(families.FLOW[direction], lang)
        fig.add_trace(
            go.Bar(
                y=[label for label, keep in zip(labels, chosen, strict=True) if keep],
                x=sub["amount"],
                orientation="h",
                name=name,
                marker=_marker(color, pattern),
                customdata=[fmt.tkr(v, lang) for v in sub["amount"]],
                hovertemplate="%{y}: %{customdata} (" + name + ")<extra></extra>",
            )
        )
    fig.update_layout(title_text=title, barmode="relative", legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0))
    _signed_axis(fig, [float(v) for v in frame["amount"]], lang)
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed", automargin=True)
    # Room for every label line (a wrapped name and its amount) and a gap between rows.
    lines = sum(label.count("<br>") + 1 for label in labels)
    return base_layout(fig, lang, present, height=120 + (32 if present else 22) * lines + 12 * max(len(frame), 1))
