"""Whole numbers from the URL (?step=4, ?amount=300000), read one way on every page.

Only ASCII digits 0-9 count (not '²' or '٣', which str.isdigit accepts and int() refuses or reads), at most
MAX_DIGITS of them (so int() never meets Python's 4 300-digit limit and no value is larger than a page can use),
and a value outside the page's range is refused. A refused value is None: the page falls back to its documented
default (step 1, every amount) and says so in a sentence that shows the value cut to SHOWN_CHARS.
"""

from __future__ import annotations

import re

MAX_DIGITS = 12  # 999 999 999 999: more than any step or amount in kronor the pages use
SHOWN_CHARS = 40  # how much of a refused value a message repeats
_DIGITS = re.compile(f"[0-9]{{1,{MAX_DIGITS}}}")


def whole_number(raw: object, lo: int | None = None, hi: int | None = None) -> int | None:
    """The URL value as a whole number within lo..hi (either may be None: no limit); None when it is not one."""
    text = str(raw).strip() if raw is not None else ""
    if not _DIGITS.fullmatch(text):
        return None
    value = int(text)
    if (lo is not None and value < lo) or (hi is not None and value > hi):
        return None
    return value


def shown_value(raw: object) -> str:
    """A refused URL value as a message repeats it: cut to SHOWN_CHARS characters, '…' when it was longer."""
    text = "" if raw is None else str(raw)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + "…"
