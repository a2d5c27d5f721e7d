"""The guided walk-through for a meeting, as pure data and functions (no Streamlit).

Shared by the walk-through page (pages/6_Walkthrough.py) and the PowerPoint deck (malbild/export/deck.py).
The steps are: overview → one step per goal in the data → projects → personnel → finance.
Each step has a key, a translated title and a function that, given a DuckDB connection (or cursor) and a
language, returns a StepView: one figure, its key figures (label, formatted value), one message sentence,
the figure's data as a table (the text alternative), an alt text and the source lines.
Every figure is read from the database through the named queries; nothing is invented or zero-filled.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import duckdb
import pandas as pd
import plotly.graph_objects as go

from malbild import fmt
from malbild.charts.finance import goal_trend
from malbild.charts.goals import funding_per_goal, goal_projects, level_history
from malbild.charts.personnel import age_pyramid
from malbild.charts.style import GAP_COLOR, LEVEL_COLORS, base_layout
from malbild.data.queries import run_query
from malbild.data.source_lines import join_source_lines
from malbild.texts import name_col, register, t
from malbild.texts.labels import (
    financial_goal_label,
    goal_label,
    goal_value_text,
    level_label,
    marked_value,
    metric_label,
    progress_label,
    target_text,
)
from malbild.views.finance import goal_trend_frame
from malbild.views.personnel import age_pyramid_frame, cell

register(
    {
        "wt_overview_title": ("Översikt: Regionplanens mål", "Overview: the Regional Plan's goals"),
        "wt_goal_title": ("Mål {n}: {name}", "Goal {n}: {name}"),
        "wt_projects_title": ("Projekt med regionala tillväxtmedel", "Projects with regional growth funds"),
        "wt_personnel_title": ("Personal", "Personnel"),
        "wt_finance_title": ("Ekonomi: finansiella mål", "Finance: financial goals"),
        # overview
        "wt_chart_levels": ("Antal mål per nivå {year}", "Goals per level in {year}"),
        "wt_axis_goals": ("Antal mål", "Number of goals"),
        "wt_goals_list": ("Mål {ids}", "Goals {ids}"),
        "wt_kf_of": ("{k} av {n} mål", "{k} of {n} goals"),
        "wt_overview_msg": (
            "{year} bedöms {n3} av {n} mål vara på god väg, {n2} delvis uppnådda och {n1} uppnådda i liten grad{gap}.",
            "In {year}, {n3} of {n} goals are judged on track, {n2} partly achieved and {n1} achieved to a small extent{gap}.",
        ),
        "wt_overview_gap": (", för {k} anger rapporten ingen nivå", "; for {k} the report states no level"),
        "wt_overview_alt": (
            "Stapeldiagram: antal mål per nivå {year}. {parts}.",
            "Bar chart: number of goals per level in {year}. {parts}.",
        ),
        # goals
        "wt_kf_goal_level": ("Måluppfyllelse {year}", "Goal fulfilment {year}"),
        "wt_kf_goal_progress": ("Arbetet mot rekommendationerna {year}", "Work against the recommendations {year}"),
        "wt_kf_goal_granted": ("Beviljat {year}", "Granted in {year}"),
        "wt_kf_goal_projects": ("Beviljade projekt {year}", "Projects granted in {year}"),
        "wt_kf_subgoals": ("Delmål", "Sub-goals"),
        "wt_goal_msg": ("{year}: {level} – {progress}.", "{year}: {level} – {progress}."),
        "wt_top_projects": (
            "De {k} största av {n} beviljade projekten {year}, mål {goal}",
            "The {k} largest of {n} projects granted in {year}, goal {goal}",
        ),
        "wt_goal_alt": (
            "Stapeldiagram: beviljade projekt {year} inom mål {goal}, totalt {total} i {n} projekt. Störst: {top}.",
            "Bar chart: projects granted in {year} under goal {goal}, {total} in {n} projects in all. Largest: {top}.",
        ),
        "wt_goal_alt_levels": (
            "Diagram: måluppfyllelse per år för mål {goal}. {parts}.",
            "Chart: goal fulfilment per year for goal {goal}. {parts}.",
        ),
        # projects
        "wt_kf_total": ("Beviljat totalt {year}", "Granted in total in {year}"),
        "wt_kf_projects": ("Beviljade projekt {year}", "Projects granted in {year}"),
        "wt_kf_largest": ("Störst andel: mål {goal}", "Largest share: goal {goal}"),
        "wt_projects_msg": (
            "{year} beviljades {total} till {n} projekt; störst andel gick till mål {goal} ({share}).",
            "In {year}, {total} was granted to {n} projects; the largest share went to goal {goal} ({share}).",
        ),
        "wt_projects_alt": (
            "Stapeldiagram: beviljade regionala tillväxtmedel {year} per mål, totalt {total} i {n} projekt.",
            "Bar chart: regional growth funds granted in {year} per goal, {total} in {n} projects in all.",
        ),
        # personnel
        "wt_personnel_msg": (
            "Vid årets slut {year} hade regionen {headcount} medarbetare, och sjukfrånvaron var {sick}.",
            "At the end of {year} the region had {headcount} employees, and sick leave was {sick}.",
        ),
        "wt_personnel_alt": (
            "Befolkningspyramid: åldersstruktur {year}, kvinnor till vänster och män till höger. {parts}.",
            "Population pyramid: age structure in {year}, women left and men right. {parts}.",
        ),
        "wt_kf_hr": ("{label} {year}", "{label} {year}"),
        # finance
        "wt_kf_fin_met": ("Finansiella mål uppfyllda {year}", "Financial goals met in {year}"),
        "wt_kf_fin_value": ("{met} av {n}", "{met} of {n}"),
        "wt_finance_msg": (
            "{met} av {n} finansiella mål uppfylldes {year}; årets resultat blev {result}.",
            "{met} of {n} financial goals were met in {year}; the year's result was {result}.",
        ),
        "wt_finance_alt": (
            "Linjediagram: {goal} {first}–{last} ({target}). {parts}.",
            "Line chart: {goal} {first}–{last} ({target}). {parts}.",
        ),
        # table columns
        "wt_col_level": ("Nivå", "Level"),
        "wt_col_goals": ("Mål", "Goals"),
        "wt_col_count": ("Antal mål", "Number of goals"),
    }
)

TOP_PROJECTS = 10  # a goal step's chart shows at most this many projects (the table holds all)
FINANCE_CHART_KEY = "liquidity_ratio"  # the financial goal drawn on the finance step


@dataclass(frozen=True)
class StepView:
    """What one step shows: one figure, its key figures, one message, its data, an alt text and the sources."""

    figure: go.Figure
    key_figures: list[tuple[str, str]]
    message: str
    data: pd.DataFrame
    alt: str
    source_lines: str


@dataclass(frozen=True)
class Step:
    """One step of the walk-through: a key, a title in both languages and the function that fills it."""

    key: str
    titles: dict[str, str]
    build: Callable[..., StepView] = field(repr=False)
    goal_id: int | None = None

    def title(self, lang: str = "sv") -> str:
        """Return the step's title in the language."""
        return self.titles.get(lang, self.titles["sv"])

    def render(self, con: duckdb.DuckDBPyConnection, lang: str = "sv", present: bool = False) -> StepView:
        """Fill the step from the database: figure, key figures, message, data, alt text and sources."""
        return self.build(con, lang, present)


