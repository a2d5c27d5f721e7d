"""The Projects page's own widgets: the goal filter that keeps ?goal= in the URL, and the two downloads.

The filters live in the URL so a link reproduces the view:
- ?goal=5&goal=2 — goal ids, written and read here (the same convention as the Goals page's ?goal=5; a widget
  bound with bind="query-params" would put its translated label in the URL and would block the Goals page from
  writing ?goal=, so the goal filter keeps the URL itself);
- ?owner=…&owner=…, ?amount=<min>&amount=<max>, ?q=<text> — widgets bound with bind="query-params".
"""

from __future__ import annotations

from datetime import date
from functools import partial

import streamlit as st

from malbild.export.tables import XLSX_MIME, to_csv, to_xlsx
from malbild.ui.chrome import Ctx
from malbild.views.projects import ProjectsView, goal_state, goal_url_values

GOAL_PARAM, GOAL_WIDGET = "goal", "prj_goal"  # ?goal=5&goal=2
OWNER_KEY, AMOUNT_KEY, TEXT_KEY = "owner", "amount", "q"  # bound to ?owner=, ?amount=, ?q=


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


def clear_filters(bounds: tuple[int, int]) -> None:
    """Reset every filter (bound widgets take their URL parameters with them)."""
    st.session_state.update({GOAL_WIDGET: [], OWNER_KEY: [], AMOUNT_KEY: bounds, TEXT_KEY: ""})
    goal_to_url()


def downloads(ctx: Ctx, view: ProjectsView) -> None:
    """CSV and Excel of the filtered rows, made only when a button is pressed (filtering stays quick)."""
    stamp, empty = date.today(), view.rows.empty
    help_text = ctx.t("prj_dl_disabled") if empty else ctx.t("prj_dl_help")
    for col, kind, make, mime in zip(
        st.columns(2), ("csv", "xlsx"), (to_csv, to_xlsx), ("text/csv", XLSX_MIME), strict=True
    ):
        col.download_button(
            ctx.t(f"prj_dl_{kind}"),
            data=partial(make, view.rows, view.filters, ctx.lang, stamp),
            file_name=f"malbild-projekt-{stamp.isoformat()}.{kind}",
            mime=mime,
            key=f"prj_dl_{kind}",
            on_click="ignore",
            disabled=empty,
            help=help_text,
        )
    st.caption(help_text)
