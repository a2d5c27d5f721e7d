"""Charts about the personnel: age pyramid by gender, figures by gender and year, contract types."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from malbild import fmt
from malbild.charts.style import GAP_COLOR, GENDER_COLORS, base_layout, wrap_title
from malbild.texts import families, t
from malbild.texts.labels import basis_mark, basis_word
from malbild.texts.safe import plotly_text, plotly_texts


def gap_markers(categories: list[str], lang: str) -> go.Scatter:
    """Markers at zero, labelled 'not stated', for categories whose value the report does not give."""
    return go.Scatter(
        x=categories,
        y=[0] * len(categories),
        mode="markers+text",
        marker=dict(symbol="x-thin-open", size=14, color=GAP_COLOR, line=dict(width=3, color=GAP_COLOR)),
        text=[t("level_gap_short", lang)] * len(categories),
        textposition="top center",
        textfont=dict(color=GAP_COLOR),
        name=t("level_gap", lang),
        hovertemplate="%{x}: " + t("level_gap", lang) + "<extra></extra>",
    )


def _gender(grp: str, lang: str) -> str:
    """Return a group's label ('Kvinnor', 'Män', 'Alla'); an unknown group as it is."""
    return t(grp, lang) if grp in GENDER_COLORS else grp


def category(year: object, grp: str, lang: str) -> str:
    """Return the x category of a year and group, e.g. 'Kvinnor<br>2018' (plain categories keep the order fixed)."""
    return f"{_gender(grp, lang)}<br>{year}"


def age_pyramid(frame: pd.DataFrame, year: int, lang: str, present: bool = False) -> go.Figure:
    """Population pyramid (columns band, women, men, all, *_basis): women left, men right; gaps marked, not 0."""
    fig = go.Figure()
    bands = plotly_texts(frame["band"])
    peak = max([v for v in list(frame["women"]) + list(frame["men"]) if not fmt.is_missing(v)] or [1])
    for grp, sign in (("women", -1), ("men", 1)):
        known = frame[frame[grp].notna()]
        fig.add_trace(
            go.Bar(
                y=plotly_texts(known["band"]),
                x=[sign * v for v in known[grp]],
                orientation="h",
                name=_gender(grp, lang),
                marker=dict(color=GENDER_COLORS[grp], line=dict(color="white", width=1)),
                # the number and its mark only: the side, the legend and the axis title say whose; a long
                # "Kvinnor 17 ‡" pushed out of a short bar ran under the age labels on a phone
                text=[
                    f"{fmt.number(v, 0, lang=lang)}{' ' + basis_mark(b) if basis_mark(b) else ''}"
                    for v, b in zip(known[grp], known[f"{grp}_basis"])
                ],
                textposition="auto",
                textangle=0,
                customdata=[
                    [fmt.number(v, 0, lang=lang), basis_word(b, lang)]
                    for v, b in zip(known[grp], known[f"{grp}_basis"])
                ],
                hovertemplate="%{y}: %{customdata[0]} "
                + t("persons", lang).lower()
                + " ("
                + _gender(grp, lang)
                + ") %{customdata[1]}<extra></extra>",
            )
        )
        gaps = frame[frame[grp].isna()]
        if len(gaps):
            fig.add_trace(
                go.Scatter(
                    y=plotly_texts(gaps["band"]),
                    x=[sign * peak * 0.02] * len(gaps),
                    mode="markers+text",
                    marker=dict(symbol="x-thin-open", size=16, color=GAP_COLOR, line=dict(width=3, color=GAP_COLOR)),
                    text=[t("level_gap_short", lang)] * len(gaps),  # the side says whose
                    textposition="middle left" if sign < 0 else "middle right",
                    textfont=dict(color=GAP_COLOR),
                    name=f"{_gender(grp, lang)}: {t('level_gap', lang)}",
                    showlegend=False,
                    customdata=[
                        [t("hr_gap_band", lang, band=plotly_text(b), total=fmt.number(a, 0, lang=lang))]
                        for b, a in zip(gaps["band"], gaps["all"])
                    ],
                    hovertemplate="%{customdata[0]}<extra></extra>",
                )
            )
    step = 5 if peak <= 30 else 10
    ticks = list(range(0, int(peak) + step, step))
    tickvals = [-v for v in reversed(ticks[1:])] + ticks
    fig.update_layout(
        title_text=t("hr_chart_pyramid", lang, year=year),
        barmode="relative",
        bargap=0.15,
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
    )
    fig.update_xaxes(
        title_text=wrap_title(t("hr_persons_axis", lang), 24),
        tickvals=tickvals,
        ticktext=[fmt.number(abs(v), 0, lang=lang) for v in tickvals],
        range=[-peak * 1.35, peak * 1.35],
        zeroline=True,
        zerolinecolor="#57606a",
        zerolinewidth=2,
    )
    fig.update_yaxes(title_text=t("hr_age_band", lang), categoryorder="array", categoryarray=bands, type="category")
    return base_layout(fig, lang, present, height=380)