# --- helpers ---------------------------------------------------------------------------------------------


def latest_year(con: duckdb.DuckDBPyConnection) -> int:
    """Return the latest assessed year in the data (the year the walk-through is about)."""
    grid = run_query(con, "goal_assessment_grid")
    return int(grid["year"].max())


def _ids_text(ids: list[int]) -> str:
    """Join goal numbers: '1, 2, 3 och 6' is not needed here; '1, 2, 3, 6' reads in both languages."""
    return ", ".join(str(i) for i in ids)


def _grants(con: duckdb.DuckDBPyConnection, goal_ids: list[int]) -> pd.DataFrame:
    """Granted projects of the chosen goals (none chosen = all), largest first."""
    return run_query(con, "filtered_project_grants", goal_ids=goal_ids, owners=[], min_amount=None, max_amount=None,
                     text=None)


# --- overview --------------------------------------------------------------------------------------------


def level_counts_frame(grid: pd.DataFrame, year: int, lang: str = "sv") -> pd.DataFrame:
    """Goals per level in one year (columns level, label, goals, goal_ids); levels 3, 2, 1 and 'not stated'."""
    rows = grid[grid["year"] == year]
    out = []
    for level in (3, 2, 1, None):
        if level is None:
            ids = [int(g) for g, v in zip(rows["goal_id"], rows["level"]) if fmt.is_missing(v)]
            if not ids:
                continue
        else:
            ids = [int(g) for g, v in zip(rows["goal_id"], rows["level"]) if not fmt.is_missing(v) and int(v) == level]
        out.append({"level": level, "label": level_label(level, lang), "goals": len(ids), "goal_ids": ids})
    return pd.DataFrame(out, columns=["level", "label", "goals", "goal_ids"])


