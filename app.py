"""Översikt / Overview: the six goals × years, level counts, and the headline figures of every page."""

import streamlit as st

from malbild import fmt
from malbild.charts.goals import funding_per_goal
from malbild.data.store import query
from malbild.texts import register
from malbild.texts.labels import LEVEL_SYMBOLS
from malbild.ui.widgets import chart, nav_params, page_setup
from malbild.views.overview import grid_html, level_count_changes, level_counts

register(
    {
        "ov_heading": ("Regionplanens sex mål – hur går det?", "The Regional Plan's six goals – how are they doing?"),
        "ov_year": ("Visa antal per nivå för år", "Show counts per level for year"),
        "ov_counts": ("Antal mål per nivå {year}", "Goals per level in {year}"),
        "ov_change_note": ("Förändring mot {year}", "Change against {year}"),
        "ov_funding": ("Projekt med regionala tillväxtmedel {year}", "Projects with regional growth funds in {year}"),
        "ov_total_granted": ("Beviljat totalt {year}", "Granted in total in {year}"),
        "ov_total_projects": ("Beviljade projekt {year}", "Projects granted in {year}"),
        "ov_fin_goals": ("Finansiella mål uppfyllda {year}", "Financial goals met in {year}"),
        "ov_fin_value": ("{met} av {n}", "{met} of {n}"),
        "ov_headcount": ("Medarbetare vid årets slut {year}", "Employees at year end {year}"),
        "ov_sick": ("Sjukfrånvaro {year}", "Sick leave {year}"),
        "ov_more_goals": ("Mer om målen", "More about the goals"),
        "ov_more_projects": ("Alla projekt", "All projects"),
        "ov_more_personnel": ("Personalen", "Personnel"),
        "ov_more_finance": ("Ekonomin", "Finance"),
        "ov_more_sources": ("Hur siffrorna tagits fram", "How the figures were obtained"),
        "ov_funding_alt": (
            "Stapeldiagram: beviljade regionala tillväxtmedel {year} per mål, totalt {total} i {n} projekt. Störst: {top}.",
            "Bar chart: regional growth funds granted in {year} per goal, {total} in {n} projects in all. Largest: {top}.",
        ),
        "ov_grid_title": ("Måluppfyllelse 2016–2018", "Goal fulfilment 2016–2018"),
        "ov_headlines": ("Nyckeltal", "Key figures"),
    }
)

ctx = page_setup("page_overview")
st.title(ctx.t("ov_heading"))
st.caption(ctx.t("app_tagline"))

grid = query("goal_assessment_grid")
years = sorted(int(y) for y in grid["year"].unique())
latest = years[-1]

st.header(ctx.t("ov_grid_title"))
link = "Goals?goal={goal}" + "".join(f"&{k}={v}" for k, v in nav_params(ctx).items())
st.html(grid_html(grid, ctx.lang, link=link))
if not ctx.present:
    st.caption(ctx.t("swedish_text_note") if ctx.lang == "en" else "")

year = st.segmented_control(
    ctx.t("ov_year"), options=years, default=latest, key="ov_year", required=True
) or latest
st.subheader(ctx.t("ov_counts", year=year))
counts = level_counts(grid, year)
changes = level_count_changes(grid, year)
cols = st.columns(4)
for col, level in zip(cols, (3, 2, 1, None)):
    label = ctx.t("level_gap_short") if level is None else f"{LEVEL_SYMBOLS[level]} {level} {ctx.t(f'level_{level}_short')}"
    delta = changes[level]
    col.metric(
        label,
        counts[level],
        delta=None if delta is None else f"{delta:+d}",
        delta_color="off",
        help=None if delta is None else ctx.t("ov_change_note", year=year - 1),
    )
st.page_link("pages/1_Goals.py", label=ctx.t("ov_more_goals"), icon="➡️", query_params=nav_params(ctx))

st.header(ctx.t("ov_headlines"))
funding = query("funding_and_level_by_goal", year=latest)
finance_goals = query("financial_goals")
hr = query("hr_metrics")

left, right = st.columns([3, 2])
with left:
    st.subheader(ctx.t("ov_funding", year=latest))
    total, n = int(funding["amount_sek"].sum()), int(funding["projects"].sum())
    a, b = st.columns(2)
    a.metric(ctx.t("ov_total_granted", year=latest), fmt.sek(total, ctx.lang))
    b.metric(ctx.t("ov_total_projects", year=latest), fmt.number(n, lang=ctx.lang))
    top = funding.sort_values("amount_sek", ascending=False).iloc[0]
    chart(
        ctx,
        funding_per_goal(funding, latest, ctx.lang, ctx.present),
        funding[["goal_id", "name_sv", "projects", "amount_sek"]],
        ctx.t("ov_funding_alt", year=latest, total=fmt.sek(total, ctx.lang), n=n,
              top=f"{ctx.t('goal_n', n=int(top['goal_id']))} ({fmt.sek(top['amount_sek'], ctx.lang)})"),
        source_lines=query("filtered_project_grants", goal_ids=[], owners=[], min_amount=None, max_amount=None,
                           text=None)["source_lines"].tolist(),
        key="ov_funding_chart",
    )
    st.page_link("pages/2_Projects.py", label=ctx.t("ov_more_projects"), icon="➡️", query_params=nav_params(ctx))
with right:
    fin_year = finance_goals[finance_goals["year"] == finance_goals["year"].max()]
    st.subheader(ctx.t("page_finance"))
    st.metric(
        ctx.t("ov_fin_goals", year=int(fin_year["year"].max())),
        ctx.t("ov_fin_value", met=int(fin_year["met"].fillna(False).astype(bool).sum()), n=len(fin_year)),
    )
    st.page_link("pages/4_Finance.py", label=ctx.t("ov_more_finance"), icon="➡️", query_params=nav_params(ctx))
    st.subheader(ctx.t("page_personnel"))
    hr_year = int(hr["year"].max())

    def hr_value(metric: str, year: int) -> float | None:
        """Return a personnel figure for all employees, or None if the report does not give it."""
        rows = hr[(hr["metric"] == metric) & (hr["year"] == year) & (hr["grp"] == "all")]
        return None if rows.empty else rows["value"].iloc[0]

    for metric, key, unit in (("headcount", "ov_headcount", "persons"), ("sick_leave_pct", "ov_sick", "pct")):
        now, before = hr_value(metric, hr_year), hr_value(metric, hr_year - 1)
        delta = None if fmt.is_missing(now) or fmt.is_missing(before) else now - before
        st.metric(
            ctx.t(key, year=hr_year),
            fmt.value_with_unit(now, unit, ctx.lang),
            delta=None if delta is None else f"{fmt.number(delta, 0 if unit == 'persons' else 1, ctx.lang)} ({hr_year - 1}: "
            f"{fmt.value_with_unit(before, unit, ctx.lang)})",
            delta_color="off",
        )
    st.page_link("pages/3_Personnel.py", label=ctx.t("ov_more_personnel"), icon="➡️", query_params=nav_params(ctx))
    st.page_link("pages/5_Sources.py", label=ctx.t("ov_more_sources"), icon="ℹ️", query_params=nav_params(ctx))
