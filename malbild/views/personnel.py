"""Pure helpers for the personnel page: metric labels, year-on-year comparisons, gaps and basis markers."""

from __future__ import annotations

import pandas as pd

from malbild import fmt
from malbild.texts import STRINGS, register, t
from malbild.texts.labels import basis_word, marked_value, metric_label

# Labels of the hr_metric keys (docs/provenance/personnel.md). A key missing here is shown as the key
# itself; tests/test_page_personnel.py flags every key in the data that has no label.
METRIC_LABELS: dict[str, tuple[str, str]] = {
    "headcount": ("Medarbetare vid årets slut", "Employees at year end"),
    "employments": ("Anställningar vid årets slut", "Employments at year end"),
    "permanent": ("Tillsvidareanställningar", "Permanent employments"),
    "temporary": ("Visstidsanställningar", "Temporary employments"),
    "temporary_prose": ("Visstidsanställda enligt brödtexten", "Temporary employments as the prose states them"),
    "avg_age": ("Medelålder", "Average age"),
    "avg_employees": ("Medelantal anställda (årsarbetare)", "Average number of employees (full-time equivalents)"),
    "sick_leave_pct": ("Sjukfrånvaro (sjuktal)", "Sick leave"),
    "long_term_sick_share_pct": ("Andel långtidssjukfrånvaro", "Long-term share of sick leave"),
    "healthy_share_pct": ("Frisktal (0–5 sjukdagar)", "Healthy share (0–5 sick days)"),
    "turnover_pct": ("Personalomsättning", "Staff turnover"),
    "new_hires": ("Nyanställda under året", "New hires during the year"),
    "new_hires_refills": ("Återbesättningar bland nyanställda", "New hires filling vacated posts"),
    "wellness_use_pct": ("Användning av friskvårdsersättning", "Use of the wellness allowance"),
    "managers": ("Chefstjänster med personalansvar", "Manager posts with staff responsibility"),
    "manager_persons": ("Personer på chefstjänsterna", "Persons holding the manager posts"),
    "manager_share_pct": ("Andel av cheferna", "Share of the managers"),
    "employees_per_manager": ("Medarbetare per chefstjänst", "Employees per manager post"),
    "management_group_unit_managers": ("Enhetschefer i ledningsgruppen", "Unit managers in the management group"),
    "management_group_share_pct": ("Andel av ledningsgruppens enhetschefer", "Share of the management group's unit managers"),
    "permanent_share_pct": ("Andel tillsvidareanställda", "Permanent share of employments"),
    "temporary_share_pct": ("Andel visstidsanställda", "Temporary share of employments"),
    "base_share_pct": ("Andel i basverksamheten", "Share in base activity"),
    "project_share_pct": ("Andel i projektverksamheten", "Share in project activity"),
    "project_positions": ("Tjänster i projektverksamheten", "Posts in project activity"),
    "project_funded_avg_employees": ("Projektfinansierade (medelantal)", "Project-funded (average employees)"),
    "base_funded_avg_employees": ("Basfinansierade (medelantal)", "Base-funded (average employees)"),
    "board_members": ("Styrelseledamöter", "Board members"),
    "occupational_health_rehab_share_pct": (
        "Företagshälsovård: andel rehabiliterande insatser",
        "Occupational health: rehabilitative share",
    ),
    "occupational_health_preventive_share_pct": (
        "Företagshälsovård: andel förebyggande/främjande insatser",
        "Occupational health: preventive/promotive share",
    ),
    "afa_incidents_reported": ("Tillbud rapporterade till AFA", "Incidents reported to AFA insurance"),
    "cpr_trained_pct": ("Andel HLR-utbildade", "Share trained in CPR"),
    "cpr_trained_target_pct": ("Mål för andel HLR-utbildade", "Target share trained in CPR"),
}

register({f"hr_metric_{key}": label for key, label in METRIC_LABELS.items()})
register(
    {
        "hr_mark_derived": ("härlett", "derived"),
        "hr_mark_reconstructed": ("rekonstruerat", "reconstructed"),
        "hr_mark_legend": (
            "† = härlett ur rapportens text · ‡ = rekonstruerat ur diagrametiketter · – = ej angivet i rapporten",
            "† = derived from the report's text · ‡ = reconstructed from chart labels · – = not stated in the report",
        ),
        "hr_band_60": ("60+", "60+"),
    }
)

