"""Browser: every screen follows the newest year (issue 19, item 4). An editor adds a generated 2019 report (PDF) on
the Import page and then imports a workbook citing its lines; a viewer then sees 2019 on the overview, the goal page,
the Sources page and the walk-through, with passages quoted from the 2019 document. And the goal × year grid holds
the whole plan period (2015–2020) at 1440×900, 1280×720 presenting and 390×844 without cutting a column.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from malbild.data.add_report import add_report
from malbild.data.entries.backends import backend_from
from malbild.data.entries.importer import import_files
from malbild.data.entries.store import EntriesStore
from tests.support.browser import StreamlitServer, editor_app, signed_in_editor, wait_drawn
from tests.test_newest_year import LINE_3, SHEETS_2019, workbook_2019
from tools.report_pdf import report_pdf

pytestmark = pytest.mark.browser

PASSWORD = "hemligt-lösen-2019"

# Every cell of the goal grid within its scroll box and the window, and nothing scrolling sideways: the cells whose
# right edge is past their box or the window, the header's texts, and by how much the box and the page scroll sideways.
FIT_JS = """() => {
  const box = document.querySelector('.mb-scroll:has(table.mb-goals)');
  const table = box.querySelector('table.mb-goals');
  const right = Math.min(box.getBoundingClientRect().right, window.innerWidth);
  // The phone's card grid hides the header row for screen readers only (a 1 px clipped box): not a column shown.
  const shown = c => c.getClientRects().length && !(c.closest('thead') && c.closest('thead').offsetWidth <= 1);
  const cells = [...table.querySelectorAll('th, td')].filter(shown);
  const over = cells.filter(c => c.getBoundingClientRect().right > right + 0.5).map(c => c.textContent.trim());
  return {over, years: [...table.querySelectorAll('thead th')].map(h => h.textContent.trim()),
          box: box.scrollWidth - box.clientWidth, page: document.documentElement.scrollWidth - window.innerWidth};
}"""


def _server(built_db: Path, tmp_path: Path) -> StreamlitServer:
    """The app on the test's own entries."""
    return StreamlitServer(
        "app.py",
        db=built_db,
        extra_env={"MALBILD_ENTRIES": str(tmp_path / "entries.duckdb")},
    )


@pytest.fixture
def editor_server(built_db: Path, tmp_path: Path, chromium_browser):
    """The app with a local editor account (a temporary secrets file) and its own entries file."""
    with editor_app(tmp_path, built_db, PASSWORD) as running:
        yield running


