"""The overview: the six goals × years, goals per level in a year, and the headline figures of every subject."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from malbild import fmt
from malbild.charts.tables import stated_years
from malbild.data.source_lines import join_source_lines
from malbild.texts import N_, t
from malbild.texts.labels import PROGRESS_SYMBOLS, goal_ids_words, level_label, progress_label
from malbild.views.base import Metric, Query
from malbild.views.finance import goals_met
from malbild.views.funding import Funding, funding_view
from malbild.views.goal import document_of
from malbild.views.personnel import comparison, metric_texts

LEVELS: tuple[int | None, ...] = (3, 2, 1, None)  # None: the report states no level


@dataclass(frozen=True)
class OverviewView:
    """The overview page and the snapshot's overview section."""

    year: int  # the latest assessed year
    years: list[int]  # the years in which at least one goal has a level (the year choices)
    grid: pd.DataFrame  # goal × year (goal_assessment_grid)
    grid_source_lines: str
    count_table: pd.DataFrame  # level, 'k / n' in the latest year
    progress_column: tuple[str, dict[int, str]] | None  # the grid's last column: recommendation progress, per goal
    changes: list[str]  # what changed against the year before: a count sentence, then one sentence per goal that moved
    funding: Funding
    finance: Metric
    personnel: list[Metric]


def level_groups(grid: pd.DataFrame, year: int) -> dict[int | None, list[int]]:
    """The goals at each level (3, 2, 1, None for not stated) in one year, in goal order. Every goal of the grid is
    counted: one without a row for the year (a year entered for some goals only) is not stated, as the grid shows it."""
    groups: dict[int | None, list[int]] = {level: [] for level in LEVELS}
    levels = levels_by_goal(grid, year)
    for goal_id in sorted({int(g) for g in grid["goal_id"]}):
        groups[levels.get(goal_id)].append(goal_id)
    return groups


def levels_by_goal(grid: pd.DataFrame, year: int) -> dict[int, int]:
    """The level of each goal that has one in the year (stated, derived or entered; gaps left out)."""
    rows = grid[grid["year"] == year]
    return {int(g): int(v) for g, v in zip(rows["goal_id"], rows["level"]) if not fmt.is_missing(v)}


def level_counts(frame: pd.DataFrame, year: int) -> dict[int | None, int]:
    """Count goals per level (3, 2, 1, None for not stated) in one year."""
    return {level: len(ids) for level, ids in level_groups(frame, year).items()}


def level_count_changes(frame: pd.DataFrame, year: int) -> tuple[dict[int | None, int | None], int]:
    """Change per level against the year before, over the goals with a level in both years; and how many those are.

    A goal without a level in either year is left out (a gap is not a level, so nothing can have changed). When no
    goal has a level in both years, every change is None. The gap count (key None) has no change: it is 0 by
    construction among the goals compared.
    """

    now, before = levels_by_goal(frame, year), levels_by_goal(frame, year - 1)
    both = sorted(set(now) & set(before))
    if not both:
        return dict.fromkeys(LEVELS), 0
    changes: dict[int | None, int | None] = {
        k: sum(now[g] == k for g in both) - sum(before[g] == k for g in both) for k in (3, 2, 1)
    }
    changes[None] = None
    return changes, len(both)


def level_counts_frame(grid: pd.DataFrame, year: int, lang: str) -> pd.DataFrame:
    """Goals per level in one year (columns level, label, goals, goal_ids); levels 3, 2, 1 and 'not stated'."""
    out = [
        {"level": level, "label": level_label(level, lang), "goals": len(ids), "goal_ids": ids}
        for level, ids in level_groups(grid, year).items()
        if level is not None or ids
    ]
    return pd.DataFrame(out, columns=["level", "label", "goals", "goal_ids"])


@dataclass(frozen=True)
class LevelComparison:
    """Which goals a year's level changes are counted over: those with a level in both years (compared), the goals
    with no level the year before (missing), and whether every compared level of the year before is derived (then
    'no goal changed level' follows from how those levels were derived, not from two assessments)."""

    compared: list[int]
    missing: list[int]
    derived: bool


