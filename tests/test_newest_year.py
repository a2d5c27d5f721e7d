"""Issue 19, item 4: every screen follows the newest year. A generated 2019 report (tools/report_pdf.py) is added as
document ar2019 and a workbook citing its lines is imported; the headings then name the years and reports that are
there, and a passage of a 2019 figure is quoted from the 2019 document, never from the bundled ar2018.

The lines of the generated report (tools.report_pdf.PAGES_2019), numbered across its two pages:
  3  'Mål 1: målet är delvis uppnått under året.'
  4  'Beviljade medel till projekt: 1 234 567 kr.'
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from malbild.data.add_report import add_report
from malbild.data.entries.backends import backend_from
from malbild.data.entries.importer import import_files
from malbild.data.entries.store import EntriesStore
from tests.support.entries import run_malbild, write_workbook
from tools.report_pdf import report_pdf

MALBILD = Path(sys.executable).parent / "malbild"
LINE_3 = "Mål 1: målet är delvis uppnått under året."
# Rows of the 2019 workbook, each citing the generated report's lines.
SHEETS_2019 = {
    "goal_assessment": (["goal_id", "year", "level", "document", "lines"], [[1, 2019, 2, "ar2019", "3"]]),
    "recommendation_progress": (
        ["goal_id", "year", "progress", "document", "lines"],
        [[1, 2019, "partly", "ar2019", "3"]],
    ),
    "goal_text": (
        ["goal_id", "year", "kind", "text_sv", "document", "lines"],
        [[1, 2019, "outcome", LINE_3, "ar2019", "3"]],
    ),
    "goal_portfolio": (
        ["goal_id", "year", "metric", "value", "unit", "document", "lines"],
        [[1, 2019, "granted_amount_sek", 1234567, "SEK", "ar2019", "4"]],
    ),
}


def workbook_2019(path: Path, sheets: dict | None = None) -> Path:
    """Write the 2019 workbook (or the given sheets: name -> (header, rows))."""
    return write_workbook(path, sheets or SHEETS_2019)


def _cli(env: dict, *args: str) -> subprocess.CompletedProcess:
    """Run the installed `malbild` script with the given environment added."""
    return run_malbild(env, *args)


def test_add_report_then_import_then_both_reports_have_figures(tmp_path: Path, built_db: Path) -> None:
    """`malbild add-report`, `malbild import`, then the figures per document name ar2018 and ar2019."""
    env = {"DASHBOARD_DB": str(built_db), "MALBILD_ENTRIES": str(tmp_path / "entries.duckdb")}
    pdf = tmp_path / "Årsredovisning 2019.pdf"
    pdf.write_bytes(report_pdf())
    added = _cli(env, "add-report", str(pdf), "--year", "2019", "--title", "Årsredovisning 2019", "--user", "anna")
    assert added.returncode == 0, added.stderr
    done = _cli(env, "import", str(workbook_2019(tmp_path / "2019.xlsx")), "--user", "anna")
    assert done.returncode == 0, done.stderr
    counts = _cli(env, "query", "select document, count(*) from figure group by document order by document")
    assert counts.returncode == 0, counts.stderr
    rows = dict(line.split(",") for line in counts.stdout.splitlines()[1:])
    assert list(rows) == ["ar2018", "ar2019"]
    assert rows["ar2019"] == "3"  # a level, a progress and a portfolio figure (a text is no figure)


@pytest.fixture
def year_2019(tmp_path: Path, built_db: Path, open_page) -> EntriesStore:
    """The generated 2019 report added as ar2019 and the workbook citing it imported, into open_page's entries."""
    store = EntriesStore(backend_from(str(tmp_path / "entries.duckdb")), built_db)
    add_report(store, report_pdf(), "ar2019.pdf", year=2019, title="Årsredovisning 2019", user="anna")
    preview, result = import_files([workbook_2019(tmp_path / "2019.xlsx")], store, user="anna")
    assert result is not None, [p.line() for p in preview.problems]
    return store


def _page_text(at) -> str:
    """Every text a page drew: Markdown, captions, titles, headings and its HTML blocks."""
    parts = [e.value for kind in ("markdown", "caption", "title", "header", "subheader") for e in getattr(at, kind)]
    parts += [h.proto.body for h in at.get("html")]
    return "\n".join(str(p) for p in parts).replace("\\", "")


def test_the_bundled_report_alone_is_named_as_before(open_page) -> None:
    """Without 2019 the overview names 2016–2018 and the one report, read from the data."""
    text = _page_text(open_page("app.py"))
    assert "Måluppfyllelse 2016–2018" in text
    assert "Underlag: Årsredovisning 2018." in text


def test_the_overview_names_the_years_and_reports_there(year_2019, open_page) -> None:
    """After 2019: the grid's heading says 2016–2019 and the tagline both reports; in English too."""
    text = _page_text(open_page("app.py"))
    assert "Måluppfyllelse 2016–2019" in text and "2016–2018" not in text
    assert "Underlag: Årsredovisning 2018 och Årsredovisning 2019." in text
    en = _page_text(open_page("app.py", lang="en"))
    assert "Goal fulfilment 2016–2019" in en
    assert "Source: Annual report 2018 and Annual report 2019." in en


