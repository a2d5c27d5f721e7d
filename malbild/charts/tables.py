"""Tables as data, shared by the app and the snapshot: the goal × year grid, financial statements.

The charts layer makes no markup: malbild/markup/templates/goal_grid.html and statement.html draw these as
accessible HTML tables (malbild.ui.blocks.grid_html, statement_html; the snapshot renders the same templates).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from malbild import fmt
from malbild.charts.style import GAP_COLOR, LEVEL_COLORS
from malbild.texts import families, line_col, name_col, t
from malbild.texts.labels import MARK_SYMBOLS, goal_label, level_label, line_marker


@dataclass(frozen=True)
class GridCell:
    """A goal's level in a year as shown: the level in words (or the gap word), its colour, the mark of a level
    not stated as such (derived, reconstructed, entered) and the report's note on it."""

    year: int
    text: str
    color: str
    gap: bool = False
    mark: str = ""
    title: str = ""


@dataclass(frozen=True)
class GridRow:
    """A goal's row: its label, the link to its page ('' for none), its levels by year and its progress text."""

    label: str
    href: str
    cells: list[GridCell]
    progress: str = ""


@dataclass(frozen=True)
class GoalGrid:
    """The goal × year grid as data (drawn by markup/templates/goal_grid.html)."""

    caption: str
    goal_heading: str
    years: list[int]
    progress_heading: str
    rows: list[GridRow]
    note: str = ""


def goal_grid(
    frame: pd.DataFrame, lang: str, link: str | None = None, progress: tuple[str, dict[int, str]] | None = None
) -> GoalGrid:
    """The goal × year grid (columns goal_id, name_*, year, level, basis, note) as shown: a row per goal.

    `progress` adds a last column: its heading and, per goal, the change in the work towards the recommendations.
    A year in which no goal has a level is no column of gaps but a note under the table (empty_years).
    """
    years, folded = stated_years(frame)
    names = frame.drop_duplicates("goal_id").set_index("goal_id")[name_col(lang)]
    by_cell = {(r.goal_id, r.year): r for r in frame.itertuples(index=False)}
    rows = []
    for goal_id, name in names.items():
        cells = []
        for year in years:
            row = by_cell.get((goal_id, year))
            if row is None or fmt.is_missing(row.level):
                cells.append(GridCell(year, level_label(None, lang), GAP_COLOR, gap=True))
                continue
            mark = families.MARK.get(row.basis)
            cells.append(
                GridCell(
                    year,
                    level_label(row.level, lang),
                    LEVEL_COLORS[int(row.level)],
                    mark=f"{MARK_SYMBOLS[row.basis]} {t(mark, lang)}" if mark else "",
                    title=row.note if isinstance(row.note, str) else "",
                )
            )
        rows.append(
            GridRow(
                goal_label(goal_id, name, lang),
                link.format(goal=goal_id) if link else "",
                cells,
                progress[1].get(int(goal_id), "") if progress is not None else "",
            )
        )
    return GoalGrid(
        t("grid_caption", lang),
        t("goal", lang),
        years,
        progress[0] if progress is not None else "",
        rows,
        empty_years_note(folded, lang),
    )


def stated_years(frame: pd.DataFrame) -> tuple[list[int], list[int]]:
    """The years of a goal × year frame in which at least one goal has a level, and those in which none has (folded
    into a note: a column or a choice with nothing in it). The latest year is always kept."""
    years = sorted(int(y) for y in frame["year"].unique())
    stated = {int(y) for y, v in zip(frame["year"], frame["level"]) if not fmt.is_missing(v)}
    kept = [y for y in years if y in stated or y == years[-1]]
    return kept, [y for y in years if y not in kept]


def empty_years_note(years: list[int], lang: str) -> str:
    """'2016: rapporten anger ingen nivå för något av målen …' for the years folded away ('' when none)."""
    if not years:
        return ""
    names = [str(y) for y in years]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {t('and_word', lang)} " + names[-1]
    return t("ov_empty_years", lang, years=joined)


def section_label(part: str, lang: str) -> str:
    """Return a statement heading in the language (from the catalogue; an unknown heading as printed)."""
    return t(families.SECTION[part], lang) if part in families.SECTION else part


@dataclass(frozen=True)
class StatementRow:
    """A statement's row: a section heading (`section`, indented by `depth`) or a line with its figures as shown
    (text, True where the report states none)."""

    section: str = ""
    depth: int = 0
    name: str = ""
    strong: bool = False
    cells: list[tuple[str, bool]] = field(default_factory=list)


@dataclass(frozen=True)
class StatementTable:
    """A financial statement as data (drawn by markup/templates/statement.html)."""

    line_heading: str
    columns: list[str]
    rows: list[StatementRow]


def statement_table(lines: pd.DataFrame, statement: str, lang: str) -> StatementTable | None:
    """A financial statement as shown: one column per year (and the budget where given), None without lines.

    Amounts in tkr with the sign as printed; subtotals are marked Σ and bold, totals bold; the balance sheet's
    section headings are shown as rows.
    """
    if lines.empty:
        return None
    years = sorted((int(y) for y in lines["year"].unique()), reverse=True)
    has_budget = lines["budget_tkr"].notna().any()
    label = line_col(lang)
    cols: list[tuple[str, int, str]] = []
    for year in years:
        cols.append((str(year) if statement != "balance" else f"{year}-12-31", year, "amount_tkr"))
        if has_budget and lines[(lines["year"] == year)]["budget_tkr"].notna().any():
            cols.append((t("fin_col_budget_year", lang, year=year), year, "budget_tkr"))
    by_key = {(int(r.line_order), int(r.year)): r for r in lines.itertuples(index=False)}
    orders = sorted({int(o) for o in lines["line_order"]})
    rows: list[StatementRow] = []
    last_section = None
    for order in orders:
        first = next(by_key[(order, y)] for y in years if (order, y) in by_key)
        section = None if fmt.is_missing(first.section) else str(first.section)
        if statement == "balance" and section and section != last_section:
            parts = section.split(" > ")
            shared = 0 if last_section is None else sum(1 for a, b in zip(parts, last_section.split(" > ")) if a == b)
            rows += [
                StatementRow(section=section_label(part, lang), depth=depth)
                for depth, part in enumerate(parts[shared:], start=shared)
            ]
        if statement == "balance":
            last_section = section
        name = getattr(first, label) if not fmt.is_missing(getattr(first, label)) else first.line
        cells = []
        for _, year, column in cols:
            r = by_key.get((order, year))
            value = None if r is None else getattr(r, column)
            if r is not None and r.basis == "not_stated" and column == "amount_tkr":
                cells.append((t("level_gap", lang), True))
            else:
                cells.append((fmt.number(value, 0, lang=lang) if not fmt.is_missing(value) else fmt.GAP, False))
        rows.append(
            StatementRow(name=line_marker(name, first.kind), strong=first.kind in ("subtotal", "total"), cells=cells)
        )
    heads = [f"{c[0]} ({t('fin_unit_tkr', lang)})" for c in cols]
    return StatementTable(t("fin_col_line", lang), heads, rows)
