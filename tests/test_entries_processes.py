"""Two app processes on one store (PostgreSQL, and the DuckDB file): an entry saved in one is seen in the other."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

pytest_plugins = ["entries_support"]


ROOT = Path(__file__).resolve().parents[1]

WORKER = textwrap.dedent("""
    import sys, time
    from malbild.data.entries.store import EntriesStore
    me, other = int(sys.argv[1]), int(sys.argv[2])
    store = EntriesStore.open()
    store.set_value("goal_assessment", {"goal_id": me, "year": 2016}, {"level": me % 3 + 1},
                    user=f"process {me}", source_document="ÅR 2016", expected_version=0)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        entry = store.current("goal_assessment", {"goal_id": other, "year": 2016})
        if entry is not None:
            print(entry["entered_by"], entry["level"])
            break
        time.sleep(0.1)
    else:
        sys.exit("never saw the other process's entry")
""")


def test_two_processes_share_a_store(entries_location, built_db):
    """Each process saves its own entry and then sees the entry the other process saved.

    On DuckDB this works because the store holds the file only for one transaction at a time.
    """
    env = {**os.environ, "MALBILD_ENTRIES": entries_location, "DASHBOARD_DB": str(built_db)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(me), str(other)],
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for me, other in ((1, 2), (2, 1))
    ]
    outputs = [p.communicate(timeout=90) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert [out.strip() for out, _ in outputs] == ["process 2 3", "process 1 2"]


def test_missing_postgres_fails_in_ci_and_skips_elsewhere(tmp_path):
    """Without PostgreSQL the tests fail when CI=true (never a silent skip) and are skipped with a reason otherwise."""
    base = {**os.environ, "MALBILD_PG_BIN": str(tmp_path / "no-postgres")}
    for ci_switch in ("MALBILD_REQUIRE_POSTGRES", "MALBILD_REQUIRE_BROWSER", "CI"):
        base.pop(ci_switch, None)  # each makes any skip fail the run (tests/README.md, "Skips")
    target = "tests/test_entries_processes.py::test_two_processes_share_a_store[postgresql]"

    def run(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pytest", "-q", "-rs", target]
        return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, cwd=ROOT, check=False)

    ci = run({**base, "CI": "true"})
    assert ci.returncode == 1 and "PostgreSQL tests cannot run" in ci.stdout
    local = run(base)
    assert local.returncode == 0 and "PostgreSQL tests skipped" in local.stdout
