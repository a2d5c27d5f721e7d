"""malbild.markup: HTML is written one way (Jinja2 templates, autoescaped), and every template shows text as text."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import duckdb
import pandas as pd
import pytest
from conftest import edit_csv
from page_helpers import Shown

from malbild.data.build import build
from malbild.export.snapshot import build_snapshot
from malbild.markup import ENV, escape
from malbild.paths import REPO_ROOT
from malbild.ui import blocks
from malbild.views.base import Metric

# Markup, a Markdown link to a script, a spreadsheet formula, quotes and a right-to-left override.
HOSTILE = (
    '<script>alert(1)</script> <b>fet</b> [x](javascript:alert(1)) =HYPERLINK("http://evil.example") '
    "'a' \"q\" Evil\u202efdp.exe"
)
SHOWN = HOSTILE.replace("\u202e", "[U+202E]")  # what a reader sees: the same text, the override written out


def _statement_lines() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": [2018],
            "line_order": [1],
            "line": [HOSTILE],
            "line_en": [HOSTILE],
            "section": [HOSTILE],
            "kind": ["line"],
            "amount_tkr": [5.0],
            "budget_tkr": [None],
            "basis": ["stated"],
        }
    )


def _grid() -> pd.DataFrame:
    return pd.DataFrame(
        {"goal_id": [1], "name_sv": [HOSTILE], "year": [2018], "level": [2], "basis": ["stated"], "note": [HOSTILE]}
    )


def _verdicts() -> list:
    verdict = SimpleNamespace(label=HOSTILE, outcome=HOSTILE, entered=True, wording=HOSTILE, source_lines="12")
    return [SimpleNamespace(heading=HOSTILE, verdicts=[verdict])]


# Each template with a block that renders it from hostile text (the snapshot's templates: test below).
PROBES = {
    "metrics.html": lambda: blocks.metrics_html([Metric(HOSTILE, HOSTILE, "+1 " + HOSTILE, help=HOSTILE)]),
    "pairs.html": lambda: (
        blocks.pairs_html([(HOSTILE, HOSTILE)])
        + blocks.labelled_blocks_html([(HOSTILE, blocks.paragraph_html(HOSTILE))], kind="x")
    ),
    "sections.html": lambda: blocks.sections_html([(HOSTILE, blocks.paragraphs_html([HOSTILE]))]),
    "paragraphs.html": lambda: blocks.paragraphs_html([HOSTILE]) + blocks.quote_html([HOSTILE], lang="sv"),
    "paragraph.html": lambda: blocks.paragraph_html(HOSTILE, em=True),
    "table.html": lambda: blocks.table_html(pd.DataFrame({HOSTILE: [HOSTILE]}), label=HOSTILE, lang="sv"),
    "details.html": lambda: blocks.details_html(HOSTILE, blocks.note_html(HOSTILE)),
    "passage.html": lambda: blocks.passage_html([(12, HOSTILE)], HOSTILE),
    "note.html": lambda: blocks.note_html(HOSTILE),
    "verdicts.html": lambda: blocks.verdicts_html(_verdicts(), blocks.note_html, HOSTILE, HOSTILE, HOSTILE),
    "goal_grid.html": lambda: blocks.grid_html(_grid(), progress=(HOSTILE, {1: HOSTILE}), lang="sv"),
    "statement.html": lambda: blocks.statement_html(_statement_lines(), "balance", lang="sv"),
    "fit.html": lambda: blocks.fit_html(blocks.note_html(HOSTILE)),
}
SNAPSHOT_TEMPLATES = {"snapshot/page.html", "snapshot/parts.html", "snapshot/style.css"}


def _shown_as_text(body: str) -> None:
    """The hostile text is read as written (nothing live, the override written out), in text and attributes."""
    shown = Shown([body])
    live = [
        (tag, attrs)
        for tag, attrs in shown.tags
        if tag in ("script", "b")
        or (tag == "a" and not attrs.get("href", "").startswith("#"))
        or (tag == "img" and not attrs.get("src", "").startswith("data:image/svg+xml;base64,"))
    ]
    assert not live, "markup made live"
    assert "\u202e" not in body
    texts = [" ".join(e.text_content().split(" ")) for e in shown.elements] + [
        value for _, attrs in shown.tags for value in attrs.values()
    ]
    assert any(SHOWN in text for text in texts), "the text shown as written"


def test_every_template_has_a_probe() -> None:
    assert set(ENV.list_templates()) == set(PROBES) | SNAPSHOT_TEMPLATES


@pytest.mark.parametrize("template", sorted(PROBES))
def test_every_template_shows_hostile_text_as_text(template: str) -> None:
    _shown_as_text(PROBES[template]())


def test_the_snapshot_shows_hostile_text_as_text(data_copy: Path, tmp_path: Path) -> None:
    def hostile_name(rows):
        rows[0]["name_sv"] = HOSTILE
        return rows

    edit_csv(data_copy / "goal.csv", hostile_name)
    db = tmp_path / "x.duckdb"
    build(db, data_copy)
    with duckdb.connect(str(db), read_only=True) as con:
        page = build_snapshot(con, "sv", charts=False)
    _shown_as_text(page)
    assert not Shown([page]).by_tag("script"), "the snapshot holds no script at all"


def test_a_rendered_block_is_placed_as_it_is_and_text_never_is() -> None:
    inner = blocks.note_html("x")
    outer = blocks.details_html("s", inner)
    assert inner in outer, "a block made here is placed unescaped"
    assert escape("<b>") == "&lt;b&gt;" and escape(None) == "" and escape("a\u200bb") == "a[U+200B]b"


def test_html_is_written_one_way() -> None:
    # No hand-written escaping anywhere in the app: every HTML block is a template in malbild/markup/templates.
    setup = REPO_ROOT / "malbild" / "markup" / "__init__.py"
    found = [
        f"{path.relative_to(REPO_ROOT)}:{n}"
        for folder in ("malbild", "pages")
        for path in sorted((REPO_ROOT / folder).rglob("*.py"))
        if path != setup
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"html\.escape|def esc\b|def _e\b", line)
    ]
    assert found == []
