"""The Finance page against the bundled data (figures cited from data/financial_goal.csv, data/finance_line.csv)."""

from __future__ import annotations

import pandas as pd
from page_helpers import blocks, charts, open_tab, shown_metrics, table_with

from malbild.paths import DATA_DIR

NB = "\u00a0"
PAGE = "pages/4_Finance.py"
LINES = pd.read_csv(DATA_DIR / "finance_line.csv")
GOALS = pd.read_csv(DATA_DIR / "financial_goal.csv")


def test_result_and_goals_in_swedish(open_page) -> None:
    at = open_page(PAGE)
    assert at.title[0].value == "Ekonomin 2018"
    m = {x.label: (x.value, x.delta) for x in shown_metrics(at)}
    # "Utfall +3 tkr" (line 745, 7686); 2017 "+547 tkr" (7670); budget result 1 (7758)
    assert m["Årets resultat 2018"] == ("+3\u00a0tkr", "2017: +547\u00a0tkr")
    assert m["Budgeterat resultat 2018"][0] == "+1\u00a0tkr"
    assert m["Uppfyllda mål 2018"][0] == "5 av 5"
    goals = table_with(at, "Finansiellt mål")
    row = dict(zip(goals["Finansiellt mål"], goals["2018"]))
    # Liquidity 1,28 (7680), equity share 5,3 % (7691), result +3 tkr (7686); yes/no goals as ✔ text
    assert row["Likviditet (kassalikviditet)"] == "✔ Uppfyllt (1,28)"
    assert row["Eget kapital, andel av totalt kapital"] == "✔ Uppfyllt (5,3\u00a0%)"
    assert row["Positivt resultat"] == "✔ Uppfyllt (+3\u00a0tkr)"
    assert row["Budget i balans"] == "✔ Uppfyllt" and row["Pensionsförpliktelser balanserade"] == "✔ Uppfyllt"
    # The latest year right after the goal, the long quoted target last (2018 shows without scrolling sideways).
    assert list(goals.columns[1:4]) == ["2018", "2017", "2016"] and len(goals) == GOALS["goal_key"].nunique()
    assert dict(zip(goals["Finansiellt mål"], goals["2016"]))["Likviditet (kassalikviditet)"] == "✔ Uppfyllt (1,08)"


def test_goal_trend_charts_with_targets(open_page) -> None:
    """One trend per goal in lazy tabs: the first is drawn at load, each other when its tab is opened."""
    at = open_page(PAGE)
    labels = ["Likviditet (kassalikviditet)", "Eget kapital, andel av totalt kapital", "Positivt resultat"]
    assert [t.label for t in at.tabs][:3] == labels
    figs = charts(at)
    assert len(figs) == 2  # the first trend and the first flow chart (budget against outcome opens as a table)
    liquidity = figs["Likviditet (kassalikviditet) 2016–2018"]
    assert liquidity["data"][0]["y"] == [1.08, 1.13, 1.28]
    assert liquidity["layout"]["shapes"][0]["y0"] == 1.0
    figs = charts(open_tab(at, "fin_trend_tab", labels[1]))
    assert "Likviditet (kassalikviditet) 2016–2018" not in figs
    equity = figs["Eget kapital, andel av totalt kapital 2016–2018"]
    assert equity["data"][0]["y"] == [2.8, 3.6, 5.3] and equity["layout"]["shapes"][0]["y0"] == 2.0
    result = charts(open_tab(at, "fin_trend_tab", labels[2]))["Positivt resultat 2016–2018"]
    assert result["data"][0]["text"] == ["+112\u00a0tkr", "+547\u00a0tkr", "+3\u00a0tkr"]
    assert result["layout"]["shapes"][0]["y0"] == 0


def test_budget_against_outcome(open_page) -> None:
    at = open_page(PAGE)
    operating = LINES[LINES["statement"] == "operating"]
    table = table_with(at, "Avvikelse")
    assert len(table) == len(operating)
    rows = {r["Rad"]: r for _, r in table.iterrows()}
    # Printed deviation −455 although −5 298 − (−4 842) = −456 (line 7270)
    assert (
        rows["Politiska organisationen"]["Utfall"],
        rows["Politiska organisationen"]["Budget"],
        rows["Politiska organisationen"]["Avvikelse"],
    ) == ("−5\u00a0298\u00a0tkr", "−4\u00a0842\u00a0tkr", "−455\u00a0tkr")
    assert rows["Σ Summa kostnader"]["Utfall"] == "−242\u00a0290\u00a0tkr"  # line 7300
    assert rows["▶ Totalt"]["Utfall"] == "3\u00a0tkr" and rows["▶ Totalt"]["Budget"] == "1\u00a0tkr"  # line 7302
    assert any("På 2 rader" in c.value for c in at.caption)
    assert "Budget och utfall 2018 per rad (driftredovisning)" not in charts(at), "the table's tab is open"
    fig = charts(open_tab(at, "fin_budget_tab", "Som diagram"))["Budget och utfall 2018 per rad (driftredovisning)"]
    outcome = next(tr for tr in fig["data"] if tr["name"] == "Utfall")
    items = operating[operating["kind"] == "item"].sort_values("line_order")
    assert outcome["x"] == items["amount_tkr"].tolist()