def level_count_bars(frame: pd.DataFrame, year: int, lang: str = "sv", present: bool = False) -> go.Figure:
    """Bars of the number of goals per level (columns level, label, goals, goal_ids); each bar names its goals."""
    colors = [GAP_COLOR if fmt.is_missing(lv) else LEVEL_COLORS[int(lv)] for lv in frame["level"]]
    texts = [t("wt_goals_list", lang, ids=_ids_text(ids)) if ids else "" for ids in frame["goal_ids"]]
    fig = go.Figure(
        go.Bar(
            x=frame["label"],
            y=frame["goals"],
            marker=dict(color=colors, pattern=dict(shape=["" if not fmt.is_missing(lv) else "/" for lv in frame["level"]],
                                                  fgcolor="white", solidity=0.4)),
            text=texts,
            textposition="outside",
            cliponaxis=False,
            customdata=[[n, txt] for n, txt in zip(frame["goals"], texts)],
            hovertemplate="%{x}<br>" + t("wt_axis_goals", lang) + ": %{customdata[0]}<br>%{customdata[1]}<extra></extra>",
        )
    )
    top = int(frame["goals"].max()) if len(frame) else 1
    fig.update_layout(title_text=t("wt_chart_levels", lang, year=year), showlegend=False)
    fig.update_xaxes(title_text=t("level", lang), type="category")
    fig.update_yaxes(title_text=t("wt_axis_goals", lang), range=[0, top * 1.3 + 0.5], dtick=1)
    return base_layout(fig, lang, present, height=400)


def overview_view(con: duckdb.DuckDBPyConnection, lang: str = "sv", present: bool = False) -> StepView:
    """The overview step: how many goals are at each level in the latest year."""
    grid = run_query(con, "goal_assessment_grid")
    year = int(grid["year"].max())
    counts = level_counts_frame(grid, year, lang)
    n = int(grid[grid["year"] == year]["goal_id"].nunique())
    by_level = {(None if fmt.is_missing(r.level) else int(r.level)): int(r.goals) for r in counts.itertuples()}
    key_figures = [
        (level_label(level, lang), t("wt_kf_of", lang, k=fmt.number(by_level.get(level, 0), lang=lang), n=n))
        for level in (3, 2, 1)
    ]
    if by_level.get(None):
        key_figures.append((level_label(None, lang), t("wt_kf_of", lang, k=by_level[None], n=n)))
    gap = t("wt_overview_gap", lang, k=by_level[None]) if by_level.get(None) else ""
    message = t("wt_overview_msg", lang, year=year, n=n, n3=by_level.get(3, 0), n2=by_level.get(2, 0),
                n1=by_level.get(1, 0), gap=gap)
    data = pd.DataFrame(
        {
            t("wt_col_level", lang): counts["label"],
            t("wt_col_count", lang): counts["goals"],
            t("wt_col_goals", lang): [_ids_text(ids) for ids in counts["goal_ids"]],
        }
    )
    parts = "; ".join(f"{r.label}: {r.goals}" for r in counts.itertuples())
    lines = join_source_lines(grid[grid["year"] == year]["source_lines"])
    return StepView(level_count_bars(counts, year, lang, present), key_figures, message, data,
                    t("wt_overview_alt", lang, year=year, parts=parts), lines)


