"""The entry the tests make most: a goal's level for a year, entered by an editor (goal_assessment)."""

from __future__ import annotations

from malbild.data.entries.store import EntriesStore


def enter_level(
    store: EntriesStore,
    goal: int,
    year: int,
    level: int,
    note: str | None = None,
    *,
    user: str = "anna",
    source_document: str = "x",
    comment: str | None = None,
    expected_version: int = 0,
) -> int:
    """Enter goal `goal`'s level for `year` (by default its first version) through the store; return the version."""
    values = {"level": level, "note": note}
    key = {"goal_id": goal, "year": year}
    return store.set_value(
        "goal_assessment",
        key,
        values,
        user=user,
        source_document=source_document,
        comment=comment,
        expected_version=expected_version,
    )
