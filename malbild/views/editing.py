"""What the editor pages show, as pure functions: a figure's history and the change log as tables, filters."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from malbild.texts import families, t
from malbild.texts.labels import level_label, marked_level
from malbild.texts.safe import shown
from malbild.views.provenance import when_text

CHANGE_COLUMNS = ("version", "action", "who", "when", "old", "new", "reason")
CHANGE_LOG_PAGE_ROWS = 500  # rows of the change log drawn at once; the downloads hold every row


def _decoded(value: object) -> object:
    """Return a change-log value decoded from JSON when it is still text."""
    return json.loads(value) if isinstance(value, str) and value else value


def value_text(state: object) -> str:
    """Return a recorded state (values and source document) as plain text; no entry as '–'."""
    state = _decoded(state)
    if not state:
        return "–"
    return ", ".join(f"{k}: {v}" for k, v in dict(state).items() if v is not None)  # type: ignore[call-overload]


def _key_text(key: object) -> str:
    """Return a figure's key as 'goal_id=1, year=2016'."""
    decoded = _decoded(key)
    return ", ".join(f"{k}={v}" for k, v in decoded.items()) if isinstance(decoded, dict) else str(decoded or "")


def history_table(changes: list[dict], lang: str) -> pd.DataFrame:
    """One figure's changes, newest first: version, change, who, when (UTC), before, after, comment."""
    rows = [
        {
            t("ed_col_version", lang): int(c["version"]),
            t("ed_col_action", lang): str(c["action"]),
            t("ed_col_who", lang): str(c["changed_by"]),
            t("ed_col_when", lang): when_text(c["changed_at"]),
            t("ed_col_old", lang): value_text(c["old_value"]),
            t("ed_col_new", lang): value_text(c["new_value"]),
            t("ed_col_reason", lang): str(c["reason"] or ""),
        }
        for c in sorted(changes, key=lambda c: c["change_id"], reverse=True)
    ]
    return pd.DataFrame(
        rows,
        columns=[
            t(families.EDIT_COLUMN[c], lang) for c in ("version", "action", "who", "when", "old", "new", "reason")
        ],
    )


def change_log_table(changes: list[dict], lang: str) -> pd.DataFrame:
    """Every change, newest first: when, who, table, figure, change, version, before, after, comment, import."""
    cols = ("when", "who", "table", "figure", "action", "version", "old", "new", "reason", "import")
    rows = [
        [
            when_text(c["changed_at"]),
            str(c["changed_by"]),
            str(c["table_name"]),
            _key_text(c["figure_key"]),
            str(c["action"]),
            int(c["version"]),
            value_text(c["old_value"]),
            value_text(c["new_value"]),
            str(c["reason"] or ""),
            str(c["import_id"] or ""),
        ]
        for c in sorted(changes, key=lambda c: c["change_id"], reverse=True)
    ]
    return pd.DataFrame(rows, columns=[t(families.EDIT_COLUMN[c], lang) for c in cols])


def filter_choice(value: object, lang: str) -> str:
    """A change-log filter's choice as shown: None is every change ('Alla' / 'All'), a value as plain text."""
    return t("all", lang) if value is None else shown(value)


@dataclass(frozen=True)
class LogPage:
    """One page of the change log: which rows (0-based start, stop) and how many pages there are."""

    pages: int
    start: int
    stop: int

    @property
    def first(self) -> int:
        """The first row shown, counted from 1 (0 when there are none)."""
        return self.start + 1 if self.stop > self.start else 0

    @property
    def last(self) -> int:
        """The last row shown, counted from 1."""
        return self.stop


def change_log_page(rows: int, page: int = 1, size: int | None = None) -> LogPage:
    """Page `page` (from 1, kept within 1..pages) of `rows` rows, `size` rows a page (CHANGE_LOG_PAGE_ROWS)."""
    size = size or CHANGE_LOG_PAGE_ROWS
    pages = max(1, -(-rows // size))
    page = min(max(1, page), pages)
    return LogPage(pages, (page - 1) * size, min(rows, page * size))


def filter_changes(
    changes: list[dict], table: str | None = None, who: str | None = None, action: str | None = None, text: str = ""
) -> list[dict]:
    """Keep the changes of one table, person and kind whose figure or comment contains the text (None: all)."""
    needle = text.strip().lower()

    def keep(c: dict) -> bool:
        """Whether a change passes every filter."""
        haystack = (json.dumps(c["figure_key"], ensure_ascii=False) + " " + str(c["reason"] or "")).lower()
        return (
            (table is None or c["table_name"] == table)
            and (who is None or c["changed_by"] == who)
            and (action is None or c["action"] == action)
            and (not needle or needle in haystack)
        )

    return [c for c in changes if keep(c)]


def level_now_text(grid: pd.DataFrame, goal_id: int, year: int, lang: str) -> str:
    """What a goal's level is now, shown above the form: 'Nu: ●●○ 2 … ✎ inmatat · Inmatat av personal' or a gap."""
    now = grid[(grid["goal_id"] == goal_id) & (grid["year"] == year)]
    basis = t(families.BASIS["not_stated" if now.empty else str(now["basis"].iloc[0])], lang)
    if now.empty or pd.isna(now["level"].iloc[0]):
        return t("ed_now_gap", lang, basis=basis)
    return t("ed_now", lang, value=marked_level(now["level"].iloc[0], now["basis"].iloc[0], lang), basis=basis)


def level_conflict_text(current: dict, lang: str) -> str:
    """After a refused save: the level someone else saved meanwhile, who saved it and when (UTC)."""
    return t(
        "ed_conflict_now",
        lang,
        value=level_label(current.get("level"), lang, short=False),
        who=current.get("entered_by", "–"),
        when=when_text(current.get("entered_at", "–")),
    )


def entry_now_text(entry: dict, value_names: tuple[str, ...], lang: str) -> str:
    """An entered figure of the other tables as it is now: its values, document and version."""
    shown = value_text({c: entry.get(c) for c in (*value_names, "source_document")})
    return t("ed_entry_now", lang, value=shown, version=entry.get("version"))
