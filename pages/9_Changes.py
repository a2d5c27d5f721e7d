"""Ändringslogg / Change log (editors only): every recorded change, filtered, paged, downloadable as CSV or Excel.

The downloads are built when clicked (a callable passed to st.download_button), never on a plain run of the page.
"""

import csv
import io
from functools import partial

import streamlit as st

from malbild import fmt
from malbild.export.workbook import XLSX_MIME, table_xlsx
from malbild.texts.safe import cell, md, shown_frame
from malbild.ui.account import require_editor
from malbild.ui.chrome import page_setup
from malbild.ui.editing import usable_store
from malbild.ui.registry import CHANGES
from malbild.views.editing import change_log_page, change_log_table, filter_changes, filter_choice

ctx = page_setup(CHANGES)
require_editor(ctx.lang)
st.title(ctx.t("page_changes"))
changes = usable_store(ctx).change_log()
if not changes:
    st.caption(ctx.t("cl_empty"))
    st.stop()

cols = st.columns(4)
choice = partial(filter_choice, lang=ctx.lang)  # None reads "Alla" / "All"; a name as plain text
table = cols[0].selectbox(
    ctx.t("ed_col_table"), [None, *sorted({c["table_name"] for c in changes})], format_func=choice
)
who = cols[1].selectbox(ctx.t("cl_filter_who"), [None, *sorted({c["changed_by"] for c in changes})], format_func=choice)
action = cols[2].selectbox(ctx.t("ed_col_action"), [None, *sorted({c["action"] for c in changes})], format_func=choice)
text = cols[3].text_input(ctx.t("cl_filter_text"))
frame = change_log_table(filter_changes(changes, table, who, action, text), ctx.lang)
st.caption(md(ctx.t("cl_count", n=fmt.number(len(frame), lang=ctx.lang))))
page = change_log_page(len(frame))
if page.pages > 1:
    label = ctx.t("cl_page", pages=fmt.number(page.pages, lang=ctx.lang))
    page = change_log_page(len(frame), int(st.number_input(label, 1, page.pages, 1, 1)))
    st.caption(
        ctx.t(
            "cl_rows_shown",
            first=fmt.number(page.first, lang=ctx.lang),
            last=fmt.number(page.last, lang=ctx.lang),
            n=fmt.number(len(frame), lang=ctx.lang),
        )
    )
st.dataframe(shown_frame(frame.iloc[page.start : page.stop]), hide_index=True)  # plain text: no Markdown escapes


def as_csv() -> bytes:
    """The shown changes (every page) as semicolon-separated UTF-8 CSV; every cell neutralised (never a formula)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([cell(c) for c in frame.columns])
    for record in frame.itertuples(index=False):
        writer.writerow([cell(v) for v in record])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


left, right = st.columns(2)
left.download_button(
    ctx.t("cl_download_csv"), data=as_csv, file_name="malbild-andringar.csv", mime="text/csv", on_click="ignore"
)
right.download_button(
    ctx.t("cl_download_xlsx"),
    data=lambda: table_xlsx(frame, ctx.t("page_changes")),
    file_name="malbild-andringar.xlsx",
    mime=XLSX_MIME,
    on_click="ignore",
)
