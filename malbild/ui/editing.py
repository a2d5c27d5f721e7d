"""The Edit page's working parts: the version this editor saw, saving with the version check, restoring."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import cast

import streamlit as st

from malbild.data.entries.errors import ConflictError, EntryError, StoreUnavailable
from malbild.data.entries.importer import read_figure
from malbild.data.entries.store import EntriesStore
from malbild.data.entries.views import VIEWS
from malbild.texts import N_
from malbild.texts.safe import md, md_frame
from malbild.ui.chrome import Ctx
from malbild.ui.store import editor_store, entries_changed, query
from malbild.views.editing import entry_now_text, history_table, level_now_text


class _StopOnFault:
    """The entries store for an editor page: a store fault (StoreUnavailable) stops the page with its plain sentence.

    Refusals and conflicts pass through to the page, which says them where they happen.
    """

    def __init__(self, store: EntriesStore, lang: str) -> None:
        self._store = store
        self._lang = lang

    def __getattr__(self, name: str):
        value = getattr(self._store, name)
        if not callable(value):
            return value

        @functools.wraps(value)
        def guarded(*args, **kwargs):
            try:
                return value(*args, **kwargs)
            except StoreUnavailable as exc:
                st.error(md(exc.message(self._lang)))
                st.stop()

        return guarded


def usable_store(ctx: Ctx) -> EntriesStore:
    """The entries store editors write to, tried at once: any store fault stops the page with a plain sentence.

    The details go to the log; the next run tries again, so the page works as soon as the store is back.
    """
    store = cast(EntriesStore, _StopOnFault(editor_store(), ctx.lang))
    store.revision()
    return store


def seen_version(store: EntriesStore, view_name: str, key: dict) -> str:
    """Remember the figure's version as this editor first saw it; return the session key that holds it.

    Saving checks this version, so a change made meanwhile by someone else is never overwritten.
    """
    seen = f"_ed_seen::{view_name}::{sorted(key.items())}"
    if seen not in st.session_state:
        st.session_state[seen] = store.version(view_name, key)
    return seen


def save(
    ctx: Ctx,
    seen: str,
    write: Callable[[int], int],
    conflict: Callable[[dict], str | None],
    done: str = N_("ed_saved"),
) -> None:
    """Run a write with the version seen; say what happened: saved, changed meanwhile (and to what), or refused.

    `write` takes the expected version and returns the new one; `conflict` turns the figure as it is now into the
    sentence shown after a refused save (None: nothing to show); `done` is the text key of the success message.
    """
    try:
        version = write(st.session_state[seen])
    except ConflictError as exc:
        current = exc.current or {}
        st.session_state[seen] = int(current.get("version") or 0)
        st.warning(md(exc.message(ctx.lang)))  # names another editor and their note: text
        said = conflict(current) if current else None
        if said:
            st.markdown(md(said))
        return
    except EntryError as exc:
        st.error(md(exc.message(ctx.lang)))
        return
    st.session_state[seen] = version
    entries_changed()
    st.success(ctx.t(done, version=version))


def restore_form(ctx: Ctx, store: EntriesStore, view_name: str, key: dict, editor: str, seen: str, versions) -> None:
    """The form that puts an earlier version back, as a new recorded change."""
    with st.form("ed_restore"):
        version = st.selectbox(ctx.t("ed_restore_version"), sorted(set(versions), reverse=True))
        reason = st.text_input(ctx.t("ed_restore_reason"))
        if not st.form_submit_button(ctx.t("ed_restore")):
            return
    save(
        ctx,
        seen,
        lambda expected: store.restore(view_name, key, version, user=editor, comment=reason, expected_version=expected),
        lambda _current: None,
        done=N_("ed_restored"),
    )


def level_now(ctx: Ctx, goal_id: int, year: int) -> str:
    """A goal's level in a year as the app shows it now (entries laid over the report), as a sentence."""
    return level_now_text(query("goal_assessment_grid"), goal_id, year, ctx.lang)


def other_figure_form(ctx: Ctx, store: EntriesStore, editor: str) -> None:
    """Enter any other kind of figure: choose the kind, type its key, see the figure now, save with a document."""
    view_name = st.selectbox(
        ctx.t("ed_kind"), ["recommendation_progress", "project_grant", "hr_metric", "financial_goal"], key="ed_kind"
    )
    spec = VIEWS[view_name]
    typed_key = {c: st.text_input(c, key=f"ed_key_{view_name}_{c}") for c in spec.key_names}
    if any(not v.strip() for v in typed_key.values()):
        st.caption(ctx.t("ed_key_first", columns=", ".join(spec.key_names)))
        return
    facts = store.facts()
    probe = read_figure(view_name, facts, dict(typed_key))
    for problem in (key_problems := [p for p in probe.problems if p.column in spec.key_names]):
        st.error(md(problem.line(ctx.lang)))
    if key_problems:
        return
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
                        source_document=row.source_document or "",  # required: a row without one has a problem
                        comment=row.comment,
                        expected_version=expected,
                    ),
                    lambda current: entry_now_text(current, spec.value_names, ctx.lang),
                )
    if other_changes := store.history(view_name, probe.key):
        st.table(md_frame(history_table(other_changes, ctx.lang)), hide_index=True)
