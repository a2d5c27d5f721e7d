"""`tools/capacity.py` runs end to end on a tiny burst, with a baseline commit beside the working tree (no timings)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from malbild.paths import REPO_ROOT

pytestmark = pytest.mark.browser  # starts Streamlit servers (no browser), like the load generator's own tests


def test_capacity_smoke_prints_before_after_and_a_verdict_per_budget_line(tmp_path: Path) -> None:
    output = tmp_path / "capacity.md"
    done = subprocess.run(
        [
            sys.executable,
            "tools/capacity.py",
            "--sessions",
            "1",
            "2",
            "--pages-at",
            "1",
            "--single-runs",
            "1",
            "--no-synth",
            "--no-cluster",
            "--app-config-sessions",
            "2",
            "--app-config-rounds",
            "2",
            "--baseline",
            "HEAD",
            "--output",
            str(output),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    text = output.read_text(encoding="utf-8")
    assert "overview p95 before" in text and "Before: commit HEAD" in text
    rows = re.findall(r"^\| (\d+) \|.*\| (\d+) \|$", text.split("### 2.")[0], flags=re.M)
    assert [(n, errors) for n, errors in rows] == [("1", "0"), ("2", "0")]
    budgets = text.split("### Budgets")[1].strip().splitlines()
    lines = [line for line in budgets if line.startswith("- ")]
    # overview burst, every other page, every page alone, memory, every page against the app-config reference
    assert len(lines) == 1 + 6 + 7 + 1 + 7
    # Issue 22's measure: a line per page, budget 1.0, two rounds' ratios and their median in the table.
    app_config = [line for line in lines if "against the reference with the app's config" in line]
    assert len(app_config) == 7 and all("(budget 1.0x)" in line for line in app_config)
    assert any(line.startswith("- 2 sessions on /Projects against") for line in app_config)
    section = text.split("### 6.")[1].split("### Budgets")[0]
    assert (
        "| p95 before | ratio before | p95 after | ratio after |" in section and "CPU/session after" in section
    )  # the baseline in the same rounds
    rows6 = re.findall(r"^\| (/\S*) \|.* \| ([\d.]+ [\d.]+) \| [\d.]+ ms \| [\d.]+ ms \| (\d+) \|$", section, re.M)
    pages = ["/?", "/Goals?goal=5", "/Projects?", "/Personnel?", "/Finance?", "/Sources?", "/Walkthrough?step=1"]
    assert [r[0] for r in rows6] == pages and all(r[2] == "0" for r in rows6), rows6
    assert all(line.endswith((": PASS", ": FAIL")) for line in lines), lines
    failed = sum(line.endswith(": FAIL") for line in lines)
    assert budgets[-1] == f"{failed} of {len(lines)} budget lines failed."
    # The baseline's worktree is removed again.
    listed = subprocess.run(["git", "worktree", "list"], cwd=REPO_ROOT, capture_output=True, text=True).stdout
    assert "/baseline" not in listed
