"""Issue 9, item 2 in a real browser: hostile text in a shared link and in the data is drawn as text.

The app is served on the bundled data with hostile project, owner and goal names (the hostile_db fixture of
test_security.py). No live link to evil.example, no image request to the attacker, no red directive, and
Plotly draws the <b> of a name as characters.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from test_security import HOSTILE, PHISHING_Q, hostile_db  # noqa: F401 - hostile_db is a fixture

from tests.support.browser import StreamlitServer, page_url, wait_drawn

pytestmark = pytest.mark.browser

LIVE_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const links = [...main.querySelectorAll('a[href]')].filter(a => new URL(a.href).host !== location.host)
    .map(a => (a.closest('[data-testid]') || a).getAttribute('data-testid') + ' ' + a.getAttribute('href') + ' ' +
         (a.closest('[data-testid]') || a).innerHTML.slice(0, 300));
  const images = [...main.querySelectorAll('img')].map(i => i.src).filter(s => /evil|attacker/.test(s));
  const red = main.querySelectorAll('.stMarkdownColoredText, .stMarkdownColoredBackground').length;
  const bold = [...main.querySelectorAll('svg text, svg tspan')].filter(
      e => /fet/.test(e.textContent) && /bold|700/.test(e.getAttribute('style') || ''));
  return {links, images, red, bold: bold.length, text: main.innerText.replaceAll('\u2060', '')};
}
"""


@pytest.fixture(scope="module")
def hostile_server(hostile_db: Path, chromium_browser):  # noqa: F811 - the fixture imported above
    """The app served on the hostile database (and its data folder, so the start-up check keeps it)."""
    with StreamlitServer("app.py", db=hostile_db, extra_env={"DASHBOARD_DATA": str(hostile_db.parent / "data")}) as s:
        yield s.url


@pytest.fixture
def page(chromium_browser):
    """A fresh browser context and page; the requests it makes are recorded in page.requested."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    tab = context.new_page()
    tab.requested = []
    tab.on("request", lambda request: tab.requested.append(request.url))
    yield tab
    context.close()


@pytest.mark.parametrize(
    ("url_path", "params"),
    [("Projects", {"q": quote(PHISHING_Q)}), ("Goals", {"goal": "5"}), ("", {}), ("Walkthrough", {"step": "6"})],
    ids=["projects-phishing-link", "goal-5", "overview", "walkthrough"],
)
def test_hostile_text_is_drawn_as_text(page, hostile_server: str, url_path: str, params: dict) -> None:
    page.goto(page_url(hostile_server, url_path, **params), wait_until="commit", timeout=60_000)
    wait_drawn(page, timeout_ms=90_000)
    found = page.evaluate(LIVE_JS)
    assert found["links"] == [] and found["images"] == [], found
    assert found["red"] == 0 and found["bold"] == 0, found
    assert not [u for u in page.requested if urlparse(u).hostname in ("attacker", "evil.example")]
    if url_path == "Projects":
        assert "[Sessionen har gått ut – logga in här](https://evil.example/login)" in found["text"]
        assert ":red[**VARNING**]" in found["text"]
    else:
        assert "[klick](https://evil.example/x)" in found["text"] or HOSTILE in found["text"]
