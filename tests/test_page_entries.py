"""Entered figures in the app: pages, downloads, deck and snapshot read the merged views, marked as entered."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from page_helpers import Shown, notes, table_with

from malbild.data.entries.backends import backend_from
from malbild.data.entries.merge import open_merged
from malbild.data.entries.store import EntriesStore
from malbild.texts import t
from malbild.ui import store as data_store


def _enter(store: EntriesStore, goal_id: int, year: int, level: int, document: str) -> None:
    """Enter one goal level as a new figure (version 0)."""
    store.set_value(
        "goal_assessment",
        {"goal_id": goal_id, "year": year},
        {"level": level, "note": "inmatad i test"},
        user="anna",
        source_document=document,
        expected_version=0,
    )


def _grid(app) -> Shown:
    """The HTML block of the overview's goal × year grid (the table named by its caption) and its note."""
    caption = t("grid_caption", "sv")
    return next(shown for shown in (Shown([h.proto.body]) for h in app.get("html")) if caption in shown.captions)


def _cell(grid: Shown, goal: int, year: int) -> str:
    """One grid cell as read: its text and its description (the report's note, shown on hover); '' when the grid
    has no column for the year."""
    table = grid.by_tag("table")[0]
    heads = [th.text_content() for th in table.xpath("./thead/tr/th")]
    if str(year) not in heads:
        return ""
    cell = table.xpath("./tbody/tr")[goal - 1].xpath("./th|./td")[heads.index(str(year))]
    return f"{cell.text_content()} {cell.get('title', '')}".strip()


@pytest.fixture
def entries(built_db: Path, tmp_path: Path) -> EntriesStore:
    """The entries store the app of open_page reads ($MALBILD_ENTRIES in the test's folder)."""
    return EntriesStore(backend_from(str(tmp_path / "entries.duckdb")), built_db)


def test_entered_level_shows_in_the_overview_marked_entered(open_page, entries) -> None:
    """Goal 1's 2016 gap, once entered, shows as a level with the word 'inmatat' (not colour alone)."""
    grid = _grid(open_page())
    # No goal has a 2016 level in the report (lines 3918-3924): the year is a note, not a column of gaps.
    assert _cell(grid, 1, 2016) == "" and "2016: rapporten anger ingen nivå för något av målen" in grid.notes[0]
    _enter(entries, 1, 2016, 2, "Årsredovisning 2016, s. 12")
    data_store._REVISION.clear()
    grid = _grid(open_page())
    after = _cell(grid, 1, 2016)
    assert "●●○ 2" in after and "inmatat" in after
    assert "Ej angivet" in _cell(grid, 2, 2016) and not grid.notes  # the column is back


def test_a_running_session_sees_a_new_entry_on_its_next_run(open_page, entries) -> None:
    """The revision is part of the cache key: a session already open sees an entry made elsewhere."""
    app = open_page()
    assert "inmatat" not in _cell(_grid(app), 3, 2016)
    _enter(entries, 3, 2016, 3, "Årsredovisning 2016, s. 20")
    data_store._REVISION.clear()
    app.run()
    assert "●●● 3" in _cell(_grid(app), 3, 2016) and "inmatat" in _cell(_grid(app), 3, 2016)


def test_entered_level_reaches_snapshot_and_deck(built_db: Path, entries) -> None:
    """The snapshot's grid and the deck show the entered level through the same merged views."""
    from malbild.export.deck import build_deck
    from malbild.export.snapshot import build_snapshot

    _enter(entries, 2, 2016, 1, "Årsredovisning 2016, s. 14")
    con = open_merged(built_db, entries)
    try:
        html = build_snapshot(con, "sv", date(2026, 1, 1))
        cell = _cell(Shown([html]), 2, 2016)
        assert "●○○ 1" in cell and "inmatat" in cell
        assert "1 inmatade av personal" in html
        deck = build_deck(con, "sv")
        assert len(deck) > 10_000
    finally:
        con.close()


def test_goal_page_names_who_entered_a_level_when_and_from_which_document(open_page, entries) -> None:
    """The Goals page marks the entered level (✎ inmatat) and says who, when (UTC) and which document, as text."""
    _enter(entries, 1, 2016, 2, "Årsredovisning 2016, *s. 12*")
    when = entries.current("goal_assessment", {"goal_id": 1, "year": 2016})["entered_at"]
    data_store._REVISION.clear()
    app = open_page("pages/1_Goals.py", goal="1")
    expected = (
        f"✎ 2016: ●●○ 2 Målet har delvis uppnåtts: inmatat av anna {when:%Y-%m-%d %H:%M} UTC · "
        "källa: Årsredovisning 2016, *s. 12*"
    )
    assert expected in notes(app)  # as text: the asterisks the editor typed are shown, not read as emphasis
    assert "källa: Årsredovisning 2016, <em>" not in "".join(h.proto.body for h in app.get("html"))
    levels = table_with(app, "Nivå")
    assert "●●○ 2 Målet har delvis uppnåtts ✎ inmatat" in list(levels["Nivå"])


