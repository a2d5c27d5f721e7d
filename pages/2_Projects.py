"""Projekt / Projects: the granted projects, filtered by goal, owner, amount and name; totals, charts, downloads.

The filters live in the URL so a link reproduces the view:
- ?goal=5&goal=2 — goal ids, written and read by this page (the same convention as the Goals page's ?goal=5;
  a widget bound with bind="query-params" would put its translated label in the URL and would block the
  Goals page from writing ?goal=, so the goal filter keeps the URL itself);
- ?owner=…&owner=…, ?amount=<min>&amount=<max>, ?q=<text> — widgets bound with bind="query-params".
"""

from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from malbild import fmt
from malbild.charts.projects import goal_bar, owner_bar, per_goal, per_owner, size_bands, size_histogram
from malbild.data.source_lines import join_source_lines
from malbild.data.store import query
from malbild.export.tables import describe_filters, to_csv, to_xlsx
from malbild.texts import register
from malbild.texts.labels import goal_labels
from malbild.ui.widgets import chart, page_setup, source_note
from malbild.views.projects import (
    AMOUNT_STEP,
    amount_bounds,
    amount_filter,
    clean_text,
    parse_goal_ids,
    portfolio_rows,
    stated_totals,
    totals,
)

register(
    {
        "prj_heading": ("Beviljade projekt", "Granted projects"),
        "prj_intro": (
            "Projekt som fått regionala tillväxtmedel 2018, enligt årsredovisningens tabeller per mål. "
            "Filtren sparas i adressen – dela länken så ser mottagaren samma urval.",
            "Projects granted regional growth funds in 2018, from the annual report's tables per goal. "
            "The filters are kept in the address – share the link and the recipient sees the same selection.",
        ),
        "prj_filters": ("Filter", "Filters"),
        "prj_f_goal": ("Mål", "Goal"),
        "prj_f_owner": ("Projektägare", "Project owner"),
        "prj_f_amount": ("Belopp (kr)", "Amount (SEK)"),
        "prj_f_text": ("Sök i projektnamnet", "Search the project name"),
        "prj_f_text_ph": ("t.ex. förstudie", "e.g. förstudie"),
        "prj_all_goals": ("Alla mål", "All goals"),
        "prj_all_owners_ph": ("Alla projektägare – skriv för att söka", "All project owners – type to search"),
        "prj_amount_chosen": ("Valt intervall: {lo} – {hi}", "Chosen range: {lo} – {hi}"),
        "prj_clear": ("Rensa filtren", "Clear the filters"),
        "prj_active": ("Urval", "Selection"),
        "prj_m_projects": ("Antal projekt", "Number of projects"),
        "prj_m_sum": ("Beviljat belopp", "Amount granted"),
        "prj_m_owners": ("Projektägare", "Project owners"),
        "prj_stated_match": (
            "Stämmer med rapportens TOTALT-rader: {n} projekt, {amount} (rad {lines}).",
            "Matches the report's TOTAL lines: {n} projects, {amount} (lines {lines}).",
        ),
        "prj_stated_differ": (
            "Rapportens TOTALT-rader anger {n} projekt, {amount} (rad {lines}) – tabellen avviker.",
            "The report's TOTAL lines state {n} projects, {amount} (lines {lines}) – the table differs.",
        ),
        "prj_table": ("Projekten", "The projects"),
        "prj_table_help": (
            "Klicka på en kolumnrubrik för att sortera. Beloppen sorteras som tal.",
            "Click a column header to sort. Amounts sort as numbers.",
        ),
        "prj_table_source": ("Visa källan till tabellens rader", "Show the source of the table's rows"),
        "prj_col_goal": ("Mål", "Goal"),
        "prj_col_year": ("År", "Year"),
        "prj_col_owner": ("Projektägare", "Project owner"),
        "prj_col_project": ("Projekt", "Project"),
        "prj_col_amount": ("Belopp", "Amount"),
        "prj_col_lines": ("Källrader", "Source lines"),
        "prj_download": ("Ladda ned urvalet", "Download the selection"),
        "prj_dl_csv": ("CSV (Excel, semikolon)", "CSV (Excel, semicolon)"),
        "prj_dl_xlsx": ("Excel (.xlsx)", "Excel (.xlsx)"),
        "prj_dl_help": (
            "Filen anger vilka filter som var aktiva, underlaget (källrader i årsredovisningen) och exportdatum.",
            "The file states the active filters, the data basis (source lines in the annual report) and the export date.",
        ),
        "prj_dl_disabled": ("Inget att ladda ned – inga rader matchar urvalet.", "Nothing to download – no rows match the selection."),
        "prj_charts": ("Diagram", "Charts"),
        "prj_tab_goal": ("Per mål", "Per goal"),
        "prj_tab_owner": ("Per projektägare", "Per project owner"),
        "prj_tab_sizes": ("Bidragens storlek", "Size of the grants"),
        "prj_all_owners": ("Visa alla projektägare", "Show all project owners"),
        "prj_goal_alt": (
            "Liggande stapeldiagram: beviljat belopp per mål i urvalet, totalt {total}. {items}.",
            "Horizontal bar chart: amount granted per goal in the selection, {total} in all. {items}.",
        ),
        "prj_owner_alt": (
            "Liggande stapeldiagram: beviljat belopp per projektägare, störst överst. {items}.",
            "Horizontal bar chart: amount granted per project owner, largest at the top. {items}.",
        ),
        "prj_sizes_alt": (
            "Stapeldiagram: antal projekt per beloppsintervall. {items}.",
            "Bar chart: number of projects per amount band. {items}.",
        ),
        "prj_item": ("{label}: {amount} ({n} projekt)", "{label}: {amount} ({n} projects)"),
        "prj_band_item": ("{label}: {n} projekt", "{label}: {n} projects"),
        "prj_portfolio": ("Målens projektportfölj enligt rapporten", "The goals' project portfolios according to the report"),
        "prj_portfolio_intro": (
            "Uppgifter som rapportens text anger per mål (alla pågående projekt, inte bara de som beviljades 2018). "
            "Det rapporten inte anger visas som ”Ej angivet i rapporten”.",
            "Figures the report's text states per goal (all ongoing projects, not only those granted in 2018). "
            "What the report does not give is shown as 'Not stated in the report'.",
        ),
        "prj_p_ongoing": ("Pågående projekt", "Ongoing projects"),
        "prj_p_ongoing_msek": ("Pågående projekt, regionala tillväxtmedel", "Ongoing projects, regional growth funds"),
        "prj_p_share": ("Andel av årets beslutade medel", "Share of the year's decided funds"),
        "prj_portfolio_alt": ("Tabell: målens projektportfölj enligt rapporten.", "Table: the goals' project portfolios according to the report."),
    }
)

