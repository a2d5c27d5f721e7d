"""Source documents as data (issue 19, items 1 and 2): the bundled report is document ar2018, every figure names its
document, and a report staff add (PDF or text) becomes a document with its numbered lines and pages, kept across a
rebuild, recorded in the change log; every refusal is a sentence saying what to do."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from PIL import Image

from malbild.data.add_report import YearHasReport, add_report
from malbild.data.build import TABLES, build
from malbild.data.entries.documents import stored_documents as store_documents
from malbild.data.entries.errors import RefusedError
from malbild.data.entries.merge import open_merged
from malbild.data.entries.store import EntriesStore
from malbild.data.queries import run_query
from malbild.data.report_text import UnreadableReport
from malbild.paths import DATA_DIR, SOURCE_FILE
from malbild.views.sources import passage_note
from tools.report_pdf import PAGES_2019, report_pdf, scanned_pdf

pytest_plugins = ["entries_support"]

MALBILD = Path(sys.executable).parent / "malbild"
# The 2019 report's lines as numbered across its pages: (line_no, page, text).
LINES_2019 = [
    (n, page, text)
    for n, (page, text) in enumerate(
        ((p, text) for p, lines in enumerate(PAGES_2019, start=1) for text in lines), start=1
    )
]
# Every table the report fills is a contract view of that name, and so is `figure`.
CONTRACT_VIEWS = (*TABLES, "figure")


def _add(store: EntriesStore, data: bytes | None = None, name: str = "ar2019.pdf", **kw):
    args = {"year": 2019, "title": "Årsredovisning 2019", "user": "anna", **kw}
    return add_report(store, report_pdf() if data is None else data, name, **args)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, *params: object) -> list[tuple]:
    return con.execute(sql, list(params)).fetchall()


def test_the_bundled_report_is_document_ar2018(con) -> None:
    """The 2018 text is a registered document with its hash; every contract view names its document beside its
    lines, and every bundled figure is ar2018's."""
    text = SOURCE_FILE.read_bytes()
    assert _rows(
        con, "SELECT document, title, report_year, publisher, file_name, sha256, pages FROM source_document"
    ) == [
        (
            "ar2018",
            "Årsredovisning 2018",
            2018,
            "Region Västerbotten",
            SOURCE_FILE.name,
            hashlib.sha256(text).hexdigest(),
            None,
        )
    ]
    for view in CONTRACT_VIEWS:
        columns = [r[0] for r in _rows(con, f"DESCRIBE {view}")]
        assert columns[-2:] == ["document", "source_lines"], view
        assert _rows(con, f"SELECT DISTINCT document FROM {view}") == [("ar2018",)], view
    # The text's lines keep their numbers: line 1 is the report's first line (the text has no pages: page NULL).
    first = text.decode("utf-8").split("\n")[0]
    assert _rows(con, "SELECT document, line_no, page, text FROM source_line WHERE line_no = 1") == [
        ("ar2018", 1, None, first)
    ]
    assert _rows(con, "SELECT count(*) FROM source_line") == [(len(text.decode("utf-8").rstrip("\n").split("\n")),)]


def test_a_pdf_report_becomes_a_document_with_its_lines_and_pages(store: EntriesStore, built_db: Path) -> None:
    doc = _add(store)
    assert (doc.document, doc.pages, doc.report_year) == ("ar2019", 2, 2019)
    con = open_merged(built_db, store)
    try:
        assert _rows(con, "SELECT document, report_year, pages, added_by FROM source_document ORDER BY document") == [
            ("ar2018", 2018, None, "bundled"),
            ("ar2019", 2019, 2, "anna"),
        ]
        assert (
            _rows(con, "SELECT line_no, page, text FROM source_line WHERE document = 'ar2019' ORDER BY line_no")
            == LINES_2019
        )
        # One viewer shows any document: the passage of lines 4-5 of ar2019 is its page 2's first two lines.
        q = lambda name, **params: run_query(con, name, **params)
        assert passage_note(q, "4-5", 10, document="ar2019").lines == (
            (4, "Beviljade medel till projekt: 1 234 567 kr."),
            (5, "Årets resultat blev −5 298 tkr, en minskning med 2,9 %."),
        )
        assert passage_note(q, "4", 10).lines[0][1] != LINES_2019[3][2]  # no document: the bundled report's line 4
        # The Sources page's line count is still the bundled report's (its text says so).
        bundled = len(SOURCE_FILE.read_text(encoding="utf-8").rstrip("\n").split("\n"))
        assert q("source_line_count")["lines"].tolist() == [bundled]
    finally:
        con.close()
    change = [c for c in store.change_log() if c["action"] == "add_document"]
    assert [(c["table_name"], c["changed_by"], c["figure_key"]) for c in change] == [
        ("source_document", "anna", '{"document": "ar2019"}')
    ]


