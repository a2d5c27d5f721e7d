"""Personal / Personnel: employees and employments, age structure, contracts, health and managers, year on year."""

import streamlit as st

from malbild import fmt
from malbild.charts.personnel import age_pyramid, contract_bars, year_group_bars
from malbild.data.store import query
from malbild.texts import register
from malbild.ui.widgets import chart, page_setup, source_note
from malbild.views.personnel import (
    age_pyramid_frame,
    comparison,
    contract_frame,
    metric_texts,
    metrics_table,
    year_group_frame,
)

register(
    {
        "hr_heading": ("Personalen {year}", "Personnel {year}"),
        "hr_intro": (
            "Uppgifterna avser Region Västerbottens medarbetare vid årets slut. Jämförelse med {prev} inom parentes.",
            "The figures refer to Region Västerbotten's employees at year end, compared with {prev}.",
        ),
        "hr_staff": ("Medarbetare och anställningar", "Employees and employments"),
        "hr_age": ("Åldersstruktur", "Age structure"),
        "hr_age_alt": (
            "Befolkningspyramid {year}: kvinnor till vänster, män till höger, per åldersgrupp. {rows}",
            "Population pyramid {year}: women on the left, men on the right, per age band. {rows}",
        ),
        "hr_age_gap_note": (
            "Åldersgrupper där rapporten inte anger fördelningen på kön är markerade med ✕ ”Ej angivet”, inte ritade som 0. "
            "Värdena är rekonstruerade ur diagrammets etiketter (‡).",
            "Age bands where the report does not state the split by gender are marked ✕ 'Not stated', not drawn as 0. "
            "The values are reconstructed from the chart labels (‡).",
        ),
        "hr_contracts": ("Anställningsformer", "Types of employment"),
        "hr_contracts_alt": (
            "Staplat stapeldiagram: tillsvidare- och visstidsanställningar per kön och år. {rows}",
            "Stacked bar chart: permanent and temporary employments by gender and year. {rows}",
        ),
        "hr_health": ("Sjukfrånvaro och hälsa", "Sick leave and health"),
        "hr_sick_title": ("Sjukfrånvaro i % av ordinarie arbetstid", "Sick leave, % of ordinary working time"),
        "hr_sick_alt": (
            "Stapeldiagram: sjukfrånvaro per kön {years}. {rows}",
            "Bar chart: sick leave by gender {years}. {rows}",
        ),
        "hr_sick_note": (
            "‡ Könsuppdelningen är rekonstruerad ur diagrammets etiketter under ett antagande om kvinnornas andel av arbetstiden "
            "(se anmärkningen i källtabellen). Totalen är angiven i rapporten.",
            "‡ The split by gender is reconstructed from the chart labels under an assumption about women's share of working "
            "time (see the note in the source table). The total is stated in the report.",
        ),
        "hr_healthy_title": ("Frisktal: andel med 0–5 sjukdagar", "Healthy share: employees with 0–5 sick days"),
        "hr_wellness_title": ("Användning av friskvårdsersättning", "Use of the wellness allowance"),
        "hr_bars_alt": (
            "Stapeldiagram: {what} per kön {years}. {rows}",
            "Bar chart: {what} by gender {years}. {rows}",
        ),
        "hr_share_axis": ("Andel (%)", "Share (%)"),
        "hr_mobility": ("Rörlighet och chefer", "Mobility and managers"),
        "hr_all_figures": ("Alla personaltal", "All personnel figures"),
        "hr_all_figures_note": (
            "Alla uppgifter om personalen som dashboarden har, med underlag och källrader.",
            "Every personnel figure the dashboard holds, with its basis and source lines.",
        ),
    }
)

ctx = page_setup("page_personnel")
hr = query("hr_metrics")
bands = query("hr_age_bands")

if hr.empty:
    st.title(ctx.t("page_personnel"))
    st.info(ctx.t("no_data"))
    st.stop()

year = int(hr["year"].max())
prev = year - 1
years = tuple(sorted(int(y) for y in hr["year"].unique()))[-2:]

st.title(ctx.t("hr_heading", year=year))
st.caption(ctx.t("hr_intro", prev=prev))
st.caption(ctx.t("hr_mark_legend"))


def metric_row(metrics: list[str]) -> None:
    """Show a row of metrics with last year's value, then their source passage."""
    comps = [c for c in (comparison(hr, m, year, "all", ctx.lang) for m in metrics) if c is not None]
    if not comps:
        st.info(ctx.t("no_data"))
        return
    cols = st.columns(min(len(comps), 3 if ctx.present else 4))
    for i, comp in enumerate(comps):
        texts = metric_texts(comp, year, ctx.lang)
        cols[i % len(cols)].metric(
            texts["label"], texts["value"], delta=texts["delta"], delta_color="off",
            delta_arrow=texts["delta_arrow"], help=texts["help"], border=True,
        )
    source_note(ctx, [s for c in comps for s in c["source_lines"]])


def rows_text(frame, fmt_value) -> str:
    """A short text listing of a chart's values for its text alternative."""
    return "; ".join(fmt_value(r) for r in frame.itertuples(index=False))


