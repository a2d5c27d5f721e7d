"""Shared fixtures: a tiny valid dataset, and the real bundled data built into a temporary database."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest

from malbild.data.build import build, csv_header
from malbild.paths import DATA_DIR
from tests.support.report import report_lines
from tools.app_page import drawn

# A small, valid dataset with one or two rows per table. Values are fixture values, not report figures.
MINI: dict[str, list[list[str]]] = {
    "goal": [
        ["goal_id", "name_sv", "name_en", "source_lines"],
        ["1", "Mål ett", "Goal one", "1-2"],
        ["2", "Mål två", "Goal two", "3"],
    ],
    "subgoal": [
        ["subgoal_id", "goal_id", "text_sv", "source_lines"],
        ["1.1", "1", "Delmål ett", "1"],
    ],
    "goal_assessment": [
        ["goal_id", "year", "level", "basis", "note", "source_lines"],
        ["1", "2018", "2", "stated", "", "2"],
        ["1", "2017", "", "not_stated", "chart only", "2"],
        ["2", "2018", "3", "stated", "", "3"],
    ],
    "recommendation_progress": [
        ["goal_id", "year", "progress", "basis", "note", "source_lines"],
        ["1", "2018", "partly", "stated", "", "2"],
    ],
    "goal_text": [
        ["goal_id", "year", "kind", "text_sv", "source_lines"],
        ["1", "2018", "outcome", "Arbetet utvecklas.\n\nAndra stycket.", "2"],
    ],
    "project_grant": [
        ["goal_id", "year", "owner", "project", "amount_sek", "basis", "source_lines"],
        ["1", "2018", "Umeå kommun", "Projekt A", "655000", "stated", "3"],
        ["2", "2018", "Skellefteå kommun", "Projekt B", "1200", "stated", "3"],
    ],
    "goal_portfolio": [
        ["goal_id", "year", "metric", "value", "unit", "basis", "note", "source_lines"],
        ["1", "2018", "granted_projects", "1", "count", "stated", "", "3"],
    ],
    "ongoing_project": [
        ["area", "project", "source_lines"],
        ["Kultur", "Projekt C", "4"],
    ],
    "hr_metric": [
        ["metric", "year", "grp", "value", "unit", "basis", "note", "source_lines"],
        ["headcount", "2018", "all", "110", "persons", "stated", "", "4"],
    ],
    "hr_age_band": [
        ["year", "band", "grp", "persons", "basis", "note", "source_lines"],
        ["2018", "20-29", "women", "6", "stated", "", "4"],
    ],
    "financial_goal": [
        ["goal_key", "year", "value", "target_text", "met", "basis", "note", "source_lines"],
        ["liquidity_ratio", "2018", "1.28", "Likviditeten ska vara över 1,0", "true", "stated", "", "5"],
    ],
    "finance_line": [
        csv_header("finance_line"),
        ["income", "1", "Verksamhetens intäkter", "Operating income", "", "item", "2018", "100", "", "stated", "", "5"],
    ],
    "verdict": [
        csv_header("verdict"),
        ["2018", "operational_result", "auditors", "operational", "rad fem", "partly", "stated", "", "5"],
    ],
    "finance_share": [
        csv_header("finance_share"),
        ["revenue", "1", "Medlemsavgifter", "Membership fees", "2018", "100", "stated", "", "5"],
    ],
    "goal_indicator": [
        csv_header("goal_indicator"),
        ["1", "1", "Filmer som fått stöd", "Films supported", "34", "exact", "2018", "stated", "", "4"],
    ],
    "portfolio_detail": [
        csv_header("portfolio_detail"),
        ["1", "2018", "earlier_projects", "", "4", "count", "stated", "", "3"],
    ],
    "finance_detail": [
        csv_header("finance_detail"),
        ["pension", "1", "Pensionsstiftelsen", "Pension foundation", "item", "2018", "13507", "tkr", "stated"]
        + ["", "", "", "5"],
    ],
}
MINI_SOURCE = "rad ett\nrad två\nrad tre\nrad fyra\nrad fem\n"


def write_dataset(folder: Path, tables: dict[str, list[list[str]]] = MINI, source: str = MINI_SOURCE) -> Path:
    """Write a dataset (CSV per table plus the source document) into folder and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in tables.items():
        with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
    (folder / "source").mkdir(exist_ok=True)
    (folder / "source" / "arsredovisning-2018.txt").write_text(source, encoding="utf-8")
    return folder


@pytest.fixture
def mini_data(tmp_path: Path) -> Path:
    """A folder holding the tiny valid dataset."""
    return write_dataset(tmp_path / "data")


