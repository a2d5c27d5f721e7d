"""Tables as accessible HTML, shared by the app and the snapshot: the goal × year grid, financial statements."""

from __future__ import annotations

import html

import pandas as pd

from malbild import fmt
from malbild.charts.style import GAP_COLOR, LEVEL_COLORS
from malbild.texts import families, line_col, name_col, t
from malbild.texts.labels import MARK_SYMBOLS, goal_label, level_label, line_marker

MARKS = {"derived": "hr_mark_derived", "reconstructed": "hr_mark_reconstructed", "entered": "hr_mark_entered"}


def grid_html(
    frame: pd.DataFrame, lang: str = "sv", link: str | None = None, progress: tuple[str, dict[int, str]] | None = None
) -> str:
    """Render the goal × year grid (columns goal_id, name_*, year, level, basis, note) as an HTML table.

    `progress` adds a last column: its heading and, per goal, the change in the work towards the recommendations.
    A year in which no goal has a level is no column of gaps but a note under the table (empty_years).
    """
    years, folded = stated_years(frame)
    names = frame.drop_duplicates("goal_id").set_index("goal_id")[name_col(lang)]
    cells = {(r.goal_id, r.year): r for r in frame.itertuples(index=False)}
    head = "".join(f'<th scope="col">{y}</th>' for y in years)
    if progress is not None:
        head += f'<th scope="col">{html.escape(progress[0])}</th>'
    rows = []
    for goal_id, name in names.items():
        label = html.escape(goal_label(goal_id, name, lang))
        if link:
            label = f'<a href="{html.escape(link.format(goal=goal_id), quote=True)}" target="_self">{label}</a>'
        tds = []
        for year in years:
            row = cells.get((goal_id, year))
            data = f' data-label="{year}"'  # the column's name, shown beside the cell on a phone (one card per goal)
            if row is None or fmt.is_missing(row.level):
                tds.append(
                    f'<td class="mb-level mb-gap" style="--lvl:{GAP_COLOR}"{data}>'
                    f"{html.escape(level_label(None, lang))}</td>"
                )
                continue
            mark = MARKS.get(row.basis)
            extra = f" <small>({MARK_SYMBOLS[row.basis]} {t(mark, lang)})</small>" if mark else ""
            title = f' title="{html.escape(row.note, quote=True)}"' if isinstance(row.note, str) and row.note else ""
            tds.append(
                f'<td class="mb-level" style="--lvl:{LEVEL_COLORS[int(row.level)]}"{title}{data}>'
                f"{html.escape(level_label(row.level, lang))}{extra}</td>"
            )
        if progress is not None:
            tds.append(
                f'<td class="mb-progress" data-label="{html.escape(progress[0], quote=True)}">'
                f"{html.escape(progress[1].get(int(goal_id), ''))}</td>"
            )
        rows.append(f'<tr><th scope="row">{label}</th>{"".join(tds)}</tr>')
    return (
        f'<div class="mb-scroll"><table class="mb-grid mb-goals">'
        f"<caption>{html.escape(t('grid_caption', lang))}</caption>"
        f'<thead><tr><th scope="col">{t("goal", lang)}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    ) + (f'<p class="mb-note">{html.escape(empty_years_note(folded, lang))}</p>' if folded else "")


def stated_years(frame: pd.DataFrame) -> tuple[list[int], list[int]]:
    """The years of a goal × year frame in which at least one goal has a level, and those in which none has (folded
    into a note: a column or a choice with nothing in it). The latest year is always kept."""
    years = sorted(int(y) for y in frame["year"].unique())
    stated = {int(y) for y, v in zip(frame["year"], frame["level"]) if not fmt.is_missing(v)}
    kept = [y for y in years if y in stated or y == years[-1]]
    return kept, [y for y in years if y not in kept]


def empty_years_note(years: list[int], lang: str = "sv") -> str:
    """'2016: rapporten anger ingen nivå för något av målen …' for the years folded away ('' when none)."""
    if not years:
        return ""
    names = [str(y) for y in years]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" {t('and_word', lang)} " + names[-1]
    return t("ov_empty_years", lang, years=joined)


def section_label(part: str, lang: str = "sv") -> str:
    """Return a statement heading in the language (from the catalogue; an unknown heading as printed)."""
    return t(families.SECTION[part], lang) if part in families.SECTION else part


def statement_html(lines: pd.DataFrame, statement: str, lang: str = "sv") -> str:
    """A financial statement as an accessible HTML table: one column per year (and the budget where given).

    Amounts in tkr with the sign as printed; subtotals are marked Σ and bold, totals bold; the balance sheet's
    section headings are shown as rows.
    """
    if lines.empty:
        return ""
    years = sorted((int(y) for y in lines["year"].unique()), reverse=True)
    has_budget = lines["budget_tkr"].notna().any()
    label = line_col(lang)
    cols: list[tuple[str, int, str]] = []
    for year in years:
        cols.append((str(year) if statement != "balance" else f"{year}-12-31", year, "amount_tkr"))
        if has_budget and lines[(lines["year"] == year)]["budget_tkr"].notna().any():
            cols.append((t("fin_col_budget_year", lang, year=year), year, "budget_tkr"))
    head = f'<th scope="col">{html.escape(t("fin_col_line", lang))}</th>' + "".join(
        f'<th scope="col" style="text-align:right">{html.escape(c[0])} ({t("fin_unit_tkr", lang)})</th>' for c in cols
    )
    by_key = {(int(r.line_order), int(r.year)): r for r in lines.itertuples(index=False)}
    orders = sorted({int(o) for o in lines["line_order"]})
    rows, last_section = [], None
    for order in orders:
        first = next(by_key[(order, y)] for y in years if (order, y) in by_key)
        section = None if fmt.is_missing(first.section) else str(first.section)
        if statement == "balance" and section and section != last_section:
            parts = section.split(" > ")
            shared = 0 if last_section is None else sum(1 for a, b in zip(parts, last_section.split(" > ")) if a == b)
            for depth, part in enumerate(parts[shared:], start=shared):
                rows.append(
                    f'<tr><th scope="rowgroup" colspan="{len(cols) + 1}" style="padding-left:{0.5 + depth}rem">'
                    f"<em>{html.escape(section_label(part, lang))}</em></th></tr>"
                )
        if statement == "balance":
            last_section = section
        name = getattr(first, label) if not fmt.is_missing(getattr(first, label)) else first.line
        text = html.escape(line_marker(name, first.kind))
        strong = first.kind in ("subtotal", "total")
        cells = []
        for _, year, field in cols:
            r = by_key.get((order, year))
            value = None if r is None else getattr(r, field)
            shown = fmt.number(value, 0, lang) if not fmt.is_missing(value) else fmt.GAP
            if r is not None and r.basis == "not_stated" and field == "amount_tkr":
                shown = f'<span class="mb-gap">{html.escape(t("level_gap", lang))}</span>'
            cells.append(f'<td style="text-align:right">{"<strong>" + shown + "</strong>" if strong else shown}</td>')
        name_cell = f"<strong>{text}</strong>" if strong else text
        rows.append(f'<tr><th scope="row" style="font-weight:normal">{name_cell}</th>{"".join(cells)}</tr>')
    return (
        f'<div class="mb-scroll"><table class="mb-grid"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
