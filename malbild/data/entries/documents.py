"""Reports staff add, kept in the entries store so a rebuild of the report's database (`make db`) keeps them.

Two tables beside the entries: report_document (one row per added document, the columns of the contract view
source_document) and report_document_line (its text by line and page). Adding one is recorded in the change log
(table source_document, action add_document: who and when). Documents are only added, never changed.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from malbild.data.documents import DOCUMENT_COLUMNS, LINE_COLUMNS, Document
from malbild.data.entries.backends import Race
from malbild.data.entries.errors import RefusedError

if TYPE_CHECKING:
    from malbild.data.entries.store import EntriesStore

SCHEMA = [
    (
        "CREATE TABLE IF NOT EXISTS report_document (document VARCHAR PRIMARY KEY, title VARCHAR NOT NULL, "
        "report_year INTEGER NOT NULL, publisher VARCHAR NOT NULL, file_name VARCHAR NOT NULL, "
        "sha256 VARCHAR NOT NULL UNIQUE, pages INTEGER, added_at TIMESTAMP NOT NULL, added_by VARCHAR NOT NULL)"
    ),
    (
        "CREATE TABLE IF NOT EXISTS report_document_line (document VARCHAR NOT NULL, line_no INTEGER NOT NULL, "
        "page INTEGER, text VARCHAR NOT NULL, PRIMARY KEY (document, line_no))"
    ),
]
# Lines written per INSERT statement (4 parameters each: well under PostgreSQL's 65 535).
BATCH = 1000


def stored_documents(store: EntriesStore) -> list[dict]:
    """Every document staff added, oldest first, as dicts of DOCUMENT_COLUMNS."""
    store.ensure_schema()
    with store.backend.transaction() as tx:
        rows = tx.execute(f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM report_document ORDER BY added_at, document")
    return [dict(zip(DOCUMENT_COLUMNS, row, strict=True)) for row in rows]


def stored_texts(store: EntriesStore) -> tuple[list[tuple], list[tuple]]:
    """The added documents' registry rows and all their lines (LINE_COLUMNS), read in one transaction."""
    store.ensure_schema()
    with store.backend.transaction() as tx:
        documents = tx.execute(f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM report_document ORDER BY document")
        lines = tx.execute(f"SELECT {', '.join(LINE_COLUMNS)} FROM report_document_line ORDER BY document, line_no")
    return documents, lines


def _registry_json(doc: Document) -> str:
    """The registry row as the change log records it (JSON, the time in ISO 8601)."""
    row = {c: getattr(doc, c) for c in DOCUMENT_COLUMNS}
    row["added_at"] = doc.added_at.isoformat(timespec="seconds")
    return json.dumps(row, ensure_ascii=False)


def store_document(store: EntriesStore, doc: Document, comment: str | None = None) -> None:
    """Write a document and its lines in one transaction and record it in the change log (all or nothing).

    Raises RefusedError when the same key or the same file (SHA-256) was stored meanwhile.
    """
    store.ensure_schema()
    taken = RefusedError(
        f"Filen {doc.file_name} eller dokumentet {doc.document} lades till av någon annan under tiden. "
        "Inget lades till; se listan över dokument.",
        f"The file {doc.file_name} or the document {doc.document} was added by someone else meanwhile. "
        "Nothing was added; see the list of documents.",
    )
    try:
        with store.backend.transaction() as tx:
            found = tx.execute(
                "SELECT document FROM report_document WHERE document = ? OR sha256 = ?", [doc.document, doc.sha256]
            )
            if found:
                raise taken
            tx.execute(
                f"INSERT INTO report_document ({', '.join(DOCUMENT_COLUMNS)}) "
                f"VALUES ({', '.join('?' for _ in DOCUMENT_COLUMNS)})",
                list(doc.row()),
            )
            for start in range(0, len(doc.lines), BATCH):
                chunk = doc.lines[start : start + BATCH]
                tx.execute(
                    f"INSERT INTO report_document_line ({', '.join(LINE_COLUMNS)}) VALUES "
                    + ", ".join("(?, ?, ?, ?)" for _ in chunk),
                    [value for n, page, text in chunk for value in (doc.document, n, page, text)],
                )
            tx.execute(
                "INSERT INTO change_log (changed_by, changed_at, table_name, figure_key, action, version, "
                "old_value, new_value, reason, import_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    doc.added_by,
                    doc.added_at,
                    "source_document",
                    json.dumps({"document": doc.document}),
                    "add_document",
                    1,
                    None,
                    _registry_json(doc),
                    comment,
                    None,
                ],
            )
    except Race:
        raise taken from None
