"""The entries store failing (issue 22, item 6): a deleted, damaged, read-only or unreachable store gives editors a
plain sentence and viewers a banner, writes nothing half, and works again on the next run once the store is back.
"""

from __future__ import annotations

import socket
from pathlib import Path

import duckdb
import pytest
from page_helpers import notes

from malbild.data.entries import backends
from malbild.data.entries.backends import backend_from
from malbild.data.entries.errors import StoreUnavailable
from malbild.data.entries.store import EntriesStore
from malbild.ui import store as data_store

pytest_plugins = ["entries_support"]

G1_2016 = {"goal_id": 1, "year": 2016}
SRC = "Årsredovisning 2016, s. 12"
PLAIN_SV = "Inmatade uppgifter går inte att läsa eller spara just nu. Inget sparades."
BANNER = "Inmatade uppgifter kan inte visas just nu. Sidan visar årsredovisningens uppgifter."
EDITOR = {"is_logged_in": True, "email": "anna@example.se", "roles": ["malbild.editor"], "name": "Anna"}
SECRETS = {
    "auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32},
    "malbild": {"editors": []},
}


def enter(store: EntriesStore, level: int = 2, expected: int = 0) -> int:
    return store.set_value(
        "goal_assessment",
        G1_2016,
        {"level": level, "note": None},
        user="anna",
        source_document=SRC,
        expected_version=expected,
    )


def assert_plain(exc: StoreUnavailable, where: str) -> None:
    """A sentence for people: no path, no URL, no blame on another program, no conflict."""
    for lang in ("sv", "en"):
        text = exc.message(lang)
        assert where not in text and "/" not in text and "annat program" not in text and "another program" not in text
    assert exc.message("sv").startswith(PLAIN_SV)


def refuse_entries(monkeypatch: pytest.MonkeyPatch, path: Path, message: str) -> None:
    """Make opening the entries file (only that file) fail as DuckDB would."""
    real = duckdb.connect

    def connect(database=":memory:", *args, **kwargs):
        if str(database) == str(path):
            raise duckdb.IOException(message)
        return real(database, *args, **kwargs)

    monkeypatch.setattr(backends.duckdb, "connect", connect)


@pytest.fixture
def duck(tmp_path: Path, built_db: Path) -> tuple[EntriesStore, Path]:
    path = tmp_path / "entries.duckdb"
    return EntriesStore(backend_from(str(path)), built_db), path


def test_a_deleted_file_is_made_again_with_its_tables_on_the_next_save(duck) -> None:
    store, path = duck
    enter(store)
    path.unlink()
    assert enter(store) == 1, "the next save writes into a new file"
    fresh = EntriesStore(backend_from(str(path)), store.report)
    assert [c["action"] for c in fresh.change_log()] == ["set"] and fresh.version("goal_assessment", G1_2016) == 1


def test_a_file_left_without_tables_is_told_then_repaired(duck) -> None:
    store, path = duck
    enter(store)
    path.unlink()
    duckdb.connect(str(path)).close()  # deleted after the check, an empty file made by opening it: no tables
    with pytest.raises(StoreUnavailable) as told:
        store.ensure_schema()  # the store believes its tables exist (it made them)
        store.revision()
    assert_plain(told.value, str(path))
    assert store.revision() == 0 and enter(store) == 1, "the next call makes the tables again"


def test_a_damaged_file_is_told_plainly_and_works_again_once_restored(duck) -> None:
    store, path = duck
    enter(store)
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 3])  # truncated
    with pytest.raises(StoreUnavailable) as told:
        enter(store, 3, expected=1)
    assert_plain(told.value, str(path))
    path.write_bytes(good)
    assert store.version("goal_assessment", G1_2016) == 1 and enter(store, 3, expected=1) == 2


def test_a_read_only_file_is_told_plainly(duck, monkeypatch: pytest.MonkeyPatch) -> None:
    store, path = duck
    enter(store)

    refuse_entries(
        monkeypatch, path, f'IO Error: Cannot open file "{path}": Permission denied'
    )  # as root, chmod would not stop the test's own process
    with pytest.raises(StoreUnavailable) as told:
        enter(store, 3, expected=1)
    assert_plain(told.value, str(path))


def test_a_fault_in_the_middle_of_a_save_writes_nothing(duck, monkeypatch: pytest.MonkeyPatch) -> None:
    store, path = duck
    enter(store)
    real = backends._DuckTx.execute

    def fail_on_the_log(self, sql, params=()):
        if sql.startswith("INSERT INTO change_log"):
            raise duckdb.IOException("IO Error: could not write: No space left on device")
        return real(self, sql, params)

    monkeypatch.setattr(backends._DuckTx, "execute", fail_on_the_log)
    with pytest.raises(StoreUnavailable) as told:
        enter(store, 3, expected=1)
    assert_plain(told.value, str(path))
    monkeypatch.undo()
    assert store.current("goal_assessment", G1_2016)["level"] == 2 and len(store.change_log()) == 1


