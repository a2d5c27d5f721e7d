"""Stream chosen sheets of an Excel workbook row by row, reading nothing else and stopping at a cell budget.

openpyxl's `load_workbook(read_only=True)` measures every sheet when it opens the file: a sheet without a
`<dimension>` element (easy to leave out) is parsed to its end, so a hostile extra sheet of a million rows costs
minutes before a single row is asked for. Here openpyxl's own reader opens the package (content types, shared
strings, workbook, styles: what dates and formulas need) and openpyxl's sheet parser streams only the sheets asked
for, one row at a time. Nothing is evaluated: a formula is reported as a formula.

This uses `openpyxl.reader.excel.ExcelReader` and `openpyxl.worksheet._reader.WorkSheetParser` (openpyxl 3.1),
the pieces `load_workbook` and read-only worksheets are built from; tests/test_entries_import.py covers them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.worksheet._reader import WorkSheetParser


class CellBudgetExceeded(Exception):
    """The sheets read so far hold more cells than the budget allows (counted before a row is built)."""


class SheetStream:
    """A workbook opened for streaming: its sheet names in order, and the rows of a sheet read on demand."""

    def __init__(self, path: Path, max_cells: int) -> None:
        reader = ExcelReader(str(path), read_only=True, keep_vba=False, data_only=False, keep_links=False)
        try:
            reader.read_manifest()
            reader.read_strings()
            reader.read_workbook()
            apply_stylesheet(reader.archive, reader.wb)
            self._parts = {
                sheet.name: rel.target
                for sheet, rel in reader.parser.find_sheets()
                if rel.target in reader.valid_files and "chartsheet" not in rel.Type
            }
            self.names = [sheet.name for sheet, _ in reader.parser.find_sheets()]
        except BaseException:
            reader.archive.close()
            raise
        self._reader = reader
        self._cells_left = max_cells

    def rows(self, name: str) -> Iterator[tuple[int, list[tuple[object, bool]]]]:
        """Yield (row number, [(value, is_formula), …] by column from A) for each row of a sheet that holds cells.

        Every cell position up to the row's last cell counts against the budget, empty ones too.
        """
        part = self._parts.get(name)
        if part is None:
            return
        book = self._reader.wb
        with self._reader.archive.open(part) as source:
            parser = WorkSheetParser(
                source,
                self._reader.shared_strings,
                data_only=False,
                epoch=book.epoch,
                date_formats=book._date_formats,  # noqa: SLF001 - what openpyxl's read-only sheets pass too
                timedelta_formats=book._timedelta_formats,  # noqa: SLF001
            )
            for number, cells in parser.parse():
                width = max((c["column"] for c in cells), default=0)
                self._cells_left -= width
                if self._cells_left < 0:
                    raise CellBudgetExceeded
                row: list[tuple[object, bool]] = [(None, False)] * width
                for c in cells:
                    row[c["column"] - 1] = (c["value"], c["data_type"] == "f")
                yield number, row

    def close(self) -> None:
        """Close the file."""
        self._reader.archive.close()
