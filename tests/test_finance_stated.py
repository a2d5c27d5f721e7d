"""The balance requirement (Balanskravsutredning, report lines 7431-7451) on the Finance page: met or not in words,
with its figures and its source. Expected figures are cited from the report's lines."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import edit_csv
from page_helpers import blocks, folded, html_tables, notes, shown_metrics

from malbild.data.build import build
from malbild.views.base import reader
from malbild.views.finance_stated import (
    balance_requirement_met,
    balance_requirement_view,
    balance_verdict,
    in_sentence,
    share_total,
    shares_view,
    turnover_view,
)

PAGE = "pages/4_Finance.py"
NB = "\u00a0"


def lines(result: float | None, to_settle: float | None, year: int = 2019) -> pd.DataFrame:
    """A balance requirement statement of one year with the two lines the verdict reads."""
    return pd.DataFrame(
        {"line_order": [4, 7], "year": [year, year], "amount_tkr": [result, to_settle], "source_lines": ["1", "2"]}
    )


def test_met_only_without_a_deficit() -> None:
    assert balance_requirement_met(3, 0) is True  # 2018: lines 7441 and 7447
    assert balance_requirement_met(0, 0) is True  # revenue equal to costs leaves nothing to settle
    assert balance_requirement_met(-1, -1) is False
    assert balance_requirement_met(5, -2) is False  # a deficit from earlier years still to settle
    assert balance_requirement_met(None, 0) is None and balance_requirement_met(3, None) is None


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_verdict_in_words(lang: str) -> None:
    met = balance_verdict(lines(3, 0), 2019, lang)
    not_met = balance_verdict(lines(-5298, -5298), 2019, lang)
    gap = balance_verdict(lines(None, 0), 2019, lang)
    if lang == "sv":
        assert (met.label, met.status) == ("Balanskravet 2019", "✔ Uppfyllt")
        assert met.sentence == (
            f"Balanskravet är uppfyllt 2019: årets balanskravsresultat är +3{NB}tkr och inget underskott behöver "
            f"regleras (0{NB}tkr)."
        )
        assert not_met.status == "✘ Ej uppfyllt"
        assert not_met.sentence == (
            f"Balanskravet är inte uppfyllt 2019: årets balanskravsresultat är −5{NB}298{NB}tkr och "
            f"−5{NB}298{NB}tkr återstår att reglera."
        )
        assert gap.status == "– Ej angivet" and "går inte att avgöra" in gap.sentence
    else:
        assert (met.label, met.status) == ("Balance requirement 2019", "✔ Met")
        assert not_met.status == "✘ Not met" and f"-SEK{NB}5,298k remains to be settled" in not_met.sentence
        assert gap.status == "– Not stated" and "cannot be told" in gap.sentence


def test_view_of_the_bundled_report(con) -> None:
    view = balance_requirement_view(reader(con), lang="sv")
    assert view is not None
    # Årets balanskravsresultat 3 (2018) and 547 (2017), line 7441; att reglera 0 0, line 7447
    assert [(v.year, v.met) for v in view.verdicts] == [(2018, True), (2017, True)]
    assert f"+547{NB}tkr" in view.verdicts[1].sentence
    assert len(view.lines) == 14 and "7431" in view.source_lines and "7447" in view.source_lines


def test_page_shows_the_balance_requirement(open_page) -> None:
    at = open_page(PAGE)
    assert "Balanskravet" in [h.value for h in at.header]
    cards = {m.label: m for m in shown_metrics(at)}
    assert cards["Balanskravet 2018"].value == "✔ Uppfyllt"
    assert cards["Balanskravet 2018"].help == (
        f"Balanskravet är uppfyllt 2018: årets balanskravsresultat är +3{NB}tkr och inget underskott behöver "
        f"regleras (0{NB}tkr)."
    )
    assert cards["Balanskravet 2017"].value == "✔ Uppfyllt"
    texts = " ".join(blocks(at).texts)
    # every line of the statement, as printed (lines 7433-7447)
    for label in (
        "Årets resultat efter balanskravsjusteringar",
        "Σ Årets balanskravsresultat",
        "▶ Balanskravsresultat att reglera",
        "Användning av medel från resultatutjämningsreserv",
    ):
        assert label in texts
    sources = [body for summary, body in folded(at).items() if "7431" in summary]
    assert sources and "Balanskravsresultat att reglera 0 0" in sources[0]


def test_page_says_when_not_met(data_copy: Path, tmp_path: Path, open_page_on) -> None:
    def deficit(rows: list[dict]) -> list[dict]:
        for r in rows:
            if r["statement"] == "balance_requirement" and r["year"] == "2018" and r["line_order"] in ("4", "6", "7"):
                r["amount_tkr"] = "-120"
        return rows

    edit_csv(data_copy / "finance_line.csv", deficit)
    db = tmp_path / "deficit.duckdb"
    build(db, data_copy)
    at = open_page_on(db, data_copy, page=PAGE, lang="en")
    cards = {m.label: m for m in shown_metrics(at)}
    assert cards["Balance requirement 2018"].value == "✘ Not met"
    assert f"-SEK{NB}120k remains to be settled" in cards["Balance requirement 2018"].help
    assert cards["Balance requirement 2017"].value == "✔ Met"


def test_turnover_in_a_sentence(con) -> None:
    # line 6962-6966: "omsatte 340 076 tkr under 2018, varav basverksamhet 263 871 tkr (78 procent) och
    # projektverksamhet 76 205 tkr (22 procent)"
    view = turnover_view(reader(con), lang="sv")
    assert view is not None and view.year == 2018
    assert view.sentence == (
        f"Region Västerbotten omsatte 340{NB}076{NB}tkr 2018, varav basverksamhet 263{NB}871{NB}tkr (78{NB}%), "
        f"projektverksamhet 76{NB}205{NB}tkr (22{NB}%)."
    )
    english = turnover_view(reader(con), "en")
    assert english is not None and "core operations SEK" in english.sentence and "(78%)" in english.sentence
    assert view.source_lines.startswith("6962")
    assert (in_sentence("Basverksamhet"), in_sentence("ALMI")) == ("basverksamhet", "ALMI")


def test_page_shows_the_turnover(open_page) -> None:
    at = open_page(PAGE)
    assert "Omsättning" in [h.value for h in at.header]
    texts = " ".join(blocks(at).texts)
    assert f"Region Västerbotten omsatte 340{NB}076{NB}tkr 2018, varav basverksamhet" in texts
    assert "▶ Omsättning" in texts
    sources = [body for summary, body in folded(at).items() if "6962" in summary]
    assert sources and "omsatte 340 076 tkr under 2018" in sources[0]


def test_share_total_says_when_not_100() -> None:
    assert share_total(pd.Series([5.0, 46, 5, 21, 22, 1]), lang="sv") == f"Summa: 100{NB}%."  # lines 7781-7793
    # lines 7410-7429: 32,03 + 20,65 + 1,77 + 1,27 + 7,61 + 14,24 + 22,64
    off = pd.Series([32.03, 20.65, 1.77, 1.27, 7.61, 14.24, 22.64])
    assert (
        share_total(off, lang="sv")
        == f"Andelarna summerar till 100,21{NB}% som de står i rapporten, inte till 100{NB}%."
    )
    assert share_total(off, "en") == "The shares sum to 100.21% as printed in the report, not to 100%."


def test_shares_view_of_the_bundled_report(con) -> None:
    view = shares_view(reader(con), lang="sv")
    assert view is not None
    assert [(s.chart, s.title) for s in view.tables] == [
        ("revenue", "Intäkter 2018"),
        ("costs", "Kostnader 2018"),
        ("cost_distribution", "Kostnadsfördelning 2018"),
    ]
    revenue, costs, distribution = view.tables
    # line 7783-7784 "Medlemsavgift/anslag landstinget 46%", 7814 "Externa bidrag 33%", 7412 "... 32,03%"
    assert dict(zip(revenue.table["Rad"], revenue.table["Andel"]))["Medlemsavgift/anslag landstinget"] == f"46{NB}%"
    assert dict(zip(costs.table["Rad"], costs.table["Andel"]))["Externa bidrag"] == f"33{NB}%"
    assert distribution.table["Andel"].iloc[0] == f"32,03{NB}%" and len(distribution.table) == 7
    assert (revenue.total, costs.total) == (f"Summa: 100{NB}%.", f"Summa: 100{NB}%.")
    assert "100,21" in distribution.total
    assert "7410" in view.source_lines and "7814" in view.source_lines


def test_page_shows_the_shares(open_page) -> None:
    at = open_page(PAGE)
    assert "Intäkter och kostnader i procent" in [h.value for h in at.header]
    shown = [f for f in html_tables(at) if list(f.columns) == ["Rad", "Andel"]]
    assert [len(f) for f in shown] == [6, 10, 7]
    assert f"Andelarna summerar till 100,21{NB}% som de står i rapporten, inte till 100{NB}%." in notes(at)
    sources = [body for summary, body in folded(at).items() if "7781" in summary]
    assert sources and "Externa bidrag 33%" in sources[0]
