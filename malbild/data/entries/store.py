"""The entries store: figures staff enter, with a version check, full history, restore and undo of an import."""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import duckdb

from malbild.data.entries.backends import Backend, Race, Tx, backend_from
from malbild.data.entries.documents import SCHEMA as DOCUMENT_SCHEMA
from malbild.data.entries.errors import ConflictError, RefusedError
from malbild.data.entries.facts import ReportFacts, load_facts
from malbild.data.entries.rules import check_figure
from malbild.data.entries.views import VIEWS, ViewSpec, spec
from malbild.paths import DATA_DIR, REPO_ROOT

DEFAULT_ENTRIES = DATA_DIR / "entries.duckdb"
PROVENANCE = ("source_document", "comment", "entered_by", "entered_at", "version", "withdrawn", "import_id")
CHANGE_COLUMNS = (
    "change_id",
    "changed_by",
    "changed_at",
    "table_name",
    "figure_key",
    "action",
    "version",
    "old_value",
    "new_value",
    "reason",
    "import_id",
)
IMPORT_COLUMNS = (
    "import_id",
    "imported_by",
    "imported_at",
    "file_name",
    "row_count",
    "change_count",
    "undone_by",
    "undone_at",
    "undo_reason",
)


def entries_location() -> str:
    """Return where entries live: $MALBILD_ENTRIES (a file path or a postgresql:// URL), else data/entries.duckdb."""
    value = os.environ.get("MALBILD_ENTRIES")
    if not value:
        return str(DEFAULT_ENTRIES)
    if value.startswith(("postgresql://", "postgres://")):
        return value
    path = Path(value)
    return str(path if path.is_absolute() else REPO_ROOT / path)


def _now() -> datetime:
    """Return the current time in UTC without a zone (both back ends store TIMESTAMP in UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _ddl(view: ViewSpec) -> str:
    """Return the CREATE TABLE statement for one view's entries (fixed names from the view spec)."""
    columns = [f"{c.name} {c.sql} NOT NULL" for c in view.keys] + [f"{c.name} {c.sql}" for c in view.values]
    return (
        f"CREATE TABLE IF NOT EXISTS entry_{view.name} ({', '.join(columns)}, source_document VARCHAR NOT NULL, "
        "comment VARCHAR, entered_by VARCHAR NOT NULL, entered_at TIMESTAMP NOT NULL, version INTEGER NOT NULL, "
        f"withdrawn BOOLEAN NOT NULL, import_id VARCHAR, PRIMARY KEY ({', '.join(view.key_names)}))"
    )


SCHEMA = [
    "CREATE SEQUENCE IF NOT EXISTS change_log_seq",
    (
        "CREATE TABLE IF NOT EXISTS change_log (change_id BIGINT PRIMARY KEY DEFAULT nextval('change_log_seq'), "
        "changed_by VARCHAR NOT NULL, changed_at TIMESTAMP NOT NULL, table_name VARCHAR NOT NULL, "
        "figure_key VARCHAR NOT NULL, action VARCHAR NOT NULL, version INTEGER NOT NULL, old_value VARCHAR, "
        "new_value VARCHAR, reason VARCHAR, import_id VARCHAR)"
    ),
    (
        "CREATE TABLE IF NOT EXISTS imports (import_id VARCHAR PRIMARY KEY, imported_by VARCHAR NOT NULL, "
        "imported_at TIMESTAMP NOT NULL, file_name VARCHAR, row_count INTEGER NOT NULL, change_count INTEGER NOT NULL, "
        "undone_by VARCHAR, undone_at TIMESTAMP, undo_reason VARCHAR)"
    ),
    *[_ddl(v) for v in VIEWS.values()],
    *DOCUMENT_SCHEMA,
]


def _key_params(view: ViewSpec, key: dict) -> list:
    """Return a figure's key as stored: an empty optional key (portfolio_detail.measure) is '' in the primary key."""
    return ["" if key[k] is None and k in view.optional_keys else key[k] for k in view.key_names]


