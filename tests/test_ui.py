"""Page chrome (malbild.ui) as a user meets it: links keep language and presentation mode, presentation mode restyles
the page and can be left, the URL's ?lang= and ?present= are read as documented, and the start-up states of the
database (missing, current, stale, kept, no stored checksum) each end as they must."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from conftest import edit_csv
from page_helpers import blocks, folded, shown_metrics

from malbild.data.build import build, data_checksum, stored_checksum
from malbild.texts import t
from malbild.ui.registry import PAGES as ALL_PAGES
from malbild.ui.registry import navigation

PAGES = [(page.file, page.title_key) for page in navigation(editor=False)]  # the pages a viewer's sidebar lists

PRESENT_MARKERS = ("html { font-size: 22px !important; }", '[data-testid="stSidebar"]')


def sidebar_links(at) -> list[tuple[str, str]]:
    """The sidebar's page links as (label, query string)."""
    return [(el.proto.label, el.proto.query_string) for el in at.sidebar.get("page_link")]


def styles(at) -> str:
    """Every <style> block the page sent."""
    return "".join(h.proto.body for h in at.get("html") if "<style>" in h.proto.body)


def presenting(at) -> bool:
    """True when the page carries the presentation-mode styling: 22 px type and a hidden sidebar."""
    css = styles(at)
    hidden = any('[data-testid="stSidebar"]' in block and "display: none" in block for block in css.split("}"))
    return "html { font-size: 22px !important; }" in css and hidden


def notices(at) -> list[str]:
    """The texts of the page's info boxes."""
    return [el.value for el in at.info]


# --- the navigation is the one list of pages --------------------------------------------------------------------


def test_navigation_lists_exactly_the_page_files() -> None:
    """Every page file is in the navigation: the pages everyone sees, then the editors' pages."""
    from malbild.paths import REPO_ROOT
    from tests.support.browser import PAGES as BROWSER_PAGES

    files = [page.file for page in ALL_PAGES]
    assert files[0] == "pages/0_Overview.py" and len(set(files)) == len(files)
    assert [page.editor for page in ALL_PAGES] == sorted(page.editor for page in ALL_PAGES), "editor pages come last"
    editor_pages = {page.file for page in ALL_PAGES if page.editor}
    assert editor_pages == {"pages/7_Edit.py", "pages/8_Import.py", "pages/9_Changes.py"}
    assert len({page.url_path for page in ALL_PAGES}) == len(ALL_PAGES)
    assert [f for f in files if not (REPO_ROOT / f).is_file()] == [], "a page in the navigation has no file"
    on_disk = sorted(f"pages/{p.name}" for p in (REPO_ROOT / "pages").glob("*.py"))
    assert sorted(files) == on_disk, "a page file is missing from the navigation"
    # The browser tests, the accessibility tests and the benchmark take their pages from here.
    assert [(f, k) for f, _, k in BROWSER_PAGES] == list(PAGES)
    assert [p for _, p, _ in BROWSER_PAGES] == [
        "",
        "Goals",
        "Projects",
        "Personnel",
        "Finance",
        "Sources",
        "Walkthrough",
    ]


# --- links keep language and presentation mode -------------------------------------------------------------------


def test_sidebar_lists_every_page_in_navigation_order(open_page) -> None:
    at = open_page("app.py")
    assert [label for label, _ in sidebar_links(at)] == [t(key, "sv") for _, key in PAGES]
    assert all(query == "" for _, query in sidebar_links(at)), "Swedish, not presenting: nothing to carry"


@pytest.mark.parametrize(
    ("params", "carried"),
    [
        ({"lang": "en"}, "lang=en"),
        ({"present": "1"}, "present=1"),
        ({"lang": "en", "present": "1"}, "lang=en&present=1"),
    ],
)
def test_page_links_carry_language_and_presentation_mode(open_page, params, carried) -> None:
    at = open_page("pages/2_Projects.py", **params)
    links = sidebar_links(at)
    assert len(links) == len(PAGES)
    assert all(query == carried for _, query in links), links


def test_overview_links_in_the_page_carry_the_language(open_page) -> None:
    at = open_page("app.py", lang="en")
    main_links = [el for el in at.main.get("page_link")]
    assert len(main_links) == 5  # goals, projects, finance, personnel, sources
    assert {el.proto.query_string for el in main_links} == {"lang=en"}
    assert "Goals?goal=5&lang=en" in [a.get("href") for a in blocks(at).by_tag("a")]


