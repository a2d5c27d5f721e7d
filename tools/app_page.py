"""One page of the app drawn once in Streamlit's AppTest (a new session), as the tests and tools/profile_pages.py
draw it: app.py with the page switched to and the URL's query parameters set."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parents[1]


def drawn(page: str = "app.py", params: Mapping[str, str] | None = None, timeout: float = 60) -> AppTest:
    """Run `page` (a path such as "pages/1_Goals.py", or "app.py" for the overview) with `params` in the URL; return
    the AppTest, exceptions and all (the caller decides what a failure is)."""
    from streamlit.testing.v1 import AppTest  # Streamlit's test harness loads only when a page is drawn

    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=timeout)
    if page != "app.py":
        app.switch_page(page)
    for key, value in (params or {}).items():
        app.query_params[key] = value
    app.run()
    return app
