"""Fixtures for the entries tests: a real PostgreSQL server the tests start, and a store on either back end."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest

from malbild.data.entries.backends import backend_from
from malbild.data.entries.store import EntriesStore

PG_BIN = Path(os.environ.get("MALBILD_PG_BIN", "/usr/lib/postgresql/15/bin"))


def postgres_required() -> bool:
    """Return whether missing PostgreSQL must fail the tests (in CI) rather than skip them."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes") or os.environ.get("MALBILD_REQUIRE_POSTGRES") == "1"


def _unavailable(reason: str) -> None:
    """Fail in CI, skip elsewhere, with the reason."""
    if postgres_required():
        pytest.fail(f"PostgreSQL tests cannot run: {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


def _free_port() -> int:
    """Return a free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until(condition, timeout: float = 30.0) -> bool:
    """Check a condition every 20 ms until it holds or `timeout` seconds pass; return whether it held."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def _as_postgres(args: list[str]) -> list[str]:
    """Return a command run as the postgres OS user when we are root (initdb refuses root)."""
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="session")
def pg_server():
    """Start a throwaway PostgreSQL server on a free loopback port; yield a URL builder; stop and remove it."""
    if not (PG_BIN / "initdb").exists():
        _unavailable(f"{PG_BIN}/initdb is missing (apt-get install -y postgresql)")
    try:
        import psycopg
    except ImportError:
        _unavailable("psycopg is not installed")
    home = Path(tempfile.mkdtemp(prefix="malbild-pg-"))
    if os.geteuid() == 0:
        shutil.chown(home, "postgres", "postgres")
    data, port = home / "data", _free_port()
    log = home / "server.log"
    run = lambda args: subprocess.run(_as_postgres(args), check=True, capture_output=True, text=True)

    def start() -> None:
        """Start the server (again, after stop(): the same port, the same data)."""
        run(
            [
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(data),
                "-l",
                str(log),
                "-w",
                "-t",
                "60",
                "start",
                "-o",
                f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off",
            ]
        )

    try:
        run(
            [
                str(PG_BIN / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ]
        )
        start()
    except subprocess.CalledProcessError as exc:
        shutil.rmtree(home, ignore_errors=True)
        _unavailable(f"the server did not start: {exc.stderr.strip()[-500:]}")
    base = f"postgresql://postgres@127.0.0.1:{port}"

    def new_database() -> str:
        """Create an empty database and return its URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as con:
            con.execute(f'CREATE DATABASE "{name}"')
        return f"{base}/{name}"

    def stop() -> None:
        """Stop the server (fast shutdown: running transactions are rolled back), as an operator or a crash would."""
        run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"])

    new_database.stop = stop  # type: ignore[attr-defined]
    new_database.start = start  # type: ignore[attr-defined]
    try:
        yield new_database
    finally:
        subprocess.run(
            _as_postgres([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
            check=False,
        )
        # The server is gone when its pid file and its socket's lock file are (the postmaster removes both last).
        _wait_until(lambda: not (data / "postmaster.pid").exists() and not list(home.glob(f".s.PGSQL.{port}*")))
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(params=["duckdb", "postgresql"])
def entries_location(request, tmp_path: Path) -> str:
    """Return a fresh, empty entries location on each back end: a DuckDB file, then a PostgreSQL database."""
    if request.param == "duckdb":
        return str(tmp_path / "entries.duckdb")
    return request.getfixturevalue("pg_server")()


@pytest.fixture
def store(entries_location: str, built_db: Path) -> EntriesStore:
    """Return an empty entries store checked against the bundled report."""
    return EntriesStore(backend_from(entries_location), built_db)