GOAL_PARAM = "goal"  # ?goal=5&goal=2
GOAL_WIDGET = "prj_goal"
OWNER_KEY, AMOUNT_KEY, TEXT_KEY = "owner", "amount", "q"  # bound to ?owner=, ?amount=, ?q=
TOP_OWNERS = 10

ctx = page_setup("page_projects")
st.title(ctx.t("prj_heading"))
st.caption(ctx.t("prj_intro"))

goals = query("goals")
labels = goal_labels(goals, ctx.lang)
owner_names = query("project_owners")["owner"].tolist()
extent = query("project_amount_range").iloc[0]
bounds = amount_bounds(extent["min_amount"], extent["max_amount"])
figures = query("goal_portfolio_figures")

# The goal filter keeps ?goal= itself: the URL wins when present (a shared link), then the widget's state.
if GOAL_PARAM in st.query_params:
    from_url = parse_goal_ids(st.query_params.get_all(GOAL_PARAM), list(labels))
    if from_url != st.session_state.get(GOAL_WIDGET):
        st.session_state[GOAL_WIDGET] = from_url
elif not isinstance(st.session_state.get(GOAL_WIDGET, []), list):
    del st.session_state[GOAL_WIDGET]


def _goal_to_url() -> None:
    """Write the chosen goals into the URL as ids, or drop ?goal= when none is chosen."""
    chosen = st.session_state.get(GOAL_WIDGET) or []
    if chosen:
        st.query_params[GOAL_PARAM] = [str(g) for g in chosen]
    elif GOAL_PARAM in st.query_params:
        del st.query_params[GOAL_PARAM]


def _clear_filters() -> None:
    """Reset every filter (bound widgets take their URL parameters with them)."""
    st.session_state[GOAL_WIDGET] = []
    st.session_state[OWNER_KEY] = []
    st.session_state[AMOUNT_KEY] = bounds
    st.session_state[TEXT_KEY] = ""
    if GOAL_PARAM in st.query_params:
        del st.query_params[GOAL_PARAM]


