"""Profile what one new session costs on every page: a first run on a warm server, under cProfile.

    python tools/profile_pages.py [--synth] [--top 10] [--page Goals] [--sort cumulative|tottime] [--memory]

Each page runs once in AppTest to warm the process-wide caches (as any earlier viewer would), then once more in a
fresh AppTest (a new session) with cProfile enabled in the script thread; the top functions of that second run are
printed with the run's total time. `--synth` builds the synthetic 100x data (tools/synth.py) first. One session at
a time: the figures are meant for finding what is repeated per session, not for timing budgets (tools/capacity.py).
`--memory` instead runs every page once under tracemalloc and prints the process's resident memory and the lines
holding the most memory afterwards (what the process-wide caches keep).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tools"))

# Streamlit's own frames around every script run (and this tool's), left out of the listing.
RUNNER = re.compile(
    r"Ordered by|local_script_runner|script_runner\.py|exec_code\.py|page\.py:\d+\(run\)|builtins\.exec|profile_pages"
)
PAGES = [
    ("app.py", {}),
    ("pages/1_Goals.py", {"goal": "5"}),
    ("pages/2_Projects.py", {}),
    ("pages/3_Personnel.py", {}),
    ("pages/4_Finance.py", {}),
    ("pages/5_Sources.py", {}),
    ("pages/6_Walkthrough.py", {"step": "1"}),
]


def _profiled_runner() -> None:
    """Make AppTest's script thread run under the current PROFILE while it is active."""
    from streamlit.testing.v1.local_script_runner import LocalScriptRunner

    original = LocalScriptRunner._run_script_thread

    def run_profiled(self) -> None:
        """The script thread, profiled while `profile.active` is set."""
        profile = PROFILE
        if getattr(profile, "active", False):
            profile.enable()
            try:
                original(self)
            finally:
                profile.disable()
        else:
            original(self)

    LocalScriptRunner._run_script_thread = run_profiled  # type: ignore[method-assign]


def run_page(page: str, params: dict[str, str]):
    """Run a page once in a fresh AppTest (a new session); return the AppTest."""
    from tools.app_page import drawn

    app = drawn(page, params, timeout=120)
    if app.exception:
        raise SystemExit(f"{page}: {[e.value for e in app.exception]}")
    return app


PROFILE = cProfile.Profile()


def profile_page(page: str, params: dict[str, str], top: int, sort: str) -> str:
    """Warm a page, then profile a new session's first run; return the report."""
    global PROFILE  # noqa: PLW0603 - one profile at a time, swapped per page
    run_page(page, params)
    profile = PROFILE = cProfile.Profile()
    profile.active = True  # type: ignore[attr-defined]
    start = time.perf_counter()
    run_page(page, params)
    took = time.perf_counter() - start
    profile.active = False  # type: ignore[attr-defined]
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.strip_dirs().sort_stats(sort).print_stats(top + 20)
    query = "&".join(f"{k}={v}" for k, v in params.items())
    kept = [line for line in out.getvalue().splitlines() if line.strip() and not RUNNER.search(line)]
    head = [line for line in kept if "function calls" in line or "ncalls" in line]
    rows = [line for line in kept if line not in head and "List reduced" not in line][:top]
    body = "\n".join(head + rows)
    return f"### {page}?{query}: {took:.3f} s (wall, profiled)\n\n```\n{body}\n```\n"


def _rss_mb() -> float:
    """This process's resident memory, MB."""
    with open("/proc/self/status", encoding="ascii") as handle:
        return next(int(line.split()[1]) / 1024 for line in handle if line.startswith("VmRSS:"))


def memory_report(top: int) -> str:
    """Run every page once under tracemalloc; return the resident memory and the top allocation sites after."""
    import gc
    import tracemalloc

    start = _rss_mb()
    tracemalloc.start(8)
    for page, params in PAGES:
        run_page(page, params)
    gc.collect()
    snapshot = tracemalloc.take_snapshot()
    tracemalloc.stop()
    stats = snapshot.statistics("traceback")[:top]
    lines = [f"Resident memory: {start:.0f} MB before the pages, {_rss_mb():.0f} MB after (tracemalloc on).", ""]
    for stat in stats:
        frames = [f for f in stat.traceback if "malbild" in f.filename or "pages" in f.filename] or list(stat.traceback)
        where = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in frames[:4])
        lines.append(f"{stat.size / 2**20:8.1f} MB {stat.count:8d} blocks  {where}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: build the data, profile each page, print Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synth", action="store_true", help="the synthetic 100x data instead of the bundled")
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--page", help="only pages whose file name contains this")
    parser.add_argument("--sort", default="cumulative", choices=["cumulative", "tottime"])
    parser.add_argument("--memory", action="store_true", help="memory held after every page ran once")
    parser.add_argument("--db", help="an already built database to use (with --data for its data folder)")
    parser.add_argument("--data", help="the data folder the --db database was built from")
    args = parser.parse_args(argv)
    from malbild.data.build import build
    from malbild.paths import DATA_DIR

    with tempfile.TemporaryDirectory() as work:
        data = Path(args.data) if args.data else DATA_DIR
        if args.data:
            os.environ["DASHBOARD_DATA"] = str(data)
        if args.synth and not args.db:
            import synth

            data = Path(work) / "synth"
            synth.generate(data)
            os.environ["DASHBOARD_DATA"] = str(data)
        db = Path(args.db) if args.db else Path(work) / "dashboard.duckdb"
        if not args.db:
            build(db, data)
        os.environ["DASHBOARD_DB"] = str(db)
        os.environ["MALBILD_ENTRIES"] = str(Path(work) / "entries.duckdb")
        if args.memory:
            print(memory_report(args.top))
            return 0
        _profiled_runner()
        kind = "synthetic 100x" if args.synth or args.data else "bundled"
        print(f"## First run of a new session, warm process ({kind} data)\n")
        for page, params in PAGES:
            if args.page and args.page not in page:
                continue
            print(profile_page(page, params, args.top, args.sort), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
