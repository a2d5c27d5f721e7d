"""The Edit page's working parts: the version this editor saw, saving with the version check, restoring."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from malbild.data.entries.errors import ConflictError, EntryError
from malbild.data.entries.store import EntriesStore
from malbild.data.store import entries_changed
from malbild.texts.safe import md
from malbild.ui.chrome import Ctx


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
    done: str = "ed_saved",
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
        done="ed_restored",
    )