# --- presentation mode ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["1", "true", "yes", "on", "TRUE", "On"])
def test_present_parameter_turns_presentation_mode_on(open_page, value: str) -> None:
    at = open_page("app.py", present=value)
    assert presenting(at)
    assert at.button(key="present_exit").label == f"✕ {t('present_exit', 'sv')}"
    assert at.toggle(key="present_widget").value is True


@pytest.mark.parametrize("value", ["0", "false", "no", "off", "", "presentation"])
def test_other_present_values_leave_it_off(open_page, value: str) -> None:
    at = open_page("app.py", present=value)
    assert not presenting(at)
    assert not [b for b in at.button if b.key == "present_exit"]


def test_normal_mode_has_no_presentation_styling(open_page) -> None:
    at = open_page("pages/4_Finance.py")
    assert not presenting(at)
    assert "outline: 3px solid #0b5fff" in styles(at), "the base styling (visible focus) is always there"


def test_presentation_toggle_turns_it_on_and_exit_turns_it_off(open_page) -> None:
    at = open_page("pages/3_Personnel.py")
    at.toggle(key="present_widget").set_value(True).run()
    assert presenting(at)
    assert at.query_params["present"] == "1"
    assert {query for _, query in sidebar_links(at)} == {"present=1"}
    at.button(key="present_exit").click().run()
    assert not presenting(at)
    assert "present" not in at.query_params
    assert at.toggle(key="present_widget").value is False


def test_presentation_mode_hides_chart_tables_and_sources(open_page) -> None:
    normal, shown = open_page("pages/4_Finance.py"), open_page("pages/4_Finance.py", present="1")
    label = t("chart_data_table", "sv")
    assert label in folded(normal)
    assert label not in folded(shown)
    assert len(shown.get("plotly_chart")) == len(normal.get("plotly_chart")) > 0


# --- language ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["de", "EN", "english", "", "sv"])
def test_unknown_language_falls_back_to_swedish(open_page, value: str) -> None:
    at = open_page("app.py", lang=value)
    assert at.title[0].value == "Regionplanens sex mål – hur går det?"
    assert [label for label, _ in sidebar_links(at)][0] == "Översikt"
    assert "lang" not in at.query_params, "an unsupported ?lang= is dropped from the URL"


@pytest.mark.parametrize(
    ("page", "title_sv", "title_en"),
    [
        (
            "pages/0_Overview.py",
            "Regionplanens sex mål – hur går det?",
            "The Regional Plan's six goals – how are they doing?",
        ),
        ("pages/1_Goals.py", "Mål 1: ", "Goal 1: "),
        ("pages/5_Sources.py", None, None),
        ("pages/6_Walkthrough.py", None, None),
    ],
)
def test_language_switch_redraws_the_page(open_page, page: str, title_sv: str | None, title_en: str | None) -> None:
    at = open_page(page)
    key = dict(PAGES)[page]
    assert [label for label, _ in sidebar_links(at)][1] == "Mål"
    swedish = at.title[0].value
    if title_sv:
        assert swedish.startswith(title_sv)
    at.button_group(key="lang_widget").set_value("en").run()
    assert not at.exception
    assert at.query_params["lang"] == "en"
    assert [label for label, _ in sidebar_links(at)][1] == "Goals"
    assert {query for _, query in sidebar_links(at)} == {"lang=en"}
    english = at.title[0].value
    assert english != swedish
    if title_en:
        assert english.startswith(title_en)
    # and back: Swedish again, the parameter gone
    at.button_group(key="lang_widget").set_value("sv").run()
    assert at.title[0].value == swedish and "lang" not in at.query_params
    assert t(key, "sv") in [label for label, _ in sidebar_links(at)]


# --- start-up states of the database ------------------------------------------------------------------------------


def _headcount_2018(at) -> str:
    """The overview's 'employees at year end 2018' figure."""
    return {m.label: m.value for m in shown_metrics(at)}["Medarbetare vid årets slut 2018"]


def _change_headcount(data: Path, value: str) -> None:
    """Change the 2018 year-end headcount (all employees) in a data folder."""

    def change(rows):
        hits = [r for r in rows if r["metric"] == "headcount" and r["year"] == "2018" and r["grp"] == "all"]
        assert len(hits) == 1
        hits[0]["value"] = value
        return rows

    edit_csv(data / "hr_metric.csv", change)


