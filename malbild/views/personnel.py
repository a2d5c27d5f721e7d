"""The personnel: employees and employments, age structure, contracts, health and managers, year on year."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

import pandas as pd

from malbild import fmt
from malbild.charts.personnel import age_pyramid, contract_bars, year_group_bars
from malbild.data.source_lines import join_source_lines
from malbild.texts import N_, families, t
from malbild.texts.labels import basis_text, basis_word, marked_value, metric_label
from malbild.views.base import ChartView, Metric, Query

# The hr_metric keys with a label (texts hr_metric_<key>; docs/provenance/personnel.md), in the order of the
# table of all figures. tests/test_page_personnel.py flags every key in the data that has no label.
METRIC_KEYS: tuple[str, ...] = (
    "headcount",
    "employments",
    "permanent",
    "temporary",
    "temporary_prose",
    "avg_age",
    "avg_employees",
    "sick_leave_pct",
    "long_term_sick_share_pct",
    "healthy_share_pct",
    "turnover_pct",
    "new_hires",
    "new_hires_refills",
    "wellness_use_pct",
    "managers",
    "manager_persons",
    "manager_share_pct",
    "employees_per_manager",
    "management_group_unit_managers",
    "management_group_share_pct",
    "permanent_share_pct",
    "temporary_share_pct",
    "base_share_pct",
    "project_share_pct",
    "project_positions",
    "project_funded_avg_employees",
    "base_funded_avg_employees",
    "board_members",
    "occupational_health_rehab_share_pct",
    "occupational_health_preventive_share_pct",
    "afa_incidents_reported",
    "cpr_trained_pct",
    "cpr_trained_target_pct",
)


GROUPS = ("women", "men", "all")
BANDS = ("20-29", "30-39", "40-49", "50-59", "60+")


def cell(frame: pd.DataFrame, metric: str, year: int, grp: str = "all") -> dict | None:
    """Return one figure as a dict (value, unit, basis, note, source_lines), or None if there is no row."""
    rows = frame[(frame["metric"] == metric) & (frame["year"] == year) & (frame["grp"] == grp)]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return {k: row[k] for k in ("value", "unit", "basis", "note", "source_lines")}


def comparison(frame: pd.DataFrame, metric: str, year: int, grp: str = "all", *, lang: str) -> dict | None:
    """Compare a figure with the year before: texts for st.metric (value, delta, previous) and the sources.

    Returns None when there is no row for the year. A missing value or a missing previous value gives no delta.
    """
    now = cell(frame, metric, year, grp)
    if now is None:
        return None
    before = cell(frame, metric, year - 1, grp)
    unit = now["unit"]
    prev_value = None if before is None else before["value"]
    has_delta = not fmt.is_missing(now["value"]) and not fmt.is_missing(prev_value)
    delta = None
    if has_delta:
        diff = float(now["value"]) - float(prev_value)  # type: ignore[arg-type]
        decimals = 0 if diff.is_integer() else 1
        shown = fmt.number(diff, decimals, lang=lang)
        in_unit = {"pct": N_("hr_delta_pp"), "years": N_("hr_delta_years")}
        sign = "+" if diff > 0 else ("±" if diff == 0 else "")
        delta = sign + (t(in_unit[unit], lang, n=shown) if unit in in_unit else shown)
    previous = marked_value(prev_value, unit, None if before is None else before["basis"], lang)
    sources = [now["source_lines"]] + ([before["source_lines"]] if before is not None else [])
    return {
        "label": metric_label(metric, lang),
        "value": marked_value(now["value"], unit, now["basis"], lang),
        "raw": now["value"],
        "previous": previous,
        "previous_raw": prev_value,
        "delta": delta,
        "basis": now["basis"],
        "previous_basis": None if before is None else before["basis"],
        "source_lines": sources,
    }


def year_group_frame(
    frame: pd.DataFrame, metric: str, years: tuple[int, ...], groups: tuple[str, ...] = GROUPS
) -> pd.DataFrame:
    """One metric as rows (year, grp, value, unit, basis, source_lines) for every year × group asked for.

    A (year, group) the data has no row for is kept with value NaN and basis 'not_stated', so it shows as a gap.
    """
    sub = frame[frame["metric"] == metric]
    unit = sub["unit"].iloc[0] if len(sub) else ""
    rows = []
    for year in years:
        for grp in groups:
            hit = sub[(sub["year"] == year) & (sub["grp"] == grp)]
            if hit.empty:
                rows.append(
                    {
                        "year": year,
                        "grp": grp,
                        "value": float("nan"),
                        "unit": unit,
                        "basis": "not_stated",
                        "source_lines": "",
                    }
                )
            else:
                r = hit.iloc[0]
                rows.append(
                    {
                        "year": year,
                        "grp": grp,
                        "value": r["value"],
                        "unit": unit,
                        "basis": r["basis"],
                        "source_lines": r["source_lines"],
                    }
                )
    out = pd.DataFrame(rows, columns=["year", "grp", "value", "unit", "basis", "source_lines"])
    # Drop a group that has no row at all in any year (e.g. 'all' where the report gives only genders).
    present = set(sub["grp"])
    return out[out["grp"].isin(present)].reset_index(drop=True)


def contract_frame(frame: pd.DataFrame, years: tuple[int, ...]) -> pd.DataFrame:
    """Permanent and temporary employments as rows (year, grp, kind, value, basis, source_lines)."""
    parts = []
    for kind in ("permanent", "temporary"):
        part = year_group_frame(frame, kind, years)
        part.insert(2, "kind", kind)
        parts.append(part)
    out = pd.concat(parts, ignore_index=True)
    return out.drop(columns="unit")


def age_pyramid_frame(bands: pd.DataFrame, year: int) -> pd.DataFrame:
    """The age structure of one year as rows per band: women, men, all and their bases (gaps stay NaN)."""
    sub = bands[bands["year"] == year]
    rows = []
    for band in BANDS:
        row: dict[str, object] = {"band": band}
        for grp in GROUPS:
            hit = sub[(sub["band"] == band) & (sub["grp"] == grp)]
            row[grp] = (
                float("nan") if hit.empty or fmt.is_missing(hit["persons"].iloc[0]) else float(hit["persons"].iloc[0])
            )
            row[f"{grp}_basis"] = "not_stated" if hit.empty else hit["basis"].iloc[0]
        rows.append(row)
    out = pd.DataFrame(rows)
    present = set(sub["band"])
    return out[out["band"].isin(present)].reset_index(drop=True)


def metrics_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every personnel figure as a table: metric, group, one column per year (newest first), basis, source."""
    years = sorted(frame["year"].unique(), reverse=True)
    order = {g: i for i, g in enumerate(GROUPS)}
    rows = []
    keys = list(dict.fromkeys(list(METRIC_KEYS) + sorted(frame["metric"].unique())))
    # One pass over the frame: (metric, grp, year) -> first row, so the table costs one lookup per cell.
    index: dict[tuple, Any] = {}
    for r in frame.itertuples(index=False):
        index.setdefault((r.metric, r.grp, r.year), r)
    groups_of: dict[str, set] = {}
    for metric, grp, _ in index:
        groups_of.setdefault(metric, set()).add(grp)
    for metric in keys:
        for grp in sorted(groups_of.get(metric, ()), key=lambda g: order.get(g, 9)):
            row = {
                t("hr_col_metric", lang): metric_label(metric, lang),
                t("hr_col_group", lang): t(grp, lang) if grp in GROUPS else grp,
            }
            bases, sources = [], []
            for year in years:
                r = index.get((metric, grp, year))
                if r is None:
                    row[str(year)] = fmt.GAP
                    continue
                row[str(year)] = marked_value(r.value, r.unit, r.basis, lang)
                bases.append(basis_text(r.basis, lang) or str(r.basis))
                sources.append(str(r.source_lines))
            row[t("basis", lang)] = " / ".join(dict.fromkeys(bases))
            row[t("source_lines", lang)] = "; ".join(dict.fromkeys(sources))
            rows.append(row)
    return pd.DataFrame(rows)