def test_income_and_costs_follow_the_year_selector(open_page) -> None:
    at = open_page(PAGE)
    figs = charts(at)
    flows = figs["Intäkter och kostnader 2018 (resultaträkningen)"]
    income = next(tr for tr in flows["data"] if tr["name"] == "Intäkt")
    cost = next(tr for tr in flows["data"] if tr["name"] == "Kostnad")
    income_by_row = {
        y.rsplit("<br>", 1)[0].replace("<br>", " "): x for y, x in zip(income["y"], income["x"])
    }  # row names wrap; the amount is the last line
    cost_by_row = {y.rsplit("<br>", 1)[0].replace("<br>", " "): x for y, x in zip(cost["y"], cost["x"])}
    assert income_by_row["Medlemsavgifter och -anslag"] == 175497  # line 7748
    assert cost_by_row["Kostnader, basverksamheten"] == -263669  # line 7734, negative as printed
    assert all(v > 0 for v in income["x"]) and all(v < 0 for v in cost["x"])
    assert not any(title.startswith("Basverksamhetens kostnader") for title in figs), "a lazy tab, not yet open"
    costs = charts(open_tab(at, "fin_flow_tab", "Kostnader per område"))[
        "Basverksamhetens kostnader 2018 per område (driftredovisningen)"
    ]
    culture = next(tr for tr in costs["data"] if tr["name"] == "Kostnad")
    assert (
        culture["y"][0] == f"Kulturrelaterat<br>−91{NB}931{NB}tkr" and culture["x"][0] == -91931
    )  # line 7288, largest

    at.segmented_control(key="fin_flow_year").set_value(2017).run()
    assert not at.exception
    figs = charts(at)
    flows = figs["Intäkter och kostnader 2017 (resultaträkningen)"]
    income = next(tr for tr in flows["data"] if tr["name"] == "Intäkt")
    income_2017 = {y.rsplit("<br>", 1)[0].replace("<br>", " "): x for y, x in zip(income["y"], income["x"])}
    assert income_2017["Intäkter, basverksamheten"] == 85185  # line 7730, 2017 column
    # No operating statement for 2017: no cost-by-area chart, rather than an empty one.
    assert not any(title.startswith("Basverksamhetens kostnader") for title in figs)
    assert "Kostnader per område" not in [t.label for t in at.tabs], "one chart needs no tabs"


def test_statements_as_tables(open_page) -> None:
    at = open_page(PAGE)
    # The statements: the tables of lines ("Rad") by year in tkr.
    heads = [[th.text_content() for th in tbl.xpath("./thead/tr/th")] for tbl in blocks(at).by_tag("table")]
    tables = [tbl for tbl, h in zip(blocks(at).by_tag("table"), heads) if h[0] == "Rad" and h[1].endswith("(tkr)")]
    income, balance = tables[:2]  # the balance requirement's table follows (tests/test_finance_stated.py)

    def bold(table) -> list[str]:
        return [e.text_content() for e in table.iter("strong")]

    heads = [[th.text_content() for th in tbl.xpath("./thead/tr/th")] for tbl in (income, balance)]
    assert {"▶ ÅRETS RESULTAT", "3", "547", "Σ Nettokostnad basverksamheten"} <= set(bold(income))
    assert "Budget 2018 (tkr)" in heads[0] and "−263\u00a0669" in income.text_content()
    assert "2018-12-31 (tkr)" in heads[1] and {"65\u00a0833", "96\u00a0197"} <= set(bold(balance))
    # The balance sheet's section headings head row groups, set apart in italics.
    groups = [th.text_content() for th in balance.xpath("./tbody/tr/th[@scope='rowgroup']")]
    assert "Omsättningstillgångar" in groups and balance.xpath(".//th[@scope='rowgroup']/em")


def test_english_labels(open_page) -> None:
    at = open_page(PAGE, lang="en")
    assert at.title[0].value == "Finances 2018"
    m = {x.label: x.value for x in shown_metrics(at)}
    assert m["Result for the year 2018"] == "+SEK\u00a03k"
    goals = table_with(at, "Financial goal")
    assert dict(zip(goals["Financial goal"], goals["2018"]))["Liquidity ratio"] == "✔ Met (1.28)"
    figs = charts(at)
    assert "Liquidity ratio 2016–2018" in figs
    assert "Budget and outcome 2018 by line (operating statement)" in charts(
        open_tab(at, "fin_budget_tab", "As a chart")
    )
    flows = figs["Income and costs 2018 (income statement)"]
    assert {tr["name"] for tr in flows["data"]} == {"Income", "Cost"}
    assert "Membership fees and member appropriations" in [
        y.rsplit("<br>", 1)[0].replace("<br>", " ")
        for y in next(tr for tr in flows["data"] if tr["name"] == "Income")["y"]
    ]
    balance = next(h.value for h in at.html if "<table" in h.value and "TOTAL ASSETS" in h.value)
    assert "<em>Current assets</em>" in balance and "TOTAL ASSETS" in balance


def test_language_switch_and_presentation_mode(open_page) -> None:
    at = open_page(PAGE, present="1")
    assert {x.label for x in shown_metrics(at)} >= {"Årets resultat 2018"}
    at.segmented_control(key="lang_widget").set_value("en").run()
    assert not at.exception
    assert "Result for the year 2018" in {x.label for x in shown_metrics(at)}
