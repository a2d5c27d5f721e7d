"""The load generator speaks Streamlit's protocol: a smoke run against the real app on loopback (no timings)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import loadgen  # noqa: E402


def test_refuses_addresses_off_loopback() -> None:
    for url in ("http://10.0.0.1:8501", "http://192.168.1.2", "http://example.org"):
        with pytest.raises(SystemExit, match="only loopback"):
            loadgen.require_loopback(url)
    loadgen.require_loopback("http://127.0.0.2:8501")
    loadgen.require_loopback("http://localhost:8501")


def test_p95_is_the_nearest_rank() -> None:
    burst = loadgen.Burst(label="x", sessions=20, times=[float(i) for i in range(1, 21)])
    assert burst.p95() == 19.0
    assert burst.median() == 10.5
    assert burst.max() == 20.0


def test_cpu_seconds_counts_the_server_process_work() -> None:
    """capacity.py's CPU per session: the process's user and system time, read from /proc (every thread)."""
    import os
    import time
    from types import SimpleNamespace

    server = SimpleNamespace(proc=SimpleNamespace(pid=os.getpid()))
    before = loadgen.Server.cpu_seconds(server)  # type: ignore[arg-type]
    deadline = time.process_time() + 0.3
    while time.process_time() < deadline:  # burn 0.3 s of CPU in this process
        pass
    spent = loadgen.Server.cpu_seconds(server) - before  # type: ignore[arg-type]
    assert 0.2 <= spent <= 5.0, spent
    gone = SimpleNamespace(proc=SimpleNamespace(pid=2**22 + 1))  # above Linux's largest pid: no such process
    assert loadgen.Server.cpu_seconds(gone) != loadgen.Server.cpu_seconds(gone)  # type: ignore[arg-type]  # NaN


@pytest.fixture(scope="module")
def server(built_db: Path):
    """The app on a free loopback port."""
    srv = loadgen.Server(loadgen.REPO / "app.py", loadgen.REPO, {"DASHBOARD_DB": str(built_db)})
    yield srv
    srv.stop()


@pytest.mark.browser
def test_sessions_reach_script_finished_on_the_asked_page(server) -> None:
    result = loadgen.burst(server.url, "Goals", "goal=5&lang=en", sessions=3, timeout=120)
    assert result.errors == []
    assert len(result.times) == 3
    assert result.exceptions == 0


@pytest.mark.browser
def test_an_unknown_page_is_an_error_not_a_success(server) -> None:
    result = loadgen.burst(server.url, "NoSuchPage", "", sessions=1, timeout=60)
    assert len(result.errors) == 1 and "page not found" in result.errors[0]


def test_a_burst_runs_inside_a_running_event_loop() -> None:
    # Playwright's sync API (the browser tests of the same run) keeps an event loop running on the main thread.
    import asyncio
    import concurrent.futures

    async def inside() -> loadgen.Burst:
        return loadgen.burst(f"http://127.0.0.1:{loadgen.free_port()}", sessions=2, timeout=5)

    # The loop of this test runs in a thread of its own, since the main thread may hold Playwright's already.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(asyncio.run, inside()).result()
    assert len(result.errors) == 2 and all("ConnectionRefusedError" in e for e in result.errors)
