"""Every page in a real browser: Streamlit served on loopback, Debian's Chromium driven by Playwright.

A page passes when it is fully drawn (the script finished, every Plotly chart has its SVG, nothing is
stale or still loading), shows no exception box, and has its title and a heading. The pages are the app's own
navigation (malbild.ui.registry, as tests.support.browser.PAGES): a missing or renamed page
fails here.

Without Chromium these tests skip, unless MALBILD_REQUIRE_BROWSER=1 (set in CI), where they fail.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from malbild.texts import t
from tests.support.browser import PAGES, page_url, wait_drawn

pytestmark = pytest.mark.browser

VARIANTS = {"sv": {}, "en": {"lang": "en"}, "present": {"present": "1"}}


@pytest.fixture(scope="session")
def browser(chromium_browser):
    """The session's Chromium (see conftest)."""
    return chromium_browser


@pytest.fixture
def page(browser):
    """A fresh browser context (no cookies, no session) and page for each test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    yield context.new_page()
    context.close()


# How often the page asked for Streamlit's Plotly module: preload links in the head, and downloads of the file.
PLOTLY_CODE_JS = """() => ({
  preloaded: document.querySelectorAll('link[rel="modulepreload"][href*="/PlotlyChart."]').length,
  fetched: performance.getEntriesByType('resource').filter(e => /\\/PlotlyChart\\.[^/]*\\.js$/.test(e.name)).length,
})"""


def _open(page, url: str) -> int:
    """Open a URL and wait until it is fully drawn; return the number of Plotly charts."""
    page.goto(url, wait_until="commit", timeout=60_000)
    return wait_drawn(page, timeout_ms=90_000)


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize(("file", "url_path", "title_key"), PAGES, ids=[p[0] for p in PAGES])
def test_page_draws_without_errors(
    page, app_server: str, open_page, file: str, url_path: str, title_key: str, variant: str
) -> None:
    params = VARIANTS[variant]
    lang = params.get("lang", "sv")
    charts = _open(page, page_url(app_server, url_path, **params))

    assert page.locator('[data-testid="stException"]').count() == 0
    plotly = page.locator('[data-testid="stPlotlyChart"]')
    # The browser draws every chart the page script sends (the same script run in AppTest); every page but Sources
    # (a table of figures and the report's text) has charts.
    expected = len(open_page(file, **params).get("plotly_chart"))
    assert charts == plotly.count() == expected, (charts, plotly.count(), expected)
    assert expected > 0 or file == "pages/5_Sources.py"
    for i in range(charts):
        assert plotly.nth(i).locator(".main-svg").count() >= 1, f"chart {i} of {file} not drawn"
    assert page.title() == f"{t(title_key, lang)} · Målbild"
    heading = page.locator("h1").first
    assert heading.is_visible()
    assert heading.inner_text().strip()
    assert page.evaluate("document.documentElement.lang") == lang
    # A page with charts has the browser fetch Plotly's code as it starts (malbild/ui/head.js), by the address
    # Streamlit then imports it from: fetched once, not twice. A page without charts does not fetch it at all.
    plotly_code = page.evaluate(PLOTLY_CODE_JS)
    assert plotly_code == {"preloaded": int(expected > 0), "fetched": int(expected > 0)}, (file, plotly_code)
    sidebar = page.locator('[data-testid="stSidebar"]')
    if variant == "present":
        assert not sidebar.is_visible(), "presentation mode must hide the sidebar"
    else:
        # The sidebar's own navigation lists every page, in the session's language.
        links = sidebar.locator('[data-testid="stPageLink"]')
        assert links.count() == len(PAGES)
        assert t(title_key, lang) in [links.nth(i).inner_text().strip() for i in range(links.count())]


# Whether the element a person sees at the centre of an element's box is that element (or inside it): what
# document.elementFromPoint finds there is what the room sees and what a click reaches.
SEEN_AT_CENTRE_JS = """(el) => {
  const r = el.getBoundingClientRect();
  if (!r.width || !r.height) return 'no box';
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  if (!hit) return 'nothing at the centre';
  if (hit === el || el.contains(hit)) return 'seen';
  return 'covered by ' + hit.tagName.toLowerCase() + (hit.dataset.testid ? '[' + hit.dataset.testid + ']' : '') +
    (hit.closest('[data-testid]') ? ' in ' + hit.closest('[data-testid]').dataset.testid : '');
}"""


@pytest.mark.parametrize("url_path", ["", "Walkthrough", "Goals"], ids=["Overview", "Walkthrough", "Goals"])
def test_presentation_mode_shows_the_title_and_the_exit_button_uncovered(page, app_server: str, url_path: str) -> None:
    """At 1280×720 in presentation mode Streamlit's header is hidden, and the page title and the exit button are what
    is seen (and clicked) at their centres: no band of the header laid over them."""
    page.set_viewport_size({"width": 1280, "height": 720})
    _open(page, page_url(app_server, url_path, present="1"))
    header = page.locator('[data-testid="stHeader"]')
    assert header.count() == 0 or not header.is_visible(), "presentation mode must hide Streamlit's header"
    title = page.locator('[data-testid="stMain"] h1').first
    exit_button = page.get_by_role("button", name=f"✕ {t('present_exit', 'sv')}")
    for name, element in (("title", title), ("exit button", exit_button)):
        assert element.is_visible(), name
        assert element.evaluate(SEEN_AT_CENTRE_JS) == "seen", name


def test_goal_deep_link_shows_goal_5(page, app_server: str) -> None:
    _open(page, page_url(app_server, "Goals", goal="5"))
    assert page.locator("h1").first.inner_text().strip().startswith(t("goal_n", "sv", n=5) + ":")
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "goal=5" in page.url


def test_goal_deep_link_keeps_language(page, app_server: str) -> None:
    _open(page, page_url(app_server, "Goals", goal="5", lang="en"))
    assert page.locator("h1").first.inner_text().strip().startswith(t("goal_n", "en", n=5) + ":")
    assert page.title() == f"{t('page_goals', 'en')} · Målbild"


def test_table_toolbar_offers_no_second_csv_download(page, app_server: str) -> None:
    """Issue 21 item 6: the page's own downloads are the only ones; Streamlit's table toolbar (shown on hover) has
    no "Download as CSV" (a comma-separated file Swedish Excel opens as one column), its other tools stay."""
    _open(page, page_url(app_server, "Projects", lang="en"))
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.hover()
    toolbar = page.locator('[data-testid="stElementToolbar"]').filter(has=page.get_by_role("button", name="Search"))
    toolbar.first.wait_for(state="visible", timeout=30_000)
    assert toolbar.first.get_by_role("button", name="Search").count() == 1  # the toolbar is there
    assert page.get_by_role("button", name="Download as CSV").count() == 0


def test_projects_csv_download_holds_the_filtered_rows(page, app_server: str) -> None:
    _open(page, page_url(app_server, "Projects", goal="5"))
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="CSV (Excel, semikolon)").click()
    text = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Mål nr;Mål;")  # the header on the first line (the filters are in the Excel file)
    assert len(lines) == 25 and all("Platsbaserad näringslivsutveckling" in line for line in lines[1:])
    assert sum(int(line.split(";")[5]) for line in lines[1:]) == 24_760_387  # goal 5's TOTALT, line 4913