def test_a_lock_held_by_another_program_says_so_without_the_path(duck, monkeypatch: pytest.MonkeyPatch) -> None:
    store, path = duck
    enter(store)
    store.backend.wait_seconds = 0.1

    refuse_entries(monkeypatch, path, f'IO Error: Could not set lock on file "{path}": Conflicting lock is held')
    with pytest.raises(StoreUnavailable) as told:
        enter(store, 3, expected=1)
    text = told.value.message("sv")
    assert "ett annat program använder filen" in text and str(path) not in text


def test_postgresql_not_answering_is_told_plainly(built_db: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on: a stopped server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://malbild:hemligt@127.0.0.1:{port}/malbild"
    store = EntriesStore(backend_from(url), built_db)
    store.backend.connect_timeout = 2
    with pytest.raises(StoreUnavailable) as told:
        enter(store)
    assert_plain(told.value, "127.0.0.1")
    assert "hemligt" not in str(told.value) and str(port) not in told.value.message("sv")


def test_postgresql_stopped_is_told_plainly_and_works_again_once_started(pg_server, built_db: Path) -> None:
    store = EntriesStore(backend_from(pg_server()), built_db)
    enter(store)
    pg_server.stop()
    try:
        for attempt in (store.revision, lambda: enter(store, 3, expected=1)):
            with pytest.raises(StoreUnavailable) as told:
                attempt()
            assert_plain(told.value, "127.0.0.1")
    finally:
        pg_server.start()
    assert store.version("goal_assessment", G1_2016) == 1, "the same store, no restart of the app"
    assert enter(store, 3, expected=1) == 2 and len(store.change_log()) == 2


# In the app --------------------------------------------------------------------------------------------------------


@pytest.fixture
def app_entries(built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[EntriesStore, Path]:
    """The entries file the app reads (read afresh by every run), holding goal 1's 2016 level."""
    path = tmp_path / "entries.duckdb"
    monkeypatch.setenv("DASHBOARD_DB", str(built_db))
    monkeypatch.setenv("MALBILD_ENTRIES", str(path))
    monkeypatch.setattr(data_store, "REVISION_SECONDS", 0.0)
    store = EntriesStore(backend_from(str(path)), built_db)
    enter(store)
    return store, path


def run(page: str, user: dict | None = None, app=None, **params: str):
    """Run a page (again) in AppTest and fail on an exception box."""
    from conftest import REPO
    from streamlit.testing.v1 import AppTest

    if app is None:
        app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
        app.switch_page(page)
        for key, value in params.items():
            app.query_params[key] = value
        if user is not None:
            app.user = user
            for key, value in SECRETS.items():
                app.secrets[key] = value
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def entered_shown(app) -> bool:
    """Whether the Goals page notes goal 1's entered 2016 level."""
    return any(note.startswith("✎ 2016: ●●○ 2") for note in notes(app))


def truncate(path: Path) -> bytes:
    """Cut the entries file to a third; return what it held."""
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 3])
    return good


def damage(path: Path) -> bytes:
    """Overwrite the entries file with bytes that are not a DuckDB database; return what it held."""
    good = path.read_bytes()
    path.write_bytes(b"not a database " * 1000)
    return good


@pytest.mark.parametrize("fault", ["damaged", "truncated", "deleted"])
def test_viewers_get_a_banner_and_the_figures_come_back_with_the_store(app_entries, fault: str) -> None:
    store, path = app_entries
    app = run("pages/1_Goals.py", goal="1")
    assert entered_shown(app) and BANNER not in [w.value for w in app.warning]
    if fault == "damaged":
        good = damage(path)
    elif fault == "truncated":
        good = truncate(path)
    else:
        good = path.read_bytes()
        path.unlink()
    if fault == "truncated":
        # The file still answers its revision, so a session that merged the entries keeps them; a new one cannot.
        run("pages/1_Goals.py", app=app)
        assert entered_shown(app)
        app = run("pages/1_Goals.py", goal="1")
    else:
        run("pages/1_Goals.py", app=app)
    assert BANNER in [w.value for w in app.warning] and not entered_shown(app)
    path.write_bytes(good)
    run("pages/1_Goals.py", app=app)
    assert BANNER not in [w.value for w in app.warning] and entered_shown(app), "back without a restart"


@pytest.mark.parametrize("how", ["damaged", "truncated"])
@pytest.mark.parametrize("page", ["pages/7_Edit.py", "pages/8_Import.py", "pages/9_Changes.py"])
def test_editor_pages_say_a_plain_sentence_and_work_again(app_entries, page: str, how: str) -> None:
    store, path = app_entries
    good = damage(path) if how == "damaged" else truncate(path)
    app = run(page, EDITOR)
    errors = [e.value.replace("\\", "") for e in app.error]
    # A truncated file may still answer what a page asks (Import reads only the list of imports): no error then.
    told = len(errors) == 1 or (how == "truncated" and page == "pages/8_Import.py" and not errors)
    assert told and all(e.startswith(PLAIN_SV) and str(path.parent) not in e for e in errors), errors
    path.write_bytes(good)
    run(page, app=app)
    assert app.error.len == 0 and (app.get("form") or app.dataframe or app.get("file_uploader")), "works again"
