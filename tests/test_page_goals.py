"""Goals page: deep link, sub-goals, levels with gaps, progress, reasoning texts, projects, funding vs level."""

from __future__ import annotations

import json

import pandas as pd
from page_helpers import blocks, decode, html_tables, open_tab, shown_metrics, table_with

from malbild import fmt
from malbild.paths import DATA_DIR
from malbild.texts import t
from malbild.texts.labels import goal_labels, progress_label
from malbild.views.base import reader
from malbild.views.goal import goal_choices, goal_view, split_paragraphs, texts_by_kind

NB = "\u00a0"


def test_goal_options_and_progress_labels() -> None:
    goals = pd.DataFrame({"goal_id": [5], "name_sv": ["Platsbaserad"], "name_en": ["Place-based"]})
    assert goal_labels(goals, lang="sv") == {5: "Mål 5: Platsbaserad"}
    assert goal_labels(goals, "en") == {5: "Goal 5: Place-based"}
    assert progress_label("partly", lang="sv") == "■■□ Delvis i enlighet med rekommendationerna"
    assert progress_label(None, "en") == "– Not stated in the report"


def test_texts_by_kind_takes_latest_year_and_splits_paragraphs() -> None:
    frame = pd.DataFrame(
        {
            "year": [2017, 2018, 2018],
            "kind": ["outcome", "outcome", "previous"],
            "text_sv": ["gammal", "A\n\nB", "C"],
            "source_lines": ["1", "2", "3"],
        }
    )
    texts = texts_by_kind(frame)
    assert set(texts) == {"outcome", "previous"}
    assert split_paragraphs(texts["outcome"]["text_sv"]) == ["A", "B"]
    assert texts_by_kind(frame.iloc[0:0]) == {}


def test_deep_link_opens_goal_5(open_page) -> None:
    at = open_page("pages/1_Goals.py", goal="5")
    assert at.title[0].value == "Mål 5: Platsbaserad näringslivsutveckling"
    metrics = {m.label: m.value for m in shown_metrics(at)}
    assert metrics["Måluppfyllelse 2018"] == "●○○ 1 Målet har i liten grad uppnåtts"  # line 4715
    assert at.query_params["goal"] == "5"
    table = table_with(at, "Projektägare")
    goal5 = pd.read_csv(DATA_DIR / "project_grant.csv").query("goal_id == 5")
    assert len(table) == len(goal5) == 24
    amounts = [int(shown.removesuffix(f"{NB}kr").replace(NB, "")) for shown in table.iloc[:, 2]]
    assert amounts == sorted(amounts, reverse=True), "largest first"
    assert sum(amounts) == goal5["amount_sek"].sum() == 24_760_387  # line 4913
    assert f"24 projekt, totalt 24{NB}760{NB}387{NB}kr" in [m.value for m in at.markdown]


def test_goal_page_shows_subgoals_and_reasoning_side_by_side(open_page) -> None:
    at = open_page("pages/1_Goals.py", goal="1")
    shown = blocks(at)
    headings = [s.value for s in at.subheader] + [h.value for h in at.header]
    headings += [h.text_content() for h in shown.by_tag("h3")]
    assert {"Delmål", "Utfall 2018", "Rekommendationer", "Vad årsredovisningen 2017 angav"} <= set(headings)
    # The three texts side by side in one block, in the report's order, each with its source folded under it.
    sections = [s for s in shown.by_tag("section") if s.getparent().tag == "div"]
    assert [s.find("h3").text_content() for s in sections] == [
        "Utfall 2018",
        "Rekommendationer",
        "Vad årsredovisningen 2017 angav",
    ]
    assert all(s.find("details/summary") is not None for s in sections)
    text = "\n".join(m.value for m in at.markdown)
    assert "**1.4** Digitala lösningar för välfärd, delaktighet och effektivitet" in text
    outcome = sections[0].find("p").text_content()
    assert outcome.startswith("Arbetet bedöms utvecklas i enlighet med rekommendationerna. ")
    progress = {m.label: m.value for m in shown.metrics}
    assert progress["Arbetet mot rekommendationerna 2018"] == "■■■ I enlighet med rekommendationerna"


def test_switching_goal_updates_page_and_url(open_page) -> None:
    at = open_page("pages/1_Goals.py", goal="1")
    at.selectbox(key="goal_widget").set_value(4).run()
    assert at.title[0].value.startswith("Mål 4:")
    assert at.query_params["goal"] == "4"
    assert {m.label: m.value for m in shown_metrics(at)}[
        "Måluppfyllelse 2018"
    ] == "●●● 3 Målet är på god väg att uppnås"


