"""The Import page's part for adding a report: upload a PDF or text, give its year and title, confirm a second
report for a year, and see the new document (malbild.data.add_report does the work and every refusal)."""

from __future__ import annotations

import streamlit as st

from malbild import fmt
from malbild.data.add_report import add_report, known_documents
from malbild.data.entries.errors import EntryError
from malbild.data.entries.store import EntriesStore
from malbild.texts.safe import md
from malbild.ui.chrome import Ctx
from malbild.ui.store import entries_changed


def add_report_block(ctx: Ctx, store: EntriesStore, editor: str) -> None:
    """Draw the upload of a report and add it when the editor asks; refusals are shown as their sentence."""
    st.header(ctx.t("ar_heading"))
    st.caption(ctx.t("ar_intro"))
    try:
        known = known_documents(store)
    except EntryError as exc:
        st.error(md(exc.message(ctx.lang)))
        return
    listed = [
        ctx.t("ar_known_one", title=d["title"], document=d["document"], year=int(d["report_year"])) for d in known
    ]
    st.caption(md(ctx.t("ar_known", documents="; ".join(listed))))  # titles typed by editors: shown as text
    upload = st.file_uploader(ctx.t("ar_file"), type=["pdf", "txt"], key="ar_file")
    latest = max((int(d["report_year"]) for d in known), default=2018)
    year = int(st.number_input(ctx.t("ar_year"), 2000, 2100, min(latest + 1, 2100), step=1, key="ar_year"))
    title = st.text_input(ctx.t("ar_title"), ctx.t("ar_title_default", year=year), key=f"ar_title_{year}")
    again = False
    if any(int(d["report_year"]) == year for d in known):
        again = st.checkbox(ctx.t("ar_again", year=year), key=f"ar_again_{year}")
    if upload is None or not st.button(ctx.t("ar_do"), key="ar_do"):
        return
    try:
        doc = add_report(store, upload.getvalue(), upload.name, year=year, title=title, user=editor, again=again)
    except EntryError as exc:
        st.error(md(exc.message(ctx.lang)))
        return
    entries_changed()
    pages = ctx.t("ar_pages", n=fmt.number(doc.pages, lang=ctx.lang)) if doc.pages else ctx.t("ar_no_pages")
    lines = fmt.number(len(doc.lines), lang=ctx.lang)
    st.success(md(ctx.t("ar_done", title=doc.title, document=doc.document, lines=lines, pages=pages)))
