"""Goals page: deep link, sub-goals, levels with gaps, progress, reasoning texts, projects, funding vs level."""

from __future__ import annotations

import pandas as pd

from malbild.paths import DATA_DIR
from malbild.texts.labels import goal_labels, progress_label
from malbild.views.goal import split_paragraphs, texts_by_kind

NB = "\u00a0"


def test_goal_options_and_progress_labels() -> None:
    goals = pd.DataFrame({"goal_id": [5], "name_sv": ["Platsbaserad"], "name_en": ["Place-based"]})
    assert goal_labels(goals) == {5: "Mål 5: Platsbaserad"}
    assert goal_labels(goals, "en") == {5: "Goal 5: Place-based"}
    assert progress_label("partly") == "■■□ Delvis i enlighet med rekommendationerna"
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
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Måluppfyllelse 2018"] == "●○○ 1 Målet har i liten grad uppnåtts"  # line 4715
    assert at.query_params["goal"] == "5"
    table = next(d.value for d in at.dataframe if "Projektägare" in d.value.columns)
    goal5 = pd.read_csv(DATA_DIR / "project_grant.csv").query("goal_id == 5")
    assert len(table) == len(goal5) == 24
    assert table.iloc[:, 2].sum() == goal5["amount_sek"].sum() == 24_760_387  # line 4913
    assert f"24 projekt, totalt 24{NB}760{NB}387{NB}kr" in [m.value for m in at.markdown]


def test_goal_page_shows_subgoals_and_reasoning_side_by_side(open_page) -> None:
    at = open_page("pages/1_Goals.py", goal="1")
    subheaders = [s.value for s in at.subheader] + [h.value for h in at.header]
    assert {"Delmål", "Utfall 2018", "Rekommendationer", "Vad årsredovisningen 2017 angav"} <= set(subheaders)
    text = "\n".join(m.value for m in at.markdown)
    assert "**1.4** Digitala lösningar för välfärd, delaktighet och effektivitet" in text
    assert "Arbetet bedöms utvecklas i enlighet med rekommendationerna." in text
    assert "**Arbetet mot rekommendationerna 2018**  \n■■■ I enlighet med rekommendationerna" in text


def test_switching_goal_updates_page_and_url(open_page) -> None:
    at = open_page("pages/1_Goals.py", goal="1")
    at.selectbox(key="goal_widget").set_value(4).run()
    assert at.title[0].value.startswith("Mål 4:")
    assert at.query_params["goal"] == "4"
    assert {m.label: m.value for m in at.metric}["Måluppfyllelse 2018"] == "●●● 3 Målet är på god väg att uppnås"


def test_goal_page_in_english(open_page) -> None:
    at = open_page("pages/1_Goals.py", goal="2", lang="en")
    assert at.title[0].value.startswith("Goal 2:")
    assert "Reasons for the assessment" in [h.value for h in at.header]
    assert "The texts are quoted in Swedish from the annual report." in [c.value for c in at.caption]


def test_invalid_goal_in_url_falls_back_to_first(open_page) -> None:
    at = open_page("pages/1_Goals.py", goal="99")
    assert at.title[0].value.startswith("Mål 1:")
