"""One goal: its level, sub-goals, progress, the report's reasoning, its projects and funding against level."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

import pandas as pd
import plotly.graph_objects as go

from malbild import fmt
from malbild.charts.goals import funding_vs_level, goal_projects, level_history
from malbild.charts.style import wrap_title
from malbild.data.source_lines import join_source_lines, merge_ranges
from malbild.texts import N_, families, name_col, t
from malbild.texts.labels import goal_label, goal_labels, level_label, marked_level, progress_label
from malbild.views.base import ChartView, Metric, Query


def split_paragraphs(text: str) -> list[str]:
    """Split a stored text into its paragraphs (separated by blank lines)."""
    return [p.strip() for p in str(text).split("\n\n") if p.strip()]


def texts_by_kind(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Return the latest year's text of each kind (columns year, kind, text_sv, source_lines)."""
    if frame.empty:
        return {}
    latest = frame[frame["year"] == frame["year"].max()]
    return {row["kind"]: row for _, row in latest.iterrows()}


TOP_PROJECTS = 10  # a goal step's chart shows at most this many projects (the table holds all)
# Presenting (and on a slide), the chart is fitted to 1280×720 beside the key figures, names whole: ten two-line
# labels ran into each other there, and whole names take up to five lines.
TOP_PROJECTS_PRESENT = 3
# The Goals page presenting: a chart is at most a screen high (present.css), which holds eight two-line labels.
TOP_PROJECTS_PAGE_PRESENT = 8
TEXT_KINDS = ("outcome", "recommendation", "previous")
PROGRESS_RANK = {"little": 1, "partly": 2, "in_line": 3}  # the report's three steps, worst first


@dataclass(frozen=True)
class Quote:
    """Words quoted from the report with the lines they stand on."""

    text: str
    source_lines: str
    document: str | None = None  # the document the lines are in (None: the bundled report)


def document_of(row: pd.Series | None) -> str | None:
    """The document a row's lines are in ('ar2019'), or None for the bundled report (or no column)."""
    value = None if row is None else row.get("document")
    return None if fmt.is_missing(value) or not str(value).strip() else str(value)


def bundled_lines(frame: pd.DataFrame, bundled: str) -> pd.DataFrame:
    """The frame with the source_lines of rows in another document than the bundled one blanked: a note that joins
    several rows' lines quotes the bundled report, so another report's lines must not stand in it (each such row
    shows its own document and lines in its provenance)."""
    if "document" not in frame or frame.empty:
        return frame
    other = [not fmt.is_missing(d) and str(d) != bundled for d in frame["document"]]
    return frame.assign(source_lines=[None if o else v for o, v in zip(other, frame["source_lines"], strict=True)])


def _sentences(text: str) -> list[str]:
    """The sentences of a text (split after '.', '!' or '?' followed by a space)."""
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def reason_of(outcome: pd.Series | None, recommendation: pd.Series | None) -> Quote | None:
    """The report's reason for the assessment: the outcome text without the recommendation it ends with, on the
    lines from the outcome's first to the recommendation's first (they share that line). Quoted, never written."""
    if outcome is None:
        return None
    text = " ".join(str(outcome["text_sv"]).split())
    lines = str(outcome["source_lines"])
    if recommendation is not None:
        advice = " ".join(str(recommendation["text_sv"]).split())
        rec_ranges, out_ranges = merge_ranges(recommendation["source_lines"]), merge_ranges(lines)
        if advice and text.endswith(advice) and text != advice:
            text = text[: -len(advice)].strip()
            if len(out_ranges) == 1 and rec_ranges and out_ranges[0][0] <= rec_ranges[0][0] <= out_ranges[0][1]:
                lines = f"{out_ranges[0][0]}-{rec_ranges[0][0]}"
    return Quote(text, lines, document_of(outcome))


def because_of(reason: Quote | None) -> str | None:
    """The reason's sentences after its first (the first restates the assessment itself), or None when it has none:
    only then does 'because …' quote a cause the report gives."""
    if reason is None:
        return None
    rest = _sentences(reason.text)[1:]
    return " ".join(rest) or None


