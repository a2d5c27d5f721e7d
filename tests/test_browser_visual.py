"""What a person sees, checked in Chromium on every page and walk-through step at 1440×900, 1280×720 (presentation
mode) and 390×844: no text of a Plotly chart outside the chart's box (cut), no trace with data drawn invisibly, no
legend entry without a swatch, no tick labels running into each other, no metric arrow against its sign, no heading
or metric cut or with a word split over two lines, no sideways scrolling.

All pages and steps at all three sizes in Swedish; in English the pages and three steps at 1280×720 (the same code
draws both languages, so the English subset catches longer words). One browser context per size keeps it quick.
Lazy tabs draw their chart only when opened, so each tab is opened and the screen checked again.
"""

from __future__ import annotations

import pytest

from tests.support.browser import PAGES, page_url, wait_drawn, wait_settled

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1440, 900), "present": (1280, 720), "phone": (390, 844)}
STEPS = 11  # overview, six goals, projects, personnel, finance, verdicts (malbild.views.walkthrough.walkthrough_steps)

# Problems on the page, as sentences; an empty list is a pass.
CHECK_JS = r"""() => {
 const out = [];
 const clear = c => !c || c === 'none' || c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c.replace(/\s/g, ' '));
 const white = c => /^(#fff(fff)?|white|rgba?\(255,\s*255,\s*255(,\s*1)?\))$/i.test((c || '').trim());
 const seen = c => !clear(c) && !white(c);
 const name = (plot, i) => ((plot.layout && plot.layout.title && plot.layout.title.text) || 'chart ' + i);
 document.querySelectorAll('.js-plotly-plot').forEach((plot, i) => {
  const box = plot.querySelector('.main-svg').getBoundingClientRect();
  plot.querySelectorAll('.main-svg text').forEach(el => {
   if (!el.textContent.trim() || el.closest('.hoverlayer')) return;
   const cs = getComputedStyle(el);
   if (cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return;
   const r = el.getBoundingClientRect();
   if (r.width === 0) return;
   if (r.left < box.left - 2 || r.right > box.right + 2 || r.top < box.top - 2 || r.bottom > box.bottom + 2)
    out.push(`${name(plot, i)}: text "${el.textContent.slice(0, 40)}" outside the chart`);
  });
  (plot._fullData || []).forEach(tr => {
   if (tr.visible !== true) return;
   const n = Math.max((tr.x || []).length, (tr.y || []).length);
   if (!n) return;
   const colors = c => (Array.isArray(c) ? c : [c]);
   let ok = false;
   if (tr.type === 'bar') {
    const m = tr.marker || {}, p = m.pattern || {};
    const shaped = colors(p.shape).some(s => s);
    if (shaped && p.fillmode !== 'overlay')
     ok = colors(p.bgcolor).some(seen) || colors(p.fgcolor || m.color).some(seen);
    else ok = colors(m.color).some(seen);
   } else {
    const mode = tr.mode || '';
    if (mode.includes('lines') && tr.line && tr.line.width > 0 && seen(tr.line.color)) ok = true;
    if (mode.includes('markers') && tr.marker && (colors(tr.marker.color).some(seen) ||
        (tr.marker.line && tr.marker.line.width > 0 && colors(tr.marker.line.color).some(seen)))) ok = true;
    if (mode === 'text') ok = true;
    if (!['scatter', 'bar'].includes(tr.type)) ok = true;
   }
   if (!ok) out.push(`${name(plot, i)}: trace "${tr.name}" has data but no visible colour`);
  });
  // Tick labels of one axis must not run into each other (two-line project labels did at 1280×720).
  plot.querySelectorAll('.xaxislayer-above, .yaxislayer-above').forEach(layer => {
   const boxes = [...layer.querySelectorAll('text')].filter(el => el.textContent.trim())
    .map(el => [el, el.getBoundingClientRect()]).filter(([, r]) => r.width > 0);
   for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) {
    const [ea, ra] = boxes[a], [eb, rb] = boxes[b];
    if (ra.left < rb.right - 1 && rb.left < ra.right - 1 && ra.top < rb.bottom - 1 && rb.top < ra.bottom - 1) {
     out.push(`${name(plot, i)}: labels "${ea.textContent.slice(0, 30)}" and "${eb.textContent.slice(0, 30)}" overlap`);
     return;
    }
   }
  });
  plot.querySelectorAll('.legend .traces').forEach(item => {
   const marks = [...item.querySelectorAll('.legendpoints path, .legendlines path, .legendsymbols path')];
   const visible = marks.some(m => {
    const cs = getComputedStyle(m);
    let fill = cs.fill;
    if (fill && fill.startsWith('url(')) {
     const id = fill.match(/#([^"')]+)/);
     const pat = id && document.getElementById(id[1]);
     const parts = pat ? [...pat.querySelectorAll('*')].map(e => getComputedStyle(e)) : [];
     return parts.some(p => seen(p.fill) || seen(p.stroke));
    }
    return (m.getAttribute('d') || '') !== '' && (seen(fill) || (seen(cs.stroke) && parseFloat(cs.strokeWidth) > 0));
   });
   if (!visible) out.push(`${name(plot, i)}: legend entry "${item.textContent.slice(0, 40)}" has no swatch`);
  });
 });
 // Streamlit's metrics and the pages' own key-figure cards (malbild.ui.blocks: an arrow span, then the text).
 document.querySelectorAll('[data-testid="stMetricDelta"], .mb-metric .mb-delta').forEach(d => {
  const text = (d.querySelector('.mb-delta-text') || d).innerText.trim();
  const arrow = (d.querySelector('.mb-arrow') || {}).textContent || '';
  const up = !!d.querySelector('[data-testid="stMetricDeltaIcon-Up"]') || arrow.includes('↑');
  const down = !!d.querySelector('[data-testid="stMetricDeltaIcon-Down"]') || arrow.includes('↓');
  const neg = /^[−-]/.test(text), pos = /^\+/.test(text);
  if ((up && !pos) || (down && !neg)) out.push(`metric delta "${text}" has an arrow against its sign`);
  if ((up || down) && /^[+±−-]?\s*0+([.,]0+)?(?![\d.,])/.test(text))
   out.push(`metric delta "${text}" has an arrow for no change`);
 });
 // Headings and metrics: never cut ('Målet har i lite…'), never a word split over two lines ('näringslivsutveckl|ing').
 const words = '[data-testid="stMain"] :is(h1, h2, h3, [data-testid="stMetricValue"], [data-testid="stMetricLabel"], ' +
  '.mb-metric dt, .mb-metric .mb-value)';
 document.querySelectorAll(words).forEach(el => {
  if (!el.getClientRects().length) return;
  const what = el.textContent.trim().slice(0, 40);
  for (const e of [el, ...el.querySelectorAll('*')])
   if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible') {
    out.push(`"${what}" is cut`); return; }
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
   for (const m of n.textContent.matchAll(/[^\s\-–—/]+/g)) {
    const range = document.createRange();
    range.setStart(n, m.index); range.setEnd(n, m.index + m[0].length);
    const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
    if (tops.size > 1) { out.push(`"${what}": the word "${m[0]}" is split over two lines`); return; }
   }
  }
 });
 const main = document.querySelector('[data-testid="stMain"]');
 if (document.documentElement.scrollWidth > window.innerWidth + 1 || (main && main.scrollWidth > main.clientWidth + 1))
  out.push('the page scrolls sideways');
 return out;
}"""


