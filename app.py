"""Målbild's entry point: the navigation. Viewers get the viewer pages; the editor pages exist only for editors.

A page not in a session's navigation cannot be opened, not even by its URL (Streamlit shows the overview instead);
every editor page still checks the role itself. The pages come from malbild.ui.registry; the sidebar's links are
drawn by malbild.ui.chrome.page_setup.
"""

import streamlit as st

from malbild.texts import normalize_lang, t
from malbild.ui.account import role
from malbild.ui.registry import OVERVIEW, navigation

lang = normalize_lang(st.query_params.get("lang", st.session_state.get("_lang")))
pages = [
    st.Page(page.file, title=t(page.title_key, lang), url_path=page.url_path or None, default=page is OVERVIEW)
    for page in navigation(editor=role() == "editor")
]
st.navigation(pages, position="hidden").run()
