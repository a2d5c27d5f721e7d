"""The walk-through page's own parts: the step in the URL, the step navigation, the key figures, the exports.

The step lives in the URL (?step=4, counted from 1): an invalid step opens step 1, the URL says so and the page
warns. The exports (the meeting deck, the offline snapshot) are made when their button is clicked, once per
language and data version.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date

import streamlit as st

from malbild.texts import families
from malbild.texts.safe import md
from malbild.ui.blocks import paragraph_html
from malbild.ui.cached import shared_view
from malbild.ui.chrome import Ctx, arrow_keys
from malbild.ui.store import database_checksum, new_cursor
from malbild.views.base import Query
from malbild.views.params import shown_value, whole_number
from malbild.views.sources import sources_basis_line
from malbild.views.walkthrough import walkthrough_steps

LOG = logging.getLogger("malbild.ui.walkthrough")
PREV_KEY, NEXT_KEY = "wk_prev", "wk_next"
EXPORT_ERROR = "wk_export_error"  # 'deck' or 'snapshot' when the last download could not be made


def step_titles(q: Query, lang: str) -> list[str]:
    """Every step's title, in order (the steps follow the data: one per goal)."""
    return [step.title(lang) for step in walkthrough_steps(q)]


def _step_number(raw: object, n: int) -> int:
    """Read ?step= (1-based); anything that is not a step number opens step 1."""
    return whole_number(raw, 1, n) or 1


def _go(delta: int, n: int) -> None:
    """Move the URL's step by delta (Previous = -1, Next = +1), staying within the steps."""
    st.query_params["step"] = str(min(max(_step_number(st.query_params.get("step"), n) + delta, 1), n))


def check_url_step(ctx: Ctx, n: int) -> None:
    """A missing or invalid ?step= opens step 1 and the URL says so; an invalid one is named in a warning."""
    raw = st.query_params.get("step")
    wanted = _step_number(raw, n)
    if raw != str(wanted):
        st.query_params["step"] = str(wanted)
        if raw and raw.strip() and whole_number(raw, 1, n) is None:
            st.warning(ctx.t("wk_bad_step", value=md(shown_value(raw)), n=n))


def step_navigation(ctx: Ctx, index: int, n: int) -> None:
    """Previous, 'Step i of n', Next; the ← → keys (and PageUp/PageDown when presenting) click the buttons."""
    with st.container(key="wk_nav"):
        left, middle, right = st.columns([1, 2, 1], vertical_alignment="center")
        left.button(
            ctx.t("wk_prev"),
            key=PREV_KEY,
            on_click=_go,
            args=(-1, n),
            disabled=index <= 1,
            help=ctx.t("wk_prev_help"),
            width="stretch",
        )
        middle.html(paragraph_html(ctx.t("wk_step_of", i=index, n=n), cls="mb-stepno", live="polite"))
        right.button(
            ctx.t("wk_next"),
            key=NEXT_KEY,
            on_click=_go,
            args=(1, n),
            disabled=index >= n,
            help=ctx.t("wk_next_help"),
            width="stretch",
        )
    arrow_keys(PREV_KEY, NEXT_KEY, ctx.t("wk_prev"), ctx.t("wk_next"), page_keys=ctx.present)


@st.cache_data(show_spinner=False, max_entries=4)
def cached_deck(lang: str, checksum: str) -> bytes:
    """Build the meeting deck once per language and data version."""
    from malbild.export.deck import build_deck  # python-pptx and kaleido load only when a deck is asked for

    return build_deck(new_cursor(), lang)


@st.cache_data(show_spinner=False, max_entries=4)
def cached_snapshot(lang: str, checksum: str, day: str) -> bytes:
    """Build the offline HTML snapshot once per language, data version and day."""
    from malbild.export.snapshot import build_snapshot

    return build_snapshot(new_cursor(), lang, date.fromisoformat(day)).encode("utf-8")


def _check_export(kind: str, make: Callable[[], bytes]) -> None:
    """After a download click, make the file (or take it from the cache); on failure the page says so in plain words.

    The download itself is made outside the page script, where Streamlit shows nothing; the page learns of a failure
    here. The details go to the log.
    """
    try:
        make()
    except Exception:  # noqa: BLE001 - any failure becomes one plain sentence; the log keeps the details
        LOG.exception("walk-through: the %s could not be made", kind)
        st.session_state[EXPORT_ERROR] = kind
    else:
        st.session_state.pop(EXPORT_ERROR, None)


def export_downloads(ctx: Ctx) -> None:
    """The exports: the meeting deck and the offline snapshot, with the data basis they rest on."""
    st.header(ctx.t("wk_exports"))
    st.caption(ctx.t("wk_exports_help"))
    st.caption(shared_view(sources_basis_line, ctx.lang))
    today = date.today().isoformat()
    # (kind, label, how the file is made, its name, its type): the download buttons, side by side
    exports = (
        (
            "deck",
            ctx.t("deck_download"),
            lambda: cached_deck(ctx.lang, database_checksum()),
            f"malbild-genomgang-{today}.pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        (
            "snapshot",
            ctx.t("wk_snapshot_download"),
            lambda: cached_snapshot(ctx.lang, database_checksum(), today),
            f"malbild-ogonblicksbild-{today}.html",
            "text/html",
        ),
    )
    for col, (kind, label, make, file_name, mime) in zip(st.columns(2), exports, strict=True):
        col.download_button(
            label,
            data=make,
            file_name=file_name,
            mime=mime,
            on_click=_check_export,
            args=(kind, make),
            key=f"wk_{kind}",
        )
    if st.session_state.get(EXPORT_ERROR) in ("deck", "snapshot"):
        st.error(ctx.t(families.EXPORT_FAILED[st.session_state[EXPORT_ERROR]]))
