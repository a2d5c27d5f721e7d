"""Downloads of the filtered project rows: CSV (Swedish Excel convention) and Excel with an 'About' sheet.

Pure functions: rows + a description of the active filters + language -> bytes.

CSV: UTF-8 with a byte-order mark (so Excel detects UTF-8 and shows å, ä, ö), semicolon-separated
(what Excel expects in a Swedish locale, where the comma is the decimal mark), CRLF line ends, RFC 4180
quoting. The file opens with a block of lines whose first cell starts with '#' — title, the active
filters, the data basis and the export date — then one empty line, then the table with its header.
The block's first line says on which line the table starts, so a program can skip straight to it
(e.g. pandas.read_csv(..., sep=';', skiprows=N - 1)). Amounts are plain integers (no thousands
separators, no unit) so Excel and other programs read them as numbers.

Excel: the rows sheet first (amounts are numbers with the format '#,##0 "kr"', which a Swedish Excel
shows as '# ##0 "kr"' -> 1 234 567 kr), then an 'Om urvalet' / 'About' sheet with the same block.
"""

from __future__ import annotations

import csv
import io
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from malbild import fmt
from malbild.data.source_lines import join_source_lines
from malbild.texts import name_col, register, t

register(
    {
        "exp_title": ("Målbild – beviljade projekt (regionala tillväxtmedel)", "Målbild – granted projects (regional growth funds)"),
        "exp_table_starts": ("Tabellen börjar på rad {n}", "The table starts on line {n}"),
        "exp_filters": ("Urval", "Selection"),
        "exp_filter_goals": ("Mål", "Goals"),
        "exp_filter_owners": ("Projektägare", "Project owners"),
        "exp_filter_amount": ("Belopp", "Amount"),
        "exp_filter_text": ("Projektnamnet innehåller", "Project name contains"),
        "exp_all": ("Alla", "All"),
        "exp_no_limit": ("Alla belopp", "All amounts"),
        "exp_at_least": ("minst {lo}", "at least {lo}"),
        "exp_at_most": ("högst {hi}", "at most {hi}"),
        "exp_between": ("{lo} – {hi}", "{lo} – {hi}"),
        "exp_rows": ("Antal rader", "Number of rows"),
        "exp_sum": ("Summa belopp (kr)", "Total amount (SEK)"),
        "exp_basis": ("Underlag", "Data basis"),
        "exp_basis_text": (
            "Region Västerbotten, Årsredovisning 2018: tabellerna ”Beviljade projekt under året” per mål. "
            "Belopp i kronor som de står i rapporten.",
            "Region Västerbotten, Annual report 2018 (in Swedish): the tables 'Granted projects during the year' "
            "per goal. Amounts in SEK as printed in the report.",
        ),
        "exp_source_lines": ("Källrader (rader i rapportens textversion)", "Source lines (lines of the report's text version)"),
        "exp_date": ("Exportdatum", "Export date"),
        "exp_sheet_rows": ("Projekt", "Projects"),
        "exp_sheet_about": ("Om urvalet", "About"),
        "exp_col_goal_id": ("Mål nr", "Goal no."),
        "exp_col_goal": ("Mål", "Goal"),
        "exp_col_year": ("År", "Year"),
        "exp_col_owner": ("Projektägare", "Project owner"),
        "exp_col_project": ("Projekt", "Project"),
        "exp_col_amount": ("Belopp (kr)", "Amount (SEK)"),
        "exp_col_basis": ("Underlag", "Basis"),
        "exp_col_source_lines": ("Källrader", "Source lines"),
        "exp_empty": ("Inga rader matchar urvalet.", "No rows match the selection."),
    }
)

EXCEL_SEK_FORMAT = '#,##0 "kr"'  # shown as '# ##0 "kr"' (1 234 567 kr) by a Swedish Excel
EXCEL_SEK_FORMAT_EN = '"SEK "#,##0'
COLUMNS = ("goal_id", "goal", "year", "owner", "project", "amount_sek", "basis", "source_lines")


