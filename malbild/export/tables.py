"""Downloads of the filtered project rows: CSV (Swedish Excel convention) and Excel with an 'About' sheet.

Pure functions: rows + a description of the active filters + language -> bytes.

CSV: UTF-8 with a byte-order mark (so Excel detects UTF-8 and shows å, ä, ö), semicolon-separated
(what Excel expects in a Swedish locale, where the comma is the decimal mark), CRLF line ends, RFC 4180
quoting. The header is on the first line and the rows follow, nothing else: Excel's sort and filter and
pandas.read_csv see one clean table. What the file holds (filters, data basis, export date, the formula note) is
in the Excel file's 'Om urvalet' / 'About' sheet. Amounts are plain integers (no thousands separators, no unit)
so Excel and other programs read them as numbers.

Excel: the rows sheet first (amounts are numbers with the format '#,##0 "kr"', which a Swedish Excel
shows as '# ##0 "kr"' -> 1 234 567 kr), then an 'Om urvalet' / 'About' sheet with the same block.

Both files are safe to open in a spreadsheet: a text cell that would start a formula (=, +, -, @, tab, CR) gets a
leading apostrophe (OWASP's advice against CSV/formula injection), every Excel text cell is written as a string
(never a formula), and numbers stay numbers. The block says so.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from malbild import fmt
from malbild.data.source_lines import join_source_lines
from malbild.export.workbook import XLSX_MIME as XLSX_MIME  # the downloads import it from here
from malbild.export.workbook import append_row, new_book, new_sheet, to_bytes
from malbild.texts import N_, families, name_col, t
from malbild.texts.safe import cell

COLUMNS = ("goal_id", "goal", "year", "owner", "project", "amount_sek", "basis", "source_lines")
HEADERS = {"goal_id": N_("exp_col_goal_id"), **{c: c for c in COLUMNS[1:]}}  # column -> text key


def export_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The rows to export (columns of filtered_project_grants) with translated headers and goal names."""
    out = pd.DataFrame(
        {
            "goal_id": frame["goal_id"].astype("int64"),
            "goal": frame[name_col(lang)].astype(str),
            "year": frame["year"].astype("int64"),
            "owner": frame["owner"].astype(str),
            "project": frame["project"].astype(str),
            "amount_sek": frame["amount_sek"].astype("int64"),
            "basis": [t(families.BASIS[b], lang) for b in frame["basis"]],
            "source_lines": ["" if fmt.is_missing(v) else str(v) for v in frame["source_lines"]],  # entered: none
        },
        columns=list(COLUMNS),
    )
    return out.rename(columns={c: t(key, lang) for c, key in HEADERS.items()})


def about_block(
    frame: pd.DataFrame, filters: list[tuple[str, str]], lang: str, exported: date | None = None
) -> list[tuple[str, object]]:
    """The (label, value) lines that say what the file holds: filters, totals, data basis, date."""
    exported = exported or date.today()
    lines = join_source_lines(frame["source_lines"], sort=False)
    # The filters under one heading ('Urval'), each as itself: 'Mål | Mål 5: …', never 'Urval: Mål: Mål 5'.
    block: list[tuple[str, object]] = [(t("exp_filters", lang), "")] if filters else []
    block += [(label, value) for label, value in filters]
    block += [
        (t("exp_rows", lang), int(len(frame))),
        (t("exp_sum", lang), int(frame["amount_sek"].sum()) if len(frame) else 0),
        (t("exp_basis", lang), t("exp_basis_text", lang)),
        (t("exp_source_lines", lang), lines or "–"),
        (t("exp_date", lang), exported.isoformat()),
        (t("exp_formulas", lang), t("exp_formulas_text", lang)),
    ]
    if frame.empty:
        block.append((t("note", lang), t("exp_empty", lang)))
    return block


def to_csv(frame: pd.DataFrame, filters: list[tuple[str, str]], lang: str, exported: date | None = None) -> bytes:
    """The rows as a semicolon-separated UTF-8 CSV (with BOM), the header on the first line.

    `filters` and `exported` are taken for a uniform signature with to_xlsx; the CSV holds the table only (the
    description is in the Excel file's 'Om urvalet' sheet).
    """
    del filters, exported
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    rows = export_frame(frame, lang)
    writer.writerow([cell(c) for c in rows.columns])
    for record in rows.itertuples(index=False):
        writer.writerow([cell(v) for v in record])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _about_row(label: str, value: object, exported: date, lang: str) -> tuple[list[object], dict[int, str]]:
    """An 'Om urvalet' row and its formats: the sum as kronor like the amounts, the export date as a date (not text)."""
    if label == t("exp_sum", lang):
        return [cell(label), cell(value)], {2: fmt.excel_sek_format(lang)}
    if label == t("exp_date", lang):
        return [cell(label), exported], {2: "yyyy-mm-dd"}
    return [cell(label), cell(value)], {}


def download_name(kind: str, day: date, goal_ids: tuple[int, ...], narrowed: bool, lang: str) -> str:
    """The downloaded file's name says what it holds: 'malbild-projekt-mal-5-urval-2026-12-03.xlsx' (goal 5, and
    other filters too), 'malbild-projekt-alla-mal-2026-12-03.csv' (everything)."""
    goals = f"{t('exp_file_goal', lang)}-{'-'.join(map(str, goal_ids))}" if goal_ids else t("exp_file_all_goals", lang)
    narrowed_part = f"-{t('exp_file_filtered', lang)}" if narrowed else ""
    return f"malbild-{t('exp_file_projects', lang)}-{goals}{narrowed_part}-{day.isoformat()}.{kind}"


def to_xlsx(frame: pd.DataFrame, filters: list[tuple[str, str]], lang: str, exported: date | None = None) -> bytes:
    """The rows as an Excel workbook: a rows sheet with numeric, kr-formatted amounts, and an 'About' sheet.

    Written row by row (`malbild.export.workbook`): time and memory grow linearly with the rows.
    """
    book = new_book()
    sheet = new_sheet(book, t("page_projects", lang), (8, 40, 7, 38, 60, 16, 22, 14), freeze_header=True)
    rows = export_frame(frame, lang)
    if len(rows):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    append_row(sheet, [cell(c) for c in rows.columns], font=Font(bold=True))
    amount = {COLUMNS.index("amount_sek") + 1: fmt.excel_sek_format(lang)}
    for record in rows.itertuples(index=False):
        append_row(sheet, [cell(v.item() if hasattr(v, "item") else v) for v in record], formats=amount)

    about = new_sheet(book, t("exp_sheet_about", lang), (42, 100))
    append_row(about, [cell(t("exp_title", lang))], font=Font(bold=True, size=13))
    append_row(about, [])
    for label, value in about_block(frame, filters, lang, exported):
        values, formats = _about_row(label, value, exported or date.today(), lang)
        append_row(about, values, formats=formats)
    return to_bytes(book)
