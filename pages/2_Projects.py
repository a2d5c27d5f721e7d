"""Projekt / Projects: the granted projects, filtered by goal, owner, amount and name; totals, charts, downloads.

The filters live in the URL so a link reproduces the view:
- ?goal=5&goal=2 — goal ids, written and read by this page (the same convention as the Goals page's ?goal=5;
  a widget bound with bind="query-params" would put its translated label in the URL and would block the
  Goals page from writing ?goal=, so the goal filter keeps the URL itself);
- ?owner=…&owner=…, ?amount=<min>&amount=<max>, ?q=<text> — widgets bound with bind="query-params".
"""

from datetime import date
from functools import partial

import streamlit as st

from malbild import fmt
from malbild.data.store import query
from malbild.export.tables import XLSX_MIME, to_csv, to_xlsx
from malbild.texts.safe import md, md_frame
from malbild.ui.chrome import page_setup
from malbild.ui.widgets import show_chart, show_metrics, source_note
from malbild.views.projects import (
    AMOUNT_STEP,
    TOP_OWNERS,
    ProjectFilters,
    clean_text,
    goal_state,
    goal_url_values,
    project_choices,
    projects_view,
    reversed_range,
)

GOAL_PARAM, GOAL_WIDGET = "goal", "prj_goal"  # ?goal=5&goal=2
OWNER_KEY, AMOUNT_KEY, TEXT_KEY = "owner", "amount", "q"  # bound to ?owner=, ?amount=, ?q=

ctx = page_setup("page_projects")
st.title(ctx.t("ds_project_grant"))
st.caption(ctx.t("prj_intro"))
choices = project_choices(query, ctx.lang)

# The goal filter keeps ?goal= itself: the URL wins when present (a shared link), then the widget's state.
url_goals = st.query_params.get_all(GOAL_PARAM) if GOAL_PARAM in st.query_params else None
wanted, bad_goals = goal_state(url_goals, st.session_state.get(GOAL_WIDGET), list(choices.labels))
if wanted is None:
    st.session_state.pop(GOAL_WIDGET, None)
elif wanted != st.session_state.get(GOAL_WIDGET):
    st.session_state[GOAL_WIDGET] = wanted


def _goal_to_url() -> None:
    """Write the chosen goals into the URL as ids, or drop ?goal= when none is chosen."""
    values = goal_url_values(st.session_state.get(GOAL_WIDGET))
    if values:
        st.query_params[GOAL_PARAM] = values
    elif GOAL_PARAM in st.query_params:
        del st.query_params[GOAL_PARAM]


def _clear_filters() -> None:
    """Reset every filter (bound widgets take their URL parameters with them)."""
    st.session_state.update({GOAL_WIDGET: [], OWNER_KEY: [], AMOUNT_KEY: choices.bounds, TEXT_KEY: ""})
    _goal_to_url()


st.header(ctx.t("prj_filters"))
left, right = st.columns(2)
goal_ids = left.multiselect(
    ctx.t("goal"),
    options=list(choices.labels),
    format_func=choices.labels.get,
    key=GOAL_WIDGET,
    on_change=_goal_to_url,
    placeholder=ctx.t("prj_all_goals"),
)
_goal_to_url()
owners = right.multiselect(
    ctx.t("owner"), options=choices.owners, key=OWNER_KEY, bind="query-params", placeholder=ctx.t("prj_all_owners_ph")
)
left, right = st.columns(2)
# The slider takes no default once it has a state (set by _clear_filters), so Streamlit warns of no conflict.
chosen_range = left.slider(
    ctx.t("amount_sek"),
    min_value=choices.bounds[0],
    max_value=choices.bounds[1],
    value=None if AMOUNT_KEY in st.session_state else choices.bounds,
    step=AMOUNT_STEP,
    format="%d kr" if ctx.lang == "sv" else "SEK %d",
    key=AMOUNT_KEY,
    bind="query-params",
)
left.caption(ctx.t("prj_amount_chosen", lo=fmt.sek(chosen_range[0], ctx.lang), hi=fmt.sek(chosen_range[1], ctx.lang)))
text = right.text_input(ctx.t("prj_f_text"), key=TEXT_KEY, bind="query-params", placeholder=ctx.t("prj_f_text_ph"))
right.button(ctx.t("prj_clear"), on_click=_clear_filters, key="prj_clear")

if bad_goals:
    st.warning(ctx.t("prj_bad_goal", values=", ".join(f"”{md(v[:40])}”" for v in bad_goals[:5])))
if reversed_range(chosen_range):
    st.warning(ctx.t("prj_bad_range", lo=fmt.sek(chosen_range[0], ctx.lang), hi=fmt.sek(chosen_range[1], ctx.lang)))
    chosen_range = choices.bounds
show_all = st.session_state.get("prj_all_owners", False)
filters = ProjectFilters(list(goal_ids), list(owners), tuple(chosen_range), clean_text(text))
view = projects_view(query, choices, filters, ctx.lang, ctx.present, top_n=None if show_all else TOP_OWNERS)
st.caption(
    f"**{md(ctx.t('exp_filters'))}:** " + " · ".join(f"{md(label)}: {md(value)}" for label, value in view.filters)
)

show_metrics(view.metrics)
if view.stated is not None:
    (st.caption if view.stated.matches else st.warning)(view.stated.message)

if view.rows.empty:
    st.info(ctx.t("no_rows"))
else:
    st.header(ctx.t("prj_table"))
    cols = view.table_columns
    st.dataframe(
        view.table.style.format({cols["amount_sek"]: lambda v: fmt.sek(v, ctx.lang)}),
        hide_index=True,
        key="prj_table",
        column_config={
            cols["goal"]: st.column_config.TextColumn(width="medium"),
            cols["project"]: st.column_config.TextColumn(width="large"),
            cols["amount_sek"]: st.column_config.NumberColumn(help=ctx.t("prj_table_help")),
        },
    )
    st.caption(ctx.t("prj_table_help"))
    source_note(ctx, view.rows["source_lines"].tolist(), label=ctx.t("prj_table_source"))

# Downloads of the filtered rows; the files are made only when a button is pressed.
st.header(ctx.t("prj_download"))
stamp, empty = date.today(), view.rows.empty
help_text = ctx.t("prj_dl_disabled") if empty else ctx.t("prj_dl_help")
d1, d2 = st.columns(2)
for col, kind, make, mime in ((d1, "csv", to_csv, "text/csv"), (d2, "xlsx", to_xlsx, XLSX_MIME)):
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

if view.charts:
    st.header(ctx.t("prj_charts"))
    by_goal, by_owner, sizes = view.charts
    tab_goal, tab_owner, tab_sizes = st.tabs([ctx.t("prj_tab_goal"), ctx.t("prj_tab_owner"), ctx.t("prj_tab_sizes")])
    with tab_goal:
        show_chart(ctx, by_goal)
    with tab_owner:
        st.toggle(ctx.t("prj_all_owners"), key="prj_all_owners")
        show_chart(ctx, by_owner)
    with tab_sizes:
        show_chart(ctx, sizes)

# Context: what the report says about each chosen goal's whole portfolio.
st.header(ctx.t("prj_portfolio"))
st.caption(ctx.t("prj_portfolio_intro"))
st.table(md_frame(view.portfolio), hide_index=True, alt=ctx.t("prj_portfolio_alt"))
source_note(ctx, view.portfolio_source_lines)