def _entry(view: ViewSpec, cols: tuple[str, ...], row) -> dict:
    """Return a stored row as an entry: a key stored as '' is empty again (None), as the report has it."""
    entry = dict(zip(cols, row, strict=True))
    for k in view.optional_keys:
        if entry[k] == "":
            entry[k] = None
    return entry


def figure_key(view: ViewSpec, key: dict) -> str:
    """Return a figure's key as JSON in the view's key order (how the change log names a figure)."""
    return json.dumps({k: key[k] for k in view.key_names}, ensure_ascii=False)


def _describe(view: ViewSpec, key: dict) -> str:
    """Return a figure's key as a short phrase for messages."""
    return f"{view.name} " + ", ".join(f"{k}={key[k]}" for k in view.key_names)


class EntriesStore:
    """Figures staff enter and their history, in DuckDB or PostgreSQL, checked against the report's database."""

    def __init__(self, backend: Backend, report: Path | duckdb.DuckDBPyConnection) -> None:
        self.backend = backend
        self.report = report
        self._ready = False

    @classmethod
    def open(cls, location: str | Path | None = None, report: Path | None = None) -> EntriesStore:
        """Return the store at a location ($MALBILD_ENTRIES by default) checked against a report database."""
        from malbild.paths import db_path

        return cls(backend_from(location or entries_location()), report or db_path())

    def ensure_schema(self) -> None:
        """Create the store's tables if they do not exist yet, or again after a fault (a deleted or damaged file)."""
        if self._ready and not self._schema_lost():
            return
        with self.backend.transaction() as tx:
            if self.backend.kind == "postgresql":
                tx.execute("SELECT pg_advisory_xact_lock(7412012)")
            for statement in SCHEMA:
                tx.execute(statement)
        self._ready = True
        self.backend.schema_lost = False

    def _schema_lost(self) -> bool:
        """Whether the tables may be gone: a transaction failed, or the DuckDB file is no longer there."""
        if getattr(self.backend, "schema_lost", False):
            return True
        path = getattr(self.backend, "path", None)
        return path is not None and not Path(path).exists()

    def facts(self) -> ReportFacts:
        """Return what the report's database says (goals, bases, units), and the text of the reports staff added."""
        from malbild.data.entries.documents import stored_texts  # documents.py builds on this module

        facts = load_facts(self.report)
        for document, line_no, page, text in stored_texts(self)[1]:
            facts.added_lines.setdefault(str(document), []).append((int(line_no), page, str(text)))
        return facts

    # ---- reading -------------------------------------------------------------------------------------------

    def _select(self, tx: Tx, view: ViewSpec, key: dict) -> dict | None:
        """Return the stored entry for a figure (withdrawn or not) inside a transaction."""
        cols = view.key_names + view.value_names + PROVENANCE
        where = " AND ".join(f"{k} = ?" for k in view.key_names)
        rows = tx.execute(f"SELECT {', '.join(cols)} FROM entry_{view.name} WHERE {where}", _key_params(view, key))
        return _entry(view, cols, rows[0]) if rows else None

    def _stored(self, tx: Tx, view: ViewSpec) -> dict[tuple, dict]:
        """Return every stored entry of a view (withdrawn or not) by its key, inside a transaction."""
        cols = view.key_names + view.value_names + PROVENANCE
        rows = tx.execute(f"SELECT {', '.join(cols)} FROM entry_{view.name}")
        entries = [_entry(view, cols, row) for row in rows]
        return {tuple(e[k] for k in view.key_names): e for e in entries}

    def current(self, view_name: str, key: dict) -> dict | None:
        """Return a figure's entry as stored now (None when nobody entered it)."""
        self.ensure_schema()
        view = spec(view_name)
        with self.backend.transaction() as tx:
            return self._select(tx, view, key)

    def version(self, view_name: str, key: dict) -> int:
        """Return a figure's current version: 0 when nobody entered it yet."""
        entry = self.current(view_name, key)
        return entry["version"] if entry else 0

    def entries(self, view_name: str, include_withdrawn: bool = False) -> list[dict]:
        """Return every entry of a view, in key order."""
        self.ensure_schema()
        view = spec(view_name)
        cols = view.key_names + view.value_names + PROVENANCE
        where = "" if include_withdrawn else " WHERE NOT withdrawn"
        with self.backend.transaction() as tx:
            rows = tx.execute(
                f"SELECT {', '.join(cols)} FROM entry_{view.name}{where} ORDER BY {', '.join(view.key_names)}"
            )
        return [_entry(view, cols, row) for row in rows]

    def snapshot(self) -> dict[str, list[dict]]:
        """Return every active entry of every view and the whole change log, read in one consistent snapshot.

        The key "revision" holds the last change id (0 when nothing was ever entered): a cache key for readers.
        """
        self.ensure_schema()
        result: dict = {}
        with self.backend.transaction() as tx:
            if self.backend.kind == "postgresql":
                tx.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            for view in VIEWS.values():
                cols = view.key_names + view.value_names + PROVENANCE
                rows = tx.execute(
                    f"SELECT {', '.join(cols)} FROM entry_{view.name} WHERE NOT withdrawn "
                    f"ORDER BY {', '.join(view.key_names)}"
                )
                result[view.name] = [_entry(view, cols, row) for row in rows]
            rows = tx.execute(f"SELECT {', '.join(CHANGE_COLUMNS)} FROM change_log ORDER BY change_id")
            result["change_log"] = [dict(zip(CHANGE_COLUMNS, row, strict=True)) for row in rows]
        result["revision"] = result["change_log"][-1]["change_id"] if result["change_log"] else 0
        return result

    def revision(self) -> int:
        """Return the id of the last recorded change (0 when none): it changes whenever any figure changes."""
        self.ensure_schema()
        with self.backend.transaction() as tx:
            return tx.execute("SELECT coalesce(max(change_id), 0) FROM change_log")[0][0]

    def history(self, view_name: str, key: dict) -> list[dict]:
        """Return every recorded change of one figure, oldest first, values decoded."""
        self.ensure_schema()
        view = spec(view_name)
        with self.backend.transaction() as tx:
            rows = tx.execute(
                f"SELECT {', '.join(CHANGE_COLUMNS)} FROM change_log "
                "WHERE table_name = ? AND figure_key = ? ORDER BY change_id",
                [view.name, figure_key(view, key)],
            )
        return [_decode_change(row) for row in rows]

    def change_log(self) -> list[dict]:
        """Return every recorded change, oldest first (values as JSON text)."""
        self.ensure_schema()
        with self.backend.transaction() as tx:
            rows = tx.execute(f"SELECT {', '.join(CHANGE_COLUMNS)} FROM change_log ORDER BY change_id")
        return [dict(zip(CHANGE_COLUMNS, row, strict=True)) for row in rows]

    def imports(self) -> list[dict]:
        """Return every import, oldest first."""
        self.ensure_schema()
        with self.backend.transaction() as tx:
            rows = tx.execute(f"SELECT {', '.join(IMPORT_COLUMNS)} FROM imports ORDER BY imported_at")
        return [dict(zip(IMPORT_COLUMNS, row, strict=True)) for row in rows]

    # ---- writing -------------------------------------------------------------------------------------------

    def _checked(self, view: ViewSpec, facts: ReportFacts, key: dict, values: dict, source_document: str) -> dict:
        """Return the completed values of a figure, or raise RefusedError with every problem."""
        completed, problems = check_figure(view, facts, key, values, source_document)
        if problems:
            raise RefusedError(
                f"{_describe(view, key)}: " + " ".join(p.sv for p in problems),
                f"{_describe(view, key)}: " + " ".join(p.en for p in problems),
            )
        return completed

    def _write(
        self,
        tx: Tx,
        view: ViewSpec,
        key: dict,
        values: dict | None,
        source_document: str | None,
        comment: str | None,
        *,
        user: str,
        when: datetime,
        action: str,
        expected: int | None,
        import_id: str | None,
        old: dict | None | Literal[False] = False,
    ) -> int:
        """Write a figure's new state (values, or None to withdraw it) and record the change; return its version.

        `old` is the stored entry when the caller has just read it in this transaction (False: read it here).
        """
        if old is False:
            old = self._select(tx, view, key)
        current_version = old["version"] if old else 0
        if expected is not None and expected != current_version:
            raise _Stale(old)
        new_version = current_version + 1
        row = {c: None for c in view.value_names} if values is None else values
        params = [row[c] for c in view.value_names] + [
            source_document if values is not None else old["source_document"],  # type: ignore[index]
            comment,
            user,
            when,
            new_version,
            values is None,
            import_id,
        ]
        keys = _key_params(view, key)
        if old is None:
            cols = view.key_names + view.value_names + PROVENANCE
            tx.execute(
                f"INSERT INTO entry_{view.name} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
                keys + params,
            )
        else:
            sets = ", ".join(f"{c} = ?" for c in view.value_names + PROVENANCE)
            where = " AND ".join(f"{k} = ?" for k in view.key_names)
            done = tx.execute(
                f"UPDATE entry_{view.name} SET {sets} WHERE {where} AND version = ? RETURNING version",
                params + keys + [current_version],
            )
            if not done:
                raise _Stale(old)
        tx.execute(
            "INSERT INTO change_log (changed_by, changed_at, table_name, figure_key, action, version, "
            "old_value, new_value, reason, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                user,
                when,
                view.name,
                figure_key(view, key),
                action,
                new_version,
                _state_json(view, old),
                _state_json(view, None if values is None else {**values, "source_document": source_document}),
                comment,
                import_id,
            ],
        )
        return new_version

    def _run(self, view: ViewSpec, key: dict, work) -> int:
        """Run a write in a transaction; turn a stale version or a simultaneous write into a ConflictError."""
        self.ensure_schema()
        try:
            with self.backend.transaction() as tx:
                return work(tx)
        except (_Stale, Race):
            current = self.current(view.name, key)
            raise _conflict(view, key, current) from None

    def set_value(
        self,
        view_name: str,
        key: dict,
        values: dict,
        *,
        user: str,
        source_document: str,
        comment: str | None = None,
        expected_version: int,
    ) -> int:
        """Enter or correct a figure if its version is still `expected_version` (0: not entered yet).

        Returns the new version. Raises RefusedError when the report prints the figure or a value is not allowed,
        ConflictError (with the current entry) when someone else changed it first.
        """
        view = spec(view_name)
        completed = self._checked(view, self.facts(), key, values, source_document)
        return self._change(
            view, key, completed, source_document, comment, user=user, action="set", expected=expected_version
        )

    def _change(
        self,
        view: ViewSpec,
        key: dict,
        values: dict | None,
        source: str | None,
        comment: str | None,
        *,
        user: str,
        action: str,
        expected: int,
    ) -> int:
        """Record one editor's change of one figure (set, withdraw or restore) in its own transaction."""
        return self._run(
            view,
            key,
            lambda tx: self._write(
                tx,
                view,
                key,
                values,
                source,
                comment,
                user=_who(user),
                when=_now(),
                action=action,
                expected=expected,
                import_id=None,
            ),
        )

    def withdraw(self, view_name: str, key: dict, *, user: str, comment: str, expected_version: int) -> int:
        """Take an entered figure back (the report's value or gap shows again), as a recorded change."""
        view = spec(view_name)
        _need_reason(comment)
        if self.current(view_name, key) is None:
            raise RefusedError(
                f"{_describe(view, key)}: ingen har matat in värdet.",
                f"{_describe(view, key)}: nobody entered this value.",
            )
        return self._change(view, key, None, None, comment, user=user, action="withdraw", expected=expected_version)

    def restore(
        self, view_name: str, key: dict, version: int, *, user: str, comment: str, expected_version: int
    ) -> int:
        """Put back the value a figure had at an earlier version, as a new recorded change; return the new version."""
        view = spec(view_name)
        _need_reason(comment)
        earlier = [c for c in self.history(view_name, key) if c["version"] == version]
        if not earlier:
            raise RefusedError(
                f"{_describe(view, key)}: det finns ingen version {version}.",
                f"{_describe(view, key)}: there is no version {version}.",
            )
        state = earlier[0]["new_value"]
        reason = f"{comment} (återställd till version {version} / restored to version {version})"
        if state is None:
            return self._change(view, key, None, None, reason, user=user, action="restore", expected=expected_version)
        source = state.pop("source_document")
        completed = self._checked(view, self.facts(), key, state, source)
        return self._change(
            view, key, completed, source, reason, user=user, action="restore", expected=expected_version
        )

    def import_figures(
        self,
        figures: list[tuple],
        *,
        user: str,
        file_name: str | None,
        comment: str | None = None,
        facts: ReportFacts | None = None,
    ) -> dict:
        """Write (view, key, values, source_document[, comment]) figures in one transaction; all or nothing.

        A row's own comment is recorded, else the import's. A figure equal to its current entry is left as it is.
        Returns the import's record.
        """
        self.ensure_schema()
        facts, who, when = facts or self.facts(), _who(user), _now()
        checked = []
        for view_name, key, values, source, *rest in figures:
            view = spec(view_name)
            row_comment = (rest[0] if rest else None) or comment
            checked.append((view, key, self._checked(view, facts, key, values, source), source, row_comment))
        import_id = str(uuid.uuid4())
        try:
            with self.backend.transaction() as tx:
                tx.execute(
                    "INSERT INTO imports (import_id, imported_by, imported_at, file_name, row_count, "
                    "change_count) VALUES (?, ?, ?, ?, ?, 0)",
                    [import_id, who, when, file_name, len(figures)],
                )
                changes = 0
                views = {view.name: view for view, *_ in checked}
                stored = {name: self._stored(tx, view) for name, view in views.items()}  # one read per view
                for view, key, values, source, row_comment in checked:
                    old = stored[view.name].get(tuple(key[k] for k in view.key_names))
                    if (
                        old
                        and not old["withdrawn"]
                        and old["source_document"] == source
                        and all(old[c] == values[c] for c in view.value_names)
                    ):
                        continue
                    self._write(
                        tx,
                        view,
                        key,
                        values,
                        source,
                        row_comment,
                        user=who,
                        when=when,
                        action="import",
                        expected=None,
                        import_id=import_id,
                        old=old,
                    )
                    changes += 1
                tx.execute("UPDATE imports SET change_count = ? WHERE import_id = ?", [changes, import_id])
        except Race:
            raise ConflictError(
                "Någon annan ändrade samma värden under importen; inget importerades. Försök igen.",
                "Someone else changed the same figures during the import; nothing was imported. Try again.",
                None,
            ) from None
        return {"import_id": import_id, "row_count": len(figures), "change_count": changes}

    def undo_import(self, import_id: str, *, user: str, comment: str) -> int:
        """Undo a whole import as recorded changes (all or nothing); return the number of figures put back.

        Refused when a figure the import wrote was changed again since (that later change is not overwritten).
        """
        self.ensure_schema()
        _need_reason(comment)
        who, when = _who(user), _now()
        try:
            with self.backend.transaction() as tx:
                found = tx.execute("SELECT undone_at FROM imports WHERE import_id = ?", [import_id])
                if not found:
                    raise RefusedError(f"Det finns ingen import {import_id}.", f"There is no import {import_id}.")
                if found[0][0] is not None:
                    raise RefusedError(
                        f"Importen {import_id} är redan ångrad.", f"The import {import_id} is already undone."
                    )
                changes = tx.execute(
                    "SELECT table_name, figure_key, version, old_value FROM change_log "
                    "WHERE import_id = ? AND action = 'import' ORDER BY change_id",
                    [import_id],
                )
                later = []
                for table, key_json, version, _old in changes:
                    entry = self._select(tx, spec(table), json.loads(key_json))
                    if entry is None or entry["version"] != version:
                        later.append(f"{table} {key_json}")
                if later:
                    raise ConflictError(
                        "Importen går inte att ångra: värden har ändrats efter den: " + "; ".join(later) + ".",
                        "The import cannot be undone: figures were changed after it: " + "; ".join(later) + ".",
                        None,
                    )
                for table, key_json, version, old_json in changes:
                    view, key = spec(table), json.loads(key_json)
                    old = json.loads(old_json) if old_json else None
                    source = old.pop("source_document") if old else None
                    self._write(
                        tx,
                        view,
                        key,
                        old,
                        source,
                        comment,
                        user=who,
                        when=when,
                        action="undo_import",
                        expected=version,
                        import_id=import_id,
                    )
                tx.execute(
                    "UPDATE imports SET undone_by = ?, undone_at = ?, undo_reason = ? WHERE import_id = ?",
                    [who, when, comment, import_id],
                )
        except (Race, _Stale):
            raise ConflictError(
                "Någon annan ändrade värdena under tiden; inget ångrades. Försök igen.",
                "Someone else changed the figures meanwhile; nothing was undone. Try again.",
                None,
            ) from None
        return len(changes)


