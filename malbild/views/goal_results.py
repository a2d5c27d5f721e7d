"""What the work achieved: the result indicators a goal's summary in the report states (counts and amounts in its
prose), each with the report's own "ca" or "över", its lines and its source."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from malbild import fmt
from malbild.data.source_lines import join_source_lines
from malbild.texts import families, language, reads_report_columns, t
from malbild.views.base import Query
from malbild.views.sources import lines_text

QUALIFIERS = ("exact", "about", "more_than")  # goal_indicator.qualifier: as printed, 'ca N' / 'ett N-tal', 'över N'


def indicator_value(value: object, qualifier: str, lang: str) -> str:
    """An indicator's value as the report qualifies it: '34', 'ca 250', 'över 100' ('about 250', 'more than 100');
    a gap as '–' (never qualified)."""
    shown = fmt.number(value, 0 if fmt.is_missing(value) or float(value).is_integer() else 1, lang=lang)  # type: ignore[arg-type]
    if fmt.is_missing(value) or qualifier not in QUALIFIERS[1:]:
        return shown
    return t(families.INDICATOR_QUALIFIER[qualifier], lang, n=shown)


def results_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The indicators in the report's order as text: result, value as qualified, and the lines as words."""
    label = "indicator" if reads_report_columns(lang) else f"indicator_{language(lang).data_columns}"
    rows = rows.sort_values("indicator_order")
    return pd.DataFrame(
        {
            t("gr_col_result", lang): list(rows[label]),
            t("src_col_value", lang): [
                indicator_value(v, q, lang) for v, q in zip(rows["value"], rows["qualifier"], strict=True)
            ],
            t("source_lines", lang): [lines_text(s, lang) for s in rows["source_lines"]],
        }
    )


@dataclass(frozen=True)
class GoalResultsView:
    """A goal's result indicators of the newest year the data hold (table empty and `empty` said when none)."""

    year: int | None
    table: pd.DataFrame
    label: str  # the table's accessible name: 'Vad arbetet under mål 1 åstadkom 2018'
    empty: str  # the sentence shown instead of an empty table
    source_lines: str


def goal_results_view(q: Query, goal_id: int, lang: str) -> GoalResultsView:
    """A goal's result indicators from the database: the newest year's, in the report's order."""
    rows = q("goal_indicators", goal_id=goal_id)
    if rows.empty:
        return GoalResultsView(None, pd.DataFrame(), "", t("gr_none", lang, goal=goal_id), "")
    year = int(rows["year"].max())
    rows = rows[rows["year"] == year]
    return GoalResultsView(
        year=year,
        table=results_table(rows, lang),
        label=t("gr_label", lang, goal=goal_id, year=year),
        empty="",
        source_lines=join_source_lines(rows["source_lines"]),
    )
