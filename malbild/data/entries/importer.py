"""Import a year's figures from an Excel workbook or CSV files: a preview of every row's problems, then one write."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from malbild import fmt
from malbild.data.entries import citations
from malbild.data.entries.errors import EntryError
from malbild.data.entries.facts import ReportFacts
from malbild.data.entries.rules import FORMULA_START, check_figure
from malbild.data.entries.store import EntriesStore
from malbild.data.entries.views import VIEWS, Column, ViewSpec

# One import holds at most this many data rows (all sheets and files together): a year is about 210 rows, and
# 50 000 took 114 s to write and 318 s to undo. A sheet is read no further than this, so a huge one stops early.
MAX_IMPORT_ROWS = 5_000
# A workbook's named sheets are read up to this many cells in all (20 columns of MAX_IMPORT_ROWS rows).
MAX_IMPORT_CELLS = 20 * MAX_IMPORT_ROWS
# A workbook's shared strings are parsed whole when it is opened: refuse a file whose table of them is larger.
MAX_SHARED_STRINGS_BYTES = 32 * 1024 * 1024
# Every imported row cites where it stands: a document (its key, e.g. ar2018) and its lines ('120–124'), or a page.
EXTRA = (
    Column("document", "text", "VARCHAR"),
    Column("lines", "text", "VARCHAR", required=False),
    Column("page", "int", "INTEGER", required=False),
    Column("comment", "text", "VARCHAR", required=False),
)
EXTRA_COLUMNS = tuple(c.name for c in EXTRA)
# A figure typed into the editor's form names its source in words (source_document), as before.
FORM_EXTRA = (Column("source_document", "text", "VARCHAR"), Column("comment", "text", "VARCHAR", required=False))
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2009\u2007"), " ")
_NUMBER = re.compile(r"[+-]?(\d{1,3}( \d{3})+|\d+)([,.]\d+)?")
_TRUE = {"true", "ja", "sant", "yes", "1"}
_FALSE = {"false", "nej", "falskt", "no", "0"}
EXAMPLES: dict[str, dict[str, object]] = {
    "goal_assessment": {
        "goal_id": 1,
        "year": 2019,
        "level": 2,
        "note": "Målet har delvis uppnåtts",
        "document": "ar2018",
        "lines": "120–124",
    },
    "recommendation_progress": {
        "goal_id": 1,
        "year": 2019,
        "progress": "partly",
        "document": "ar2018",
        "lines": "120–124",
    },
    "project_grant": {
        "goal_id": 1,
        "year": 2019,
        "owner": "Umeå kommun",
        "project": "Exempelprojektet",
        "amount_sek": 1234567,
        "document": "ar2018",
        "lines": "120–124",
    },
    "hr_metric": {
        "metric": "avg_age",
        "year": 2019,
        "grp": "all",
        "value": 47,
        "unit": "years",
        "document": "ar2018",
        "lines": "120–124",
    },
    "financial_goal": {
        "goal_key": "liquidity_ratio",
        "year": 2019,
        "value": 1.2,
        "met": True,
        "document": "ar2018",
        "lines": "120–124",
    },
    "verdict": {
        "verdict_key": "operational_result",
        "year": 2019,
        "wording_sv": "När det gäller det verksamhetsmässiga resultatet är detta delvis förenligt med fullmäktiges mål",
        "outcome": "partly",
        "document": "ar2018",
        "lines": "120–124",
    },
    "goal_text": {
        "goal_id": 1,
        "year": 2019,
        "kind": "outcome",
        "text_sv": "Arbetet bedöms utvecklas i enlighet med rekommendationerna.",
        "document": "ar2018",
        "lines": "120–124",
    },
    "subgoal": {
        "subgoal_id": "1.9",
        "goal_id": 1,
        "text_sv": "Exempel på delmål",
        "document": "ar2018",
        "lines": "120",
    },
    "goal_portfolio": {
        "goal_id": 1,
        "year": 2019,
        "metric": "ongoing_projects",
        "value": 26,
        "unit": "count",
        "document": "ar2018",
        "lines": "120–124",
    },
    "ongoing_project": {"area": "Digitalisering", "project": "Exempelprojektet", "document": "ar2018", "lines": "120"},
    "hr_age_band": {"year": 2019, "band": "20-29", "grp": "all", "persons": 7, "document": "ar2018", "lines": "120"},
    "finance_line": {
        "statement": "income",
        "line_order": 1,
        "year": 2019,
        "amount_tkr": 88375,
        "document": "ar2018",
        "lines": "120–124",
    },
    "finance_share": {
        "chart": "cost_distribution",
        "line_order": 1,
        "year": 2019,
        "share_pct": 32.03,
        "document": "ar2018",
        "lines": "120",
    },
    "goal_indicator": {
        "goal_id": 1,
        "year": 2019,
        "indicator_order": 1,
        "value": 34,
        "qualifier": "exact",
        "document": "ar2018",
        "lines": "120",
    },
    "portfolio_detail": {
        "goal_id": 5,
        "year": 2019,
        "detail": "closed_projects",
        "value": 11,
        "unit": "count",
        "document": "ar2018",
        "lines": "120",
    },
    "finance_detail": {
        "topic": "member_fees",
        "line_order": 1,
        "year": 2019,
        "value": 1234,
        "document": "ar2018",
        "lines": "120",
    },
}


class ImportRefused(EntryError):
    """The whole file is refused before its rows are checked: over a limit, or a CSV field longer than csv reads."""


def _too_many_rows(name: str) -> ImportRefused:
    """The refusal of a file (or sheet) with more data rows than one import may hold."""
    return ImportRefused(
        f"{name} har fler än {fmt.number(MAX_IMPORT_ROWS, lang='sv')} rader, det största en import får innehålla. "
        "Dela upp uppgifterna på flera filer och importera dem en i taget.",
        f"{name} has more than {fmt.number(MAX_IMPORT_ROWS, lang='en')} rows, the most one import may hold. "
        "Split the figures over several files and import them one at a time.",
    )


def _too_many_cells(name: str) -> ImportRefused:
    """The refusal of a workbook whose sheets hold more cells than an import reads."""
    return ImportRefused(
        f"{name} har fler än {fmt.number(MAX_IMPORT_CELLS, lang='sv')} celler i de blad som ska importeras. "
        "Ta bort tomma kolumner och rader som inte hör till importen, eller dela upp filen.",
        f"{name} has more than {fmt.number(MAX_IMPORT_CELLS, lang='en')} cells in the sheets to import. "
        "Delete columns and rows that are not part of the import, or split the file.",
    )


@dataclass(frozen=True)
class Cell:
    """A cell as read: its value, whether it held a formula, whether its bytes were not UTF-8."""

    value: object
    formula: bool = False
    bad_encoding: bool = False


@dataclass(frozen=True)
class ImportProblem:
    """A problem found in the file, by sheet (or CSV file), row and column, in Swedish and English."""

    sheet: str
    row: int | None
    column: str | None
    sv: str
    en: str

    def where(self, lang: str) -> str:
        """Return where the problem is, e.g. 'goal_assessment, rad 3, kolumn level'."""
        row_word, col_word = ("row", "column") if lang == "en" else ("rad", "kolumn")
        parts = (
            [self.sheet]
            + ([f"{row_word} {self.row}"] if self.row else [])
            + ([f"{col_word} {self.column}"] if self.column else [])
        )
        return ", ".join(parts)

    def message(self, lang: str) -> str:
        """Return the sentence in the given language (English, else Swedish: the entries layer's two languages)."""
        return self.en if lang == "en" else self.sv

    def line(self, lang: str) -> str:
        """Return the problem as one line of text."""
        return f"{self.where(lang)}: {self.message(lang)}"


@dataclass
class ImportRow:
    """One data row of the file, read into a figure, with its problems."""

    sheet: str
    row: int
    view: str
    key: dict
    values: dict
    source_document: str | None
    comment: str | None
    problems: list[ImportProblem] = field(default_factory=list)
    document: str | None = None
    page: int | None = None
    ranges: list[tuple[int, int]] | None = None  # the cited lines, once read
    passage: list[tuple[int, str]] = field(default_factory=list)  # the cited lines' text, when they exist
    warnings: list[ImportProblem] = field(default_factory=list)  # for the editor to confirm; they do not block

    @property
    def lines_shown(self) -> str:
        """Return the cited lines for a reader ('120–124'), or '' when none were read."""
        return citations.lines_shown(self.ranges) if self.ranges else ""


@dataclass
class Preview:
    """What an import would write: every row with its problems, and problems of the file itself."""

    rows: list[ImportRow] = field(default_factory=list)
    file_problems: list[ImportProblem] = field(default_factory=list)

    @property
    def problems(self) -> list[ImportProblem]:
        """Return every problem: the file's first, then by row."""
        return self.file_problems + [p for r in self.rows for p in r.problems]

    @property
    def warnings(self) -> list[ImportProblem]:
        """Return what the editor should check before importing (a number not in its cited lines); not blocking."""
        return [w for r in self.rows for w in r.warnings]

    @property
    def ok(self) -> bool:
        """Return whether every row is valid and there is something to import."""
        return not self.problems

    def figures(self) -> list[tuple[str, dict, dict, str | None, str | None]]:
        """Return the rows as (view, key, values, source_document, comment) for the store.

        Importing a row with warnings confirms them: they are recorded with its change ('bekräftat: …').
        """
        return [(r.view, r.key, r.values, r.source_document, _recorded_comment(r)) for r in self.rows]


def _recorded_comment(row: ImportRow) -> str | None:
    """Return a row's comment with the warnings the editor confirmed by importing it."""
    confirmed = [f"bekräftat / confirmed: {w.sv}" for w in row.warnings]
    return "; ".join([row.comment, *confirmed] if row.comment else confirmed) or None


def parse_number(text: str) -> float | int | None:
    """Read a number written the Swedish way ('1 234 567', '2,9', '−3,5') or with a decimal point; None if not one."""
    cleaned = text.translate(_SPACES).strip().replace("\u2212", "-")
    if not _NUMBER.fullmatch(cleaned):
        return None
    cleaned = cleaned.replace(" ", "").replace(",", ".")
    number = float(cleaned)
    return int(cleaned) if re.fullmatch(r"[+-]?\d+", cleaned) else number


def _problem(sheet: str, row: int | None, column: str | None, sv: str, en: str) -> ImportProblem:
    """Return a problem (a short helper so each check stays one line)."""
    return ImportProblem(sheet, row, column, sv, en)


def _convert(column, cell: Cell, sheet: str, row: int) -> tuple[object, ImportProblem | None]:
    """Convert a cell to the column's type; return the value (None when empty) or a problem."""
    name, value = column.name, cell.value
    if cell.formula:
        return None, _problem(
            sheet,
            row,
            name,
            "cellen innehåller en formel; skriv in värdet självt.",
            "the cell holds a formula; type the value itself.",
        )
    if cell.bad_encoding:
        return None, _problem(
            sheet,
            row,
            name,
            "texten är inte UTF-8; spara filen som UTF-8.",
            "the text is not UTF-8; save the file as UTF-8.",
        )
    if isinstance(value, str):
        value = value.strip()
    if value is None or value == "":
        return None, None
    if isinstance(value, (datetime, date)):
        return None, _problem(
            sheet,
            row,
            name,
            f"{value} är ett datum, inte ett värde för {name}.",
            f"{value} is a date, not a value for {name}.",
        )
    if column.kind in ("int", "float"):
        number = (
            value
            if isinstance(value, (int, float)) and not isinstance(value, bool)
            else (parse_number(value) if isinstance(value, str) else None)
        )
        if number is None:
            return None, _problem(
                sheet,
                row,
                name,
                f"{value!r} är inte ett tal (skriv t.ex. 1 234 567 eller 2,9).",
                f"{value!r} is not a number (write e.g. 1 234 567 or 2,9).",
            )
        if column.kind == "int":
            if float(number) != int(number):
                return None, _problem(
                    sheet, row, name, f"{value!r} är inte ett heltal.", f"{value!r} is not a whole number."
                )
            return int(number), None
        return float(number), None
    if column.kind == "bool":
        if isinstance(value, bool):
            return value, None
        word = str(value).lower()
        if word in _TRUE | _FALSE:
            return word in _TRUE, None
        return None, _problem(sheet, row, name, f"{value!r}: skriv ja eller nej.", f"{value!r}: write yes or no.")
    text = str(value) if not isinstance(value, float) or not value.is_integer() else str(int(value))
    if text.startswith(FORMULA_START):
        return None, _problem(
            sheet,
            row,
            name,
            "en text får inte börja med =, +, -, @ (den kan tolkas som en formel).",
            "a text must not start with =, +, -, @ (it could be read as a formula).",
        )
    return text, None


def _read_row(
    view: ViewSpec, facts: ReportFacts, sheet: str, row_no: int, cells: dict[str, Cell], *, form: bool = False
) -> ImportRow:
    """Read one data row into a figure and list its problems (its citation is checked by `_check_citation`).

    A row of a file cites a document and its lines (or page); a figure typed into the form names its source_document.
    """
    problems: list[ImportProblem] = []
    parsed: dict[str, Any] = {}
    failed: set[str] = set()
    for column in (*view.columns, *(FORM_EXTRA if form else EXTRA)):
        value, problem = _convert(column, cells.get(column.name, Cell(None)), sheet, row_no)
        parsed[column.name] = value
        if problem:
            problems.append(problem)
            failed.add(column.name)
    key = {k: parsed[k] for k in view.key_names}
    values = {k: parsed[k] for k in view.value_names}
    row = ImportRow(sheet, row_no, view.name, key, values, parsed.get("source_document"), parsed["comment"], problems)
    if not form:
        row.document = parsed["document"]
        _read_citation(row, parsed, failed)
    _, rule_problems = check_figure(view, facts, key, values, row.source_document or ("" if form else "-"))
    problems += [
        _problem(sheet, row_no, p.column, p.sv, p.en)
        for p in rule_problems
        if p.column not in failed and not (p.column == "source_document" and ("source_document" in failed or not form))
    ]
    if not form and all(parsed.get(k) == v for k, v in EXAMPLES[view.name].items()):
        problems.append(
            _problem(
                sheet,
                row_no,
                None,
                "det här är mallens exempelrad; ersätt eller ta bort den.",
                "this is the template's example row; replace or delete it.",
            )
        )
    return row


def _read_citation(row: ImportRow, parsed: dict[str, Any], failed: set[str]) -> None:
    """Read a row's document and lines (or page) into its citation; list what is missing or not in that form."""
    if "document" in failed or "lines" in failed or "page" in failed:
        return
    if not parsed.get("document"):
        row.problems.append(
            _problem(
                row.sheet,
                row.row,
                "document",
                f"ange vilket dokument raden kommer från (t.ex. {citations.BUNDLED_DOCUMENT}).",
                f"say which document the row comes from (e.g. {citations.BUNDLED_DOCUMENT}).",
            )
        )
        return
    if parsed.get("lines") is None and parsed.get("page") is None:
        row.problems.append(
            _problem(
                row.sheet,
                row.row,
                "lines",
                "ange raderna (t.ex. 120–124) eller sidan där uppgiften står.",
                "give the lines (e.g. 120–124) or the page where the figure stands.",
            )
        )
        return
    if parsed.get("lines") is not None:
        row.ranges = citations.parse_lines(str(parsed["lines"]))
        if row.ranges is None:
            row.problems.append(
                _problem(
                    row.sheet,
                    row.row,
                    "lines",
                    f"{parsed['lines']!r}: skriv raderna som 120–124, 130 eller 120–124;130.",
                    f"{parsed['lines']!r}: write the lines as 120–124, 130 or 120–124;130.",
                )
            )
    else:
        row.page = parsed["page"]


def _check_citations(
    preview: Preview, con: duckdb.DuckDBPyConnection, added: dict[str, list[tuple[int, int | None, str]]]
) -> None:
    """Check that every row's cited lines exist in its document; keep their passage; warn of numbers not in them."""
    known: dict[tuple[str, int, int], list[tuple[int, str]] | None] = {}
    spans: dict[str, tuple[int, int]] = {}
    for row in preview.rows:  # every document's cited lines are read in one passage when they all exist
        for first, last in row.ranges or []:
            low, high = spans.get(str(row.document), (first, last))
            spans[str(row.document)] = (min(low, first), max(high, last))
    whole = {document: citations.passage(con, document, *span, added=added) for document, span in spans.items()}

    def read(document: str, first: int, last: int) -> list[tuple[int, str]] | None:
        """Read a passage (from the document's whole cited span when it exists, else on its own), once per import."""
        if (document, first, last) not in known:
            lines = whole.get(document)
            if lines and lines[0][0] <= first and last <= lines[-1][0]:
                known[(document, first, last)] = lines[first - lines[0][0] : last - lines[0][0] + 1]
            else:
                known[(document, first, last)] = citations.passage(con, document, first, last, added=added)
        return known[(document, first, last)]

    for row in preview.rows:
        if row.document is None or (row.ranges is None and row.page is None):
            continue
        if row.ranges is None:
            span = citations.page_lines(con, row.document, int(row.page or 0), added=added)
            if span is None:
                row.problems.append(
                    _problem(
                        row.sheet,
                        row.row,
                        "page",
                        f"sidan {row.page} finns inte i dokumentet {row.document}; ange raderna i kolumnen lines.",
                        f"page {row.page} is not in the document {row.document}; give the lines in the column lines.",
                    )
                )
                continue
            row.ranges = [span]
        if read(row.document, 1, 1) is None:
            row.problems.append(
                _problem(
                    row.sheet,
                    row.row,
                    "document",
                    f"dokumentet {row.document!r} finns inte; dokumenten är "
                    f"{', '.join(citations.documents(con, added))}.",
                    f"there is no document {row.document!r}; the documents are "
                    f"{', '.join(citations.documents(con, added))}.",
                )
            )
            continue
        parts = [read(row.document, first, last) for first, last in row.ranges]
        if any(part is None for part in parts):
            row.problems.append(
                _problem(
                    row.sheet,
                    row.row,
                    "lines",
                    f"rad {row.lines_shown} finns inte i dokumentet {row.document}.",
                    f"line {row.lines_shown} is not in the document {row.document}.",
                )
            )
            continue
        row.passage = [line for part in parts for line in part or []]
        row.source_document = citations.citation(row.document, row.ranges)
        _warn_numbers(row)


def _warn_numbers(row: ImportRow) -> None:
    """Warn when a number of the row (a value column that is a quantity, not a code) is not in its cited lines."""
    view = VIEWS[row.view]
    numbers = [
        row.values[c.name]
        for c in view.values
        if c.kind in ("int", "float") and not c.allowed and c.name != "goal_id" and row.values.get(c.name) is not None
    ]
    for value in citations.missing_numbers(numbers, [text for _, text in row.passage]):
        shown = citations.number_shown(value, "sv")
        row.warnings.append(
            _problem(
                row.sheet,
                row.row,
                None,
                f"{shown} finns inte på rad {row.lines_shown}.",
                f"{citations.number_shown(value, 'en')} is not on line {row.lines_shown}.",
            )
        )


def _read_table(
    view: ViewSpec,
    facts: ReportFacts,
    sheet: str,
    table: list[tuple[int, list[Cell]]],
    preview: Preview,
    seen: dict[tuple, tuple[str, int]],
) -> None:
    """Check a sheet's header and read its rows into the preview (duplicates checked across the whole file)."""
    table = [(n, cells) for n, cells in table if any(c.value not in (None, "") for c in cells)]
    if not table:
        return
    header = [str(c.value).strip().lower() if c.value is not None else "" for c in table[0][1]]
    allowed = set(view.key_names + view.value_names + EXTRA_COLUMNS)
    required = [c.name for c in view.columns if c.required] + ["document"]
    for name in header:
        if name and name not in allowed:
            preview.file_problems.append(
                _problem(
                    sheet,
                    table[0][0],
                    name,
                    f"okänd kolumn; tillåtna kolumner: {', '.join(sorted(allowed))}.",
                    f"unknown column; allowed columns: {', '.join(sorted(allowed))}.",
                )
            )
    missing = [n for n in required if n not in header]
    for name in missing:
        preview.file_problems.append(_problem(sheet, table[0][0], name, "kolumnen saknas.", "the column is missing."))
    if missing:
        return
    for row_no, cells in table[1:]:
        if all(c.value is None or (isinstance(c.value, str) and not c.value.strip()) for c in cells):
            continue
        named = {h: c for h, c in zip(header, cells, strict=False) if h}
        row = _read_row(view, facts, sheet, row_no, named)
        key = (view.name, *(row.key[k] for k in view.key_names))
        complete = all(row.key[c.name] is not None for c in view.keys if c.required)  # a measure may be empty
        if complete and key in seen:
            first_sheet, first_row = seen[key]
            row.problems.append(
                _problem(
                    sheet,
                    row_no,
                    None,
                    f"samma nyckel som {first_sheet} rad {first_row} (dubblett).",
                    f"same key as {first_sheet} row {first_row} (duplicate).",
                )
            )
        elif complete:
            seen[key] = (sheet, row_no)
        preview.rows.append(row)


Table = list[tuple[int, list[Cell]]]


def _check_shared_strings(path: Path) -> None:
    """Refuse a workbook whose shared strings (parsed whole by openpyxl on opening) would unpack to too much.

    The part is found as openpyxl finds it (the content types' shared-strings entry), so renaming it does not help.
    """
    import zipfile

    from openpyxl.packaging.manifest import Manifest
    from openpyxl.xml.constants import ARC_CONTENT_TYPES, SHARED_STRINGS
    from openpyxl.xml.functions import fromstring

    try:
        with zipfile.ZipFile(path) as archive:
            if archive.getinfo(ARC_CONTENT_TYPES).file_size > 1024 * 1024:
                raise _too_many_cells(path.name)
            found = Manifest.from_tree(fromstring(archive.read(ARC_CONTENT_TYPES))).find(SHARED_STRINGS)
            size = archive.getinfo(found.PartName[1:]).file_size if found is not None else 0
    except ImportRefused:
        raise
    except Exception:  # noqa: BLE001 - a damaged file: openpyxl says it cannot be read as Excel
        return
    if size > MAX_SHARED_STRINGS_BYTES:
        raise _too_many_cells(path.name)


def _xlsx_tables(path: Path) -> list[tuple[str, Table | None]]:
    """Read the sheets the template names, streamed, within the limits; other sheets are listed, never read.

    Returns (sheet name, rows) in the workbook's order: rows are numbered lists of cells (formulas kept as formulas,
    never evaluated), None for a sheet the template does not name. Sheets whose name starts with _ are left out.
    """
    from malbild.data.entries.xlsx_stream import CellBudgetExceeded, SheetStream

    _check_shared_strings(path)
    book = SheetStream(path, MAX_IMPORT_CELLS)  # empty cells count too: they cost reading as well
    try:
        sheets: list[tuple[str, Table | None]] = []
        for name in book.names:
            if name.startswith("_"):
                continue
            if name not in VIEWS:
                sheets.append((name, None))
                continue
            rows: Table = []
            for i, row in book.rows(name):
                read = [Cell(value, formula=formula) for value, formula in row]
                if any(c.value not in (None, "") for c in read):
                    rows.append((i, read))
                    if len(rows) > MAX_IMPORT_ROWS + 1:  # the header and MAX_IMPORT_ROWS rows
                        raise _too_many_rows(f"{path.name}, {name}")
            sheets.append((name, rows))
        return sheets
    except CellBudgetExceeded:
        raise _too_many_cells(path.name) from None
    finally:
        book.close()


def _csv_table(path: Path) -> Table:
    """Read a CSV file (UTF-8, comma or semicolon separated) as numbered rows; mark cells that are not UTF-8.

    Refused (ImportRefused) when a field is longer than the csv module reads or the file has too many rows.
    """
    text = path.read_bytes().decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for cells in reader:
            if not any(v.strip() for v in cells):
                continue
            rows.append((reader.line_num, [Cell(v, bad_encoding=bool(re.search("[\udc80-\udcff]", v))) for v in cells]))
            if len(rows) > MAX_IMPORT_ROWS + 1:  # the header and MAX_IMPORT_ROWS rows
                raise _too_many_rows(path.name)
    except csv.Error as exc:
        limit = csv.field_size_limit()
        raise ImportRefused(
            f"{path.name} kan inte läsas: ett fält på rad {reader.line_num} är längre än "
            f"{fmt.number(limit, lang='sv')} tecken, det längsta som går att läsa. Korta texten och försök igen.",
            f"{path.name} cannot be read: a field on line {reader.line_num} is longer than "
            f"{fmt.number(limit, lang='en')} characters, the longest that can be read. Shorten the text and try again.",
        ) from exc
    return rows


def preview_files(
    paths: list[Path], facts: ReportFacts, report: Path | duckdb.DuckDBPyConnection | None = None
) -> Preview:
    """Read a workbook or CSV files (one per view, named after it) and list every row with its problems.

    Every row's cited lines are looked up in its document (through the report's database, `report`, by default
    the one the facts were read from): lines that do not exist are a problem, a number not in them a warning.

    Raises ImportRefused (a plain sentence) when a file is over a limit (MAX_IMPORT_ROWS rows in the whole import,
    MAX_IMPORT_CELLS cells read from a workbook) or a CSV field is longer than the csv module reads.
    """
    preview, seen = Preview(), {}  # type: ignore[var-annotated]
    for path in paths:
        path = Path(path)
        if not path.exists():
            preview.file_problems.append(
                _problem(path.name, None, None, "filen finns inte.", "the file does not exist.")
            )
            continue
        if path.suffix.lower() == ".xlsx":
            try:
                tables = _xlsx_tables(path)
            except ImportRefused:
                raise
            except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
                preview.file_problems.append(
                    _problem(
                        path.name,
                        None,
                        None,
                        "filen går inte att läsa som Excel (.xlsx).",
                        "the file cannot be read as Excel (.xlsx).",
                    )
                )
                continue
        elif path.suffix.lower() == ".csv":
            tables = [(path.stem, _csv_table(path))]
        else:
            preview.file_problems.append(
                _problem(
                    path.name,
                    None,
                    None,
                    "bara .xlsx och .csv kan importeras.",
                    "only .xlsx and .csv files can be imported.",
                )
            )
            continue
        for sheet, table in tables:
            if sheet.startswith("_"):
                continue
            if table is None or sheet not in VIEWS:
                preview.file_problems.append(
                    _problem(
                        sheet,
                        None,
                        None,
                        f"okänt blad; bladen heter {', '.join(VIEWS)}.",
                        f"unknown sheet; the sheets are named {', '.join(VIEWS)}.",
                    )
                )
                continue
            _read_table(VIEWS[sheet], facts, sheet, table, preview, seen)
            if len(preview.rows) > MAX_IMPORT_ROWS:
                raise _too_many_rows(", ".join(Path(p).name for p in paths))
    if preview.rows:
        _with_report(report or facts.source, lambda con: _check_citations(preview, con, facts.added_lines))
    if not preview.rows and not preview.file_problems:
        preview.file_problems.append(
            _problem(
                ", ".join(Path(p).name for p in paths),
                None,
                None,
                "det finns inga rader att importera.",
                "there are no rows to import.",
            )
        )
    return preview


def _with_report(report: Path | duckdb.DuckDBPyConnection | None, work) -> None:
    """Run work(connection) on the report's database: an open connection (a cursor of it), or the file read-only."""
    if isinstance(report, duckdb.DuckDBPyConnection):
        cur = report.cursor()
        try:
            work(cur)
        finally:
            cur.close()
        return
    from malbild.paths import db_path

    con = duckdb.connect(str(report or db_path()), read_only=True)
    try:
        work(con)
    finally:
        con.close()


def import_files(
    paths: list[Path], store: EntriesStore, *, user: str, dry_run: bool = False, comment: str | None = None
) -> tuple[Preview, dict | None]:
    """Preview the files and, when every row is valid and it is not a dry run, write them in one transaction."""
    facts = store.facts()
    preview = preview_files(paths, facts, store.report)
    if not preview.ok or dry_run:
        return preview, None
    name = ", ".join(Path(p).name for p in paths)
    return preview, store.import_figures(preview.figures(), user=user, file_name=name, comment=comment, facts=facts)


def write_template(path: Path, facts: ReportFacts) -> Path:
    """Write the import template: a sheet per view with its columns and one example row, and the allowed values."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    for view in VIEWS.values():
        sheet = book.create_sheet(view.name)
        columns = [*view.key_names, *view.value_names, *EXTRA_COLUMNS]
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.append([EXAMPLES[view.name].get(c) for c in columns])
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
        for i, name in enumerate(columns):
            sheet.column_dimensions[sheet.cell(1, i + 1).column_letter].width = max(14, len(name) + 4)
    allowed = book.create_sheet("_tillåtna_värden")
    allowed.append(["blad / sheet", "kolumn / column", "krävs / required", "tillåtna värden / allowed values"])
    for view in VIEWS.values():
        for column in (*view.columns, *EXTRA):
            allowed.append(
                [
                    view.name,
                    column.name,
                    "ja / yes" if column.required else "nej / no",
                    _allowed_text(view, column, facts),
                ]
            )
    notes = book.create_sheet("_anvisningar")
    for line in _INSTRUCTIONS:
        notes.append([line])
    book.save(path)
    return path


def _allowed_text(view: ViewSpec, column, facts: ReportFacts) -> str:
    """Return the allowed values of a column as text for the template."""
    if column.name == "goal_id":
        return ", ".join(str(g) for g in sorted(facts.goals))
    if column.name == "metric":
        return ", ".join(sorted(facts.hr_units))
    if column.name == "year":
        return "2000–2100"
    if column.name == "document":
        return citations.BUNDLED_DOCUMENT
    if column.name == "lines":
        return "rader / lines, t.ex. 120–124 eller 120–124;130 (lines eller page krävs / lines or page is required)"
    if column.name == "page":
        return "sida / page (heltal / whole number)"
    if column.allowed:
        return ", ".join(column.allowed)
    return {
        "int": "heltal / whole number, t.ex. 1 234 567",
        "float": "tal / number, t.ex. 2,9",
        "bool": "ja/nej, yes/no, true/false",
    }.get(column.kind, "text")


_INSTRUCTIONS = [
    "Mall för import till Målbild / Målbild import template",
    (
        "Ett blad per vy; bladets namn och kolumnernas namn får inte ändras. "
        "One sheet per view; do not rename sheets or columns."
    ),
    (
        "Rad 2 på varje blad är ett exempel: ersätt eller ta bort den. Row 2 of each sheet is an example: replace or "
        "delete it."
    ),
    (
        "Varje rad anger sin källa: document (dokumentets nyckel, t.ex. ar2018) och lines (raderna, t.ex. 120–124) "
        "eller page. Förhandsvisningen visar raderna bredvid värdet och varnar när ett tal inte står på dem. "
        "Every row cites its source: document (its key, e.g. ar2018) and lines (e.g. 120–124) or page."
    ),
    "Tal skrivs som 1 234 567 eller 2,9. Inga formler. Numbers as 1 234 567 or 2,9. No formulas.",
    (
        "Värden som står i årsredovisningen ersätts aldrig; luckor, härledda värden och nya år går att fylla i. "
        "Figures printed in the report are never replaced; gaps, derived values and new years can be entered."
    ),
    (
        "Tomma blad kan tas bort. Blad vars namn börjar med _ läses inte. Empty sheets may be deleted; sheets whose "
        "name starts with _ are not read."
    ),
]


def read_figure(view_name: str, facts: ReportFacts, fields: dict[str, object]) -> ImportRow:
    """Read one figure typed into a form (column name -> text) with the import's rules; its problems name columns."""
    cells = {name: Cell(None if value is None or str(value).strip() == "" else value) for name, value in fields.items()}
    return _read_row(VIEWS[view_name], facts, view_name, 1, cells, form=True)
