"""The Projects page's own widgets: the goal filter that keeps ?goal= in the URL, and the two downloads.

The filters live in the URL so a link reproduces the view:
- ?goal=5&goal=2 — goal ids, written and read here (the same convention as the Goals page's ?goal=5; a widget
  bound with bind="query-params" would put its translated label in the URL and would block the Goals page from
  writing ?goal=, so the goal filter keeps the URL itself);
- ?owner=…&owner=…, ?q=<text> — widgets bound with bind="query-params";
- ?amount=<min>&amount=<max> — whole kronor, written and read here: the amount slider is a select_slider (so its
  thumbs read "300 000 kr" / "SEK 300,000", which st.slider's sprintf format cannot group), and a bound
  select_slider would put those translated texts in the URL.
"""

from __future__ import annotations

from datetime import date
from functools import partial

import streamlit as st

from malbild.export.tables import XLSX_MIME, download_name, to_csv, to_xlsx
from malbild.texts import families
from malbild.ui.chrome import Ctx
from malbild.ui.widgets import lazy_tabs, show_chart
from malbild.views.params import goal_state, goal_url_values, read_amount
from malbild.views.projects import ProjectsView

GOAL_PARAM, GOAL_WIDGET = "goal", "prj_goal"  # ?goal=5&goal=2
OWNER_KEY, AMOUNT_KEY, TEXT_KEY = "owner", "amount", "q"  # ?owner=, ?amount=, ?q=
CHART_TABS = "prj_chart_tab"  # the open chart tab (lazy: only its chart is drawn)
ALL_OWNERS = "prj_all_owners"  # the owners' chart shows every owner
AMOUNT_PARAM, AMOUNT_RESETS = "amount", "prj_amount_resets"


def sync_goal_filter(valid: list[int]) -> list[str]:
    """Set the goal filter from the URL when it has ?goal= (a shared link wins); return the values that are no goal."""
    url_goals = st.query_params.get_all(GOAL_PARAM) if GOAL_PARAM in st.query_params else None
    wanted, bad_goals = goal_state(url_goals, st.session_state.get(GOAL_WIDGET), valid)
    if wanted is None:
        st.session_state.pop(GOAL_WIDGET, None)
    elif wanted != st.session_state.get(GOAL_WIDGET):
        st.session_state[GOAL_WIDGET] = wanted
    return bad_goals


def goal_to_url() -> None:
    """Write the chosen goals into the URL as ids, or drop ?goal= when none is chosen."""
    values = goal_url_values(st.session_state.get(GOAL_WIDGET))
    if values:
        st.query_params[GOAL_PARAM] = values
    elif GOAL_PARAM in st.query_params:
        del st.query_params[GOAL_PARAM]


def amount_widget_key() -> str:
    """The amount slider's key: 'amount', then 'amount_1', 'amount_2', … after each reset (a fresh slider)."""
    resets = int(st.session_state.get(AMOUNT_RESETS, 0))
    return AMOUNT_KEY if resets == 0 else f"{AMOUNT_KEY}_{resets}"


def amount_from_url(bounds: tuple[int, int]) -> tuple[tuple[int, int] | None, bool]:
    """The range in ?amount=<min>&amount=<max>, clamped to the bounds (None when absent or unreadable), and whether
    the URL has an ?amount= that cannot be read (the page then shows every amount and says so)."""
    if AMOUNT_PARAM not in st.query_params:
        return None, False
    chosen = read_amount(st.query_params.get_all(AMOUNT_PARAM), bounds)
    return chosen, chosen is None


def amount_to_url(bounds: tuple[int, int]) -> None:
    """Write the chosen amount range into the URL as whole kronor, or drop ?amount= when it is the whole range."""
    chosen = st.session_state.get(amount_widget_key())
    if chosen is not None and tuple(chosen) != tuple(bounds):
        st.query_params[AMOUNT_PARAM] = [str(int(v)) for v in chosen]
    elif AMOUNT_PARAM in st.query_params:
        del st.query_params[AMOUNT_PARAM]


def clear_filters(bounds: tuple[int, int]) -> None:
    """Reset every filter (bound widgets take their URL parameters with them; the amount slider starts afresh).

    A select_slider needs its range as `value`, and Streamlit warns when a widget with a `value` also had its state
    set through st.session_state; so the reset gives the slider a new key instead of writing its state.
    """
    st.session_state.update({GOAL_WIDGET: [], OWNER_KEY: [], TEXT_KEY: ""})
    st.session_state[AMOUNT_RESETS] = int(st.session_state.get(AMOUNT_RESETS, 0)) + 1
    if AMOUNT_PARAM in st.query_params:
        del st.query_params[AMOUNT_PARAM]
    goal_to_url()


def downloads(ctx: Ctx, view: ProjectsView) -> None:
    """CSV and Excel of the filtered rows, made only when a button is pressed (filtering stays quick)."""
    stamp, empty = date.today(), view.rows.empty
    help_text = ctx.t("prj_dl_disabled") if empty else ctx.t("prj_dl_help")
    for col, kind, make, mime in zip(
        st.columns(2), ("csv", "xlsx"), (to_csv, to_xlsx), ("text/csv", XLSX_MIME), strict=True
    ):
        col.download_button(
            ctx.t(families.DOWNLOAD[kind]),
            data=partial(make, view.rows, view.filters, ctx.lang, stamp),
            file_name=download_name(kind, stamp, view.goal_ids, view.narrowed, ctx.lang),
            mime=mime,
            key=f"prj_dl_{kind}",
            on_click="ignore",
            disabled=empty,
            help=help_text,
        )
    st.caption(help_text)


def all_owners() -> bool:
    """Whether the owners' chart shows every owner (its toggle), kept while another chart tab is open (not drawn)."""
    if ALL_OWNERS in st.session_state:  # a widget's value not drawn in a run would be forgotten: keep it
        st.session_state[ALL_OWNERS] = st.session_state[ALL_OWNERS]
    return bool(st.session_state.get(ALL_OWNERS, False))


def chart_tabs(ctx: Ctx, view: ProjectsView, blocks: dict[str, str]) -> None:
    """The projects' charts by goal, by owner (with the toggle for every owner) and by size, in lazy tabs."""
    by_goal, by_owner, sizes = view.charts

    def owners() -> None:
        st.toggle(ctx.t("prj_all_owners"), key=ALL_OWNERS)
        show_chart(ctx, by_owner, blocks)

    # One goal's single bar says nothing: a sentence does.
    goals = partial(st.info, view.one_goal) if view.one_goal else partial(show_chart, ctx, by_goal, blocks)
    lazy_tabs(
        CHART_TABS,
        {
            ctx.t("prj_tab_goal"): goals,
            ctx.t("prj_tab_owner"): owners,
            ctx.t("prj_tab_sizes"): partial(show_chart, ctx, sizes, blocks),
        },
    )