def test_an_editor_adds_the_2019_report_and_year_and_a_viewer_sees_2019(
    editor_server, chromium_browser, tmp_path: Path
) -> None:
    """Upload the PDF, then the workbook citing its lines; a viewer sees 2019 named, quoted from ar2019."""
    editor = signed_in_editor(chromium_browser, editor_server, PASSWORD)
    editor.get_by_role("link", name="Importera ett år").click()
    editor.get_by_text("Lägg till en årsredovisning").wait_for(timeout=30_000)
    pdf = tmp_path / "Årsredovisning 2019.pdf"
    pdf.write_bytes(report_pdf())
    editor.locator(".st-key-ar_file input[type=file]").set_input_files(str(pdf))
    editor.get_by_role("button", name="Lägg till rapporten").click()
    editor.get_by_text("Lade till Årsredovisning 2019 som dokument ar2019: 6 rader, 2 sidor.").wait_for(timeout=30_000)
    editor.locator(".st-key-im_files input[type=file]").set_input_files(str(workbook_2019(tmp_path / "2019.xlsx")))
    editor.get_by_text("Alla 4 rader är giltiga.").wait_for(timeout=30_000)
    editor.get_by_role("button", name="Importera 4 rader").click()
    editor.get_by_text(re.compile(r"^Importerat: 4 uppgifter ändrade av 4 rader")).wait_for(timeout=30_000)

    viewer = chromium_browser.new_context(locale="sv-SE", viewport={"width": 1440, "height": 900}).new_page()
    viewer.goto(editor_server.url)
    wait_drawn(viewer)
    main = viewer.locator('[data-testid="stMain"]')
    assert viewer.get_by_role("heading", name="Måluppfyllelse 2016–2019").count() == 1
    assert "Underlag: Årsredovisning 2018 och Årsredovisning 2019." in main.inner_text()
    assert viewer.get_by_role("heading", name="Vad har förändrats sedan 2018?").count() == 1
    assert f"Rapporten: ”{LINE_3}”" in main.inner_text() and "””" not in main.inner_text()
    fit = viewer.evaluate(FIT_JS)
    assert "2019" in fit["years"] and fit["over"] == [] and fit["box"] <= 0 and fit["page"] <= 0, fit

    viewer.goto(editor_server.url + "Goals?goal=1")
    wait_drawn(viewer)
    assert "Utfall 2019" in viewer.locator('[data-testid="stMain"]').inner_text()
    source = viewer.locator("details", has_text="Visa källa · Årsredovisning 2019, rad 3").first
    source.locator("summary").click()
    assert LINE_3 in source.locator("blockquote").inner_text()

    viewer.goto(editor_server.url + "Sources")
    wait_drawn(viewer)
    viewer.get_by_role("heading", name="Källdokumenten").wait_for(timeout=30_000)
    choose = viewer.get_by_role("combobox", name="Dokument")  # the selectbox: typing filters its options
    choose.click()
    choose.fill("ar2019")
    viewer.get_by_role("option", name="Årsredovisning 2019 (ar2019)").click(timeout=30_000)
    viewer.wait_for_function(
        "() => document.querySelector('.st-key-src_open_document input').value.includes('ar2019')", timeout=30_000
    )
    viewer.get_by_label("Rader (t.ex. 120–124)").fill("3-4")
    viewer.get_by_label("Rader (t.ex. 120–124)").press("Enter")
    viewer.locator("blockquote", has_text="Beviljade medel till projekt: 1 234 567 kr.").wait_for(timeout=30_000)

    viewer.goto(editor_server.url + "Walkthrough?step=1")
    wait_drawn(viewer)
    assert "2019" in viewer.locator('[data-testid="stMain"]').inner_text()


@pytest.fixture
def plan_period_server(built_db: Path, tmp_path: Path, chromium_browser):
    """The app with levels entered for the whole plan period: 2015, 2016 and 2020 besides the report's years and
    2019 (each citing the generated 2019 report), so the grid has six year columns and the change."""
    store = EntriesStore(backend_from(str(tmp_path / "entries.duckdb")), built_db)
    add_report(store, report_pdf(), "ar2019.pdf", year=2019, title="Årsredovisning 2019", user="anna")
    head, rows = SHEETS_2019["goal_assessment"]
    levels = [*rows, *([g, y, 2, "ar2019", "3"] for g in (2, 3) for y in (2015, 2016, 2019, 2020))]
    sheets = {"goal_assessment": (head, levels), "recommendation_progress": SHEETS_2019["recommendation_progress"]}
    preview, result = import_files([workbook_2019(tmp_path / "plan.xlsx", sheets)], store, user="anna")
    assert result is not None, [p.line() for p in preview.problems]
    with _server(built_db, tmp_path) as running:
        yield running


@pytest.mark.parametrize(
    ("width", "height", "query", "desktop"),
    [(1440, 900, "", True), (1280, 720, "?present=1", True), (390, 844, "", False)],
)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_grid_holds_the_plan_period_without_cutting_a_column(
    plan_period_server, chromium_browser, width, height, query, desktop, lang
) -> None:
    """Six year columns (2015–2020) and the change: no cell beyond its box or the window; on a desktop nothing
    scrolls sideways (on a phone the grid is a card per goal)."""
    page = chromium_browser.new_context(viewport={"width": width, "height": height}).new_page()
    sep = "&" if query else "?"
    page.goto(plan_period_server.url + query + (f"{sep}lang=en" if lang == "en" else ""))
    wait_drawn(page)
    fit = page.evaluate(FIT_JS)
    if desktop:
        assert fit["years"][1:7] == ["2015", "2016", "2017", "2018", "2019", "2020"], fit["years"]
        assert fit["box"] <= 0, fit
    assert fit["over"] == [] and fit["page"] <= 0, fit
