"""Source documents as data: the bundled registry (data/source/documents.csv) and a text's numbered lines.

Every document's text is kept in one form: lines numbered from 1 within the document, each with its page (a
PDF's page, or the page a text file's form feeds mark; None when the text has no pages). The bundled 2018 text and
a report staff add (malbild.data.add_report) both go through `numbered_lines`, so one viewer shows any document.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from malbild.paths import DATA_DIR

REGISTRY_NAME = "documents.csv"
# The columns of the contract view source_document, in order.
DOCUMENT_COLUMNS = (
    "document",
    "title",
    "report_year",
    "publisher",
    "file_name",
    "sha256",
    "pages",
    "added_at",
    "added_by",
)
LINE_COLUMNS = ("document", "line_no", "page", "text")


@dataclass(frozen=True)
class Document:
    """One source document: its registry row (DOCUMENT_COLUMNS) and its numbered lines (line_no, page, text)."""

    document: str
    title: str
    report_year: int
    publisher: str
    file_name: str
    sha256: str
    pages: int | None
    added_at: datetime
    added_by: str
    lines: tuple[tuple[int, int | None, str], ...]

    def row(self) -> tuple:
        """The registry row, in DOCUMENT_COLUMNS order."""
        return tuple(getattr(self, c) for c in DOCUMENT_COLUMNS)


def sha256(data: bytes) -> str:
    """The SHA-256 of a file's bytes, as 64 hex digits (how a document is recognised when it comes again)."""
    return hashlib.sha256(data).hexdigest()


def numbered_lines(pages: list[str]) -> tuple[tuple[int, int | None, str], ...]:
    """Number a text's lines from 1 across its pages: (line_no, page, text).

    `pages` is the text of each page in order; a single text without pages is passed as one item and gets page
    None. Line breaks split lines (a final empty line is not one); a page's text never runs into the next page.
    """
    numbered: list[tuple[int, int | None, str]] = []
    paged = len(pages) > 1
    for number, page in enumerate(pages, start=1):
        lines = page.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        start = len(numbered) + 1
        numbered += [(start + i, number if paged else None, line) for i, line in enumerate(lines)]
    return tuple(numbered)


def text_pages(text: str) -> list[str]:
    """Split a plain text into pages at form feeds (as pdftotext writes them); one page when it has none."""
    pages = text.split("\f")
    if len(pages) > 1 and pages[-1].strip() == "":
        pages.pop()
    return pages


def registry_file(data_dir: Path) -> Path:
    """The registry of the documents bundled with a data folder (the repository's when the folder has none)."""
    candidate = data_dir / "source" / REGISTRY_NAME
    return candidate if candidate.exists() else DATA_DIR / "source" / REGISTRY_NAME


def document_file(data_dir: Path, file_name: str) -> Path:
    """A bundled document's text file: in the data folder's source/, else the repository's."""
    candidate = data_dir / "source" / file_name
    return candidate if candidate.exists() else DATA_DIR / "source" / file_name


def bundled_documents(data_dir: Path) -> list[Document]:
    """Read the bundled registry and each document's text (UTF-8) into Documents, in the registry's order."""
    documents = []
    text = registry_file(data_dir).read_text(encoding="utf-8-sig")
    for row in csv.DictReader(io.StringIO(text, newline="")):
        raw = document_file(data_dir, row["file_name"]).read_bytes()
        lines = numbered_lines(text_pages(raw.decode("utf-8")))
        pages = max((p for _, p, _ in lines if p is not None), default=None)
        documents.append(
            Document(
                row["document"],
                row["title"],
                int(row["report_year"]),
                row["publisher"],
                row["file_name"],
                sha256(raw),
                pages,
                datetime.fromisoformat(row["added_at"]),
                row["added_by"],
                lines,
            )
        )
    return documents


def bundled_files(data_dir: Path) -> list[Path]:
    """The registry and every document file it names (what the build's checksum covers)."""
    registry = registry_file(data_dir)
    names = [row["file_name"] for row in csv.DictReader(io.StringIO(registry.read_text(encoding="utf-8-sig")))]
    return [registry, *(document_file(data_dir, name) for name in names)]
