"""Genomgång / Walk-through: one step per screen for a meeting — overview, each goal, projects, personnel, finance.

Each step has its own URL (?step=4, counted from 1; an invalid step opens step 1 and says so), so a presenter can
open the meeting at any step. Previous/Next buttons and the ← → keys move between steps. With ?present=1 every step fits
the screen (1280×720 and up) without scrolling: title, one message, the key figures large, the chart filling the rest.
"""

import html
import logging
from collections.abc import Callable
from datetime import date

import streamlit as st

from malbild.charts.style import plotly_config
from malbild.data.store import database_checksum, new_cursor, query
from malbild.texts import families
from malbild.texts.safe import md
from malbild.ui.cached import shared_view
from malbild.ui.chrome import arrow_keys, fill_screen, page_setup
from malbild.ui.widgets import chart, url_selectbox
from malbild.views.params import shown_value, whole_number
from malbild.views.sources import sources_basis_line
from malbild.views.walkthrough import step_view, walkthrough_steps

CHART_KEY = "wk_chart"


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


PREV_KEY, NEXT_KEY = "wk_prev", "wk_next"
EXPORT_ERROR = "wk_export_error"  # 'deck' or 'snapshot' when the last download could not be made


def _check_export(kind: str, make: Callable[[], bytes]) -> None:
    """After a download click, make the file (or take it from the cache); on failure the page says so in plain words.

    The download itself is made outside the page script, where Streamlit shows nothing; the page learns of a failure
    here. The details go to the log.
    """
    try:
        make()
    except Exception:  # noqa: BLE001 - any failure becomes one plain sentence; the log keeps the details
        logging.getLogger(__name__).exception("walk-through: the %s could not be made", kind)
        st.session_state[EXPORT_ERROR] = kind
    else:
        st.session_state.pop(EXPORT_ERROR, None)


ctx = page_setup("page_walkthrough")
steps = walkthrough_steps(query)
n = len(steps)


def _step_number(raw: object) -> int:
    """Read ?step= (1-based); anything that is not a step number opens step 1."""
    return whole_number(raw, 1, n) or 1


def _go(delta: int) -> None:
    """Move the URL's step by delta (Previous = -1, Next = +1), staying within the steps."""
    st.query_params["step"] = str(min(max(_step_number(st.query_params.get("step")) + delta, 1), n))


# A missing or invalid step opens step 1, and the URL says so (the selector below follows the URL).
raw_step = st.query_params.get("step")
wanted = _step_number(raw_step)
if raw_step != str(wanted):
    st.query_params["step"] = str(wanted)
    if raw_step and raw_step.strip() and whole_number(raw_step, 1, n) is None:
        st.warning(ctx.t("wk_bad_step", value=md(shown_value(raw_step)), n=n))

with st.sidebar:
    st.divider()
    index = url_selectbox(
        ctx.t("wk_jump"),
        {i: f"{i}. {step.title(ctx.lang)}" for i, step in enumerate(steps, start=1)},
        key="step",
        default=1,
    )
    st.caption(ctx.t("wk_keys"))

step = steps[index - 1]
view = shared_view(step_view, index, ctx.lang, ctx.present)

with st.container(key="wk_nav"):
    left, middle, right = st.columns([1, 2, 1], vertical_alignment="center")
    left.button(
        ctx.t("wk_prev"),
        key=PREV_KEY,
        on_click=_go,
        args=(-1,),
        disabled=index <= 1,
        help=ctx.t("wk_prev_help"),
        width="stretch",
    )
    middle.html(f'<p class="mb-stepno" aria-live="polite">{html.escape(ctx.t("wk_step_of", i=index, n=n))}</p>')
    right.button(
        ctx.t("wk_next"),
        key=NEXT_KEY,
        on_click=_go,
        args=(1,),
        disabled=index >= n,
        help=ctx.t("wk_next_help"),
        width="stretch",
    )
arrow_keys(PREV_KEY, NEXT_KEY, ctx.t("wk_prev"), ctx.t("wk_next"), page_keys=ctx.present)

st.title(md(step.title(ctx.lang)), anchor=False)
st.html(f'<p class="mb-msg">{html.escape(view.message)}</p>')
cards = "".join(
    f"<div><dt>{html.escape(label)}</dt><dd>{html.escape(value)}</dd></div>" for label, value in view.key_figures
)
key_figures = f'<dl class="mb-kf" aria-label="{html.escape(ctx.t("deck_key_figures"), quote=True)}">{cards}</dl>'

if ctx.present:
    # One screen: the chart takes the height the title and message leave; the key figures stand beside it.
    # The chart's text alternative goes with it (alt), not as visible text.
    fill_screen(ctx, CHART_KEY)
    with st.container(key="wk_body"):
        graph, figures = st.columns([3, 2], gap="medium")
        with graph:
            st.plotly_chart(view.figure, config=plotly_config(True), alt=view.alt, key=CHART_KEY, theme=None)
        figures.html(key_figures)
else:
    st.html(key_figures)
    chart(ctx, view.figure, view.data, view.alt, view.source_lines or None, key=CHART_KEY)

if not ctx.present:
    st.header(ctx.t("wk_exports"))
    st.caption(ctx.t("wk_exports_help"))
    st.caption(sources_basis_line(query, ctx.lang))
    deck_col, snap_col = st.columns(2)
    make_deck = lambda: cached_deck(ctx.lang, database_checksum())  # noqa: E731
    make_snapshot = lambda: cached_snapshot(ctx.lang, database_checksum(), date.today().isoformat())  # noqa: E731
    deck_col.download_button(
        ctx.t("deck_download"),
        data=make_deck,
        file_name=f"malbild-genomgang-{date.today().isoformat()}.pptx",
        mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
        on_click=_check_export,
        args=("deck", make_deck),
        key="wk_deck",
    )
    snap_col.download_button(
        ctx.t("wk_snapshot_download"),
        data=make_snapshot,
        file_name=f"malbild-ogonblicksbild-{date.today().isoformat()}.html",
        mime="text/html",
        on_click=_check_export,
        args=("snapshot", make_snapshot),
        key="wk_snapshot",
    )
    if st.session_state.get(EXPORT_ERROR) in ("deck", "snapshot"):
        st.error(ctx.t(families.EXPORT_FAILED[st.session_state[EXPORT_ERROR]]))
