"""Issue 19, item 3: a year imports whole. Every sheet a report feeds, each row citing a document and its lines; the
preview shows the passage and warns of a number not on it; the goal page and the overview show the imported texts.

The year is 2019; on this branch the only document is the bundled report `ar2018`, so the rows cite its real lines
(quoted in the comments).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from malbild.data.entries.backends import backend_from
from malbild.data.entries.citations import citation_shown, missing_numbers, numbers_in, passage
from malbild.data.entries.facts import load_facts
from malbild.data.entries.importer import import_files, preview_files
from malbild.data.entries.merge import merge_entries
from malbild.data.entries.store import EntriesStore
from malbild.data.entries.views import VIEWS
from tests.support.entries import run_malbild, write_workbook

pytest_plugins = ["entries_support"]

MALBILD = Path(sys.executable).parent / "malbild"
CITE = ["document", "lines"]
OUTCOME_2019 = "Arbetet utvecklas delvis enligt rekommendationerna. Fler satsningar behöver kopplas till verksamheten."
# One 2019 row per sheet (two on goal_portfolio), each citing lines of the bundled report.
YEAR = {
    # line 3894: 'MÅLET HAR DELVIS UPPNÅTTS (2)'
    "goal_assessment": (["goal_id", "year", "level", *CITE], [[1, 2019, 2, "ar2018", "3894"]]),
    # line 4227: 'Arbetet utvecklas delvis enligt rekommendationerna.' (goal 1 was in line in 2018: it moves)
    "recommendation_progress": (["goal_id", "year", "progress", *CITE], [[1, 2019, "partly", "ar2018", "4227"]]),
    "goal_text": (
        ["goal_id", "year", "kind", "text_sv", *CITE],
        [
            [1, 2019, "outcome", OUTCOME_2019, "ar2018", "4227–4235"],
            [1, 2019, "recommendation", "Fler satsningar behöver kopplas till verksamheten.", "ar2018", "4231-4235"],
        ],
    ),
    # lines 3862-3864: '1.1 Att alla invånare erbjuds likvärdiga förutsättningar att påverka, …'
    "subgoal": (
        ["subgoal_id", "goal_id", "text_sv", *CITE],
        [["1.9", 1, "Att alla invånare kan påverka, delta och medverka (2019)", "ar2018", "3862–3864"]],
    ),
    # lines 4067-4069: 'Det pågår för närvarande 26 olika projekt inom mål 1 …'; 1 234 567 is not there
    "goal_portfolio": (
        ["goal_id", "year", "metric", "value", "unit", *CITE],
        [
            [1, 2019, "ongoing_projects", 26, "count", "ar2018", "4067–4069"],
            [1, 2019, "granted_amount_sek", "1 234 567", "SEK", "ar2018", "4067–4069"],
        ],
    ),
    # line 1259: '• Digitala Västerbotten'
    "ongoing_project": (
        ["area", "project", *CITE],
        [["Digitalisering", "Digitala Västerbotten 2019", "ar2018", "1259"]],
    ),
    # line 7730: 'Intäkter, basverksamheten  1 88 375 86 489 85 185' (the name comes from the report's line 1)
    "finance_line": (
        ["statement", "line_order", "year", "amount_tkr", *CITE],
        [["income", 1, 2019, 88375, "ar2018", "7730"]],
    ),
    # line 7412: 'Film i Västerbotten 32,03%'
    "finance_share": (
        ["chart", "line_order", "year", "share_pct", *CITE],
        [["cost_distribution", 1, 2019, "32,03", "ar2018", "7410-7412"]],
    ),
    # the age pyramid's labels, lines 5319-5343 (line 5341: "6 personer")
    "hr_age_band": (["year", "band", "grp", "persons", *CITE], [[2019, "20-29", "all", 6, "ar2018", "5319-5343"]]),
    # lines 4019-4021: '… och 34 filmer har under perioden fått stöd.' (the name comes from the report's indicator 1)
    "goal_indicator": (
        ["goal_id", "year", "indicator_order", "value", "qualifier", *CITE],
        [[1, 2019, 1, 34, "about", "ar2018", "4019-4021"]],
    ),
    # line 4830: 'Under året har 11 projekt avslutats, …' (no measure: only granted_under_measure names one)
    "portfolio_detail": (
        ["goal_id", "year", "detail", "measure", "value", "unit", *CITE],
        [[5, 2019, "closed_projects", None, 11, "count", "ar2018", "4830"]],
    ),
    # lines 7511-7513: 'Värdet på pensionsstiftelsen uppgår per 2018-12-31 till 13 507 tkr, …'
    "finance_detail": (
        ["topic", "line_order", "year", "value", *CITE],
        [["pension", 1, 2019, "13 507", "ar2018", "7511-7513"]],
    ),
}
WARNING_SV = "1\u00a0234\u00a0567 finns inte på rad 4067–4069."


def year_workbook(path: Path, sheets: dict | None = None) -> Path:
    """Write the 2019 workbook (or the given sheets: name -> (header, rows))."""
    return write_workbook(path, sheets or YEAR)


def run(env: dict, *args: str) -> subprocess.CompletedProcess:
    """Run the installed `malbild` script with the given environment added."""
    return run_malbild(env, *args)


def test_the_report_writes_a_number_in_any_of_its_forms():
    """'1 234 567', '1234567' and '1 234 567,0' (spaces as in the PDF's text, or none) hold 1 234 567."""
    for line in ("Totalt 1 234 567 kr", "Totalt 1234567 kr", "Totalt 1\u00a0234\u00a0567,0 kr", "(1 234 567)"):
        assert missing_numbers([1234567], [line]) == [], line
    assert missing_numbers([1234567], ["1 234 568", "1 234", "567"]) == [1234567]
    assert missing_numbers([2.9, 38.8], ["sjukfrånvaro 2,9 %", "38,8 miljoner"]) == []
    # a table's columns next to each other: each column is a number of its own, and so is the grouped reading
    assert {88375, 86489, 85185} <= numbers_in(["Intäkter, basverksamheten  1 88 375 86 489 85 185"])
    assert missing_numbers([-5298], ["Resultat −5 298"]) == []


def test_a_citation_is_shown_as_document_and_lines():
    """An entry's citation reads 'ar2018, rad 120–124'; a source typed in words (the form) stays as typed."""
    assert citation_shown("ar2018:120-124;130", lang="sv") == "ar2018, rad 120–124, 130"
    assert citation_shown("ar2018:3894", "en") == "ar2018, line 3894"
    assert citation_shown("Årsredovisning 2019, s. 42", lang="sv") == "Årsredovisning 2019, s. 42"
    assert citation_shown("ar2018:s. 42", lang="sv") == "ar2018:s. 42"


def test_passage_reads_the_cited_lines_or_none(con):
    """The one place that reads a document's text: the lines in order, None for a line or document not there."""
    assert passage(con, "ar2018", 4067, 4069) == [
        (4067, "Det pågår för närvarande 26 olika projekt inom mål 1 som "),
        (4068, ""),
        (4069, "Region Västerbotten medfinansierar, med sammanlagt "),
    ]
    last = con.execute("SELECT max(line_no) FROM src.source_line").fetchone()[0]
    assert passage(con, "ar2018", last, last + 1) is None
    assert passage(con, "ar2019", 1, 1) is None


def test_the_preview_shows_each_rows_passage_and_warns_of_a_number_not_on_it(tmp_path, built_db):
    """Every row is valid; each carries its cited lines' text; the one number not on its lines is a warning."""
    preview = preview_files([year_workbook(tmp_path / "2019.xlsx")], load_facts(built_db))
    assert preview.problems == [] and preview.ok
    assert len(preview.rows) == 14 and all(row.passage for row in preview.rows)
    line = next(r for r in preview.rows if r.view == "finance_line")
    assert line.passage == [(7730, "Intäkter, basverksamheten  1 88 375 86 489 85 185")]
    assert [(w.sheet, w.row, w.sv) for w in preview.warnings] == [("goal_portfolio", 3, WARNING_SV)]
    assert preview.warnings[0].en == "1,234,567 is not on line 4067–4069."


def test_the_import_pages_preview_table_puts_the_passage_beside_the_row(tmp_path, built_db):
    """The Import page's table: where, values, document and lines, the text on them, and what to check."""
    from malbild.views.import_preview import preview_table

    preview = preview_files([year_workbook(tmp_path / "2019.xlsx")], load_facts(built_db))
    table = preview_table(preview, lang="sv").set_index("Var")
    portfolio = table.loc["goal_portfolio, rad 3"]
    assert portfolio["Källa (dokument, rader)"] == "ar2018 4067–4069"
    assert portfolio["Text på raderna"] == (
        "Det pågår för närvarande 26 olika projekt inom mål 1 som Region Västerbotten medfinansierar, med sammanlagt"
    )
    assert portfolio["Kontrollera"] == WARNING_SV
    assert table.loc["goal_portfolio, rad 2", "Kontrollera"] == ""
    assert list(preview_table(preview, "en").columns) == [
        "Where",
        "Values",
        "Source (document, lines)",
        "Text on the lines",
        "Check",
    ]


@pytest.mark.parametrize(
    ("document", "lines", "column", "words"),
    [
        ("ar2018", "99999", "lines", "rad 99999 finns inte i dokumentet ar2018"),
        ("ar2018", "4227;99998–99999", "lines", "rad 4227, 99998–99999 finns inte"),
        ("ar2019", "4227", "document", "dokumentet 'ar2019' finns inte"),
        ("ar2018", "s. 40", "lines", "skriv raderna som 120–124"),
        ("ar2018", "124-120", "lines", "skriv raderna som 120–124"),
        ("ar2018", None, "lines", "ange raderna"),
        (None, "4227", "document", "ange vilket dokument"),
    ],
)
def test_a_citation_that_does_not_exist_refuses_the_whole_import(tmp_path, store, document, lines, column, words):
    """Lines not in the document, an unknown document or no citation: named by sheet, row and column; nothing in."""
    sheets = dict(YEAR)
    head, rows = sheets["goal_text"]
    sheets["goal_text"] = (head, [*rows, [2, 2019, "outcome", "En text.", document, lines]])
    preview, result = import_files([year_workbook(tmp_path / "bad.xlsx", sheets)], store, user="anna")
    assert result is None
    assert [(p.sheet, p.row, p.column) for p in preview.problems] == [("goal_text", 4, column)]
    assert words in preview.problems[0].sv and preview.problems[0].en
    assert all(store.entries(v) == [] for v in VIEWS) and store.imports() == []


def test_a_page_the_document_does_not_number_is_refused(tmp_path, store):
    """A page citation is looked up in the document; the bundled text keeps no page numbers, so it is refused."""
    sheets = {"ongoing_project": (["area", "project", "document", "page"], [["Digitalisering", "P", "ar2018", 40]])}
    preview, result = import_files([year_workbook(tmp_path / "page.xlsx", sheets)], store, user="anna")
    assert result is None and [(p.column, p.sv) for p in preview.problems] == [
        ("page", "sidan 40 finns inte i dokumentet ar2018; ange raderna i kolumnen lines.")
    ]


def test_a_whole_year_through_malbild_import(tmp_path, built_db):
    """`malbild import` writes every sheet, prints the warning, and the merged views show the rows as the report's
    own rows are shown, their source_lines the cited lines; the change log records the citation and the warning."""
    env = {"DASHBOARD_DB": str(built_db), "MALBILD_ENTRIES": str(tmp_path / "entries.duckdb")}
    done = run(env, "import", str(year_workbook(tmp_path / "2019.xlsx")), "--user", "anna")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Importerade 14 rader (14 ändrade värden), import-id ")
    assert done.stderr.splitlines() == [f"Kontrollera: goal_portfolio, rad 3: {WARNING_SV}"]
    out = run(
        env, "query", "SELECT kind, text_sv, source_lines, entered_by FROM goal_text WHERE year = 2019 ORDER BY kind"
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1:] == [
        f"outcome,{OUTCOME_2019},4227-4235,anna",
        "recommendation,Fler satsningar behöver kopplas till verksamheten.,4231-4235,anna",
    ]
    store = EntriesStore(backend_from(env["MALBILD_ENTRIES"]), built_db)
    con = duckdb.connect(str(built_db), read_only=True)
    try:
        report = {name: [c[0] for c in con.execute(f"DESCRIBE {name}").fetchall()] for name in VIEWS}
        merge_entries(con, store)
        for name in VIEWS:  # the report's columns in the report's order, then who, when and which source
            merged = [c[0] for c in con.execute(f"DESCRIBE {name}").fetchall()]
            assert merged == [*report[name], "entered_by", "entered_at", "source_document"], name
        subgoal = con.execute("SELECT goal_id, text_sv, source_lines FROM subgoal WHERE subgoal_id = '1.9'").fetchall()
        line = con.execute(
            "SELECT line, line_en, kind, amount_tkr, basis, source_lines FROM finance_line "
            "WHERE statement = 'income' AND line_order = 1 AND year = 2019"
        ).fetchall()
        figures = con.execute("SELECT count(*) FROM figure WHERE year = 2019 AND basis = 'entered'").fetchone()[0]
        indicator = con.execute(
            "SELECT indicator, indicator_en, value, qualifier, basis, document, source_lines, entered_by "
            "FROM goal_indicator WHERE year = 2019"
        ).fetchall()
        detail = con.execute(
            "SELECT line, kind, value, unit, basis, other_values, document, source_lines FROM finance_detail "
            "WHERE year = 2019 AND topic = 'pension'"
        ).fetchall()
        portfolio = con.execute(
            "SELECT goal_id, detail, measure, value, unit, basis, document, source_lines FROM portfolio_detail "
            "WHERE year = 2019"
        ).fetchall()
        listed = con.execute(
            "SELECT dataset, figure_key, value, document, source_lines FROM figure "
            "WHERE year = 2019 AND basis = 'entered' "
            "AND dataset IN ('goal_indicator', 'finance_detail', 'portfolio_detail') "
            "ORDER BY dataset"
        ).fetchall()
    finally:
        con.close()
    films = "Filmer som fått stöd av Film i Västerbotten under året"
    assert indicator == [
        (films, "Films supported by Film i Västerbotten during the year", 34.0, "about", "entered", "ar2018")
        + ("4019-4021", "anna")
    ]
    assert detail == [("Värdet på pensionsstiftelsen", "item", 13507.0, "tkr", "entered", None, "ar2018", "7511-7513")]
    assert listed == [
        ("finance_detail", "pension: tkr: Värdet på pensionsstiftelsen", 13507.0, "ar2018", "7511-7513"),
        ("goal_indicator", f"goal 1: about: {films}", 34.0, "ar2018", "4019-4021"),
        ("portfolio_detail", "goal 5: closed_projects", 11.0, "ar2018", "4830"),
    ]
    assert portfolio == [(5, "closed_projects", None, 11.0, "count", "entered", "ar2018", "4830")]
    assert subgoal == [(1, "Att alla invånare kan påverka, delta och medverka (2019)", "3862-3864")]
    assert line == [("Intäkter, basverksamheten", "Revenue, core operations", "item", 88375.0, "entered", "7730")]
    assert figures == 10  # level, progress, 2 portfolio figures, a line, a share, an age band, indicator, 2 details
    log = {(c["table_name"], c["reason"]) for c in store.change_log()}
    assert ("goal_portfolio", f"bekräftat / confirmed: {WARNING_SV}") in log
    assert {c["new_value"].split('"source_document": ')[1] for c in store.change_log()} >= {'"ar2018:7730"}'}


def _page_text(at) -> str:
    """Every text a page drew: Markdown, captions, titles, headings, alerts and its HTML blocks."""
    parts = [e.value for kind in ("markdown", "caption", "title", "header", "subheader") for e in getattr(at, kind)]
    parts += [e.value for kind in ("info", "warning", "success", "error") for e in getattr(at, kind)]
    parts += [h.proto.body for h in at.get("html")]
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def imported(tmp_path, built_db, open_page):
    """The 2019 workbook imported into the entries the pages read (open_page's $MALBILD_ENTRIES)."""
    store = EntriesStore(backend_from(str(tmp_path / "entries.duckdb")), built_db)
    preview, result = import_files([year_workbook(tmp_path / "2019.xlsx")], store, user="anna")
    assert result is not None, [p.line(lang="sv") for p in preview.problems]
    return store


def test_the_goal_page_shows_the_imported_texts_and_sub_goal(imported, open_page):
    """Goal 1's page follows 2019: the imported outcome and recommendation, and the new sub-goal."""
    at = open_page("pages/1_Goals.py", goal="1")
    text = _page_text(at)
    assert "Utfall 2019" in text and "Arbetet utvecklas delvis enligt rekommendationerna." in text
    assert "Fler satsningar behöver kopplas till verksamheten." in text
    assert "**1.9** Att alla invånare kan påverka, delta och medverka (2019)" in text
    assert "inmatat av anna" in text and "källa: ar2018, rad 3894" in text.replace("\\", "")
    assert "””" not in text


def test_the_overview_quotes_the_imported_text(imported, open_page):
    """What changed 2018 → 2019 quotes the imported outcome, never an empty quotation."""
    text = _page_text(open_page("app.py"))
    assert (
        "Mål 1: arbetet mot rekommendationerna ■■■ i enlighet (2018) → ■■□ delvis (2019). "
        "Rapporten: ”Arbetet utvecklas delvis enligt rekommendationerna.”"
    ) in text.replace("\\", "")
    assert "””" not in text


def test_an_entered_progress_without_a_passage_is_not_quoted_empty(tmp_path, built_db, open_page):
    """A progress typed into the form (a source in words, no lines, no outcome text) is said without a quotation."""
    store = EntriesStore(backend_from(str(tmp_path / "entries.duckdb")), built_db)
    for view, values in (("goal_assessment", {"level": 2}), ("recommendation_progress", {"progress": "partly"})):
        store.set_value(
            view,
            {"goal_id": 1, "year": 2019},
            values,
            user="anna",
            source_document="ÅR 2019, s. 42",
            expected_version=0,
        )
    text = _page_text(open_page("app.py")).replace("\\", "")
    assert "Mål 1: arbetet mot rekommendationerna ■■■ i enlighet (2018) → ■■□ delvis (2019)." in text
    assert "””" not in text and "Rapporten: ”" not in text


def test_the_goal_page_shows_the_imported_indicator(imported, open_page):
    """What the work under goal 1 achieved follows 2019: the imported indicator, qualified as entered, its lines."""
    text = _page_text(open_page("pages/1_Goals.py", goal="1"))
    assert "Vad arbetet under mål 1 åstadkom 2019" in text
    assert "Filmer som fått stöd av Film i Västerbotten under året" in text and "ca 34" in text
    assert "rad 4019–4021" in text


def test_the_finance_page_shows_the_imported_detail(imported, open_page):
    """Ekonomi's pension table gains a 2019 column holding the imported value."""
    text = _page_text(open_page("pages/4_Finance.py"))
    pension = text[text.index("Värdet på pensionsstiftelsen") - 2000 :]
    assert "2019" in pension and "13\u00a0507\u00a0tkr" in pension


def test_the_goal_page_says_the_imported_portfolio_detail(imported, open_page):
    """Goal 5's portfolio sentences follow 2019: the imported number of closed projects."""
    text = _page_text(open_page("pages/1_Goals.py", goal="5"))
    assert "11 projekt inom målet avslutades under 2019" in text


def test_the_template_has_the_sheets_of_the_three_views(tmp_path, built_db):
    """Issue 20: the template names goal_indicator, portfolio_detail and finance_detail, with their allowed values."""
    from openpyxl import load_workbook

    from malbild.data.entries.importer import write_template

    book = load_workbook(write_template(tmp_path / "mall.xlsx", load_facts(built_db)))
    assert {"goal_indicator", "portfolio_detail", "finance_detail"} <= set(book.sheetnames)
    assert [c.value for c in book["portfolio_detail"][1]] == [
        *("goal_id", "year", "detail", "measure", "value", "unit", "note"),
        *("document", "lines", "page", "comment"),
    ]
    allowed = {(r[0], r[1]): r[3] for r in book["_tillåtna_värden"].iter_rows(min_row=2, values_only=True)}
    assert allowed[("goal_indicator", "qualifier")] == "exact, about, more_than"
    assert allowed[("portfolio_detail", "detail")] == (
        "eu_cofunded_share_pct, granted_under_measure, earlier_projects, closed_projects"
    )
    assert "project_result" in allowed[("finance_detail", "topic")]


@pytest.mark.parametrize(
    ("sheet", "head", "row", "warning"),
    [
        (
            "goal_indicator",
            ["goal_id", "year", "indicator_order", "value", "qualifier"],
            [1, 2019, 1, 35, "exact"],
            "35",
        ),
        (
            "portfolio_detail",
            ["goal_id", "year", "detail", "value", "unit"],
            [5, 2019, "closed_projects", 12, "count"],
            "12",
        ),
        ("finance_detail", ["topic", "line_order", "year", "value"], ["pension", 1, 2019, "13 508"], "13\u00a0508"),
    ],
)
def test_a_number_not_on_its_lines_is_a_warning(tmp_path, built_db, sheet, head, row, warning):
    """A value of the three views that its cited lines do not hold gets the usual warning (the row still imports)."""
    sheets = {sheet: ([*head, *CITE], [[*row, "ar2018", "4830"]])}
    preview = preview_files([year_workbook(tmp_path / "w.xlsx", sheets)], load_facts(built_db))
    assert preview.problems == []
    assert [(w.sheet, w.row, w.sv) for w in preview.warnings] == [(sheet, 2, f"{warning} finns inte på rad 4830.")]


def test_a_measure_only_for_granted_under_measure(tmp_path, built_db):
    """portfolio_detail.measure is given for granted_under_measure and only then (the schema's CHECK); two rows
    without a measure under the same key are duplicates."""
    head = ["goal_id", "year", "detail", "measure", "value", "unit", *CITE]
    sheets = {
        "portfolio_detail": (
            head,
            [
                [1, 2019, "granted_under_measure", None, 6, "count", "ar2018", "4830"],
                [5, 2019, "closed_projects", "1:1", 11, "count", "ar2018", "4830"],
                [5, 2019, "earlier_projects", None, 11, "count", "ar2018", "4830"],
                [5, 2019, "earlier_projects", None, 11, "count", "ar2018", "4830"],
            ],
        )
    }
    preview = preview_files([year_workbook(tmp_path / "m.xlsx", sheets)], load_facts(built_db))
    assert [(p.row, p.column) for p in preview.problems] == [(2, "measure"), (3, "measure"), (5, None)]
