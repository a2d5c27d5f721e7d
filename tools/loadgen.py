"""Load generator: N sessions open a page at once over Streamlit's own websocket protocol (no browsers).

Each session connects to /_stcore/stream, sends a BackMsg with `rerun_script` (page and query string) and reads
ForwardMsgs until `script_finished`. Reports median, p95 and max time to script finished, errors and exception
elements. Loopback only; every session is bounded in time, the run in count.

    python tools/loadgen.py --sessions 50 --page Goals --query goal=5       # starts the app and the reference
    python tools/loadgen.py --sessions 50 --url http://127.0.0.1:8501        # a server already running
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import ipaddress
import math
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

REPO = Path(__file__).resolve().parent.parent
REFERENCE_APP = REPO / "benchmarks" / "one_chart" / "app.py"
MAX_SESSIONS = 500


@dataclass
class Burst:
    """What one burst of sessions measured."""

    label: str
    sessions: int
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    exceptions: int = 0
    wall: float = 0.0
    backends: dict[str, int] = field(default_factory=dict)

    def median(self) -> float:
        """Median time to script finished, seconds (NaN when none finished)."""
        return statistics.median(self.times) if self.times else float("nan")

    def p95(self) -> float:
        """95th percentile time to script finished (nearest rank)."""
        if not self.times:
            return float("nan")
        ordered = sorted(self.times)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    def max(self) -> float:
        """Slowest session's time to script finished."""
        return max(self.times) if self.times else float("nan")

    def per_second(self) -> float:
        """Sessions finished per second of the burst's wall time."""
        return len(self.times) / self.wall if self.wall else float("nan")


def require_loopback(url: str) -> None:
    """Refuse any target that is not on this machine's loopback."""
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return
    try:
        if ipaddress.ip_address(host).is_loopback:
            return
    except ValueError:
        pass
    raise SystemExit(f"loadgen: refusing {host!r}: only loopback addresses (127.0.0.0/8, ::1, localhost)")


def _count_exceptions(msg: ForwardMsg) -> int:
    """1 when a ForwardMsg carries an exception element, else 0."""
    if msg.WhichOneof("type") != "delta":
        return 0
    delta = msg.delta
    return int(delta.WhichOneof("type") == "new_element" and delta.new_element.WhichOneof("type") == "exception")


async def page_cookies(host: str, port: int, path: str, timeout: float) -> str:
    """GET the page's HTML as a browser does first; return its cookies as a Cookie header (a proxy's stickiness)."""
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
    try:
        writer.write(f"GET /{path} HTTP/1.0\r\nHost: {host}:{port}\r\n\r\n".encode("ascii"))
        await writer.drain()
        head = (await asyncio.wait_for(reader.read(), timeout)).split(b"\r\n\r\n", 1)[0].decode("latin-1")
    finally:
        writer.close()
    status = head.split("\r\n", 1)[0]
    if " 200 " not in status + " ":
        raise RuntimeError(f"GET /{path}: {status}")
    cookies = [
        line.split(":", 1)[1].split(";", 1)[0].strip()
        for line in head.split("\r\n")
        if line.lower().startswith("set-cookie:")
    ]
    return "; ".join(cookies)


def _backend(cookie: str) -> str:
    """The backend a proxy pinned the session to (its MALBILD_BACKEND cookie), or '' without a proxy."""
    for part in cookie.split(";"):
        name, _, value = part.strip().partition("=")
        if name == "MALBILD_BACKEND":
            return value
    return ""


async def one_session(base: str, page: str, query: str, timeout: float) -> tuple[float, int, str]:
    """Open one session as a browser would (page HTML, then the websocket), run the page once.

    Returns (seconds from the first request to script finished, exception elements, the proxy's backend cookie).
    """
    split = urllib.parse.urlsplit(base)
    ws_url = f"ws://{split.netloc}/_stcore/stream"
    back = BackMsg()
    back.rerun_script.query_string = query
    back.rerun_script.page_name = page
    started = time.perf_counter()
    exceptions = 0
    cookie = await page_cookies(split.hostname or "127.0.0.1", split.port or 80, page, timeout)
    headers = {"Cookie": cookie} if cookie else None
    async with websockets.connect(
        ws_url,
        subprotocols=["streamlit"],
        max_size=None,
        open_timeout=timeout,
        origin=f"http://{split.netloc}",
        additional_headers=headers,
    ) as ws:
        await ws.send(back.SerializeToString())
        while True:
            raw = await asyncio.wait_for(ws.recv(), timeout=max(0.1, timeout - (time.perf_counter() - started)))
            msg = ForwardMsg()
            msg.ParseFromString(raw)
            exceptions += _count_exceptions(msg)
            if msg.WhichOneof("type") == "page_not_found":
                raise RuntimeError(f"page not found: {page!r}")
            if msg.WhichOneof("type") == "script_finished":
                if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError("script did not compile")
                if msg.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                return time.perf_counter() - started, exceptions, _backend(cookie)