def _enter_level(data: Path) -> None:
    """A level entered by staff: goal 1 in 2017."""

    def change(rows):
        for row in rows:
            if row["goal_id"] == "1" and row["year"] == "2017":
                row.update(level="2", basis="entered", note="entered in a test")
        return rows

    edit_csv(data / "goal_assessment.csv", change)


def test_missing_database_is_built_at_start(data_copy: Path, tmp_path: Path, open_page_on) -> None:
    db = tmp_path / "new" / "fresh.duckdb"
    db.parent.mkdir()
    at = open_page_on(db, data_copy)
    assert db.exists() and stored_checksum(db) == data_checksum(data_copy)
    assert _headcount_2018(at) == "110"  # line 5268: 110 (104)
    assert not notices(at)


def test_stale_database_is_rebuilt_from_changed_data(data_copy: Path, tmp_path: Path, open_page_on) -> None:
    db = tmp_path / "stale.duckdb"
    build(db, data_copy)
    _change_headcount(data_copy, "111")
    at = open_page_on(db, data_copy)
    assert _headcount_2018(at) == "111", "the page shows the changed data, not the stale database"
    assert stored_checksum(db) == data_checksum(data_copy)
    assert not notices(at)


def test_database_without_stored_checksum_is_never_replaced(data_copy: Path, tmp_path: Path, open_page_on) -> None:
    # A file with no build checksum was not built by malbild.data.build: it may hold anything, so it is left as it is
    # (issue 9) and the page says in a plain sentence that the figures cannot be shown.
    db = tmp_path / "nosum.duckdb"
    build(db, data_copy)
    with duckdb.connect(str(db)) as con:
        con.execute("DELETE FROM src.build_info WHERE key = 'checksum'")
    before = db.read_bytes()
    at = open_page_on(db, data_copy)
    assert stored_checksum(db) is None and db.read_bytes() == before
    assert [el.value for el in at.error] == [t("db_unavailable", "sv", reason=t("db_reason_unreadable", "sv"))]
    assert not at.exception


def test_database_with_entered_rows_is_kept_and_says_so(data_copy: Path, tmp_path: Path, open_page_on) -> None:
    _enter_level(data_copy)
    db = tmp_path / "kept.duckdb"
    build(db, data_copy)
    before = stored_checksum(db)
    _change_headcount(data_copy, "111")
    at = open_page_on(db, data_copy)
    assert notices(at) == [t("db_kept", "sv")]
    assert _headcount_2018(at) == "110", "the kept database is shown as it is"
    assert stored_checksum(db) == before != data_checksum(data_copy)
    english = open_page_on(db, data_copy, page="pages/4_Finance.py", lang="en")
    assert notices(english) == [t("db_kept", "en")]


def test_current_database_is_used_as_it_is(data_copy: Path, tmp_path: Path, open_page_on) -> None:
    db = tmp_path / "current.duckdb"
    build(db, data_copy)
    stamp = db.stat().st_mtime_ns
    at = open_page_on(db, data_copy)
    assert db.stat().st_mtime_ns == stamp, "a current database is not rebuilt"
    assert _headcount_2018(at) == "110" and not notices(at)


# --- lazy tabs: only the open tab is drawn ---------------------------------------------------------------------------


def _lazy_tabs_app(labels: list[str]) -> None:
    """A page with one lazy tab group: each tab writes its own label."""
    from functools import partial

    import streamlit as st

    from malbild.ui.widgets import lazy_tabs

    lazy_tabs("demo_tab", {label: partial(st.markdown, f"drawn {label}") for label in labels})


def test_lazy_tabs_draw_only_the_open_tab() -> None:
    from page_helpers import lazy_tabs
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_lazy_tabs_app, args=(["A", "B", "C"],)).run()
    assert lazy_tabs(at) == {"demo_tab": ["A", "B", "C"]}
    assert [m.value for m in at.markdown] == ["drawn A"]
    at.session_state["demo_tab"] = "C"
    assert [m.value for m in at.run().markdown] == ["drawn C"]
    one = AppTest.from_function(_lazy_tabs_app, args=(["A"],)).run()
    assert lazy_tabs(one) == {} and [m.value for m in one.markdown] == ["drawn A"], "one tab needs no tab bar"
