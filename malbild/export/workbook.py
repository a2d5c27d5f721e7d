"""Excel downloads written row by row: linear time and memory, every text a text cell (never a formula).

Every workbook Målbild writes from rows (the Projects download, the change log's, `malbild export OUT.xlsx`) is
built here, with openpyxl's write-only mode: each row goes to the file as it is appended, so time and memory grow
with the number of cells and nothing reads the sheet back (the old per-row `sheet[sheet.max_row]` scanned every
cell written so far, which made 100 000 rows take longer than anyone waits). Column widths and frozen panes are
set when the sheet is made, before its first row, as the write-only mode requires.

Callers neutralise what a spreadsheet could read as a formula first (`malbild.texts.safe.cell`) where the file is
for people; `append_row` then stores every text as a string cell, so even '=…' stays text.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from malbild.texts.safe import cell

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)


def new_book() -> Workbook:
    """Return an empty workbook that streams its rows (openpyxl's write-only mode)."""
    return Workbook(write_only=True)


def new_sheet(book: Workbook, title: str, widths: Sequence[float] = (), *, freeze_header: bool = False):
    """Add a sheet (title cut to Excel's 31 characters) with column widths and, optionally, a frozen header row."""
    sheet = book.create_sheet(title[:31])
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    if freeze_header:
        sheet.freeze_panes = "A2"
    return sheet


def append_row(sheet, values: Iterable[object], *, font: Font | None = None, formats: dict[int, str] | None = None):
    """Append one row; texts stay text cells (never formulas), datetimes lose their zone (Excel has none).

    `formats` maps a 1-based column to a number format; `font` applies to every cell of the row. openpyxl stores
    a plain value as fast as it can; a cell object is made only where a value needs one (a style, or a text that
    openpyxl would otherwise store as a formula or an error code), as making one per cell triples the time.
    """
    row: list[object] = []
    for column, value in enumerate(values, start=1):
        if isinstance(value, datetime):
            value = value.replace(tzinfo=None)
        forced = isinstance(value, str) and (value.startswith("=") or value in ERROR_CODES)
        if not (forced or font is not None or (formats and column in formats)):
            row.append(value)
            continue
        written = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            written.data_type = "s"
        if font is not None:
            written.font = font
        if formats and column in formats:
            written.number_format = formats[column]
        row.append(written)
    sheet.append(row)


def to_bytes(book: Workbook) -> bytes:
    """Return the finished workbook as bytes."""
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def table_xlsx(frame: pd.DataFrame, title: str) -> bytes:
    """A table as a one-sheet workbook: a bold, frozen header row and every cell neutralised (never a formula)."""
    book = new_book()
    sheet = new_sheet(book, title, freeze_header=True)
    append_row(sheet, [cell(c) for c in frame.columns], font=BOLD)
    for record in frame.itertuples(index=False):
        append_row(sheet, [cell(v.item() if hasattr(v, "item") else v) for v in record])
    return to_bytes(book)