st.header(ctx.t("prj_filters"))
left, right = st.columns(2)
goal_ids = left.multiselect(
    ctx.t("prj_f_goal"), options=list(labels), format_func=labels.get, key=GOAL_WIDGET,
    on_change=_goal_to_url, placeholder=ctx.t("prj_all_goals"),
)
_goal_to_url()
owners = right.multiselect(
    ctx.t("prj_f_owner"), options=owner_names, key=OWNER_KEY, bind="query-params",
    placeholder=ctx.t("prj_all_owners_ph"),
)
left, right = st.columns(2)
chosen_range = left.slider(
    ctx.t("prj_f_amount"), min_value=bounds[0], max_value=bounds[1], value=bounds, step=AMOUNT_STEP,
    format="%d kr" if ctx.lang == "sv" else "SEK %d", key=AMOUNT_KEY, bind="query-params",
)
left.caption(ctx.t("prj_amount_chosen", lo=fmt.sek(chosen_range[0], ctx.lang), hi=fmt.sek(chosen_range[1], ctx.lang)))
text = right.text_input(ctx.t("prj_f_text"), key=TEXT_KEY, bind="query-params", placeholder=ctx.t("prj_f_text_ph"))
right.button(ctx.t("prj_clear"), on_click=_clear_filters, key="prj_clear")

min_amount, max_amount = amount_filter(chosen_range, bounds)
search = clean_text(text)
rows = query("filtered_project_grants", goal_ids=list(goal_ids), owners=list(owners), min_amount=min_amount,
             max_amount=max_amount, text=search)
filters = describe_filters([labels[g] for g in goal_ids], list(owners), (min_amount, max_amount), search, ctx.lang)
st.caption(f"**{ctx.t('prj_active')}:** " + " · ".join(f"{label}: {value}" for label, value in filters))

# Totals that follow the filter.
sums = totals(rows)
a, b, c = st.columns(3)
a.metric(ctx.t("prj_m_projects"), fmt.number(sums["projects"], lang=ctx.lang))
b.metric(ctx.t("prj_m_sum"), fmt.sek(sums["amount_sek"], ctx.lang))
c.metric(ctx.t("prj_m_owners"), fmt.number(sums["owners"], lang=ctx.lang))
only_goal_filter = not owners and min_amount is None and max_amount is None and search is None
# The report's TOTALT lines are per year: compare only when the rows shown come from one year.
years_shown = rows["year"].dropna().unique()
year_figures = figures[figures["year"] == (years_shown[0] if len(years_shown) == 1 else figures["year"].max())]
stated = stated_totals(year_figures, list(goal_ids)) if only_goal_filter and len(years_shown) == 1 else None
if stated is not None:
    same = stated["projects"] == sums["projects"] and stated["amount_sek"] == sums["amount_sek"]
    message = ctx.t("prj_stated_match" if same else "prj_stated_differ", n=stated["projects"],
                    amount=fmt.sek(stated["amount_sek"], ctx.lang), lines=stated["source_lines"])
    (st.caption if same else st.warning)(message)

if rows.empty:
    st.info(ctx.t("no_rows"))
else:
    st.header(ctx.t("prj_table"))
    cols = {
        "goal": ctx.t("prj_col_goal"), "year": ctx.t("prj_col_year"), "owner": ctx.t("prj_col_owner"),
        "project": ctx.t("prj_col_project"), "amount_sek": ctx.t("prj_col_amount"), "source_lines": ctx.t("prj_col_lines"),
    }
    table = pd.DataFrame(
        {
            cols["goal"]: [labels[int(g)] for g in rows["goal_id"]],
            cols["year"]: rows["year"].astype(int).astype(str),
            cols["owner"]: rows["owner"],
            cols["project"]: rows["project"],
            cols["amount_sek"]: rows["amount_sek"].astype("int64"),
            cols["source_lines"]: rows["source_lines"],
        }
    )
    # The amount column stays numeric (so sorting is numeric); the Styler only changes how it is shown.
    styled = table.style.format({cols["amount_sek"]: lambda v: fmt.sek(v, ctx.lang)})
    st.dataframe(
        styled,
        hide_index=True,
        key="prj_table",
        column_config={
            cols["goal"]: st.column_config.TextColumn(width="medium"),
            cols["project"]: st.column_config.TextColumn(width="large"),
            cols["amount_sek"]: st.column_config.NumberColumn(help=ctx.t("prj_table_help")),
        },
    )
    st.caption(ctx.t("prj_table_help"))
    source_note(ctx, rows["source_lines"].tolist(), label=ctx.t("prj_table_source"))

