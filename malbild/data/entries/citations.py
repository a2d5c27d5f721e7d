"""Where an imported row stands in its source document: the cited lines, their passage, the numbers they hold.

`passage` and `page_lines` are the ONE place that reads a document's text for the import: the report's documents
from `src.source_line` (document, line_no, page, text), the reports staff added from the entries store (their lines
handed over as `added`: document -> [(line_no, page, text)], numbered from 1, as `ReportFacts.added_lines`).
"""

from __future__ import annotations

import re

import duckdb

from malbild import fmt

BUNDLED_DOCUMENT = "ar2018"
_RANGE = re.compile(r"(\d+)(?:\s*[-\u2013\u2014]\s*(\d+))?")
_SPACE = "[ \u00a0\u202f\u2009\u2007]"
_TOKEN = re.compile(r"\d+(?:[,.]\d+)?")
_GROUP = re.compile(r"\d{3}(?:,\d+)?")


def passage(
    con: duckdb.DuckDBPyConnection,
    document: str,
    first: int,
    last: int,
    added: dict[str, list[tuple[int, int | None, str]]] | None = None,
) -> list[tuple[int, str]] | None:
    """Return the lines first..last of a document as (line, text), or None when the document or a line is missing."""
    if first < 1 or last < first:
        return None
    if added and document in added:
        lines = added[document]  # numbered from 1 without gaps
        return [(int(n), str(text)) for n, _page, text in lines[first - 1 : last]] if last <= len(lines) else None
    cur = con.cursor()
    try:
        rows = cur.execute(
            "SELECT line_no, text FROM src.source_line WHERE document = ? AND line_no BETWEEN ? AND ? ORDER BY line_no",
            [document, first, last],
        ).fetchall()
    finally:
        cur.close()
    if len(rows) != last - first + 1:
        return None
    return [(int(n), str(text)) for n, text in rows]


def page_lines(
    con: duckdb.DuckDBPyConnection,
    document: str,
    page: int,
    added: dict[str, list[tuple[int, int | None, str]]] | None = None,
) -> tuple[int, int] | None:
    """Return the first and last line of a page of a document, or None when the page is not known (the bundled
    2018 text keeps no page numbers; an added PDF report does)."""
    if added and document in added:
        numbers = [int(n) for n, p, _text in added[document] if p == page]
        return (min(numbers), max(numbers)) if numbers else None
    cur = con.cursor()
    try:
        low, high = cur.execute(
            "SELECT min(line_no), max(line_no) FROM src.source_line WHERE document = ? AND page = ?", [document, page]
        ).fetchone() or (None, None)
    finally:
        cur.close()
    return (int(low), int(high)) if low is not None and high is not None else None


def documents(con: duckdb.DuckDBPyConnection, added: dict[str, list] | None = None) -> list[str]:
    """The keys of the documents a row may cite: the report's (src.source_document), then the ones staff added."""
    cur = con.cursor()
    try:
        rows = cur.execute("SELECT document FROM src.source_document ORDER BY document").fetchall()
        bundled = [str(d) for (d,) in rows]
    finally:
        cur.close()
    return bundled + sorted(set(added or {}) - set(bundled))


def parse_lines(text: str) -> list[tuple[int, int]] | None:
    """Read cited lines ('120–124', '120-124;130', '120') into (first, last) ranges; None when it is not that form."""
    ranges = []
    for part in str(text).split(";"):
        match = _RANGE.fullmatch(part.strip())
        if not match:
            return None
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        if last < first:
            return None
        ranges.append((first, last))
    return ranges or None


def lines_text(ranges: list[tuple[int, int]]) -> str:
    """Write ranges as the contract's source_lines do: '120-124;130'."""
    return ";".join(f"{a}-{b}" if a != b else str(a) for a, b in ranges)


def lines_shown(ranges: list[tuple[int, int]]) -> str:
    """Write ranges for a reader: '120–124, 130'."""
    return ", ".join(f"{a}\u2013{b}" if a != b else str(a) for a, b in ranges)


def citation(document: str, ranges: list[tuple[int, int]]) -> str:
    """Return how an entry records where it stands: 'ar2018:120-124;130' (document, then the contract's lines)."""
    return f"{document}:{lines_text(ranges)}"


def citation_shown(source_document: object, lang: str) -> str:
    """Return where an entry stands for a reader: 'ar2018, rad 120–124' for a citation, other text as it is."""
    text = str(source_document)
    document, sep, lines = text.partition(":")
    ranges = parse_lines(lines) if sep and re.fullmatch(r"[a-z0-9_]+", document) else None
    if ranges is None:
        return text
    word = ("line" if lang == "en" else "rad") if len(ranges) == 1 and ranges[0][0] == ranges[0][1] else None
    word = word or ("lines" if lang == "en" else "rad")
    return f"{document}, {word} {lines_shown(ranges)}"


def numbers_in(lines: list[str]) -> set[float]:
    """Return every number the lines hold, read as the report writes it ('1 234 567', '1234567', '2,9', '−5 298').

    Digits in groups of three after a space may belong to the number before or stand alone (a table's columns),
    so both readings are kept. Signs are dropped: a row's value is compared by its size.
    """
    found: set[float] = set()
    for line in lines:
        tokens = re.split(_SPACE + "+", str(line).replace("\u2212", " "))
        for i, token in enumerate(tokens):
            for match in _TOKEN.finditer(token):
                found.add(_value(match.group()))
            if not re.fullmatch(r"\d{1,3}", token.strip("(")):
                continue
            joined = token.strip("(")
            for nxt in tokens[i + 1 :]:
                nxt = nxt.rstrip(").%")
                if not _GROUP.fullmatch(nxt):
                    break
                joined += nxt
                found.add(_value(joined))
    return found


def _value(text: str) -> float:
    """Return a number written with a decimal comma or point."""
    return float(text.replace(",", "."))


def number_shown(value: float | int, lang: str) -> str:
    """Return a number as the report would write it: '1 234 567', '2,9' ('1,234,567', '2.9' in English)."""
    if isinstance(value, float) and not value.is_integer():
        return fmt.number(value, decimals=len(repr(value).split(".")[1]), lang=lang)
    return fmt.number(int(value), lang=lang)


def missing_numbers(values: list[float | int], lines: list[str]) -> list[float | int]:
    """Return the values that the lines do not hold (in the order given)."""
    held = numbers_in(lines)
    return [v for v in values if not any(abs(abs(float(v)) - h) < 1e-9 for h in held)]