# --- goals -----------------------------------------------------------------------------------------------


def goal_view(goal_id: int) -> Callable[..., StepView]:
    """Return the function that fills the step of one goal."""

    def build(con: duckdb.DuckDBPyConnection, lang: str = "sv", present: bool = False) -> StepView:
        grid = run_query(con, "goal_assessment_grid")
        year = int(grid["year"].max())
        mine = grid[grid["goal_id"] == goal_id].sort_values("year")
        now = mine[mine["year"] == year]
        level = None if now.empty or fmt.is_missing(now["level"].iloc[0]) else int(now["level"].iloc[0])
        progress = run_query(con, "recommendation_progress_of_goal", goal_id=goal_id)
        prog_now = progress[progress["year"] == year]
        prog_value = None if prog_now.empty else prog_now["progress"].iloc[0]
        grants = _grants(con, [goal_id])
        grants = grants[grants["year"] == year]
        subgoals = run_query(con, "subgoals_of_goal", goal_id=goal_id)
        total = int(grants["amount_sek"].sum()) if len(grants) else None
        key_figures = [
            (t("wt_kf_goal_level", lang, year=year), level_label(level, lang, short=False)),
            (t("wt_kf_goal_progress", lang, year=year), progress_label(prog_value, lang)),
            (t("wt_kf_goal_granted", lang, year=year), fmt.sek(total, lang) if total is not None else t("level_gap", lang)),
            (t("wt_kf_goal_projects", lang, year=year), fmt.number(len(grants), lang=lang)),
            (t("wt_kf_subgoals", lang), fmt.number(len(subgoals), lang=lang)),
        ]
        level_text = t(f"level_{level}", lang) if level is not None else t("level_gap", lang)
        prog_text = t(f"progress_{prog_value}", lang) if not fmt.is_missing(prog_value) else t("progress_gap", lang)
        message = t("wt_goal_msg", lang, year=year, level=level_text, progress=prog_text[0].lower() + prog_text[1:])
        if len(grants):
            shown = grants.head(TOP_PROJECTS)
            fig = goal_projects(shown[["owner", "project", "amount_sek"]], goal_id, year, lang, present)
            if len(grants) > TOP_PROJECTS:
                fig.update_layout(title_text=t("wt_top_projects", lang, k=TOP_PROJECTS, n=len(grants), year=year,
                                               goal=goal_id))
            data = pd.DataFrame(
                {
                    t("owner", lang): grants["owner"],
                    t("project", lang): grants["project"],
                    t("amount", lang): [fmt.sek(a, lang) for a in grants["amount_sek"]],
                }
            )
            top = grants.iloc[0]
            alt = t("wt_goal_alt", lang, year=year, goal=goal_id, total=fmt.sek(total, lang), n=len(grants),
                    top=f"{top['project']} ({fmt.sek(top['amount_sek'], lang)})")
        else:
            fig = level_history(mine[["year", "level"]], lang, present)
            data = pd.DataFrame(
                {t("year", lang): mine["year"], t("level", lang): [level_label(v, lang) for v in mine["level"]]}
            )
            alt = t("wt_goal_alt_levels", lang, goal=goal_id,
                    parts="; ".join(f"{y}: {level_label(v, lang)}" for y, v in zip(mine["year"], mine["level"])))
        lines = join_source_lines(
            list(now["source_lines"]) + list(prog_now["source_lines"]) + list(grants["source_lines"])
        )
        return StepView(fig, key_figures, message, data, alt, lines)

    return build


