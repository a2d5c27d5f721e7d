"""Source lines: where in the report's text a figure stands ('4421-4440;4450'), joined and merged one way only."""

from __future__ import annotations

import re
from collections.abc import Iterable

_INT = re.compile(r"\d+")
MAX_RANGES_SHOWN = 12


def source_parts(values: object) -> list[str]:
    """Split one source-line string or many into their parts ('4851', '4857-4859'), each once, in order."""
    items = [values] if isinstance(values, str) or values is None else list(values)  # type: ignore[call-overload]
    seen: dict[str, None] = {}
    for value in items:
        if isinstance(value, str):
            for part in value.split(";"):
                if part.strip():
                    seen.setdefault(part.strip(), None)
    return list(seen)


def join_source_lines(values: object, sort: bool = True) -> str:
    """Join rows' source lines into one '4851;4853;4857-4859' string: each part once, by line number or as given."""
    parts = source_parts(values)
    if sort:
        parts.sort(key=lambda r: int(m.group()) if (m := _INT.search(r)) else 0)
    return ";".join(parts)


def merge_ranges(source_lines: object) -> list[tuple[int, int]]:
    """Parse '4421-4440;4450' (or a list of such strings) into sorted, merged (first, last) line ranges."""
    items: Iterable[object] = [source_lines] if isinstance(source_lines, str) or source_lines is None else source_lines  # type: ignore[assignment]
    ranges: list[tuple[int, int]] = []
    for item in items:
        for rng in str(item or "").split(";"):
            head, _, tail = rng.strip().partition("-")
            if head.strip().isdigit():
                ranges.append((int(head), int(tail) if tail.strip().isdigit() else int(head)))
    merged: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return merged


def format_ranges(ranges: list[tuple[int, int]], limit: int = MAX_RANGES_SHOWN) -> str:
    """Write merged ranges as '3860-3870, 3882', cut after `limit` ranges with '…'."""
    text = ", ".join(f"{a}-{b}" if a != b else f"{a}" for a, b in ranges[:limit])
    return text + (f", … (+{len(ranges) - limit})" if len(ranges) > limit else "")
