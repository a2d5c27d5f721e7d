"""Shared page chrome: language, presentation mode, navigation, charts with text alternatives and sources."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from malbild.charts.style import plotly_config
from malbild.data.source_lines import format_ranges, merge_ranges
from malbild.data.store import database_status, query
from malbild.paths import REPO_ROOT
from malbild.texts import LANGS, normalize_lang, t
from malbild.views.base import ChartView, Metric

# Page files in navigation order, with their title keys.
PAGES: tuple[tuple[str, str], ...] = (
    ("app.py", "page_overview"),
    ("pages/1_Goals.py", "page_goals"),
    ("pages/2_Projects.py", "page_projects"),
    ("pages/3_Personnel.py", "page_personnel"),
    ("pages/4_Finance.py", "page_finance"),
    ("pages/5_Sources.py", "page_sources"),
    ("pages/6_Walkthrough.py", "page_walkthrough"),
)

BASE_CSS = """
<style>
/* Visible keyboard focus everywhere (WCAG 2.4.7): a thick outline plus a white halo, so it shows on any colour. */
:focus-visible, [data-testid="stSidebar"] a:focus-visible, [data-testid="stMain"] a:focus-visible,
button:focus-visible, [role="button"]:focus-visible, [role="tab"]:focus-visible, summary:focus-visible,
input:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid #0b5fff !important; outline-offset: 2px !important; box-shadow: 0 0 0 5px #ffffff !important;
}
a { text-decoration: underline; }
/* Contrast (WCAG 1.4.3): Streamlit's captions and quotes (text at opacity 0.6, about 4.2:1) and the selected segment of a segmented control
   (primary blue on light blue, 4.2:1) are too faint; darker text keeps 4.5:1 or more. */
