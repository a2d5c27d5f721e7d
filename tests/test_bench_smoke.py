"""`python -m tools.bench --quick` runs end to end and reports every section (timings are not asserted)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import require_chromium

from malbild.paths import REPO_ROOT
from malbild.ui.registry import navigation
from tools.bench import SECTIONS

pytestmark = pytest.mark.browser


def test_quick_bench_reports_every_section(tmp_path: Path) -> None:
    require_chromium()
    output = tmp_path / "bench.md"
    env = {k: v for k, v in os.environ.items() if k != "DASHBOARD_DB"}
    done = subprocess.run(
        [sys.executable, "-m", "tools.bench", "--quick", "--output", str(output)],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    text = output.read_text(encoding="utf-8")
    assert text == done.stdout.rstrip("\n") + "\n"
    for section in SECTIONS:
        assert section in text, section
    positions = [text.index(s) for s in SECTIONS]
    assert positions == sorted(positions)
    # Every page of the app's navigation and both reference pages were measured.
    for name in [page.file for page in navigation(editor=False)] + ["*blank (reference)*", "*one_chart (reference)*"]:
        assert f"| {name} |" in text, name
    # The budgets: one verdict per line, the summary counts the misses, and every page ran and drew.
    budgets = text.split(SECTIONS[-1])[1]
    rows = re.findall(r"^\| (PASS|MISS|N/A) \| (.+?) \| (.*?) \|$", budgets, flags=re.M)
    assert len(rows) == len(re.findall(r"^\| (?!result|---)", budgets, flags=re.M)), "a budget line without a verdict"
    missed = re.search(r"^(\d+) of (\d+) budget lines missed\.$", budgets, flags=re.M)
    assert missed, budgets
    assert (int(missed[1]), int(missed[2])) == (sum(r[0] == "MISS" for r in rows), len(rows))
    for file in [page.file for page in navigation(editor=False)][1:]:
        assert any(name.startswith(f"{file} ≤ ") for _, name, _ in rows), f"no budget line for {file}"
    assert ("PASS", "every page runs and draws (bundled data)", "all") in rows
    assert "Skipped (`--quick`)" in text.split(SECTIONS[4])[1].split(SECTIONS[5])[0]
    # The real docs/benchmarks.md is not touched by a quick run with --output.
    assert not str(output).startswith(str(REPO_ROOT / "docs"))
