"""The finance figures beside the statements on Ekonomi (issue 20): Övrig basverksamhet, member fees, pensions and
personnel costs as tables by year, with the report's rounding and its other printed figures said in sentences.
Expected figures are cited from the report's lines."""

from __future__ import annotations

import pandas as pd
from page_helpers import folded, html_tables, notes

from malbild.views.base import reader
from malbild.views.finance_detail import TOPICS, detail_value, finance_detail_view, other_figures, sums_off, topic_table
from malbild.views.sources import figure_name_and_value

NB = "\u00a0"


def rows(**columns) -> pd.DataFrame:
    base = {"topic": "personnel_core", "unit": "tkr", "other_values": None, "other_lines": None, "source_lines": "1"}
    n = len(next(iter(columns.values())))
    return pd.DataFrame({**{k: [v] * n for k, v in base.items()}, **columns})


def test_values_as_printed() -> None:
    assert detail_value(-31715, "tkr", lang="sv") == f"−31{NB}715{NB}tkr"
    assert (detail_value(18.1, "msek", lang="sv"), detail_value(157.0, "msek", lang="sv")) == (
        f"18,1{NB}mnkr",
        f"157{NB}mnkr",
    )
    assert detail_value(0.4, "pct", lang="sv") == f"0,4{NB}%" and detail_value(None, "tkr", lang="sv") == "–"


def test_table_by_year_newest_first_with_totals_marked() -> None:
    frame = rows(
        line_order=[1, 1, 2, 2],
        line=["Löner", "Löner", "Summa", "Summa"],
        line_en=["Salaries", "Salaries", "Total", "Total"],
        kind=["item", "item", "subtotal", "subtotal"],
        year=[2017, 2018, 2017, 2018],
        value=[-2.0, -3.0, -2.0, -3.0],
    )
    table = topic_table(frame, lang="sv")
    assert list(table.columns) == ["Rad", "2018", "2017"]
    assert table.values.tolist() == [["Löner", f"−3{NB}tkr", f"−2{NB}tkr"], ["Σ Summa", f"−3{NB}tkr", f"−2{NB}tkr"]]


def test_a_total_that_is_not_the_sum_of_its_items_is_said() -> None:
    # note 4, 2017 (lines 8241-8245): -32 734 - 10 994 - 3 508 = -47 236, printed -47 235
    frame = rows(
        line_order=[1, 2, 3, 4],
        line=["Lönekostnader", "Sociala avgifter", "Pensionskostnader", "Personalrelaterade kostnader"],
        line_en=["Salaries", "Social security", "Pensions", "Personnel-related costs"],
        kind=["item", "item", "item", "subtotal"],
        year=[2017] * 4,
        value=[-32734.0, -10994.0, -3508.0, -47235.0],
    )
    assert sums_off(frame, lang="sv") == [
        f"Personalrelaterade kostnader 2017: rapporten anger −47{NB}235{NB}tkr, raderna ovan summerar till "
        f"−47{NB}236{NB}tkr (rapporten avrundar varje rad)."
    ]
    exact = frame.assign(value=[-32734.0, -10994.0, -3508.0, -47236.0])
    assert sums_off(exact, lang="sv") == []


def test_other_printed_figures_are_said_where_the_figure_is() -> None:
    frame = rows(
        line_order=[6],
        line=["ALMI"],
        line_en=["ALMI"],
        kind=["item"],
        year=[2018],
        value=[5790.0],
        other_values=["5934;5936"],
        other_lines=["7353;7144"],
    )
    assert other_figures(frame, lang="sv") == [
        f"ALMI 2018: här visas 5{NB}790{NB}tkr som i rapportens tabell; rapporten anger också 5{NB}934{NB}tkr "
        f"(rad 7353) och 5{NB}936{NB}tkr (rad 7144)."
    ]


def test_view_of_the_bundled_report(con) -> None:
    topics = {d.topic: d for d in finance_detail_view(reader(con), lang="sv")}
    assert tuple(topics) == TOPICS  # every topic, in the page's order
    # the net project deficit: 658 tkr kept (6989-6991), 650 tkr (7333) named beside it
    assert any("658" in note and "650" in note and "7333" in note for note in topics["project_result"].notes)
    other = topics["other_core_operations"].table
    # line 7407 "Summa övrig basverksamhet 25 611"
    assert other.iloc[-1].tolist() == ["Σ Summa övrig basverksamhet", f"25{NB}611{NB}tkr"]
    assert any("5 934" in n.replace(NB, " ") for n in topics["other_core_operations"].notes)
    pension = dict(zip(topics["pension"].table["Rad"], topics["pension"].table["2018"], strict=True))
    assert pension["Pensionsförpliktelse inklusive löneskatt"] == f"33{NB}857{NB}tkr"  # line 8385; 7547 says 33 856
    assert len(topics["personnel_core"].notes) == 1 and topics["personnel_group"].notes == []
    assert topics["member_fees"].table.columns.tolist() == ["Rad", "2019", "2018"]
    # note 1 (line 8186) prints 74 657, the text (6977) 74 656: said under the table
    assert topics["grants_non_members"].notes == [
        f"Staten, Kulturrådet 2018: här visas 74{NB}657{NB}tkr som i rapportens tabell; rapporten anger också "
        f"74{NB}656{NB}tkr (rad 6977)."
    ]


def test_sources_page_names_a_finance_detail() -> None:
    assert figure_name_and_value("finance_detail", "member_fees: msek: Medlemsavgifter", 157.0, lang="sv") == (
        "Medlemsavgifter: Medlemsavgifter",
        f"157{NB}mnkr",
    )
    name, shown = figure_name_and_value("finance_detail", "pension: pct: Aktualiseringsgrad", 93.0, "en")
    assert (name, shown) == ("Pensions: Aktualiseringsgrad", "93%")


def test_finance_page_shows_the_details(open_page) -> None:
    at = open_page("pages/4_Finance.py")
    assert "Basverksamhet, medlemsavgifter, pensioner och personalkostnader" in [h.value for h in at.header]
    tables = html_tables(at)
    other = [f for f in tables if "Σ Summa övrig basverksamhet" in set(f.get("Rad", []))]
    assert other and other[0]["2018"].iloc[3] == f"2{NB}045{NB}tkr"  # line 7402 "Turism 2 045"
    assert any(n.startswith("Pensionsförpliktelse inklusive löneskatt 2018: här visas") for n in notes(at))
    sources = [body for summary, body in folded(at).items() if "7398" in summary or "7399" in summary]
    assert sources and "Summa övrig basverksamhet 25 611" in sources[0]


def test_personnel_page_shows_the_personnel_costs(open_page) -> None:
    at = open_page("pages/3_Personnel.py")
    assert "Personalkostnader" in [h.value for h in at.header]
    titles = [f for f in html_tables(at) if "Σ Personalrelaterade kostnader" in set(f.get("Rad", []))]
    assert len(titles) == 3  # notes 4, 5 and 16
    # line 8245 "Personalrelaterade kostnader -48 165 -47 235"
    assert titles[0].iloc[-1].tolist() == ["Σ Personalrelaterade kostnader", f"−48{NB}165{NB}tkr", f"−47{NB}235{NB}tkr"]
    assert not any("basverksamhet 25" in str(f.values) for f in html_tables(at))  # only the personnel topics
    assert any("noter 4, 5 och 16" in n for n in notes(at))
