"""The Projects page's view: granted projects filtered by goal, owner, amount and name; totals, charts, the report's
own totals. (The filters' URL values are read in views/params.py; the funding per goal of a year is views/funding.py.)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

import pandas as pd

from malbild import fmt
from malbild.charts.projects import goal_bar, owner_bar, per_goal, per_owner, size_bands, size_histogram
from malbild.data.source_lines import join_source_lines
from malbild.texts import t
from malbild.texts.labels import goal_labels
from malbild.texts.safe import shown_frame
from malbild.views.base import ChartView, Metric, Query

# The slider's stops within each power of ten: 100 000, 120 000, 150 000, 200 000 … 900 000, 1 000 000 kr …
# A few dozen round amounts (not every 10 000 kr: nine hundred labels formatted and sent for every session).
AMOUNT_MANTISSAS = (1, 1.2, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 6, 7, 8, 9)
BOUND_ROUNDING = 100_000  # the slider's ends are rounded outwards to whole 100 000 kr
TABLE_ROWS = 1000  # the projects table shows at most this many rows, the largest (all are in the downloads)


def reversed_range(chosen: tuple[int, int]) -> bool:
    """Whether an amount range runs backwards (from more to less), as a hand-edited URL can."""
    return chosen[0] > chosen[1]


def amount_bounds(min_amount: float, max_amount: float) -> tuple[int, int]:
    """Return the slider's ends: the smallest and largest grant rounded outwards to 100 000 kr."""
    lo = int(math.floor(float(min_amount) / BOUND_ROUNDING) * BOUND_ROUNDING)
    hi = int(math.ceil(float(max_amount) / BOUND_ROUNDING) * BOUND_ROUNDING)
    return lo, max(hi, lo + BOUND_ROUNDING)


def amount_options(bounds: tuple[int, int], chosen: tuple[int, int] | None = None) -> list[int]:
    """The amounts the slider offers: round amounts between the bounds, the bounds, and the ends of a chosen range."""
    lo, hi = bounds
    steps = {lo, hi}
    power = 10 ** max(len(str(max(lo, 1))) - 1, 0)
    while power <= hi:
        steps |= {round(m * power) for m in AMOUNT_MANTISSAS if lo <= m * power <= hi}
        power *= 10
    if chosen is not None:
        steps |= {min(max(int(v), bounds[0]), bounds[1]) for v in chosen}
    return sorted(steps)


@lru_cache(maxsize=64)
def amount_labels(options: tuple[int, ...], lang: str) -> dict[int, str]:
    """The slider's amounts as shown ('300 000 kr'), formatted once per set of options and language, not once per
    option and session (babel's currency formatting was a tenth of the Projects page's server time)."""
    return {amount: fmt.sek(amount, lang) for amount in options}


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


def portfolio_rows(figures: pd.DataFrame, goals: pd.DataFrame, goal_ids: list[int], lang: str) -> pd.DataFrame:
    """The report's stated portfolio figures per chosen goal (none chosen = all goals), gaps as text.

    Returns columns goal_id, goal, ongoing_projects, ongoing_amount_msek, share_of_year_total_pct (display
    texts, 'Ej angivet i rapporten' for a figure the report does not give, '(härlett)' after a derived one),
    the matching *_gap booleans, and source_lines.
    """
    labels = goal_labels(goals, lang)
    chosen = sorted(goal_ids) if goal_ids else sorted(labels)
    # One pass over the figures: (goal, metric) -> first row.
    index: dict[tuple[int, str], Any] = {}
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
                text = fmt.number(value, 0, lang=lang)
            elif metric == "ongoing_amount_msek":
                text = fmt.msek(float(value) * 1e6, lang)  # type: ignore[arg-type]
            else:
                text = fmt.pct(value, lang=lang)
            if not gap and basis == "derived":
                text = f"{text} {t('prj_derived_mark', lang)}"
            row[metric] = text
            row[f"{metric}_gap"] = gap
        row["source_lines"] = join_source_lines(lines)
        rows.append(row)
    return pd.DataFrame(rows)