def year_group_bars(frame: pd.DataFrame, title: str, value_title: str, lang: str, present: bool = False) -> go.Figure:
    """Bars per year and group (columns year, grp, value, unit, basis), one colour per group; gaps are marked."""
    fig = go.Figure()
    years = sorted(frame["year"].unique())
    for grp in [g for g in ("women", "men", "all") if g in set(frame["grp"])] + sorted(
        set(frame["grp"]) - set(GENDER_COLORS)
    ):
        sub = frame[(frame["grp"] == grp) & frame["value"].notna()]
        label = _gender(grp, lang)
        fig.add_trace(
            go.Bar(
                x=[category(y, grp, lang) for y in sub["year"]],
                y=sub["value"],
                name=label,
                marker=dict(color=GENDER_COLORS.get(grp, GAP_COLOR)),
                text=[
                    f"{fmt.value_with_unit(v, u, lang)}{' ' + basis_mark(b) if basis_mark(b) else ''}"
                    for v, u, b in zip(sub["value"], sub["unit"], sub["basis"])
                ],
                textposition="outside",
                cliponaxis=False,
                customdata=[
                    [fmt.value_with_unit(v, u, lang), basis_word(b, lang), y]
                    for v, u, b, y in zip(sub["value"], sub["unit"], sub["basis"], sub["year"])
                ],
                hovertemplate=label + " %{customdata[2]}: %{customdata[0]} %{customdata[1]}<extra></extra>",
            )
        )
    gaps = frame[frame["value"].isna()]
    if len(gaps):
        fig.add_trace(gap_markers([category(y, g, lang) for y, g in zip(gaps["year"], gaps["grp"])], lang))
    top = frame["value"].max()
    groups = [g for g in ("women", "men", "all") if g in set(frame["grp"])] + sorted(
        set(frame["grp"]) - set(GENDER_COLORS)
    )
    fig.update_layout(
        title_text=title, barmode="overlay", showlegend=True, legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0)
    )
    fig.update_xaxes(
        title_text=t("year", lang),
        type="category",
        categoryorder="array",
        categoryarray=[category(y, g, lang) for y in years for g in groups],
    )
    fig.update_yaxes(
        title_text=value_title, rangemode="tozero", range=[0, (0 if fmt.is_missing(top) else float(top)) * 1.25 or 1]
    )
    return base_layout(fig, lang, present, height=360)


def contract_bars(frame: pd.DataFrame, lang: str, present: bool = False) -> go.Figure:
    """Permanent (solid) and temporary (hatched) employments stacked per year and group; gaps are marked."""
    fig = go.Figure()
    order = [g for g in ("women", "men", "all") if g in set(frame["grp"])]
    years = sorted(frame["year"].unique())
    cats = [(str(y), g) for y in years for g in order]
    for kind, pattern in (("permanent", ""), ("temporary", "/")):
        sub = frame[(frame["kind"] == kind) & frame["value"].notna()]
        name = t(families.HR_KIND[kind], lang)
        fig.add_trace(
            go.Bar(
                x=[category(y, g, lang) for y, g in zip(sub["year"], sub["grp"])],
                y=sub["value"],
                name=name,
                marker=dict(
                    color=[GENDER_COLORS.get(g, GAP_COLOR) for g in sub["grp"]],
                    pattern=dict(shape=pattern, fillmode="overlay", fgcolor="white", solidity=0.2),
                    line=dict(color="white", width=1),
                ),
                text=[f"{name} {fmt.number(v, 0, lang=lang)}" for v in sub["value"]],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                textfont=dict(color="white"),
                hovertemplate="%{x}: %{y} (" + name + ")<extra></extra>",
            )
        )
    missing = [
        (y, g) for (y, g) in cats if frame[(frame["year"].astype(str) == y) & (frame["grp"] == g)]["value"].isna().all()
    ]
    if missing:
        fig.add_trace(gap_markers([category(y, g, lang) for y, g in missing], lang))
    fig.update_layout(
        title_text=t("hr_chart_contracts", lang),
        barmode="relative",
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
    )
    fig.update_xaxes(
        title_text=t("year", lang),
        type="category",
        categoryorder="array",
        categoryarray=[category(y, g, lang) for y, g in cats],
    )
    fig.update_yaxes(title_text=t("hr_employments_axis", lang), rangemode="tozero")
    return base_layout(fig, lang, present, height=380)
