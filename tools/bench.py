"""`make bench`: how fast Målbild builds, runs and draws, on the bundled data and on a synthetic 100x dataset.

    python -m tools.bench [--quick] [--output FILE] [--loads N] [--sessions N]

Prints a Markdown report and writes it to docs/benchmarks.md (the full run) or FILE. Sections:
 1. building the database from data/ (median of several builds), and importing a whole year's workbook (every
    sheet of the import template, about 400 rows citing the report's lines) into a fresh entries store;
 2. server script time per page, in-process with streamlit.testing.v1.AppTest: a cold first run (caches
    cleared, as after a server start), a warm first run (a new session), and a rerun after a filter change;
 3. time until fully drawn in Chromium per page (median of fresh loads, a new browser context each),
    against a blank Streamlit page and a page with one Plotly chart (benchmarks/);
 4. sections 1-3 on the synthetic 100x dataset (tools.synth), served by a second server;
 5. peak memory of each server's process tree;
 6. concurrent sessions opening the overview at once;
 7. the budgets, PASS/MISS per line.
`--quick` (CI smoke test): one load, the bundled data only, three sessions; every section is still printed.
Timings depend on the machine and its load; the report starts with both.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from malbild.data.build import build
from malbild.paths import DATA_DIR, REPO_ROOT
from malbild.ui.registry import OVERVIEW as OVERVIEW_PAGE
from tests.support.browser import (
    StreamlitServer,
    chromium_path,
    chromium_version,
    existing_pages,
    launch_chromium,
    page_url,
    timed_load,
    wait_drawn_async,
)

DEFAULT_OUTPUT = REPO_ROOT / "docs" / "benchmarks.md"
REFERENCES = {"blank": "benchmarks/blank_page/app.py", "one_chart": "benchmarks/one_chart/app.py"}

SECTIONS = (
    "## Machine",
    "## 1. Build",
    "## 2. Server script time",
    "## 3. Page load in Chromium",
    "## 4. Synthetic 100x dataset",
    "## 5. Server memory",
    "## 6. Concurrent sessions",
    "## 7. Budgets",
)

BUDGET = {
    "overview_ratio": 1.25,  # overview load <= 1.25x the one-chart page
    "page_ratio": 1.5,  # other pages <= 1.5x the one-chart page
    "filter_ms_100x": 300.0,  # projects filter change, server time, synthetic 100x data
    "build_s": 2.0,
    "concurrent_p95_factor": 3.0,  # p95 of N sessions at once <= 3x a single session
    "server_mb": 400.0,
    "import_year_s": 5.0,  # importing a whole year (every sheet, ~400 rows; preview with citations included)
}


# ---------------------------------------------------------------------------------------------------------
# Small helpers


def median(values: list[float]) -> float:
    """Median, or NaN for no values."""
    return statistics.median(values) if values else float("nan")


def p95(values: list[float]) -> float:
    """95th percentile by nearest rank (for 20 values: the 19th smallest)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def ms(seconds: float) -> str:
    """Seconds as whole milliseconds, or '–'."""
    return "–" if seconds != seconds else f"{seconds * 1000:.0f} ms"


def sec(seconds: float) -> str:
    """Seconds with two decimals, or '–'."""
    return "–" if seconds != seconds else f"{seconds:.2f} s"


def ratio(value: float, reference: float) -> float:
    """value / reference, NaN when either is missing."""
    if value != value or reference != reference or not reference:
        return float("nan")
    return value / reference


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def say(message: str) -> None:
    """Progress on stderr (the report goes to stdout)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def machine() -> dict[str, str]:
    """Describe the machine and the versions that matter."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    import pandas
    import plotly
    import streamlit

    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "memory": memory,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Streamlit": streamlit.__version__,
        "DuckDB": duckdb.__version__,
        "pandas": pandas.__version__,
        "Plotly": plotly.__version__,
        "Chromium": chromium_version(),
    }


def load_average() -> str:
    """The 1/5/15-minute load average (the machine may be shared)."""
    try:
        return " / ".join(f"{v:.2f}" for v in os.getloadavg())
    except OSError:
        return "unknown"


# ---------------------------------------------------------------------------------------------------------
# 1. Build