def level_comparison(grid: pd.DataFrame, year: int) -> LevelComparison:
    """Compare a year's levels with the year before, like for like (see LevelComparison)."""
    before = grid[grid["year"] == year - 1]
    now = grid[grid["year"] == year]
    stated_before = {
        int(g): str(b) for g, v, b in zip(before["goal_id"], before["level"], before["basis"]) if not fmt.is_missing(v)
    }
    stated_now = {int(g) for g, v in zip(now["goal_id"], now["level"]) if not fmt.is_missing(v)}
    compared = sorted(stated_now & set(stated_before))
    missing = sorted({int(g) for g in grid["goal_id"]} - set(stated_before))
    derived = bool(compared) and all(stated_before[g] == "derived" for g in compared) and not level_moves(grid, year)
    return LevelComparison(compared, missing, derived)


def _signed(delta: int, lang: str) -> str:
    """A change in goals, always signed: '+1', '−1', '±0'."""
    return "±0" if delta == 0 else ("+" if delta > 0 else "") + fmt.number(delta, 0, lang=lang)


def _level_metrics(grid: pd.DataFrame, year: int, lang: str) -> list[Metric]:
    """Goals per level in a year, each with its change against the year before; when only some goals can be compared,
    the change names them ('±0 bland mål 1–4'), so it is not read as a change over all goals counted."""
    counts = level_counts(grid, year)
    changes = level_count_changes(grid, year)[0]
    comparison = level_comparison(grid, year)
    among = (
        " " + t("ov_delta_among", lang, goals=goal_ids_words(comparison.compared, lang))
        if comparison.compared and comparison.missing
        else ""
    )
    out = []
    for level in LEVELS:
        label = t("level_gap_short", lang) if level is None else level_label(level, lang)
        delta = changes[level]
        out.append(Metric(label, str(counts[level]), delta=None if delta is None else _signed(delta, lang) + among))
    return out


def _comparison_notes(grid: pd.DataFrame, year: int, lang: str) -> list[str]:
    """Which goals have no level the year before, and that the compared levels were derived (no change by
    construction): sentences for the change note and the 'what changed' list."""
    comparison = level_comparison(grid, year)
    out = []
    if comparison.compared and comparison.missing:
        out.append(t("ov_change_missing", lang, year=year - 1, goals=goal_ids_words(comparison.missing, lang)))
    if comparison.derived:
        out.append(t("ov_change_derived", lang, year=year - 1, goals=goal_ids_words(comparison.compared, lang)))
    return out


def _change_note(grid: pd.DataFrame, year: int, years: list[int], lang: str) -> str:
    """Over which goals the changes against the year before are counted, which lack a level, or that none can be."""
    if year - 1 not in years:
        return ""
    compared = level_comparison(grid, year).compared
    if not compared:
        return t("ov_change_none", lang, year=year - 1)
    head = t("ov_change_note", lang, year=year - 1, goals=goal_ids_words(compared, lang))
    return " ".join([head, *_comparison_notes(grid, year, lang)])


PROGRESS_RANK = {"in_line": 3, "partly": 2, "little": 1}


def first_sentence(q: Query, source_lines: str, document: str | None = None) -> str:
    """The first sentence of a document's passage at the last of the given line ranges (the stated judgement);
    `document` is a key of source_document, None the bundled report."""
    ranges = [r.strip() for r in str(source_lines).split(";") if r.strip()]
    if not ranges:
        return ""
    passage = q("source_passage", document=document, source_lines=ranges[-1])
    text = ""
    for line in passage["text"]:
        line = " ".join(str(line).split())
        # A word the report hyphenated across lines ('rekom-' + 'mendationerna') is joined again.
        text = text[:-1] + line if text.endswith("-") and line[:1].islower() else f"{text} {line}".strip()
    end = text.find(". ")
    return text if end < 0 else text[: end + 1]


def progress_quote(q: Query, row: pd.Series, goal: int, year: int) -> str:
    """What the report says of a goal's progress in a year: the first sentence of the row's passage, or, for a row
    entered by staff, of that year's outcome text entered with it. Empty when there is none (never quoted empty)."""
    if row.get("basis") == "entered":
        texts = q("texts_of_goal", goal_id=goal)
        outcome = texts[(texts["year"] == year) & (texts["kind"] == "outcome")]
        if not outcome.empty:
            text = " ".join(str(outcome["text_sv"].iloc[0]).split())
            end = text.find(". ")
            return text if end < 0 else text[: end + 1]
    if fmt.is_missing(row.get("source_lines")):
        return ""
    return first_sentence(q, str(row["source_lines"]), document_of(row)).strip()


