"""Serve Målbild as N Streamlit processes behind HAProxy on one machine (sticky sessions, health checks).

    python tools/cluster.py --processes 2 --port 8501       # what `make serve-cluster N=2` runs

Builds the report database once, starts the processes on loopback ports, writes build/cluster/haproxy.cfg from
deploy/haproxy.cfg.template and runs HAProxy in the foreground; Ctrl-C stops everything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "deploy" / "haproxy.cfg.template"


def haproxy_config(backend_ports: list[int], port: int, bind: str = "127.0.0.1") -> str:
    """HAProxy configuration for the given app processes on loopback."""
    servers = "\n".join(f"    server app{i} 127.0.0.1:{p} check cookie app{i}" for i, p in enumerate(backend_ports, 1))
    return TEMPLATE.read_text(encoding="utf-8").format(bind=bind, port=port, servers=servers)


def _free_port() -> int:
    """A free TCP port on loopback."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(url: str, seconds: float = 90) -> None:
    """Wait until a server answers its health check."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not become healthy within {seconds:.0f} s")


def start_app(port: int, env: dict[str, str]) -> subprocess.Popen:
    """Start one Streamlit process of the app on a loopback port."""
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(REPO / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
    ]
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


@contextmanager
def cluster(
    processes: int, port: int, first_backend_port: int, workdir: Path, build: bool = True, bind: str = "127.0.0.1"
) -> Iterator[str]:
    """Run the app as `processes` processes behind HAProxy; yield the proxy's URL.

    The first process to start would otherwise build a missing database while the others wait on its lock:
    build it once here first (`build=False` when DASHBOARD_DB is already built)."""
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(haproxy).exists():
        raise SystemExit("cluster: HAProxy is not installed (apt-get install haproxy)")
    if build:
        subprocess.run([sys.executable, "-m", "malbild.data.build", "--if-needed"], cwd=REPO, check=True)
    env = dict(os.environ)
    ports = (
        [first_backend_port + i for i in range(processes)]
        if first_backend_port
        else [_free_port() for _ in range(processes)]
    )
    apps = [start_app(p, env) for p in ports]
    proxy = None
    try:
        for p in ports:
            wait_healthy(f"http://127.0.0.1:{p}")
        workdir.mkdir(parents=True, exist_ok=True)
        config = workdir / "haproxy.cfg"
        config.write_text(haproxy_config(ports, port, bind), encoding="utf-8")
        subprocess.run([haproxy, "-c", "-q", "-f", str(config)], check=True)
        proxy = subprocess.Popen(
            [haproxy, "-db", "-f", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, 30)
        yield url
    finally:
        for proc in ([proxy] if proxy else []) + apps:
            proc.terminate()
        for proc in ([proxy] if proxy else []) + apps:
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()


def _interrupt(signum: int, frame: object) -> None:
    """Turn SIGTERM into KeyboardInterrupt so the processes are stopped on the way out."""
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    """Command line: serve until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", "-n", type=int, default=2)
    parser.add_argument("--port", type=int, default=8501, help="the proxy's port (what users open)")
    parser.add_argument("--backend-port", type=int, default=8601, help="first app process port")
    parser.add_argument("--bind", default="127.0.0.1", help="the proxy's address (0.0.0.0 to serve the network)")
    args = parser.parse_args(argv)
    with cluster(args.processes, args.port, args.backend_port, REPO / "build" / "cluster", bind=args.bind) as url:
        print(f"Målbild: {args.processes} processes behind HAProxy at {url} (Ctrl-C stops)", flush=True)
        signal.signal(signal.SIGTERM, _interrupt)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