def time_builds(data_dir: Path, target: Path, repeats: int) -> list[float]:
    """Build data_dir into target `repeats` times; return the durations."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        build(target, data_dir)
        times.append(time.perf_counter() - started)
    return times


# ---------------------------------------------------------------------------------------------------------
# 2. Server script time (AppTest)


def _change_overview(at) -> str:
    widget = at.segmented_control(key="ov_year")
    widget.set_value(int(widget.value) - 1)
    return "year control one year back"


def _change_goals(at) -> str:
    widget = at.selectbox(key="goal_widget")
    widget.set_value(2 if widget.value != 2 else 1)
    return "goal selectbox to another goal"


def _change_projects(at) -> str:
    at.multiselect(key="prj_goal").set_value([1])
    return "goal filter = goal 1"


def _change_finance(at) -> str:
    widget = at.segmented_control(key="fin_flow_year")
    widget.set_value(int(widget.value) - 1)
    return "cash-flow year one back"


def _change_sources(at) -> str:
    widget = at.selectbox(key="src_dataset")
    widget.select_index(1)
    return "dataset filter = first dataset"


def _change_language(at) -> str:
    at.segmented_control(key="lang_widget").set_value("en")
    return "language switch to English"


OVERVIEW = OVERVIEW_PAGE.file  # the overview's page file (app.py only builds the navigation)

# The widget each page's rerun changes; pages without a filter switch the language.
FILTER_CHANGES: dict[str, Callable] = {
    OVERVIEW: _change_overview,
    "pages/1_Goals.py": _change_goals,
    "pages/2_Projects.py": _change_projects,
    "pages/4_Finance.py": _change_finance,
    "pages/5_Sources.py": _change_sources,
}


@dataclass
class ScriptTimes:
    """AppTest timings of one page, in seconds."""

    page: str
    cold: list[float] = field(default_factory=list)
    first: list[float] = field(default_factory=list)
    rerun: list[float] = field(default_factory=list)
    change: str = ""
    error: str = ""


def _clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()


def _new_app(file: str):
    from streamlit.testing.v1 import AppTest

    if file in REFERENCES.values():
        return AppTest.from_file(str(REPO_ROOT / file), default_timeout=300)
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=300)
    at.switch_page(file)
    return at


def _timed_run(at) -> float:
    started = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - started
    if at.exception:
        raise RuntimeError("; ".join(str(e.value)[:300] for e in at.exception))
    return elapsed


def script_times(db: Path, repeats: int, cold_repeats: int) -> list[ScriptTimes]:
    """Time every page's script in AppTest against db (after one untimed run that imports everything)."""
    os.environ["DASHBOARD_DB"] = str(db)
    try:
        from streamlit.logger import set_log_level

        set_log_level("error")  # AppTest's "missing ScriptRunContext" warnings
    except ImportError:
        pass
    results = []
    files = [REFERENCES["blank"]] + [file for file, _, _ in existing_pages()]
    for file in files:
        with contextlib.suppress(Exception):  # a failure is reported by the timed runs below
            _new_app(file).run()  # imports, not timed
    for file in files:
        result = ScriptTimes(file)
        try:
            for _ in range(cold_repeats):
                _clear_caches()
                result.cold.append(_timed_run(_new_app(file)))
            for _ in range(repeats):
                at = _new_app(file)
                result.first.append(_timed_run(at))
                if file == REFERENCES["blank"]:
                    result.change = "none (plain rerun)"
                    result.rerun.append(_timed_run(at))
                    continue
                change = FILTER_CHANGES.get(file, _change_language)
                try:
                    result.change = change(at)
                except (KeyError, IndexError, ValueError):
                    result.change = _change_language(at) + " (page widget not found)"
                result.rerun.append(_timed_run(at))
        except Exception as exc:  # noqa: BLE001 - a failing page is reported, not fatal
            result.error = f"{type(exc).__name__}: {exc}"[:300]
        say(
            f"AppTest {file}: cold {ms(median(result.cold))}, first {ms(median(result.first))}, "
            f"rerun {ms(median(result.rerun))} {result.error}"
        )
        results.append(result)
    return results


# ---------------------------------------------------------------------------------------------------------
# 3. Browser loads


@dataclass
class LoadTimes:
    """Fresh-load times of one page, in seconds."""

    name: str
    times: list[float] = field(default_factory=list)
    charts: int = 0
    error: str = ""


