"""The funding per goal of a year: what the overview shows under its key figures and the walk-through's projects step
tells (views/steps.py); the snapshot and the deck follow them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import pandas as pd

from malbild import fmt
from malbild.charts.goals import funding_per_goal
from malbild.data.source_lines import join_source_lines
from malbild.texts import name_col, t
from malbild.texts.labels import goal_label
from malbild.views.base import ChartView, Metric, Query


@dataclass(frozen=True)
class Funding:
    """Regional growth funds granted in one year per goal: the chart, its table, the totals and the largest goal."""

    year: int
    total: int
    projects: int
    chart: ChartView
    metrics: list[Metric]  # granted in total, projects granted
    foot: list[str]  # the table's total row
    top_goal: int  # the goal granted the most
    top_amount: str  # what it was granted ('24 760 387 kr')
    top_share: str  # its share of the total ('28,7 %'), the gap sign when nothing was granted


def all_grants(q: Query) -> pd.DataFrame:
    """Every granted project of every year (no filter)."""
    return q("filtered_project_grants", goal_ids=[], owners=[], min_amount=None, max_amount=None, text=None)


def funding_view(q: Query, year: int, lang: str, present: bool = False) -> Funding:
    """Funds granted per goal in a year, and the goal granted the most."""
    funding = q("funding_and_level_by_goal", year=year)
    grants = all_grants(q)
    total, n = int(funding["amount_sek"].sum()), int(funding["projects"].sum())
    top = funding.sort_values("amount_sek", ascending=False).iloc[0]
    top_goal = int(top["goal_id"])
    data = pd.DataFrame(
        {
            t("goal", lang): [goal_label(g, nm, lang) for g, nm in zip(funding["goal_id"], funding[name_col(lang)])],
            t("n_projects", lang): funding["projects"].astype(int).astype(str),
            t("amount", lang): [fmt.sek(a, lang) for a in funding["amount_sek"]],
        }
    )
    alt = t(
        "ov_funding_alt",
        lang,
        year=year,
        total=fmt.sek(total, lang),
        n=n,
        top=f"{t('goal_n', lang, n=top_goal)} ({fmt.sek(top['amount_sek'], lang)})",
    )
    chart = ChartView(
        partial(funding_per_goal, funding, year, lang, present),
        data,
        alt,
        join_source_lines(grants["source_lines"]),
        key="ov_funding_chart",
    )
    metrics = [
        Metric(t("ov_total_granted", lang, year=year), fmt.sek(total, lang)),
        Metric(t("ov_total_projects", lang, year=year), fmt.number(n, lang=lang)),
    ]
    return Funding(
        year,
        total,
        n,
        chart,
        metrics,
        foot=[t("total", lang), str(n), fmt.sek(total, lang)],
        top_goal=top_goal,
        top_amount=fmt.sek(top["amount_sek"], lang),
        top_share=fmt.pct(100 * float(top["amount_sek"]) / total, lang=lang) if total else fmt.GAP,
    )
