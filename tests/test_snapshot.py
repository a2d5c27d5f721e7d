"""The self-contained HTML snapshot: nothing fetched from the web, the six goals and their 2018 levels, dated."""

from __future__ import annotations

import base64
import os
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from malbild.export.snapshot import build_snapshot
from malbild.paths import DATA_DIR
from malbild.texts.labels import level_label

TODAY = date(2026, 11, 27)
CHROMIUM = Path("/usr/bin/chromium")
HAVE_BROWSER = CHROMIUM.exists() or os.environ.get("MALBILD_REQUIRE_BROWSER") == "1"
ATTR = re.compile(r"""\b(?:src|href|srcset|poster|data|action|xlink:href)\s*=\s*["']([^"']*)["']""", re.I)
EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.I)


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / f"{name}.csv")


@pytest.fixture(scope="module")
def page(built_db) -> str:
    import duckdb

    con = duckdb.connect(str(built_db), read_only=True)
    try:
        return build_snapshot(con, "sv", today=TODAY, charts=HAVE_BROWSER)
    finally:
        con.close()


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def test_nothing_is_fetched_from_the_web(page):
    refs = ATTR.findall(page)
    assert refs, "expected anchors and images"
    assert [r for r in refs if EXTERNAL.match(r)] == []
    assert all(r.startswith(("#", "data:image/svg+xml;base64,")) for r in refs), refs
    assert "<script" not in page.lower() and "<link" not in page.lower() and "@import" not in page
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", page)
    # Inside the embedded SVG charts: no external references either.
    for data in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page):
        svg = base64.b64decode(data).decode("utf-8")
        assert [r for r in ATTR.findall(svg) if EXTERNAL.match(r)] == []
        assert "@import" not in svg and not re.search(r"url\(\s*['\"]?(?:https?:)?//", svg)


def test_dated_swedish_page(page):
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="sv">' in page
    assert "Ögonblicksbild skapad 2026-11-27 ur Årsredovisning 2018" in page
    assert '<time datetime="2026-11-27">' in page


def test_six_goals_with_their_2018_levels(page):
    goals = _csv("goal")
    assessment = _csv("goal_assessment")
    assert len(goals) == 6
    text = _plain(page)
    for row in goals.itertuples():
        assert f'<h2 id="goal-{row.goal_id}-h">Mål {row.goal_id}: {row.name_sv}</h2>' in text
        level = assessment[(assessment["goal_id"] == row.goal_id) & (assessment["year"] == 2018)]["level"].iloc[0]
        label = level_label(level, "sv", short=False)
        section = text.split(f'id="goal-{row.goal_id}"')[1].split("</section>")[0]
        assert f"Nivå 2018: {label}" in section
        assert "Delmål" in section and "Utfall 2018" in section and "Rekommendationer" in section


def test_projects_tables_carry_the_stated_totals(page):
    # TOTALT lines of the six tables (goal_portfolio, granted_amount_sek; source lines 4118 … 5066).
    portfolio = _csv("goal_portfolio")
    totals = portfolio[(portfolio["metric"] == "granted_amount_sek") & portfolio["goal_id"].notna()]
    text = _plain(page)
    for row in totals.itertuples():
        section = text.split(f'id="goal-{int(row.goal_id)}"')[1].split("</section>")[0]
        amount = f"{int(row.value):,}".replace(",", " ") + " kr"
        assert f'<tfoot><tr><th scope="row">Totalt</th><td class="num"></td><td class="num">{amount}</td>' in section
    assert "86 205 579 kr" in text


def test_every_chart_has_alt_text_and_a_table(page):
    images = re.findall(r'<img [^>]*>', page)
    if HAVE_BROWSER:
        assert len(images) == 7  # the funding overview and one per goal
    for img in images:
        assert re.search(r'alt="[^"]{20,}"', img)
    assert page.count("<table") >= 1 + 1 + 1 + 6 * 3


def test_english_snapshot(built_db):
    import duckdb

    con = duckdb.connect(str(built_db), read_only=True)
    try:
        page = build_snapshot(con, "en", today=TODAY, charts=False)
    finally:
        con.close()
    assert '<html lang="en">' in page
    assert "Snapshot created 2026-11-27 from the Annual report 2018" in page
    assert "Goal 5: Place-based business development" in page
    assert '<blockquote lang="sv">' in page  # quoted report texts are marked as Swedish
    assert "<img" not in page and "The charts could not be drawn" in page


@pytest.mark.browser
def test_opens_offline_in_chromium(page, tmp_path, chromium_browser):
    target = tmp_path / "malbild-oversikt.html"
    target.write_text(page, encoding="utf-8")
    blocked: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith("file://") or r.request.url.startswith("data:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.route("**", route)
        tab.goto(target.as_uri(), wait_until="load")
        headings = tab.locator("main h2").all_inner_texts()
        goals = _csv("goal")
        for row in goals.itertuples():
            assert f"Mål {row.goal_id}: {row.name_sv}" in headings
            assert tab.locator(f"#goal-{row.goal_id}-h").is_visible()
        widths = tab.evaluate("[...document.images].map(i => i.complete ? i.naturalWidth : 0)")
        assert widths and all(w > 0 for w in widths), widths
        assert tab.evaluate("document.documentElement.lang") == "sv"
    finally:
        context.close()
    assert blocked == []
    assert errors == []