def progress_changes(progress: pd.DataFrame, year: int) -> tuple[list[tuple[int, str, str]], int]:
    """Goals whose progress against the recommendations moved from year-1 to year, and how many could be compared.

    Only goals with a stated progress in both years are compared; returns (goal, before, now) per goal that moved.
    """

    def values(in_year: int) -> dict[int, str]:
        """Progress per goal in one year (gaps left out)."""
        rows = progress[progress["year"] == in_year]
        return {int(g): str(v) for g, v in zip(rows["goal_id"], rows["progress"]) if not fmt.is_missing(v)}

    now, before = values(year), values(year - 1)
    both = sorted(set(now) & set(before))
    return [(g, before[g], now[g]) for g in both if before[g] != now[g]], len(both)


def level_moves(grid: pd.DataFrame, year: int) -> list[tuple[int, int, int]]:
    """Goals whose level moved from year-1 to year, among goals with a level in both years: (goal, before, now)."""

    now, before = levels_by_goal(grid, year), levels_by_goal(grid, year - 1)
    return [(g, before[g], now[g]) for g in sorted(set(now) & set(before)) if before[g] != now[g]]


def progress_column(progress: pd.DataFrame, year: int, lang: str) -> tuple[str, dict[int, str]]:
    """The grid's column on the work towards the recommendations: 'year-1 → year' and per goal '■■□ → ■□□ sämre'."""
    cells: dict[int, str] = {}
    for goal in sorted({int(g) for g in progress["goal_id"]}):
        rows = progress[progress["goal_id"] == goal].set_index("year")["progress"]
        before = rows.get(year - 1)
        now = rows.get(year)
        if fmt.is_missing(now):
            cells[goal] = f"– {t('level_gap_short', lang)}"
        elif fmt.is_missing(before):
            cells[goal] = f"{PROGRESS_SYMBOLS[str(now)]} ({t('ov_pc_no_before', lang, year=year - 1)})"
        else:
            a, b = PROGRESS_RANK[str(before)], PROGRESS_RANK[str(now)]
            word = t("ov_pc_same" if a == b else ("ov_pc_down" if b < a else "ov_pc_up"), lang)
            arrow = "" if a == b else f"{PROGRESS_SYMBOLS[str(before)]} → "
            cells[goal] = f"{arrow}{PROGRESS_SYMBOLS[str(now)]} {word}"
    return t("ov_pc_head", lang, before=year - 1, now=year), cells


def _changes(q: Query, grid: pd.DataFrame, year: int, lang: str) -> list[str]:
    """Sentences on what changed against the year before: levels, then progress, then each goal that moved."""
    n_goals = int(grid[grid["year"] == year]["goal_id"].nunique())
    compared = level_count_changes(grid, year)[1]
    moves = level_moves(grid, year)
    if not compared:
        out = [t("ov_ch_levels_none", lang, year=year - 1)]
    else:
        goals = goal_ids_words(level_comparison(grid, year).compared, lang)
        if not moves:
            head = t("ov_ch_levels_same", lang, year=year - 1, k=compared, n=n_goals, goals=goals)
        else:
            head = t("ov_ch_levels_moved", lang, year=year - 1, k=compared, n=n_goals, m=len(moves), goals=goals)
        out = [" ".join([head, *_comparison_notes(grid, year, lang)])]
    progress = q("recommendation_progress")
    moved, both = progress_changes(progress, year)
    down = [g for g, a, b in moved if PROGRESS_RANK[b] < PROGRESS_RANK[a]]
    up = [g for g, a, b in moved if PROGRESS_RANK[b] > PROGRESS_RANK[a]]
    if both:
        parts = [t("ov_ch_down", lang, goals=goal_ids_words(down, lang))] if down else []
        parts += [t("ov_ch_up", lang, goals=goal_ids_words(up, lang))] if up else []
        parts.append(t("ov_ch_same", lang, k=both - len(moved)))
        out.append(t("ov_ch_progress", lang, year=year - 1, k=both, n=n_goals, parts=", ".join(parts)))
    rows = progress[progress["year"] == year].set_index("goal_id")
    for goal, before, now in moved:
        quote = progress_quote(q, rows.loc[goal], goal, year) if goal in rows.index else ""
        out.append(
            t(
                "ov_ch_goal_progress" if quote else "ov_ch_goal_progress_unquoted",
                lang,
                goal=goal,
                year=year - 1,
                now_year=year,
                before=progress_label(before, lang, short=True),
                now=progress_label(now, lang, short=True),
                quote=quote,
            )
        )
    for goal, level_before, level_now in moves:
        out.append(
            t(
                "ov_ch_goal_level",
                lang,
                goal=goal,
                year=year - 1,
                before=level_label(level_before, lang),
                now=level_label(level_now, lang),
            )
        )
    return out


