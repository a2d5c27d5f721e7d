"""Browser: an editor signs in with the local account and imports a 2019 workbook; a viewer then sees the figures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.support.browser import editor_app, signed_in_editor, wait_drawn

pytestmark = pytest.mark.browser

PASSWORD = "hemligt-lösen-2019"
LEVELS_2019 = {1: 3, 2: 2, 3: 2, 4: 3, 5: 1, 6: 2}


def _workbook(path: Path) -> Path:
    """A 2019 workbook: one goal_assessment sheet, a level per goal, the document and lines it comes from (the
    bundled report's line 3894, 'MÅLET HAR DELVIS UPPNÅTTS (2)': the only document on this branch)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "goal_assessment"
    sheet.append(["goal_id", "year", "level", "note", "document", "lines"])
    for goal, level in LEVELS_2019.items():
        sheet.append([goal, 2019, level, None, "ar2018", "3894"])
    book.save(path)
    return path


@pytest.fixture
def editor_server(built_db: Path, tmp_path: Path, chromium_browser):
    """The app with a local editor account (a temporary secrets file) and its own entries file."""
    with editor_app(tmp_path, built_db, PASSWORD) as running:
        yield running


def test_editor_signs_in_imports_a_year_and_a_viewer_sees_it(editor_server, chromium_browser, tmp_path: Path) -> None:
    """Sign in locally, open Importera ett år, upload, see the preview, import; a fresh viewer sees 2019 ✎ inmatat."""
    editor = signed_in_editor(chromium_browser, editor_server, PASSWORD)
    editor.get_by_role("link", name="Importera ett år").click()
    editor.get_by_text("Ladda upp en Excelfil").wait_for(timeout=30_000)
    editor.locator("input[type=file]").first.set_input_files(str(_workbook(tmp_path / "arsredovisning-2019.xlsx")))
    editor.get_by_text("Alla 6 rader är giltiga.").wait_for(timeout=30_000)
    editor.get_by_role("button", name="Importera 6 rader").click()
    done = editor.get_by_text(re.compile(r"^Importerat: 6 uppgifter ändrade av 6 rader"))
    done.wait_for(timeout=30_000)
    print("\n" + done.inner_text())  # the time the import took in the app (shown in the message)
    # The change log's Excel is built when the button is clicked (a deferred download), and holds every change.
    editor.get_by_role("link", name="Ändringslogg").click()
    editor.get_by_text("6 ändringar").wait_for(timeout=30_000)
    with editor.expect_download(timeout=60_000) as download:
        editor.get_by_role("button", name="Ladda ned (Excel)").click()
    assert download.value.suggested_filename == "malbild-andringar.xlsx"
    download.value.save_as(tmp_path / "andringar.xlsx")
    changes = load_workbook(tmp_path / "andringar.xlsx").active
    assert changes.max_row == 7 and changes["B1"].value == "Av" and changes["B2"].value == "anna"

    viewer = chromium_browser.new_context(locale="sv-SE").new_page()
    viewer.goto(editor_server.url)
    wait_drawn(viewer)
    grid = viewer.locator("table.mb-grid:not(.mb-data)")
    assert "2019" in grid.locator("thead").inner_text()
    headers = [h.strip() for h in grid.locator("thead th").all_inner_texts()]
    first = grid.locator("tbody tr").first.locator("th, td").nth(headers.index("2019")).inner_text()
    assert "●●● 3" in first and "inmatat" in first, first
    assert viewer.get_by_text("Logga in som redaktör").count() == 1  # the viewer is not signed in
    assert viewer.get_by_role("link", name="Importera ett år").count() == 0
    viewer.goto(editor_server.url + "Goals?goal=1")
    wait_drawn(viewer)
    viewer.get_by_text(re.compile(r"✎ 2019: ●●● 3 .*inmatat av anna .* UTC · källa: ar2018, rad 3894")).wait_for(
        timeout=30_000
    )
    # A viewer's navigation has no editor page: their addresses open the overview instead (and each page would
    # refuse a viewer by itself, too).
    for path in ("Import", "Edit", "Changes"):
        viewer.goto(editor_server.url + path)
        wait_drawn(viewer)
        viewer.locator("table.mb-grid:not(.mb-data)").wait_for(timeout=30_000)
        assert viewer.locator("input[type=file]").count() == 0
        assert viewer.get_by_role("button", name=re.compile("^(Importera|Spara)")).count() == 0
