"""The Edit page's sentences, as pure functions: the level now, the conflict after a refused save, an entry now."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from malbild.views.editing import (
    CHANGE_LOG_PAGE_ROWS,
    change_log_page,
    entry_now_text,
    level_conflict_text,
    level_now_text,
)

GRID = pd.DataFrame(
    {
        "goal_id": [1, 1, 2],
        "year": [2016, 2018, 2016],
        "level": [2, 3, None],
        "basis": ["entered", "stated", "not_stated"],
    }
)


def test_level_now_names_the_level_its_mark_and_basis() -> None:
    assert (
        level_now_text(GRID, 1, 2016, lang="sv")
        == "Nu: ●●○ 2 Målet har delvis uppnåtts ✎ inmatat · Inmatat av personal"
    )
    assert level_now_text(GRID, 1, 2018, "en").startswith("Now: ●●● 3 ")


def test_level_now_says_gap_for_a_missing_row_or_level() -> None:
    assert level_now_text(GRID, 2, 2016, lang="sv") == "Nu: ingen uppgift (Ej angivet i rapporten)"
    assert level_now_text(GRID, 6, 2030, lang="sv").startswith("Nu: ingen uppgift (")


def test_conflict_names_the_new_value_who_and_when() -> None:
    current = {"level": 3, "entered_by": "bo", "entered_at": datetime(2026, 11, 27, 14, 5)}
    assert level_conflict_text(current, lang="sv") == (
        "Värdet nu: ●●● 3 Målet är på god väg att uppnås, sparat av bo 2026-11-27 14:05 UTC. "
        "Spara igen om ditt värde ska gälla."
    )


def test_entry_now_lists_values_document_and_version() -> None:
    entry = {"progress": "partly", "note": None, "source_document": "ÅR 2019, s. 3", "version": 2}
    assert entry_now_text(entry, ("progress", "note"), lang="sv") == (
        "Inmatat nu: progress: partly, source_document: ÅR 2019, s. 3 (version 2)."
    )


def test_change_log_page_is_bounded_and_every_row_is_on_a_page() -> None:
    """100 004 changes (a 50 000-row import and its undo) are drawn 500 at a time; the pages cover every row once."""
    assert CHANGE_LOG_PAGE_ROWS == 500
    first = change_log_page(100_004)
    assert (first.pages, first.start, first.stop, first.first, first.last) == (201, 0, 500, 1, 500)
    last = change_log_page(100_004, 201)
    assert (last.start, last.stop, last.first, last.last) == (100_000, 100_004, 100_001, 100_004)
    assert change_log_page(100_004, 999) == last and change_log_page(100_004, 0) == first
    covered = [
        i for p in range(1, 202) for i in range(change_log_page(100_004, p).start, change_log_page(100_004, p).stop)
    ]
    assert covered == list(range(100_004))
    assert change_log_page(0) == change_log_page(0, 3) and change_log_page(0).pages == 1
    assert (change_log_page(7, 1, 3).start, change_log_page(7, 3, 3).stop) == (0, 7)
