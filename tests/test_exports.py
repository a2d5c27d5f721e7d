"""Downloads of the project rows: CSV and Excel read back — exact rows, the filter text, numeric amounts."""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
import pytest
from openpyxl import load_workbook

from malbild.data.queries import run_query
from malbild.export.tables import download_name, export_frame, to_csv, to_xlsx
from malbild.views.projects import describe_filters

EXCEL_SEK_FORMAT = '#,##0 "kr"'  # shown as '# ##0 "kr"' (1 234 567 kr) by a Swedish Excel
DAY = date(2019, 3, 14)


def rows() -> pd.DataFrame:
    """Two project rows shaped like filtered_project_grants (fixture values, one with ; and quotes in it)."""
    return pd.DataFrame(
        {
            "goal_id": [5, 2],
            "name_sv": ["Platsbaserad näringslivsutveckling", "Strukturer för innovation"],
            "name_en": ["Place-based business development", "Structures for innovation"],
            "year": [2018, 2018],
            "owner": ["Vindelns kommun", "Uminova Expression AB"],
            "project": ["Avanäs företagspark", 'Art; "Design" & #Tech'],
            "amount_sek": [400000, 4514192],
            "basis": ["stated", "stated"],
            "source_lines": ["4869", "4298;4300-4302"],
        }
    )


FILTERS = describe_filters(
    ["Mål 5: Platsbaserad näringslivsutveckling"], ["Vindelns kommun"], (300000, None), "park", "sv"
)


def read_csv(data: bytes) -> list[list[str]]:
    """The CSV's table: the header on the first line, then the rows, nothing else."""
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM"
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert all(line for line in lines), "no empty or comment lines around the table"
    return lines


def about(data: bytes, sheet: str = "Om urvalet") -> dict:
    """The Excel file's description sheet as label -> value."""
    book = load_workbook(io.BytesIO(data))
    return {r[0]: r[1] for r in book[sheet].iter_rows(values_only=True) if r and r[0]}


def test_describe_filters_in_both_languages() -> None:
    assert FILTERS == [
        ("Mål", "Mål 5: Platsbaserad näringslivsutveckling"),
        ("Projektägare", "Vindelns kommun"),
        ("Belopp", "minst 300 000 kr"),
        ("Projektnamnet innehåller", "”park”"),
    ]
    en = describe_filters([], [], (None, 2_000_000), None, "en")
    assert en == [
        ("Goals", "All"),
        ("Project owners", "All"),
        ("Amount", "at most SEK 2,000,000"),
        ("Project name contains", "All"),
    ]
    assert describe_filters([], [], (None, None), None, "sv")[2] == ("Belopp", "Alla belopp")
    assert describe_filters([], [], (100, 200), None, "sv")[2] == ("Belopp", "100 kr – 200 kr")


def test_csv_holds_the_exact_rows_and_the_excel_the_filters_and_the_basis() -> None:
    table = read_csv(to_csv(rows(), FILTERS, "sv", DAY))
    assert table[0] == ["Mål nr", "Mål", "År", "Projektägare", "Projekt", "Belopp (kr)", "Underlag", "Källrader"]
    assert table[1:] == [
        [
            "5",
            "Platsbaserad näringslivsutveckling",
            "2018",
            "Vindelns kommun",
            "Avanäs företagspark",
            "400000",
            "Angivet i rapporten",
            "4869",
        ],
        [
            "2",
            "Strukturer för innovation",
            "2018",
            "Uminova Expression AB",
            'Art; "Design" & #Tech',
            "4514192",
            "Angivet i rapporten",
            "4298;4300-4302",
        ],
    ]
    info = about(to_xlsx(rows(), FILTERS, "sv", DAY))
    assert "Urval" in info and info["Mål"] == "Mål 5: Platsbaserad näringslivsutveckling"  # not 'Urval: Mål: Mål 5'
    assert info["Belopp"] == "minst 300 000 kr"
    assert info["Projektnamnet innehåller"] == "”park”"
    assert info["Antal rader"] == 2 and info["Summa belopp (kr)"] == 4914192
    assert "Årsredovisning 2018" in info["Underlag"]
    assert info["Källrader (rader i rapportens textversion)"] == "4869;4298;4300-4302"
    assert info["Exportdatum"].date() == DAY


def test_csv_reads_with_pandas_header_on_the_first_line() -> None:
    data = to_csv(rows(), FILTERS, "en", DAY)
    frame = pd.read_csv(io.BytesIO(data), sep=";", encoding="utf-8-sig")
    assert frame["Amount (SEK)"].tolist() == [400000, 4514192]
    assert frame["Project"].tolist() == ["Avanäs företagspark", 'Art; "Design" & #Tech']
    assert frame["Goal"].tolist() == ["Place-based business development", "Structures for innovation"]