def _urls() -> list[tuple[str, str, str]]:
    """(size, lang, url path with query) for every page and walk-through step checked."""
    pages = [p[1] for p in PAGES if p[1] != "Walkthrough"]
    steps = [f"Walkthrough?step={n}" for n in range(1, STEPS + 1)]
    out = [(size, "sv", path) for size in SIZES for path in pages + steps]
    out += [
        ("present", "en", path) for path in pages + ["Walkthrough?step=1", "Walkthrough?step=2", "Walkthrough?step=7"]
    ]
    return out


@pytest.fixture(scope="module")
def contexts(chromium_browser):
    """One browser context and page per size, shared by the module's tests."""
    opened = {}
    for size, (width, height) in SIZES.items():
        context = chromium_browser.new_context(viewport={"width": width, "height": height}, locale="sv-SE")
        opened[size] = (context, context.new_page())
    yield {size: page for size, (_, page) in opened.items()}
    for context, _ in opened.values():
        context.close()


@pytest.mark.parametrize(
    ("size", "lang", "path"), _urls(), ids=[f"{s}-{lang}-{p or 'Overview'}" for s, lang, p in _urls()]
)
def test_screen_shows_every_mark_and_cuts_no_text(contexts, app_server: str, size: str, lang: str, path: str) -> None:
    page = contexts[size]
    base, _, query = path.partition("?")
    params = dict(kv.split("=") for kv in query.split("&") if kv)
    params["lang"] = lang
    if size == "present":
        params["present"] = "1"
    page.goto(page_url(app_server, base, **params), wait_until="commit", timeout=60_000)
    wait_drawn(page, timeout_ms=90_000)
    wait_settled(page)  # Plotly's automargin redraw done
    problems = page.evaluate(CHECK_JS)
    assert problems == [], problems


