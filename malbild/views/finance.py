"""Pure helpers for the finance page: financial goals, budget against outcome, income and costs, statements."""

from __future__ import annotations

import html
import re

import pandas as pd

from malbild import fmt
from malbild.texts import register, t
from malbild.texts.labels import financial_goal_label, goal_value_text, met_text

GOAL_LABELS: dict[str, tuple[str, str]] = {
    "liquidity_ratio": ("Likviditet (kassalikviditet)", "Liquidity ratio"),
    "budget_balanced": ("Budget i balans", "Balanced budget"),
    "result_positive": ("Positivt resultat", "Positive result"),
    "pension_balanced": ("Pensionsförpliktelser balanserade", "Pension obligations balanced"),
    "equity_share_pct": ("Eget kapital, andel av totalt kapital", "Equity as a share of total capital"),
}
GOAL_ORDER = tuple(GOAL_LABELS)


register({f"fin_goal_{k}": v for k, v in GOAL_LABELS.items()})
register(
    {
        "fin_met": ("✔ Uppfyllt", "✔ Met"),
        "fin_not_met": ("✘ Ej uppfyllt", "✘ Not met"),
        "fin_met_gap": ("– Ej angivet", "– Not stated"),
        "fin_col_goal": ("Finansiellt mål", "Financial goal"),
        "fin_col_target": ("Målformulering (citat)", "Target as worded (quoted in Swedish)"),
        "fin_col_line": ("Rad", "Line"),
        "fin_col_outcome": ("Utfall", "Outcome"),
        "fin_col_budget": ("Budget", "Budget"),
        "fin_col_deviation": ("Avvikelse", "Deviation"),
        "fin_col_budget_year": ("Budget {year}", "Budget {year}"),
        "fin_income": ("Intäkt", "Income"),
        "fin_cost": ("Kostnad", "Cost"),
        "fin_subtotal_mark": ("Σ = delsumma, fetstil = summa", "Σ = subtotal, bold = total"),
        "fin_computed_mark": ("beräknad", "computed"),
    }
)

# The balance sheet's headings (finance_line.section) in English; an unknown heading is shown as printed.
SECTION_EN: dict[str, str] = {
    "Tillgångar": "Assets",
    "Anläggningstillgångar": "Fixed assets",
    "Materiella anläggningstillgångar": "Tangible fixed assets",
    "Finansiella anläggningstillgångar": "Financial fixed assets",
    "Omsättningstillgångar": "Current assets",
    "Eget kapital, avsättningar och skulder": "Equity, provisions and liabilities",
    "Eget kapital": "Equity",
    "Avsättningar": "Provisions",
    "Skulder": "Liabilities",
    "Ansvarsförbindelse": "Contingent liability",
    "Intäkter": "Revenue",
    "Kostnader": "Costs",
}
register({"fin_unit_tkr": ("tkr", "SEK k")})


def section_label(part: str, lang: str = "sv") -> str:
    """Return a statement heading in the language (English from SECTION_EN, else as printed)."""
    return SECTION_EN.get(part, part) if lang == "en" else part


def rounding_lines(frame: pd.DataFrame) -> int:
    """Count budget lines whose printed deviation differs from outcome − budget (rounding in the report)."""
    n = 0
    for r in frame.itertuples(index=False):
        if r.deviation_printed and not fmt.is_missing(r.outcome) and not fmt.is_missing(r.budget):
            n += abs(r.deviation - (r.outcome - r.budget)) > 0.5
    return int(n)


_DEVIATION = re.compile(r"Avvikelse \(printed deviation\)\s*(-?[\d ]+)")


register({"fin_target": ("Mål", "Target")})


