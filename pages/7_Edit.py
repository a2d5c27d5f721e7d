"""Mata in / Enter figures (editors only): a goal's level for any year, with its note, source document and history."""

import streamlit as st

from malbild.data.entries.importer import read_figure
from malbild.data.entries.views import VIEWS
from malbild.data.store import query
from malbild.texts.labels import goal_labels, level_label
from malbild.texts.safe import md, md_frame
from malbild.ui.account import require_editor
from malbild.ui.chrome import page_setup
from malbild.ui.editing import restore_form, save, seen_version, usable_store
from malbild.views.editing import entry_now_text, history_table, level_conflict_text, level_now_text

ctx = page_setup("page_edit")
editor = require_editor(ctx.lang)
store = usable_store(ctx)
st.title(ctx.t("page_edit"))
st.caption(ctx.t("ed_intro"))

left, right = st.columns(2)
goal_id = left.selectbox(
    ctx.t("goal"), list(goal_labels(query("goals"), ctx.lang).items()), format_func=lambda g: g[1]
)[0]
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
now_slot.markdown(md(level_now_text(query("goal_assessment_grid"), goal_id, year, ctx.lang)))

st.header(ctx.t("ed_other"))
st.caption(ctx.t("ed_other_help"))
view_name = st.selectbox(
    ctx.t("ed_kind"), ["recommendation_progress", "project_grant", "hr_metric", "financial_goal"], key="ed_kind"
)
spec = VIEWS[view_name]
typed_key = {c: st.text_input(c, key=f"ed_key_{view_name}_{c}") for c in spec.key_names}
if any(not v.strip() for v in typed_key.values()):
    st.caption(ctx.t("ed_key_first", columns=", ".join(spec.key_names)))
    st.stop()
facts = store.facts()
probe = read_figure(view_name, facts, dict(typed_key))
for problem in (key_problems := [p for p in probe.problems if p.column in spec.key_names]):
    st.error(md(problem.line(ctx.lang)))
if key_problems:
    st.stop()
seen_other = seen_version(store, view_name, probe.key)
entry = store.current(view_name, probe.key)
if entry and not entry.get("withdrawn"):
    st.markdown(md(entry_now_text(entry, spec.value_names, ctx.lang)))
with st.form(f"ed_other_{view_name}"):
    typed = {c: st.text_input(c, key=f"ed_val_{view_name}_{c}") for c in spec.value_names}
    other_document = st.text_input(ctx.t("ed_source"), key=f"ed_doc_{view_name}")
    other_comment = st.text_input(ctx.t("ed_comment"), key=f"ed_com_{view_name}")
    if st.form_submit_button(ctx.t("ed_save")):
        row = read_figure(
            view_name, facts, {**typed_key, **typed, "source_document": other_document, "comment": other_comment}
        )
        for problem in row.problems:
            st.error(md(problem.line(ctx.lang)))
        if not row.problems:
            save(
                ctx,
                seen_other,
                lambda expected: store.set_value(
                    view_name,
                    row.key,
                    row.values,
                    user=editor,
                    source_document=row.source_document,
                    comment=row.comment,
                    expected_version=expected,
                ),
                lambda current: entry_now_text(current, spec.value_names, ctx.lang),
            )
if other_changes := store.history(view_name, probe.key):
    st.table(md_frame(history_table(other_changes, ctx.lang)), hide_index=True)