def test_a_text_report_keeps_its_form_feed_pages(store: EntriesStore) -> None:
    doc = _add(store, "Första sidan\nrad två\n\fAndra sidan\n".encode(), "ar2019.txt")
    assert doc.pages == 2
    assert doc.lines == ((1, 1, "Första sidan"), (2, 1, "rad två"), (3, 2, "Andra sidan"))


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (_png(), "rapport.png", "varken en PDF eller en textfil. Spara rapporten som PDF"),
        ("Årsredovisning 2019\n".encode("latin-1"), "rapport.txt", "varken en PDF eller en textfil"),
        (report_pdf(password="hemligt"), "rapport.pdf", "lösenordsskyddad (krypterad)"),
        (scanned_pdf(), "skannad.pdf", "ingen text att läsa: sidorna är bilder"),
        (b"%PDF-1.4\nnot really", "trasig.pdf", "går inte att läsa"),
    ],
)
def test_unreadable_files_are_refused_with_what_to_do(tmp_path: Path, built_db: Path, data, name, says) -> None:
    store = EntriesStore.open(tmp_path / "entries.duckdb", built_db)
    with pytest.raises(UnreadableReport) as refused:
        _add(store, data, name)
    assert says in refused.value.sv and name in refused.value.sv and refused.value.en
    assert store.change_log() == []


def test_the_same_file_twice_and_a_second_report_for_a_year(store: EntriesStore) -> None:
    data = report_pdf()
    _add(store, data)
    with pytest.raises(RefusedError, match="redan tillagd: den är Årsredovisning 2019 \\(ar2019, tillagd av anna\\)"):
        _add(store, data, name="kopia.pdf", year=2020)
    other = report_pdf([["Årsredovisning 2019, reviderad"]])
    with pytest.raises(YearHasReport, match="Det finns redan en rapport för 2019: Årsredovisning 2019 \\(ar2019\\)"):
        _add(store, other, "reviderad.pdf")
    # The bundled report counts too: 2018 has one.
    with pytest.raises(YearHasReport, match="för 2018: Årsredovisning 2018 \\(ar2018\\)"):
        _add(store, other, "reviderad.pdf", year=2018)
    assert _add(store, other, "reviderad.pdf", again=True).document == "ar2019-2"
    assert [c["figure_key"] for c in store.change_log()] == ['{"document": "ar2019"}', '{"document": "ar2019-2"}']


def test_an_added_report_survives_a_rebuild(tmp_path: Path) -> None:
    db = tmp_path / "dashboard.duckdb"
    build(db, DATA_DIR)
    store = EntriesStore.open(tmp_path / "entries.duckdb", db)
    _add(store)
    build(db, DATA_DIR)  # what `make db` does: the report's database is written anew
    con = open_merged(db, store)
    try:
        assert _rows(con, "SELECT document, count(*) FROM source_line GROUP BY document ORDER BY document")[1] == (
            "ar2019",
            len(LINES_2019),
        )
    finally:
        con.close()


def _cli(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(MALBILD), *args], env={**os.environ, **env}, capture_output=True, text=True, timeout=120, check=False
    )