# Downloads of the filtered rows (with the filters and the data basis in the file).
st.header(ctx.t("prj_download"))
# The files are made only when a button is pressed, so filtering stays quick at any data size.
stamp = date.today()
empty = rows.empty
d1, d2 = st.columns(2)
d1.download_button(
    ctx.t("prj_dl_csv"), data=partial(to_csv, rows, filters, ctx.lang, stamp), file_name=f"malbild-projekt-{stamp.isoformat()}.csv",
    mime="text/csv", key="prj_dl_csv", on_click="ignore", disabled=empty,
    help=ctx.t("prj_dl_disabled") if empty else ctx.t("prj_dl_help"),
)
d2.download_button(
    ctx.t("prj_dl_xlsx"), data=partial(to_xlsx, rows, filters, ctx.lang, stamp), file_name=f"malbild-projekt-{stamp.isoformat()}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="prj_dl_xlsx", on_click="ignore",
    disabled=empty, help=ctx.t("prj_dl_disabled") if empty else ctx.t("prj_dl_help"),
)
if empty:
    st.caption(ctx.t("prj_dl_disabled"))
else:
    st.caption(ctx.t("prj_dl_help"))

# Charts of the selection.
if not rows.empty:
    st.header(ctx.t("prj_charts"))
    tab_goal, tab_owner, tab_sizes = st.tabs([ctx.t("prj_tab_goal"), ctx.t("prj_tab_owner"), ctx.t("prj_tab_sizes")])
    with tab_goal:
        data = per_goal(rows, ctx.lang)
        items = "; ".join(ctx.t("prj_item", label=r.goal, amount=fmt.sek(r.amount_sek, ctx.lang), n=r.projects)
                          for r in data.itertuples())
        chart(ctx, goal_bar(data, ctx.lang, ctx.present),
              data.rename(columns={"goal": ctx.t("prj_col_goal"), "projects": ctx.t("n_projects"),
                                   "amount_sek": ctx.t("granted_sek"), "share_pct": "%",
                                   "source_lines": ctx.t("source_lines")}).drop(columns=["goal_id"]),
              ctx.t("prj_goal_alt", total=fmt.sek(sums["amount_sek"], ctx.lang), items=items),
              join_source_lines(data["source_lines"]), key="prj_goal_chart")
    with tab_owner:
        show_all = st.toggle(ctx.t("prj_all_owners"), key="prj_all_owners")
        top_n = None if show_all else TOP_OWNERS
        data = per_owner(rows, top_n, ctx.lang)
        items = "; ".join(ctx.t("prj_item", label=r.owner, amount=fmt.sek(r.amount_sek, ctx.lang), n=r.projects)
                          for r in data.itertuples())
        chart(ctx, owner_bar(data, top_n, ctx.lang, ctx.present),
              data.rename(columns={"owner": ctx.t("prj_col_owner"), "projects": ctx.t("n_projects"),
                                   "amount_sek": ctx.t("granted_sek"), "source_lines": ctx.t("source_lines")})
              .drop(columns=["owners"]),
              ctx.t("prj_owner_alt", items=items), join_source_lines(data["source_lines"]), key="prj_owner_chart")
    with tab_sizes:
        data = size_bands(rows, ctx.lang)
        items = "; ".join(ctx.t("prj_band_item", label=r.band, n=r.projects) for r in data.itertuples())
        chart(ctx, size_histogram(data, ctx.lang, ctx.present),
              data[["band", "projects", "amount_sek", "source_lines"]].rename(
                  columns={"band": ctx.t("prj_band"), "projects": ctx.t("n_projects"),
                           "amount_sek": ctx.t("granted_sek"), "source_lines": ctx.t("source_lines")}),
              ctx.t("prj_sizes_alt", items=items), join_source_lines(data["source_lines"]), key="prj_sizes_chart")

# Context: what the report says about each chosen goal's whole portfolio.
st.header(ctx.t("prj_portfolio"))
st.caption(ctx.t("prj_portfolio_intro"))
portfolio = portfolio_rows(year_figures, goals, list(goal_ids), ctx.lang)
st.table(
    portfolio[["goal", "ongoing_projects", "ongoing_amount_msek", "share_of_year_total_pct"]].rename(
        columns={"goal": ctx.t("prj_col_goal"), "ongoing_projects": ctx.t("prj_p_ongoing"),
                 "ongoing_amount_msek": ctx.t("prj_p_ongoing_msek"), "share_of_year_total_pct": ctx.t("prj_p_share")}
    ),
    hide_index=True,
    alt=ctx.t("prj_portfolio_alt"),
)
source_note(ctx, portfolio["source_lines"].tolist())
