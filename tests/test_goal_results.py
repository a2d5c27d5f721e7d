"""What the work achieved (issue 20): a goal's result indicators on the Goals page, with the report's "ca" and
"över", their lines and their source. Expected figures are cited from the report's lines."""

from __future__ import annotations

import pandas as pd
from page_helpers import blocks, folded, html_tables, notes

from malbild.views.base import reader
from malbild.views.goal_results import goal_results_view, indicator_value, results_table
from malbild.views.sources import figure_name_and_value

PAGE = "pages/1_Goals.py"
NB = "\u00a0"


def test_value_keeps_the_reports_qualifier() -> None:
    assert indicator_value(34.0, "exact", lang="sv") == "34"
    assert indicator_value(250.0, "about", lang="sv") == "ca 250"
    assert indicator_value(100.0, "more_than", lang="sv") == "över 100"
    assert indicator_value(1500.0, "about", lang="sv") == f"ca 1{NB}500"
    assert (indicator_value(250.0, "about", "en"), indicator_value(100.0, "more_than", "en")) == (
        "about 250",
        "more than 100",
    )
    assert indicator_value(None, "about", lang="sv") == "–"  # a gap is never qualified


def test_table_in_the_reports_order_with_lines_in_words() -> None:
    rows = pd.DataFrame(
        {
            "indicator_order": [2, 1],
            "indicator": ["Andra", "Första"],
            "indicator_en": ["Second", "First"],
            "value": [100.0, 7.0],
            "qualifier": ["more_than", "exact"],
            "source_lines": ["4727-4733", "4719"],
        }
    )
    table = results_table(rows, lang="sv")
    assert list(table.columns) == ["Resultat", "Värde", "Källrader"]
    assert table.values.tolist() == [["Första", "7", "rad 4719"], ["Andra", "över 100", "rad 4727–4733"]]
    assert results_table(rows, "en").values.tolist()[1] == ["Second", "more than 100", "lines 4727–4733"]


def test_view_of_goal_5(con) -> None:
    view = goal_results_view(reader(con), 5, lang="sv")
    assert view.year == 2018 and view.label == "Vad arbetet under mål 5 åstadkom 2018"
    # 4719-4721 "har 40 nya företag startats", 4725 "22 heltidsanställningar", 4731 "över 100 företag",
    # 4770 "23 företag"
    assert list(view.table["Värde"]) == ["40", "22", "över 100", "23"]
    assert "Krenova III" in view.table["Resultat"].iloc[0]
    assert view.source_lines.startswith("4719") and "4766-4774" in view.source_lines


def test_view_says_when_the_report_states_none(con) -> None:
    view = goal_results_view(reader(con), 2, "en")  # goal 2's summary (4127-4173; 4254-4274) prints no counts
    assert view.table.empty and view.source_lines == ""
    assert view.empty == "The annual report states no result figures in the summary of goal 2."


def test_sources_page_names_an_indicator_with_its_qualifier() -> None:
    name, value = figure_name_and_value("goal_indicator", "goal 1: about: Deltagare på konferensen", 250.0, lang="sv")
    assert (name, value) == ("Mål 1: Deltagare på konferensen", "ca 250")
    assert figure_name_and_value("goal_indicator", "goal 1: exact: Filmer", 34.0, lang="sv") == ("Mål 1: Filmer", "34")
    assert figure_name_and_value("goal_indicator", "goal 5: more_than: Företag", 100.0, "en") == (
        "Goal 5: Företag",
        "more than 100",
    )


def test_goal_page_shows_what_the_work_achieved(open_page) -> None:
    at = open_page(PAGE, goal="1")
    assert "Vad arbetet åstadkom" in [h.value for h in at.header]
    shown = [f for f in html_tables(at) if list(f.columns) == ["Resultat", "Värde", "Källrader"]]
    assert len(shown) == 1 and len(shown[0]) == 7
    values = dict(zip(shown[0]["Resultat"], shown[0]["Värde"], strict=True))
    assert values["Filmer som fått stöd av Film i Västerbotten under året"] == "34"  # lines 4019-4021
    assert values["E-tjänster som finns tillgängliga för kommunerna i e-tjänsteplattformen"] == "ca 40"  # 4049
    assert any("»ca« och »över«" in n for n in notes(at))
    sources = [body for summary, body in folded(at).items() if "4009" in summary]
    assert sources and "34 filmer har under" in sources[0]


def test_goal_page_without_results_says_so(open_page) -> None:
    at = open_page(PAGE, goal="3", lang="en")
    assert "What the work achieved" in [h.value for h in at.header]
    assert not [f for f in html_tables(at) if "Result" in f.columns]
    texts = " ".join(blocks(at).texts)
    assert "The annual report states no result figures in the summary of goal 3." in texts