GROUPS = ("women", "men", "all")
BANDS = ("20-29", "30-39", "40-49", "50-59", "60+")


def unlabelled_metrics(metrics: object) -> list[str]:
    """Return the metric keys that have no label in METRIC_LABELS."""
    return sorted({str(m) for m in metrics} - set(METRIC_LABELS))


def cell(frame: pd.DataFrame, metric: str, year: int, grp: str = "all") -> dict | None:
    """Return one figure as a dict (value, unit, basis, note, source_lines), or None if there is no row."""
    rows = frame[(frame["metric"] == metric) & (frame["year"] == year) & (frame["grp"] == grp)]
    if rows.empty:
        return None
    row = rows.iloc[0]
    return {k: row[k] for k in ("value", "unit", "basis", "note", "source_lines")}


def comparison(frame: pd.DataFrame, metric: str, year: int, grp: str = "all", lang: str = "sv") -> dict | None:
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
        diff = float(now["value"]) - float(prev_value)
        decimals = 0 if diff.is_integer() else 1
        suffix = {"pct": " p.e." if lang == "sv" else " pp", "years": " år" if lang == "sv" else " yrs"}.get(unit, "")
        sign = "+" if diff > 0 else ("±" if diff == 0 else "")
        delta = f"{sign}{fmt.number(diff, decimals, lang)}{suffix}"
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


def year_group_frame(frame: pd.DataFrame, metric: str, years: tuple[int, ...], groups: tuple[str, ...] = GROUPS) -> pd.DataFrame:
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
                rows.append({"year": year, "grp": grp, "value": float("nan"), "unit": unit, "basis": "not_stated", "source_lines": ""})
            else:
                r = hit.iloc[0]
                rows.append({"year": year, "grp": grp, "value": r["value"], "unit": unit, "basis": r["basis"], "source_lines": r["source_lines"]})
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
            row[grp] = float("nan") if hit.empty or fmt.is_missing(hit["persons"].iloc[0]) else float(hit["persons"].iloc[0])
            row[f"{grp}_basis"] = "not_stated" if hit.empty else hit["basis"].iloc[0]
        rows.append(row)
    out = pd.DataFrame(rows)
    present = set(sub["band"])
    return out[out["band"].isin(present)].reset_index(drop=True)


def metrics_table(frame: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """Every personnel figure as a table: metric, group, one column per year (newest first), basis, source."""
    years = sorted(frame["year"].unique(), reverse=True)
    order = {g: i for i, g in enumerate(GROUPS)}
    rows = []
    keys = list(dict.fromkeys(list(METRIC_LABELS) + sorted(frame["metric"].unique())))
    # One pass over the frame: (metric, grp, year) -> first row, so the table costs one lookup per cell.
    index: dict[tuple, object] = {}
    for r in frame.itertuples(index=False):
        index.setdefault((r.metric, r.grp, r.year), r)
    groups_of: dict[str, set] = {}
    for metric, grp, _ in index:
        groups_of.setdefault(metric, set()).add(grp)
    for metric in keys:
        for grp in sorted(groups_of.get(metric, ()), key=lambda g: order.get(g, 9)):
            row = {t("hr_col_metric", lang): metric_label(metric, lang), t("hr_col_group", lang): t(grp, lang) if grp in GROUPS else grp}
            bases, sources = [], []
            for year in years:
                r = index.get((metric, grp, year))
                if r is None:
                    row[str(year)] = fmt.GAP
                    continue
                row[str(year)] = marked_value(r.value, r.unit, r.basis, lang)
                bases.append(t(f"basis_{r.basis}", lang) if f"basis_{r.basis}" in STRINGS else str(r.basis))
                sources.append(str(r.source_lines))
            row[t("basis", lang)] = " / ".join(dict.fromkeys(bases))
            row[t("source_lines", lang)] = "; ".join(dict.fromkeys(sources))
            rows.append(row)
    return pd.DataFrame(rows)


register(
    {
        "hr_col_metric": ("Personaltal", "Personnel figure"),
        "hr_col_group": ("Grupp", "Group"),
    }
)


def metric_texts(comp: dict, year: int, lang: str = "sv") -> dict:
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
    help_text = t("basis_" + str(comp["basis"]), lang) if f"basis_{comp['basis']}" in STRINGS else None
    return {
        "label": f"{comp['label']} {year}",
        "value": value,
        "delta": delta,
        "delta_arrow": arrow,
        "help": f"{help_text} ({word})" if word else help_text,
    }
