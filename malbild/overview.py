"""Pure helpers for the overview: the goal × year grid as accessible HTML, level counts per year."""

from __future__ import annotations

import html

import pandas as pd

from malbild import fmt
from malbild.i18n import name_col, register, t
from malbild.style import GAP_COLOR, LEVEL_COLORS, level_label

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
        label = html.escape(f"{t('goal_n', lang, n=goal_id)}: {name}")
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


def level_count_changes(frame: pd.DataFrame, year: int) -> tuple[dict[object, int | None], int]:
    """Change per level against the year before, over the goals with a level in both years; and how many those are.

    A goal without a level in either year is left out (a gap is not a level, so nothing can have changed). When no
    goal has a level in both years, every change is None. The gap count (key None) has no change: it is 0 by
    construction among the goals compared.
    """
    def levels(y: int) -> dict[object, int]:
        """Stated (or derived, entered) level per goal in one year."""
        rows = frame[frame["year"] == y]
        return {g: int(v) for g, v in zip(rows["goal_id"], rows["level"]) if not fmt.is_missing(v)}

    now, before = levels(year), levels(year - 1)
    both = sorted(set(now) & set(before))
    if not both:
        return {k: None for k in (3, 2, 1, None)}, 0
    changes: dict[object, int | None] = {
        k: sum(now[g] == k for g in both) - sum(before[g] == k for g in both) for k in (3, 2, 1)
    }
    changes[None] = None
    return changes, len(both)