def test_add_report_on_the_command_line(tmp_path: Path, built_db: Path) -> None:
    env = {"DASHBOARD_DB": str(built_db), "MALBILD_ENTRIES": str(tmp_path / "entries.duckdb")}
    pdf = tmp_path / "Årsredovisning 2019.pdf"
    pdf.write_bytes(report_pdf())
    args = ("add-report", str(pdf), "--year", "2019", "--title", "Årsredovisning 2019", "--user", "anna")
    done = _cli(env, *args)
    assert (done.returncode, done.stdout) == (
        0,
        "Lade till Årsredovisning 2019 som dokument ar2019: 6 rader, 2 sidor.\n",
    )
    counts = _cli(env, "query", "select document, count(*) from figure group by document")
    assert counts.returncode == 0 and counts.stdout.startswith("document,count_star()\nar2018,")
    lines = _cli(env, "query", "select document, count(*) as n from source_line group by document order by document")
    assert lines.stdout.splitlines()[2] == "ar2019,6"
    # A second report for 2019 is refused unless --again; the same file again is refused outright.
    shutil.copyfile(pdf, tmp_path / "kopia.pdf")
    twice = _cli(env, "add-report", str(tmp_path / "kopia.pdf"), *args[2:])
    assert twice.returncode == 2 and "redan tillagd" in twice.stderr
    (tmp_path / "rev.pdf").write_bytes(report_pdf([["Reviderad"]]))
    second = _cli(env, "add-report", str(tmp_path / "rev.pdf"), *args[2:])
    assert second.returncode == 2 and second.stderr.endswith("Kör igen med --again för att lägga till den.\n")
    again = _cli(env, "add-report", str(tmp_path / "rev.pdf"), *args[2:], "--again")
    assert again.returncode == 0 and "som dokument ar2019-2" in again.stdout
    missing = _cli(env, "--lang", "en", "add-report", str(tmp_path / "nope.pdf"), *args[2:])
    assert missing.returncode == 2 and "cannot be read. Check the path" in missing.stderr


def test_the_add_report_bench_runs_and_states_its_budget(capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m tools.bench_add_report` (make bench) adds its generated report and prints the budget line (the
    figure itself is measured by the bench, not asserted here)."""
    from tools.bench_add_report import main

    assert main(["--pages", "2", "--repeats", "1"]) == 0
    out = capsys.readouterr().out
    assert "Adding a generated 2-page PDF report (80 lines), median of 1:" in out
    assert "| adding a 2-page report ≤ 5 s CPU |" in out


def test_an_editor_adds_a_report_on_the_import_page(built_db: Path, tmp_path: Path, monkeypatch) -> None:
    """The Import page's upload: a 2019 PDF is added as ar2019; a second file for 2019 asks for confirmation, and a
    refusal is shown as its sentence (the file name as text)."""
    from test_editor_pages import EDITOR, OIDC_SECRETS, _app, _run

    from malbild.ui import store as data_store

    monkeypatch.setenv("DASHBOARD_DB", str(built_db))
    monkeypatch.setenv("MALBILD_ENTRIES", str(tmp_path / "entries.duckdb"))
    monkeypatch.setattr(data_store, "REVISION_SECONDS", 0.0)
    store = EntriesStore.open(tmp_path / "entries.duckdb", built_db)
    app = _run(_app("pages/8_Import.py", EDITOR, OIDC_SECRETS))
    assert "Rapporter som finns: Årsredovisning 2018 (ar2018, 2018)." in [c.value for c in app.caption]
    assert app.number_input(key="ar_year").value == 2019
    assert app.text_input(key="ar_title_2019").value == "Årsredovisning 2019"
    assert not [b for b in app.main.button if b.key == "ar_do"]  # nothing to add before a file is chosen
    uploader = next(u for u in app.main.file_uploader if u.key == "ar_file")
    uploader.upload("ar_2019.pdf", report_pdf(), "application/pdf")
    _run(app)
    app.main.button(key="ar_do").click()
    _run(app)
    assert "Lade till Årsredovisning 2019 som dokument ar2019: 6 rader, 2 sidor." in [s.value for s in app.success]
    assert [d["document"] for d in store_documents(store)] == ["ar2019"]
    # A second report for 2019: refused until the editor ticks the confirmation.
    app = _run(_app("pages/8_Import.py", EDITOR, OIDC_SECRETS))
    app.number_input(key="ar_year").set_value(2019)
    _run(app)
    next(u for u in app.main.file_uploader if u.key == "ar_file").upload(
        "*rev*.pdf", report_pdf([["Rev"]]), "application/pdf"
    )
    _run(app)
    app.main.button(key="ar_do").click()
    _run(app)
    assert any(
        e.value.startswith("Det finns redan en rapport för 2019: Årsredovisning 2019 (ar2019)") for e in app.error
    )
    app.checkbox(key="ar_again_2019").check()
    app.main.button(key="ar_do").click()
    _run(app)
    assert any("som dokument ar2019-2" in s.value for s in app.success)
