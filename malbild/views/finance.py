"""The finances: the financial goals, the result, budget against outcome, income and costs, the statements."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

import pandas as pd

from malbild import fmt
from malbild.charts.finance import budget_bars, goal_trend, signed_bars
from malbild.data.source_lines import join_source_lines
from malbild.texts import N_, families, line_col, t
from malbild.texts.labels import (
    FINANCIAL_TARGETS,
    financial_goal_label,
    goal_value_text,
    line_marker,
    met_text,
    signed_tkr,
    target_value_text,
)
from malbild.views.base import ChartView, Metric, Query

# The financial goals in the report's order (texts fin_goal_<key>).
GOAL_ORDER: tuple[str, ...] = (
    "liquidity_ratio",
    "budget_balanced",
    "result_positive",
    "pension_balanced",
    "equity_share_pct",
)


def rounding_lines(frame: pd.DataFrame) -> int:
    """Count budget lines whose printed deviation differs from outcome − budget (rounding in the report)."""
    n = 0
    for r in frame.itertuples(index=False):
        if r.deviation_printed and not fmt.is_missing(r.outcome) and not fmt.is_missing(r.budget):
            n += abs(r.deviation - (r.outcome - r.budget)) > 0.5
    return int(n)


_DEVIATION = re.compile(r"Avvikelse \(printed deviation\)\s*(-?[\d ]+)")


def goals_table(goals: pd.DataFrame, lang: str, keys: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The goals × years as a table: goal, one column per year (latest first) with ✔/✘ and value, quoted target."""
    years = sorted(int(y) for y in goals["year"].unique())
    present = list(dict.fromkeys(list(GOAL_ORDER) + sorted(goals["goal_key"].unique())))
    wanted = [k for k in present if k in set(goals["goal_key"]) and (keys is None or k in keys)]
    rows = []
    for key in wanted:
        sub = goals[goals["goal_key"] == key]
        # The latest year first and the long quoted target last: the outcome shows without scrolling sideways.
        row = {t("fin_col_goal", lang): financial_goal_label(key, lang)}
        for year in sorted(years, reverse=True):
            hit = sub[sub["year"] == year]
            if hit.empty:
                row[str(year)] = t("gap_marked", lang)
                continue
            value = goal_value_text(key, hit["value"].iloc[0], lang)
            row[str(year)] = met_text(hit["met"].iloc[0], lang) + (f" ({value})" if value else "")
        row[t("fin_col_target", lang)] = sub["target_text"].iloc[0]
        rows.append(row)
    return pd.DataFrame(rows)


def goal_trend_frame(goals: pd.DataFrame, key: str) -> pd.DataFrame:
    """One numeric goal by year: year, value, met, basis, source_lines."""
    sub = goals[goals["goal_key"] == key].sort_values("year")
    return sub[["year", "value", "met", "basis", "source_lines"]].reset_index(drop=True)


def printed_deviation(note: object) -> float | None:
    """Return the deviation printed in the report, as recorded in the note ('Avvikelse (printed deviation) -455')."""
    if fmt.is_missing(note):
        return None
    match = _DEVIATION.search(str(note))
    return float(match.group(1).replace(" ", "")) if match else None


def budget_frame(operating: pd.DataFrame, lang: str, year: int | None = None) -> pd.DataFrame:
    """Budget against outcome per line: line, kind, section, outcome, budget, deviation (as printed where given)."""
    if operating.empty:
        return pd.DataFrame(
            columns=[
                "line_order",
                "line",
                "kind",
                "section",
                "outcome",
                "budget",
                "deviation",
                "deviation_printed",
                "source_lines",
            ]
        )
    year = year or int(operating["year"].max())
    sub = operating[operating["year"] == year].sort_values("line_order")
    label = line_col(lang)
    rows = []
    for r in sub.itertuples(index=False):
        printed = printed_deviation(r.note)
        computed = None if fmt.is_missing(r.amount_tkr) or fmt.is_missing(r.budget_tkr) else r.amount_tkr - r.budget_tkr
        rows.append(
            {
                "line_order": r.line_order,
                "line": getattr(r, label) if not fmt.is_missing(getattr(r, label)) else r.line,
                "kind": r.kind,
                "section": r.section,
                "outcome": r.amount_tkr,
                "budget": r.budget_tkr,
                "deviation": printed if printed is not None else computed,
                "deviation_printed": printed is not None,
                "source_lines": r.source_lines,
            }
        )
    return pd.DataFrame(rows)