@pytest.fixture(scope="session")
def built_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data in data/ built into a temporary database file (once per test session)."""
    target = tmp_path_factory.mktemp("db") / "dashboard.duckdb"
    build(target, DATA_DIR)
    return target


@pytest.fixture
def con(built_db: Path):
    """A read-only connection to the database built from the bundled data."""
    connection = duckdb.connect(str(built_db), read_only=True)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def report_src() -> dict[int, str]:
    """The bundled report's text by line number (tests.support.report.report_lines), read once per session."""
    return report_lines()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data folder."""
    return Path(shutil.copytree(DATA_DIR, tmp_path / "data", ignore=shutil.ignore_patterns("*.duckdb*")))


REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def open_page(built_db: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Return a function that runs a page (e.g. 'pages/1_Goals.py') in AppTest with query parameters.

    Entries ($MALBILD_ENTRIES) live in the test's own folder, never in the repository's data/.
    """
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DASHBOARD_DB", str(built_db))
    monkeypatch.setenv("MALBILD_ENTRIES", str(tmp_path / "entries.duckdb"))

    def run(page: str = "app.py", **query_params: str) -> AppTest:
        app = drawn(page, query_params)
        assert not app.exception, [e.value for e in app.exception]
        return app

    return run


def in_ci() -> bool:
    """True under CI (.ci/run sets MALBILD_REQUIRE_BROWSER=1; GitHub Actions and most CI services set CI=true)."""
    import os

    return os.environ.get("MALBILD_REQUIRE_BROWSER") == "1" or os.environ.get("CI") == "true"


def browser_unavailable(reason: str) -> None:
    """Skip a browser test, or fail it when the browser is required (under CI, see in_ci)."""
    if in_ci():
        pytest.fail(f"CI (MALBILD_REQUIRE_BROWSER=1 or CI=true) but {reason}", pytrace=False)
    pytest.skip(reason)


# The only reasons a test may be skipped (tests/README.md explains each). Any other skip fails the run, and under CI
# none of these happen either: browser_unavailable and the shared-report test fail there instead of skipping.
ALLOWED_SKIPS = (
    "Chromium is not installed",
    "the Python package playwright is not installed",
    "axe-playwright-python is not installed",
    "the shared original is not beside this checkout",
    "HAProxy is not installed",
    "PostgreSQL tests skipped",
)


def _skip_reasons(terminalreporter) -> list[str]:
    """The reasons of every skipped test of the run."""
    reasons = []
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        text = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
        reasons.append(text.removeprefix("Skipped: "))
    return reasons


def _unexpected(reasons: list[str]) -> list[str]:
    """The reasons that are not on the allow-list (any reason at all under CI)."""
    if in_ci():
        return reasons
    return [r for r in reasons if not r.startswith(ALLOWED_SKIPS)]


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Print how many tests were skipped and why; name the skips that are not allowed."""
    from collections import Counter

    reasons = _skip_reasons(terminalreporter)
    terminalreporter.section("skipped tests")
    terminalreporter.write_line(f"{len(reasons)} skipped")
    for reason, count in Counter(reasons).most_common():
        allowed = "allowed" if reason not in _unexpected([reason]) else "NOT ALLOWED"
        terminalreporter.write_line(f"  {count:3d} × {reason}  [{allowed}]")
    bad = _unexpected(reasons)
    if bad:
        terminalreporter.write_line(
            f"{len(bad)} skip(s) not on the allow-list (tests/README.md): the run fails.", red=True, bold=True
        )


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus) -> None:
    """Fail the run when a test was skipped for a reason not on the allow-list."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and _unexpected(_skip_reasons(reporter)) and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def require_chromium() -> str:
    """The one way every test finds Chromium (malbild.paths.chromium_path); skip, or fail under CI, without it."""
    from malbild.paths import chromium_path

    path = chromium_path()
    if path is None:
        browser_unavailable("Chromium is not installed (apt-get install chromium) and MALBILD_CHROMIUM is not set")
    return path


@pytest.fixture(scope="session")
def chromium_browser():
    """One Playwright and one Debian Chromium for the whole session (Playwright's sync API allows one)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        browser_unavailable("the Python package playwright is not installed (pip install -e '.[test]')")
    from tests.support.browser import launch_chromium

    require_chromium()
    with sync_playwright() as playwright:
        instance = launch_chromium(playwright)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def app_server(built_db: Path, chromium_browser) -> str:
    """The app served once for the session on a free loopback port, against the bundled data; its base URL."""
    from tests.support.browser import StreamlitServer

    with StreamlitServer("app.py", db=built_db) as running:
        yield running.url


@pytest.fixture
def open_page_on(monkeypatch: pytest.MonkeyPatch):
    """Return a function that runs a page in AppTest against a given database file and data folder."""

    def run(db: Path, data: Path | None = None, page: str = "app.py", check: bool = True, **query_params: str):
        monkeypatch.setenv("DASHBOARD_DB", str(db))
        if data is not None:
            monkeypatch.setenv("DASHBOARD_DATA", str(data))
        app = drawn(page, query_params)
        if check:
            assert not app.exception, [e.value for e in app.exception]
        return app

    return run


def edit_csv(path: Path, change) -> None:
    """Rewrite a CSV file of the data folder: `change` gets and returns the list of row dicts."""
    import csv

    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    rows = change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