def metric_texts(comp: dict, year: int, lang: str) -> dict:
    """Texts for st.metric from comparison(): label, value, delta with the previous year's value, arrow."""
    prev_year = year - 1
    if comp["delta"] is not None:
        delta = f"{comp['delta']} ({prev_year}: {comp['previous']})"
        arrow = "auto"
    else:
        gap = t("level_gap", lang)
        delta = f"{prev_year}: {comp['previous'] if not fmt.is_missing(comp['previous_raw']) else gap}"
        arrow = "off"
    if fmt.is_missing(comp["raw"]):
        value = f"{fmt.GAP} {t('level_gap_short', lang)}"
    else:
        value = comp["value"]
    word = basis_word(comp["basis"], lang)
    help_text = basis_text(comp["basis"], lang)
    return {
        "label": f"{comp['label']} {year}",
        "value": value,
        "delta": delta,
        "delta_arrow": arrow,
        "help": f"{help_text} ({word})" if word else help_text,
    }


# --- the view ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MetricRow:
    """A row of figures with last year's values, and the source lines of all of them (no metrics: no data)."""

    metrics: list[Metric]
    source_lines: str


@dataclass(frozen=True)
class PersonnelView:
    """The personnel page: figures by theme, the age pyramid, contracts, health, all figures."""

    year: int
    prev: int
    staff: MetricRow
    age: ChartView | None
    contracts: ChartView | None
    contract_shares: MetricRow
    sick: ChartView | None
    health: MetricRow
    healthy: ChartView | None
    wellness: ChartView | None
    mobility: MetricRow
    all_figures: pd.DataFrame