def _count_table(grid: pd.DataFrame, year: int, lang: str) -> pd.DataFrame:
    """Goals per level in a year as 'k / n' (the snapshot's table)."""
    counts = level_counts(grid, year)
    n_goals = int(grid[grid["year"] == year]["goal_id"].nunique())
    shown = [lv for lv in LEVELS if lv is not None or counts[None]]
    return pd.DataFrame(
        {
            t("level", lang): [level_label(lv, lang, short=False) for lv in shown],
            t("wt_axis_goals", lang): [f"{counts[lv]} / {n_goals}" for lv in shown],
        }
    )


def _finance_metric(q: Query, lang: str) -> Metric:
    """Financial goals met in the latest year, 'k av n'."""
    goals = q("financial_goals")
    now, met = goals_met(goals)
    return Metric(t("ov_fin_goals", lang, year=int(now["year"].max())), t("wt_kf_fin_value", lang, met=met, n=len(now)))


def _personnel_metrics(q: Query, lang: str) -> list[Metric]:
    """Employees at year end and sick leave in the latest year, each with its signed change in its unit and the year
    before, written as the Personnel page writes them ('+1,4 p.e. (2017: 1,5 %)')."""
    hr = q("hr_metrics")
    year = int(hr["year"].max())
    out = []
    for metric, key in (("headcount", N_("ov_headcount")), ("sick_leave_pct", N_("ov_sick"))):
        comp = comparison(hr, metric, year, "all", lang=lang)
        if comp is None:
            out.append(Metric(t(key, lang, year=year), f"{fmt.GAP} {t('level_gap_short', lang)}"))
            continue
        texts = metric_texts(comp, year, lang)
        out.append(Metric(t(key, lang, year=year), texts["value"], texts["delta"], arrow=texts["delta_arrow"]))
    return out


@dataclass(frozen=True)
class GoalGrid:
    """The goals × years as the overview reads them: what the overview page, its grid block and the walk-through's
    overview step share."""

    frame: pd.DataFrame  # goal_assessment_grid
    years: list[int]  # the years in which at least one goal has a level (a year without one is no choice)
    all_years: list[int]  # every year in the grid

    @property
    def year(self) -> int:
        """The latest year in which a goal has a level."""
        return self.years[-1]

    @property
    def has_year_before(self) -> bool:
        """Whether the grid holds the year before the latest (then changes can be told)."""
        return self.year - 1 in self.all_years


def goal_grid(q: Query) -> GoalGrid:
    """Read the goals × years from the database."""
    grid = q("goal_assessment_grid")
    return GoalGrid(grid, stated_years(grid)[0], sorted(int(y) for y in grid["year"].unique()))


def grid_progress(q: Query, grid: GoalGrid, lang: str) -> tuple[str, dict[int, str]] | None:
    """The grid's column on the work towards the recommendations (None when the year before is not in the grid)."""
    return progress_column(q("recommendation_progress"), grid.year, lang) if grid.has_year_before else None


@dataclass(frozen=True)
class LevelCounts:
    """Goals per level in one year, each with its change against the year before: what the overview's year choice
    changes (built apart from the overview, so choosing a year does not build the overview again)."""

    year: int  # the year counted
    metrics: list[Metric]
    change_note: str  # over which goals the changes are counted ('' when the year is the grid's first)


def level_counts_view(q: Query, lang: str, year: int | None = None) -> LevelCounts:
    """The level counts of a year in which some goal has a level (default, or a year without one: the latest)."""
    goals = goal_grid(q)
    year = year if year in goals.years else goals.year
    return LevelCounts(
        year, _level_metrics(goals.frame, year, lang), _change_note(goals.frame, year, goals.all_years, lang)
    )


def overview_view(q: Query, lang: str, present: bool = False) -> OverviewView:
    """Build the overview from the database: the grid, what changed, the headlines of every subject (the level
    counts of a chosen year are level_counts_view)."""
    goals = goal_grid(q)
    grid, years, year = goals.frame, goals.years, goals.year
    return OverviewView(
        year=year,
        years=years,
        grid=grid,
        grid_source_lines=join_source_lines(grid["source_lines"]),
        count_table=_count_table(grid, year, lang),
        progress_column=grid_progress(q, goals, lang),
        changes=_changes(q, grid, year, lang) if goals.has_year_before else [],
        funding=funding_view(q, year, lang, present),
        finance=_finance_metric(q, lang),
        personnel=_personnel_metrics(q, lang),
    )