def describe_filters(
    goals: list[str],
    owners: list[str],
    amount: tuple[int | None, int | None],
    text: str | None,
    lang: str = "sv",
) -> list[tuple[str, str]]:
    """Describe the active filters as (label, value) pairs; a filter not in use reads 'Alla' / 'All'."""
    lo, hi = amount
    if lo is None and hi is None:
        amount_text = t("exp_no_limit", lang)
    elif hi is None:
        amount_text = t("exp_at_least", lang, lo=fmt.sek(lo, lang))
    elif lo is None:
        amount_text = t("exp_at_most", lang, hi=fmt.sek(hi, lang))
    else:
        amount_text = t("exp_between", lang, lo=fmt.sek(lo, lang), hi=fmt.sek(hi, lang))
    return [
        (t("exp_filter_goals", lang), "; ".join(goals) if goals else t("exp_all", lang)),
        (t("exp_filter_owners", lang), "; ".join(owners) if owners else t("exp_all", lang)),
        (t("exp_filter_amount", lang), amount_text.replace(fmt.NBSP, " ")),
        (t("exp_filter_text", lang), f"”{text}”" if text else t("exp_all", lang)),
    ]


def export_frame(frame: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """The rows to export (columns of filtered_project_grants) with translated headers and goal names."""
    out = pd.DataFrame(
        {
            "goal_id": frame["goal_id"].astype("int64"),
            "goal": frame[name_col(lang)].astype(str),
            "year": frame["year"].astype("int64"),
            "owner": frame["owner"].astype(str),
            "project": frame["project"].astype(str),
            "amount_sek": frame["amount_sek"].astype("int64"),
            "basis": [t(f"basis_{b}", lang) for b in frame["basis"]],
            "source_lines": frame["source_lines"].astype(str),
        },
        columns=list(COLUMNS),
    )
    return out.rename(columns={c: t(f"exp_col_{c if c != 'amount_sek' else 'amount'}", lang) for c in COLUMNS})


def about_block(
    frame: pd.DataFrame, filters: list[tuple[str, str]], lang: str = "sv", exported: date | None = None
) -> list[tuple[str, object]]:
    """The (label, value) lines that say what the file holds: filters, totals, data basis, date."""
    exported = exported or date.today()
    lines = join_source_lines(frame["source_lines"], sort=False)
    block = [(f"{t('exp_filters', lang)}: {label}", value) for label, value in filters]
    block += [
        (t("exp_rows", lang), int(len(frame))),
        (t("exp_sum", lang), int(frame["amount_sek"].sum()) if len(frame) else 0),
        (t("exp_basis", lang), t("exp_basis_text", lang)),
        (t("exp_source_lines", lang), lines or "–"),
        (t("exp_date", lang), exported.isoformat()),
    ]
    if frame.empty:
        block.append((t("note", lang), t("exp_empty", lang)))
    return block


def to_csv(
    frame: pd.DataFrame, filters: list[tuple[str, str]], lang: str = "sv", exported: date | None = None
) -> bytes:
    """The rows as a semicolon-separated UTF-8 CSV (with BOM) that opens with a '#' block describing them."""
    block = about_block(frame, filters, lang, exported)
    table_starts = 1 + len(block) + 2  # title line, block, one empty line, then the header
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([f"# {t('exp_title', lang)}", t("exp_table_starts", lang, n=table_starts)])
    for label, value in block:
        writer.writerow([f"# {label}", value])
    writer.writerow([])
    rows = export_frame(frame, lang)
    writer.writerow(list(rows.columns))
    for record in rows.itertuples(index=False):
        writer.writerow(list(record))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(
    frame: pd.DataFrame, filters: list[tuple[str, str]], lang: str = "sv", exported: date | None = None
) -> bytes:
    """The rows as an Excel workbook: a rows sheet with numeric, kr-formatted amounts, and an 'About' sheet."""
    book = Workbook()
    sheet = book.active
    sheet.title = t("exp_sheet_rows", lang)
    rows = export_frame(frame, lang)
    sheet.append(list(rows.columns))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    amount_col = COLUMNS.index("amount_sek") + 1
    for record in rows.itertuples(index=False):
        sheet.append([v.item() if hasattr(v, "item") else v for v in record])
    for row in sheet.iter_rows(min_row=2, min_col=amount_col, max_col=amount_col):
        for cell in row:
            cell.number_format = EXCEL_SEK_FORMAT if lang == "sv" else EXCEL_SEK_FORMAT_EN
    sheet.freeze_panes = "A2"
    if len(rows):
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(rows) + 1}"
    for i, width in enumerate((8, 40, 7, 38, 60, 16, 22, 14), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width

    about = book.create_sheet(t("exp_sheet_about", lang))
    about.append([t("exp_title", lang)])
    about["A1"].font = Font(bold=True, size=13)
    about.append([])
    for label, value in about_block(frame, filters, lang, exported):
        about.append([label, value])
    about.column_dimensions["A"].width = 42
    about.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
