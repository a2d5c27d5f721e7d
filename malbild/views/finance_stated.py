"""What the report states about the finances beside its main statements: the balance requirement
(Balanskravsutredning) and whether it is met, the turnover with its split, and the shares of revenue and costs."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from malbild import fmt
from malbild.data.source_lines import join_source_lines
from malbild.texts import N_, families, line_col, t
from malbild.texts.labels import met_text, signed_tkr
from malbild.views.base import Query

BALANCE_REQUIREMENT = "balance_requirement"  # finance_line.statement of the Balanskravsutredning
BR_RESULT = 4  # line_order of "Årets balanskravsresultat"
BR_TO_SETTLE = 7  # line_order of "Balanskravsresultat att reglera"
TURNOVER = "turnover"  # finance_line.statement of the turnover and its parts (Finansiell analys)


@dataclass(frozen=True)
class BalanceVerdict:
    """The balance requirement in one year: met or not (None: a figure it needs is not given), in words."""

    year: int
    met: bool | None
    label: str  # 'Balanskravet 2018'
    status: str  # '✔ Uppfyllt'
    sentence: str  # the verdict with its figures


@dataclass(frozen=True)
class BalanceRequirementView:
    """The Balanskravsutredning: a verdict per year (newest first), its lines and their source."""

    verdicts: list[BalanceVerdict]
    lines: pd.DataFrame  # the statement's lines as finance_lines_of_statement returns them
    source_lines: str


def _amount(lines: pd.DataFrame, order: int, year: int) -> float | None:
    """The amount of one line in one year (None when the line is missing or not stated)."""
    hit = lines[(lines["line_order"] == order) & (lines["year"] == year)]
    if hit.empty or fmt.is_missing(hit["amount_tkr"].iloc[0]):
        return None
    return float(hit["amount_tkr"].iloc[0])


def balance_requirement_met(result: float | None, to_settle: float | None) -> bool | None:
    """Met when the year's balance requirement result is not negative and no deficit is left to settle
    (kommunallagen: revenue must exceed costs, a deficit is settled within three years); None without the figures."""
    if result is None or to_settle is None:
        return None
    return result >= 0 and to_settle == 0


def balance_verdict(lines: pd.DataFrame, year: int, lang: str) -> BalanceVerdict:
    """The balance requirement of one year in words, with the result and the deficit left to settle."""
    result, to_settle = _amount(lines, BR_RESULT, year), _amount(lines, BR_TO_SETTLE, year)
    met = balance_requirement_met(result, to_settle)
    key = N_("fin_br_gap") if met is None else (N_("fin_br_met") if met else N_("fin_br_not_met"))
    sentence = t(key, lang, year=year, result=signed_tkr(result, lang), to_settle=fmt.tkr(to_settle, lang))
    return BalanceVerdict(year, met, t("fin_br_label", lang, year=year), met_text(met, lang), sentence)


def balance_requirement_view(q: Query, lang: str) -> BalanceRequirementView | None:
    """The Balanskravsutredning from the database (None when the data hold none)."""
    lines = q("finance_lines_of_statement", statement=BALANCE_REQUIREMENT)
    if lines.empty:
        return None
    years = sorted((int(y) for y in lines["year"].unique()), reverse=True)
    return BalanceRequirementView(
        verdicts=[balance_verdict(lines, year, lang) for year in years],
        lines=lines,
        source_lines=join_source_lines(lines["source_lines"]),
    )


@dataclass(frozen=True)
class TurnoverView:
    """The turnover of the newest year in one sentence with its parts and their shares, its lines and source."""

    year: int
    sentence: str
    lines: pd.DataFrame  # the statement's lines as finance_lines_of_statement returns them
    source_lines: str


def in_sentence(label: str) -> str:
    """A line's label inside a sentence: 'Basverksamhet' → 'basverksamhet'; an acronym ('ALMI') stays."""
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


def turnover_sentence(lines: pd.DataFrame, year: int, lang: str) -> str:
    """'Region Västerbotten omsatte 340 076 tkr 2018: Basverksamhet 263 871 tkr (78 %), …' from the year's lines
    (the total and its items; a share only where the total is given and not 0)."""
    sub = lines[lines["year"] == year].sort_values("line_order")
    label = line_col(lang)
    total = sub[sub["kind"] == "total"]["amount_tkr"]
    whole = None if total.empty or fmt.is_missing(total.iloc[0]) else float(total.iloc[0])
    parts = []
    for r in sub[sub["kind"] == "item"].itertuples(index=False):
        share = (
            ""
            if not whole or fmt.is_missing(r.amount_tkr)
            else f" ({fmt.pct(100 * r.amount_tkr / whole, 0, lang=lang)})"
        )
        parts.append(f"{in_sentence(str(getattr(r, label)))} {fmt.tkr(r.amount_tkr, lang)}{share}")
    return t("fin_turnover_sentence", lang, year=year, total=fmt.tkr(whole, lang), parts=", ".join(parts))


def turnover_view(q: Query, lang: str) -> TurnoverView | None:
    """The turnover from the database (None when the data hold none)."""
    lines = q("finance_lines_of_statement", statement=TURNOVER)
    if lines.empty:
        return None
    year = int(lines["year"].max())
    return TurnoverView(
        year=year,
        sentence=turnover_sentence(lines, year, lang),
        lines=lines,
        source_lines=join_source_lines(lines["source_lines"]),
    )


SHARE_CHARTS = ("revenue", "costs", "cost_distribution")  # finance_share.chart in the page's order


@dataclass(frozen=True)
class ShareTable:
    """One chart of shares as a table: its title, line and share as shown, and what its shares sum to."""

    chart: str
    title: str
    table: pd.DataFrame
    total: str  # a sentence: the sum, and that it is not 100 % where the printed shares say otherwise


def share_total(shares: pd.Series, lang: str) -> str:
    """The sum of a chart's shares in a sentence; a sum other than 100 % is said to be the report's."""
    total = round(float(shares.sum()), 2)
    key = N_("fin_share_sum") if total == 100 else N_("fin_share_sum_off")
    return t(key, lang, total=fmt.pct(total, 2, lang=lang))


def share_tables(shares: pd.DataFrame, lang: str) -> list[ShareTable]:
    """Each chart of shares of its newest year as a table (charts without rows are left out)."""
    label = line_col(lang)
    out = []
    for chart in [c for c in SHARE_CHARTS if c in set(shares["chart"])]:
        sub = shares[shares["chart"] == chart]
        year = int(sub["year"].max())
        sub = sub[(sub["year"] == year) & sub["share_pct"].notna()].sort_values("line_order")
        table = pd.DataFrame(
            {
                t("fin_col_line", lang): list(sub[label]),
                t("fin_share_col", lang): [fmt.pct(v, 2, lang=lang) for v in sub["share_pct"]],
            }
        )
        out.append(
            ShareTable(chart, t(families.SHARE[chart], lang, year=year), table, share_total(sub["share_pct"], lang))
        )
    return out


@dataclass(frozen=True)
class SharesView:
    """The report's shares of revenue and costs: a table per chart and their source."""

    tables: list[ShareTable]
    source_lines: str


def shares_view(q: Query, lang: str) -> SharesView | None:
    """The shares from the database (None when the data hold none)."""
    shares = q("finance_shares")
    if shares.empty:
        return None
    return SharesView(share_tables(shares, lang), join_source_lines(shares["source_lines"]))
