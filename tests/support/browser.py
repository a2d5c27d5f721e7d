"""Shared helpers for the browser tests and the benchmark: a Streamlit server on loopback, Chromium, "drawn".

Used by the browser tests and tools/bench.py. The app never imports this module.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from malbild.paths import CHROMIUM_ARGS, REPO_ROOT, chromium_path

HOST = "127.0.0.1"


def _pages() -> tuple[tuple[str, str, str], ...]:
    """(file, URL path, title key) for every page a viewer's navigation lists (malbild.ui.registry)."""
    from malbild.ui.registry import navigation

    return tuple((page.file, page.url_path, page.title_key) for page in navigation(editor=False))


# The one list of pages is malbild.ui.registry.PAGES; here a viewer's pages: (file, URL path, title key).
PAGES: tuple[tuple[str, str, str], ...] = _pages()


# True when the page is fully drawn: the script finished, something was rendered, every Plotly chart has its
# SVG, no lazily loaded element still shows its skeleton, and nothing is stale. Returns a string describing an
# error instead when an exception box shows.
DRAWN_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app) return false;
  if (document.querySelector('[data-testid="stException"]')) return 'exception';
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  const status = document.querySelector('[data-testid="stStatusWidget"]');
  if (status && /Running/i.test(status.textContent || '')) return false;
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  if (!main || !main.querySelector('[data-testid="stElementContainer"]')) return false;
  if (main.querySelector('[data-stale="true"]')) return false;
  // Lazily loaded elements (Plotly, data frames) show a skeleton until their code has arrived.
  if (main.querySelector('[data-testid="stSkeleton"]')) return false;
  const charts = main.querySelectorAll('[data-testid="stPlotlyChart"]');
  let drawn = 0;
  for (const c of charts) { if (c.querySelector('.js-plotly-plot .main-svg')) drawn += 1; }
  return drawn === charts.length ? 'drawn:' + charts.length : false;
}
"""


# Every Plotly chart has finished laying itself out: no plot promise pending, no redraw for its automatic margins
# (Plotly counts those in _redrawFromAutoMarginCount) or for fonts still loading (_fontLoadToken), and the plot
# areas are the same as at the previous animation frame. Polled once per frame; the previous sizes live on window.
SETTLED_JS = """
() => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const busy = plots.some(p => (p._promises && p._promises.length) || p._fontLoadToken || !p._fullLayout ||
    p._fullLayout._redrawFromAutoMarginCount);
  const sizes = JSON.stringify(plots.map(p => p._fullLayout && [p._fullLayout._size, p._fullLayout.width,
    p._fullLayout.height]));
  const same = window.__mbPlotSizes === sizes;
  window.__mbPlotSizes = sizes;
  return !busy && same;
}
"""


def existing_pages() -> list[tuple[str, str, str]]:
    """Return the entries of PAGES whose file exists in the repository."""
    return [p for p in PAGES if (REPO_ROOT / p[0]).exists()]


def chromium_version() -> str:
    """Return Chromium's version line, or 'missing'."""
    path = chromium_path()
    if not path:
        return "missing"
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.split(" built on")[0] or "unknown"


def free_port() -> int:
    """Return a free TCP port on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    """Return the pids of a process's descendants (from /proc)."""
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                for child in handle.read().split():
                    found.append(int(child))
                    found.extend(_children(int(child)))
    except OSError:
        pass
    return found


def _status_kb(pid: int, field_name: str) -> int:
    """Return a field of /proc/<pid>/status in kB (0 if the process is gone)."""
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(pid: int) -> float:
    """Return the resident memory of a process and its descendants in MB."""
    return sum(_status_kb(p, "VmRSS") for p in [pid, *_children(pid)]) / 1024