# --- projects --------------------------------------------------------------------------------------------


def projects_view(con: duckdb.DuckDBPyConnection, lang: str = "sv", present: bool = False) -> StepView:
    """The projects step: regional growth funds granted per goal in the latest year."""
    year = int(_grants(con, [])["year"].max())
    funding = run_query(con, "funding_and_level_by_goal", year=year)
    total, n = int(funding["amount_sek"].sum()), int(funding["projects"].sum())
    top = funding.sort_values("amount_sek", ascending=False).iloc[0]
    share = fmt.pct(100 * float(top["amount_sek"]) / total, lang=lang) if total else fmt.GAP
    key_figures = [
        (t("wt_kf_total", lang, year=year), fmt.sek(total, lang)),
        (t("wt_kf_projects", lang, year=year), fmt.number(n, lang=lang)),
        (t("wt_kf_largest", lang, goal=int(top["goal_id"])), f"{fmt.sek(top['amount_sek'], lang)} ({share})"),
    ]
    message = t("wt_projects_msg", lang, year=year, total=fmt.sek(total, lang), n=fmt.number(n, lang=lang),
                goal=int(top["goal_id"]), share=share)
    data = pd.DataFrame(
        {
            t("goal", lang): [goal_label(g, nm, lang) for g, nm in zip(funding["goal_id"], funding[name_col(lang)])],
            t("n_projects", lang): funding["projects"],
            t("amount", lang): [fmt.sek(a, lang) for a in funding["amount_sek"]],
        }
    )
    lines = join_source_lines(_grants(con, [])["source_lines"])
    return StepView(funding_per_goal(funding, year, lang, present), key_figures, message, data,
                    t("wt_projects_alt", lang, year=year, total=fmt.sek(total, lang), n=n), lines)


# --- personnel -------------------------------------------------------------------------------------------

HR_KEY_METRICS = ("headcount", "sick_leave_pct", "avg_age", "turnover_pct")


def personnel_view(con: duckdb.DuckDBPyConnection, lang: str = "sv", present: bool = False) -> StepView:
    """The personnel step: the age structure and the headline personnel figures of the latest year."""
    hr = run_query(con, "hr_metrics")
    bands = run_query(con, "hr_age_bands")
    year = int(hr["year"].max())
    key_figures, lines = [], []
    values: dict[str, str] = {}
    for metric in HR_KEY_METRICS:
        figure = cell(hr, metric, year)
        if figure is None:
            text = t("level_gap", lang)
        else:
            text = marked_value(figure["value"], figure["unit"], figure["basis"], lang)
            if fmt.is_missing(figure["value"]):
                text = t("level_gap", lang)
            lines.append(figure["source_lines"])
        values[metric] = text
        key_figures.append((t("wt_kf_hr", lang, label=metric_label(metric, lang), year=year), text))
    message = t("wt_personnel_msg", lang, year=year, headcount=values["headcount"], sick=values["sick_leave_pct"])
    band_year = int(bands["year"].max()) if len(bands) else year
    pyramid = age_pyramid_frame(bands, band_year)
    lines += list(bands[bands["year"] == band_year]["source_lines"])
    data = pd.DataFrame(
        {
            t("hr_age_band", lang): pyramid["band"],
            t("women", lang): [fmt.number(v, lang=lang) for v in pyramid["women"]],
            t("men", lang): [fmt.number(v, lang=lang) for v in pyramid["men"]],
            t("all", lang): [fmt.number(v, lang=lang) for v in pyramid["all"]],
        }
    )
    parts = "; ".join(
        f"{b}: {t('women', lang)} {fmt.number(w, lang=lang)}, {t('men', lang)} {fmt.number(m, lang=lang)}"
        for b, w, m in zip(pyramid["band"], pyramid["women"], pyramid["men"])
    )
    return StepView(age_pyramid(pyramid, band_year, lang, present), key_figures, message, data,
                    t("wt_personnel_alt", lang, year=band_year, parts=parts), join_source_lines(lines))