def budget_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Budget against outcome formatted in tkr; subtotals marked Σ, totals in capitals; computed deviations marked."""
    rows = []
    for r in frame.itertuples(index=False):
        dev = fmt.tkr(r.deviation, lang)
        if not r.deviation_printed and not fmt.is_missing(r.deviation):
            dev += f" ({t('fin_computed_mark', lang)})"
        rows.append(
            {
                t("fin_col_line", lang): line_marker(r.line, r.kind),
                t("fin_col_outcome", lang): fmt.tkr(r.outcome, lang),
                t("fin_col_budget", lang): fmt.tkr(r.budget, lang),
                t("fin_col_deviation", lang): dev,
            }
        )
    return pd.DataFrame(rows)


def flows_frame(lines: pd.DataFrame, year: int, lang: str) -> pd.DataFrame:
    """Item lines of one year with a non-zero amount, signed as printed: line, amount, direction (income/cost)."""
    sub = lines[
        (lines["kind"] == "item") & (lines["year"] == year) & lines["amount_tkr"].notna() & (lines["amount_tkr"] != 0)
    ]
    label = line_col(lang)
    out = pd.DataFrame(
        {
            "line": [a if not fmt.is_missing(a) else b for a, b in zip(sub[label], sub["line"])],
            "amount": sub["amount_tkr"].astype(float),
            "direction": ["income" if a > 0 else "cost" for a in sub["amount_tkr"]],
            "source_lines": sub["source_lines"],
        }
    )
    return out.reset_index(drop=True)


# --- the view ----------------------------------------------------------------------------------------------

FINANCE_CHART_KEY = "liquidity_ratio"  # the financial goal drawn on the walk-through's finance step
STATEMENTS = (("income", N_("fin_income_statement")), ("balance", N_("fin_balance_sheet")))


@dataclass(frozen=True)
class Statement:
    """A financial statement: its kind, its heading key and its lines (empty: the report gives none)."""

    kind: str
    title_key: str
    lines: pd.DataFrame


@dataclass(frozen=True)
class FinanceView:
    """The finance page: result, goals, budget against outcome, income and costs, statements."""

    year: int
    result: list[Metric]  # empty: no result in the data
    result_source_lines: str
    goals_table: pd.DataFrame  # empty: no financial goals
    goals_source_lines: str
    trends: list[ChartView]  # one per numeric goal
    trend_labels: list[str]  # the goal of each trend chart (the page's tab labels)
    budget: ChartView | None
    budget_table: pd.DataFrame
    budget_note: str
    budget_source_lines: str
    flow_years: list[int]  # newest first
    flow_year: int | None
    flows: list[ChartView]  # income and costs of flow_year (lines with amount 0 are left out)
    statements: list[Statement]


def goals_met(goals: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The latest year's financial goals and how many of them were met (a goal the report gives no verdict on is not
    counted as met): the overview, Ekonomi and the walk-through's finance step count them this one way."""
    now = goals[goals["year"] == goals["year"].max()]
    return now, int(now["met"][now["met"].notna()].astype(bool).sum())


def _result(income: pd.DataFrame, goals: pd.DataFrame, year: int, lang: str) -> list[Metric]:
    """The result against last year's, the budgeted result and the goals met."""
    result = income[income["kind"] == "total"]
    if result.empty:
        return []
    now, before = result[result["year"] == year], result[result["year"] == year - 1]
    value = now["amount_tkr"].iloc[0] if len(now) else None
    prev = before["amount_tkr"].iloc[0] if len(before) else None
    budget = now["budget_tkr"].iloc[0] if len(now) else None
    this_year, met = goals_met(goals)
    out = [
        Metric(
            t("fin_result_metric", lang, year=year),
            signed_tkr(value, lang),
            delta=f"{year - 1}: {signed_tkr(prev, lang)}",
            arrow="off",
        ),
        Metric(t("fin_budget_result", lang, year=year), signed_tkr(budget, lang)),
    ]
    if len(this_year):  # without financial goals the goals section says so
        out.append(
            Metric(
                t("fin_goals_met", lang, year=int(this_year["year"].max())),
                t("wt_kf_fin_value", lang, met=met, n=len(this_year)),
            )
        )
    return out


def trend_chart(goals: pd.DataFrame, key: str, lang: str, present: bool = False) -> ChartView:
    """One numeric financial goal by year against its target."""
    frame = goal_trend_frame(goals, key)
    values = ", ".join(
        f"{int(r.year)} {goal_value_text(key, r.value, lang) or t('level_gap_short', lang)} ({met_text(r.met, lang)})"
        for r in frame.itertuples(index=False)
    )
    table = frame.assign(
        value=[goal_value_text(key, v, lang) for v in frame["value"]], met=[met_text(m, lang) for m in frame["met"]]
    )[["year", "value", "met"]]
    alt = t(
        "fin_trend_alt",
        lang,
        goal=financial_goal_label(key, lang),
        years=f"{int(frame['year'].min())}–{int(frame['year'].max())}",
        values=values,
        target=target_value_text(key, lang),
    )
    return ChartView(
        partial(goal_trend, frame, key, lang, present),
        table,
        alt,
        join_source_lines(frame["source_lines"]),
        key=f"fin_trend_{key}",
    )


