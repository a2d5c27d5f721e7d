"""A passage of any source document opened on the Sources page by its lines (the documents' table is
views.sources.documents_table)."""

from __future__ import annotations

from dataclasses import dataclass

from malbild.data.entries.citations import lines_shown, lines_text, parse_lines
from malbild.texts import t
from malbild.views.base import Query
from malbild.views.sources import passage_note

MAX_OPENED_LINES = 80


@dataclass(frozen=True)
class OpenedPassage:
    """A passage opened on the Sources page: its lines (number, text), how many were left out, and a sentence
    when nothing can be shown (lines written in another form, or not in the document)."""

    lines: tuple[tuple[int, str], ...]
    more: int
    message: str


def open_passage(q: Query, document: str, lines: str, lang: str) -> OpenedPassage:
    """Quote the given lines ('120–124', '120-124;130') of a document, or say why nothing is shown."""
    ranges = parse_lines(lines)
    if ranges is None:
        return OpenedPassage((), 0, t("src_open_form", lang))
    note = passage_note(q, lines_text(ranges), MAX_OPENED_LINES, document)
    if not note.lines:
        return OpenedPassage((), 0, t("src_open_none", lang, lines=lines_shown(ranges), document=document))
    return OpenedPassage(note.lines, note.more, "")