async def _burst(base: str, page: str, query: str, sessions: int, timeout: float, label: str) -> Burst:
    """Start `sessions` sessions at the same moment and gather their results."""
    result = Burst(label=label, sessions=sessions)
    started = time.perf_counter()
    outcomes = await asyncio.gather(
        *(one_session(base, page, query, timeout) for _ in range(sessions)), return_exceptions=True
    )
    result.wall = time.perf_counter() - started
    for outcome in outcomes:
        if isinstance(outcome, BaseException):
            result.errors.append(f"{type(outcome).__name__}: {outcome}")
        else:
            result.times.append(outcome[0])
            result.exceptions += outcome[1]
            if outcome[2]:
                result.backends[outcome[2]] = result.backends.get(outcome[2], 0) + 1
    return result


def burst(
    base: str, page: str = "", query: str = "", sessions: int = 1, timeout: float = 180.0, label: str = ""
) -> Burst:
    """Run one burst of simultaneous sessions against a server on loopback."""
    require_loopback(base)
    if not 1 <= sessions <= MAX_SESSIONS:
        raise SystemExit(f"loadgen: --sessions must be 1..{MAX_SESSIONS}")
    # In a fresh thread: asyncio.run cannot start where an event loop runs already (Playwright's sync API when the
    # browser tests run in the same session).
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(
            lambda: asyncio.run(_burst(base, page, query, sessions, timeout, label or page or "/"))
        ).result()


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A Streamlit server on loopback, started for a measurement and stopped after it."""

    def __init__(self, script: Path, cwd: Path, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(script),
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ]
        self.proc = subprocess.Popen(
            cmd, cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/_stcore/health", timeout=1)
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"server for {script} did not start within 60 s")

    def rss_mb(self) -> float:
        """Resident memory of the server process, MB."""
        try:
            with open(f"/proc/{self.proc.pid}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            pass
        return float("nan")

    def cpu_seconds(self) -> float:
        """CPU time (user and system, every thread) the server process has used so far, seconds: less sensitive to
        what else the machine runs than wall time."""
        try:
            with open(f"/proc/{self.proc.pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return float("nan")

    def stop(self) -> None:
        """Stop the server."""
        self.proc.terminate()
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def row(result: Burst) -> str:
    """One line of the report."""
    return (
        f"| {result.label} | {result.sessions} | {result.median():.2f} s | {result.p95():.2f} s | "
        f"{result.max():.2f} s | {result.per_second():.1f}/s | {len(result.errors)} | {result.exceptions} |"
    )


HEADER = [
    "| page | sessions | median | p95 | max | finished/s | errors | exceptions |",
    "|---|---|---|---|---|---|---|---|",
]


def main(argv: list[str] | None = None) -> int:
    """Command line: run bursts against the app (started here or given by --url) and the reference page."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 25])
    parser.add_argument("--page", default="", help="URL path of the page ('' for the overview, 'Goals', …)")
    parser.add_argument("--query", default="", help="query string without '?', e.g. goal=5&lang=en")
    parser.add_argument("--url", help="a running server on loopback; default: start the app here")
    parser.add_argument("--no-reference", action="store_true", help="skip the one-chart reference page")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds a session may take")
    args = parser.parse_args(argv)
    servers: list[Server] = []
    try:
        app_url = args.url or (servers.append(Server(REPO / "app.py", REPO)) or servers[-1].url)
        ref = None if args.no_reference else Server(REFERENCE_APP, REFERENCE_APP.parent)
        if ref:
            servers.append(ref)
        print("\n".join(HEADER))
        failed = False
        for n in args.sessions:
            if ref:
                burst(ref.url, sessions=1, label="warm-up")
                result = burst(ref.url, sessions=n, timeout=args.timeout, label="one-chart reference")
                print(row(result), flush=True)
            burst(app_url, args.page, args.query, 1, args.timeout, "warm-up")
            result = burst(app_url, args.page, args.query, n, args.timeout, f"/{args.page}?{args.query}")
            print(row(result), flush=True)
            if servers and not args.url:
                print(f"<!-- app server memory after the burst: {servers[0].rss_mb():.0f} MB -->")
            failed |= bool(result.errors or result.exceptions)
            for error in result.errors[:3]:
                print(f"  error: {error}", file=sys.stderr)
        return 1 if failed else 0
    finally:
        for server in servers:
            server.stop()


if __name__ == "__main__":
    raise SystemExit(main())
