"""Importing a year from Excel or CSV: every kind of bad row named by sheet, row and column; all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from malbild.data.entries.facts import load_facts
from malbild.data.entries.importer import (
    EXAMPLES,
    MAX_IMPORT_CELLS,
    MAX_IMPORT_ROWS,
    ImportRefused,
    import_files,
    parse_number,
    preview_files,
    write_template,
)
from malbild.data.entries.views import VIEWS

pytest_plugins = ["entries_support"]

HEAD = {
    "goal_assessment": ["goal_id", "year", "level", "note", "document", "lines"],
    "recommendation_progress": ["goal_id", "year", "progress", "note", "document", "lines"],
    "project_grant": ["goal_id", "year", "owner", "project", "amount_sek", "document", "lines"],
    "hr_metric": ["metric", "year", "grp", "value", "unit", "note", "document", "lines"],
    "financial_goal": ["goal_key", "year", "value", "target_text", "met", "note", "document", "lines"],
    "verdict": ["verdict_key", "year", "wording_sv", "outcome", "given_by", "scope", "note", "document", "lines"],
}
GOOD = {
    "goal_assessment": [[1, 2019, 2, "Delvis uppnått", "ar2018", "4227"], [1, 2016, "3", None, "ar2018", "4227"]],
    "recommendation_progress": [[2, 2019, "in_line", None, "ar2018", "4227"]],
    "project_grant": [[1, 2019, "Umeå kommun", "Nytt projekt", "1 234 567", "ar2018", "4227"]],
    "hr_metric": [["sick_leave_pct", 2019, "women", "2,9", None, None, "ar2018", "4227"]],
    "financial_goal": [["liquidity_ratio", 2019, "1,31", None, "ja", None, "ar2018", "4227"]],
}


def workbook(
    path: Path, sheets: dict[str, list[list]], formulas: dict[tuple[str, int, int], str] | None = None
) -> Path:
    """Write a workbook: a sheet per view with the header and rows; formulas[(sheet, row, col)] become formulas."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        sheet.append(HEAD.get(name, ["x"]))
        for row in rows:
            sheet.append(row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    for (name, row, col), formula in (formulas or {}).items():
        book[name].cell(row, col).value = formula
    book.save(path)
    return path


def where(preview) -> list[tuple]:
    """Return every problem's (sheet, row, column)."""
    return [(p.sheet, p.row, p.column) for p in preview.problems]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1 234 567", 1234567),
        ("1\u00a0234\u00a0567", 1234567),
        ("2,9", 2.9),
        ("−3,5", -3.5),
        ("1.28", 1.28),
        ("12", 12),
    ],
)
def test_swedish_numbers_are_numbers(text, number):
    """Swedish thousands spaces and decimal commas read as numbers."""
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["12 kr", "1,2,3", "1 23", "två", "2,9 %", ""])
def test_other_texts_are_not_numbers(text):
    """Units, words and misplaced separators are not numbers."""
    assert parse_number(text) is None


def test_a_valid_workbook_is_imported_in_one_go(tmp_path, store):
    """Every view's rows are written with the import id, Swedish numbers converted, units and targets completed."""
    preview, result = import_files([workbook(tmp_path / "2019.xlsx", GOOD)], store, user="anna")
    assert preview.problems == [] and result["change_count"] == 6
    assert [(e["goal_id"], e["year"], e["level"]) for e in store.entries("goal_assessment")] == [
        (1, 2016, 3),
        (1, 2019, 2),
    ]
    assert store.entries("project_grant")[0]["amount_sek"] == 1234567
    hr = store.entries("hr_metric")[0]
    assert (hr["value"], hr["unit"], hr["source_document"]) == (2.9, "pct", "ar2018:4227")
    fin = store.entries("financial_goal")[0]
    assert (fin["value"], fin["met"], fin["target_text"][:25]) == (1.31, True, "Likviditeten ska vara öve")
    assert {e["import_id"] for v in HEAD for e in store.entries(v)} == {result["import_id"]}
    assert store.imports()[0]["file_name"] == "2019.xlsx"