def progress_change(progress: pd.DataFrame, year: int, lang: str, short: bool = False) -> str:
    """The work against the recommendations compared with the year before: 'Sämre än 2017 (delvis → i liten grad)',
    'Samma som 2017 (delvis)' or that 2017 is not stated; `short` leaves out the year (a key figure's label has it)."""
    by_year = dict(zip(progress["year"].astype(int), progress["progress"], strict=True))
    before, now = by_year.get(year - 1), by_year.get(year)
    if fmt.is_missing(before) or fmt.is_missing(now):
        return t("gp_change_gap_short" if short else "gp_change_gap", lang, year=year - 1)
    names = {p: t(families.PROGRESS_SHORT[p], lang) for p in PROGRESS_RANK}
    rank_before, rank_now = PROGRESS_RANK[str(before)], PROGRESS_RANK[str(now)]
    kind = "same" if rank_now == rank_before else "better" if rank_now > rank_before else "worse"
    key = families.GOAL_CHANGE_SHORT[kind] if short else families.GOAL_CHANGE[kind]
    return t(key, lang, year=year - 1, before=names[str(before)], now=names[str(now)])


@dataclass(frozen=True)
class GoalText:
    """A passage of the report about the goal: its kind, a heading, its paragraphs and source lines."""

    kind: str
    title: str
    paragraphs: list[str]
    source_lines: str
    document: str | None = None  # the document the lines are in (None: the bundled report)


@dataclass(frozen=True)
class GoalView:
    """One goal: its level, sub-goals, levels by year, progress, the report's reasoning, projects, funding."""

    goal_id: int
    title: str  # 'Mål 5: Platsbaserad näringslivsutveckling'
    source_lines: str  # where the goal is named
    year: int  # the latest assessed year
    level: Metric  # the level in the latest year
    change: str  # the work against the recommendations compared with the year before
    reason: Quote | None  # the report's reason for the assessment (None: the report gives none)
    recommended: Quote | None  # what the report recommends
    subgoals: list[tuple[str, str]]  # (id, text in Swedish)
    subgoal_source_lines: str
    levels: ChartView  # the level by year
    levels_table: pd.DataFrame
    progress: list[tuple[str, str]]  # ('Arbetet mot rekommendationerna 2018', '■■■ I enlighet med …')
    progress_table: pd.DataFrame
    progress_source_lines: str
    texts: dict[str, GoalText | None]  # outcome, recommendation, previous (None: the report has none)
    summary: GoalText | None
    projects: ChartView | None  # the projects granted in the latest year (None: none granted)
    projects_table: pd.DataFrame  # owner, project, amount as shown ('4 800 000 kr'), largest first
    projects_total: str  # '24 projekt, totalt 24 760 387 kr'
    projects_foot: list[str]
    no_projects: str
    funding_vs_level: ChartView
    year_source_lines: str  # the lines of the latest year's level, progress, grants and reason


def _goal_text(kind: str, row: pd.Series | None, year: int, lang: str) -> GoalText | None:
    """One passage of the report as a GoalText, or None when the report has none of that kind."""
    if row is None:
        return None
    return GoalText(
        kind,
        t(families.GOAL_TEXT[kind], lang, year=year),
        split_paragraphs(row["text_sv"]),
        str(row["source_lines"]),
        document_of(row),
    )


def _projects(grants: pd.DataFrame, goal_id: int, year: int, lang: str, present: bool) -> ChartView | None:
    """The goal's projects granted in the year as a chart with its table, or None when there are none."""
    if grants.empty:
        return None
    total = fmt.sek(grants["amount_sek"].sum(), lang)
    top = grants.iloc[0]
    return ChartView(
        partial(top_projects_figure, grants, goal_id, year, lang, present, TOP_PROJECTS_PAGE_PRESENT)
        if present
        else partial(goal_projects, grants, goal_id, year, lang, present),
        grants_table(grants, lang),
        t(
            "gp_projects_alt",
            lang,
            n=len(grants),
            year=year,
            goal=goal_id,
            amount=total,
            top=f"{top['project']} ({fmt.sek(top['amount_sek'], lang)})",
        ),
        join_source_lines(grants["source_lines"]),
        key="gp_projects_chart",
    )


