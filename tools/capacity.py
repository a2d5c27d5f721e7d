"""Server capacity: simultaneous sessions per page against the one-Plotly-chart reference, memory, scale-out.

    python tools/capacity.py [--sessions 1 25 50 100] [--pages-at 25] [--single-runs 5] [--no-synth] [--no-cluster]
                             [--baseline REV] [--output FILE]

Prints Markdown: (1) p95 time to script finished for N simultaneous sessions on the overview and on the
reference page served by a second server on the same machine in the same run, with their ratio; (2) every page
at one N against the reference; (3) a single session, every page, median of 5; (4) server memory after the
largest burst, bundled and synthetic 100x data; (5) sessions per second with one and with two processes behind
HAProxy; (6) issue 22's measure: every page under a burst of 50 sessions against the one-chart page served with
the app's own `.streamlit/config.toml`, in interleaved rounds (reference, page, reference, page, ...), the median of
the rounds' p95 ratios, budget 1.0 per page. Measured over Streamlit's websocket protocol (tools/loadgen.py), so no
browser competes for the cores. `--only-app-config` runs section 6 alone.

With --baseline REV (`make bench` gives the commit before the per-session work of issue 11) the commit is checked
out into a temporary git worktree and served by the same interpreter from the same database, so section 1 shows
before and after under the same bursts, and the memory lines both; budgets are judged on the working tree only.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import loadgen  # noqa: E402

REPO = loadgen.REPO
PAGES = [
    ("", ""),
    ("Goals", "goal=5"),
    ("Projects", ""),
    ("Personnel", ""),
    ("Finance", ""),
    ("Sources", ""),
    ("Walkthrough", "step=1"),
]
BUDGET_OVERVIEW_BURST = 1.0
BUDGET_PAGE_BURST = 1.25
BUDGET_SINGLE = 1.5
BUDGET_SCALE_OUT = 1.6
BUDGET_MB = 400.0
BUDGET_APP_CONFIG = 1.0  # issue 22: every page at most the reference's p95 under the app's own config.toml


def _synthetic_data(folder: Path) -> Path:
    """Generate the synthetic 100x dataset into a folder; return it."""
    import synth  # tools/synth.py

    synth.generate(folder)
    return folder


def _build(data_dir: Path | None, target: Path) -> None:
    """Build the report database from a data folder into target."""
    from malbild.data.build import build
    from malbild.paths import DATA_DIR

    build(target, data_dir or DATA_DIR)


def _fmt(value: float) -> str:
    """Seconds with two decimals."""
    return f"{value:.2f} s"


def _verdict(ok: bool) -> str:
    """PASS or FAIL."""
    return "PASS" if ok else "FAIL"


@contextlib.contextmanager
def checkout(rev: str, work: Path):
    """A commit checked out into a temporary git worktree (removed afterwards); yields its folder."""
    folder = work / "baseline"
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "--quiet", str(folder), rev], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(folder)], check=False)


def serve(root: Path, env: dict[str, str]) -> loadgen.Server:
    """The app of a checkout, on a free loopback port; its own malbild package comes first on the path."""
    return loadgen.Server(root / "app.py", root, {**env, "PYTHONPATH": str(root)})


def burst_table(
    app: str, ref: str, counts: list[int], lines: list[str], budgets: list[str], before: str | None = None
) -> None:
    """Section 1: the overview (and the baseline's, when given) and the reference under the same bursts."""
    if before:
        lines += [
            "| sessions at once | reference p95 | overview p95 before | ratio before | overview p95 after | "
            "overview median after | ratio after | errors |",
            "|---|---|---|---|---|---|---|---|",
        ]
    else:
        lines += [
            "| sessions at once | reference p95 | overview p95 | overview median | ratio | errors |",
            "|---|---|---|---|---|---|",
        ]
    for n in counts:
        r = loadgen.burst(ref, sessions=n, label="reference")
        b = loadgen.burst(before, "", "", n, label="before") if before else None
        o = loadgen.burst(app, "", "", n, label="overview")
        ratio = o.p95() / r.p95()
        errors = len(o.errors) + len(r.errors) + (len(b.errors) if b else 0)
        if b:
            lines.append(
                f"| {n} | {_fmt(r.p95())} | {_fmt(b.p95())} | {b.p95() / r.p95():.2f} | {_fmt(o.p95())} | "
                f"{_fmt(o.median())} | {ratio:.2f} | {errors} |"
            )
        else:
            lines.append(f"| {n} | {_fmt(r.p95())} | {_fmt(o.p95())} | {_fmt(o.median())} | {ratio:.2f} | {errors} |")
        if n == max(counts):
            budgets.append(
                f"- {n} sessions on the overview: p95 {ratio:.2f}x the reference (budget "
                f"{BUDGET_OVERVIEW_BURST}x), errors {len(o.errors)}: "
                f"{_verdict(ratio <= BUDGET_OVERVIEW_BURST and not o.errors)}"
            )


def page_table(app: str, ref: str, n: int, lines: list[str], budgets: list[str]) -> None:
    """Section 2: every page under one burst size."""
    r = loadgen.burst(ref, sessions=n, label="reference")
    lines += [
        f"Reference p95 at {n} sessions: {_fmt(r.p95())}.",
        "",
        "| page | p95 | ratio | errors | exceptions |",
        "|---|---|---|---|---|",
    ]
    for page, query in PAGES:
        b = loadgen.burst(app, page, query, n)
        ratio = b.p95() / r.p95()
        lines.append(f"| /{page}?{query} | {_fmt(b.p95())} | {ratio:.2f} | {len(b.errors)} | {b.exceptions} |")
        if page:
            budgets.append(
                f"- {n} sessions on /{page}: {ratio:.2f}x (budget {BUDGET_PAGE_BURST}x): "
                f"{_verdict(ratio <= BUDGET_PAGE_BURST and not b.errors)}"
            )


def single_table(app: str, ref: str, lines: list[str], budgets: list[str], runs: int = 5) -> None:
    """Section 3: one session at a time, every page, median of `runs`."""
    r = statistics.median(loadgen.burst(ref, sessions=1).median() for _ in range(runs))
    lines += [f"Reference, one session: {_fmt(r)}.", "", "| page | median | ratio |", "|---|---|---|"]
    for page, query in PAGES:
        t = statistics.median(loadgen.burst(app, page, query, 1).median() for _ in range(runs))
        lines.append(f"| /{page}?{query} | {_fmt(t)} | {t / r:.2f} |")
        budgets.append(
            f"- one session on /{page}: {t / r:.2f}x (budget {BUDGET_SINGLE}x): {_verdict(t / r <= BUDGET_SINGLE)}"
        )


@contextlib.contextmanager
def reference_with_app_config(work: Path):
    """The one-chart reference page served with the app's own .streamlit/config.toml (issue 22's measure); yields
    its server. The stricter reference of sections 1-3 has only the app's server and runner options."""
    folder = work / "one_chart_app_config"
    (folder / ".streamlit").mkdir(parents=True)
    shutil.copy(loadgen.REFERENCE_APP, folder / "app.py")
    shutil.copy(REPO / ".streamlit" / "config.toml", folder / ".streamlit" / "config.toml")
    server = loadgen.Server(folder / "app.py", folder)
    try:
        yield server
    finally:
        server.stop()


def _cpu_burst(server: loadgen.Server, page: str, query: str, n: int) -> tuple[loadgen.Burst, float]:
    """A burst and the server's CPU time per session during it, milliseconds."""
    start = server.cpu_seconds()
    result = loadgen.burst(server.url, page, query, n)
    return result, (server.cpu_seconds() - start) * 1000 / n


def app_config_table(
    app: loadgen.Server,
    ref: loadgen.Server,
    n: int,
    rounds: int,
    lines: list[str],
    budgets: list[str],
    before: loadgen.Server | None = None,
) -> None:
    """Section 6: every page under a burst of n, interleaved with the reference (and the baseline's page, when
    given); the median over the rounds of each round's ratio."""
    keys = [f"/{page}?{query}" for page, query in PAGES]
    p95: dict[str, list[float]] = {key: [] for key in keys}
    old: dict[str, list[float]] = {key: [] for key in keys}
    refs: dict[str, list[float]] = {key: [] for key in keys}
    cpu: dict[str, list[float]] = {key: [] for key in keys}
    cpu_old: dict[str, list[float]] = {key: [] for key in keys}
    cpu_ref: list[float] = []
    errors = dict.fromkeys(keys, 0)
    for _ in range(rounds):
        for (page, query), key in zip(PAGES, keys, strict=True):
            r, ms = _cpu_burst(ref, "", "", n)
            cpu_ref.append(ms)
            if before:
                o, ms = _cpu_burst(before, page, query, n)
                old[key].append(o.p95())
                cpu_old[key].append(ms)
            b, ms = _cpu_burst(app, page, query, n)
            cpu[key].append(ms)
            refs[key].append(r.p95())
            p95[key].append(b.p95())
            errors[key] += len(b.errors) + len(r.errors) + b.exceptions
    lines += [
        f"{n} sessions at once, {rounds} interleaved rounds; the reference is the one-chart page served with the "
        "app's own `.streamlit/config.toml`. Medians over the rounds; every round's ratio in the last columns.",
        "",
        "Server CPU per session (user and system time of the server process during the burst, divided by the "
        "sessions; less sensitive to a busy machine than the p95), reference: "
        f"{statistics.median(cpu_ref):.1f} ms.",
        "",
    ]
    if before:
        lines += [
            "| page | reference p95 | p95 before | ratio before | p95 after | ratio after | ratio after per round "
            "| CPU/session before | CPU/session after | errors |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
    else:
        lines += [
            "| page | reference p95 | page p95 | ratio (median) | ratio per round | CPU/session | errors |",
            "|---|---|---|---|---|---|---|",
        ]
    for (page, _), key in zip(PAGES, keys, strict=True):
        ratios = [b / r for b, r in zip(p95[key], refs[key], strict=True)]
        ratio = statistics.median(ratios)
        after = f"{_fmt(statistics.median(p95[key]))} | {ratio:.2f} | {' '.join(f'{x:.2f}' for x in ratios)}"
        cpu_after = f"{statistics.median(cpu[key]):.1f} ms"
        if before:
            was = statistics.median(b / r for b, r in zip(old[key], refs[key], strict=True))
            lines.append(
                f"| {key} | {_fmt(statistics.median(refs[key]))} | {_fmt(statistics.median(old[key]))} | "
                f"{was:.2f} | {after} | {statistics.median(cpu_old[key]):.1f} ms | {cpu_after} | {errors[key]} |"
            )
        else:
            lines.append(f"| {key} | {_fmt(statistics.median(refs[key]))} | {after} | {cpu_after} | {errors[key]} |")
        budgets.append(
            f"- {n} sessions on /{page or 'Overview'} against the reference with the app's config: {ratio:.2f}x "
            f"(budget {BUDGET_APP_CONFIG}x): {_verdict(ratio <= BUDGET_APP_CONFIG and not errors[key])}"
        )


def scale_out(n: int, lines: list[str], budgets: list[str]) -> None:
    """Section 5: sessions per second with one and two processes behind the proxy."""
    import cluster

    rates = {}
    with tempfile.TemporaryDirectory() as work:
        for processes in (1, 2):
            with cluster.cluster(processes, loadgen.free_port(), 0, Path(work) / str(processes), build=False) as url:
                loadgen.burst(url, sessions=processes * 2)  # warm every process
                b = loadgen.burst(url, sessions=n)
                rates[processes] = b.per_second()
                lines.append(
                    f"| {processes} | {n} | {_fmt(b.p95())} | {b.per_second():.2f}/s | "
                    f"{len(b.errors)} | {dict(sorted(b.backends.items()))} |"
                )
    gain = rates[2] / rates[1]
    lines.append("")
    lines.append(f"Two processes: {gain:.2f}x the sessions per second of one.")
    budgets.append(
        f"- two processes behind HAProxy: {gain:.2f}x the sessions/s of one (budget "
        f"{BUDGET_SCALE_OUT}x): {_verdict(gain >= BUDGET_SCALE_OUT)}"
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: run every section and print (or write) the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 25, 50, 100])
    parser.add_argument("--pages-at", type=int, default=25)
    parser.add_argument("--single-runs", type=int, default=5, help="runs per page for the single-session median")
    parser.add_argument("--no-synth", action="store_true")
    parser.add_argument("--no-cluster", action="store_true")
    parser.add_argument("--baseline", metavar="REV", help="also measure this commit (section 1 and memory)")
    parser.add_argument("--app-config-sessions", type=int, default=50, help="burst size of section 6")
    parser.add_argument("--app-config-rounds", type=int, default=5, help="interleaved rounds of section 6")
    parser.add_argument("--only-app-config", action="store_true", help="run section 6 only")
    parser.add_argument("--output")
    args = parser.parse_args(argv)
    lines = ["## Capacity: simultaneous sessions (websocket, no browsers)", ""]
    budgets: list[str] = []
    if args.only_app_config:
        lines += [f"Load average at the start: {_loadavg()}.", ""]
        with tempfile.TemporaryDirectory() as work, contextlib.ExitStack() as stack:
            base = stack.enter_context(checkout(args.baseline, Path(work))) if args.baseline else None
            lines += [f"Before: commit {args.baseline}; after: the working tree.", ""] if base else []
            lines += ["### 6. Every page against the app's own config", ""]
            app_config_section(Path(work), args, lines, budgets, base)
        return _finish(lines, budgets, args.output)
    with tempfile.TemporaryDirectory() as work, contextlib.ExitStack() as stack:
        base = stack.enter_context(checkout(args.baseline, Path(work))) if args.baseline else None
        if base:
            lines += [
                f"Before: commit {args.baseline}; after: the working tree. Load average at the start: "
                f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}.",
                "",
            ]
        db = Path(work) / "dashboard.duckdb"
        _build(None, db)
        env = {"DASHBOARD_DB": str(db), "MALBILD_ENTRIES": str(Path(work) / "entries.duckdb")}
        os.environ.update(env)
        app = serve(REPO, env)
        ref = loadgen.Server(loadgen.REFERENCE_APP, loadgen.REFERENCE_APP.parent)
        before = serve(base, env) if base else None
        mb: dict[str, float] = {}
        try:
            loadgen.burst(ref.url)
            for page, query in PAGES:
                loadgen.burst(app.url, page, query)
                if before:
                    loadgen.burst(before.url, page, query)
            lines += ["### 1. The overview under a burst", ""]
            burst_table(app.url, ref.url, args.sessions, lines, budgets, before.url if before else None)
            mb["bundled"] = app.rss_mb()
            lines += ["", f"Server memory after the bursts: {mb['bundled']:.0f} MB (bundled data)."]
            if before:
                lines += [f"Before: {before.rss_mb():.0f} MB."]
                before.stop()
                before = None
            lines += ["", "### 2. Every page under a burst", ""]
            page_table(app.url, ref.url, args.pages_at, lines, budgets)
            lines += ["", "### 3. One session, every page", ""]
            single_table(app.url, ref.url, lines, budgets, args.single_runs)
        finally:
            app.stop()
            if before:
                before.stop()
        if not args.no_synth:
            data = _synthetic_data(Path(work) / "synth")
            big = Path(work) / "synth.duckdb"
            _build(data, big)
            big_env = {**env, "DASHBOARD_DB": str(big), "DASHBOARD_DATA": str(data)}
            lines += ["### 4. Synthetic 100x data", ""]
            for label, root in [("before", base), ("after", REPO)] if base else [("after", REPO)]:
                server = serve(root, big_env)
                try:
                    for page, query in PAGES:
                        loadgen.burst(server.url, page, query)
                    b = loadgen.burst(server.url, "", "", max(args.sessions))
                    rss = server.rss_mb()
                finally:
                    server.stop()
                if label == "after":
                    mb["100x"] = rss
                lines += [
                    f"{'Before' if label == 'before' else 'After' if base else 'The app'}: "
                    f"{max(args.sessions)} sessions on the overview: p95 {_fmt(b.p95())}, errors "
                    f"{len(b.errors)}; server memory after the burst {rss:.0f} MB.",
                    "",
                ]
        for label, value in mb.items():
            budgets.append(
                f"- server memory after the burst, {label} data: {value:.0f} MB (budget "
                f"{BUDGET_MB:.0f} MB): {_verdict(value < BUDGET_MB)}"
            )
        ref.stop()
        lines += ["### 6. Every page against the app's own config", ""]
        app_config_section(Path(work), args, lines, budgets, base)
        lines += [""]
        if not args.no_cluster:
            lines += [
                "### 5. Scale-out behind HAProxy",
                "",
                "| processes | sessions | p95 | finished/s | errors | sessions per process |",
                "|---|---|---|---|---|---|",
            ]
            scale_out(max(args.sessions), lines, budgets)
    return _finish(lines, budgets, args.output)