def test_a_row_comment_is_recorded_else_the_import_comment(tmp_path, store):
    """The comment column is recorded with its row's change; rows without one get the import's comment."""
    book = tmp_path / "c.xlsx"
    workbook(book, {"goal_assessment": [[3, 2019, 2, None, "ar2018", "4227"], [4, 2019, 1, None, "ar2018", "4227"]]})
    from openpyxl import load_workbook as load

    wb = load(book)
    wb["goal_assessment"]["G1"], wb["goal_assessment"]["G2"] = "comment", "ur tabell 3"
    wb.save(book)
    import_files([book], store, user="anna", comment="årsimport")
    assert [c["reason"] for c in store.change_log()] == ["ur tabell 3", "årsimport"]
    assert [e["comment"] for e in store.entries("goal_assessment")] == ["ur tabell 3", "årsimport"]


BAD_ROWS = [
    (
        "unknown goal",
        "goal_assessment",
        [9, 2019, 2, None, "ar2018", "4227"],
        ("goal_assessment", 2, "goal_id"),
        "inget mål 9",
    ),
    (
        "level out of range",
        "goal_assessment",
        [3, 2019, 4, None, "ar2018", "4227"],
        ("goal_assessment", 2, "level"),
        "inte tillåtet",
    ),
    (
        "not a number",
        "project_grant",
        [1, 2019, "U", "P", "12 kr", "ar2018", "4227"],
        ("project_grant", 2, "amount_sek"),
        "inte ett tal",
    ),
    (
        "year out of range",
        "goal_assessment",
        [3, 1999, 2, None, "ar2018", "4227"],
        ("goal_assessment", 2, "year"),
        "inget år mellan 2000 och 2100",
    ),
    (
        "negative amount",
        "project_grant",
        [1, 2019, "U", "P", "-5", "ar2018", "4227"],
        ("project_grant", 2, "amount_sek"),
        "negativt",
    ),
    (
        "not whole",
        "goal_assessment",
        [3, 2019, "2,5", None, "ar2018", "4227"],
        ("goal_assessment", 2, "level"),
        "inte ett heltal",
    ),
    (
        "replaces the report",
        "goal_assessment",
        [1, 2018, 1, None, "ar2018", "4227"],
        ("goal_assessment", 2, "level"),
        "ersätts aldrig",
    ),
    (
        "text starting with =",
        "goal_assessment",
        [3, 2019, 2, "=A1", "ar2018", "4227"],
        ("goal_assessment", 2, "note"),
        "formel",
    ),
    (
        "text starting with +",
        "project_grant",
        [1, 2019, "+U", "P", 5, "ar2018", "4227"],
        ("project_grant", 2, "owner"),
        "formel",
    ),
    (
        "text starting with -",
        "project_grant",
        [1, 2019, "U", "-P", 5, "ar2018", "4227"],
        ("project_grant", 2, "project"),
        "formel",
    ),
    (
        "text starting with @",
        "goal_assessment",
        [3, 2019, 2, None, "@d", "4227"],
        ("goal_assessment", 2, "document"),
        "=, +, -, @",
    ),
    (
        "unknown progress",
        "recommendation_progress",
        [1, 2019, "bra", None, "ar2018", "4227"],
        ("recommendation_progress", 2, "progress"),
        "in_line, partly, little",
    ),
    (
        "missing source",
        "hr_metric",
        ["avg_age", 2019, "all", 46, None, None, None, None],
        ("hr_metric", 2, "document"),
        "dokument",
    ),
    (
        "unknown metric",
        "hr_metric",
        ["skostorlek", 2019, "all", 46, "count", None, "ar2018", "4227"],
        ("hr_metric", 2, "metric"),
        "nyckeltal",
    ),
    (
        "not yes/no",
        "financial_goal",
        ["equity_share_pct", 2019, 1.2, None, "kanske", None, "ar2018", "4227"],
        ("financial_goal", 2, "met"),
        "ja eller nej",
    ),
]


@pytest.mark.parametrize(("case", "sheet", "row", "expected", "words"), BAD_ROWS, ids=[b[0] for b in BAD_ROWS])
def test_each_bad_row_is_named_and_nothing_is_written(tmp_path, store, case, sheet, row, expected, words):
    """A bad row is reported by sheet, row and column in Swedish and English; the good rows are not written either."""
    sheets = {k: list(v) for k, v in GOOD.items()}
    sheets[sheet] = [row, *sheets[sheet]]
    preview, result = import_files([workbook(tmp_path / "bad.xlsx", sheets)], store, user="anna")
    assert result is None
    assert where(preview) == [expected]
    assert words in preview.problems[0].sv and preview.problems[0].en
    assert preview.problems[0].line("en").startswith(f"{expected[0]}, row 2, column {expected[2]}: ")
    assert all(store.entries(v) == [] for v in HEAD) and store.imports() == []


