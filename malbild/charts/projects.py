"""Charts about the granted projects: SEK per goal, SEK per owner (top N + others), sizes of the grants.

Each chart has a pure aggregation (rows of filtered_project_grants in, the chart's data out, with the
source lines of the rows behind every bar) and a builder (that data in, a Figure out).
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from malbild import fmt
from malbild.charts.style import FALLBACK_COLOR, base_layout, goal_color, money_axis
from malbild.data.source_lines import join_source_lines
from malbild.texts import name_col, t
from malbild.texts.labels import goal_label
from malbild.texts.safe import plotly_text

# Lower edges of the grant-size bands in SEK; each band runs up to (not including) the next edge.
SIZE_EDGES: tuple[int, ...] = (0, 250_000, 500_000, 1_000_000, 2_000_000, 5_000_000)


def _short(text: str, limit: int = 40) -> str:
    """Shorten a long name for an axis label (the full name stays in the hover text and the table)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def per_goal(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """SEK and projects per goal in the rows: columns goal_id, goal, projects, amount_sek, share_pct, source_lines."""
    if frame.empty:
        return pd.DataFrame(columns=["goal_id", "goal", "projects", "amount_sek", "share_pct", "source_lines"])
    grouped = (
        frame.groupby("goal_id", sort=True)
        .agg(
            name=(name_col(lang), "first"),
            projects=("project", "size"),
            amount_sek=("amount_sek", "sum"),
            source_lines=("source_lines", join_source_lines),
        )
        .reset_index()
    )
    total = grouped["amount_sek"].sum()
    return pd.DataFrame(
        {
            "goal_id": grouped["goal_id"].astype(int),
            "goal": [goal_label(g, n, lang) for g, n in zip(grouped["goal_id"], grouped["name"])],
            "projects": grouped["projects"].astype(int),
            "amount_sek": grouped["amount_sek"].astype("int64"),
            "share_pct": (grouped["amount_sek"] / total * 100).round(1) if total else 0.0,
            "source_lines": grouped["source_lines"],
        }
    )


def per_owner(frame: pd.DataFrame, top_n: int | None = 10, *, lang: str) -> pd.DataFrame:
    """SEK per owner, largest first; beyond top_n the rest are summed into one 'others' row.

    Columns owner, projects, amount_sek, owners (how many owners the row stands for), source_lines.
    """
    columns = ["owner", "projects", "amount_sek", "owners", "source_lines"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    grouped = (
        frame.groupby("owner", sort=False)
        .agg(
            projects=("project", "size"),
            amount_sek=("amount_sek", "sum"),
            source_lines=("source_lines", join_source_lines),
        )
        .reset_index()
        .sort_values(["amount_sek", "owner"], ascending=[False, True], kind="stable")
    )
    grouped["owners"] = 1
    if top_n is not None and len(grouped) > top_n + 1:
        top, rest = grouped.iloc[:top_n], grouped.iloc[top_n:]
        others = pd.DataFrame(
            [
                {
                    "owner": t("prj_others", lang, n=len(rest)),
                    "projects": int(rest["projects"].sum()),
                    "amount_sek": int(rest["amount_sek"].sum()),
                    "owners": len(rest),
                    "source_lines": join_source_lines(rest["source_lines"]),
                }
            ]
        )
        grouped = pd.concat([top, others], ignore_index=True)
    grouped["projects"] = grouped["projects"].astype(int)
    grouped["amount_sek"] = grouped["amount_sek"].astype("int64")
    return grouped[columns].reset_index(drop=True)


def band_label(lo: int, hi: int | None, lang: str) -> str:
    """Label a size band in the language: 'under 250 000 kr', '250 000 – 499 999 kr', '5 000 000 kr och mer'."""
    if lo == 0 and hi is not None:
        return t("prj_band_below", lang, hi=fmt.sek(hi, lang))
    if hi is None:
        return t("prj_band_above", lang, lo=fmt.sek(lo, lang))
    lo_text, hi_text = fmt.sek_range(lo, hi - 1, lang)
    return t("prj_band_between", lang, lo=lo_text, hi=hi_text)


def size_bands(frame: pd.DataFrame, lang: str, edges: tuple[int, ...] = SIZE_EDGES) -> pd.DataFrame:
    """Projects per grant-size band, every band listed (also empty ones, as 0 projects — a count, not a gap).

    Columns band, lo, hi (exclusive, None for the top band), projects, amount_sek, source_lines.
    """
    rows = []
    for i, lo in enumerate(edges):
        hi = edges[i + 1] if i + 1 < len(edges) else None
        inside = frame[(frame["amount_sek"] >= lo) & ((frame["amount_sek"] < hi) if hi is not None else True)]
        rows.append(
            {
                "band": band_label(lo, hi, lang),
                "lo": lo,
                "hi": hi,
                "projects": int(len(inside)),
                "amount_sek": int(inside["amount_sek"].sum()) if len(inside) else 0,
                "source_lines": join_source_lines(inside["source_lines"]),
            }
        )
    return pd.DataFrame(rows)


def goal_bar(data: pd.DataFrame, lang: str, present: bool = False) -> go.Figure:
    """SEK per goal (from per_goal), one goal colour each, the goal named on the axis and in the bar text."""
    fig = go.Figure(
        go.Bar(
            x=data["amount_sek"],
            y=[
                f"{t('goal_n', lang, n=int(g))} · {fmt.msek(a, lang)}"
                for g, a in zip(data["goal_id"], data["amount_sek"])
            ],
            orientation="h",
            marker=dict(color=[goal_color(g) for g in data["goal_id"]], line=dict(color="white", width=1)),
            customdata=[
                [plotly_text(g), fmt.sek(a, lang), p, fmt.pct(s, lang=lang)]
                for g, a, p, s in zip(data["goal"], data["amount_sek"], data["projects"], data["share_pct"])
            ],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>"
            + t("n_projects", lang)
            + ": %{customdata[2]}<br>"
            + t("prj_share_text", lang, share="%{customdata[3]}")
            + "<extra></extra>",
        )
    )
    fig.update_layout(title_text=t("prj_chart_goal", lang), showlegend=False)
    money_axis(fig, "x", float(data["amount_sek"].max()) if len(data) else 1.0, t("granted", lang), lang)
    fig.update_yaxes(autorange="reversed", automargin=True)
    return base_layout(fig, lang, present, height=110 + 55 * max(len(data), 1))


def owner_bar(data: pd.DataFrame, top_n: int | None = None, *, lang: str, present: bool = False) -> go.Figure:
    """SEK per owner (from per_owner), largest at the top; the 'others' row in a lighter grey.

    The amount and the number of projects are in the row's label, under the owner's name: a label outside the
    bar would run off the chart beside the largest bar (on a phone always); the full name is in the hover.
    """
    others = data["owners"] > 1
    fig = go.Figure(
        go.Bar(
            x=data["amount_sek"],
            y=[
                f"{plotly_text(_short(o, 30))}<br>{fmt.msek(a, lang)} · {t('hover_projects', lang, n=p)}"
                for o, a, p in zip(data["owner"], data["amount_sek"], data["projects"])
            ],
            orientation="h",
            marker=dict(color=["#8c959f" if o else FALLBACK_COLOR for o in others], line=dict(color="white", width=1)),
            customdata=[
                [plotly_text(o), fmt.sek(a, lang), p]
                for o, a, p in zip(data["owner"], data["amount_sek"], data["projects"])
            ],
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}<br>"
            + t("n_projects", lang)
            + ": %{customdata[2]}<extra></extra>",
        )
    )
    title = t("prj_chart_owner_top", lang, n=top_n) if top_n and others.any() else t("prj_chart_owner", lang)
    fig.update_layout(title_text=title, showlegend=False)
    money_axis(fig, "x", float(data["amount_sek"].max()) if len(data) else 1.0, t("granted", lang), lang)
    fig.update_yaxes(autorange="reversed", automargin=True)
    return base_layout(fig, lang, present, height=110 + 60 * max(len(data), 1))  # two-line labels


def size_histogram(data: pd.DataFrame, lang: str, present: bool = False) -> go.Figure:
    """Projects per grant-size band (from size_bands): one row per band, smallest at the top, the band in
    Swedish-formatted kronor and its number of projects in the row's label (upright and never overlapping)."""
    fig = go.Figure(
        go.Bar(
            x=data["projects"],
            y=[f"{b}<br>{t('hover_projects', lang, n=p)}" for b, p in zip(data["band"], data["projects"])],
            orientation="h",
            marker=dict(color=FALLBACK_COLOR, line=dict(color="white", width=1)),
            customdata=[
                [b, p, fmt.sek(a, lang)] for b, p, a in zip(data["band"], data["projects"], data["amount_sek"])
            ],
            hovertemplate="%{customdata[0]}<br>"
            + t("n_projects", lang)
            + ": %{customdata[1]}<br>"
            + t("amount", lang)
            + ": %{customdata[2]}<extra></extra>",
        )
    )
    fig.update_layout(title_text=t("prj_chart_sizes", lang), showlegend=False, bargap=0.15)
    fig.update_yaxes(title_text=t("prj_band", lang), type="category", autorange="reversed", automargin=True)
    fig.update_xaxes(
        title_text=t("n_projects", lang), rangemode="tozero", dtick=1 if data["projects"].max() <= 10 else None
    )
    return base_layout(fig, lang, present, height=110 + 60 * max(len(data), 1))  # two-line labels
