"""Issue 18's proof of a third language: a pseudo catalogue 'xx' (every text wrapped and lengthened, see
tests/support/pseudo_locale.py) is found through $MALBILD_LOCALE_DIRS, and every page (viewer and editor pages, every
lazy tab opened), the deck and the snapshot drawn in it show no Swedish or English text from the catalogues outside
⟦…⟧. The report's own data (goal names, quoted passages, line names) may stay as they are."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, require_chromium
from page_helpers import each_tab_opened

from malbild.texts import language, languages, reload_languages, t
from tests.support.pseudo_locale import CODE, LOCALE_DIRS_ENV, data_texts, leaks, write_pseudo_catalogue

EDITOR = {"is_logged_in": True, "email": "anna@example.se", "roles": ["malbild.editor"], "name": "Anna"}
SECRETS = {
    "auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32},
    "malbild": {"editors": []},
}


@pytest.fixture(scope="module")
def report_texts(built_db: Path) -> list[str]:
    """The report's own texts (may be shown in any language)."""
    return data_texts(built_db)


@pytest.fixture
def pseudo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The pseudo-language, found by the app as a catalogue in an extra locale directory (read again after)."""
    monkeypatch.setenv(LOCALE_DIRS_ENV, str(write_pseudo_catalogue(tmp_path / "locale")))
    reload_languages()
    yield CODE
    monkeypatch.delenv(LOCALE_DIRS_ENV)
    reload_languages()


def _strings(message) -> list[str]:
    """Every string of a protobuf message (labels, Markdown, HTML, chart specs), with the column names and text cells
    of Arrow tables."""
    out: list[str] = []
    for field, value in message.ListFields():
        single = isinstance(value, str | bytes | int | float) or hasattr(value, "ListFields")
        values = [value] if single else list(value)  # a repeated field
        for item in values:
            if isinstance(item, str):
                out.append(item)
            elif isinstance(item, bytes):
                if field.name == "data":
                    out += _arrow_strings(item)
            elif hasattr(item, "ListFields"):
                out += _strings(item)
    return out


def _arrow_strings(data: bytes) -> list[str]:
    import pyarrow as pa

    try:
        table = pa.ipc.open_stream(data).read_all()
    except pa.ArrowInvalid:
        return []
    out = [str(name) for name in table.column_names]
    for column in table.columns:
        if pa.types.is_string(column.type) or pa.types.is_large_string(column.type):
            out += [str(v) for v in column.to_pylist() if v]
    return out


def shown_texts(app) -> list[str]:
    """Every string of every element and block the run drew."""
    out: list[str] = []

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            out.extend(_strings(proto))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(app._tree)  # noqa: SLF001 (AppTest's element tree: the whole page, sidebar included)
    return out


def test_the_pseudo_language_is_a_catalogue_and_no_code(pseudo: str) -> None:
    assert list(languages()) == ["sv", "en", CODE]
    assert language(CODE).name == "⟦Psêûdô~~⟧" and language(CODE).locale == "de_DE"
    assert t("goal_n", CODE, n=5).startswith("⟦Mål 5") and t("goal_n", CODE, n=5).endswith("⟧")


def _viewer_pages() -> list[str]:
    from malbild.ui.registry import PAGES

    return [page.file for page in PAGES if not page.editor]


def _editor_pages() -> list[str]:
    from malbild.ui.registry import PAGES

    return [page.file for page in PAGES if page.editor]


@pytest.mark.parametrize("page", _viewer_pages() + _editor_pages())
def test_every_page_in_the_pseudo_language_shows_only_its_texts(
    page: str, pseudo: str, report_texts, built_db, tmp_path, monkeypatch
):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DASHBOARD_DB", str(built_db))
    monkeypatch.setenv("MALBILD_ENTRIES", str(tmp_path / "entries.duckdb"))
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=90)
    app.switch_page(page)
    if page in _editor_pages():
        for key, value in SECRETS.items():
            app.secrets[key] = value
        app.user = EDITOR
    app.query_params["lang"] = pseudo
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    texts = shown_texts(app)
    for opened in each_tab_opened(app):
        assert not opened.exception, [e.value for e in opened.exception]
        texts += shown_texts(opened)
    assert any("⟦" in text for text in texts)
    found = leaks(texts, report_texts)
    assert not found, "\n".join(found)


def test_the_snapshot_in_the_pseudo_language_shows_only_its_texts(pseudo: str, report_texts, con) -> None:
    from malbild.export.snapshot import build_snapshot

    document = build_snapshot(con, pseudo, today=date(2026, 12, 3), charts=False)
    found = leaks([document], report_texts)
    assert "⟦" in document and not found, "\n".join(found)


@pytest.mark.browser
def test_the_deck_in_the_pseudo_language_shows_only_its_texts(pseudo: str, report_texts, con) -> None:
    from pptx import Presentation

    from malbild.export.deck import build_deck

    require_chromium()  # Kaleido draws the deck's charts with Chromium
    deck = Presentation(io.BytesIO(build_deck(con, pseudo, today=date(2026, 12, 3))))
    texts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                texts += [cell.text for row in shape.table.rows for cell in row.cells]
            texts.append(shape.name)
            descr = shape._element.xpath(".//p:cNvPr/@descr")  # noqa: SLF001 (a picture's alternative text)
            texts += [str(d) for d in descr]
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    assert any("⟦" in text for text in texts)
    found = leaks(texts, report_texts)
    assert not found, "\n".join(found)