def test_formula_cells_and_duplicates(tmp_path, built_db):
    """A formula cell is refused (never evaluated); a second row with the same key names the first."""
    rows = {
        "goal_assessment": [
            [1, 2019, 2, None, "ar2018", "4227"],
            [2, 2019, 1, None, "ar2018", "4227"],
            [1, 2019, 3, None, "ar2018", "4227"],
        ]
    }
    path = workbook(tmp_path / "f.xlsx", rows, formulas={("goal_assessment", 3, 3): "=1+1"})
    preview = preview_files([path], load_facts(built_db))
    assert where(preview) == [("goal_assessment", 3, "level"), ("goal_assessment", 4, None)]
    assert "formel" in preview.problems[0].sv and "goal_assessment row 2" in preview.problems[1].en


def test_sheet_and_column_problems(tmp_path, built_db):
    """An unknown sheet, an unknown column and a missing column are named; sheets starting with _ are skipped."""
    book = Workbook()
    book.active.title = "goal_assesment"
    book.create_sheet("_mina_anteckningar").append(["vad som helst"])
    sheet = book.create_sheet("goal_assessment")
    sheet.append(["goal_id", "year", "nivå", "document", "lines"])
    sheet.append([1, 2019, 2, "ar2018", "4227"])
    book.save(tmp_path / "s.xlsx")
    preview = preview_files([tmp_path / "s.xlsx"], load_facts(built_db))
    assert sorted(where(preview), key=str) == sorted(
        [("goal_assesment", None, None), ("goal_assessment", 1, "nivå"), ("goal_assessment", 1, "level")], key=str
    )


def test_csv_files_semicolons_and_encoding(tmp_path, store):
    """CSV files named after their view are read (comma or semicolon); bytes that are not UTF-8 are named by cell."""
    good = tmp_path / "project_grant.csv"
    good.write_text(
        "\ufeffgoal_id;year;owner;project;amount_sek;document;lines\n"
        '1;2019;Umeå kommun;Projekt;"1 234 567";ar2018;4227\n',
        encoding="utf-8",
    )
    bad = tmp_path / "goal_assessment.csv"
    bad.write_bytes("goal_id,year,level,note,document,lines\n1,2019,2,Ume\xe5,ar2018,4227\n".encode("latin-1"))
    preview, result = import_files([good, bad], store, user="anna")
    assert result is None and where(preview) == [("goal_assessment", 2, "note")]
    assert "UTF-8" in preview.problems[0].sv
    preview, result = import_files([good], store, user="anna")
    assert result["change_count"] == 1 and store.entries("project_grant")[0]["amount_sek"] == 1234567


def test_dry_run_writes_nothing(tmp_path, store):
    """A dry run previews a valid file and writes nothing."""
    preview, result = import_files([workbook(tmp_path / "ok.xlsx", GOOD)], store, user="anna", dry_run=True)
    assert preview.ok and len(preview.rows) == 6 and result is None
    assert store.imports() == [] and store.entries("goal_assessment") == []


def test_template_has_columns_example_and_allowed_values(tmp_path, built_db):
    """The template has a sheet per view with its columns and one example row, and the allowed values."""
    facts = load_facts(built_db)
    path = write_template(tmp_path / "mall.xlsx", facts)
    book = load_workbook(path)
    assert book.sheetnames[: len(HEAD)] == list(HEAD)
    assert [n for n in book.sheetnames if not n.startswith("_")] == list(VIEWS)  # every view a report feeds
    for name in VIEWS:
        head = [c.value for c in book[name][1]]
        assert head[-4:] == ["document", "lines", "page", "comment"], name
    for name, head in HEAD.items():
        rows = list(book[name].iter_rows(values_only=True))
        assert len(rows) == 2 and set(head) <= set(rows[0]) and "comment" in rows[0]
        example = dict(zip(rows[0], rows[1], strict=True))
        assert (example["document"], example["lines"]) == (EXAMPLES[name]["document"], EXAMPLES[name]["lines"])
    allowed = {(r[0], r[1]): r[3] for r in book["_tillåtna_värden"].iter_rows(min_row=2, values_only=True)}
    assert allowed[("goal_assessment", "goal_id")] == "1, 2, 3, 4, 5, 6"
    assert allowed[("recommendation_progress", "progress")] == "in_line, partly, little"
    assert "avg_age" in allowed[("hr_metric", "metric")]
    untouched = preview_files([path], facts)
    assert len(untouched.problems) == len(VIEWS) and all("example row" in p.en for p in untouched.problems)
    for name in VIEWS:
        book[name].cell(2, [c.value for c in book[name][1]].index("lines") + 1).value = "4227"
    book.save(path)
    assert preview_files([path], facts).ok


