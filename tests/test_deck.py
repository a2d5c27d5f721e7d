"""The walk-through steps and the PowerPoint deck built from them (charts rendered by Kaleido + Chromium)."""

from __future__ import annotations

import html
import io
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from conftest import edit_csv, require_chromium
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from malbild.charts.goals import level_count_bars
from malbild.paths import DATA_DIR
from malbild.views.overview import level_counts_frame
from malbild.views.walkthrough import walkthrough_steps

NBSP = "\u00a0"


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / f"{name}.csv")


def _plain(text: str) -> str:
    return text.replace(NBSP, " ")


# --- the steps (no browser needed) -------------------------------------------------------------------------


def test_steps_follow_the_data(con):
    goals = _csv("goal").sort_values("goal_id")
    steps = walkthrough_steps(con)
    assert [s.key for s in steps] == ["overview"] + [f"goal_{g}" for g in goals["goal_id"]] + [
        "projects",
        "personnel",
        "finance",
        "verdicts",  # the report's own verdicts close the walk-through (data/verdict.csv)
    ]
    assert steps[1].title("sv") == f"Mål 1: {goals['name_sv'].iloc[0]}"
    assert steps[1].title("en") == f"Goal 1: {goals['name_en'].iloc[0]}"
    assert steps[-2].title("en") == "Finance: financial goals"
    assert steps[-1].title("en") == "The report's own verdicts on goal fulfilment"


def test_projects_step_key_figures_match_the_csv(con):
    grants = _csv("project_grant")
    total = int(grants[grants["year"] == 2018]["amount_sek"].sum())
    assert total == 86_205_579  # the six TOTALT lines (source lines 4118, 4316, 4474, 4623, 4913, 5066)
    step = {s.key: s for s in walkthrough_steps(con)}["projects"]
    view = step.render(con, "sv")
    figures = {_plain(label): _plain(value) for label, value in view.key_figures}
    assert figures["Beviljat totalt 2018"] == "86 205 579 kr"
    assert figures["Beviljade projekt 2018"] == str(len(grants[grants["year"] == 2018]))
    assert _plain(view.message).startswith("2018 beviljades 86 205 579 kr till 60 projekt")
    fig = view.figure
    assert sum(fig.data[0].x) == total
    en = step.render(con, "en")
    assert ("Granted in total in 2018", f"SEK{NBSP}86,205,579") in en.key_figures


def test_goal_step_level_and_sources(con):
    assessment = _csv("goal_assessment")
    level5 = int(assessment[(assessment["goal_id"] == 5) & (assessment["year"] == 2018)]["level"].iloc[0])
    view = {s.key: s for s in walkthrough_steps(con)}["goal_5"].render(con, "sv")
    assert dict(view.key_figures)["Måluppfyllelse 2018"].startswith(f"●○○ {level5} ")
    assert "4715" in view.source_lines.split(";")  # the goal 5 assessment line
    # 24 projects: the chart shows the 10 largest, the table holds all of them.
    assert len(view.figure.data[0].y) == 10 and len(view.data) == 24
    assert "De 10 största av 24" in view.figure.layout.title.text.replace("<br>", " ")
    # Presenting (and in the deck) the chart is fitted to 1280×720: three whole names, not ten running together.
    shown = {s.key: s for s in walkthrough_steps(con)}["goal_5"].render(con, "sv", present=True)
    assert len(shown.figure.data[0].y) == 3 and len(shown.data) == 24
    assert shown.figure.layout.title.text == "De 3 största av 24 projekt"


def test_overview_counts_and_gap_bar():
    grid = pd.DataFrame({"goal_id": [1, 2, 3], "year": [2018] * 3, "level": [3, None, 3]})
    counts = level_counts_frame(grid, 2018, "en")
    # level 3: goals 1 and 3; levels 2 and 1: none (a real count); not stated: goal 2, its own bar
    assert list(counts["goals"]) == [2, 0, 0, 1]
    assert counts["goal_ids"].iloc[0] == [1, 3]
    fig = level_count_bars(counts, 2018, "en")
    assert list(fig.data[0].text) == ["Goals 1, 3", "", "", "Goal 2"]  # one goal: 'Goal 2', not 'Goals 2'
    assert list(fig.data[0].x)[-1] == "– Not stated"
    assert list(fig.data[0].x)[0] == "●●● 3<br>On track"  # two lines: the four labels fit side by side at 1280×720
    assert fig.layout.yaxis.title.text == "Number of goals"
    assert (
        level_count_bars(level_counts_frame(grid, 2018, "sv"), 2018, "sv").layout.title.text.replace("<br>", " ")
        == "Antal mål per nivå 2018"
    )


