"""`make db` and the running app (issue 22, item 11): the README promises that a rebuild refuses a database an app
has open, and the app must not keep serving a file that was replaced under it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, edit_csv

from malbild.data.build import build, main

# An app process, as far as the database is concerned: it opens the database the way every page does, says so,
# and serves until its stdin closes.
APP = """
import sys
from malbild.ui import store
store.database_status()
print("serving", flush=True)
sys.stdin.read()
"""


def start_app(db: Path, data: Path) -> subprocess.Popen:
    env = {**os.environ, "DASHBOARD_DB": str(db), "DASHBOARD_DATA": str(data), "PYTHONPATH": str(REPO)}
    app = subprocess.Popen(
        [sys.executable, "-c", APP], env=env, cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert app.stdout is not None and app.stdout.readline().strip() == "serving"  # waits for the condition
    return app


def test_make_db_refuses_a_database_a_running_app_serves(data_copy: Path, tmp_path: Path, capsys) -> None:
    db = tmp_path / "dashboard.duckdb"
    build(db, data_copy)
    before = db.read_bytes()
    app = start_app(db, data_copy)
    try:
        assert main(["--db", str(db), "--data", str(data_copy)]) == 2
        err = capsys.readouterr().err
        assert "served by a running Målbild app" in err and "Nothing was changed" in err and "Stop the app" in err
        assert db.read_bytes() == before
        assert main(["--db", str(db), "--clean"]) == 2 and db.exists()
    finally:
        app.stdin.close()  # type: ignore[union-attr]
        app.wait(timeout=60)
    assert main(["--db", str(db), "--data", str(data_copy)]) == 0, "with the app stopped the rebuild goes ahead"


def test_a_killed_app_leaves_no_lock_behind(data_copy: Path, tmp_path: Path) -> None:
    db = tmp_path / "dashboard.duckdb"
    build(db, data_copy)
    app = start_app(db, data_copy)
    app.kill()
    app.wait(timeout=60)
    assert main(["--db", str(db), "--data", str(data_copy)]) == 0


def test_the_app_notices_a_replaced_database_file(data_copy: Path, tmp_path: Path, open_page_on) -> None:
    db = tmp_path / "dashboard.duckdb"
    build(db, data_copy)
    app = open_page_on(db, data_copy, "pages/1_Goals.py", goal="1")
    old_title = app.title[0].value

    def rename(rows: list[dict]) -> list[dict]:
        for row in rows:
            if row["goal_id"] == "1":
                row["name_sv"] = "Ett nytt namn på mål 1"
        return rows

    edit_csv(data_copy / "goal.csv", rename)  # the data changed and a new database was built from it elsewhere
    build(tmp_path / "new.duckdb", data_copy)
    os.replace(tmp_path / "new.duckdb", db)  # replaced as `cp` or another tool would, the app still running
    app.run()
    assert not app.exception
    assert app.title[0].value != old_title and "Ett nytt namn på mål 1" in app.title[0].value
