"""The Import page's working parts: the template, reading the uploads once, the preview, the import, the undo.

An import is one transaction: every row valid, or nothing written. Each import can be undone as a new change.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from pathlib import Path

import pandas as pd
import streamlit as st

from malbild import fmt
from malbild.data.entries import importer
from malbild.data.entries.errors import EntryError
from malbild.data.entries.importer import MAX_IMPORT_ROWS, ImportRefused, Preview, write_template
from malbild.data.entries.store import EntriesStore
from malbild.texts.safe import md, md_frame, shown_frame
from malbild.ui.chrome import Ctx
from malbild.ui.store import entries_changed
from malbild.views.import_preview import preview_table
from malbild.views.provenance import when_text


def import_intro(ctx: Ctx) -> str:
    """What the page does, with the most rows one import may hold."""
    return ctx.t("im_intro", limit=fmt.number(MAX_IMPORT_ROWS, lang=ctx.lang))


@st.cache_data(show_spinner=False, max_entries=2)
def template_bytes(report: str, _store: EntriesStore) -> bytes:
    """The import template as an Excel workbook (columns, an example row, the allowed values)."""
    with tempfile.TemporaryDirectory() as folder:
        return write_template(Path(folder) / "mall.xlsx", _store.facts()).read_bytes()


def template_download(ctx: Ctx, store: EntriesStore) -> None:
    """The import template as a download (built when clicked)."""
    st.download_button(
        ctx.t("im_template"),
        data=lambda: template_bytes(str(store.report), store),
        file_name="malbild-mall.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
    )


def read_uploads(store: EntriesStore, uploads: list) -> Preview | ImportRefused:
    """The uploads' preview, or why they are refused; parsed once per set of files (by their names and bytes)."""
    digest = hashlib.sha256(str(store.report).encode())
    for upload in uploads:
        digest.update(upload.name.encode() + b"\0" + hashlib.sha256(upload.getvalue()).digest())
    cached = st.session_state.get("im_parsed")
    if cached and cached[0] == digest.hexdigest():
        return cached[1]
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for upload in uploads:
            path = Path(folder) / Path(upload.name).name  # the sheet is named after a CSV file: keep its name
            path.write_bytes(upload.getvalue())
            paths.append(path)
        try:
            result: Preview | ImportRefused = importer.preview_files(paths, store.facts())
        except ImportRefused as exc:
            result = ImportRefused(exc.sv, exc.en)  # the sentences only: no traceback kept in the session
    st.session_state["im_parsed"] = (digest.hexdigest(), result)  # the latest set only
    return result


def preview_and_import(ctx: Ctx, store: EntriesStore, editor: str, uploads: list) -> None:
    """The uploads' problems, every one with where it is; or, all rows valid, the button that imports them."""
    preview = read_uploads(store, uploads)
    if isinstance(preview, ImportRefused):
        st.error(md(preview.message(ctx.lang)))  # it names the uploaded file: shown as text
    else:
        facts = store.facts()
        if not preview.ok:
            problems = preview.problems
            st.error(ctx.t("im_problems", n=fmt.number(len(problems), lang=ctx.lang)))
            frame = pd.DataFrame(
                [(p.where(ctx.lang), p.message(ctx.lang)) for p in problems],
                columns=[ctx.t("im_col_where"), ctx.t("im_col_problem")],
            )
            st.table(md_frame(frame), hide_index=True)
        else:
            st.success(ctx.t("im_ready", n=fmt.number(len(preview.rows), lang=ctx.lang)))
            st.dataframe(shown_frame(preview_table(preview, ctx.lang)), hide_index=True)
            confirmed = not preview.warnings  # a number not on its cited lines: the editor confirms or fixes
            if preview.warnings:
                st.warning(ctx.t("im_warnings", n=fmt.number(len(preview.warnings), lang=ctx.lang)))
                confirmed = st.checkbox(ctx.t("im_confirm"), key="im_confirm")
            if st.button(
                ctx.t("im_do", n=fmt.number(len(preview.rows), lang=ctx.lang)),
                type="primary",
                key="im_do",
                disabled=not confirmed,
            ):
                started = time.perf_counter()
                try:
                    record = store.import_figures(
                        preview.figures(), user=editor, file_name=", ".join(u.name for u in uploads), facts=facts
                    )
                    entries_changed()
                    st.success(
                        md(
                            ctx.t(
                                "im_done",
                                changes=record["change_count"],
                                rows=record["row_count"],
                                import_id=record["import_id"],
                                seconds=fmt.number(time.perf_counter() - started, 2, lang=ctx.lang),
                            )
                        )
                    )
                except EntryError as exc:
                    st.error(md(exc.message(ctx.lang)))


def undo_form(ctx: Ctx, store: EntriesStore, editor: str) -> None:
    """Undo an import that is not undone yet, with a reason (a new recorded change)."""
    open_imports = [i for i in store.imports() if not i.get("undone_by")]
    if not open_imports:
        st.caption(ctx.t("im_none"))
    else:
        with st.form("im_undo_form"):
            chosen = st.selectbox(
                ctx.t("ed_col_import"),
                open_imports,
                format_func=lambda i: ctx.t(
                    "im_label",
                    import_id=i["import_id"],
                    file=i.get("file_name") or "–",
                    who=i["imported_by"],
                    when=when_text(i["imported_at"]),
                    rows=i["row_count"],
                ),
            )
            reason = st.text_input(ctx.t("im_undo_reason"))
            if st.form_submit_button(ctx.t("im_undo")):
                try:
                    n = store.undo_import(chosen["import_id"], user=editor, comment=reason)
                    entries_changed()
                    st.success(ctx.t("im_undone", n=n))
                except EntryError as exc:
                    st.error(md(exc.message(ctx.lang)))