# --- the deck (renders charts with Chromium) ---------------------------------------------------------------


@pytest.fixture(scope="module")
def decks(built_db):
    import duckdb

    from malbild.export.deck import build_deck

    require_chromium()  # Kaleido renders the chart images with Chromium
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        return {lang: build_deck(con, lang, today=date(2026, 11, 27)) for lang in ("sv", "en")}
    finally:
        con.close()


def _slide_texts(slide) -> str:
    return _plain("\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame))


@pytest.mark.browser
def test_deck_has_a_slide_per_step(decks, con):
    steps = walkthrough_steps(con)
    assert len(steps) == 11  # overview, goals 1-6, projects, personnel, finance, the report's verdicts
    prs = Presentation(io.BytesIO(decks["sv"]))
    assert prs.slide_width * 9 == prs.slide_height * 16  # 16:9
    slides = list(prs.slides)
    assert len(slides) == 1 + len(steps)
    title = _slide_texts(slides[0])
    assert "2026-11-27" in title
    assert "Källa: Årsredovisning 2018, Region Västerbotten;" in title and "uppgifter angivna" in title
    assert [s.shapes.title.text for s in slides[1:]] == [step.title("sv") for step in steps]
    for slide in slides[1:]:
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(pictures) == 1 and pictures[0].image.content_type == "image/png"
        assert "Källa: Årsredovisning 2018, Region Västerbotten (radnummer i anteckningarna)" in _slide_texts(slide)
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text
    projects = slides[1 + [s.key for s in steps].index("projects")]
    assert "86 205 579 kr" in _slide_texts(projects)
    assert len(decks["sv"]) < 6_000_000


@pytest.mark.browser
def test_deck_title_carries_the_basis_line(decks, con):
    from malbild.views.base import reader
    from malbild.views.sources import sources_basis_line

    title = _slide_texts(list(Presentation(io.BytesIO(decks["sv"])).slides)[0])
    assert _plain(sources_basis_line(reader(con), "sv")) in title


def _basis_counts(db: Path) -> dict[str, int]:
    """The basis line of a database, read back as {'angivna': n, 'ej angivna': n, ...}."""
    import duckdb

    from malbild.views.base import reader
    from malbild.views.sources import sources_basis_line

    con = duckdb.connect(str(db), read_only=True)
    try:
        text = _plain(sources_basis_line(reader(con), "sv"))
    finally:
        con.close()
    assert text.startswith("Källa: Årsredovisning 2018, Region Västerbotten; ")
    return {
        kind: int(n.replace(" ", ""))
        for n, kind in re.findall(
            r"(\d[\d ]*) (uppgifter angivna|härledda|"
            r"rekonstruerade|ej angivna|inmatade av personal)",
            text,
        )
    }


def test_basis_line_counts_follow_the_data(data_copy, tmp_path):
    before = _basis_counts(build_to(tmp_path / "a.duckdb", data_copy))
    # The report states no 2016 level for any goal, nor a 2017 level for goals 5 and 6 (lines 3918-3924, 530-538).
    assert before["ej angivna"] >= 8 and "inmatade av personal" not in before

    def enter(rows):
        for row in rows:
            if row["goal_id"] == "1" and row["year"] == "2016":
                row.update(level="2", basis="entered", note="entered in a test")
        return rows

    def drop_one(rows):
        return rows[1:]

    edit_csv(data_copy / "goal_assessment.csv", enter)
    edit_csv(data_copy / "project_grant.csv", drop_one)
    after = _basis_counts(build_to(tmp_path / "b.duckdb", data_copy))
    assert after["ej angivna"] == before["ej angivna"] - 1
    assert after["inmatade av personal"] == 1
    assert after["uppgifter angivna"] == before["uppgifter angivna"] - 1
    assert after["härledda"] == before["härledda"] and after["rekonstruerade"] == before["rekonstruerade"]


def build_to(db: Path, data: Path) -> Path:
    """Build a database from a data folder and return its path."""
    from malbild.data.build import build

    build(db, data)
    return db


def test_deck_command_line_reports_a_render_failure(built_db, tmp_path, monkeypatch, capsys):
    import malbild.export.deck as deck

    def broken(*args, **kwargs):
        raise deck.RenderError("rendering 10 chart(s) failed: no browser")

    monkeypatch.setenv("DASHBOARD_DB", str(built_db))
    monkeypatch.setattr(deck, "render_images", broken)
    target = tmp_path / "deck.pptx"
    assert deck.main(["--output", str(target)]) == 1
    assert capsys.readouterr().err == "deck failed: rendering 10 chart(s) failed: no browser\n"
    assert not target.exists()


@pytest.mark.browser
def test_deck_command_line_writes_the_deck(built_db, tmp_path, monkeypatch, capsys):
    from malbild.export.deck import main

    require_chromium()
    monkeypatch.setenv("DASHBOARD_DB", str(built_db))
    target = tmp_path / "out" / "deck.pptx"
    assert main(["--output", str(target), "--lang", "en"]) == 0
    slides = list(Presentation(str(target)).slides)
    assert slides[1].shapes.title.text == "Overview: the Regional Plan's goals"
    assert capsys.readouterr().out.startswith(f"wrote {target}: ")


@pytest.mark.browser
def test_deck_in_english(decks, con):
    steps = walkthrough_steps(con)
    slides = list(Presentation(io.BytesIO(decks["en"])).slides)
    assert "Source: Annual report 2018, Region Västerbotten;" in _slide_texts(slides[0])
    assert [s.shapes.title.text for s in slides[1:]] == [step.title("en") for step in steps]
    assert slides[1].shapes.title.text == "Overview: the Regional Plan's goals"
    assert "SEK 86,205,579" in _slide_texts(slides[1 + [s.key for s in steps].index("projects")])


def test_goal_steps_say_why(con):
    """Issue 21 item 3: a goal step (walk-through and deck slide) says why, quoting the report, and its key figures
    explain (compared with the year before) instead of counting sub-goals."""
    steps = {s.key: s for s in walkthrough_steps(con)}
    five = steps["goal_5"].render(con, "sv", present=True)
    # Progress: partly in 2017 (line 4669-4671), to a small extent in 2018 (line 4699-4701); the cause, line 4701-4705.
    assert "Sämre än 2017 (delvis → i liten grad), eftersom »Region Västerbotten stöttar många insatser" in five.message
    assert "få egna insatser mot mål 5.2 vilket påverkar på utfallet.«" in five.message
    figures = dict(five.key_figures)
    assert "Delmål" not in figures and figures["Jämfört med 2017"] == "Sämre (delvis → i liten grad)"
    assert "4699-4707" in five.source_lines.split(";")
    # Goal 1: in line both years (lines 3813-3815, 3884-3886); its outcome gives no cause beyond the assessment.
    one = steps["goal_1"].render(con, "sv")
    assert "Samma som 2017 (i enlighet)" in one.message and "eftersom" not in one.message
    # Goal 2: the 2017 progress is not stated (line 4175-4177): no comparison is made up.
    two = steps["goal_2"].render(con, "en")
    assert dict(two.key_figures)["Compared with 2017"] == "2017 not stated"


def _font_sizes(fig) -> list[float]:
    """Every font size a figure sets (layout, axes, legend, annotations, traces), in the figure's pixels."""
    found: list[float] = []

    def walk(node, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "size" and key.endswith("font") and isinstance(v, (int, float)):
                    found.append(float(v))
                else:
                    walk(v, k)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)

    walk(fig.to_plotly_json())
    return found


@pytest.mark.browser
def test_deck_reads_across_a_room(decks, con):
    """Issue 21 item 5: chart text at least 18 pt on the slide (the picture's scale applied to the chart's smallest
    font), project names whole, and the sources in a one-line footer with every line number in the notes."""
    from PIL import Image

    from malbild.export.deck import DECK_IMG_SCALE, deck_views
    from malbild.views.base import reader

    views = deck_views(reader(con), "sv")
    slides = list(Presentation(io.BytesIO(decks["sv"])).slides)[1 : 1 + len(views)]
    names = set(_csv("project_grant")["project"])
    for slide, view in zip(slides, views, strict=True):
        (pic,) = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        png_width = Image.open(io.BytesIO(pic.image.blob)).size[0] / DECK_IMG_SCALE  # the chart's own pixels
        smallest = min(_font_sizes(view.figure)) * (pic.width / 12_700) / png_width  # EMU → pt
        assert smallest >= 18, (slide.shapes.title.text, smallest)
        labels = [str(y) for trace in view.figure.data for y in (trace.y if trace.y is not None else [])]
        assert not [y for y in labels if "…" in y], labels
        if view.chart.key == "wk_chart" and slide.shapes.title.text.startswith("Mål"):
            shown = [html.unescape(y.replace("<br>", " ")) for y in labels]
            assert shown and set(shown) <= names, shown  # whole names, as the report has them
        footer = [s.text_frame.text for s in slide.shapes if s.has_text_frame and "Källa" in s.text_frame.text]
        assert len(footer) == 1 and "\n" not in footer[0] and len(footer[0]) <= 90, footer
        notes = _plain(slide.notes_slide.notes_text_frame.text)
        assert all(part in notes for part in view.source_lines.split(";")), view.source_lines