@dataclass
class StreamlitServer:
    """A Streamlit server for one app file on a free loopback port, started as a subprocess.

    Use as a context manager. While it runs, a thread samples the RSS of its process tree; `peak_rss_mb`
    is the largest sample and `hwm_mb` the kernel's high-water mark (VmHWM) of the main process.
    """

    app: str = "app.py"
    db: Path | None = None
    cwd: Path = REPO_ROOT
    port: int = 0
    startup_timeout: float = 60.0
    extra_env: dict[str, str] = field(default_factory=dict)
    extra_args: list[str] = field(default_factory=list)  # more `streamlit run` options, e.g. --secrets.files
    proc: subprocess.Popen | None = None
    peak_rss_mb: float = 0.0
    hwm_mb: float = 0.0
    log_path: Path | None = None

    @property
    def url(self) -> str:
        """The base URL, with a trailing slash."""
        return f"http://{HOST}:{self.port}/"

    def start(self) -> StreamlitServer:
        """Start the server and wait until /_stcore/health answers ok."""
        self.port = self.port or free_port()
        env = dict(os.environ)
        env.update(self.extra_env)
        if self.db is not None:
            env["DASHBOARD_DB"] = str(self.db)
        env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
        streamlit = Path(sys.executable).with_name("streamlit")
        command = [
            str(streamlit) if streamlit.exists() else "streamlit",
            "run",
            self.app,
            "--server.port",
            str(self.port),
            "--server.headless",
            "true",
            "--server.address",
            HOST,
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
            *self.extra_args,
        ]
        import tempfile

        fd, name = tempfile.mkstemp(prefix="malbild-streamlit-", suffix=".log")
        self.log_path = Path(name)
        self.proc = subprocess.Popen(command, cwd=self.cwd, env=env, stdout=fd, stderr=subprocess.STDOUT)
        os.close(fd)
        self._stop_sampling = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {self.proc.returncode}:\n{self.log()}")
            try:
                with urllib.request.urlopen(f"{self.url}_stcore/health", timeout=2) as response:
                    if response.status == 200 and response.read().strip() == b"ok":
                        return self
            except OSError:
                pass
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit did not answer on {self.url} within {self.startup_timeout} s:\n{self.log()}")

    def _sample(self) -> None:
        """Sample the process tree's RSS every 100 ms until stopped."""
        while not self._stop_sampling.is_set() and self.proc and self.proc.poll() is None:
            self.peak_rss_mb = max(self.peak_rss_mb, tree_rss_mb(self.proc.pid))
            self.hwm_mb = max(self.hwm_mb, _status_kb(self.proc.pid, "VmHWM") / 1024)
            self._stop_sampling.wait(0.1)

    def log(self) -> str:
        """Return the server's output so far."""
        try:
            return self.log_path.read_text(errors="replace")[-4000:] if self.log_path else ""
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop the server (SIGTERM, then SIGKILL) and the sampler."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.hwm_mb = max(self.hwm_mb, _status_kb(self.proc.pid, "VmHWM") / 1024)
            self.peak_rss_mb = max(self.peak_rss_mb, tree_rss_mb(self.proc.pid))
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self._stop_sampling.set()
        self._sampler.join(timeout=2)
        if self.log_path and self.log_path.exists():
            self.log_path.unlink()
        self.proc = None

    def __enter__(self) -> StreamlitServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def launch_chromium(playwright, headless: bool = True):
    """Launch Debian's Chromium through Playwright (sync or async API object) with offline-safe flags."""
    path = chromium_path()
    if path is None:
        raise RuntimeError("Chromium not found (install Debian's chromium or set MALBILD_CHROMIUM)")
    return playwright.chromium.launch(executable_path=path, headless=headless, args=list(CHROMIUM_ARGS))


def page_url(base: str, url_path: str, **params: str) -> str:
    """Return the URL of a page with query parameters."""
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"{base}{url_path}" + (f"?{query}" if query else "")


class PageError(AssertionError):
    """A page showed an exception box or did not finish drawing."""


def wait_drawn(page, timeout_ms: float = 60_000) -> int:
    """Wait (sync Playwright page) until the page is fully drawn; return its number of Plotly charts."""
    handle = page.wait_for_function(DRAWN_JS, timeout=timeout_ms, polling=25)
    result = handle.json_value()
    if result == "exception":
        text = page.locator('[data-testid="stException"]').first.inner_text()
        raise PageError(f"exception box on {page.url}: {text[:2000]}")
    return int(str(result).split(":")[1])


def wait_settled(page, timeout_ms: float = 30_000) -> None:
    """Wait (sync Playwright page) until every Plotly chart has finished its layout, its automargin redraw included
    (the text positions a check reads are final then)."""
    page.evaluate("() => { delete window.__mbPlotSizes; }")
    page.wait_for_function(SETTLED_JS, timeout=timeout_ms, polling="raf")


async def wait_drawn_async(page, timeout_ms: float = 60_000) -> int:
    """Async Playwright variant of wait_drawn."""
    handle = await page.wait_for_function(DRAWN_JS, timeout=timeout_ms, polling=25)
    result = await handle.json_value()
    if result == "exception":
        text = await page.locator('[data-testid="stException"]').first.inner_text()
        raise PageError(f"exception box on {page.url}: {text[:2000]}")
    return int(str(result).split(":")[1])


def timed_load(browser, url: str, timeout_ms: float = 60_000) -> tuple[float, int]:
    """Open url in a fresh context; return (seconds from navigation start until drawn, number of charts)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=timeout_ms)
        charts = wait_drawn(page, timeout_ms)
        return time.perf_counter() - started, charts
    finally:
        context.close()


def editor_app(folder: Path, db: Path, password: str, user: str = "anna") -> StreamlitServer:
    """The app (not yet started) with a local editor account `user` (a secrets file in `folder`) and its own entries
    file there (folder/entries.duckdb)."""
    from malbild.data.entries.auth import hash_password, secrets_snippet

    secrets = folder / "secrets.toml"
    secrets.write_text(secrets_snippet(user, hash_password(password)) + "\n", encoding="utf-8")
    return StreamlitServer(
        "app.py",
        db=db,
        extra_env={"MALBILD_ENTRIES": str(folder / "entries.duckdb")},
        extra_args=["--secrets.files", str(secrets)],
    )


def signed_in_editor(browser, server: StreamlitServer, password: str, user: str = "anna"):
    """A new Swedish page of `server` with `user` signed in as the local editor (see editor_app)."""
    page = browser.new_context(locale="sv-SE").new_page()
    page.goto(server.url)
    wait_drawn(page)
    page.get_by_text("Logga in som redaktör").click()
    page.get_by_label("Användarnamn").fill(user)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_text(f"Inloggad som {user} (redaktör).").wait_for(timeout=30_000)
    return page
