"""Projects page logic: reading filters from the URL, totals, and the report's stated portfolio figures."""

from __future__ import annotations

import math
import re

import pandas as pd

from malbild import fmt
from malbild.data.source_lines import join_source_lines
from malbild.texts import register, t
from malbild.texts.labels import goal_labels

register(
    {
        "prj_derived_mark": ("(härlett)", "(derived)"),
    }
)

AMOUNT_STEP = 10_000  # the slider moves in steps of 10 000 kr
BOUND_ROUNDING = 100_000  # the slider's ends are rounded outwards to whole 100 000 kr

_INT = re.compile(r"\d+")


def parse_goal_ids(values: list[str] | str | None, valid: list[int] | set[int]) -> list[int]:
    """Read goal ids from URL values: '5', '5,2', or a label such as 'Mål 5: …' / 'Goal 5: …'.

    Unknown ids and anything unreadable are dropped; the order is kept, duplicates removed.
    """
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    ids: list[int] = []
    for value in values:
        value = str(value).strip()
        parts = value.split(",") if re.fullmatch(r"[\d,\s]+", value) else [value]
        for part in parts:
            match = _INT.search(part)
            if match and int(match.group()) in set(valid) and int(match.group()) not in ids:
                ids.append(int(match.group()))
    return ids


def amount_bounds(min_amount: object, max_amount: object) -> tuple[int, int]:
    """Return the slider's ends: the smallest and largest grant rounded outwards to 100 000 kr."""
    lo = int(math.floor(float(min_amount) / BOUND_ROUNDING) * BOUND_ROUNDING)
    hi = int(math.ceil(float(max_amount) / BOUND_ROUNDING) * BOUND_ROUNDING)
    return lo, max(hi, lo + BOUND_ROUNDING)


def amount_filter(chosen: tuple[int, int], bounds: tuple[int, int]) -> tuple[int | None, int | None]:
    """Turn a slider range into query parameters: an end left at the slider's end means no limit (None)."""
    lo, hi = chosen
    return (None if lo <= bounds[0] else int(lo)), (None if hi >= bounds[1] else int(hi))


def clean_text(text: object) -> str | None:
    """Return the search text stripped, or None when there is none."""
    text = str(text or "").strip()
    return text or None


def totals(frame: pd.DataFrame) -> dict[str, int]:
    """Number of projects, the SEK granted and the number of owners in the rows."""
    return {
        "projects": int(len(frame)),
        "amount_sek": int(frame["amount_sek"].sum()) if len(frame) else 0,
        "owners": int(frame["owner"].nunique()) if len(frame) else 0,
    }


def stated_totals(figures: pd.DataFrame, goal_ids: list[int]) -> dict[str, object] | None:
    """The report's own totals (TOTALT lines) for the chosen goals (none chosen = all goals).

    figures: the goal_portfolio_figures query. Returns projects, amount_sek and source_lines, or None
    when a chosen goal lacks a stated total.
    """
    per_goal = figures[figures["goal_id"].notna()].copy()
    per_goal["goal_id"] = per_goal["goal_id"].astype(int)
    chosen = sorted(goal_ids) if goal_ids else sorted(per_goal["goal_id"].unique())
    projects = per_goal[per_goal["metric"] == "granted_projects"].set_index("goal_id")
    amounts = per_goal[per_goal["metric"] == "granted_amount_sek"].set_index("goal_id")
    lines: list[str] = []
    n = total = 0
    for g in chosen:
        if g not in amounts.index or g not in projects.index:
            return None
        value, count = amounts.loc[g, "value"], projects.loc[g, "value"]
        if fmt.is_missing(value) or fmt.is_missing(count):
            return None
        total += int(value)
        n += int(count)
        lines.append(str(amounts.loc[g, "source_lines"]))
    if not goal_ids:  # the report's own statement of the year's total: "86 miljoner kr till 60 nystartade projekt"
        overall = figures[figures["goal_id"].isna() & (figures["metric"] == "granted_projects")]
        lines += [str(v) for v in overall["source_lines"]]
    return {"projects": n, "amount_sek": total, "source_lines": join_source_lines(lines)}


PORTFOLIO_METRICS = ("ongoing_projects", "ongoing_amount_msek", "share_of_year_total_pct")


def portfolio_rows(figures: pd.DataFrame, goals: pd.DataFrame, goal_ids: list[int], lang: str = "sv") -> pd.DataFrame:
    """The report's stated portfolio figures per chosen goal (none chosen = all goals), gaps as text.

    Returns columns goal_id, goal, ongoing_projects, ongoing_amount_msek, share_of_year_total_pct (display
    texts, 'Ej angivet i rapporten' for a figure the report does not give, '(härlett)' after a derived one),
    the matching *_gap booleans, and source_lines.
    """
    labels = goal_labels(goals, lang)
    chosen = sorted(goal_ids) if goal_ids else sorted(labels)
    # One pass over the figures: (goal, metric) -> first row.
    index: dict[tuple[int, str], object] = {}
    for r in figures[figures["goal_id"].notna()].itertuples(index=False):
        index.setdefault((int(r.goal_id), r.metric), r)
    rows = []
    for g in chosen:
        row: dict[str, object] = {"goal_id": g, "goal": labels.get(g, t("goal_n", lang, n=g))}
        lines: list[str] = []
        for metric in PORTFOLIO_METRICS:
            hit = index.get((g, metric))
            value = None if hit is None else hit.value
            basis = None if hit is None else hit.basis
            if hit is not None:
                lines.append(str(hit.source_lines))
            gap = fmt.is_missing(value)
            if gap:
                text = t("basis_not_stated", lang)
            elif metric == "ongoing_projects":
                text = fmt.number(value, 0, lang)
            elif metric == "ongoing_amount_msek":
                text = fmt.msek(float(value) * 1e6, lang)
            else:
                text = fmt.pct(value, lang=lang)
            if not gap and basis == "derived":
                text = f"{text} {t('prj_derived_mark', lang)}"
            row[metric] = text
            row[f"{metric}_gap"] = gap
        row["source_lines"] = join_source_lines(lines)
        rows.append(row)
    return pd.DataFrame(rows)