# Pages whose charts sit in lazy tabs (only the open tab's chart is drawn): each other tab is opened and checked.
TAB_PAGES = ("Goals?goal=5", "Projects", "Personnel", "Finance")  # goal 5: two adjacent gap years


def _tab_urls() -> list:
    """(size, lang, page) for every page with lazy tabs, at every size; English in presentation mode."""
    out = [(size, "sv", path) for size in SIZES for path in TAB_PAGES] + [("present", "en", p) for p in TAB_PAGES]
    return [pytest.param(*u) for u in out]


@pytest.mark.parametrize(
    ("size", "lang", "path"), _tab_urls(), ids=[f"{p.values[0]}-{p.values[1]}-{p.values[2]}" for p in _tab_urls()]
)
def test_every_tab_shows_every_mark_and_cuts_no_text(
    contexts, app_server: str, size: str, lang: str, path: str
) -> None:
    page = contexts[size]
    base, _, query = path.partition("?")
    params = dict(kv.split("=") for kv in query.split("&") if kv) | {"lang": lang}
    if size == "present":
        params["present"] = "1"
    page.goto(page_url(app_server, base, **params), wait_until="commit", timeout=60_000)
    wait_drawn(page, timeout_ms=90_000)
    assert page.locator('[data-testid="stMain"] [data-testid="stTab"]').count() >= 2, "the page has its chart tabs"
    problems = _check_every_tab(page)
    assert problems == [], problems


# The i-th panel of the g-th tab group is open and holds a drawn Plotly chart.
OPEN_TAB_DRAWN_JS = """([g, i]) => {
 const group = document.querySelectorAll('[data-testid="stMain"] [data-testid="stTabs"]')[g];
 const panel = group && group.querySelectorAll('[data-testid="stTabPanel"]')[i];
 return !!(panel && panel.getClientRects().length && panel.querySelector('.js-plotly-plot .main-svg'));
}"""


def _check_every_tab(page) -> list[str]:
    """Open each tab not yet open (lazy tabs draw their chart only then) and check the screen again; the problems."""
    problems = []
    groups = page.locator('[data-testid="stMain"] [data-testid="stTabs"]')
    for g in range(groups.count()):
        tabs = groups.nth(g).locator('[data-testid="stTab"]')
        for i in range(tabs.count()):
            tab = tabs.nth(i)
            if tab.get_attribute("aria-selected") == "true":
                continue
            label = tab.inner_text().strip()
            tab.click()
            page.wait_for_function(OPEN_TAB_DRAWN_JS, arg=[g, i], timeout=90_000, polling=50)
            wait_drawn(page, timeout_ms=90_000)
            wait_settled(page)  # Plotly's automargin redraw done
            problems += [f"tab {label!r}: {problem}" for problem in page.evaluate(CHECK_JS)]
    return problems


def test_the_checks_see_a_broken_chart(contexts, app_server: str) -> None:
    """The checker itself: an invisible hatched bar, a cut label, a wrong arrow and a wide page are all reported."""
    page = contexts["desktop"]
    page.goto(page_url(app_server, "Finance", lang="sv"), wait_until="commit", timeout=60_000)
    wait_drawn(page, timeout_ms=90_000)
    page.evaluate(
        """() => { for (const plot of document.querySelectorAll('.js-plotly-plot')) {
          const bar = (plot._fullData || []).find(tr => tr.type === 'bar');
          if (bar) { bar.marker.pattern = {shape: '/', fillmode: 'replace', fgcolor: 'white'}; return true; } }
          return false; }"""
    )
    page.evaluate(
        """() => { const t = document.querySelector('.js-plotly-plot .main-svg text');
        t.setAttribute('x', '-400');
        const d = document.querySelector('[data-testid="stMain"]');
        const wide = document.createElement('div'); wide.style.width = '5000px'; wide.style.height = '1px';
        const block = d.querySelector('[data-testid="stMainBlockContainer"]'); block.appendChild(wide);
        const cut = document.createElement('h3'); cut.textContent = 'Målet har i liten grad uppnåtts';
        cut.style.cssText = 'width: 60px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis';
        const split = document.createElement('h2'); split.textContent = 'näringslivsutveckling';
        split.style.cssText = 'width: 90px; overflow-wrap: anywhere';
        block.append(cut, split); }"""
    )
    problems = " | ".join(page.evaluate(CHECK_JS))
    assert "no visible colour" in problems and "outside the chart" in problems and "scrolls sideways" in problems
    assert '"Målet har i liten grad uppnåtts" is cut' in problems and 'the word "näringslivsutveckling"' in problems