def browser_loads(targets: list[tuple[str, str]], loads: int) -> list[LoadTimes]:
    """Load every (name, url) once per round, `loads` rounds, in fresh contexts, after one discarded warm-up load
    of each. Interleaved, so that the references and the pages meet the same moments of a busy machine: round i
    of a page is compared with round i of a reference (round_ratio). A target that fails is left out of the
    following rounds (its error reported)."""
    from playwright.sync_api import sync_playwright

    results = [LoadTimes(name) for name, _ in targets]
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for round_ in range(-1, loads):  # round -1: the warm-up (the server's caches, the browser's disk cache)
                for result, (_, url) in zip(results, targets, strict=True):
                    if result.error:
                        continue
                    try:
                        seconds, result.charts = timed_load(browser, url)
                    except Exception as exc:  # noqa: BLE001
                        result.error = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
                        continue
                    if round_ >= 0:
                        result.times.append(seconds)
        finally:
            browser.close()
    for result in results:
        say(f"load {result.name}: {sec(median(result.times))} ({result.charts} charts) {result.error}")
    return results


def round_ratio(page: LoadTimes | None, reference: LoadTimes | None) -> float:
    """The median over the rounds of a page's load time divided by the reference's in the same round (NaN when
    either has no loads)."""
    if page is None or reference is None:
        return float("nan")
    ratios = [p / r for p, r in zip(page.times, reference.times) if r > 0]
    return median(ratios) if ratios else float("nan")


def page_targets(base: str) -> list[tuple[str, str]]:
    """(page file, URL) for every existing page."""
    return [(file, page_url(base, path)) for file, path, _ in existing_pages()]


# ---------------------------------------------------------------------------------------------------------
# 6. Concurrent sessions


@dataclass
class Concurrency:
    """N sessions opening the same page at once."""

    sessions: int
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def _concurrent(url: str, sessions: int) -> Concurrency:
    from playwright.async_api import async_playwright

    result = Concurrency(sessions)
    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright)
        try:
            contexts = [await browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(sessions)]
            pages = [await c.new_page() for c in contexts]

            async def one(page) -> None:
                started = time.perf_counter()
                try:
                    await page.goto(url, wait_until="commit", timeout=120_000)
                    await wait_drawn_async(page, 180_000)
                    result.times.append(time.perf_counter() - started)
                except Exception as exc:  # noqa: BLE001
                    result.errors.append(f"{type(exc).__name__}: {exc}".splitlines()[0][:200])

            await asyncio.gather(*(one(p) for p in pages))
            for context in contexts:
                await context.close()
        finally:
            await browser.close()
    return result


def concurrent_sessions(url: str, sessions: int) -> Concurrency:
    """Open url in `sessions` browser contexts of one Chromium at the same time."""
    return asyncio.run(_concurrent(url, sessions))


# ---------------------------------------------------------------------------------------------------------
# The run


@dataclass
class DatasetResult:
    """Sections 1-3 for one dataset."""

    label: str
    build: list[float]
    script: list[ScriptTimes]
    loads: list[LoadTimes]
    peak_mb: float = float("nan")
    hwm_mb: float = float("nan")
    rows: int = 0
    import_rows: int = 0
    import_s: float = float("nan")
    refs: list[LoadTimes] = field(default_factory=list)  # the reference pages, loaded in the same rounds
    ref_memory: dict[str, float] = field(default_factory=dict)