def grants_table(grants: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Granted projects as text: owner, project, amount and source lines."""
    return pd.DataFrame(
        {
            t("owner", lang): grants["owner"],
            t("project", lang): grants["project"],
            t("amount", lang): [fmt.sek(a, lang) for a in grants["amount_sek"]],
            t("source_lines", lang): grants["source_lines"],
        }
    )


def levels_chart(levels: pd.DataFrame, goal_id: int, lang: str, present: bool) -> ChartView:
    """The goal's level by year as a chart, with the levels as text."""
    items = "; ".join(f"{int(r.year)}: {marked_level(r.level, r.basis, lang)}" for r in levels.itertuples())
    table = pd.DataFrame(
        {
            t("year", lang): levels["year"].astype(str),
            t("level", lang): [marked_level(v, b, lang) for v, b in zip(levels["level"], levels["basis"], strict=True)],
        }
    )
    return ChartView(
        partial(level_history, levels, lang, present),
        table,
        t("gp_levels_alt", lang, goal=goal_id, items=items),
        join_source_lines(levels["source_lines"]),
        key="gp_levels_chart",
    )


def _funding_vs_level(q: Query, grid: pd.DataFrame, year: int, lang: str, present: bool) -> ChartView:
    """Every goal's funding in the year against its level."""
    funding = q("funding_and_level_by_goal", year=year)
    items = "; ".join(
        f"{t('goal_n', lang, n=int(r.goal_id))}: {fmt.sek(r.amount_sek, lang)}, {level_label(r.level, lang)}"
        for r in funding.itertuples()
    )
    return ChartView(
        partial(funding_vs_level, funding, year, lang, present),
        funding[["goal_id", name_col(lang), "projects", "amount_sek", "level"]],
        t("gp_funding_alt", lang, year=year, items=items),
        join_source_lines(grid[grid["year"] == year]["source_lines"]),
        key="gp_funding_chart",
    )


def top_projects_figure(
    grants: pd.DataFrame, goal_id: int, year: int, lang: str, present: bool, top: int | None = None
) -> go.Figure:
    """The goal's largest projects of the year as bars (at most `top`: TOP_PROJECTS, fewer presenting; the title
    says so when some are left out)."""
    whole = present and top is None  # a walk-through step presenting, or a slide: names whole, wrapped
    top = top or (TOP_PROJECTS_PRESENT if present else TOP_PROJECTS)
    shown = grants.head(top)
    fig = goal_projects(shown[["owner", "project", "amount_sek"]], goal_id, year, lang, present, whole=whole)
    if whole:  # one line: the slide's or step's title names the goal, its message the year
        key = N_("wt_top_projects_short") if len(grants) > top else N_("wt_all_projects_short")
        fig.update_layout(title_text=t(key, lang, k=top, n=len(grants)))
    elif len(grants) > top:
        fig.update_layout(
            title_text=wrap_title(t("wt_top_projects", lang, k=top, n=len(grants), year=year, goal=goal_id))
        )
    return fig


@dataclass(frozen=True)
class GoalFacts:
    """What a goal's page and its walk-through step (views/steps.py) share: the latest year's level, progress,
    grants and the report's reason, read once."""

    goal_id: int
    goal: pd.Series  # the goal's row of the goals query
    grid: pd.DataFrame  # every goal × year (goal_assessment_grid)
    levels: pd.DataFrame  # this goal's levels by year: year, level, basis, note, source_lines
    year: int  # the latest assessed year
    level: object  # the level in that year (a gap: None or NaN)
    progress: pd.DataFrame  # the work against the recommendations by year
    progress_now: object  # in the latest year (None when not stated)
    grants: pd.DataFrame  # the goal's projects granted in the latest year, largest first
    texts: dict[str, pd.Series]  # the latest year's text of each kind
    reason: Quote | None  # the report's reason for the assessment
    source_lines: str  # the lines of the latest year's level, progress, grants and reason


def goal_facts(q: Query, goal_id: int) -> GoalFacts:
    """Read one goal's facts from the database."""
    goals = q("goals")
    bundled = str(q("bundled_document")["document"].iloc[0])
    grid = bundled_lines(q("goal_assessment_grid"), bundled)
    mine = grid[grid["goal_id"] == goal_id].sort_values("year")[["year", "level", "basis", "note", "source_lines"]]
    year = int(grid["year"].max())
    now = mine[mine["year"] == year]
    progress = bundled_lines(q("recommendation_progress_of_goal", goal_id=goal_id), bundled)
    prog_now = progress[progress["year"] == year]
    texts = texts_by_kind(q("texts_of_goal", goal_id=goal_id))
    grants = q("filtered_project_grants", goal_ids=[goal_id], owners=[], min_amount=None, max_amount=None, text=None)
    grants = grants[grants["year"] == year]
    reason = reason_of(texts.get("outcome"), texts.get("recommendation"))
    lines = join_source_lines(list(now["source_lines"]) + list(prog_now["source_lines"]) + list(grants["source_lines"]))
    return GoalFacts(
        goal_id=goal_id,
        goal=goals[goals["goal_id"] == goal_id].iloc[0],
        grid=grid,
        levels=mine,
        year=year,
        level=None if now.empty else now["level"].iloc[0],
        progress=progress,
        progress_now=None if prog_now.empty else prog_now["progress"].iloc[0],
        grants=grants,
        texts=texts,
        reason=reason,
        source_lines=lines if reason is None else join_source_lines([lines, reason.source_lines]),
    )


def goal_view(q: Query, goal_id: int, lang: str, present: bool = False) -> GoalView:
    """Build one goal's view from the database."""
    facts = goal_facts(q, goal_id)
    year, progress, grants, texts = facts.year, facts.progress, facts.grants, facts.texts
    subgoals = q("subgoals_of_goal", goal_id=goal_id)
    levels = levels_chart(facts.levels, goal_id, lang, present)
    total = fmt.sek(grants["amount_sek"].sum(), lang)
    rec = texts.get("recommendation")
    return GoalView(
        goal_id=goal_id,
        title=goal_label(goal_id, facts.goal[name_col(lang)], lang),
        source_lines=str(facts.goal["source_lines"]),
        year=year,
        level=Metric(t("gp_level_year", lang, year=year), level_label(facts.level, lang, short=False)),
        change=progress_change(progress, year, lang),
        reason=facts.reason,
        recommended=None
        if rec is None
        else Quote(" ".join(str(rec["text_sv"]).split()), str(rec["source_lines"]), document_of(rec)),
        subgoals=[(str(r.subgoal_id), str(r.text_sv)) for r in subgoals.itertuples()],
        subgoal_source_lines=join_source_lines(subgoals["source_lines"]),
        levels=levels,
        levels_table=levels.data,
        progress=[
            (t("gp_progress_year", lang, year=int(r.year)), progress_label(r.progress, lang))
            for r in progress.itertuples()
        ],
        progress_table=pd.DataFrame(
            {
                t("year", lang): progress["year"].astype(str),
                t("gp_progress", lang): [progress_label(p, lang) for p in progress["progress"]],
            }
        ),
        progress_source_lines=join_source_lines(progress["source_lines"]),
        texts={kind: _goal_text(kind, texts.get(kind), year, lang) for kind in TEXT_KINDS},
        summary=_goal_text("summary", texts.get("summary"), year, lang),
        projects=_projects(grants, goal_id, year, lang, present),
        projects_table=pd.DataFrame(
            {
                t("owner", lang): list(grants["owner"]),
                t("project", lang): list(grants["project"]),
                t("amount_sek", lang): [fmt.sek(v, lang) for v in grants["amount_sek"]],
            }
        ),
        projects_total=t("gp_projects_total", lang, n=len(grants), amount=total),
        projects_foot=[t("total", lang), "", total, ""],
        no_projects=t("gp_no_projects", lang, year=year),
        funding_vs_level=_funding_vs_level(q, facts.grid, year, lang, present),
        year_source_lines=facts.source_lines,
    )


def goal_choices(q: Query, lang: str) -> dict[int, str]:
    """The goals to choose from, by id, with their labels ('Mål 5: Platsbaserad näringslivsutveckling')."""
    return goal_labels(q("goals"), lang)