# Employees and employments
st.header(ctx.t("hr_staff"))
metric_row(["headcount", "employments", "avg_employees", "avg_age"])

# Age pyramid
st.header(ctx.t("hr_age"))
age_years = sorted(int(y) for y in bands["year"].unique()) if not bands.empty else []
if not age_years:
    st.info(ctx.t("no_data"))
else:
    age_year = age_years[-1]
    pyramid = age_pyramid_frame(bands, age_year)
    gap_word = ctx.t("level_gap_short")
    alt_rows = rows_text(
        pyramid,
        lambda r: f"{r.band}: {ctx.t('women').lower()} {fmt.number(r.women, 0, ctx.lang) if not fmt.is_missing(r.women) else gap_word}, "
        f"{ctx.t('men').lower()} {fmt.number(r.men, 0, ctx.lang) if not fmt.is_missing(r.men) else gap_word}, "
        f"{ctx.t('total').lower()} {fmt.number(r.all, 0, ctx.lang)}",
    )
    table = pyramid[["band", "women", "men", "all"]].rename(
        columns={"band": ctx.t("hr_age_band"), "women": ctx.t("women"), "men": ctx.t("men"), "all": ctx.t("total")}
    )
    chart(
        ctx,
        age_pyramid(pyramid, age_year, ctx.lang, ctx.present),
        table,
        ctx.t("hr_age_alt", year=age_year, rows=alt_rows),
        source_lines=bands["source_lines"].tolist(),
        key="hr_pyramid",
    )
    if pyramid[["women", "men"]].isna().any().any():
        st.caption(ctx.t("hr_age_gap_note"))

# Contract types
st.header(ctx.t("hr_contracts"))
contracts = contract_frame(hr, years)
if contracts["value"].notna().any():
    alt_rows = "; ".join(
        f"{ctx.t(r.grp)} {r.year}: {ctx.t('hr_' + r.kind).lower()} {fmt.number(r.value, 0, ctx.lang) if not fmt.is_missing(r.value) else ctx.t('level_gap_short')}"
        for r in contracts.itertuples(index=False)
    )
    chart(
        ctx,
        contract_bars(contracts, ctx.lang, ctx.present),
        contracts.assign(kind=[ctx.t("hr_" + k) for k in contracts["kind"]], grp=[ctx.t(g) for g in contracts["grp"]])[
            ["year", "grp", "kind", "value", "basis"]
        ],
        ctx.t("hr_contracts_alt", rows=alt_rows),
        source_lines=[s for s in contracts["source_lines"] if s],
        key="hr_contracts_chart",
    )
metric_row(["permanent_share_pct", "temporary_share_pct"])


def gender_chart(metric: str, title_key: str, alt_key: str, key: str, note_key: str | None = None) -> None:
    """Bars of one metric by gender for the two latest years, with text alternative and source."""
    frame = year_group_frame(hr, metric, years)
    if frame.empty or frame["value"].isna().all():
        st.info(ctx.t("no_data"))
        return
    title = ctx.t(title_key)
    alt_rows = "; ".join(
        f"{ctx.t(r.grp)} {r.year}: {fmt.value_with_unit(r.value, r.unit, ctx.lang) if not fmt.is_missing(r.value) else ctx.t('level_gap_short')}"
        + (f" ({ctx.t('hr_mark_' + r.basis)})" if r.basis in ("derived", "reconstructed") else "")
        for r in frame.itertuples(index=False)
    )
    years_text = "–".join(str(y) for y in (years[0], years[-1]))
    alt = ctx.t(alt_key, what=title.lower(), years=years_text, rows=alt_rows) if alt_key == "hr_bars_alt" else ctx.t(
        alt_key, years=years_text, rows=alt_rows
    )
    chart(
        ctx,
        year_group_bars(frame, title, ctx.t("hr_share_axis"), ctx.lang, ctx.present),
        frame.assign(grp=[ctx.t(g) for g in frame["grp"]])[["year", "grp", "value", "basis"]],
        alt,
        source_lines=[s for s in frame["source_lines"] if s],
        key=key,
    )
    if note_key and frame["basis"].isin(["reconstructed"]).any():
        st.caption(ctx.t(note_key))


# Sick leave and health
st.header(ctx.t("hr_health"))
gender_chart("sick_leave_pct", "hr_sick_title", "hr_sick_alt", "hr_sick_chart", "hr_sick_note")
metric_row(["sick_leave_pct", "long_term_sick_share_pct", "healthy_share_pct", "wellness_use_pct"])
left, right = st.columns(2) if not ctx.present else (st.container(), st.container())
with left:
    gender_chart("healthy_share_pct", "hr_healthy_title", "hr_bars_alt", "hr_healthy_chart")
with right:
    gender_chart("wellness_use_pct", "hr_wellness_title", "hr_bars_alt", "hr_wellness_chart")

# Mobility and managers
st.header(ctx.t("hr_mobility"))
metric_row(["turnover_pct", "new_hires", "managers", "employees_per_manager"])

# Every figure
st.header(ctx.t("hr_all_figures"))
st.caption(ctx.t("hr_all_figures_note"))
st.dataframe(metrics_table(hr, ctx.lang), hide_index=True, key="hr_all_table")
