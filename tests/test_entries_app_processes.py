"""Two app processes on one PostgreSQL store: an editor saves in one, a viewer's open page in the other shows it.

Each process runs the app itself (AppTest, the app's own data access with MALBILD_ENTRIES=postgresql://…).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

pytest_plugins = ["entries_support"]

ROOT = Path(__file__).resolve().parents[1]

VIEWER = textwrap.dedent("""
    import sys, time
    from streamlit.testing.v1 import AppTest
    app = AppTest.from_file(sys.argv[1], default_timeout=60)
    app.run()
    def cell():
        grid = next(h.proto.body for h in app.get("html") if "mb-grid" in h.proto.body)
        return grid.split("<tr>")[2].split("<td")[1]
    assert "inmatat" not in cell(), cell()
    print("ready", flush=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.5)
        app.run()
        if "inmatat" in cell():
            print(cell().split(">", 1)[1].split("<small>")[0].strip(), flush=True)
            break
    else:
        sys.exit("the viewer never saw the entry")
""")

EDITOR = textwrap.dedent("""
    import sys
    from streamlit.testing.v1 import AppTest
    app = AppTest.from_file(sys.argv[1], default_timeout=60)
    app.switch_page("pages/7_Edit.py")
    app.secrets["malbild"] = {"editors": ["anna@example.se"]}
    app.secrets["auth"] = {"redirect_uri": "http://localhost/oauth2callback", "cookie_secret": "x" * 32}
    app.user = {"is_logged_in": True, "email": "anna@example.se"}
    app.run()
    app.main.radio[0].set_value(3)
    app.main.text_input[1].input("Årsredovisning 2016, s. 12")
    app.main.get("form_submit_button")[0].click()
    app.run()
    print([s.value for s in app.success], flush=True)
""")


def test_entry_saved_in_one_app_process_shows_in_the_other(pg_server, built_db):
    """Process B shows the overview; process A's editor saves goal 1's 2016 level; B's next run shows it."""
    env = {**os.environ, "MALBILD_ENTRIES": pg_server(), "DASHBOARD_DB": str(built_db)}
    app = str(ROOT / "app.py")
    viewer = subprocess.Popen(
        [sys.executable, "-c", VIEWER, app], env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        assert viewer.stdout.readline().strip() == "ready"
        editor = subprocess.run(
            [sys.executable, "-c", EDITOR, app], env=env, text=True, capture_output=True, timeout=120
        )
        assert editor.returncode == 0, editor.stderr[-2000:]
        assert editor.stdout.strip() == "['Sparat: version 1.']"
        out, err = viewer.communicate(timeout=90)
    finally:
        viewer.kill()
    assert viewer.returncode == 0, err[-2000:]
    assert out.strip() == "●●● 3 På god väg"
