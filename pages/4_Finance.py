"""Ekonomi / Finance: the financial goals, the result, budget against outcome, income and costs, the statements."""

import streamlit as st

from malbild import fmt
from malbild.charts.finance import budget_bars, goal_trend, signed_bars
from malbild.data.store import query
from malbild.texts import register
from malbild.texts.labels import FINANCIAL_TARGETS, financial_goal_label, goal_value_text, met_text, signed_tkr
from malbild.ui.widgets import chart, page_setup, source_note
from malbild.views.finance import (
    budget_frame,
    budget_table,
    flows_frame,
    goal_trend_frame,
    goals_table,
    rounding_lines,
    statement_html,
)

register(
    {
        "fin_heading": ("Ekonomin {year}", "Finances {year}"),
        "fin_intro": (
            "Region Västerbottens egna räkenskaper (regionförbundet), belopp i tusen kronor (tkr) med tecken som i rapporten.",
            "Region Västerbotten's own accounts (the regional association), amounts in thousand SEK with signs as printed.",
        ),
        "fin_result": ("Årets resultat", "Result for the year"),
        "fin_result_metric": ("Årets resultat {year}", "Result for the year {year}"),
        "fin_budget_result": ("Budgeterat resultat {year}", "Budgeted result {year}"),
        "fin_goals": ("Finansiella mål", "Financial goals"),
        "fin_goals_met": ("Uppfyllda mål {year}", "Goals met in {year}"),
        "fin_goals_met_value": ("{met} av {n}", "{met} of {n}"),
        "fin_goals_note": (
            "✔ = uppfyllt, ✘ = ej uppfyllt. Målformuleringarna citeras på svenska ur årsredovisningen.",
            "✔ = met, ✘ = not met. The targets are quoted in Swedish from the annual report.",
        ),
        "fin_trend_alt": (
            "Linjediagram: {goal} {years}: {values}. Streckad linje: målet ({target}).",
            "Line chart: {goal} {years}: {values}. Dashed line: the target ({target}).",
        ),
        "fin_budget": ("Budget mot utfall", "Budget against outcome"),
        "fin_budget_alt": (
            "Stapeldiagram: utfall och budget {year} per rad i driftredovisningen. {rows}",
            "Bar chart: outcome and budget {year} per line of the operating statement. {rows}",
        ),
        "fin_budget_note": (
            "Avvikelse = utfall − budget, som den står i rapporten. På {n} rader skiljer den sig från differensen på grund av avrundning i rapporten.",
            "Deviation = outcome − budget, as printed in the report. On {n} lines it differs from the difference because of rounding in the report.",
        ),
        "fin_flows": ("Var pengarna kommer ifrån och vart de går", "Where the money comes from and where it goes"),
        "fin_flows_year": ("År", "Year"),
        "fin_flows_income_title": ("Intäkter och kostnader {year} (resultaträkningen)", "Income and costs {year} (income statement)"),
        "fin_flows_costs_title": ("Basverksamhetens kostnader {year} per område (driftredovisningen)",
                                  "Core operations' costs {year} by area (operating statement)"),
        "fin_flows_alt": ("Stapeldiagram: {title}. {rows}", "Bar chart: {title}. {rows}"),
        "fin_flows_note": (
            "Rader med beloppet 0 visas inte i diagrammen men finns i tabellerna nedan.",
            "Lines with the amount 0 are not drawn but are in the tables below.",
        ),
        "fin_income_statement": ("Resultaträkning", "Income statement"),
        "fin_balance_sheet": ("Balansräkning", "Balance sheet"),
        "fin_statement_note": (
            "Belopp i tkr med tecken som i rapporten. Σ = delsumma; summor i fetstil.",
            "Amounts in SEK thousand with signs as printed. Σ = subtotal; totals in bold.",
        ),
        "fin_line_labels_note": (
            "Radernas namn är översatta; originalet på svenska finns i källan.",
            "The line names are translated; the Swedish original is in the source.",
        ),
    }
)

ctx = page_setup("page_finance")
goals = query("financial_goals")
income = query("finance_lines_of_statement", statement="income")
balance = query("finance_lines_of_statement", statement="balance")
operating = query("finance_lines_of_statement", statement="operating")

year = int(max([*goals["year"].tolist(), *income["year"].tolist()] or [0]))
st.title(ctx.t("fin_heading", year=year))
st.caption(ctx.t("fin_intro"))
if ctx.lang == "en":
    st.caption(ctx.t("fin_line_labels_note"))

# The result
st.header(ctx.t("fin_result"))
result = income[income["kind"] == "total"]
if result.empty:
    st.info(ctx.t("no_data"))
else:
    now = result[result["year"] == year]
    before = result[result["year"] == year - 1]
    value = now["amount_tkr"].iloc[0] if len(now) else None
    prev = before["amount_tkr"].iloc[0] if len(before) else None
    budget = now["budget_tkr"].iloc[0] if len(now) else None
    a, b, c = st.columns(3)
    a.metric(
        ctx.t("fin_result_metric", year=year),
        signed_tkr(value, ctx.lang),
        delta=f"{year - 1}: {signed_tkr(prev, ctx.lang)}",
        delta_color="off",
        delta_arrow="off",
        border=True,
    )
    b.metric(ctx.t("fin_budget_result", year=year), signed_tkr(budget, ctx.lang), border=True)
    this_year = goals[goals["year"] == goals["year"].max()]
    c.metric(
        ctx.t("fin_goals_met", year=int(this_year["year"].max())),
        ctx.t("fin_goals_met_value", met=int(this_year["met"].fillna(False).astype(bool).sum()), n=len(this_year)),
        border=True,
    )
    source_note(ctx, result["source_lines"].tolist())

