"""What each step of the walk-through shows: one chart, its key figures and one message sentence (a StepView).

A step is built from the pieces its page view is built from (the goal grid, a goal's facts, the funding of a year,
the age chart, a financial goal's trend, the verdicts), never by building the whole page view and reading one part
of it. The walk-through page, the deck and the snapshot render these steps (views/walkthrough.py puts them in order).
A step whose subject the database holds nothing for raises LookupError.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import plotly.graph_objects as go

from malbild import fmt
from malbild.charts.goals import goal_ids_text, level_count_bars
from malbild.charts.verdicts import OUTCOME_SCALE, verdict_bars
from malbild.data.source_lines import join_source_lines
from malbild.texts import families, t
from malbild.texts.labels import (
    financial_goal_label,
    goal_value_text,
    level_label,
    marked_value,
    metric_label,
    progress_label,
)
from malbild.views.base import ChartView, Query, StepView
from malbild.views.finance import FINANCE_CHART_KEY, goals_met, trend_chart
from malbild.views.funding import all_grants, funding_view
from malbild.views.goal import (
    GoalFacts,
    because_of,
    goal_facts,
    grants_table,
    levels_chart,
    progress_change,
    top_projects_figure,
)
from malbild.views.overview import goal_grid, level_counts, level_counts_frame
from malbild.views.personnel import age_chart, cell
from malbild.views.verdicts import HEADLINE_KEYS, Verdict, latest_verdicts, temper_text, verdicts_table

HR_KEY_METRICS = ("headcount", "sick_leave_pct", "avg_age", "turnover_pct")  # the personnel step's key figures
FINANCE_KEY_GOALS = ("result_positive", "liquidity_ratio", "equity_share_pct")  # the finance step's key figures


def overview_step(q: Query, lang: str, present: bool = False) -> StepView:
    """How many goals are at each level in the latest year with levels."""
    goals = goal_grid(q)
    grid, year = goals.frame, goals.year
    counts = level_counts_frame(grid, year, lang)
    by_level = level_counts(grid, year)
    n = int(grid[grid["year"] == year]["goal_id"].nunique())
    key_figures = [
        (level_label(level, lang), t("wt_kf_of", lang, k=fmt.number(by_level[level], lang=lang), n=n))
        for level in (3, 2, 1)
    ]
    if by_level[None]:
        key_figures.append((level_label(None, lang), t("wt_kf_of", lang, k=by_level[None], n=n)))
    gap = t("wt_overview_gap", lang, k=by_level[None]) if by_level[None] else ""
    message = t("wt_overview_msg", lang, year=year, n=n, n3=by_level[3], n2=by_level[2], n1=by_level[1], gap=gap)
    data = pd.DataFrame(
        {
            t("level", lang): counts["label"],
            t("wt_axis_goals", lang): counts["goals"],
            t("goal", lang): [goal_ids_text(ids) for ids in counts["goal_ids"]],
        }
    )
    parts = "; ".join(f"{r.label}: {r.goals}" for r in counts.itertuples())
    chart = ChartView(
        partial(level_count_bars, counts, year, lang, present),
        data,
        t("wt_overview_alt", lang, year=year, parts=parts),
        join_source_lines(grid[grid["year"] == year]["source_lines"]),
        key="ov_levels_chart",
    )
    return StepView(chart, key_figures, message)


def goal_step(q: Query, goal_id: int, lang: str, present: bool = False) -> StepView:
    """One goal: level, progress, funds and the change since the year before (its reason quoted in the message);
    its largest projects as a chart (whose title says how many there are), or its levels when none were granted."""
    return goal_step_of(goal_facts(q, goal_id), lang, present)


def goal_step_of(facts: GoalFacts, lang: str, present: bool = False) -> StepView:
    """The goal's step from its facts (see goal_step)."""
    year, level, progress, grants = facts.year, facts.level, facts.progress_now, facts.grants
    total = int(grants["amount_sek"].sum()) if len(grants) else None
    key_figures = [
        (t("gp_level_year", lang, year=year), level_label(level, lang, short=False)),
        (t("gp_progress_year", lang, year=year), progress_label(progress, lang)),
        (t("wt_kf_goal_granted", lang, year=year), fmt.sek(total, lang) if total is not None else t("level_gap", lang)),
        (t("gp_change_label", lang, year=year - 1), progress_change(facts.progress, year, lang, short=True)),
    ]
    level_text = t(families.LEVEL[int(level)], lang) if not fmt.is_missing(level) else t("level_gap", lang)  # type: ignore[call-overload]
    prog_text = t(families.PROGRESS[str(progress)], lang) if not fmt.is_missing(progress) else t("level_gap", lang)
    message = t("wt_goal_msg", lang, year=year, level=level_text, progress=prog_text[0].lower() + prog_text[1:])
    because = because_of(facts.reason)
    message += (
        " " + progress_change(facts.progress, year, lang) + (t("gp_because", lang, reason=because) if because else ".")
    )
    if grants.empty:
        levels = levels_chart(facts.levels, facts.goal_id, lang, present)
        chart = ChartView(lambda: levels.figure, levels.data, levels.alt, facts.source_lines, key="wk_chart")
    else:
        top = grants.iloc[0]
        alt = t(
            "wt_goal_alt",
            lang,
            year=year,
            goal=facts.goal_id,
            total=fmt.sek(total, lang),
            n=len(grants),
            top=f"{top['project']} ({fmt.sek(top['amount_sek'], lang)})",
        )
        draw = partial(top_projects_figure, grants, facts.goal_id, year, lang, present)
        chart = ChartView(draw, grants_table(grants, lang), alt, facts.source_lines, key="wk_chart")
    return StepView(chart, key_figures, message)