def goals_table(goals: pd.DataFrame, lang: str = "sv", keys: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The goals × years as a table: goal, quoted target, one column per year with ✔/✘, text and value."""
    years = sorted(int(y) for y in goals["year"].unique())
    present = list(dict.fromkeys(list(GOAL_ORDER) + sorted(goals["goal_key"].unique())))
    wanted = [k for k in present if k in set(goals["goal_key"]) and (keys is None or k in keys)]
    rows = []
    for key in wanted:
        sub = goals[goals["goal_key"] == key]
        row = {t("fin_col_goal", lang): financial_goal_label(key, lang), t("fin_col_target", lang): sub["target_text"].iloc[0]}
        for year in years:
            hit = sub[sub["year"] == year]
            if hit.empty:
                row[str(year)] = t("fin_met_gap", lang)
                continue
            value = goal_value_text(key, hit["value"].iloc[0], lang)
            row[str(year)] = met_text(hit["met"].iloc[0], lang) + (f" ({value})" if value else "")
        rows.append(row)
    return pd.DataFrame(rows)


def goal_trend_frame(goals: pd.DataFrame, key: str) -> pd.DataFrame:
    """One numeric goal by year: year, value, met, basis, source_lines."""
    sub = goals[goals["goal_key"] == key].sort_values("year")
    return sub[["year", "value", "met", "basis", "source_lines"]].reset_index(drop=True)


def printed_deviation(note: object) -> float | None:
    """Return the deviation printed in the report, as recorded in the note ('Avvikelse (printed deviation) -455')."""
    if fmt.is_missing(note):
        return None
    match = _DEVIATION.search(str(note))
    return float(match.group(1).replace(" ", "")) if match else None


def budget_frame(operating: pd.DataFrame, lang: str = "sv", year: int | None = None) -> pd.DataFrame:
    """Budget against outcome per line: line, kind, section, outcome, budget, deviation (as printed where given)."""
    if operating.empty:
        return pd.DataFrame(columns=["line_order", "line", "kind", "section", "outcome", "budget", "deviation", "deviation_printed", "source_lines"])
    year = year or int(operating["year"].max())
    sub = operating[operating["year"] == year].sort_values("line_order")
    label = "line_en" if lang == "en" else "line"
    rows = []
    for r in sub.itertuples(index=False):
        printed = printed_deviation(r.note)
        computed = None if fmt.is_missing(r.amount_tkr) or fmt.is_missing(r.budget_tkr) else r.amount_tkr - r.budget_tkr
        rows.append(
            {
                "line_order": r.line_order,
                "line": getattr(r, label) if not fmt.is_missing(getattr(r, label)) else r.line,
                "kind": r.kind,
                "section": r.section,
                "outcome": r.amount_tkr,
                "budget": r.budget_tkr,
                "deviation": printed if printed is not None else computed,
                "deviation_printed": printed is not None,
                "source_lines": r.source_lines,
            }
        )
    return pd.DataFrame(rows)


def budget_table(frame: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """Budget against outcome formatted in tkr; subtotals marked Σ, totals in capitals; computed deviations marked."""
    rows = []
    for r in frame.itertuples(index=False):
        dev = fmt.tkr(r.deviation, lang)
        if not r.deviation_printed and not fmt.is_missing(r.deviation):
            dev += f" ({t('fin_computed_mark', lang)})"
        rows.append(
            {
                t("fin_col_line", lang): line_marker(r.line, r.kind),
                t("fin_col_outcome", lang): fmt.tkr(r.outcome, lang),
                t("fin_col_budget", lang): fmt.tkr(r.budget, lang),
                t("fin_col_deviation", lang): dev,
            }
        )
    return pd.DataFrame(rows)


def line_marker(line: str, kind: str) -> str:
    """Mark a statement line by kind in plain text: 'Σ ' before subtotals, '▶ ' before totals."""
    return {"subtotal": "Σ ", "total": "▶ "}.get(kind, "") + str(line)


def flows_frame(lines: pd.DataFrame, year: int, lang: str = "sv") -> pd.DataFrame:
    """Item lines of one year with a non-zero amount, signed as printed: line, amount, direction (income/cost)."""
    sub = lines[(lines["kind"] == "item") & (lines["year"] == year) & lines["amount_tkr"].notna() & (lines["amount_tkr"] != 0)]
    label = "line_en" if lang == "en" else "line"
    out = pd.DataFrame(
        {
            "line": [a if not fmt.is_missing(a) else b for a, b in zip(sub[label], sub["line"])],
            "amount": sub["amount_tkr"].astype(float),
            "direction": ["income" if a > 0 else "cost" for a in sub["amount_tkr"]],
            "source_lines": sub["source_lines"],
        }
    )
    return out.reset_index(drop=True)


def statement_html(lines: pd.DataFrame, statement: str, lang: str = "sv") -> str:
    """A financial statement as an accessible HTML table: one column per year (and the budget where given).

    Amounts in tkr with the sign as printed; subtotals are marked Σ and bold, totals bold; the balance sheet's
    section headings are shown as rows.
    """
    if lines.empty:
        return ""
    years = sorted((int(y) for y in lines["year"].unique()), reverse=True)
    has_budget = lines["budget_tkr"].notna().any()
    label = "line_en" if lang == "en" else "line"
    cols: list[tuple[str, int, str]] = []
    for year in years:
        cols.append((str(year) if statement != "balance" else f"{year}-12-31", year, "amount_tkr"))
        if has_budget and lines[(lines["year"] == year)]["budget_tkr"].notna().any():
            cols.append((t("fin_col_budget_year", lang, year=year), year, "budget_tkr"))
    head = f'<th scope="col">{html.escape(t("fin_col_line", lang))}</th>' + "".join(
        f'<th scope="col" style="text-align:right">{html.escape(c[0])} ({t("fin_unit_tkr", lang)})</th>' for c in cols
    )
    by_key = {(int(r.line_order), int(r.year)): r for r in lines.itertuples(index=False)}
    orders = sorted({int(o) for o in lines["line_order"]})
    rows, last_section = [], None
    for order in orders:
        first = next(by_key[(order, y)] for y in years if (order, y) in by_key)
        section = None if fmt.is_missing(first.section) else str(first.section)
        if statement == "balance" and section and section != last_section:
            parts = section.split(" > ")
            shared = 0 if last_section is None else sum(
                1 for a, b in zip(parts, last_section.split(" > ")) if a == b
            )
            for depth, part in enumerate(parts[shared:], start=shared):
                rows.append(
                    f'<tr><th scope="rowgroup" colspan="{len(cols) + 1}" style="padding-left:{0.5 + depth}rem">'
                    f"<em>{html.escape(section_label(part, lang))}</em></th></tr>"
                )
        if statement == "balance":
            last_section = section
        name = getattr(first, label) if not fmt.is_missing(getattr(first, label)) else first.line
        text = html.escape(line_marker(name, first.kind))
        strong = first.kind in ("subtotal", "total")
        cells = []
        for _, year, field in cols:
            r = by_key.get((order, year))
            value = None if r is None else getattr(r, field)
            shown = fmt.number(value, 0, lang) if not fmt.is_missing(value) else fmt.GAP
            if r is not None and r.basis == "not_stated" and field == "amount_tkr":
                shown = f'<span class="mb-gap">{html.escape(t("level_gap", lang))}</span>'
            cells.append(f'<td style="text-align:right">{"<strong>" + shown + "</strong>" if strong else shown}</td>')
        name_cell = f"<strong>{text}</strong>" if strong else text
        rows.append(f'<tr><th scope="row" style="font-weight:normal">{name_cell}</th>{"".join(cells)}</tr>')
    return (
        f'<div class="mb-scroll"><table class="mb-grid"><thead><tr>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table></div>'
    )
