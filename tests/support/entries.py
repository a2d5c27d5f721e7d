"""The entry the tests make most: a goal's level for a year, entered by an editor (goal_assessment)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from openpyxl import Workbook

from malbild.data.entries.store import EntriesStore

MALBILD = Path(sys.executable).parent / "malbild"  # the installed command


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


def write_workbook(path: Path, sheets: dict) -> Path:
    """Write an import workbook: one sheet per view, name -> (header, rows)."""
    book = Workbook()
    book.remove(book.active)
    for name, (head, rows) in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append(head)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def run_malbild(env: dict, *args: str) -> subprocess.CompletedProcess:
    """Run the installed `malbild` script with the given environment added."""
    return subprocess.run(
        [str(MALBILD), *args], env={**os.environ, **env}, capture_output=True, text=True, timeout=120, check=False
    )
