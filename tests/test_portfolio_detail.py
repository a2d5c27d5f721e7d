"""What the report's text says about the project portfolio (issue 20) on the Goals page and on Projekt: the share of
growth funds with EU co-funding, new projects under a measure, projects from earlier years, projects closed.
Expected figures are cited from the report's lines."""

from __future__ import annotations

import pandas as pd
from page_helpers import blocks, folded

from malbild.views.base import reader
from malbild.views.portfolio_detail import detail_sentence, detail_sentences, portfolio_detail_view
from malbild.views.sources import figure_name_and_value

NB = "\u00a0"


def test_sentences_in_words() -> None:
    assert (
        detail_sentence("closed_projects", 11.0, "count", 2018, lang="sv")
        == "11 projekt inom målet avslutades under 2018."
    )
    assert detail_sentence("eu_cofunded_share_pct", 58.0, "pct", 2018, lang="en") == (
        "58% of the regional growth funds granted in 2018 went to projects with some form of EU funding."
    )
    assert detail_sentence("granted_under_measure", 6.0, "count", 2018, "1:1, Samverkan", lang="sv") == (
        "6 av målets nya projekt 2018 riktades mot åtgärd 1:1, Samverkan."
    )
    gap = detail_sentence("earlier_projects", None, "count", 2019, lang="sv")  # a gap is said, never shown as 0
    assert gap == "Pågående projekt sedan tidigare år 2019: anges inte i rapporten."


def test_sentences_of_the_newest_year_in_reading_order() -> None:
    rows = pd.DataFrame(
        {
            "year": [2018, 2019, 2019],
            "detail": ["closed_projects", "closed_projects", "earlier_projects"],
            "measure": [None, None, None],
            "value": [11.0, 5.0, 1500.0],
            "unit": ["count"] * 3,
        }
    )
    assert detail_sentences(rows, lang="sv") == [
        f"Sedan tidigare år pågår 1{NB}500 projekt inom målet.",
        "5 projekt inom målet avslutades under 2019.",
    ]
    assert detail_sentences(rows.iloc[0:0], lang="sv") == []


def test_views_of_the_bundled_report(con) -> None:
    q = reader(con)
    goal5 = portfolio_detail_view(q, 5, lang="sv")
    # line 4812 "Det pågår 20 olika projekt sedan tidigare", 4830 "Under året har 11 projekt avslutats"
    assert goal5.sentences == [
        "Sedan tidigare år pågår 20 projekt inom målet.",
        "11 projekt inom målet avslutades under 2018.",
    ]
    assert goal5.source_lines == "4812;4830"
    overall = portfolio_detail_view(q, None, "en")  # lines 2918-2922 "58 procent av regionala tillväxtmedel"
    assert overall.sentences == [
        "58% of the regional growth funds granted in 2018 went to projects with some form of EU funding."
    ]
    assert portfolio_detail_view(q, 2, lang="sv").sentences == []  # goal 2's paragraph (4320-4336) states none of these


def test_goal_page_shows_the_portfolio_details(open_page) -> None:
    at = open_page("pages/1_Goals.py", goal="1")
    texts = " ".join(blocks(at).texts)
    # lines 4073-4077 "av vilka sex projekt riktats mot åtgärd 1:1, Samverkan och nya lösningar för service …"
    assert (
        "6 av målets nya projekt 2018 riktades mot åtgärd 1:1, Samverkan och nya lösningar för service och tjänster."
        in texts
    )
    sources = [body for summary, body in folded(at).items() if "4073" in summary]
    assert sources and "av vilka sex projekt riktats mot åtgärd 1:1" in sources[0]


def test_projects_page_shows_the_share_with_eu_funding(open_page) -> None:
    at = open_page("pages/2_Projects.py")
    texts = " ".join(blocks(at).texts)
    assert (
        f"58{NB}% av de regionala tillväxtmedel som beviljades 2018 gick till projekt med någon form av EU-medel."
        in texts
    )
    sources = [body for summary, body in folded(at).items() if "2914" in summary]
    assert sources and "58" in sources[0]


def test_sources_page_names_a_portfolio_detail() -> None:
    assert figure_name_and_value("portfolio_detail", "goal 5: closed_projects", 11.0, lang="sv") == (
        "Mål 5: Avslutade projekt",
        "11",
    )
    assert figure_name_and_value("portfolio_detail", "all goals: eu_cofunded_share_pct", 58.0, "en") == (
        "All goals: Share of the growth funds to projects with EU funding",
        "58%",
    )
