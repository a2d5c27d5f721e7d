"""Finance figures the report states beside its statements: the table Övrig basverksamhet, the member fees, the
pension figures and the personnel costs of notes 4, 5 and 16. Each topic is a table of its lines by year, with what
the printed parts sum to where that differs from the printed total, and the other figures the report prints for the
same thing elsewhere."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from malbild import fmt
from malbild.data.source_lines import join_source_lines
from malbild.texts import families, line_col, t
from malbild.views.base import Query
from malbild.views.sources import lines_text

# finance_detail.topic in the page's order; the topics whose totals are the sum of their items.
TOPICS = (
    "other_core_operations",
    "grants_non_members",
    "member_fees",
    "pension",
    "project_result",
    "personnel_core",
    "personnel_projects",
    "personnel_group",
)
SUMMED = ("other_core_operations", "grants_non_members", "personnel_core", "personnel_projects", "personnel_group")
PERSONNEL = ("personnel_core", "personnel_projects", "personnel_group")  # also shown on Personal


def detail_value(value: object, unit: str, lang: str) -> str:
    """A value in its unit as printed: '−31 715 tkr', '18,1 mnkr', '157 mnkr', '0,4 %'; a gap as '–'."""
    if fmt.is_missing(value):
        return fmt.GAP
    if unit == "msek":
        return fmt.msek(float(value) * 1e6, lang, 0 if float(value).is_integer() else 1)  # type: ignore[arg-type]
    return fmt.value_with_unit(value, unit, lang)


def line_label(line: str, kind: str) -> str:
    """A line as shown: totals and subtotals marked 'Σ' (as the statements mark them)."""
    return f"Σ {line}" if kind in ("subtotal", "total") else line


Row = dict[str, Any]  # a finance_detail row (DataFrame.to_dict("records"): a plain loop, not pandas per row)


def records(rows: pd.DataFrame | list[Row]) -> list[Row]:
    """The rows as dicts, sorted by line."""
    out = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else rows
    return sorted(out, key=lambda r: int(r["line_order"]))


def topic_table(rows: pd.DataFrame | list[Row], lang: str) -> pd.DataFrame:
    """One topic's lines as a table: the line, then a column per year (newest first) of values with their unit."""
    label = line_col(lang)
    recs = records(rows)
    years = sorted({int(r["year"]) for r in recs}, reverse=True)
    lines = list({int(r["line_order"]): r for r in reversed(recs)}.values())[::-1]  # the first row of each line
    cells = {(int(r["line_order"]), int(r["year"])): detail_value(r["value"], r["unit"], lang) for r in recs}
    table = {t("fin_col_line", lang): [line_label(r[label], r["kind"]) for r in lines]}
    for y in years:
        table[str(y)] = [cells.get((int(r["line_order"]), y), fmt.GAP) for r in lines]
    return pd.DataFrame(table)


def sums_off(rows: pd.DataFrame | list[Row], lang: str) -> list[str]:
    """Where the printed items of a summed topic do not add up to its printed (sub)total: a sentence each."""
    label = line_col(lang)
    recs = records(rows)
    out = []
    for year in dict.fromkeys(int(r["year"]) for r in recs):
        items: list[float] = []
        for r in (r for r in recs if int(r["year"]) == year):
            if r["kind"] == "item":
                items.append(r["value"])
            elif r["kind"] in ("subtotal", "total"):
                parts = round(sum(items))
                if not fmt.is_missing(r["value"]) and parts != round(r["value"]):
                    printed = detail_value(r["value"], r["unit"], lang)
                    shown = detail_value(parts, r["unit"], lang)
                    out.append(t("fd_sum_off", lang, line=r[label], year=year, printed=printed, parts=shown))
                items = [r["value"]]
    return out


def other_figures(rows: pd.DataFrame | list[Row], lang: str) -> list[str]:
    """The figures the report prints differently elsewhere, a sentence per line: which figure is kept and where the
    others are ('ALMI 2018: här visas 5 790 tkr som i rapportens tabell; rapporten anger också 5 934 tkr (rad 7353)
    och 5 936 tkr (rad 7144).')."""
    label = line_col(lang)
    out = []
    for r in records(rows):
        if fmt.is_missing(r["other_values"]):
            continue
        values = [v for v in str(r["other_values"]).split(";") if v.strip()]
        lines = [v for v in str(r["other_lines"]).split(";") if v.strip()]
        others = [f"{detail_value(float(v), r['unit'], lang)} ({lines_text(n, lang)})" for v, n in zip(values, lines)]
        listed = others[0] if len(others) == 1 else t("src_and", lang, first=", ".join(others[:-1]), last=others[-1])
        value = detail_value(r["value"], r["unit"], lang)
        out.append(t("fd_other", lang, line=r[label], year=int(r["year"]), value=value, others=listed))
    return out


@dataclass(frozen=True)
class DetailTopic:
    """One topic as shown: its title, its table, sentences on sums and other figures, and its source lines."""

    topic: str
    title: str
    table: pd.DataFrame
    notes: list[str]
    source_lines: str


def detail_topics(rows: pd.DataFrame, lang: str, topics: tuple[str, ...] = TOPICS) -> list[DetailTopic]:
    """The topics the data hold of those asked for, in TOPICS order."""
    by_topic: dict[str, list[Row]] = {}
    for r in rows.to_dict("records"):
        by_topic.setdefault(str(r["topic"]), []).append(r)
    out = []
    for topic in [c for c in TOPICS if c in by_topic and c in topics]:
        sub = records(by_topic[topic])
        notes = (sums_off(sub, lang) if topic in SUMMED else []) + other_figures(sub, lang)
        lines = join_source_lines([r["source_lines"] for r in sub])
        out.append(
            DetailTopic(topic, t(families.FINANCE_DETAIL_TOPIC[topic], lang), topic_table(sub, lang), notes, lines)
        )
    return out


def finance_detail_view(q: Query, lang: str, topics: tuple[str, ...] = TOPICS) -> list[DetailTopic]:
    """The finance topics asked for from the database (an empty list when the data hold none)."""
    rows = q("finance_details")
    return [] if rows.empty else detail_topics(rows, lang, topics)
