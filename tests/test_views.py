"""One view per subject, rendered by every renderer: the page, the walk-through, the deck and the snapshot.

Each subject's view is built once from the database; then the page (AppTest), the walk-through page (AppTest),
the deck (python-pptx; chart pictures stubbed, so no browser is needed) and the snapshot (HTML, tables only)
must all show that view's own texts and figures. A renderer that queried or labelled on its own would drift.
"""

from __future__ import annotations

import html
import io
from datetime import date

import pytest
from page_helpers import shown_metrics
from pptx import Presentation

from malbild.export import deck as deck_module
from malbild.export.deck import build_deck
from malbild.export.snapshot import build_snapshot
from malbild.views.base import StepView, reader
from malbild.views.finance import finance_view
from malbild.views.goal import goal_view
from malbild.views.overview import level_counts_view, overview_view
from malbild.views.personnel import personnel_view
from malbild.views.projects import ProjectFilters, project_choices, projects_view
from malbild.views.sources import sources_view
from malbild.views.steps import finance_step, goal_step, overview_step, personnel_step, projects_step
from malbild.views.walkthrough import walkthrough_steps

TODAY = date(2026, 11, 27)
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def views(built_db):
    """Every subject's view, built once from the bundled data (Swedish)."""
    import duckdb

    con = duckdb.connect(str(built_db), read_only=True)
    q = reader(con)
    try:
        yield {
            "overview": overview_view(q, lang="sv"),
            "levels": level_counts_view(q, lang="sv"),
            "goal": goal_view(q, 5, lang="sv"),
            "projects": projects_view(q, project_choices(q, lang="sv"), ProjectFilters(), lang="sv"),
            "personnel": personnel_view(q, lang="sv"),
            "finance": finance_view(q, lang="sv"),
            "sources": sources_view(q, lang="sv"),
            "steps": {s.key: i for i, s in enumerate(walkthrough_steps(q), start=1)},
            "step": {
                "overview": overview_step(q, lang="sv"),
                "goal_5": goal_step(q, 5, lang="sv"),
                "projects": projects_step(q, lang="sv"),
                "personnel": personnel_step(q, lang="sv"),
                "finance": finance_step(q, lang="sv"),
            },
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def exports(built_db):
    """The deck's slide texts and the snapshot's HTML, built from the same database."""
    import duckdb

    con = duckdb.connect(str(built_db), read_only=True)
    saved = deck_module.render_images
    deck_module.render_images = lambda figs, **_: [PNG for _ in figs]  # the pictures are not under test here
    try:
        deck = Presentation(io.BytesIO(build_deck(con, "sv", TODAY)))
        snapshot = build_snapshot(con, "sv", TODAY, charts=False)
    finally:
        deck_module.render_images = saved
        con.close()
    slides = ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in deck.slides]
    return slides, snapshot


def _page_text(at) -> str:
    """Everything an AppTest page shows as text: headings, markdown, captions, metrics, HTML, tables."""
    parts = [
        e.value
        for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning")
        for e in getattr(at, kind)
    ]
    parts += [f"{m.label}\n{m.value}\n{m.delta or ''}" for m in shown_metrics(at)]
    parts += [h.proto.body for h in at.get("html")]
    parts += [d.value.to_string() for d in at.dataframe]
    parts += [str(e.proto) for e in at.get("table")]
    return "\n".join(parts)


def _walkthrough(open_page, step: int) -> str:
    """The walk-through page at one step, as text."""
    return _page_text(open_page("pages/6_Walkthrough.py", step=str(step)))


def _shows_step(text: str, step: StepView) -> None:
    """The step's message and key figures are all in the text (as plain text or escaped HTML)."""
    for part in [step.message, *(v for pair in step.key_figures for v in pair)]:
        assert part in text or html.escape(part) in text, part


def _slide(slides: list[str], views, key: str) -> str:
    """The deck's slide of a walk-through step."""
    return slides[views["steps"][key]]