def describe_filters(
    goals: list[str],
    owners: list[str],
    amount: tuple[int | None, int | None],
    text: str | None,
    lang: str,
) -> list[tuple[str, str]]:
    """Describe the active filters as (label, value) pairs; a filter not in use reads 'Alla' / 'All'."""
    lo, hi = amount
    if lo is None and hi is None:
        amount_text = t("exp_no_limit", lang)
    elif hi is None:
        amount_text = t("exp_at_least", lang, lo=fmt.sek(lo, lang))
    elif lo is None:
        amount_text = t("exp_at_most", lang, hi=fmt.sek(hi, lang))
    else:
        amount_text = t("prj_band_between", lang, lo=fmt.sek(lo, lang), hi=fmt.sek(hi, lang))
    return [
        (t("page_goals", lang), "; ".join(goals) if goals else t("all", lang)),
        (t("exp_filter_owners", lang), "; ".join(owners) if owners else t("all", lang)),
        (t("amount", lang), amount_text.replace(fmt.NBSP, " ")),
        (t("exp_filter_text", lang), f"”{text}”" if text else t("all", lang)),
    ]


# --- the projects page -------------------------------------------------------------------------------------

TOP_OWNERS = 10
TOP_OWNERS_PRESENT = 5  # presenting: the chart is one screen high, so five two-line rows


@dataclass(frozen=True)
class ProjectChoices:
    """What the filters offer: goals (id -> label), project owners and the amount slider's ends."""

    labels: dict[int, str]
    owners: list[str]
    bounds: tuple[int, int]


@dataclass(frozen=True)
class ProjectFilters:
    """The chosen filters: goals (none = all), owners (none = all), the slider range, the search text."""

    goal_ids: list[int] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    amount: tuple[int, int] | None = None
    text: str | None = None


@dataclass(frozen=True)
class StatedCheck:
    """The table's totals against the report's own TOTALT lines."""

    matches: bool
    message: str


@dataclass(frozen=True)
class ProjectsView:
    """The projects page: the filtered rows, totals, the report's check, table, charts and the portfolios."""

    rows: pd.DataFrame  # filtered_project_grants rows (for the downloads)
    filters: list[tuple[str, str]]  # the active filters as (label, value)
    metrics: list[Metric]
    stated: StatedCheck | None
    table: pd.DataFrame  # the rows for the screen (amount stays numeric)
    table_columns: dict[str, str]  # column key -> translated header
    table_heading: str  # "Projekten 2018" (the year once, when every row has it)
    table_note: str  # how many rows the table shows of how many, when it is cut ('' when it shows all)
    charts: list[ChartView]  # per goal, per owner, sizes (none when no rows match)
    portfolio: pd.DataFrame
    portfolio_source_lines: str
    goal_ids: tuple[int, ...] = ()  # the goals chosen (none: all), for the downloads' file name
    narrowed: bool = False  # owners, amount or text filter the rows too
    one_goal: str | None = None  # the rows are of one goal: this sentence instead of a one-bar 'per goal' chart


def one_goal_sentence(rows: pd.DataFrame, lang: str) -> str | None:
    """'Urvalet gäller bara mål 5: 24 projekt, totalt 24 760 387 kr. …' when every row is of one goal, else None."""
    goals = rows["goal_id"].dropna().unique()
    if len(goals) != 1:
        return None
    amount = fmt.sek(rows["amount_sek"].sum(), lang)
    return t("prj_one_goal", lang, goal=int(goals[0]), n=fmt.number(len(rows), lang=lang), amount=amount)


def project_choices(q: Query, lang: str) -> ProjectChoices:
    """The goals, owners and amount range the filters offer."""
    extent = q("project_amount_range").iloc[0]
    return ProjectChoices(
        goal_labels(q("goals"), lang),
        q("project_owners")["owner"].tolist(),
        amount_bounds(extent["min_amount"], extent["max_amount"]),
    )