def test_derived_2017_levels_are_marked_and_an_entry_replaces_them(open_page, entries) -> None:
    """Goal 1's 2017 level shows † härlett with the quote on hover; an entered level then replaces it (✎ inmatat)."""
    cell = _cell(_grid(open_page()), 1, 2017)
    assert "●●○ 2" in cell and "(† härlett)" in cell
    assert "Bedömningen är att mål 1-4 ligger kvar på samma nivå som i årsredovisningen 2017." in cell
    entries.set_value(
        "goal_assessment",
        {"goal_id": 1, "year": 2017},
        {"level": 3, "note": None},
        user="anna",
        source_document="Årsredovisning 2017, s. 42",
        expected_version=0,
    )
    data_store._REVISION.clear()
    cell = _cell(_grid(open_page()), 1, 2017)
    assert "●●● 3" in cell and "(✎ inmatat)" in cell and "härlett" not in cell


def _slide_texts(deck: bytes) -> list[str]:
    """Every text run of every slide and its notes, slide by slide (python-pptx read-back)."""
    import io

    from pptx import Presentation

    texts = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        parts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        parts.append(slide.notes_slide.notes_text_frame.text)
        texts.append("\n".join(parts))
    return texts


def test_deck_and_snapshot_say_who_entered_a_figure_when_and_from_which_document(built_db: Path, entries) -> None:
    """The deck (read back) and the snapshot name who entered a figure, when and the document — as text, escaped."""
    from malbild.export.deck import build_deck
    from malbild.export.snapshot import build_snapshot

    entries.set_value(
        "goal_assessment",
        {"goal_id": 1, "year": 2016},
        {"level": 2, "note": None},
        user="<b>x</b>",
        source_document="Årsredovisning 2016 <i>s. 12</i>",
        expected_version=0,
    )
    when = entries.current("goal_assessment", {"goal_id": 1, "year": 2016})["entered_at"]
    line = (
        f"✎ Mål 1, 2016: ●●○ 2 Målet har delvis uppnåtts: inmatat av <b>x</b> {when:%Y-%m-%d %H:%M} UTC · "
        "källa: Årsredovisning 2016 <i>s. 12</i>"
    )
    con = open_merged(built_db, entries)
    try:
        html = build_snapshot(con, "sv", date(2026, 1, 1), charts=False)
        deck = build_deck(con, "sv")
    finally:
        con.close()
    escaped = line.replace("<", "&lt;").replace(">", "&gt;")
    goal_1 = html.split('id="goal-1"')[1].split("</section>")[0]
    assert escaped in goal_1 and escaped in html.split('id="entered"')[1]
    assert "<b>x</b>" not in html and "<i>s. 12</i>" not in html
    slides = _slide_texts(deck)
    assert line in slides[-1] and "Inmatade uppgifter" in slides[-1]
    assert line in slides[2]  # goal 1's slide: in its speaker notes
    assert not any(line in text for text in slides[3:-1])  # no other goal's or subject's slide


def test_a_report_without_entries_has_no_entered_figures(built_db: Path) -> None:
    """On the report alone nothing is entered: no provenance lines, no 'Entered figures' section."""
    import duckdb

    from malbild.data.entries.merge import entered_rows
    from malbild.export.snapshot import build_snapshot

    con = duckdb.connect(str(built_db), read_only=True)
    try:
        assert all(rows == [] for rows in entered_rows(con).values())
        assert 'id="entered"' not in build_snapshot(con, "sv", date(2026, 1, 1), charts=False)
    finally:
        con.close()


def test_snapshot_command_shows_the_configured_entries(built_db: Path, entries, monkeypatch, tmp_path: Path) -> None:
    """`python -m malbild.export.snapshot` reads $MALBILD_ENTRIES too: the entered level and who entered it."""
    from malbild.export.snapshot import main

    monkeypatch.setenv("DASHBOARD_DB", str(built_db))
    monkeypatch.setenv("MALBILD_ENTRIES", str(tmp_path / "entries.duckdb"))
    _enter(entries, 1, 2016, 2, "Årsredovisning 2016, s. 12")
    out = tmp_path / "snap.html"
    assert main(["--output", str(out), "--no-charts"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "inmatat av anna" in html and "källa: Årsredovisning 2016, s. 12" in html
