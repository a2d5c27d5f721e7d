"""Importera ett år / Import a year (editors only): template, preview of every row's problems, one transaction, undo."""

import streamlit as st

from malbild.ui.account import require_editor
from malbild.ui.add_report import add_report_block
from malbild.ui.chrome import page_setup
from malbild.ui.editing import usable_store
from malbild.ui.importing import import_intro, preview_and_import, template_download, undo_form
from malbild.ui.registry import IMPORT

ctx = page_setup(IMPORT)
editor = require_editor(ctx.lang)
store = usable_store(ctx)
st.title(ctx.t("page_import"))
st.caption(import_intro(ctx))
template_download(ctx, store)

uploads = st.file_uploader(ctx.t("im_files"), type=["xlsx", "csv"], accept_multiple_files=True, key="im_files")
if uploads:
    preview_and_import(ctx, store, editor, uploads)

st.header(ctx.t("im_undo_heading"))
undo_form(ctx, store, editor)
add_report_block(ctx, store, editor)
