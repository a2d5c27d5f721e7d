"""Where an entered figure comes from: who entered it, when (UTC) and from which document, as plain sentences."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from malbild.texts import t
from malbild.texts.labels import level_label


def when_text(value: object) -> str:
    """Return an entry's time as 'YYYY-MM-DD HH:MM' (UTC, as stored)."""
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else str(value)


def entered_line(figure: str, entry: dict, lang: str = "sv") -> str:
    """One entered figure's provenance: '✎ 2016: ●●○ 2 …: inmatat av anna 2026-11-27 14:45 UTC · källa: …'."""
    return t(
        "entered_provenance",
        lang,
        figure=figure,
        who=entry["entered_by"],
        when=when_text(entry["entered_at"]),
        document=entry["source_document"],
    )


def goal_level_lines(entries: Iterable[dict], goal_id: int, lang: str = "sv") -> list[str]:
    """The provenance of every entered level of one goal, oldest year first (entries: the store's rows)."""
    mine = sorted((e for e in entries if int(e["goal_id"]) == int(goal_id)), key=lambda e: int(e["year"]))
    return [entered_line(f"{int(e['year'])}: {level_label(e['level'], lang, short=False)}", e, lang) for e in mine]