# The overview's goal × year grid on a phone: per goal, the name, the newest year's level and the change, each inside
# the screen's width (the desktop table put 2018 and the change off-screen in a sideways-scrolling box).
GRID_ON_SCREEN_JS = r"""() => {
 const table = [...document.querySelectorAll('table.mb-grid')].find(t => t.querySelector('caption'));
 if (!table) return {rows: 0, newest: 0, problems: ['no goal grid']};
 const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
 const years = heads.map(h => (/^\d{4}$/.test(h) ? Number(h) : 0));
 const newest = Math.max(...years), at = years.indexOf(newest), change = heads.length - 1;
 const rows = [...table.querySelectorAll('tbody tr')], problems = [];
 for (const row of rows) {
  const cells = [...row.children];
  for (const [i, what] of [[0, 'goal'], [at, String(newest)], [change, 'change']]) {
   const r = cells[i].getBoundingClientRect();
   if (r.width === 0 || r.left < 0 || r.right > window.innerWidth)
    problems.push(`${cells[0].textContent.trim().slice(0, 8)}: ${what} at x ${Math.round(r.left)}`);
  }
 }
 const box = table.closest('.mb-scroll');
 if (box && box.scrollWidth > box.clientWidth + 1) problems.push('the grid scrolls sideways');
 return {rows: rows.length, newest, problems};
}"""


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_phone_shows_each_goals_newest_year_and_change_without_sideways_scrolling(
    contexts, app_server: str, lang: str
) -> None:
    page = contexts["phone"]
    page.goto(page_url(app_server, "", lang=lang), wait_until="commit", timeout=60_000)
    wait_drawn(page, timeout_ms=90_000)
    seen = page.evaluate(GRID_ON_SCREEN_JS)
    assert (seen["rows"], seen["newest"]) == (6, 2018)  # six goals; the report's year (line 1: Årsredovisning 2018)
    assert seen["problems"] == [], seen["problems"]
    # The cards are still a table to a screen reader: Chromium's accessibility tree keeps the roles.
    cdp = page.context.new_cdp_session(page)
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    roles = []
    for selector in ("table.mb-goals", "table.mb-goals tbody tr", "table.mb-goals tbody th", "table.mb-goals td"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        ax = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node, "fetchRelatives": False})["nodes"]
        roles.append(ax[0]["role"]["value"])
    cdp.detach()
    assert roles == ["table", "row", "rowheader", "cell"]


VERDICTS_ON_SCREEN_JS = """() => {
 const quotes = [...document.querySelectorAll('.mb-verdicts .mb-vd-quote')];
 const grid = document.querySelector('table.mb-grid, table.mb-goals');
 const cut = quotes.filter(q => { const r = q.getBoundingClientRect();
   return r.bottom > window.innerHeight || r.right > window.innerWidth || r.left < 0
     || q.scrollWidth > q.clientWidth + 1; });
 return {quotes: quotes.length, cut: cut.map(q => q.innerText.slice(0, 40)),
         gridTop: grid ? grid.getBoundingClientRect().top : null, height: window.innerHeight};
}"""


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_reports_verdicts_are_on_the_overviews_first_screen(contexts, app_server: str, size: str, lang: str):
    """The region's verdict (lines 699-707) and the auditors' two on the results (8489, 8491) stand whole on the first
    screen; on a desktop screen the goal grid starts on it too."""
    page = contexts[size]
    params = {"lang": lang, **({"present": "1"} if size == "present" else {})}
    page.goto(page_url(app_server, "", **params), wait_until="commit", timeout=60_000)
    wait_drawn(page, timeout_ms=90_000)
    seen = page.evaluate(VERDICTS_ON_SCREEN_JS)
    assert seen["quotes"] == 3 and seen["cut"] == [], seen
    if size != "phone":
        assert seen["gridTop"] is not None and seen["gridTop"] < seen["height"], seen
