"""Views shared by every session (malbild/views/cache.py, malbild/ui/cached.py): built once, handed out as copies.

What one session does with its view never reaches another; a chart sent from the cache is the same JSON as the
figure itself; a saved entry or a rebuilt database makes a new view at the next run of every session.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from malbild.data.entries.backends import backend_from
from malbild.data.entries.store import EntriesStore
from malbild.ui import store as data_store
from malbild.views.base import reader
from malbild.views.cache import PrebuiltFigure, Uncacheable, ViewCache, cached_view, figure_json, freeze
from malbild.views.goal import goal_view
from malbild.views.overview import overview_view
from malbild.views.projects import ProjectFilters, project_choices, projects_view
from tests.support.entries import enter_level


def test_what_one_session_changes_in_its_view_the_next_session_does_not_get(con) -> None:
    cache = ViewCache()
    q = reader(con)
    first = cached_view(cache, "data", overview_view, q, "sv", False)
    untouched = overview_view(q, "sv", False)
    # A session scribbles on everything it was given.
    first.grid.iloc[0] = first.grid.iloc[-1]
    first.grid["extra"] = 1
    first.funding.chart.data.iloc[0] = first.funding.chart.data.iloc[-1]
    first.years.append(1900)
    first.changes.append("ändrad")
    first.funding.metrics.append(first.finance)
    first.funding.chart.figure.to_dict()["layout"]["title"] = "ändrad"
    second = cached_view(cache, "data", overview_view, q, "sv", False)
    assert len(cache) == 1
    pd.testing.assert_frame_equal(second.grid, untouched.grid)
    pd.testing.assert_frame_equal(second.funding.chart.data, untouched.funding.chart.data)
    assert second.years == untouched.years and second.changes == untouched.changes
    assert second.funding.metrics == untouched.funding.metrics
    assert second.funding.chart.figure.to_json() == figure_json(untouched.funding.chart.figure)


def test_projects_view_copies_keep_their_own_tables(con) -> None:
    cache = ViewCache()
    q = reader(con)
    choices = cached_view(cache, "data", project_choices, q, "sv")
    filters = ProjectFilters([5], [], choices.bounds, None)
    first = cached_view(cache, "data", projects_view, q, choices, filters, "sv", False)
    untouched = projects_view(q, project_choices(q, "sv"), filters, "sv", False)
    assert len(first.rows) > 0
    first.rows.loc[:, "project"] = "overwritten"  # every row's project name written over in this copy
    first.table.iloc[0] = first.table.iloc[-1]
    choices.owners.clear()
    same_choices = cached_view(cache, "data", project_choices, q, "sv")
    assert same_choices.owners  # the shared choices kept their owners
    # The same key as `first` (equal choices, filters, language, mode): served from the cache, not built again.
    again = cached_view(cache, "data", projects_view, q, same_choices, filters, "sv", False)
    assert len(cache) == 2
    pd.testing.assert_frame_equal(again.rows, untouched.rows)
    pd.testing.assert_frame_equal(again.table, untouched.table)


def test_the_key_holds_every_argument_and_the_data() -> None:
    cache = ViewCache()
    calls: list[tuple] = []

    def build(q, *args, **kw):
        calls.append((q, args, tuple(sorted(kw.items()))))
        return {"args": list(args)}

    for data, args, kw in [
        ("rev1", ("sv", False), {}),
        ("rev1", ("en", False), {}),
        ("rev1", ("sv", True), {}),
        ("rev1", ("sv", False), {"count_year": 2017}),
        ("rev2", ("sv", False), {}),
        ("rev1", ("sv", False), {}),  # the first again: from the cache
        ("rev1", (ProjectFilters([1], [], (0, 10)),), {}),
        ("rev1", (ProjectFilters([2], [], (0, 10)),), {}),
        ("rev1", (ProjectFilters([2], [], (0, 10)),), {}),  # again: from the cache
    ]:
        cached_view(cache, data, build, None, *args, **kw)
    assert len(calls) == 7
    assert freeze([1, 2]) != freeze((1, 2)) and freeze({"a": 1, "b": 2}) != freeze({"b": 2, "a": 1})


def test_arguments_without_a_stable_value_are_built_for_the_caller_alone() -> None:
    cache = ViewCache()
    frame = pd.DataFrame({"a": [1]})
    with pytest.raises(Uncacheable):
        freeze(frame)
    built = cached_view(cache, "data", lambda q, f: f, None, frame)
    assert built is frame and len(cache) == 0


def test_simultaneous_sessions_build_a_view_once() -> None:
    cache = ViewCache()
    calls: list[int] = []

    def build() -> dict:
        calls.append(1)
        time.sleep(0.2)
        return {"n": [1, 2, 3]}

    results: list[dict] = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("k", build))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and len(results) == 8
    assert len({id(r["n"]) for r in results}) == 8  # each got its own list


def test_the_cache_keeps_at_most_max_entries() -> None:
    cache = ViewCache(max_entries=3)
    for i in range(10):
        cache.get(i, lambda i=i: [i])
    assert len(cache) == 3
    assert cache.get(9, lambda: ["rebuilt"]) == [9]
    assert cache.get(0, lambda: ["rebuilt"]) == ["rebuilt"]


def _drawn(fig):
    """The plotly_chart element a page draws for a figure, as the browser receives it."""
    from streamlit.testing.v1 import AppTest

    def script(figure) -> None:
        import streamlit as st

        from malbild.charts.style import plotly_config

        st.plotly_chart(figure, config=plotly_config(False), alt="Alt", key="k", theme=None)
        st.plotly_chart(figure, config=plotly_config(True), alt="Alt", theme=None)

    app = AppTest.from_function(script, args=(fig,))
    app.run()
    assert not app.exception
    return [(e.proto.spec, e.proto.config, e.proto.theme, e.proto.id, e.proto.alt) for e in app.get("plotly_chart")]


def test_a_prebuilt_figure_sends_exactly_the_figures_json(con) -> None:
    view = goal_view(reader(con), 5, "sv", False)
    for chart in (view.levels, view.projects, view.funding_vs_level):
        real = chart.draw()
        assert _drawn(PrebuiltFigure(figure_json(real))) == _drawn(real)


def test_a_page_from_the_cache_draws_what_an_uncached_page_draws(open_page, built_db: Path) -> None:
    from malbild.ui.cached import VIEWS

    VIEWS.clear()
    first = open_page("pages/1_Goals.py", goal="5")
    assert [key[2] for key in VIEWS._views].count("goal_view") == 1
    second = open_page("pages/1_Goals.py", goal="5")
    with duckdb.connect(str(built_db), read_only=True) as con:
        view = goal_view(reader(con), 5, "sv", False)
        # the projects chart sits in a lazy tab (a table shows at load), so the page draws these two
        expected = [figure_json(c.draw()) for c in (view.levels, view.funding_vs_level)]
    for app in (first, second):
        assert [el.proto.spec for el in app.get("plotly_chart")] == expected


def _level_cell(app) -> str:
    """Goal 1's first-year cell in the overview's grid."""
    grid = next(h.proto.body for h in app.get("html") if "mb-grid" in h.proto.body)
    return grid.split("<tr>")[1 + 1].split("<td")[1]


def test_a_saved_entry_reaches_the_next_run_of_a_session_holding_a_cached_view(
    open_page, built_db: Path, tmp_path: Path
) -> None:
    from malbild.ui.cached import VIEWS

    VIEWS.clear()
    data_store._REVISION.clear()
    other = open_page()  # a viewer's session: its view is now in the cache
    other.run()  # its second run (the year control now holds a year: the level counts' key, not the overview's)
    assert "inmatat" not in _level_cell(other.run())
    assert sum(key[2] == "overview_view" for key in VIEWS._views) == 1
    store = EntriesStore(backend_from(str(tmp_path / "entries.duckdb")), built_db)
    enter_level(store, 1, 2016, 2, "inmatad i test", source_document="Årsredovisning 2016, s. 30")
    data_store.entries_changed()  # what the editor's page does after saving, in this process
    other.run()
    assert "inmatat" in _level_cell(other)


def test_a_rebuilt_database_file_is_a_new_data_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "d.duckdb"
    db.write_bytes(b"one")
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    monkeypatch.setattr(data_store, "entries_revision", lambda: 0)
    before = data_store.data_key()
    replacement = tmp_path / "new.duckdb"
    replacement.write_bytes(b"second")
    os.replace(replacement, db)
    assert data_store.data_key() != before


@pytest.mark.parametrize(
    ("page", "builder"),
    [
        ("pages/2_Projects.py", "projects_blocks"),
        ("pages/3_Personnel.py", "personnel_blocks"),
        ("pages/4_Finance.py", "finance_blocks"),
    ],
)
def test_a_pages_text_blocks_are_built_once_for_every_session(open_page, page: str, builder: str) -> None:
    """Issue 22's capacity: the chart texts, key-figure rows, tables and source passages of these pages are the same
    for every viewer of a language and mode, so a second session gets them from the cache, not built again."""
    from malbild.ui.cached import VIEWS

    VIEWS.clear()
    first = open_page(page)
    second = open_page(page)
    assert [key[2] for key in VIEWS._views].count(builder) == 1
    bodies = [[h.proto.body for h in app.get("html") if "<style>" not in h.proto.body] for app in (first, second)]
    assert bodies[0] == bodies[1] and len(bodies[0]) >= 3


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("app.py", {}),
        ("pages/1_Goals.py", {"goal": "5"}),
        ("pages/4_Finance.py", {}),
        ("pages/6_Walkthrough.py", {"step": "1"}),
    ],
)
def test_a_second_session_renders_no_chart_text_source_passage_or_verdict_again(
    open_page, monkeypatch: pytest.MonkeyPatch, page: str, params: dict[str, str]
) -> None:
    """Issue 22's capacity: a chart's text block (its text alternative, its data as a table, its source and note),
    every folded source passage and the report's quoted verdicts are the same for every viewer of a language and
    mode, so a new session takes them from the cache instead of rendering them again; what it shows is what the
    first session showed."""
    from malbild.ui import widgets
    from malbild.ui.cached import TEXTS, VIEWS

    VIEWS.clear()
    TEXTS.clear()
    first = open_page(page, **params)
    rendered: list[str] = []
    for name in ("table_html", "passage_html", "verdicts_html"):
        original = getattr(widgets, name)
        monkeypatch.setattr(widgets, name, lambda *a, _f=original, _n=name, **k: rendered.append(_n) or _f(*a, **k))
    second = open_page(page, **params)
    assert rendered == []
    bodies = [[h.proto.body for h in app.get("html")] for app in (first, second)]
    assert bodies[0] == bodies[1] and any("<table" in body for body in bodies[1])


@pytest.mark.parametrize(
    "html", ["<p>a</p>", "\n    <div>\n      <p>a</p>\n    </div>\n  ", "  <pre>  x\n y</pre> ", "", "  \n "]
)
def test_a_shared_html_block_is_shown_exactly_as_the_same_plain_string(html: str) -> None:
    """st.html dedents and strips a plain string on every call; a SharedHtml did it once and shows the same text."""
    from streamlit.string_util import clean_text

    from malbild.ui.cached import SharedHtml, shared_html

    block = shared_html(html)
    assert isinstance(block, SharedHtml) and block == html
    assert block._repr_html_() == clean_text(html)