def metric_row(hr: pd.DataFrame, metrics: list[str], year: int, lang: str) -> MetricRow:
    """Figures of the year with last year's value beside them, and their source lines."""
    comps = [c for c in (comparison(hr, m, year, "all", lang=lang) for m in metrics) if c is not None]
    out = []
    for comp in comps:
        texts = metric_texts(comp, year, lang)
        out.append(Metric(texts["label"], texts["value"], texts["delta"], texts["help"], texts["delta_arrow"]))
    return MetricRow(out, join_source_lines([s for c in comps for s in c["source_lines"]]))


def _gap_or(value: object, lang: str) -> str:
    """A count, or 'ej angivet' / 'not stated' for a gap (inside a sentence: 'kvinnor ej angivet')."""
    return fmt.number(value, 0, lang=lang) if not fmt.is_missing(value) else t("level_gap_short", lang).lower()


def age_chart(bands: pd.DataFrame, lang: str, present: bool = False) -> ChartView | None:
    """The age structure of the latest year as a pyramid; gaps by gender marked, not drawn as 0."""
    if bands.empty:
        return None
    year = int(bands["year"].max())
    pyramid = age_pyramid_frame(bands, year)
    rows = "; ".join(
        f"{r.band}: {t('women', lang).lower()} {_gap_or(r.women, lang)}, {t('men', lang).lower()} "
        f"{_gap_or(r.men, lang)}, {t('total', lang).lower()} {fmt.number(r.all, 0, lang=lang)}"
        for r in pyramid.itertuples(index=False)
    )
    table = pyramid[["band", "women", "men", "all"]].rename(
        columns={
            "band": t("hr_age_band", lang),
            "women": t("women", lang),
            "men": t("men", lang),
            "all": t("total", lang),
        }
    )
    gaps = bool(pyramid[["women", "men"]].isna().any().any())
    return ChartView(
        partial(age_pyramid, pyramid, year, lang, present),
        table,
        t("hr_age_alt", lang, year=year, rows=rows),
        join_source_lines(bands["source_lines"]),
        key="hr_pyramid",
        note=t("hr_age_gap_note", lang) if gaps else "",
    )


