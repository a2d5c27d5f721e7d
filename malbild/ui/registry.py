"""The app's pages, listed once: file, URL path, title key, editors only or not, the query parameters each reads.

The navigation (app.py), the sidebar's links and the editor gate (malbild.ui.chrome), the tests' page lists and
every link in the app are made from this list. A link is built by `link(GOALS, goal=3)` -> "Goals?goal=3", never
typed, so a renamed page or parameter is changed here alone. Streamlit-free: the tests and tools read it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from malbild.texts import N_

# Every page reads these (malbild.ui.chrome): the language and presentation mode, carried by every link.
SHARED_PARAMS = ("lang", "present")


@dataclass(frozen=True)
class Page:
    """One page of the app."""

    file: str  # the page's script, relative to the repository (the target of st.page_link and st.switch_page)
    url_path: str  # its URL path: links and bookmarks use it, so it never changes ('' is the overview, the default)
    title_key: str  # its title in malbild.texts
    editor: bool = False  # shown to editors only (each editor page still checks the role itself)
    params: tuple[str, ...] = ()  # the query parameters it reads besides SHARED_PARAMS
    charts: bool = False  # it draws Plotly charts: the browser fetches Plotly's code as the page starts (chrome)


OVERVIEW = Page("pages/0_Overview.py", "", N_("page_overview"), charts=True)
GOALS = Page("pages/1_Goals.py", "Goals", N_("page_goals"), params=("goal",), charts=True)
PROJECTS = Page(
    "pages/2_Projects.py", "Projects", N_("page_projects"), params=("goal", "owner", "amount", "q"), charts=True
)
PERSONNEL = Page("pages/3_Personnel.py", "Personnel", N_("page_personnel"), charts=True)
FINANCE = Page("pages/4_Finance.py", "Finance", N_("page_finance"), charts=True)
SOURCES = Page("pages/5_Sources.py", "Sources", N_("page_sources"))
WALKTHROUGH = Page("pages/6_Walkthrough.py", "Walkthrough", N_("page_walkthrough"), params=("step",), charts=True)
EDIT = Page("pages/7_Edit.py", "Edit", N_("page_edit"), editor=True)
IMPORT = Page("pages/8_Import.py", "Import", N_("page_import"), editor=True)
CHANGES = Page("pages/9_Changes.py", "Changes", N_("page_changes"), editor=True)

# Every page in navigation order: the pages everyone sees, then the editors' pages.
PAGES: tuple[Page, ...] = (OVERVIEW, GOALS, PROJECTS, PERSONNEL, FINANCE, SOURCES, WALKTHROUGH, EDIT, IMPORT, CHANGES)


def navigation(editor: bool) -> list[Page]:
    """The pages a session may open, in navigation order: viewer pages always, editor pages for editors."""
    return [page for page in PAGES if editor or not page.editor]


def query_params(page: Page, **params: object) -> dict[str, str]:
    """The query parameters of a link to a page, as text. A parameter the page does not read is a mistake in the
    calling code: ValueError."""
    unknown = sorted(set(params) - set(page.params) - set(SHARED_PARAMS))
    if unknown:
        raise ValueError(f"{page.file} reads no query parameter {', '.join(unknown)}")
    return {name: str(value) for name, value in params.items()}


def link(page: Page, **params: object) -> str:
    """A link to a page relative to the app's pages, its query parameters URL-encoded: link(GOALS, goal=3) ->
    'Goals?goal=3'."""
    query = urlencode(query_params(page, **params))
    path = page.url_path or "./"
    return f"{path}?{query}" if query else path


def link_template(page: Page, slot: str, **params: object) -> str:
    """A link with one parameter left as a str.format field, for a renderer that fills it per row:
    link_template(GOALS, "goal", lang="en") -> 'Goals?goal={goal}&lang=en' (every other brace is URL-encoded)."""
    marker = "\x00"  # encoded as %00, which no value of the other parameters can produce
    return link(page, **{slot: marker}, **params).replace("%00", "{" + slot + "}")