# The financial goals
st.header(ctx.t("fin_goals"))
if goals.empty:
    st.info(ctx.t("no_data"))
else:
    st.dataframe(goals_table(goals, ctx.lang), hide_index=True, key="fin_goals_table")
    st.caption(ctx.t("fin_goals_note"))
    source_note(ctx, goals["source_lines"].tolist())
    numeric = [k for k in FINANCIAL_TARGETS if k in set(goals["goal_key"])]
    cols = st.columns(len(numeric)) if numeric and not ctx.present else [st.container() for _ in numeric]
    for col, key in zip(cols, numeric):
        frame = goal_trend_frame(goals, key)
        with col:
            values = ", ".join(
                f"{int(r.year)} {goal_value_text(key, r.value, ctx.lang) or ctx.t('level_gap_short')} ({met_text(r.met, ctx.lang)})"
                for r in frame.itertuples(index=False)
            )
            target, unit = FINANCIAL_TARGETS[key]
            chart(
                ctx,
                goal_trend(frame, key, ctx.lang, ctx.present),
                frame.assign(value=[goal_value_text(key, v, ctx.lang) for v in frame["value"]],
                             met=[met_text(m, ctx.lang) for m in frame["met"]])[["year", "value", "met"]],
                ctx.t("fin_trend_alt", goal=financial_goal_label(key, ctx.lang),
                      years=f"{int(frame['year'].min())}–{int(frame['year'].max())}", values=values,
                      target=fmt.number(target, 1, ctx.lang) if unit == "ratio" else fmt.value_with_unit(target, unit, ctx.lang)),
                source_lines=frame["source_lines"].tolist(),
                key=f"fin_trend_{key}",
            )

# Budget against outcome
st.header(ctx.t("fin_budget"))
budget_lines = budget_frame(operating, ctx.lang)
if budget_lines.empty:
    st.info(ctx.t("no_data"))
else:
    op_year = int(operating["year"].max())
    items = budget_lines[budget_lines["kind"] == "item"]
    alt_rows = "; ".join(
        f"{r.line}: {fmt.tkr(r.outcome, ctx.lang)} / {fmt.tkr(r.budget, ctx.lang)}" for r in items.itertuples(index=False)
    )
    chart(
        ctx,
        budget_bars(items, op_year, ctx.lang, ctx.present),
        budget_table(items, ctx.lang),
        ctx.t("fin_budget_alt", year=op_year, rows=alt_rows),
        source_lines=None,
        key="fin_budget_chart",
    )
    st.dataframe(budget_table(budget_lines, ctx.lang), hide_index=True, key="fin_budget_table")
    st.caption(ctx.t("fin_budget_note", n=rounding_lines(budget_lines)))
    source_note(ctx, budget_lines["source_lines"].tolist())

# Where the money comes from and where it goes
st.header(ctx.t("fin_flows"))
flow_years = sorted((int(y) for y in income["year"].unique()), reverse=True)
if not flow_years:
    st.info(ctx.t("no_data"))
else:
    flow_year = st.segmented_control(
        ctx.t("fin_flows_year"), options=flow_years, default=flow_years[0], key="fin_flow_year", required=True
    ) or flow_years[0]
    flows = flows_frame(income, flow_year, ctx.lang)
    title = ctx.t("fin_flows_income_title", year=flow_year)
    if flows.empty:
        st.info(ctx.t("no_rows"))
    else:
        chart(
            ctx,
            signed_bars(flows, title, ctx.lang, ctx.present),
            flows.assign(amount=[fmt.tkr(v, ctx.lang) for v in flows["amount"]],
                         direction=[ctx.t(f"fin_{d}") for d in flows["direction"]])[["line", "direction", "amount"]],
            ctx.t("fin_flows_alt", title=title, rows="; ".join(f"{r.line}: {fmt.tkr(r.amount, ctx.lang)}" for r in flows.itertuples(index=False))),
            source_lines=flows["source_lines"].tolist(),
            key="fin_flows_chart",
        )
    op_years = sorted(int(y) for y in operating["year"].unique())
    if flow_year in op_years:
        costs = flows_frame(operating[operating["section"] == "Kostnader"], flow_year, ctx.lang)
        costs = costs.sort_values("amount").reset_index(drop=True)
        title = ctx.t("fin_flows_costs_title", year=flow_year)
        if not costs.empty:
            chart(
                ctx,
                signed_bars(costs, title, ctx.lang, ctx.present),
                costs.assign(amount=[fmt.tkr(v, ctx.lang) for v in costs["amount"]],
                             direction=[ctx.t(f"fin_{d}") for d in costs["direction"]])[["line", "direction", "amount"]],
                ctx.t("fin_flows_alt", title=title, rows="; ".join(f"{r.line}: {fmt.tkr(r.amount, ctx.lang)}" for r in costs.itertuples(index=False))),
                source_lines=costs["source_lines"].tolist(),
                key="fin_costs_chart",
            )
    st.caption(ctx.t("fin_flows_note"))

# The statements
for statement, frame, title_key in (("income", income, "fin_income_statement"), ("balance", balance, "fin_balance_sheet")):
    st.header(ctx.t(title_key))
    if frame.empty:
        st.info(ctx.t("no_data"))
        continue
    st.html(statement_html(frame, statement, ctx.lang))
    st.caption(ctx.t("fin_statement_note"))
    source_note(ctx, frame["source_lines"].tolist())