def _budget(operating: pd.DataFrame, lang: str, present: bool) -> ChartView | None:
    """Outcome against budget per line of the operating statement."""
    lines = budget_frame(operating, lang)
    if lines.empty:
        return None
    year = int(operating["year"].max())
    items = lines[lines["kind"] == "item"]
    rows = "; ".join(
        f"{r.line}: {fmt.tkr(r.outcome, lang)} / {fmt.tkr(r.budget, lang)}" for r in items.itertuples(index=False)
    )
    return ChartView(
        partial(budget_bars, items, year, lang, present),
        budget_table(items, lang),
        t("fin_budget_alt", lang, year=year, rows=rows),
        key="fin_budget_chart",
    )


def flows_chart(lines: pd.DataFrame, title: str, key: str, lang: str, present: bool = False) -> ChartView | None:
    """Income (+) and costs (−) of one year as signed bars (None when no line has an amount)."""
    if lines.empty:
        return None
    table = lines.assign(
        amount=[fmt.tkr(v, lang) for v in lines["amount"]],
        direction=[t(families.FLOW[d], lang) for d in lines["direction"]],
    )[["line", "direction", "amount"]]
    rows = "; ".join(f"{r.line}: {fmt.tkr(r.amount, lang)}" for r in lines.itertuples(index=False))
    return ChartView(
        partial(signed_bars, lines, title, lang, present),
        table,
        t("fin_flows_alt", lang, title=title, rows=rows),
        join_source_lines(lines["source_lines"]),
        key=key,
    )


def _flows(
    income: pd.DataFrame, operating: pd.DataFrame, year: int, lang: str, present: bool
) -> list[ChartView | None]:
    """The income statement's lines of the year, and the core operations' costs by area when given that year."""
    out = [
        flows_chart(
            flows_frame(income, year, lang),
            t("fin_flows_income_title", lang, year=year),
            "fin_flows_chart",
            lang,
            present,
        )
    ]
    if year in set(int(y) for y in operating["year"].unique()):
        costs = flows_frame(operating[operating["section"] == "Kostnader"], year, lang)
        costs = costs.sort_values("amount").reset_index(drop=True)
        out.append(flows_chart(costs, t("fin_flows_costs_title", lang, year=year), "fin_costs_chart", lang, present))
    return out


def finance_view(q: Query, lang: str, present: bool = False, flow_year: int | None = None) -> FinanceView:
    """Build the finance view from the database; flow_year picks the year of income and costs (default newest)."""
    goals = q("financial_goals")
    income = q("finance_lines_of_statement", statement="income")
    operating = q("finance_lines_of_statement", statement="operating")
    year = int(max([*goals["year"].tolist(), *income["year"].tolist()] or [0]))
    numeric = [k for k in FINANCIAL_TARGETS if k in set(goals["goal_key"])]
    trends = [trend_chart(goals, key, lang, present) for key in numeric]
    budget_lines = budget_frame(operating, lang)
    flow_years = sorted((int(y) for y in income["year"].unique()), reverse=True)
    flow_year = flow_year if flow_year in flow_years else (flow_years[0] if flow_years else None)
    return FinanceView(
        year=year,
        result=_result(income, goals, year, lang),
        result_source_lines=join_source_lines(income[income["kind"] == "total"]["source_lines"]),
        goals_table=goals_table(goals, lang) if not goals.empty else pd.DataFrame(),
        goals_source_lines=join_source_lines(goals["source_lines"]),
        trends=trends,
        trend_labels=[financial_goal_label(key, lang) for key in numeric],
        budget=_budget(operating, lang, present),
        budget_table=budget_table(budget_lines, lang),
        budget_note=t("fin_budget_note", lang, n=rounding_lines(budget_lines)),
        budget_source_lines=join_source_lines(budget_lines["source_lines"]) if len(budget_lines) else "",
        flow_years=flow_years,
        flow_year=flow_year,
        flows=[c for c in (_flows(income, operating, flow_year, lang, present) if flow_year else []) if c is not None],
        statements=[Statement(kind, key, q("finance_lines_of_statement", statement=kind)) for kind, key in STATEMENTS],
    )
