"""Mata in / Enter figures (editors only): a goal's level for any year, with its note, source document and history."""

import streamlit as st

from malbild.texts.labels import level_label
from malbild.texts.safe import md, md_frame
from malbild.ui.account import require_editor
from malbild.ui.cached import shared_view
from malbild.ui.chrome import page_setup
from malbild.ui.editing import level_now, other_figure_form, restore_form, save, seen_version, usable_store
from malbild.ui.registry import EDIT
from malbild.views.editing import history_table, level_conflict_text
from malbild.views.goal import goal_choices

ctx = page_setup(EDIT)
editor = require_editor(ctx.lang)
store = usable_store(ctx)
st.title(ctx.t("page_edit"))
st.caption(ctx.t("ed_intro"))

left, right = st.columns(2)
goal_id = left.selectbox(ctx.t("goal"), list(shared_view(goal_choices, ctx.lang).items()), format_func=lambda g: g[1])[
    0
]
year = int(right.number_input(ctx.t("year"), min_value=2000, max_value=2100, value=2016, step=1))
key = {"goal_id": int(goal_id), "year": year}

now_slot = st.empty()  # filled after the forms, so a save or a restore shows its new value at once
seen = seen_version(store, "goal_assessment", key)

with st.form("ed_goal_level"):
    level = st.radio(ctx.t("level"), [1, 2, 3], format_func=lambda n: level_label(n, ctx.lang, short=False))
    note = st.text_input(ctx.t("note"))
    document = st.text_input(ctx.t("ed_source"))
    comment = st.text_input(ctx.t("ed_comment"))
    if st.form_submit_button(ctx.t("ed_save")):
        save(
            ctx,
            seen,
            lambda expected: store.set_value(
                "goal_assessment",
                key,
                {"level": level, "note": note or None},
                user=editor,
                source_document=document,
                comment=comment or None,
                expected_version=expected,
            ),
            lambda current: level_conflict_text(current, ctx.lang),
        )

st.header(ctx.t("ed_history"))
changes = store.history("goal_assessment", key)
if not changes:
    st.caption(ctx.t("ed_no_history"))
else:
    st.table(md_frame(history_table(changes, ctx.lang)), hide_index=True)
    restore_form(ctx, store, "goal_assessment", key, editor, seen, [int(c["version"]) for c in changes])
now_slot.markdown(md(level_now(ctx, goal_id, year)))

st.header(ctx.t("ed_other"))
st.caption(ctx.t("ed_other_help"))
other_figure_form(ctx, store, editor)  # any other kind of figure, by its key columns
