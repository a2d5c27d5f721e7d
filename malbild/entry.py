"""Staff input: add a year's goal assessment to the database (basis 'entered'), never overwriting the report."""

from __future__ import annotations

from pathlib import Path

import duckdb


class EntryError(ValueError):
    """Staff input that cannot be stored; the message names the field and what is wrong."""


def enter_goal_assessment(db: Path, goal_id: int, year: int, level: int, note: str, source: str) -> None:
    """Store a staff-entered level for a goal and year; refuse to replace a figure taken from the report."""
    if level not in (1, 2, 3):
        raise EntryError(f"level: {level!r} is not 1, 2 or 3")
    if not 2000 <= int(year) <= 2100:
        raise EntryError(f"year: {year!r} is not a year between 2000 and 2100")
    if not source.strip():
        raise EntryError("source: say where the level comes from (e.g. 'Årsredovisning 2019, s. 40')")
    con = duckdb.connect(str(db))
    try:
        if con.execute("SELECT count(*) FROM src.goal WHERE goal_id = ?", [goal_id]).fetchone() == (0,):
            raise EntryError(f"goal_id: there is no goal {goal_id}")
        row = con.execute(
            "SELECT basis FROM src.goal_assessment WHERE goal_id = ? AND year = ?", [goal_id, year]
        ).fetchone()
        if row and row[0] not in ("not_stated", "entered"):
            raise EntryError(
                f"goal {goal_id}, {year}: the report already gives this level ({row[0]}); it is not replaced"
            )
        con.execute("BEGIN TRANSACTION")
        con.execute("DELETE FROM src.goal_assessment WHERE goal_id = ? AND year = ?", [goal_id, year])
        con.execute(
            "INSERT INTO src.goal_assessment VALUES (?, ?, ?, 'entered', ?, ?)",
            [goal_id, year, level, note, source],
        )
        con.execute("COMMIT")
    finally:
        con.close()
