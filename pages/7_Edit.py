"""Mata in / Enter figures (editors only): a goal's level for any year, with its note, source document and history."""

import streamlit as st

from malbild.data.entries.errors import ConflictError, EntryError
from malbild.data.entries.importer import read_figure
from malbild.data.entries.views import VIEWS
from malbild.data.store import editor_store, entries_changed, query
from malbild.fmt import is_missing
from malbild.texts.labels import goal_labels, level_label, marked_level
from malbild.texts.safe import md, md_frame
from malbild.ui.account import require_editor
from malbild.ui.chrome import page_setup
from malbild.views.editing import history_table, value_text
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

now_slot = st.empty()  # filled after the form, so a save shows its new value at once

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

# What the figure is now, written after the save and restore forms so either shows at once.
grid = query("goal_assessment_grid")
now = grid[(grid["goal_id"] == goal_id) & (grid["year"] == year)]
basis = ctx.t("basis_not_stated") if now.empty else ctx.t(f"basis_{now['basis'].iloc[0]}")
if now.empty or is_missing(now["level"].iloc[0]):
    now_slot.markdown(md(ctx.t("ed_now_gap", basis=basis)))
else:
    shown = marked_level(now["level"].iloc[0], now["basis"].iloc[0], ctx.lang)
    now_slot.markdown(md(ctx.t("ed_now", value=shown, basis=basis)))

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
key_problems = [p for p in probe.problems if p.column in spec.key_names]
if key_problems:
    for problem in key_problems:
        st.error(md(problem.line(ctx.lang)))
    st.stop()
other_key = probe.key
entry = store.current(view_name, other_key)
seen_other = f"_ed_seen::{view_name}::{sorted(other_key.items())}"
if seen_other not in st.session_state:
    st.session_state[seen_other] = store.version(view_name, other_key)
if entry and not entry.get("withdrawn"):
    now_text = value_text({c: entry[c] for c in (*spec.value_names, "source_document")})
    st.markdown(md(ctx.t("ed_entry_now", value=now_text, version=entry["version"])))
with st.form(f"ed_other_{view_name}"):
    typed = {c: st.text_input(c, key=f"ed_val_{view_name}_{c}") for c in spec.value_names}
    other_document = st.text_input(ctx.t("ed_source"), key=f"ed_doc_{view_name}")
    other_comment = st.text_input(ctx.t("ed_comment"), key=f"ed_com_{view_name}")
    if st.form_submit_button(ctx.t("ed_save")):
        row = read_figure(
            view_name, facts, {**typed_key, **typed, "source_document": other_document, "comment": other_comment}
        )
        if row.problems:
            for problem in row.problems:
                st.error(md(problem.line(ctx.lang)))
        else:
            try:
                version = store.set_value(
                    view_name,
                    row.key,
                    row.values,
                    user=editor,
                    source_document=row.source_document,
                    comment=row.comment,
                    expected_version=st.session_state[seen_other],
                )
                st.session_state[seen_other] = version
                entries_changed()
                st.success(ctx.t("ed_saved", version=version))
            except ConflictError as exc:
                st.session_state[seen_other] = int((exc.current or {}).get("version") or 0)
                st.warning(exc.message(ctx.lang))
                if exc.current:
                    current_text = value_text({c: exc.current.get(c) for c in (*spec.value_names, "source_document")})
                    st.markdown(md(ctx.t("ed_entry_now", value=current_text, version=exc.current.get("version"))))
            except EntryError as exc:
                st.error(exc.message(ctx.lang))
other_changes = store.history(view_name, other_key)
if other_changes:
    st.table(md_frame(history_table(other_changes, ctx.lang)), hide_index=True)
