"""Issue 18: every page in the pseudo-language (texts about 40 % longer, tests/support/pseudo_locale.py) in Chromium
at 1440×900: no text is cut off (an element, or its box inside one that hides overflow, wider or taller than the room
it is given: a tab, a button, a key-figure card, a label)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.browser import PAGES, StreamlitServer, page_url, wait_drawn, wait_settled
from tests.support.pseudo_locale import CODE, LOCALE_DIRS_ENV, write_pseudo_catalogue

pytestmark = pytest.mark.browser

# Each element with its own text (⟦…⟧ from the pseudo catalogue) whose text does not fit where overflow is hidden:
# its own box (text-overflow: ellipsis, overflow: hidden) or an ancestor's box that hides overflow.
CLIPPED_JS = """
() => {
  const hides = (s, axis) => ['hidden', 'clip'].includes(axis === 'x' ? s.overflowX : s.overflowY);
  const out = [];
  for (const el of document.querySelectorAll('[data-testid="stApp"] *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.includes('⟦'));
    if (!own) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;  // not shown (a closed expander, another tab)
    const s = getComputedStyle(el);
    let cut = (el.scrollWidth > el.clientWidth + 1 && (hides(s, 'x') || s.textOverflow === 'ellipsis'))
      || (el.scrollHeight > el.clientHeight + 1 && hides(s, 'y'));
    for (let a = el.parentElement, depth = 0; a && !cut && depth < 6; a = a.parentElement, depth += 1) {
      const as = getComputedStyle(a);
      const ar = a.getBoundingClientRect();
      if (as.position === 'fixed') break;
      cut = (hides(as, 'x') && (r.right > ar.right + 1 || r.left < ar.left - 1))
        || (hides(as, 'y') && (r.bottom > ar.bottom + 1 || r.top < ar.top - 1));
    }
    if (cut) {
      const id = el.closest('[data-testid]');
      out.push(`${id ? id.dataset.testid : ''} <${el.tagName.toLowerCase()}> ${el.textContent.trim().slice(0, 70)}`);
    }
  }
  return out;
}
"""


@pytest.fixture(scope="module")
def pseudo_server(built_db: Path, chromium_browser, tmp_path_factory):
    """The app served with the pseudo catalogue found through $MALBILD_LOCALE_DIRS."""
    locale = write_pseudo_catalogue(tmp_path_factory.mktemp("locale"))
    with StreamlitServer("app.py", db=built_db, extra_env={LOCALE_DIRS_ENV: str(locale)}) as running:
        yield running.url


@pytest.mark.parametrize(("file", "url_path", "title_key"), PAGES, ids=[p[0] for p in PAGES])
def test_no_text_is_cut_off_in_the_longer_pseudo_language(
    chromium_browser, pseudo_server: str, file: str, url_path: str, title_key: str
) -> None:
    context = chromium_browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        page.goto(page_url(pseudo_server, url_path, lang=CODE), wait_until="commit", timeout=60_000)
        wait_drawn(page, timeout_ms=90_000)
        wait_settled(page)
        assert page.evaluate("document.documentElement.lang") == CODE
        assert "⟦" in page.locator('[data-testid="stMain"]').inner_text()
        assert page.evaluate(CLIPPED_JS) == []
    finally:
        context.close()


def test_the_check_finds_a_text_cut_off(chromium_browser, pseudo_server: str) -> None:
    """The check itself: a heading squeezed into 60 px with its overflow hidden is reported."""
    context = chromium_browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        page.goto(page_url(pseudo_server, "", lang=CODE), wait_until="commit", timeout=60_000)
        wait_drawn(page, timeout_ms=90_000)
        assert page.evaluate(CLIPPED_JS) == []
        page.add_style_tag(content="h1 { width: 60px; overflow: hidden; white-space: nowrap; }")
        assert any("<h1>" in cut or "<span>" in cut for cut in page.evaluate(CLIPPED_JS))
    finally:
        context.close()
