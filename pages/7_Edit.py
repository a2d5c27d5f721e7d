"""Mata in / Enter figures (editors only): a goal's level for any year, with its note, source document and history."""

import streamlit as st

from malbild.data.entries.errors import ConflictError, EntryError
from malbild.data.store import editor_store, entries_changed, query
from malbild.texts.labels import goal_labels, level_label, marked_level
from malbild.texts.safe import md, md_frame
from malbild.ui.account import require_editor
from malbild.ui.chrome import page_setup
from malbild.views.editing import history_table
from malbild.views.provenance import when_text

ctx = page_setup("page_edit")
editor = require_editor(ctx.lang)
store = editor_store()
st.title(ctx.t("page_edit"))
st.caption(ctx.t("ed_intro"))

left, right = st.columns(2)
goal_id = left.selectbox(
    ctx.t("goal"), list(goal_labels(query("goals"), ctx.lang).items()), format_func=lambda g: g[1]
)[0]
year = int(right.number_input(ctx.t("year"), min_value=2000, max_value=2100, value=2016, step=1))
key = {"goal_id": int(goal_id), "year": year}

grid = query("goal_assessment_grid")
now = grid[(grid["goal_id"] == goal_id) & (grid["year"] == year)]
shown = "–" if now.empty else marked_level(now["level"].iloc[0], now["basis"].iloc[0], ctx.lang)
basis = ctx.t("basis_not_stated") if now.empty else ctx.t(f"basis_{now['basis'].iloc[0]}")
st.markdown(md(ctx.t("ed_now", value=shown, basis=basis)))

# The version this editor saw: saving checks it, so a change made meanwhile by someone else is never overwritten.
seen_key = f"_ed_seen::{goal_id}::{year}"
if seen_key not in st.session_state:
    st.session_state[seen_key] = store.version("goal_assessment", key)

with st.form("ed_goal_level"):
    level = st.radio(ctx.t("level"), [1, 2, 3], format_func=lambda n: level_label(n, ctx.lang, short=False))
    note = st.text_input(ctx.t("note"))
    document = st.text_input(ctx.t("ed_source"))
    comment = st.text_input(ctx.t("ed_comment"))
    if st.form_submit_button(ctx.t("ed_save")):
        try:
            version = store.set_value(
                "goal_assessment",
                key,
                {"level": level, "note": note or None},
                user=editor,
                source_document=document,
                comment=comment or None,
                expected_version=st.session_state[seen_key],
            )
            st.session_state[seen_key] = version
            entries_changed()
            st.success(ctx.t("ed_saved", version=version))
        except ConflictError as exc:
            current = exc.current or {}
            st.session_state[seen_key] = int(current.get("version") or 0)
            st.warning(exc.message(ctx.lang))
            st.markdown(
                md(
                    ctx.t(
                        "ed_conflict_now",
                        value=level_label(current.get("level"), ctx.lang, short=False),
                        who=current.get("entered_by", "–"),
                        when=when_text(current.get("entered_at", "–")),
                    )
                )
            )
        except EntryError as exc:
            st.error(exc.message(ctx.lang))

st.header(ctx.t("ed_history"))
changes = store.history("goal_assessment", key)
if not changes:
    st.caption(ctx.t("ed_no_history"))
else:
    st.table(md_frame(history_table(changes, ctx.lang)), hide_index=True)
    with st.form("ed_restore"):
        version = st.selectbox(ctx.t("ed_restore_version"), sorted({int(c["version"]) for c in changes}, reverse=True))
        reason = st.text_input(ctx.t("ed_restore_reason"))
        if st.form_submit_button(ctx.t("ed_restore")):
            try:
                new = store.restore(
                    "goal_assessment",
                    key,
                    version,
                    user=editor,
                    comment=reason,
                    expected_version=st.session_state[seen_key],
                )
                st.session_state[seen_key] = new
                entries_changed()
                st.success(ctx.t("ed_restored", version=new))
            except EntryError as exc:
                st.error(exc.message(ctx.lang))