def projects_step(q: Query, lang: str, present: bool = False) -> StepView:
    """Funds granted per goal in the latest year with grants, with the largest goal's share in the message."""
    funding = funding_view(q, int(all_grants(q)["year"].max()), lang, present)
    total = fmt.sek(funding.total, lang)
    key_figures = [(m.label, m.value) for m in funding.metrics]
    key_figures.append((t("wt_kf_largest", lang, goal=funding.top_goal), f"{funding.top_amount} ({funding.top_share})"))
    message = t(
        "wt_projects_msg",
        lang,
        year=funding.year,
        total=total,
        n=fmt.number(funding.projects, lang=lang),
        goal=funding.top_goal,
        share=funding.top_share,
    )
    return StepView(funding.chart, key_figures, message)


def personnel_step(q: Query, lang: str, present: bool = False) -> StepView:
    """The age structure and the headline figures of the latest year."""
    hr = q("hr_metrics")
    if hr.empty:
        raise LookupError("the database holds no personnel figures")
    year = int(hr["year"].max())
    age = age_chart(q("hr_age_bands"), lang, present)
    key_figures, lines, values = [], [], {}
    for metric in HR_KEY_METRICS:
        figure = cell(hr, metric, year)
        text = t("level_gap", lang)
        if figure is not None:
            lines.append(figure["source_lines"])
            if not fmt.is_missing(figure["value"]):
                text = marked_value(figure["value"], figure["unit"], figure["basis"], lang)
        values[metric] = text
        key_figures.append((t("wt_kf_hr", lang, label=metric_label(metric, lang), year=year), text))
    message = t("wt_personnel_msg", lang, year=year, headcount=values["headcount"], sick=values["sick_leave_pct"])
    if age is None:
        return StepView(ChartView(go.Figure, pd.DataFrame(), message, join_source_lines(lines)), key_figures, message)
    chart = ChartView(
        lambda: age.figure, age.data, age.alt, join_source_lines([*lines, age.source_lines]), key="wk_chart"
    )
    return StepView(chart, key_figures, message)


def finance_step(q: Query, lang: str, present: bool = False) -> StepView:
    """The financial goals met and the liquidity ratio against its target, tempered by the auditors' verdict on the
    operational result (the financial goals met are not the whole answer)."""
    goals = q("financial_goals")
    if FINANCE_CHART_KEY not in set(goals["goal_key"]):
        raise LookupError("the database holds no liquidity figures")
    trend = trend_chart(goals, FINANCE_CHART_KEY, lang, present)
    now, met = goals_met(goals)
    year = int(now["year"].max())
    key_figures = [(t("ov_fin_goals", lang, year=year), t("wt_kf_fin_value", lang, met=met, n=len(now)))]
    for key in FINANCE_KEY_GOALS:
        hit = now[now["goal_key"] == key]
        if not hit.empty:
            value = goal_value_text(key, hit["value"].iloc[0], lang) or t("level_gap", lang)
            key_figures.append((f"{financial_goal_label(key, lang)} {year}", value))
    result = now[now["goal_key"] == "result_positive"]
    result_text = goal_value_text("result_positive", result["value"].iloc[0], lang) if len(result) else ""
    message = t("wt_finance_msg", lang, met=met, n=len(now), year=year, result=result_text or t("level_gap", lang))
    message += temper_text(latest_verdicts(q, lang)[1], lang)
    lines = join_source_lines([*now["source_lines"], trend.source_lines])
    return StepView(ChartView(lambda: trend.figure, trend.data, trend.alt, lines, key="wk_chart"), key_figures, message)


def verdicts_step(q: Query, lang: str, present: bool = False) -> StepView:
    """The report's own verdicts, the region's and the auditors': every outcome on one scale, the goal verdicts as
    key figures."""
    year, verdicts = latest_verdicts(q, lang)
    if year is None:
        raise LookupError("the database holds no verdicts")
    bars = pd.DataFrame(
        {
            "label": [f"{t(families.VERDICT_GIVER[v.given_by], lang)}: {v.label}" for v in verdicts],
            "outcome": [v.outcome for v in verdicts],
            "score": [OUTCOME_SCALE.get(v.outcome_key or "") for v in verdicts],
        }
    )
    by_key = {v.key: v for v in verdicts}
    key_figures = [
        (f"{t(families.VERDICT_GIVER[by_key[k].given_by], lang)}: {by_key[k].label}", by_key[k].outcome)
        for k in HEADLINE_KEYS
        if k in by_key
    ]
    parts = "; ".join(f"{label}: {outcome}" for label, outcome in zip(bars["label"], bars["outcome"]))
    chart = ChartView(
        partial(verdict_bars, bars, year, lang, present),
        verdicts_table(verdicts, lang),
        t("vd_alt", lang, year=year, parts=parts),
        join_source_lines([v.source_lines for v in verdicts]),
        key="vd_chart",
    )
    return StepView(chart, key_figures, _verdicts_message(by_key, year, lang))


def _verdicts_message(by_key: dict[str, Verdict], year: int, lang: str) -> str:
    """One sentence: the region's conclusion and the auditors' verdicts on the results, in words."""
    parts = [
        t(families.VERDICT_MESSAGE[k], lang, outcome=by_key[k].outcome.lower()) for k in HEADLINE_KEYS if k in by_key
    ]
    return t("vd_msg", lang, year=year, parts="; ".join(parts)) if parts else t("vd_none", lang)
