"""Values from the URL, read one way on every page: whole numbers (?step=4, ?amount=300000) and goals (?goal=5).

The widgets that read and write the URL are in malbild/ui (ui/projects.py for the Projects page's filters); what a
value means is decided here, without Streamlit, so it is tested on its own.

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


# A goal in the URL: an id ('5') or a label ('Mål 5: …', 'Goal 5: …'); nothing else (not '-3', not 'x3').
_GOAL_VALUE = re.compile(r"(?:(?:Mål|Goal)\s+)?([0-9]{1,6})(?::.*)?", re.IGNORECASE | re.DOTALL)


def read_goal_ids(values: list[str] | str | None, valid: list[int] | set[int]) -> tuple[list[int], list[str]]:
    """Read goal ids from URL values ('5', '5,2', 'Mål 5: …'); return the ids and the values that are not goals."""
    if values is None:
        return [], []
    if isinstance(values, str):
        values = [values]
    ids: list[int] = []
    rejected: list[str] = []
    for value in values:
        value = str(value).strip()
        parts = value.split(",") if re.fullmatch(r"[\d,\s]+", value) else [value]
        for part in parts:
            match = _GOAL_VALUE.fullmatch(part.strip())
            if match and int(match.group(1)) in set(valid):
                if int(match.group(1)) not in ids:
                    ids.append(int(match.group(1)))
            elif part.strip():
                rejected.append(part.strip())
    return ids, rejected


def read_amount(values: list[str] | None, bounds: tuple[int, int]) -> tuple[int, int] | None:
    """Read ?amount=<min>&amount=<max> as whole kronor within the bounds, in the URL's order (None when unreadable:
    not two whole numbers of at most params.MAX_DIGITS ASCII digits)."""
    numbers = [whole_number(v) for v in values or []]
    if len(numbers) != 2 or None in numbers:
        return None
    lo, hi = (min(max(int(v), bounds[0]), bounds[1]) for v in numbers if v is not None)
    return lo, hi


def goal_state(url_values: list[str] | None, state: object, valid: list[int]) -> tuple[list[int] | None, list[str]]:
    """The goal filter's state for this run, and the URL's values that are not goals.

    The URL's goals when it has ?goal= (a shared link wins), else the widget's state when it is a list of goals,
    else None (the widget starts empty).
    """
    if url_values is not None:
        return read_goal_ids(url_values, valid)
    return (state if isinstance(state, list) else None), []


def goal_url_values(chosen: object) -> list[str]:
    """The ?goal= values for the chosen goals (empty: drop ?goal= from the URL)."""
    return [str(g) for g in chosen] if isinstance(chosen, list) else []
