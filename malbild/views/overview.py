"""Pure helpers for the overview: the goal × year grid as accessible HTML, level counts per year."""

from __future__ import annotations

import html

import pandas as pd

from malbild import fmt
from malbild.charts.style import GAP_COLOR, LEVEL_COLORS
from malbild.texts import name_col, register, t
from malbild.texts.labels import goal_label, level_label

register(
    {
        "grid_caption": (
            "Måluppfyllelse per mål och år. Symbol och text anger nivån: ●●● på god väg, ●●○ delvis, ●○○ i liten grad.",
            "Goal fulfilment per goal and year. Symbol and text give the level: ●●● on track, ●●○ partly, ●○○ small extent.",
        ),
        "derived_mark": ("härlett", "derived"),
        "reconstructed_mark": ("rekonstruerat", "reconstructed"),
        "entered_mark": ("inmatat", "entered"),
    }
)

MARKS = {"derived": "derived_mark", "reconstructed": "reconstructed_mark", "entered": "entered_mark"}


def grid_html(frame: pd.DataFrame, lang: str = "sv", link: str | None = None) -> str:
    """Render the goal × year grid (columns goal_id, name_*, year, level, basis, note) as an HTML table."""
    years = sorted(frame["year"].unique())
    names = frame.drop_duplicates("goal_id").set_index("goal_id")[name_col(lang)]
    cells = {(r.goal_id, r.year): r for r in frame.itertuples(index=False)}
    head = "".join(f'<th scope="col">{y}</th>' for y in years)
    rows = []
    for goal_id, name in names.items():
        label = html.escape(goal_label(goal_id, name, lang))
        if link:
            label = f'<a href="{html.escape(link.format(goal=goal_id), quote=True)}" target="_self">{label}</a>'
        tds = []
        for year in years:
            row = cells.get((goal_id, year))
            level = None if row is None else row.level
            if fmt.is_missing(level):
                tds.append(f'<td class="mb-level mb-gap" style="--lvl:{GAP_COLOR}">{html.escape(level_label(None, lang, short=False))}</td>')
                continue
            mark = MARKS.get(row.basis)
            extra = f' <small>({t(mark, lang)})</small>' if mark else ""
            title = f' title="{html.escape(row.note, quote=True)}"' if isinstance(row.note, str) and row.note else ""
            tds.append(
                f'<td class="mb-level" style="--lvl:{LEVEL_COLORS[int(level)]}"{title}>'
                f"{html.escape(level_label(level, lang))}{extra}</td>"
            )
        rows.append(f'<tr><th scope="row">{label}</th>{"".join(tds)}</tr>')
    return (
        f'<div class="mb-scroll"><table class="mb-grid"><caption>{html.escape(t("grid_caption", lang))}</caption>'
        f'<thead><tr><th scope="col">{t("goal", lang)}</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
    )


def level_counts(frame: pd.DataFrame, year: int) -> dict[object, int]:
    """Count goals per level (3, 2, 1, None for not stated) in one year."""
    rows = frame[frame["year"] == year]
    counts: dict[object, int] = {3: 0, 2: 0, 1: 0, None: 0}
    for level in rows["level"]:
        counts[None if fmt.is_missing(level) else int(level)] += 1
    return counts


def level_count_changes(frame: pd.DataFrame, year: int) -> dict[object, int | None]:
    """Change in the number of goals per level against the year before (None if that year has no data)."""
    if (frame["year"] == year - 1).sum() == 0:
        return {k: None for k in (3, 2, 1, None)}
    now, before = level_counts(frame, year), level_counts(frame, year - 1)
    return {k: now[k] - before[k] for k in now}