def test_the_goal_page_quotes_the_2019_reasoning_from_the_2019_document(year_2019, open_page) -> None:
    """Goal 1's 2019 outcome is shown, and its "Visa källa" quotes line 3 of ar2019 (ar2018's line 3 is another)."""
    at = open_page("pages/1_Goals.py", goal="1")
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert "Utfall 2019" in _page_text(at)
    assert "Årsredovisning 2019, rad 3" in html
    assert "<blockquote" in html and LINE_3 in html.split("Årsredovisning 2019, rad 3", 1)[1]


def test_the_overview_quotes_the_2019_text_in_what_changed(year_2019, open_page) -> None:
    """What changed 2018 → 2019 quotes the 2019 outcome (from ar2019), and no quotation is empty."""
    text = _page_text(open_page("app.py"))
    assert f"Rapporten: ”{LINE_3}”" in text
    assert "””" not in text


def test_a_progress_without_its_text_is_quoted_from_its_own_document(tmp_path, built_db, open_page) -> None:
    """A 2019 progress citing ar2019 line 3, with no outcome text entered: what changed quotes line 3 of ar2019,
    not line 3 of the bundled ar2018."""
    store = EntriesStore(backend_from(str(tmp_path / "entries.duckdb")), built_db)
    add_report(store, report_pdf(), "ar2019.pdf", year=2019, title="Årsredovisning 2019", user="anna")
    book = workbook_2019(
        tmp_path / "2019.xlsx", {k: SHEETS_2019[k] for k in ("goal_assessment", "recommendation_progress")}
    )
    preview, result = import_files([book], store, user="anna")
    assert result is not None, [p.line() for p in preview.problems]
    text = _page_text(open_page("app.py"))
    assert f"Rapporten: ”{LINE_3}”" in text
    assert "””" not in text


def test_the_sources_page_counts_figures_per_document_and_opens_any_passage(year_2019, open_page) -> None:
    """Each report with its lines and the figures citing it; a passage of ar2019 opened by its lines, and a
    plain sentence for lines it does not have or a form it cannot read."""
    at = open_page("pages/5_Sources.py")
    table = next(df.value for df in at.dataframe if "Dokument" in df.value.columns).set_index("Dokument")
    assert list(table.index) == ["ar2018", "ar2019"]
    assert table.loc["ar2019", "Titel"] == "Årsredovisning 2019"
    assert (table.loc["ar2019", "Rader"], table.loc["ar2019", "Siffror"]) == ("6", "3")
    assert int(table.loc["ar2018", "Siffror"].replace("\u00a0", "")) > 100  # the bundled report's own figures
    at.selectbox(key="src_open_document").set_value("ar2019")
    at.text_input(key="src_open_lines").set_value("3-4").run()
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert LINE_3 in html and "Beviljade medel till projekt: 1 234 567 kr." in html
    at.text_input(key="src_open_lines").set_value("99").run()
    assert [i.value for i in at.info] == ["Rad 99 finns inte i dokumentet ar2019."]
    at.text_input(key="src_open_lines").set_value("s. 4").run()
    assert [i.value for i in at.info] == ["Skriv raderna som 120–124, eller flera som 120–124; 130."]


def test_the_snapshot_and_the_deck_name_both_reports(year_2019, built_db, tmp_path, monkeypatch) -> None:
    """The snapshot's stamp and basis line, and every slide's footer, name the reports there (not only 2018)."""
    from pptx import Presentation

    from malbild.export.deck import main as deck_main
    from malbild.export.snapshot import main as snapshot_main

    monkeypatch.setenv("DASHBOARD_DB", str(built_db))
    monkeypatch.setenv("MALBILD_ENTRIES", str(tmp_path / "entries.duckdb"))
    target = tmp_path / "oversikt.html"
    assert snapshot_main(["--output", str(target), "--no-charts"]) == 0
    text = target.read_text(encoding="utf-8")
    assert "ur Årsredovisning 2018 och Årsredovisning 2019" in text
    assert "Källa: Årsredovisning 2018 och Årsredovisning 2019, Region Västerbotten;" in text
    deck = tmp_path / "deck.pptx"
    assert deck_main(["--output", str(deck)]) == 0
    footers = {
        shape.text_frame.text
        for slide in list(Presentation(str(deck)).slides)[1:]
        for shape in slide.shapes
        if shape.has_text_frame and shape.text_frame.text.startswith("Källa:")
    }
    assert footers == {
        "Källa: Årsredovisning 2018 och Årsredovisning 2019, Region Västerbotten (radnummer i anteckningarna)"
    }


def test_no_joined_source_note_quotes_a_2019_line_from_the_2018_report(year_2019, open_page) -> None:
    """The goal page's notes that join several figures' lines (the levels chart, the year's figures, the progress)
    quote the bundled report: a 2019 figure's line 3 of ar2019 is not quoted as line 3 of ar2018 (whose line 3 is
    'Regionförbundet Västerbottens län')."""
    at = open_page("pages/1_Goals.py", goal="1")
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert "Regionförbundet Västerbottens län" not in html
    assert LINE_3 in html  # quoted where it belongs: the 2019 outcome's own source
