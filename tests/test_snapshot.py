"""The self-contained HTML snapshot: nothing fetched from the web, the six goals and their 2018 levels, dated."""

from __future__ import annotations

import base64
import re
from datetime import date

import pandas as pd
import pytest
from conftest import require_chromium
from page_helpers import Shown

from malbild.export.snapshot import build_snapshot
from malbild.paths import DATA_DIR
from malbild.texts.labels import level_label

TODAY = date(2026, 11, 27)
# 2018 level per goal as the report states it (lines 3894, 4123, 4415, 4477, 4715, 4916).
LEVELS_2018 = {1: 2, 2: 2, 3: 2, 4: 3, 5: 1, 6: 2}
# The six TOTALT lines of the project tables: goal -> (projects, kronor).
STATED_TOTALS = {
    1: (11, 13_257_349),
    2: (13, 34_207_224),
    3: (2, 1_010_700),
    4: (3, 4_850_294),
    5: (24, 24_760_387),
    6: (7, 8_119_625),
}  # lines 4118, 4316, 4474, 4623, 4913, 5066
ATTR = re.compile(r"""\b(?:src|href|srcset|poster|data|action|xlink:href)\s*=\s*["']([^"']*)["']""", re.I)
EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.I)


def _csv(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA_DIR / f"{name}.csv")


def _snapshot(db, lang: str = "sv", charts: bool = False) -> str:
    """Build the snapshot from a database file."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return build_snapshot(con, lang, today=TODAY, charts=charts)
    finally:
        con.close()


@pytest.fixture(scope="module")
def page(built_db) -> str:
    """The Swedish snapshot, tables only (no browser needed)."""
    return _snapshot(built_db)


@pytest.fixture(scope="module")
def charted(built_db) -> str:
    """The Swedish snapshot with its charts drawn by Kaleido in Chromium."""
    require_chromium()
    return _snapshot(built_db, charts=True)


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ")


def _assert_self_contained(page: str) -> None:
    """Nothing in the page, nor in its embedded SVG charts, refers to anything outside the file."""
    refs = ATTR.findall(page)
    assert refs, "expected anchors and images"
    assert [r for r in refs if EXTERNAL.match(r)] == []
    assert all(r.startswith(("#", "data:image/svg+xml;base64,")) for r in refs), refs
    assert "<script" not in page.lower() and "<link" not in page.lower() and "@import" not in page
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", page)
    for data in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', page):
        svg = base64.b64decode(data).decode("utf-8")
        assert [r for r in ATTR.findall(svg) if EXTERNAL.match(r)] == []
        assert "@import" not in svg and not re.search(r"url\(\s*['\"]?(?:https?:)?//", svg)


def test_nothing_is_fetched_from_the_web(page):
    _assert_self_contained(page)


@pytest.mark.browser
def test_nothing_is_fetched_from_the_web_with_charts(charted):
    assert charted.count('src="data:image/svg+xml;base64,') == 7
    _assert_self_contained(charted)


def test_dated_swedish_page(page):
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="sv">' in page
    assert "Ögonblicksbild skapad 2026-11-27 ur Årsredovisning 2018" in page
    assert '<time datetime="2026-11-27">' in page


def test_six_goals_with_their_2018_levels(page):
    goals = _csv("goal")
    assert len(goals) == 6
    text = _plain(page)
    assert text.count('<h2 id="goal-') == 6
    for row in goals.itertuples():
        assert f'<h2 id="goal-{row.goal_id}-h">Mål {row.goal_id}: {row.name_sv}</h2>' in text
        label = level_label(LEVELS_2018[row.goal_id], "sv", short=False)
        section = text.split(f'id="goal-{row.goal_id}"')[1].split("</section>")[0]
        assert f"Nivå 2018: {label}" in section
        assert "Delmål" in section and "Utfall 2018" in section and "Rekommendationer" in section


def test_projects_tables_carry_the_stated_totals(page):
    text = _plain(page)
    for goal_id, (_, amount) in STATED_TOTALS.items():
        section = text.split(f'id="goal-{goal_id}"')[1].split("</section>")[0]
        kronor = f"{amount:,}".replace(",", " ") + " kr"
        foot = Shown([section]).by_tag("tfoot")[0]
        assert [cell.text_content() for cell in foot.iter("th", "td")][:3] == ["Totalt", "", kronor]
    assert "86 205 579 kr" in text  # their sum; line 2906 rounds it to "86 miljoner kr"


def test_tables_only_snapshot_says_the_charts_are_missing(page):
    assert "<img" not in page
    assert "Diagrammen kunde inte ritas när filen skapades; tabellerna innehåller samma uppgifter." in page
    assert page.count("<table") >= 1 + 1 + 1 + 6 * 3


def test_snapshot_falls_back_to_tables_when_charts_cannot_be_drawn(built_db, page, monkeypatch):
    import malbild.export.snapshot as snapshot
    from malbild.export.deck import RenderError

    def broken(*args, **kwargs):
        raise RenderError("rendering 7 chart(s) failed: no browser")

    monkeypatch.setattr(snapshot, "render_images", broken)
    fallback = _snapshot(built_db, charts=True)
    assert "<img" not in fallback
    assert "Diagrammen kunde inte ritas när filen skapades; tabellerna innehåller samma uppgifter." in fallback
    assert fallback == page, "the same tables as a snapshot made without charts"


@pytest.mark.browser
def test_every_chart_has_alt_text_and_a_table(charted):
    images = re.findall(r"<img [^>]*>", charted)
    # The funding overview and one per goal: every goal had projects granted in 2018 (the six TOTALT lines).
    assert len(images) == 1 + len(STATED_TOTALS)
    alts = [re.search(r'alt="([^"]{20,})"', img)[1] for img in images]
    assert len(set(alts)) == len(alts), "each chart has its own text alternative"
    assert "Diagrammen kunde inte ritas" not in charted
    assert charted.count("<table") >= 1 + 1 + 1 + 6 * 3


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
def test_opens_offline_in_chromium(charted, tmp_path, chromium_browser):
    target = tmp_path / "malbild-oversikt.html"
    target.write_text(charted, encoding="utf-8")
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
        assert len(widths) == 1 + len(STATED_TOTALS) and all(w > 0 for w in widths), widths
        assert tab.evaluate("document.documentElement.lang") == "sv"
    finally:
        context.close()
    assert blocked == []
    assert errors == []


def test_command_line_writes_the_snapshot(built_db, tmp_path, monkeypatch, capsys):
    from malbild.export.snapshot import main

    monkeypatch.setenv("DASHBOARD_DB", str(built_db))
    target = tmp_path / "out" / "oversikt.html"
    assert main(["--output", str(target), "--no-charts", "--lang", "en"]) == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and '<html lang="en">' in text and "<img" not in text
    assert "Goal 5: Place-based business development" in text
    out = capsys.readouterr().out
    assert out.startswith(f"wrote {target}: ") and " KiB in " in out


def test_command_line_needs_an_output(capsys):
    from malbild.export.snapshot import main

    with pytest.raises(SystemExit) as exit_:
        main([])
    assert exit_.value.code == 2 and "--output" in capsys.readouterr().err
