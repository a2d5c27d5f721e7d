"""`python -m tools.bench --quick` runs end to end and reports every section (timings are not asserted)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from malbild.paths import REPO_ROOT
from tests.support.browser import chromium_path
from tools.bench import SECTIONS

pytestmark = pytest.mark.browser


def test_quick_bench_reports_every_section(tmp_path: Path) -> None:
    if chromium_path() is None:
        if os.environ.get("MALBILD_REQUIRE_BROWSER") == "1":
            pytest.fail("MALBILD_REQUIRE_BROWSER=1 but Chromium is not installed", pytrace=False)
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    output = tmp_path / "bench.md"
    env = {k: v for k, v in os.environ.items() if k != "DASHBOARD_DB"}
    done = subprocess.run(
        [sys.executable, "-m", "tools.bench", "--quick", "--output", str(output)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=1800,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    text = output.read_text(encoding="utf-8")
    assert text == done.stdout.rstrip("\n") + "\n"
    for section in SECTIONS:
        assert section in text, section
    positions = [text.index(s) for s in SECTIONS]
    assert positions == sorted(positions)
    # Every existing page and both reference pages were measured, and the budgets were judged.
    for name in ("app.py", "pages/1_Goals.py", "*blank (reference)*", "*one_chart (reference)*"):
        if name.startswith("pages/") and not (REPO_ROOT / name).exists():
            continue
        assert f"| {name} |" in text, name
    budgets = text.split(SECTIONS[-1])[1]
    assert "PASS" in budgets or "MISS" in budgets
    assert "budget lines missed" in budgets
    assert "Skipped (`--quick`)" in text.split(SECTIONS[4])[1].split(SECTIONS[5])[0]
    # The real docs/benchmarks.md is not touched by a quick run with --output.
    assert not str(output).startswith(str(REPO_ROOT / "docs"))