[data-testid="stCaptionContainer"] { opacity: 1 !important; color: #57606a !important; }
[data-testid="stMarkdownContainer"] blockquote { opacity: 1 !important; color: #3d444d; }
[data-testid="stButtonGroup"] button[data-selected="true"], [data-testid="stButtonGroup"] button[data-selected="true"] * {
  color: #0033aa !important; }
/* Inline code (source line numbers) is drawn at 0.75em by Streamlit: too small on a phone. */
[data-testid="stMarkdownContainer"] code { font-size: 0.9em; }
/* Elements that only run a script take no room (and no gap). */
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) { display: none !important; }
.mb-grid { border-collapse: collapse; width: 100%; font-size: 1rem; }
.mb-grid th, .mb-grid td { border: 1px solid #8c959f; padding: 0.4rem 0.5rem; text-align: left; vertical-align: top; }
.mb-grid th { background: #f6f8fa; }
.mb-grid caption { text-align: left; caption-side: top; padding-bottom: 0.3rem; color: #1f2328; }
.mb-level { font-weight: 600; white-space: nowrap; border-left: 8px solid var(--lvl); }
.mb-gap { color: #57606a; font-style: italic; }
.mb-scroll { overflow-x: auto; max-width: 100%; }
/* Walk-through: the step's key figures as large cards, the one message in large type. */
.mb-kf { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: 0.5rem;
  margin: 0 !important; padding: 0 !important; }
.st-key-wk_body .mb-kf { grid-template-columns: 1fr; }
.mb-kf > div { border: 2px solid #57606a; border-radius: 0.4rem; padding: 0.25rem 0.6rem; background: #ffffff; }
.mb-kf dt { font-size: 0.95rem; font-weight: 600; color: #1f2328; line-height: 1.25; }
.mb-kf dd { margin: 0.1rem 0 0 0 !important; font-size: 1.3rem; font-weight: 700; color: #000000; line-height: 1.2;
  overflow-wrap: anywhere; }
.mb-msg { font-size: 1.25rem; font-weight: 600; line-height: 1.35; margin: 0; color: #000000; }
.mb-stepno { font-size: 1rem; font-weight: 600; text-align: center; margin: 0; padding-top: 0.45rem; color: #1f2328; }
/* Phones: long words and wide tables must not make the page scroll sideways (WCAG 1.4.10). */
@media (max-width: 640px) {
  [data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] h1, [data-testid="stMain"] h2,
  [data-testid="stMain"] h3, [data-testid="stMain"] td, [data-testid="stMain"] th { overflow-wrap: anywhere; }
  .mb-level { white-space: normal; }
  .mb-kf dd { font-size: 1.2rem; }
}
</style>
"""

# Presentation mode, checked against the DOM of Streamlit 1.67: Streamlit sizes its type in rem, so the root font
# size sets the base (22 px); elements it draws smaller (captions 0.875rem, code, metric deltas, expander titles)
# are raised to at least 20 px. Sidebar, header, toolbars and heading anchors are hidden; text is black on white.
# Every chart is kept within the screen height: Streamlit fixes the element's height with `flex: 0 0 <h>px`, so the
# element box follows the chart's own (capped) height instead, and Plotly (responsive) redraws at that height.
PRESENT_CSS = """
<style>
html { font-size: 22px !important; }
body, [data-testid="stApp"], [data-testid="stAppViewContainer"] { font-size: 1rem; background: #ffffff !important;
  color: #000000; }
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
[data-testid="stMainMenu"], [data-testid="stAppDeployButton"], [data-testid="stElementToolbar"],
[data-testid="stHeaderActionElements"], .modebar-container { display: none !important; }
[data-testid="stMain"] { background: #ffffff; }
[data-testid="stMainBlockContainer"], .block-container {
  padding: 0.75rem 1.5rem 1rem 1.5rem !important; max-width: 100% !important; }
[data-testid="stMain"] :is(p, li, td, th, label, span, div, dt, dd, summary, caption, small):not(button *,
  [role="button"] *, [data-baseweb="tag"] *) { color: #000000; }
[data-testid="stMain"] a, [data-testid="stMain"] a * { color: #0033cc !important; }
[data-testid="stMain"] h1 { font-size: 2rem !important; padding: 0.25rem 0 0.5rem 0 !important; }
[data-testid="stMain"] h2 { font-size: 1.6rem !important; }
[data-testid="stMain"] h3 { font-size: 1.35rem !important; }
[data-testid="stMain"] h1, [data-testid="stMain"] h2, [data-testid="stMain"] h3 { color: #000000 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] *,
[data-testid="stMetricDelta"], [data-testid="stMetricDelta"] *, [data-testid="stExpander"] summary,
[data-testid="stExpander"] summary *, [data-testid="stMain"] code, [data-testid="stMain"] small,
[data-testid="stWidgetLabel"], [data-testid="stWidgetLabel"] *, [data-testid="stTooltipContent"] *,
[data-testid="stMain"] button, [data-testid="stMain"] button *, [data-testid="stPageLink"] *,
[data-testid="stAlertContainer"] *, [data-testid="stMain"] table *, [data-testid="stMain"] [role="tab"] *,
[data-testid="stMain"] [data-testid^="stSlider"], [data-testid="stMain"] [data-testid^="stSlider"] * {
  font-size: max(20px, 0.95rem) !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] *, [data-testid="stMetricDelta"] *,
[data-testid="stExpander"] summary *, [data-testid="stWidgetLabel"] * { color: #000000 !important; }
[data-testid="stMetricValue"] { font-size: 2.3rem !important; }
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] p { font-size: 1.1rem !important; }
.mb-grid { font-size: 1.1rem; }
.mb-grid th, .mb-grid td { border: 2px solid #000000; }
.mb-gap { color: #000000; }
[data-testid="stElementContainer"]:has([data-testid="stPlotlyChart"]) {
  height: auto !important; flex: 0 0 auto !important; }
[data-testid="stFullScreenFrame"]:has(> [data-testid="stPlotlyChart"]) { height: auto !important; }
[data-testid="stPlotlyChart"] { max-height: calc(100dvh - 2rem) !important; }
.st-key-mb_exit { position: fixed !important; top: 0; right: 0.5rem; z-index: 1000; width: auto !important; }
.st-key-mb_exit button { min-height: 28px; padding: 0 0.25rem; background: #ffffff; }
.st-key-mb_exit button p { font-size: 20px !important; line-height: 28px; }
</style>
"""

# Fills the screen height left over by the rest of the page with one chart (see fill_screen).
_FILL_CSS = """
<style>
[data-testid="stMainBlockContainer"] { height: 100dvh; box-sizing: border-box; display: flex; flex-direction: column; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] { flex: 1 1 auto; min-height: 0; gap: 0.6rem; }
[data-testid="stMainBlockContainer"] h1 { padding: 0 !important; }
/* Every box on the way down to the chart grows into the height the rest leaves ... */
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"]
  :is([data-testid="stLayoutWrapper"], [data-testid="stVerticalBlock"], [data-testid="stHorizontalBlock"]):has(.st-key-KEY) {
  flex: 1 1 0 !important; min-height: 0 !important; }
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] [data-testid="stColumn"]:has(.st-key-KEY) {
  display: flex !important; flex-direction: column !important; min-height: 0 !important; }
/* ... and so does the chart, down to a readable minimum. */
[data-testid="stMainBlockContainer"] > [data-testid="stVerticalBlock"] .st-key-KEY[data-testid="stElementContainer"] {
  flex: 1 1 0 !important; min-height: MINpx !important; height: auto !important; }
[data-testid="stMainBlockContainer"] .st-key-KEY [data-testid="stFullScreenFrame"],
[data-testid="stMainBlockContainer"] .st-key-KEY [data-testid="stPlotlyChart"] {
  height: 100% !important; max-height: none !important; }
</style>
"""

# The walk-through's arrow keys: ← and → click the Previous and Next buttons (found by their keys' classes, else by
# their accessible labels). Keys typed into a field, a menu or a slider, and keys with modifiers, are left alone.
_ARROW_KEYS_JS = """
<script>
(() => {
  const doc = window.parent && window.parent.document ? window.parent.document : document;
  const conf = {prev: %(prev)s, next: %(next)s, prevLabel: %(prev_label)s, nextLabel: %(next_label)s};
  window.__mbArrowConf = conf;
  if (window.__mbArrowKeys) return;
  window.__mbArrowKeys = true;
  const find = (key, label) => {
    const byKey = doc.querySelector('.st-key-' + key + ' button');
    if (byKey) return byKey;
    for (const b of doc.querySelectorAll('[data-testid="stMain"] button')) {
      const name = (b.getAttribute('aria-label') || b.innerText || '').trim();
      if (name === label) return b;
    }
    return null;
  };
  const typing = (el) => {
    if (!el) return false;
    if (el.isContentEditable) return true;
    const tag = el.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT') return true;
    const role = el.getAttribute && el.getAttribute('role');
    return ['textbox', 'combobox', 'listbox', 'slider', 'spinbutton', 'menu', 'menuitem', 'option', 'grid',
            'gridcell', 'radiogroup', 'tablist', 'tab'].includes(role);
  };
  doc.addEventListener('keydown', (ev) => {
    if (ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    if (ev.key !== 'ArrowLeft' && ev.key !== 'ArrowRight') return;
    if (typing(doc.activeElement)) return;
    const c = window.__mbArrowConf;
    const button = ev.key === 'ArrowLeft' ? find(c.prev, c.prevLabel) : find(c.next, c.nextLabel);
    if (!button || button.disabled) return;
    ev.preventDefault();
    button.click();
  });
})();
</script>
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


def _exit_present() -> None:
    """Leave presentation mode (the sidebar with its switch is hidden there)."""
    st.session_state["_present"] = False
    st.session_state["present_widget"] = False
    _sync_url(st.session_state.get("_lang", "sv"), False)


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
        # Fixed in the top right corner (see PRESENT_CSS), so it takes no room from the one screen of content.
        with st.container(key="mb_exit"):
            st.button(f"✕ {t('present_exit', lang)}", key="present_exit", on_click=_exit_present, type="tertiary")
    # The html lang attribute, so screen readers pronounce Swedish as Swedish (WCAG 3.1.1).
    st.html(f"<script>document.documentElement.lang = '{lang}';</script>", unsafe_allow_javascript=True)
    with st.sidebar:
        st.markdown(f"**{t('app_short', lang)}**")
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
    if status.kept:
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


def fill_screen(ctx: Ctx, key: str, min_px: int = 220) -> None:
    """In presentation mode, let the chart drawn with `key` take the screen height the rest of the page leaves.

    The page's content must then fit the screen: the chart shrinks (down to min_px) so nothing scrolls. Outside
    presentation mode nothing changes (the chart keeps its figure height).
    """
    if ctx.present:
        st.html(_FILL_CSS.replace("KEY", key).replace("MIN", str(int(min_px))))


def arrow_keys(prev_key: str, next_key: str, prev_label: str, next_label: str) -> None:
    """Let ← and → click the buttons with these keys (or, failing that, these accessible labels)."""
    import json

    st.html(
        _ARROW_KEYS_JS % {"prev": json.dumps(prev_key), "next": json.dumps(next_key),
                          "prev_label": json.dumps(prev_label), "next_label": json.dumps(next_label)},
        unsafe_allow_javascript=True,
    )


MAX_PASSAGE_LINES = 80


def source_note(ctx: Ctx, source_lines: str | list[str], label: str | None = None) -> None:
    """Show where a figure comes from: an expander with the source lines and the quoted passage."""
    ranges = merge_ranges(source_lines)
    if not ranges:
        return
    with st.expander(f"{label or ctx.t('show_source')} · {ctx.t('source_caption', lines=format_ranges(ranges))}"):
        spec = ";".join(f"{a}-{b}" for a, b in ranges)
        passage = query("source_passage", source_lines=spec)
        shown = passage.head(MAX_PASSAGE_LINES)
        st.markdown("\n".join(f"> `{int(n)}` {text.strip()}  " for n, text in shown.itertuples(index=False)))
        if len(passage) > len(shown):
            st.caption(ctx.t("source_more", n=len(passage) - len(shown)))


def chart(
    ctx: Ctx,
    fig: go.Figure,
    data: pd.DataFrame,
    alt: str,
    source_lines: str | list[str] | None = None,
    key: str | None = None,
) -> None:
    """Draw a chart with its text alternative, its data as a table and its source."""
    st.plotly_chart(fig, config=plotly_config(ctx.present), alt=alt, key=key, theme=None)
    st.caption(alt)
    if not ctx.present:
        with st.expander(ctx.t("chart_data_table")):
            st.table(data, hide_index=True)
        if source_lines is not None:
            source_note(ctx, source_lines)


def show_chart(ctx: Ctx, view: ChartView) -> None:
    """Draw a view's chart with its text alternative, its data as a table, its source and its note."""
    chart(ctx, view.figure, view.data, view.alt, view.source_lines or None, key=view.key or None)
    if view.note:
        st.caption(view.note)


def show_metrics(metrics: list[Metric], columns: int | None = None, border: bool = False) -> None:
    """Show key figures side by side (wrapping after `columns`)."""
    if not metrics:
        return
    cols = st.columns(min(len(metrics), columns or len(metrics)))
    for i, m in enumerate(metrics):
        cols[i % len(cols)].metric(m.label, m.value, delta=m.delta, delta_color="off", delta_arrow=m.arrow,
                                   help=m.help, border=border)


def url_selectbox(label: str, options: dict, key: str, default=None):
    """A selectbox whose value lives in the URL as ?key=<option> (e.g. ?goal=5), shown by its label."""
    choices = list(options)
    by_text = {str(c): c for c in choices}
    raw = st.query_params.get(key)
    widget_key = f"{key}_widget"
    if raw in by_text:
        st.session_state[widget_key] = by_text[raw]
    elif st.session_state.get(widget_key) not in choices:
        st.session_state[widget_key] = default if default in choices else choices[0]

    def remember() -> None:
        """Write the new choice into the URL."""
        st.query_params[key] = str(st.session_state[widget_key])

    value = st.selectbox(label, choices, format_func=options.get, key=widget_key, on_change=remember)
    st.query_params[key] = str(value)
    return value
