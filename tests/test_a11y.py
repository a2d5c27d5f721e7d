"""Accessibility (WCAG 2.1 AA) in a real browser: axe-core on every page in normal and presentation mode and on the
editor pages signed in as the local editor (the import page also with a preview of a file's problems), keyboard
focus that reaches the sidebar and shows, and a phone screen without sideways scrolling.

axe-core comes from the PyPI package axe-playwright-python (its bundled axe.min.js). Every violation axe reports,
of any impact, is printed to the test output; the test fails on serious or critical ones.
Without Chromium these tests skip, unless MALBILD_REQUIRE_BROWSER=1 (set in CI), where they fail.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import browser_unavailable

from tests.support.browser import PAGES as BROWSER_PAGES
from tests.support.entries import enter_level

pytestmark = pytest.mark.browser

# The app's own navigation (malbild.ui.registry) as (file, URL path): a missing or renamed page fails, never
# drops out.
PAGES = [(file, path) for file, path, _ in BROWSER_PAGES]
MODES = {"normal": "", "present": "present=1"}
BLOCKING = ("serious", "critical")


def _axe_source() -> str:
    try:
        import axe_playwright_python
    except ImportError:
        browser_unavailable("axe-playwright-python is not installed (pip install -e '.[test]')")
    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def _page(browser, width: int = 1280, height: int = 900):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE")
    return context, context.new_page()


def _open(page, url: str) -> None:
    from tests.support.browser import wait_drawn

    page.goto(url, wait_until="commit", timeout=60_000)
    wait_drawn(page, timeout_ms=90_000)


def _url(base: str, path: str, query: str) -> str:
    return f"{base}{path}" + (f"?{query}" if query else "")


SETTLED_JS = """
() => document.getAnimations().every(a => a.playState !== 'running' && a.playState !== 'pending')
"""


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} element(s)) {v['helpUrl']}")
        for node in v["nodes"][:6]:
            lines.append(
                f"    {' '.join(map(str, node['target']))}: {node.get('failureSummary', '').splitlines()[-1:]}"
            )
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


def _run_axe(page, source: str) -> dict:
    """Inject axe-core and run the WCAG 2.1 A/AA and best-practice rules on the page."""
    page.add_script_tag(content=source)
    return page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations'], "
        "runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )


def _assert_no_blocking(result: dict, label: str) -> None:
    """Print every violation; fail on serious or critical ones."""
    violations = result["violations"]
    print(f"\naxe {label}: {len(violations)} violation(s)")
    print(_describe(violations))
    blocking = [v for v in violations if v["impact"] in BLOCKING]
    assert not blocking, f"{label}:\n" + _describe(blocking)


@pytest.mark.parametrize("mode", list(MODES))
@pytest.mark.parametrize(("file", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_axe_no_serious_violations(chromium_browser, app_server: str, file: str, path: str, mode: str) -> None:
    source = _axe_source()
    context, page = _page(chromium_browser)
    try:
        _open(page, _url(app_server, path, MODES[mode]))
        # Streamlit fades elements in: wait until no animation or transition runs, so axe sees the final colours.
        page.wait_for_function(SETTLED_JS, timeout=30_000, polling=100)
        result = _run_axe(page, source)
    finally:
        context.close()
    _assert_no_blocking(result, f"{file} ({mode})")


# --- the editor pages, signed in as the local editor --------------------------------------------------------------

EDITOR_PASSWORD = "hemligt-lösen-a11y"


@pytest.fixture(scope="module")
def editor_a11y_server(built_db: Path, tmp_path_factory, chromium_browser):
    """The app with a local editor account and one entered figure (so history, restore and the change log show)."""
    from malbild.data.entries.backends import backend_from
    from malbild.data.entries.store import EntriesStore
    from tests.support.browser import editor_app

    folder = tmp_path_factory.mktemp("a11y-editor")
    store = EntriesStore(backend_from(str(folder / "entries.duckdb")), built_db)
    enter_level(store, 1, 2016, 2, "ur årsredovisningen 2016", source_document="Årsredovisning 2016, s. 12")
    with editor_app(folder, built_db, EDITOR_PASSWORD) as running:
        yield running.url


def _sign_in(page, base: str) -> None:
    """Sign in with the local editor account in the sidebar (the session keeps it while links are followed)."""
    _open(page, base)
    page.get_by_text("Logga in som redaktör").click()
    page.get_by_label("Användarnamn").fill("anna")
    page.get_by_label("Lösenord").fill(EDITOR_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_text("Inloggad som anna (redaktör).").wait_for(timeout=30_000)


# A CSV with one good row and one bad (level 4): the import page then shows its preview with the problem.
PREVIEW_CSV = "goal_id,year,level,note,document,lines\n1,2019,3,,ar2018,3894\n2,2019,4,,ar2018,4123\n"


@pytest.mark.parametrize(
    ("link", "ready", "upload"),
    [
        ("Mata in uppgifter", "Uppgiftens historik", False),
        ("Importera ett år", "Ladda upp en Excelfil", False),
        ("Importera ett år", "Ladda upp en Excelfil", True),
        ("Ändringslogg", "Ladda ned", False),
    ],
    ids=["edit", "import", "import-preview", "changes"],
)
def test_axe_editor_pages_no_serious_violations(
    chromium_browser, editor_a11y_server: str, tmp_path: Path, link: str, ready: str, upload: bool
) -> None:
    """The editor pages, signed in as an editor, pass axe as the viewer pages do (serious or critical fail)."""
    from tests.support.browser import wait_drawn

    source = _axe_source()
    context, page = _page(chromium_browser)
    try:
        _sign_in(page, editor_a11y_server)
        page.get_by_role("link", name=link).click()
        page.get_by_text(ready, exact=False).first.wait_for(timeout=30_000)
        if upload:
            csv = tmp_path / "goal_assessment.csv"
            csv.write_text(PREVIEW_CSV, encoding="utf-8")
            page.locator("input[type=file]").first.set_input_files(str(csv))
            page.wait_for_function(
                "() => document.body.innerText.includes('level: 4 är inte tillåtet')", timeout=30_000, polling=200
            )
        wait_drawn(page, timeout_ms=90_000)
        page.wait_for_function(SETTLED_JS, timeout=30_000, polling=100)
        result = _run_axe(page, source)
    finally:
        context.close()
    _assert_no_blocking(result, link)


FOCUS_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const cs = getComputedStyle(el);
  const sidebar = !!el.closest('[data-testid="stSidebar"]');
  const text = (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 40);
  return {tag: el.tagName, role: el.getAttribute('role'), text,
          sidebar, link: el.tagName === 'A',
          widget: ['INPUT', 'BUTTON'].includes(el.tagName) || !!el.getAttribute('role'),
          outline: cs.outlineStyle, outlineWidth: parseFloat(cs.outlineWidth), boxShadow: cs.boxShadow};
}
"""