class _Stale(Exception):
    """The figure's version is not the one the editor saw."""

    def __init__(self, current: dict | None) -> None:
        super().__init__("stale version")
        self.current = current


def _conflict(view: ViewSpec, key: dict, current: dict | None) -> ConflictError:
    """Return the error the second of two editors gets, showing the figure as it is now."""
    if current is None or current["withdrawn"]:
        now_sv, now_en = "värdet är nu borttaget", "the value is now withdrawn"
    else:
        shown = ", ".join(f"{c}={current[c]}" for c in view.value_names if current[c] is not None)
        now_sv, now_en = f"nu gäller {shown}", f"it is now {shown}"
    by = f" ({current['entered_by']}, {current['entered_at']:%Y-%m-%d %H:%M} UTC)" if current else ""
    return ConflictError(
        f"{_describe(view, key)}: någon annan ändrade värdet medan du arbetade; {now_sv}{by}. "
        "Din ändring sparades inte; kontrollera och spara igen.",
        f"{_describe(view, key)}: someone else changed this figure while you were working; {now_en}{by}. "
        "Your change was not saved; check and save again.",
        current,
    )


def _state_json(view: ViewSpec, state: dict | None) -> str | None:
    """Return a figure's values and source document as JSON, or None when it has no (active) entry."""
    if state is None or state.get("withdrawn"):
        return None
    return json.dumps({c: state[c] for c in (*view.value_names, "source_document")}, ensure_ascii=False)


def _decode_change(row: tuple) -> dict:
    """Return a change-log row with its key and values decoded from JSON."""
    change = dict(zip(CHANGE_COLUMNS, row, strict=True))
    for col in ("figure_key", "old_value", "new_value"):
        change[col] = json.loads(change[col]) if change[col] else None
    return change


def _who(user: str) -> str:
    """Return the editor's name, refusing an empty one."""
    if not (user or "").strip():
        raise RefusedError("Ange vem som gör ändringen.", "Say who makes the change.")
    return user.strip()


def _need_reason(comment: str | None) -> None:
    """Refuse a restore, withdrawal or undo without a reason."""
    if not (comment or "").strip():
        raise RefusedError("Ange en anledning till ändringen.", "Give a reason for the change.")