# --- finance ---------------------------------------------------------------------------------------------


def finance_view(con: duckdb.DuckDBPyConnection, lang: str = "sv", present: bool = False) -> StepView:
    """The finance step: how many financial goals were met, and the liquidity ratio against its target."""
    goals = run_query(con, "financial_goals")
    year = int(goals["year"].max())
    now = goals[goals["year"] == year]
    known = now[now["met"].notna()]
    met = int(known["met"].astype(bool).sum())
    n = len(now)
    key_figures = [(t("wt_kf_fin_met", lang, year=year), t("wt_kf_fin_value", lang, met=met, n=n))]
    for key in ("result_positive", "liquidity_ratio", "equity_share_pct"):
        hit = now[now["goal_key"] == key]
        if hit.empty:
            continue
        value = goal_value_text(key, hit["value"].iloc[0], lang) or t("level_gap", lang)
        key_figures.append((f"{financial_goal_label(key, lang)} {year}", value))
    result = now[now["goal_key"] == "result_positive"]
    result_text = goal_value_text("result_positive", result["value"].iloc[0], lang) if len(result) else ""
    message = t("wt_finance_msg", lang, met=met, n=n, year=year, result=result_text or t("level_gap", lang))
    trend = goal_trend_frame(goals, FINANCE_CHART_KEY)
    fig = goal_trend(trend, FINANCE_CHART_KEY, lang, present)
    data = pd.DataFrame(
        {
            t("year", lang): trend["year"],
            financial_goal_label(FINANCE_CHART_KEY, lang): [goal_value_text(FINANCE_CHART_KEY, v, lang) or t("level_gap", lang)
                                                      for v in trend["value"]],
        }
    )
    parts = "; ".join(f"{y}: {goal_value_text(FINANCE_CHART_KEY, v, lang) or t('level_gap', lang)}"
                      for y, v in zip(trend["year"], trend["value"]))
    alt = t("wt_finance_alt", lang, goal=financial_goal_label(FINANCE_CHART_KEY, lang), first=int(trend["year"].min()),
            last=int(trend["year"].max()), target=target_text(FINANCE_CHART_KEY, lang), parts=parts)
    lines = join_source_lines(list(now["source_lines"]) + list(trend["source_lines"]))
    return StepView(fig, key_figures, message, data, alt, lines)


# --- the steps -------------------------------------------------------------------------------------------


def _both(key: str, **fields: object) -> dict[str, str]:
    """A title in both languages."""
    return {lang: t(key, lang, **fields) for lang in ("sv", "en")}


def walkthrough_steps(con: duckdb.DuckDBPyConnection) -> list[Step]:
    """Return the steps: overview, one per goal in the data (in goal order), projects, personnel, finance."""
    goals = run_query(con, "goals")
    steps = [Step("overview", _both("wt_overview_title"), overview_view)]
    for row in goals.itertuples(index=False):
        gid = int(row.goal_id)
        steps.append(
            Step(
                f"goal_{gid}",
                {"sv": t("wt_goal_title", "sv", n=gid, name=row.name_sv), "en": t("wt_goal_title", "en", n=gid, name=row.name_en)},
                goal_view(gid),
                goal_id=gid,
            )
        )
    steps += [
        Step("projects", _both("wt_projects_title"), projects_view),
        Step("personnel", _both("wt_personnel_title"), personnel_view),
        Step("finance", _both("wt_finance_title"), finance_view),
    ]
    return steps


__all__ = ["Step", "StepView", "walkthrough_steps", "latest_year", "level_counts_frame", "level_count_bars"]