def test_goal_page_in_english(open_page) -> None:
    at = open_page("pages/1_Goals.py", goal="2", lang="en")
    assert at.title[0].value.startswith("Goal 2:")
    assert "Reasons for the assessment" in [h.value for h in at.header]
    assert "The texts are quoted in Swedish from the annual report." in [c.value for c in at.caption]


def test_invalid_goal_in_url_falls_back_to_first(open_page) -> None:
    at = open_page("pages/1_Goals.py", goal="99")
    assert at.title[0].value.startswith("Mål 1:")


def test_projects_show_as_a_table_and_as_a_chart_when_opened(open_page) -> None:
    """Lazy tabs: the goal's projects show as a table at load; their chart is built and drawn only in its tab."""
    at = open_page("pages/1_Goals.py", goal="5")
    assert [t.label for t in at.tabs] == ["Som tabell", "Som diagram"]
    before = [el.proto.id for el in at.get("plotly_chart")]
    assert len(before) == 2 and any("Projektägare" in d.columns for d in html_tables(at))
    assert any(f'aria-label="{t("ov_total_projects", "sv", year=2018)}"' in h.proto.body for h in at.get("html"))
    open_tab(at, "gp_projects_tab", "Som diagram")
    assert not at.exception
    (chart,) = [el for el in at.get("plotly_chart") if el.proto.id not in before]
    assert len(at.get("plotly_chart")) == 3 and "gp_projects_chart" in chart.proto.id
    label = f'aria-label="{t("ov_total_projects", "sv", year=2018)}"'
    assert not any(label in h.proto.body for h in at.get("html")), "the table's tab is closed"
    bars = [tr for tr in json.loads(chart.proto.spec)["data"] if tr["type"] == "bar"]
    # The same 24 projects, 24 760 387 kr (line 4913)
    assert sum(len(decode(tr["x"])) for tr in bars) == 24
    assert sum(sum(decode(tr["x"])) for tr in bars) == 24_760_387


def _page_order(at) -> list[str]:
    """The page's elements in order, each as its type and a little text: to see what comes first."""
    out = []
    for el in at.main:
        kind = el.type if hasattr(el, "type") else type(el).__name__
        body = getattr(getattr(el, "proto", None), "body", "") or str(getattr(el, "value", ""))
        out.append(f"{kind}:{body[:4000]}")
    return out


def test_goal_page_leads_with_level_reason_and_recommendation_before_the_chart(open_page) -> None:
    """Issue 21 item 3: the first screen says the level, why (quoted, with its source) and what is recommended."""
    at = open_page("pages/1_Goals.py", goal="5")
    order = _page_order(at)
    first_chart = next(i for i, part in enumerate(order) if part.startswith("plotly_chart"))
    lead = next(i for i, part in enumerate(order) if 'class="mb-lead' in part)
    assert lead < first_chart, "the reason comes before the chart"
    block = order[lead]
    # Lines 4699-4707: the outcome's reason; lines 4707-4713: the recommendation (quoted as the report has them).
    assert "Region Västerbotten stöttar många insatser inom området" in block
    assert "För en ökad måluppfyllelse rekommenderas ytterligare egna satsningar mot mål 5.2" in block
    assert "rad 4699-4707" in block and "rad 4707-4713" in block
    # Worse than 2017: partly (line 4669-4671) → to a small extent (line 4699-4701).
    assert "Sämre än 2017" in block and "delvis → i liten grad" in block
    metrics = {m.label: m.value for m in shown_metrics(at)}
    assert metrics["Måluppfyllelse 2018"] == "●○○ 1 Målet har i liten grad uppnåtts"  # line 4715


def test_goal_page_lead_in_english_says_the_quotation_is_swedish(open_page) -> None:
    at = open_page("pages/1_Goals.py", goal="5", lang="en")
    block = next(h.proto.body for h in at.get("html") if 'class="mb-lead' in h.proto.body)
    assert "Worse than 2017" in block and "partly → to a small extent" in block
    assert "quoted in Swedish" in block


def test_the_goal_view_formats_its_projects_table(con) -> None:
    """The view formats what the page draws: the projects' amounts as the reader sees them (issue 18)."""
    q = reader(con)
    assert goal_choices(q, "en")[5] == "Goal 5: Place-based business development"
    sv, en = goal_view(q, 5, lang="sv").projects_table, goal_view(q, 5, "en").projects_table
    grants = pd.read_csv(DATA_DIR / "project_grant.csv").query("goal_id == 5")
    largest = int(grants["amount_sek"].max())
    assert sv[t("amount_sek", "sv")].iloc[0] == fmt.sek(largest, "sv")
    assert en[t("amount_sek", "en")].iloc[0] == fmt.sek(largest, "en")
    assert all(isinstance(amount, str) for amount in sv[t("amount_sek", "sv")])