def stated_check(
    figures: pd.DataFrame, rows: pd.DataFrame, filters: ProjectFilters, amount_limited: bool, lang: str
) -> StatedCheck | None:
    """Compare the rows' totals with the report's TOTALT lines, when only goals are filtered and one year shows."""
    only_goal_filter = not filters.owners and not amount_limited and filters.text is None
    years_shown = rows["year"].dropna().unique()
    if not only_goal_filter or len(years_shown) != 1:
        return None
    stated = stated_totals(figures[figures["year"] == years_shown[0]], list(filters.goal_ids))
    if stated is None:
        return None
    sums = totals(rows)
    same = stated["projects"] == sums["projects"] and stated["amount_sek"] == sums["amount_sek"]
    message = t(
        "prj_stated_match" if same else "prj_stated_differ",
        lang,
        n=stated["projects"],
        amount=fmt.sek(stated["amount_sek"], lang),
        lines=stated["source_lines"],
    )
    return StatedCheck(bool(same), message)


def project_table(
    rows: pd.DataFrame, lang: str, limit: int = TABLE_ROWS
) -> tuple[pd.DataFrame, dict[str, str], str, str]:
    """The rows for the screen, with translated headers, its heading and a note when it is cut.

    The amount column stays numeric (sorts as numbers). The year is a column only when the rows span more than one
    year; otherwise the heading says it once. The source lines are no column (they are folded below the table and
    in the downloads). At most `limit` rows, the largest first (the query's order): a page's table stays bounded as
    the data grows (issue 22 item 3), and the note says how many there are and where all of them are.
    """
    years = sorted({int(y) for y in rows["year"].dropna()})
    keys = ("goal", "amount_sek", "project", "owner", *(("year",) if len(years) > 1 else ()))
    cols = {k: t(k if k != "amount_sek" else "amount", lang) for k in keys}
    shown = rows.head(limit)
    table = pd.DataFrame(
        {
            # 'Mål 2', not the goal's name cut on every row (the name is in the filter and the downloads); the
            # amount next to it, so it shows without sideways scrolling at 1280 px and on a phone.
            cols["goal"]: [t("goal_n", lang, n=int(g)) for g in shown["goal_id"]],
            cols["amount_sek"]: shown["amount_sek"].astype("int64"),
            cols["project"]: shown["project"],
            cols["owner"]: shown["owner"],
        }
    )
    if "year" in cols:
        table[cols["year"]] = shown["year"].astype(int).astype(str)
    heading = t("prj_table_year", lang, year=years[0]) if len(years) == 1 else t("prj_table", lang)
    note = (
        t("prj_table_cut", lang, shown=fmt.number(limit, lang=lang), total=fmt.number(len(rows), lang=lang))
        if len(rows) > limit
        else ""
    )
    # an entered row has no source lines: the gap sign, not 'None'; names as text
    return shown_frame(table), cols, heading, note


def _items(frame: pd.DataFrame, label: str, lang: str) -> str:
    """The bars of a chart as text: 'Mål 5: 24 760 387 kr (24 projekt); …'."""
    return "; ".join(
        t("prj_item", lang, label=getattr(r, label), amount=fmt.sek(r.amount_sek, lang), n=r.projects)
        for r in frame.itertuples()
    )