def run_dataset(label: str, data_dir: Path, work: Path, args, concurrency: list[Concurrency] | None) -> DatasetResult:
    """Build, AppTest and browser-load one dataset; optionally run the concurrent sessions on its server."""
    db = work / f"{label}.duckdb"
    say(f"{label}: building {data_dir} x{args.builds}")
    builds = time_builds(data_dir, db, args.builds)
    rows = sum(build(db, data_dir).values())
    import_rows, import_s = 0, float("nan")
    if data_dir == DATA_DIR:  # the year's workbook follows the bundled report's goals, metrics and lines
        from malbild.data.entries.bench import import_seconds

        say(f"{label}: importing a whole year x{args.builds}")
        import_rows, import_s = import_seconds(db, runs=args.builds)
    say(f"{label}: AppTest x{args.repeats}")
    os.environ["DASHBOARD_DATA"] = str(data_dir)  # the app checks the database against this folder
    script = script_times(db, args.repeats, args.cold)
    result = DatasetResult(label, builds, script, [], rows=rows, import_rows=import_rows, import_s=import_s)
    if chromium_path() is None:
        say("Chromium missing: no browser measurements")
        return result
    with contextlib.ExitStack() as stack:
        server = stack.enter_context(StreamlitServer("app.py", db=db, extra_env={"DASHBOARD_DATA": str(data_dir)}))
        references = {name: stack.enter_context(StreamlitServer(app)) for name, app in REFERENCES.items()}
        targets = [(name, ref.url) for name, ref in references.items()] + page_targets(server.url)
        loads = browser_loads(targets, args.loads)
        result.refs, result.loads = loads[: len(references)], loads[len(references) :]
        if concurrency is not None:
            say(f"{label}: {args.sessions} sessions at once")
            concurrency.append(concurrent_sessions(server.url, args.sessions))
        for ref_server in [server, *references.values()]:
            ref_server.stop()
        result.peak_mb, result.hwm_mb = server.peak_rss_mb, server.hwm_mb
        result.ref_memory = {name: ref.peak_rss_mb for name, ref in references.items()}
    return result


