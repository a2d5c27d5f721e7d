"""Shared page chrome: language, presentation mode, navigation, charts with text alternatives and sources."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from malbild.i18n import LANGS, normalize_lang, t
from malbild.paths import REPO_ROOT
from malbild.store import database_status, query
from malbild.style import plotly_config

# Page files in navigation order, with their title keys.
PAGES: tuple[tuple[str, str], ...] = (
    ("app.py", "page_overview"),
    ("pages/1_Goals.py", "page_goals"),
    ("pages/2_Projects.py", "page_projects"),
    ("pages/3_Personnel.py", "page_personnel"),
    ("pages/4_Finance.py", "page_finance"),
    ("pages/5_Sources.py", "page_sources"),
)

BASE_CSS = """
<style>
/* Visible keyboard focus everywhere (WCAG 2.4.7). */
:focus-visible { outline: 3px solid #0b5fff !important; outline-offset: 2px !important; }
a { text-decoration: underline; }
.mb-grid { border-collapse: collapse; width: 100%; font-size: 1rem; }
.mb-grid th, .mb-grid td { border: 1px solid #8c959f; padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }
.mb-grid th { background: #f6f8fa; }
.mb-level { font-weight: 600; white-space: nowrap; border-left: 8px solid var(--lvl); }
.mb-gap { color: #57606a; font-style: italic; }
.mb-scroll { overflow-x: auto; max-width: 100%; }
</style>
"""

PRESENT_CSS = """
<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 22px !important; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stToolbar"],
[data-testid="stHeader"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stElementToolbar"] { display: none !important; }
[data-testid="stAppViewContainer"] { background: #ffffff; color: #000000; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 1rem !important; max-width: 100% !important; }
p, li, td, th, label, span, div { color: #000000; }
h1 { font-size: 2.2rem !important; } h2 { font-size: 1.8rem !important; } h3 { font-size: 1.5rem !important; }
[data-testid="stMetricValue"] { font-size: 2.6rem !important; }
[data-testid="stMetricLabel"] p { font-size: 1.2rem !important; }
.mb-grid { font-size: 1.25rem; }
</style>
"""


@dataclass(frozen=True)
class Ctx:
    """What every page needs to know about the session: language and presentation mode."""

    lang: str
    present: bool

    def t(self, key: str, **fields: object) -> str:
        """Translate a key into this session's language."""
        return t(key, self.lang, **fields)


def _from_url_or_session(name: str, parse, default):
    """Return a setting: the URL wins, then the session, then the default; remember it in the session."""
    if name in st.query_params:
        value = parse(st.query_params[name])
    else:
        value = st.session_state.get(f"_{name}", default)
    st.session_state[f"_{name}"] = value
    return value


def _parse_present(value: str) -> bool:
    """Read ?present=1 (or true/yes/on) as presentation mode."""
    return str(value).lower() in ("1", "true", "yes", "on")


def _sync_url(lang: str, present: bool) -> None:
    """Keep ?lang= and ?present= in the URL so the view can be shared."""
    if lang != "sv":
        st.query_params["lang"] = lang
    elif "lang" in st.query_params:
        del st.query_params["lang"]
    if present:
        st.query_params["present"] = "1"
    elif "present" in st.query_params:
        del st.query_params["present"]


def _on_lang_change() -> None:
    """Copy the language widget into the session setting and the URL."""
    st.session_state["_lang"] = normalize_lang(st.session_state.get("lang_widget"))
    _sync_url(st.session_state["_lang"], st.session_state.get("_present", False))


def _on_present_change() -> None:
    """Copy the presentation switch into the session setting and the URL."""
    st.session_state["_present"] = bool(st.session_state.get("present_widget"))
    _sync_url(st.session_state.get("_lang", "sv"), st.session_state["_present"])


def page_setup(title_key: str, wide: bool = True) -> Ctx:
    """Set up a page: config, language, presentation mode, navigation. Every page calls this first."""
    st.set_page_config(
        page_title=f"{t(title_key, normalize_lang(st.query_params.get('lang')))} · Målbild",
        page_icon="🎯",
        layout="wide" if wide else "centered",
        initial_sidebar_state="auto",
    )
    lang = _from_url_or_session("lang", normalize_lang, "sv")
    present = _from_url_or_session("present", _parse_present, False)
    _sync_url(lang, present)
    ctx = Ctx(lang, present)
    st.html(BASE_CSS)
    if present:
        st.html(PRESENT_CSS)
    # The html lang attribute, so screen readers pronounce Swedish as Swedish (WCAG 3.1.1).
    st.html(f"<script>document.documentElement.lang = '{lang}';</script>", unsafe_allow_javascript=True)
    with st.sidebar:
        st.markdown(f"### {t('app_short', lang)}")
        for path, key in PAGES:
            if not (REPO_ROOT / path).exists():
                continue
            st.page_link(path, label=t(key, lang), query_params=nav_params(ctx))
        st.divider()
        st.segmented_control(
            t("language", lang),
            options=list(LANGS),
            default=lang,
            format_func=lambda code: {"sv": "Svenska", "en": "English"}[code],
            key="lang_widget",
            on_change=_on_lang_change,
            required=True,
        )
        st.toggle(t("present_mode", lang), value=present, key="present_widget", on_change=_on_present_change)
        st.caption(t("app_tagline", lang))
    status = database_status()
    if status.startswith("kept"):
        st.info(t("db_kept", lang))
    return ctx


def nav_params(ctx: Ctx, **extra: object) -> dict[str, str]:
    """Query parameters that carry language and presentation mode to another page."""
    params = {k: str(v) for k, v in extra.items()}
    if ctx.lang != "sv":
        params["lang"] = ctx.lang
    if ctx.present:
        params["present"] = "1"
    return params


def source_note(ctx: Ctx, source_lines: str | list[str], label: str | None = None) -> None:
    """Show where a figure comes from: an expander with the source lines and the quoted passage."""
    if isinstance(source_lines, (list, tuple, pd.Series)):
        source_lines = ";".join(dict.fromkeys(s for s in source_lines if s))
    if not source_lines:
        return
    with st.expander(f"{label or ctx.t('show_source')} · {ctx.t('source_caption', lines=source_lines)}"):
        passage = query("source_passage", source_lines=source_lines)
        st.markdown("\n".join(f"> `{int(n)}` {text.strip()}  " for n, text in passage.itertuples(index=False)))


def chart(
    ctx: Ctx,
    fig: go.Figure,
    data: pd.DataFrame,
    alt: str,
    source_lines: str | list[str] | None = None,
    key: str | None = None,
) -> None:
    """Draw a chart with its text alternative, its data as a table and its source."""
    st.plotly_chart(fig, config=plotly_config(ctx.lang, ctx.present), alt=alt, key=key, theme=None)
    st.caption(alt)
    if not ctx.present:
        with st.expander(ctx.t("chart_data_table")):
            st.dataframe(data, hide_index=True)
        if source_lines is not None:
            source_note(ctx, source_lines)


def url_selectbox(label: str, options: dict, key: str, default=None):
    """A selectbox whose value lives in the URL as ?key=<option> (e.g. ?goal=5), shown by its label."""
    choices = list(options)
    by_text = {str(c): c for c in choices}
    raw = st.query_params.get(key)
    widget_key = f"{key}_widget"
    if raw in by_text and st.session_state.get(widget_key) != by_text[raw]:
        st.session_state[widget_key] = by_text[raw]
    elif widget_key in st.session_state and st.session_state[widget_key] not in choices:
        del st.session_state[widget_key]
    start = by_text.get(raw, default if default in choices else choices[0])

    def remember() -> None:
        """Write the new choice into the URL."""
        st.query_params[key] = str(st.session_state[widget_key])

    value = st.selectbox(label, choices, index=choices.index(start), format_func=options.get, key=widget_key,
                         on_change=remember)
    st.query_params[key] = str(value)
    return value
