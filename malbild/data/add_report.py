"""Adding a report: `malbild add-report FILE --year 2019 --title "Årsredovisning 2019"` and the Import page.

The file's text is read page by page (malbild.data.report_text) into the line-numbered form every document has
(malbild.data.documents), checked against the documents already there (the bundled ones in the report's database
and those staff added), and stored in the entries store with its change-log record, so a rebuild keeps it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import duckdb

from malbild.data.documents import DOCUMENT_COLUMNS, Document, numbered_lines, sha256
from malbild.data.entries.documents import store_document, stored_documents
from malbild.data.entries.errors import RefusedError
from malbild.data.entries.store import EntriesStore
from malbild.data.report_text import report_pages

PUBLISHER = "Region Västerbotten"


class YearHasReport(RefusedError):
    """A report for this year is there already: adding a second needs the editor's confirmation (`again`)."""

    def __init__(self, year: int, existing: dict) -> None:
        super().__init__(
            f"Det finns redan en rapport för {year}: {existing['title']} ({existing['document']}). "
            "Inget lades till. Lägg bara till en andra rapport för samma år om det är avsikten, och bekräfta det.",
            f"There is already a report for {year}: {existing['title']} ({existing['document']}). Nothing was "
            "added. Add a second report for the same year only if that is what you mean, and confirm it.",
        )
        self.year = year
        self.existing = existing


def known_documents(store: EntriesStore) -> list[dict]:
    """Every document there is: the report database's own (bundled) ones, then those staff added."""
    report = store.report
    con = (
        report.cursor()
        if isinstance(report, duckdb.DuckDBPyConnection)
        else duckdb.connect(str(report), read_only=True)
    )
    try:
        rows = con.execute(
            f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM src.source_document ORDER BY document"
        ).fetchall()
    finally:
        con.close()
    return [dict(zip(DOCUMENT_COLUMNS, row, strict=True)) for row in rows] + stored_documents(store)


def _key(year: int, taken: set[str]) -> str:
    """The new document's key: 'ar2019', or 'ar2019-2', 'ar2019-3', … when a report for the year is there."""
    key, n = f"ar{year}", 1
    while key in taken:
        n += 1
        key = f"ar{year}-{n}"
    return key


def _check_fields(year: int, title: str, user: str) -> None:
    """Refuse a year outside 2000–2100, an empty title or no editor's name."""
    if not 2000 <= year <= 2100:
        raise RefusedError(
            f"Året {year} går inte att använda: ange det år rapporten gäller (2000–2100).",
            f"The year {year} cannot be used: give the year the report covers (2000–2100).",
        )
    if not title.strip():
        raise RefusedError("Ange rapportens titel, t.ex. Årsredovisning 2019.", "Give the report's title.")
    if not user.strip():
        raise RefusedError("Ange vem som lägger till rapporten.", "Say who adds the report.")


def add_report(
    store: EntriesStore,
    data: bytes,
    file_name: str,
    *,
    year: int,
    title: str,
    user: str,
    again: bool = False,
    publisher: str = PUBLISHER,
    comment: str | None = None,
) -> Document:
    """Add a report (PDF or UTF-8 text) as a source document; return it (its key, e.g. 'ar2019', and its lines).

    Refused, each with a sentence saying what to do (RefusedError; YearHasReport for the year): a file that is not
    a PDF or text, is encrypted or has no text layer; a file added before (same SHA-256); a year that has a report
    already, unless `again` (the editor confirmed a second one for the year).
    """
    file_name = Path(file_name).name
    _check_fields(year, title, user)
    pages, page_count = report_pages(data, file_name)
    documents = known_documents(store)
    digest = sha256(data)
    for existing in documents:
        if existing["sha256"] == digest:
            raise RefusedError(
                f"Filen {file_name} är redan tillagd: den är {existing['title']} ({existing['document']}, "
                f"tillagd av {existing['added_by']}). Inget lades till.",
                f"The file {file_name} was added before: it is {existing['title']} ({existing['document']}, "
                f"added by {existing['added_by']}). Nothing was added.",
            )
    same_year = [d for d in documents if int(d["report_year"]) == year]
    if same_year and not again:
        raise YearHasReport(year, same_year[0])
    doc = Document(
        _key(year, {d["document"] for d in documents}),
        title.strip(),
        year,
        publisher,
        file_name,
        digest,
        page_count,
        datetime.now(UTC).replace(tzinfo=None, microsecond=0),
        user.strip(),
        numbered_lines(pages),
    )
    store_document(store, doc, comment)
    return doc