def report(
    info: dict[str, str],
    load_before: str,
    load_after: str,
    args,
    datasets: list[DatasetResult],
    concurrency: list[Concurrency],
    started: float,
) -> tuple[str, int]:
    """Return the Markdown report and the number of missed budgets."""
    out: list[str] = ["# Målbild benchmarks", ""]
    out += [
        "Written by `python -m tools.bench" + (" --quick" if args.quick else "") + "` (`make bench`) on "
        f"{datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}; the run took {time.time() - started:.0f} s. "
        "Numbers are medians unless stated. Timings depend on the machine and on what else it runs: "
        "see the load average below. Regenerate rather than edit.",
        "",
        SECTIONS[0],
        "",
    ]
    out += table(
        ["", ""],
        [[k, v] for k, v in info.items()]
        + [
            ["load average (1/5/15 min) before / after", f"{load_before} → {load_after}"],
            ["mode", "quick (smoke test)" if args.quick else "full"],
            [
                "repeats",
                f"builds {args.builds}, AppTest runs {args.repeats} (cold {args.cold}), "
                f"browser loads {args.loads} per page, {args.sessions} concurrent sessions",
            ],
        ],
    )
    real = datasets[0]
    synth = datasets[1] if len(datasets) > 1 else None

    def reference(result: DatasetResult, name: str) -> LoadTimes | None:
        return next((r for r in result.refs if r.name == name), None)

    def one_chart_ratio(result: DatasetResult, page: LoadTimes) -> float:
        return round_ratio(page, reference(result, "one_chart"))

    def build_section(result: DatasetResult) -> list[str]:
        return table(
            ["data", "rows (incl. source lines)", "builds", "median", "min", "max"],
            [
                [
                    result.label,
                    str(result.rows),
                    str(len(result.build)),
                    sec(median(result.build)),
                    sec(min(result.build)),
                    sec(max(result.build)),
                ]
            ],
        )

    def script_section(result: DatasetResult) -> list[str]:
        rows = []
        for s in result.script:
            name = f"*{s.page} (AppTest overhead)*" if s.page == REFERENCES["blank"] else s.page
            rows.append(
                [name, ms(median(s.cold)), ms(median(s.first)), ms(median(s.rerun)), s.change or "–", s.error or "ok"]
            )
        return table(
            ["page", "cold first run", "first run (new session)", "rerun after change", "change", "status"], rows
        )

    def load_section(result: DatasetResult) -> list[str]:
        rows = []
        named = [(f"*{r.name} (reference)*", r) for r in result.refs] + [(r.name, r) for r in result.loads]
        for name, r in named:
            rows.append(
                [
                    name,
                    str(r.charts),
                    sec(median(r.times)),
                    sec(min(r.times) if r.times else float("nan")),
                    f"{round_ratio(r, reference(result, 'blank')):.2f}",
                    f"{one_chart_ratio(result, r):.2f}",
                    r.error or "ok",
                ]
            )
        if not rows:
            return ["Chromium not available: no browser measurements."]
        return table(["page", "charts", "until drawn", "fastest", "× blank", "× one chart", "status"], rows)

    out += ["", SECTIONS[1], "", "Building DuckDB from the CSV files (`malbild.data.build.build`).", ""]
    out += build_section(real)
    out += [
        "",
        "Importing a whole year (`malbild.data.entries.bench`: every sheet of the import template, each row citing "
        "lines of the report) into a fresh DuckDB entries store: the preview, every citation's passage read and "
        "checked, and the one write.",
        "",
    ]
    out += table(["rows", "median"], [[str(real.import_rows), sec(real.import_s)]])
    out += [
        "",
        SECTIONS[2],
        "",
        "`AppTest.run()` in-process (script plus AppTest's own overhead). *Cold*: all Streamlit caches "
        "cleared first (like the first visitor after a server start); *first run*: a new session with warm "
        "caches; *rerun*: the same session after the widget change shown. The blank reference page's "
        "row is AppTest's own cost per run (it rescans installed packages for components on every "
        "run); the budget uses the Projects rerun minus that overhead.",
        "",
    ]
    out += script_section(real)
    out += [
        "",
        SECTIONS[3],
        "",
        "Navigation start until fully drawn (script finished, every Plotly chart has its SVG, no skeletons, "
        "no exception box), a new browser context per load, after one discarded warm-up load of each. The loads are "
        "interleaved: each round loads the blank page, the one-chart page and every page once, from three servers "
        "running side by side, so a busy moment of the machine meets the references too; *× blank* and *× one "
        "chart* are the medians of each round's ratio (round i of a page against round i of the reference).",
        "",
    ]
    out += load_section(real)
    out += ["", SECTIONS[4], ""]
    if synth is None:
        out += ["Skipped (`--quick`)."]
    else:
        out += [
            "Fake data from `tools.synth` (60 goals, 20 years, 6 000 projects; ~60x the rows and ~67x the "
            "bytes of data/), served by a second server.",
            "",
            "### Build",
            "",
        ]
        out += build_section(synth)
        out += ["", "### Server script time", ""]
        out += script_section(synth)
        out += ["", "### Page load in Chromium", ""]
        out += load_section(synth)
    out += [
        "",
        SECTIONS[5],
        "",
        "Peak resident memory of the Streamlit process tree, sampled every 100 ms (VmHWM: the kernel's "
        "high-water mark of the main process).",
        "",
    ]
    mem_rows = [[d.label, f"{d.peak_mb:.0f} MB", f"{d.hwm_mb:.0f} MB"] for d in datasets]
    mem_rows += [[f"*{name} (reference)*", f"{mb:.0f} MB", ""] for name, mb in real.ref_memory.items()]
    out += table(["server", "peak RSS (tree)", "VmHWM"], mem_rows)
    out += ["", SECTIONS[6], ""]
    single = next((median(r.times) for r in real.loads if r.name == OVERVIEW), float("nan"))
    if concurrency:
        c = concurrency[0]
        out += [
            f"{c.sessions} browser contexts in one Chromium open the overview at the same time "
            "(asyncio Playwright), bundled data.",
            "",
        ]
        out += table(
            ["sessions", "median", "p95", "max", "single session", "p95 × single", "errors"],
            [
                [
                    str(c.sessions),
                    sec(median(c.times)),
                    sec(p95(c.times)),
                    sec(max(c.times) if c.times else float("nan")),
                    sec(single),
                    f"{ratio(p95(c.times), single):.2f}",
                    str(len(c.errors)),
                ]
            ],
        )
        for e in sorted(set(c.errors))[:5]:
            out.append(f"- error: {e}")
    else:
        out += ["Chromium not available: not measured."]

    checks: list[tuple[str, bool | None, str]] = []
    overview = next((r for r in real.loads if r.name == OVERVIEW), None)
    value = one_chart_ratio(real, overview) if overview else float("nan")
    checks.append(
        (
            f"overview ≤ {BUDGET['overview_ratio']}× one-chart page",
            None if value != value else value <= BUDGET["overview_ratio"],
            f"{value:.2f}×",
        )
    )
    for r in real.loads:
        if r.name == OVERVIEW:
            continue
        value = one_chart_ratio(real, r)
        checks.append(
            (
                f"{r.name} ≤ {BUDGET['page_ratio']}× one-chart page",
                None if value != value else value <= BUDGET["page_ratio"],
                f"{value:.2f}×",
            )
        )
    for d in datasets:
        value = median(d.build)
        checks.append((f"build {d.label} < {BUDGET['build_s']:.0f} s", value < BUDGET["build_s"], sec(value)))
    checks.append(
        (
            f"import a whole year ({real.import_rows} rows, every sheet) < {BUDGET['import_year_s']:.0f} s",
            None if real.import_s != real.import_s else real.import_s < BUDGET["import_year_s"],
            sec(real.import_s),
        )
    )
    projects_data = synth or real
    projects = next((s for s in projects_data.script if s.page == "pages/2_Projects.py"), None)
    overhead = next((median(x.rerun) for x in projects_data.script if x.page == REFERENCES["blank"]), 0.0)
    value = median(projects.rerun) - (overhead if overhead == overhead else 0.0) if projects else float("nan")
    checks.append(
        (
            f"projects filter change < {BUDGET['filter_ms_100x']:.0f} ms server time at "
            f"{'100x' if synth else 'bundled data (100x skipped)'} (AppTest rerun − AppTest overhead)",
            None if value != value else value * 1000 < BUDGET["filter_ms_100x"],
            ms(value),
        )
    )
    if concurrency:
        c = concurrency[0]
        value = ratio(p95(c.times), single)
        checks.append(
            (
                f"{c.sessions} sessions p95 < {BUDGET['concurrent_p95_factor']:.0f}× a single session",
                None if value != value else value < BUDGET["concurrent_p95_factor"],
                f"{value:.2f}×",
            )
        )
        checks.append((f"{c.sessions} sessions without errors", not c.errors, f"{len(c.errors)} errors"))
    for d in datasets:
        checks.append(
            (
                f"server ({d.label}) < {BUDGET['server_mb']:.0f} MB",
                None if d.peak_mb != d.peak_mb else d.peak_mb < BUDGET["server_mb"],
                f"{d.peak_mb:.0f} MB",
            )
        )
    for d in datasets:
        failed = list(dict.fromkeys([s.page for s in d.script if s.error] + [r.name for r in d.loads if r.error]))
        checks.append((f"every page runs and draws ({d.label})", not failed, ", ".join(failed) or "all"))
    out += ["", SECTIONS[7], ""]
    out += table(
        ["result", "budget", "measured"],
        [["PASS" if ok else ("MISS" if ok is False else "N/A"), name, measured] for name, ok, measured in checks],
    )
    missed = sum(1 for _, ok, _ in checks if ok is False)
    out += ["", f"{missed} of {len(checks)} budget lines missed."]
    return "\n".join(out) + "\n", missed


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description="Benchmark Målbild (build, server script time, browser loads)")
    parser.add_argument("--quick", action="store_true", help="smoke test: one load, bundled data only, 3 sessions")
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="where to write the report (default: docs/benchmarks.md; --quick writes none)",
    )
    parser.add_argument("--loads", type=int, default=None, help="fresh browser loads per page (default 5)")
    parser.add_argument("--sessions", type=int, default=None, help="concurrent sessions (default 20)")
    args = parser.parse_args(argv)
    args.loads = args.loads or (1 if args.quick else 5)
    args.sessions = args.sessions or (3 if args.quick else 20)
    args.builds = 1 if args.quick else 5
    args.repeats = 1 if args.quick else 5
    args.cold = 1 if args.quick else 3
    output = args.output or (None if args.quick else DEFAULT_OUTPUT)

    started = time.time()
    info, load_before = machine(), load_average()
    work = Path(tempfile.mkdtemp(prefix="malbild-bench-"))
    saved = {k: os.environ.get(k) for k in ("DASHBOARD_DB", "DASHBOARD_DATA")}
    try:
        concurrency: list[Concurrency] = []
        datasets = [run_dataset("bundled data", DATA_DIR, work, args, concurrency)]
        if not args.quick:
            from tools.synth import generate

            say("synthetic 100x: generating")
            synth_dir = work / "synthetic"
            generate(synth_dir)
            datasets.append(run_dataset("synthetic 100x", synth_dir, work, args, None))
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        shutil.rmtree(work, ignore_errors=True)
    text, missed = report(info, load_before, load_average(), args, datasets, concurrency, started)
    print(text)
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        say(f"wrote {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