def test_a_full_year_workbook_imports(tmp_path, store):
    """The benchmark's year workbook (every sheet of the template, 480 rows citing the bundled report) is valid."""
    from malbild.data.entries.bench import write_year_workbook

    path = write_year_workbook(tmp_path / "year.xlsx", store.facts())
    preview, result = import_files([path], store, user="bench")
    assert preview.problems == []
    counts = {v: len(store.entries(v)) for v in VIEWS}
    assert counts == {
        "goal_assessment": 6,
        "recommendation_progress": 6,
        "project_grant": 60,
        "hr_metric": 120,
        "financial_goal": 15,
        "verdict": 10,
        "goal_text": 24,
        "subgoal": 6,
        "goal_portfolio": 30,
        "ongoing_project": 20,
        "hr_age_band": 15,
        "finance_line": 79,  # every line of the six statements the report prints (data/finance_line.csv)
        "finance_share": 23,
        "goal_indicator": 13,  # every indicator the report numbers (data/goal_indicator.csv)
        "portfolio_detail": 12,  # each goal's earlier and closed projects
        "finance_detail": 41,  # every finance detail line but the 2019 ones the report prints itself
    }
    assert result["change_count"] == 480


# --- Limits (issue 22, items 2, 3 and 8) --------------------------------------------------------------------------
def _streamed_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """Write a workbook row by row (write-only: big sheets stay quick to build)."""
    book = Workbook(write_only=True)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _grants(n: int) -> list[list]:
    """n valid, distinct project grants for 2019 (a year the report does not print)."""
    return [[1, 2019, "Umeå kommun", f"Projekt {i}", 1000 + i, "ar2018", "4227"] for i in range(n)]


class _Counted:
    """A part of the workbook opened for reading, counting the bytes read from it."""

    def __init__(self, part, name: str, counts: dict[str, int]) -> None:
        self._part, self._name, self._counts = part, name, counts
        counts.setdefault(name, 0)

    def read(self, *args):
        data = self._part.read(*args)
        self._counts[self._name] += len(data)
        return data

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self._part.close()

    def __getattr__(self, name):
        return getattr(self._part, name)


@pytest.fixture
def parts_read(monkeypatch) -> dict[str, int]:
    """Bytes read from each worksheet part of a workbook (xl/worksheets/sheetN.xml), whoever reads it."""
    import zipfile

    counts: dict[str, int] = {}
    original = zipfile.ZipFile.open

    def counted(archive, name, *args, **kwargs):
        part = original(archive, name, *args, **kwargs)
        filename = name.filename if isinstance(name, zipfile.ZipInfo) else name
        reading = (args[0] if args else kwargs.get("mode", "r")) == "r"
        return _Counted(part, filename, counts) if reading and filename.startswith("xl/worksheets/") else part

    monkeypatch.setattr(zipfile.ZipFile, "open", counted)
    return counts