def _loadavg() -> str:
    """The load average (1, 5, 15 minutes)."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def app_config_section(
    work: Path, args: argparse.Namespace, lines: list[str], budgets: list[str], base: Path | None = None
) -> None:
    """Section 6 with its own servers: the app (and the baseline's, when given) on the bundled data and the
    reference with the app's config."""
    db = work / "app_config.duckdb"
    _build(None, db)
    env = {"DASHBOARD_DB": str(db), "MALBILD_ENTRIES": str(work / "app_config_entries.duckdb")}
    with contextlib.ExitStack() as stack:
        app = serve(REPO, env)
        stack.callback(app.stop)
        before = serve(base, env) if base else None
        if before:
            stack.callback(before.stop)
        ref = stack.enter_context(reference_with_app_config(work))
        loadgen.burst(ref.url)
        for page, query in PAGES:
            for server in (app, before) if before else (app,):
                loadgen.burst(server.url, page, query)
        app_config_table(app, ref, args.app_config_sessions, args.app_config_rounds, lines, budgets, before)
    lines += ["", f"Load average after section 6: {_loadavg()}."]


def _finish(lines: list[str], budgets: list[str], output: str | None) -> int:
    """Add the budget lines, print the report and write it to `output` when given."""
    failed = sum(line.endswith(": FAIL") for line in budgets)
    lines += ["", "### Budgets", ""] + budgets + ["", f"{failed} of {len(budgets)} budget lines failed."]
    text = "\n".join(lines) + "\n"
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
