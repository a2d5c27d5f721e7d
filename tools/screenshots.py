"""Screenshots of every page at 1440×900, 1280×720 (presentation mode) and 390×844, in Swedish and English.

    python tools/screenshots.py [--out build/screenshots] [--scroll 3] [PAGE ...]

Serves the app from this checkout on a free loopback port, opens each page in Debian's Chromium (`$MALBILD_CHROMIUM`
or /usr/bin/chromium), waits until it is fully drawn and writes `<page>-<lang>-<size>.png`, plus up to `--scroll`
further screens scrolled down (`…-s1.png`). Prints one line per screenshot and flags pages with an exception box
or a sideways scroll. `make screenshots` runs it; look at every picture before you call a page done.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import loadgen  # noqa: E402

from malbild.paths import CHROMIUM_ARGS, chromium_path  # noqa: E402

REPO = loadgen.REPO
PAGES = ["", "Goals?goal=5", "Projects", "Personnel", "Finance", "Sources", "Walkthrough?step=1"]
SIZES = {"desktop": (1440, 900), "present": (1280, 720), "phone": (390, 844)}
DRAWN_JS = """() => { const app = document.querySelector('[data-testid="stApp"]'); if (!app) return false;
 if (document.querySelector('[data-testid="stException"]')) return 'exception';
 if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
 const main = document.querySelector('[data-testid="stMainBlockContainer"]');
 if (!main || !main.querySelector('[data-testid="stElementContainer"]')) return false;
 if (main.querySelector('[data-stale="true"]') || main.querySelector('[data-testid="stSkeleton"]')) return false;
 const charts = main.querySelectorAll('[data-testid="stPlotlyChart"]'); let d = 0;
 for (const c of charts) { if (c.querySelector('.js-plotly-plot .main-svg')) d += 1; }
 return d === charts.length ? 'drawn' : false; }"""
SCROLL_JS = """() => { const c = [...document.querySelectorAll(
 '[data-testid="stMain"], [data-testid="stAppViewContainer"], section')]
 .find(e => e.scrollHeight > e.clientHeight + 5); if (!c) return false; const before = c.scrollTop;
 c.scrollTop = before + c.clientHeight * 0.9; return c.scrollTop > before; }"""
SIDEWAYS_JS = "() => document.documentElement.scrollWidth > window.innerWidth + 1"


def chromium() -> str:
    """Debian's Chromium, or the one $MALBILD_CHROMIUM names."""
    path = chromium_path()
    if path is None:
        raise SystemExit("screenshots: Chromium not found (apt-get install chromium, or set MALBILD_CHROMIUM)")
    return path


def url_for(base: str, page: str, lang: str, size: str) -> str:
    """The page's URL with language and, for the presentation size, presentation mode."""
    sep = "&" if "?" in page else "?"
    return f"{base}/{page}{sep}lang={lang}" + ("&present=1" if size == "present" else "")


def shoot(base: str, pages: list[str], out: Path, scroll: int) -> list[str]:
    """Take every screenshot; return the problems seen."""
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium(), args=list(CHROMIUM_ARGS))
        for page_path in pages:
            for lang in ("sv", "en"):
                for size, (width, height) in SIZES.items():
                    context = browser.new_context(viewport={"width": width, "height": height})
                    page = context.new_page()
                    page.goto(url_for(base, page_path, lang, size))
                    state = page.wait_for_function(DRAWN_JS, timeout=90_000).json_value()
                    page.wait_for_timeout(600)  # let Plotly finish its transitions before the picture
                    name = f"{(page_path.split('?')[0] or 'Overview')}-{lang}-{size}"
                    page.screenshot(path=str(out / f"{name}.png"))
                    flags = []
                    if state == "exception":
                        flags.append("EXCEPTION")
                    if page.evaluate(SIDEWAYS_JS):
                        flags.append("scrolls sideways")
                    for i in range(1, scroll + 1):
                        if not page.evaluate(SCROLL_JS):
                            break
                        page.wait_for_timeout(300)
                        page.screenshot(path=str(out / f"{name}-s{i}.png"))
                    print(f"{name}.png {' '.join(flags)}".rstrip(), flush=True)
                    problems += [f"{name}: {flag}" for flag in flags]
                    context.close()
        browser.close()
    return problems


def main(argv: list[str] | None = None) -> int:
    """Command line: serve the app, take the screenshots, report problems."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "build" / "screenshots")
    parser.add_argument("--scroll", type=int, default=3, help="further screens per page, scrolled down")
    parser.add_argument("pages", nargs="*", default=PAGES)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    server = loadgen.Server(REPO / "app.py", REPO)
    try:
        problems = shoot(server.url, args.pages, args.out, args.scroll)
    finally:
        server.stop()
    print(f"{args.out}: {'no problems seen by the checks' if not problems else '; '.join(problems)}")
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