def _part_size(path: Path, part: str) -> int:
    """The unpacked size of a part of the workbook."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.getinfo(part).file_size


def test_only_the_sheets_the_template_names_are_read(tmp_path, built_db, parts_read):
    """A huge extra sheet (`_bomb`, or a name the template does not know) is never read; the named ones are."""
    bulk = [[i] * 20 for i in range(MAX_IMPORT_ROWS + 10)]  # more rows and cells than an import reads
    sheets = {name: [HEAD[name], *rows] for name, rows in GOOD.items()}
    path = _streamed_workbook(tmp_path / "bomb.xlsx", {**sheets, "_bomb": bulk, "Blad2": bulk})
    preview = preview_files([path], load_facts(built_db))
    assert where(preview) == [("Blad2", None, None)] and len(preview.rows) == 6
    assert "okänt blad" in preview.problems[0].sv
    # the five named sheets are sheet1-5; _bomb and Blad2 (sheet6, sheet7) are never opened, not even measured
    assert sorted(parts_read) == [f"xl/worksheets/sheet{i}.xml" for i in range(1, 6)], sorted(parts_read)


def test_a_sheet_over_the_row_limit_is_refused_and_read_no_further(tmp_path, built_db, parts_read):
    """A sheet of more data rows than one import may hold is refused with the limit and what to do."""
    path = _streamed_workbook(
        tmp_path / "stor.xlsx", {"project_grant": [HEAD["project_grant"], *_grants(6 * MAX_IMPORT_ROWS)]}
    )
    with pytest.raises(ImportRefused) as refused:
        preview_files([path], load_facts(built_db))
    assert refused.value.sv == (
        "stor.xlsx, project_grant har fler än 5\u00a0000 rader, det största en import får innehålla. "
        "Dela upp uppgifterna på flera filer och importera dem en i taget."
    )
    assert refused.value.en.startswith("stor.xlsx, project_grant has more than 5,000 rows, the most one import")
    read, size = parts_read["xl/worksheets/sheet1.xml"], _part_size(path, "xl/worksheets/sheet1.xml")
    assert read < size / 3, f"{read} of {size} bytes read"  # stopped after 5 001 of 30 000 rows


def test_a_workbook_over_the_cell_limit_is_refused(tmp_path, built_db, parts_read):
    """Wide rows count too: the named sheets are read up to MAX_IMPORT_CELLS cells, then refused."""
    wide = [[*HEAD["project_grant"], *(f"x{i}" for i in range(100))]] + [
        [*row, *([None] * 99), "x"] for row in _grants(5 * MAX_IMPORT_CELLS // 106)
    ]
    path = _streamed_workbook(tmp_path / "bred.xlsx", {"project_grant": wide})
    with pytest.raises(ImportRefused) as refused:
        preview_files([path], load_facts(built_db))
    assert refused.value.sv.startswith("bred.xlsx har fler än 100\u00a0000 celler i de blad som ska importeras.")
    read, size = parts_read["xl/worksheets/sheet1.xml"], _part_size(path, "xl/worksheets/sheet1.xml")
    assert read < size / 3, f"{read} of {size} bytes read"


def test_one_import_holds_at_most_the_documented_number_of_rows(tmp_path, built_db):
    """Exactly MAX_IMPORT_ROWS rows are read; one more, even spread over two files, is refused with a sentence."""
    facts = load_facts(built_db)
    head = ";".join(HEAD["project_grant"])
    full = tmp_path / "project_grant.csv"
    full.write_text("\n".join([head, *(";".join(map(str, r)) for r in _grants(MAX_IMPORT_ROWS))]), encoding="utf-8")
    preview = preview_files([full], facts)
    assert preview.ok and len(preview.rows) == MAX_IMPORT_ROWS == 5000
    more = tmp_path / "goal_assessment.csv"
    more.write_text("goal_id;year;level;note;document;lines\n1;2019;2;;ar2018;4227\n", encoding="utf-8")
    with pytest.raises(ImportRefused) as refused:
        preview_files([full, more], facts)
    assert refused.value.sv.startswith("project_grant.csv, goal_assessment.csv har fler än 5\u00a0000 rader")


def test_a_csv_field_over_the_csv_modules_limit_is_a_sentence(tmp_path, built_db):
    """A field over 128 KiB (the csv module's limit) refuses the file in a sentence naming the line, no exception."""
    path = tmp_path / "goal_assessment.csv"
    path.write_text(
        f"goal_id;year;level;note;document;lines\n1;2019;2;ok;ar2018;1\n1;2018;2;{'x' * (128 * 1024 + 1)};ar2018;1\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportRefused) as refused:
        preview_files([path], load_facts(built_db))
    assert refused.value.sv == (
        "goal_assessment.csv kan inte läsas: ett fält på rad 3 är längre än 131\u00a0072 tecken, "
        "det längsta som går att läsa. Korta texten och försök igen."
    )
    assert refused.value.en.startswith("goal_assessment.csv cannot be read: a field on line 3 is longer than 131,072")


def test_a_workbook_with_too_large_shared_strings_is_refused_before_opening(tmp_path, built_db, monkeypatch):
    """openpyxl parses a workbook's shared strings whole when it opens it: a table too large is refused unread."""
    import zipfile

    from malbild.data.entries import importer

    path = workbook(tmp_path / "strings.xlsx", GOOD)
    strings = "".join(f"<si><t>text {i}</t></si>" for i in range(200))
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(
            "xl/strings.xml",
            f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="200">{strings}</sst>',
        )
        types = archive.read("[Content_Types].xml").decode()
    entry = (
        '<Override PartName="/xl/strings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    )
    rebuilt = tmp_path / "renamed.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = types.replace("</Types>", entry + "</Types>").encode()
            target.writestr(item, data)
    facts = load_facts(built_db)
    assert preview_files([rebuilt], facts).ok  # within the limit: read as usual
    monkeypatch.setattr(importer, "MAX_SHARED_STRINGS_BYTES", 1000)
    with pytest.raises(ImportRefused) as refused:
        preview_files([rebuilt], facts)
    assert refused.value.sv.startswith("renamed.xlsx har fler än 100\u00a0000 celler")


def test_a_date_cell_is_named_not_read_as_its_serial_number(tmp_path, built_db):
    """Streaming keeps the workbook's styles: a date typed into a number column is a problem, never 43 466."""
    from datetime import datetime

    path = workbook(
        tmp_path / "datum.xlsx", {"goal_assessment": [[1, 2019, datetime(2019, 1, 1), None, "ar2018", "4227"]]}
    )
    preview = preview_files([path], load_facts(built_db))
    assert where(preview) == [("goal_assessment", 2, "level")] and "är ett datum" in preview.problems[0].sv


def test_next_years_verdicts_are_imported_and_laid_over_the_report(tmp_path, store, built_db):
    """A 2019 verdict is imported like any figure: giver and scope follow from its key, the merged view shows it with
    basis 'entered'; the 2018 verdicts the report prints (lines 8491, 699-707) are never replaced."""
    import duckdb

    from malbild.data.entries.merge import merge_entries

    path = tmp_path / "verdict.csv"
    path.write_text(
        "verdict_key,year,wording_sv,outcome,document,lines\n"
        "operational_result,2019,att resultatet i huvudsak är förenligt med fullmäktiges mål,mostly,ar2018,8491\n"
        "operational_result,2018,helt förenligt,yes,ar2018,8491\n",
        encoding="utf-8",
    )
    preview, result = import_files([path], store, user="anna")
    assert result is None and where(preview) == [("verdict", 3, "wording_sv")]  # 2018 is printed in the report
    path.write_text(path.read_text(encoding="utf-8").rsplit("operational_result,2018", 1)[0], encoding="utf-8")
    preview, result = import_files([path], store, user="anna")
    assert preview.problems == [] and result["change_count"] == 1
    (entry,) = store.entries("verdict")
    assert (entry["given_by"], entry["scope"], entry["outcome"]) == ("auditors", "operational", "mostly")
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        merge_entries(con, store)
        rows = con.execute(
            "SELECT year, outcome, basis, entered_by FROM verdict "
            "WHERE verdict_key = 'operational_result' ORDER BY year"
        ).fetchall()
        figures = con.execute("SELECT count(*) FROM figure WHERE dataset = 'verdict'").fetchone()
    finally:
        con.close()
    assert rows == [(2018, "partly", "stated", None), (2019, "mostly", "entered", "anna")]
    assert figures == (11,)


def test_a_verdict_given_by_the_wrong_party_is_refused(tmp_path, store):
    path = tmp_path / "verdict.csv"
    path.write_text(
        "verdict_key,year,wording_sv,given_by,document,lines\n"
        "sound_management,2019,god hushållning,auditors,ar2018,8491\n",
        encoding="utf-8",
    )
    preview, result = import_files([path], store, user="anna")
    assert result is None and where(preview) == [("verdict", 2, "given_by")]


def test_a_figure_typed_into_the_form_is_never_taken_for_the_templates_example(built_db):
    """The form names its source in words and has no citation: a figure equal to an example row's values is valid."""
    from malbild.data.entries.importer import read_figure

    fields = {"goal_id": "1", "year": "2019", "progress": "partly", "source_document": "ÅR 2019, s. 42"}
    assert read_figure("recommendation_progress", load_facts(built_db), fields).problems == []