def test_excel_has_numeric_kr_formatted_amounts_and_an_about_sheet() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(rows(), FILTERS, "sv", DAY)))
    assert book.sheetnames == ["Projekt", "Om urvalet"]
    sheet = book["Projekt"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == ["Mål nr", "Mål", "År", "Projektägare", "Projekt", "Belopp (kr)", "Underlag", "Källrader"]
    assert values[1:] == [
        [
            5,
            "Platsbaserad näringslivsutveckling",
            2018,
            "Vindelns kommun",
            "Avanäs företagspark",
            400000,
            "Angivet i rapporten",
            "4869",
        ],
        [
            2,
            "Strukturer för innovation",
            2018,
            "Uminova Expression AB",
            'Art; "Design" & #Tech',
            4514192,
            "Angivet i rapporten",
            "4298;4300-4302",
        ],
    ]
    assert all(isinstance(sheet.cell(row=r, column=6).value, int) for r in (2, 3))
    assert {sheet.cell(row=r, column=6).number_format for r in (2, 3)} == {EXCEL_SEK_FORMAT}
    about = {r[0]: r[1] for r in book["Om urvalet"].iter_rows(values_only=True) if r and r[0]}
    assert about["Projektägare"] == "Vindelns kommun"
    assert about["Belopp"] == "minst 300 000 kr"
    assert about["Summa belopp (kr)"] == 4914192
    assert about["Exportdatum"].date() == date(2019, 3, 14)  # a date Excel can sort and filter, not text
    assert "Årsredovisning 2018" in about["Underlag"]


def test_excel_in_english() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(rows(), describe_filters([], [], (None, None), None, "en"), "en", DAY)))
    assert book.sheetnames == ["Projects", "About"]
    assert book["Projects"]["F1"].value == "Amount (SEK)"
    about = {r[0]: r[1] for r in book["About"].iter_rows(values_only=True) if r and r[0]}
    assert about["Goals"] == "All" and "Annual report 2018" in about["Data basis"]


def test_empty_selection_gives_files_with_the_filter_text_and_no_rows() -> None:
    empty = rows().iloc[0:0]
    table = read_csv(to_csv(empty, FILTERS, "sv", DAY))
    assert table == [["Mål nr", "Mål", "År", "Projektägare", "Projekt", "Belopp (kr)", "Underlag", "Källrader"]]
    info = about(to_xlsx(empty, FILTERS, "sv", DAY))
    assert info["Antal rader"] == 0 and info["Anmärkning"] == "Inga rader matchar urvalet."
    assert info["Projektägare"] == "Vindelns kommun"
    book = load_workbook(io.BytesIO(to_xlsx(empty, FILTERS, "sv", DAY)))
    assert book["Projekt"].max_row == 1


def test_goal_5_export_from_the_bundled_data(con) -> None:
    # Goal 5's table in the report: 24 projects, TOTALT 24 760 387 kr (source line 4913).
    frame = run_query(
        con, "filtered_project_grants", goal_ids=[5], owners=[], min_amount=None, max_amount=None, text=None
    )
    book = load_workbook(
        io.BytesIO(to_xlsx(frame, describe_filters(["Mål 5"], [], (None, None), None, lang="sv"), "sv", DAY))
    )
    amounts = [r[5] for r in book["Projekt"].iter_rows(min_row=2, values_only=True)]
    assert len(amounts) == 24 and sum(amounts) == 24_760_387
    table = read_csv(to_csv(frame, [], "sv", DAY))
    assert len(table) == 25 and sum(int(r[5]) for r in table[1:]) == 24_760_387
    assert export_frame(frame, "sv")["Källrader"].iloc[0] == "4867"  # the largest: Näringslivsutveckling…, 4 000 000


# --- Excel downloads in linear time (issue 22, item 1) ---------------------------------------------------------------
# openpyxl's max_row, max_column, min_row and min_column each read every cell written so far: called once per row
# (the old `sheet[sheet.max_row]`), they made 8 000 rows take 18 s and 100 000 rows more than 11 minutes. The builders
# are checked by counting operations, never by wall time: those whole-sheet scans must not grow with the rows, and
# the Python calls made must grow no faster than the rows.
SCANS = ("max_row", "max_column", "min_row", "min_column")