def project_charts(rows: pd.DataFrame, top_n: int | None, lang: str, present: bool = False) -> list[ChartView]:
    """The selection per goal, per owner (the top_n largest, or all) and by size of grant."""
    sums = totals(rows)
    headers = {
        "projects": t("n_projects", lang),
        "amount_sek": t("granted_sek", lang),
        "source_lines": t("source_lines", lang),
    }
    by_goal = per_goal(rows, lang)
    by_owner = per_owner(rows, top_n, lang=lang)
    sizes = size_bands(rows, lang)
    return [
        ChartView(
            partial(goal_bar, by_goal, lang, present),
            by_goal.rename(columns={"goal": t("goal", lang), "share_pct": "%", **headers}).drop(columns=["goal_id"]),
            t("prj_goal_alt", lang, total=fmt.sek(sums["amount_sek"], lang), items=_items(by_goal, "goal", lang)),
            join_source_lines(by_goal["source_lines"]),
            key="prj_goal_chart",
        ),
        ChartView(
            partial(owner_bar, by_owner, top_n, lang=lang, present=present),
            by_owner.rename(columns={"owner": t("owner", lang), **headers}).drop(columns=["owners"]),
            t("prj_owner_alt", lang, items=_items(by_owner, "owner", lang)),
            join_source_lines(by_owner["source_lines"]),
            key="prj_owner_chart",
        ),
        ChartView(
            partial(size_histogram, sizes, lang, present),
            sizes[["band", "projects", "amount_sek", "source_lines"]].rename(
                columns={"band": t("prj_band", lang), **headers}
            ),
            t(
                "prj_sizes_alt",
                lang,
                items="; ".join(t("prj_band_item", lang, label=r.band, n=r.projects) for r in sizes.itertuples()),
            ),
            join_source_lines(sizes["source_lines"]),
            key="prj_sizes_chart",
        ),
    ]


def projects_view(
    q: Query,
    choices: ProjectChoices,
    filters: ProjectFilters,
    lang: str,
    present: bool = False,
    top_n: int | None = TOP_OWNERS,
) -> ProjectsView:
    """Build the projects page for the chosen filters."""
    min_amount, max_amount = amount_filter(filters.amount, choices.bounds) if filters.amount else (None, None)
    rows = q(
        "filtered_project_grants",
        goal_ids=list(filters.goal_ids),
        owners=list(filters.owners),
        min_amount=min_amount,
        max_amount=max_amount,
        text=filters.text,
    )
    figures = q("goal_portfolio_figures")
    sums = totals(rows)
    metrics = [
        Metric(t("n_projects", lang), fmt.number(sums["projects"], lang=lang)),
        Metric(t("prj_band", lang), fmt.sek(sums["amount_sek"], lang)),
        Metric(t("exp_filter_owners", lang), fmt.number(sums["owners"], lang=lang)),
    ]
    described = describe_filters(
        [choices.labels[g] for g in filters.goal_ids],
        list(filters.owners),
        (min_amount, max_amount),
        filters.text,
        lang,
    )
    # The report's TOTALT lines are per year: the portfolio shows the year of the rows, else the latest.
    years_shown = rows["year"].dropna().unique()
    year_figures = figures[figures["year"] == (years_shown[0] if len(years_shown) == 1 else figures["year"].max())]
    table, columns, heading, note = project_table(rows, lang)
    portfolio = portfolio_rows(year_figures, q("goals"), list(filters.goal_ids), lang)
    return ProjectsView(
        rows=rows,
        filters=described,
        metrics=metrics,
        stated=stated_check(figures, rows, filters, (min_amount, max_amount) != (None, None), lang),
        table=table,
        table_columns=columns,
        table_heading=heading,
        table_note=note,
        charts=[] if rows.empty else project_charts(rows, top_n, lang, present),
        portfolio=portfolio[["goal", *PORTFOLIO_METRICS]].rename(
            columns={
                "goal": t("goal", lang),
                "ongoing_projects": t("prj_p_ongoing", lang),
                "ongoing_amount_msek": t("prj_p_ongoing_msek", lang),
                "share_of_year_total_pct": t("prj_p_share", lang),
            }
        ),
        portfolio_source_lines=join_source_lines(portfolio["source_lines"]),
        goal_ids=tuple(filters.goal_ids),
        narrowed=bool(filters.owners) or (min_amount, max_amount) != (None, None) or bool(filters.text),
        one_goal=one_goal_sentence(rows, lang),
    )
