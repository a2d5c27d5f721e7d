"""Several app processes behind HAProxy: the configuration is valid, sessions spread and stay on their process."""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import cluster  # noqa: E402
import loadgen  # noqa: E402

HAPROXY = shutil.which("haproxy") or "/usr/sbin/haproxy"
pytestmark = pytest.mark.skipif(not Path(HAPROXY).exists(), reason="HAProxy is not installed (apt-get install haproxy)")


def test_configuration_is_valid_and_lists_every_process(tmp_path: Path) -> None:
    config = tmp_path / "haproxy.cfg"
    config.write_text(cluster.haproxy_config([9101, 9102, 9103], 9100), encoding="utf-8")
    checked = subprocess.run([HAPROXY, "-c", "-f", str(config)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    text = config.read_text(encoding="utf-8")
    assert [line.split()[2] for line in text.splitlines() if line.strip().startswith("server ")] == [
        "127.0.0.1:9101",
        "127.0.0.1:9102",
        "127.0.0.1:9103",
    ]
    assert "bind 127.0.0.1:9100" in text


def _backend_answering(url: str, cookie: str) -> str:
    """Which process the proxy sent a request with this cookie to."""
    request = urllib.request.Request(url + "/_stcore/health", headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers["X-Malbild-Backend"]


@pytest.mark.browser
def test_two_processes_share_a_burst_and_keep_each_session(tmp_path: Path, built_db: Path, monkeypatch) -> None:
    monkeypatch.setenv("DASHBOARD_DB", str(built_db))
    proxy_port = loadgen.free_port()
    with cluster.cluster(2, proxy_port, 0, tmp_path, build=False) as url:
        result = loadgen.burst(url, "Goals", "goal=5", sessions=6, timeout=180)
        for pinned in ("app1", "app2"):
            answered = {_backend_answering(url, f"MALBILD_BACKEND={pinned}") for _ in range(4)}
            assert answered == {pinned}
        with pytest.raises(urllib.error.HTTPError) as denied:
            urllib.request.urlopen(url + "/_stcore/metrics", timeout=10)
        assert denied.value.code == 403
    assert result.errors == []
    assert result.exceptions == 0
    assert sorted(result.backends) == ["app1", "app2"]
    assert sum(result.backends.values()) == 6