def contracts_chart(hr: pd.DataFrame, years: tuple[int, ...], lang: str, present: bool = False) -> ChartView | None:
    """Permanent and temporary employments by gender and year (None when the report gives none)."""
    contracts = contract_frame(hr, years)
    if not contracts["value"].notna().any():
        return None
    rows = "; ".join(
        f"{t(r.grp, lang)} {r.year}: {t(families.HR_KIND[r.kind], lang).lower()} {_gap_or(r.value, lang)}"
        for r in contracts.itertuples(index=False)
    )
    table = contracts.assign(
        kind=[t(families.HR_KIND[k], lang) for k in contracts["kind"]], grp=[t(g, lang) for g in contracts["grp"]]
    )[["year", "grp", "kind", "value", "basis"]]
    return ChartView(
        partial(contract_bars, contracts, lang, present),
        table,
        t("hr_contracts_alt", lang, rows=rows),
        join_source_lines([s for s in contracts["source_lines"] if s]),
        key="hr_contracts_chart",
    )


def gender_chart(
    hr: pd.DataFrame,
    metric: str,
    title: str,
    years: tuple[int, ...],
    key: str,
    lang: str,
    present: bool = False,
    alt_key: str = N_("hr_bars_alt"),
    note: str = "",
) -> ChartView | None:
    """Bars of one metric by gender for the years (None when the report gives none); note shown when reconstructed."""
    frame = year_group_frame(hr, metric, years)
    if frame.empty or frame["value"].isna().all():
        return None
    rows = "; ".join(
        f"{t(r.grp, lang)} {r.year}: "
        + (fmt.value_with_unit(r.value, r.unit, lang) if not fmt.is_missing(r.value) else t("level_gap_short", lang))
        + (f" ({t(families.MARK[r.basis], lang)})" if r.basis in ("derived", "reconstructed") else "")
        for r in frame.itertuples(index=False)
    )
    years_text = f"{years[0]}–{years[-1]}"
    table = frame.assign(grp=[t(g, lang) for g in frame["grp"]])[["year", "grp", "value", "basis"]]
    reconstructed = bool(frame["basis"].isin(["reconstructed"]).any())
    return ChartView(
        partial(year_group_bars, frame, title, t("hr_share_axis", lang), lang, present),
        table,
        t(alt_key, lang, what=title.lower(), years=years_text, rows=rows),
        join_source_lines([s for s in frame["source_lines"] if s]),
        key=key,
        note=note if reconstructed else "",
    )


def personnel_view(q: Query, lang: str, present: bool = False) -> PersonnelView | None:
    """Build the personnel view from the database (None when the report gives no personnel figures)."""
    hr = q("hr_metrics")
    if hr.empty:
        return None
    bands = q("hr_age_bands")
    year = int(hr["year"].max())
    years = tuple(sorted(int(y) for y in hr["year"].unique()))[-2:]
    return PersonnelView(
        year=year,
        prev=year - 1,
        staff=metric_row(hr, ["headcount", "employments", "avg_employees", "avg_age"], year, lang),
        age=age_chart(bands, lang, present),
        contracts=contracts_chart(hr, years, lang, present),
        contract_shares=metric_row(hr, ["permanent_share_pct", "temporary_share_pct"], year, lang),
        sick=gender_chart(
            hr,
            "sick_leave_pct",
            t("hr_sick_title", lang),
            years,
            "hr_sick_chart",
            lang,
            present,
            alt_key=N_("hr_sick_alt"),
            note=t("hr_sick_note", lang),
        ),
        health=metric_row(
            hr, ["sick_leave_pct", "long_term_sick_share_pct", "healthy_share_pct", "wellness_use_pct"], year, lang
        ),
        healthy=gender_chart(
            hr, "healthy_share_pct", t("hr_healthy_title", lang), years, "hr_healthy_chart", lang, present
        ),
        wellness=gender_chart(
            hr, "wellness_use_pct", t("hr_metric_wellness_use_pct", lang), years, "hr_wellness_chart", lang, present
        ),
        mobility=metric_row(hr, ["turnover_pct", "new_hires", "managers", "employees_per_manager"], year, lang),
        all_figures=metrics_table(hr, lang),
    )
