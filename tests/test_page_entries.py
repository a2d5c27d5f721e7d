"""Entered figures in the app: pages, downloads, deck and snapshot read the merged views, marked as entered."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from malbild.data import store as data_store
from malbild.data.entries.backends import backend_from
from malbild.data.entries.merge import open_merged
from malbild.data.entries.store import EntriesStore


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


def _grid(app) -> str:
    """The overview's goal × year grid as HTML."""
    return next(h.proto.body for h in app.get("html") if "mb-grid" in h.proto.body)


def _cell(grid: str, goal: int, year_index: int) -> str:
    """The text of one grid cell: goal row, year column (0 = first year)."""
    row = grid.split("<tr>")[goal + 1]
    return row.split("<td")[year_index + 1]


@pytest.fixture
def entries(built_db: Path, tmp_path: Path) -> EntriesStore:
    """The entries store the app of open_page reads ($MALBILD_ENTRIES in the test's folder)."""
    return EntriesStore(backend_from(str(tmp_path / "entries.duckdb")), built_db)


def test_entered_level_shows_in_the_overview_marked_entered(open_page, entries) -> None:
    """Goal 1's 2016 gap, once entered, shows as a level with the word 'inmatat' (not colour alone)."""
    before = _cell(_grid(open_page()), 1, 0)
    assert "Ej angivet" in before and "inmatat" not in before
    _enter(entries, 1, 2016, 2, "Årsredovisning 2016, s. 12")
    data_store._REVISION.clear()
    after = _cell(_grid(open_page()), 1, 0)
    assert "●●○ 2" in after and "inmatat" in after


def test_a_running_session_sees_a_new_entry_on_its_next_run(open_page, entries) -> None:
    """The revision is part of the cache key: a session already open sees an entry made elsewhere."""
    app = open_page()
    assert "inmatat" not in _cell(_grid(app), 3, 0)
    _enter(entries, 3, 2016, 3, "Årsredovisning 2016, s. 20")
    data_store._REVISION.clear()
    app.run()
    assert "●●● 3" in _cell(_grid(app), 3, 0) and "inmatat" in _cell(_grid(app), 3, 0)


def test_entered_level_reaches_snapshot_and_deck(built_db: Path, entries) -> None:
    """The snapshot's grid and the deck show the entered level through the same merged views."""
    from malbild.export.deck import build_deck
    from malbild.export.snapshot import build_snapshot

    _enter(entries, 2, 2016, 1, "Årsredovisning 2016, s. 14")
    con = open_merged(built_db, entries)
    try:
        html = build_snapshot(con, "sv", date(2026, 1, 1))
        row = html.split("mb-grid")[1].split("<tr>")[3]
        assert "●○○ 1" in row.split("<td")[1] and "inmatat" in row.split("<td")[1]
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
    captions = [c.value for c in app.caption]
    expected = (
        f"✎ 2016: ●●○ 2 Målet har delvis uppnåtts: inmatat av anna {when:%Y-%m-%d %H:%M} UTC · "
        "källa: Årsredovisning 2016, \\*s. 12\\*"
    )
    assert expected in captions
    levels = next(t.value for t in app.table if "Nivå" in t.value.columns)
    assert "●●○ 2 Målet har delvis uppnåtts ✎ inmatat" in list(levels["Nivå"])


def test_derived_2017_levels_are_marked_and_an_entry_replaces_them(open_page, entries) -> None:
    """Goal 1's 2017 level shows † härlett with the quote on hover; an entered level then replaces it (✎ inmatat)."""
    cell = _cell(_grid(open_page()), 1, 1)
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
    cell = _cell(_grid(open_page()), 1, 1)
    assert "●●● 3" in cell and "(✎ inmatat)" in cell and "härlett" not in cell