def test_keyboard_reaches_sidebar_with_visible_focus(chromium_browser, app_server: str) -> None:
    context, page = _page(chromium_browser)
    seen = []
    try:
        _open(page, app_server)
        for _ in range(40):
            page.keyboard.press("Tab")
            info = page.evaluate(FOCUS_JS)
            if info:
                seen.append(info)
    finally:
        context.close()
    print(json.dumps(seen, ensure_ascii=False, indent=1))
    links = [s for s in seen if s["sidebar"] and s["link"]]
    widgets = [s for s in seen if s["sidebar"] and s["widget"] and not s["link"]]
    assert len(links) >= 5, "Tab reaches the sidebar's page links"
    assert widgets, "Tab reaches the sidebar's widgets (language, presentation mode)"
    invisible = [s for s in seen if s["outline"] == "none" or s["outlineWidth"] < 2]
    assert not invisible, f"focus not visible on: {invisible}"


TEXT_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const small = [];
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const text = node.textContent.trim();
    const el = node.parentElement;
    const r = el.getBoundingClientRect();
    if (!text || !r.width || getComputedStyle(el).visibility === 'hidden') continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < (el.closest('svg') ? 10 : 14)) small.push(text.slice(0, 40) + ' @' + size + 'px');
  }
  const wide = [];
  for (const el of main.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > innerWidth + 1 && !el.closest('.mb-scroll, [data-testid="stDataFrame"], .js-plotly-plot'))
      wide.push((el.dataset.testid || el.tagName) + ' ' + Math.round(r.right));
  }
  return {doc: document.scrollingElement.scrollWidth, main: main.scrollWidth, small, wide: wide.slice(0, 10)};
}
"""


@pytest.mark.parametrize(
    ("file", "path"),
    [(f, dict(PAGES)[f]) for f in ("pages/0_Overview.py", "pages/1_Goals.py")],
    ids=["pages/0_Overview.py", "pages/1_Goals.py"],
)
def test_phone_no_sideways_scroll_and_readable(chromium_browser, app_server: str, file: str, path: str) -> None:
    context, page = _page(chromium_browser, 390, 844)
    try:
        _open(page, _url(app_server, path, ""))
        result = page.evaluate(TEXT_JS)
    finally:
        context.close()
    print(file, result)
    assert result["doc"] <= 390 + 1, result
    assert result["main"] <= 390 + 1, result
    assert not result["small"], f"text too small to read on a phone: {result['small'][:10]}"