def test_overview(views, exports, open_page) -> None:
    view = views["overview"]
    slides, snapshot = exports
    page = _page_text(open_page("app.py"))
    for metric in [*views["levels"].metrics, *view.funding.metrics, view.finance, *view.personnel]:
        assert metric.label in page and metric.value in page
    step = views["step"]["overview"]
    _shows_step(_walkthrough(open_page, views["steps"]["overview"]), step)
    _shows_step(_slide(slides, views, "overview"), step)
    for value in view.funding.foot + list(view.count_table.iloc[:, 1]):
        assert html.escape(value) in snapshot


def test_goal(views, exports, open_page) -> None:
    view = views["goal"]
    slides, snapshot = exports
    page = _page_text(open_page("pages/1_Goals.py", goal="5"))
    assert view.title in page and view.level.value in page and view.projects_total in page
    for text in view.texts.values():
        assert text is not None and text.paragraphs[0] in page and html.escape(text.paragraphs[0]) in snapshot
    step = views["step"]["goal_5"]
    assert (view.level.label, view.level.value) == step.key_figures[0]  # the page's level is the step's
    assert view.year_source_lines == step.source_lines
    _shows_step(_walkthrough(open_page, views["steps"]["goal_5"]), step)
    _shows_step(_slide(slides, views, "goal_5"), step)
    section = snapshot.split('id="goal-5"')[1].split("</section>")[0]
    assert html.escape(view.title) in section and html.escape(view.level.value) in section
    assert html.escape(view.projects_foot[2]) in section


def test_projects(views, exports, open_page) -> None:
    view = views["projects"]
    slides, snapshot = exports
    page = _page_text(open_page("pages/2_Projects.py"))
    for metric in view.metrics:
        assert metric.label in page and metric.value in page
    assert view.stated is not None and view.stated.message in page
    step = views["step"]["projects"]  # the projects step is the overview's funding of the latest year
    assert step.chart.alt == views["overview"].funding.chart.alt
    assert step.key_figures[:2] == [(m.label, m.value) for m in views["overview"].funding.metrics]
    _shows_step(_walkthrough(open_page, views["steps"]["projects"]), step)
    _shows_step(_slide(slides, views, "projects"), step)
    _shows_step(html.unescape(snapshot.split('id="projects"')[1].split("</section>")[0]), step)


def test_personnel(views, exports, open_page) -> None:
    view = views["personnel"]
    slides, snapshot = exports
    page = _page_text(open_page("pages/3_Personnel.py"))
    for metric in view.staff.metrics + view.health.metrics:
        assert metric.label in page and metric.value in page
    assert view.age is not None and view.age.alt in page
    step = views["step"]["personnel"]
    assert step.alt == view.age.alt  # the step's chart is the page's age structure
    _shows_step(_walkthrough(open_page, views["steps"]["personnel"]), step)
    _shows_step(_slide(slides, views, "personnel"), step)
    _shows_step(html.unescape(snapshot.split('id="personnel"')[1].split("</section>")[0]), step)


def test_finance(views, exports, open_page) -> None:
    view = views["finance"]
    slides, snapshot = exports
    page = _page_text(open_page("pages/4_Finance.py"))
    for metric in view.result:
        assert metric.label in page and metric.value in page
    step = views["step"]["finance"]
    assert step.alt in page and step.alt in [c.alt for c in view.trends]  # the page's liquidity chart
    _shows_step(_walkthrough(open_page, views["steps"]["finance"]), step)
    _shows_step(_slide(slides, views, "finance"), step)
    _shows_step(html.unescape(snapshot.split('id="finance"')[1].split("</section>")[0]), step)


def test_sources(views, exports, open_page) -> None:
    view = views["sources"]
    slides, snapshot = exports
    page = _page_text(open_page("pages/5_Sources.py"))
    for metric in view.bases:
        assert metric.label in page and metric.value in page
    assert view.shown in page
    # The data basis line: under the walk-through's downloads, on the deck's title slide, in the snapshot's header.
    assert view.basis_line in _walkthrough(open_page, 1)
    assert view.basis_line in slides[0]
    assert html.escape(view.basis_line) in snapshot