def _operations(build, rows: int, monkeypatch) -> tuple[int, int]:
    """(whole-sheet scans, Python calls) made while building a download of `rows` rows."""
    import sys

    from openpyxl.worksheet.worksheet import Worksheet

    scans = [0]
    for name in SCANS:
        original = getattr(Worksheet, name)

        def counted(sheet, _get=original.fget):
            scans[0] += 1
            return _get(sheet)

        monkeypatch.setattr(Worksheet, name, property(counted))
    calls = [0]

    def profile(_frame, event, _arg):
        if event == "call":
            calls[0] += 1

    sys.setprofile(profile)
    try:
        build(rows)
    finally:
        sys.setprofile(None)
        monkeypatch.undo()
    return scans[0], calls[0]


def _project_rows(n: int) -> pd.DataFrame:
    """n project rows shaped like filtered_project_grants."""
    return pd.concat([rows()] * (n // 2), ignore_index=True)


def _change_rows(n: int) -> pd.DataFrame:
    """n rows of ten text columns, like the change log's table (one a formula-looking comment)."""
    return pd.DataFrame(
        [[f"rad {i}", "anna", "project_grant", "x", "import", i, "–", "1 kr", "=1+1", "i"] for i in range(n)]
    )


def _change_log_xlsx(frame: pd.DataFrame) -> bytes:
    """The change log page's Excel download of a frame."""
    from malbild.export.workbook import table_xlsx

    return table_xlsx(frame, "Ändringslogg")


def _cli_export(n: int, folder) -> None:
    """`malbild export OUT.xlsx` of one view of n rows."""
    import duckdb

    from malbild.cli import export_xlsx

    con = duckdb.connect()
    con.execute(
        f"CREATE VIEW project_grant AS SELECT range AS goal_id, 'Ägare ' || range AS owner FROM range({int(n)})"
    )
    export_xlsx(con, ["project_grant"], [("exported_at", "2026-12-03T06:00:00Z")], folder / f"out{n}.xlsx")


@pytest.mark.parametrize("download", ["projects", "changes", "export"])
def test_excel_builders_take_time_linear_in_the_rows(download, monkeypatch, tmp_path) -> None:
    build = {
        "projects": lambda n: to_xlsx(_project_rows(n), FILTERS, "sv", DAY),
        "changes": lambda n: _change_log_xlsx(_change_rows(n)),
        "export": lambda n: _cli_export(n, tmp_path),
    }[download]
    scans_small, calls_small = _operations(build, 200, monkeypatch)
    scans_large, calls_large = _operations(build, 400, monkeypatch)
    assert scans_large == scans_small, f"{scans_small} whole-sheet scans for 200 rows, {scans_large} for 400"
    assert calls_large <= 2.1 * calls_small, f"{calls_small} calls for 200 rows, {calls_large} for 400"


def test_change_log_workbook_is_text_with_a_bold_header() -> None:
    from malbild.export.workbook import table_xlsx

    frame = pd.DataFrame(
        {"När": ["2026-12-03 06:00"], "Kommentar": ['=HYPERLINK("x")'], "Före": ["#DIV/0!"], "Version": [3]}
    )
    sheet = load_workbook(io.BytesIO(table_xlsx(frame, "Ändringslogg"))).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["När", "Kommentar", "Före", "Version"],
        ["2026-12-03 06:00", '\'=HYPERLINK("x")', "#DIV/0!", 3],
    ]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert [sheet[c].data_type for c in ("A2", "B2", "C2", "D2")] == ["s", "s", "s", "n"]


def test_about_sheet_sum_and_date_are_formatted() -> None:
    """Issue 21 item 13: the 'Om urvalet' sum is kr-formatted like the amounts, the date is a date."""
    sheet = load_workbook(io.BytesIO(to_xlsx(rows(), FILTERS, "sv", DAY)))["Om urvalet"]
    cells = {r[0].value: r[1] for r in sheet.iter_rows() if r[0].value}
    assert cells["Summa belopp (kr)"].value == 4914192 and cells["Summa belopp (kr)"].number_format == EXCEL_SEK_FORMAT
    assert cells["Exportdatum"].is_date and cells["Exportdatum"].number_format == "yyyy-mm-dd"


def test_download_name_says_what_was_filtered() -> None:
    day = date(2026, 12, 3)
    assert download_name("xlsx", day, (), False, lang="sv") == "malbild-projekt-alla-mal-2026-12-03.xlsx"
    assert download_name("xlsx", day, (5,), False, lang="sv") == "malbild-projekt-mal-5-2026-12-03.xlsx"
    assert download_name("csv", day, (1, 5), True, lang="sv") == "malbild-projekt-mal-1-5-urval-2026-12-03.csv"
    assert download_name("csv", day, (), True, "en") == "malbild-projects-all-goals-filtered-2026-12-03.csv"
