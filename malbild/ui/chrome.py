"""Page chrome: settings, language, presentation mode, navigation, the CSS and the walk-through's arrow keys."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import streamlit as st

from malbild.paths import REPO_ROOT
from malbild.texts import DEFAULT_LANG, families, languages, normalize_lang, t
from malbild.ui.account import account_box, role
from malbild.ui.cached import SharedHtml, shared_html, shared_view
from malbild.ui.registry import Page, navigation, query_params
from malbild.ui.store import DatabaseUnavailable, database_status, entries_unavailable
from malbild.views.coverage import coverage_texts

HERE = Path(__file__).resolve().parent

STORE_REASONS = ("build_failed", "unwritable", "directory", "locked", "unreadable", "entered")


def _reason(key: str, lang: str) -> str:
    """A failure reason as a plain phrase (details are in the server log)."""
    return t(families.DB_REASON[key] if key in STORE_REASONS else families.DB_REASON["build_failed"], lang)


@cache
def asset(name: str) -> str:
    """Read one of the UI's own files (css/*.css, arrow_keys.js, head.js) once."""
    return (HERE / name).read_text(encoding="utf-8")


@cache
def style_block(name: str) -> str:
    """One of the UI's style sheets as the style block st.html sends, made once (see cached.SharedHtml)."""
    return shared_html(f"<style>{asset(name)}</style>")


# Streamlit's browser code for a Plotly chart (4.7 MB in 1.67), fetched lazily when the first chart arrives.
PLOTLY_MODULE = "PlotlyChart"


@cache
def lazy_modules(*names: str) -> tuple[str, ...]:
    """The file names of Streamlit's lazily loaded browser modules with these names in the installed Streamlit
    (PlotlyChart -> 'PlotlyChart.D9Z0_fxz.js'); a name this Streamlit does not have is left out."""
    folder = Path(st.__file__).resolve().parent / "static" / "static" / "js"
    return tuple(sorted(found.name for name in names for found in folder.glob(f"{name}.*.js")))


@cache
def head_script(lang: str, charts: bool) -> SharedHtml:
    """The script every page sends first: the html lang attribute (so screen readers pronounce Swedish as Swedish,
    WCAG 3.1.1) and, on a page with charts, Plotly's browser code fetched at once, while the rest of the page
    arrives, instead of when the chart does (docs/benchmarks.md)."""
    modules = lazy_modules(PLOTLY_MODULE) if charts else ()
    text = asset("head.js") % {"lang": json.dumps(lang), "modules": json.dumps(list(modules))}
    return shared_html(f"<script>{text}</script>")


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
    if lang != DEFAULT_LANG:
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


def _leave_present() -> None:
    """Leave presentation mode (the sidebar with its switch is hidden there)."""
    st.session_state["_present"] = False
    st.session_state["present_widget"] = False
    _sync_url(st.session_state.get("_lang", DEFAULT_LANG), False)


def _on_present_change() -> None:
    """Copy the presentation switch into the session setting and the URL."""
    st.session_state["_present"] = bool(st.session_state.get("present_widget"))
    _sync_url(st.session_state.get("_lang", DEFAULT_LANG), st.session_state["_present"])


def page_setup(page: Page, wide: bool = True, tagline: bool = True) -> Ctx:
    """Set up a page (its entry in malbild.ui.registry): config, language, presentation mode, navigation. Every
    page calls this first.

    `tagline=False` leaves the tagline out of the sidebar, for a page that shows it under its title (the overview)."""
    st.set_page_config(
        page_title=f"{t(page.title_key, normalize_lang(st.query_params.get('lang')))} · Målbild",
        page_icon="🎯",
        layout="wide" if wide else "centered",
        initial_sidebar_state="auto",
    )
    lang = _from_url_or_session("lang", normalize_lang, DEFAULT_LANG)
    present = _from_url_or_session("present", _parse_present, False)
    _sync_url(lang, present)
    ctx = Ctx(lang, present)
    st.html(head_script(lang, page.charts), unsafe_allow_javascript=True)
    st.html(style_block("css/base.css"))
    if present:
        st.html(style_block("css/present.css"))
        # In a strip of its own at the top right (present.css): it scrolls away with the page, covering nothing.
        with st.container(key="mb_exit"):
            st.button(f"✕ {t('present_exit', lang)}", key="present_exit", on_click=_leave_present, type="tertiary")
    with st.sidebar:
        st.markdown(f"**{t('app_short', lang)}**")
        for other in navigation(editor=role() == "editor"):
            if (REPO_ROOT / other.file).exists():
                label, icon = t(other.title_key, lang), "✏️" if other.editor else None
                st.page_link(other.file, label=label, icon=icon, query_params=nav_params(ctx))
        account_box(lang)
        st.divider()
        st.segmented_control(
            t("language", lang),
            options=list(languages()),
            default=lang,
            format_func=lambda code: languages()[code].name,
            key="lang_widget",
            on_change=_on_lang_change,
            required=True,
        )
        st.toggle(t("present_mode", lang), value=present, key="present_widget", on_change=_on_present_change)
    try:
        status = database_status()
    except DatabaseUnavailable as exc:
        st.error(t("db_unavailable", lang, reason=_reason(exc.reason, lang)))
        st.stop()
    if tagline:  # names the years and reports the data holds, so it is read once the database is there
        st.sidebar.caption(shared_view(coverage_texts, lang).tagline)
    if status.kept:
        st.info(t("db_kept", lang))
    elif status.stale:
        st.warning(t("db_stale", lang, reason=_reason(status.reason, lang)))
    if entries_unavailable():
        st.warning(t("entries_unavailable", lang))
    return ctx


def nav_params(ctx: Ctx, **extra: object) -> dict[str, str]:
    """Query parameters that carry language and presentation mode to another page."""
    params = {k: str(v) for k, v in extra.items()}
    if ctx.lang != DEFAULT_LANG:
        params["lang"] = ctx.lang
    if ctx.present:
        params["present"] = "1"
    return params


def page_link(ctx: Ctx, page: Page, label: str, icon: str | None = None, **params: object) -> None:
    """A link to another page of the app, carrying language and presentation mode (and `params`, which the page
    must read: malbild.ui.registry)."""
    st.page_link(page.file, label=label, icon=icon, query_params=query_params(page, **nav_params(ctx, **params)))


def fill_screen(ctx: Ctx, key: str, min_px: int = 220) -> None:
    """In presentation mode, let the chart drawn with `key` take the screen height the rest of the page leaves.

    The page's content must then fit the screen: the chart shrinks (down to min_px) so nothing scrolls. Outside
    presentation mode nothing changes (the chart keeps its figure height).
    """
    if ctx.present:
        st.html("<style>" + asset("css/fill.css").replace("KEY", key).replace("MIN", str(int(min_px))) + "</style>")


def arrow_keys(prev_key: str, next_key: str, prev_label: str, next_label: str, page_keys: bool = False) -> None:
    """Let ← and → click the buttons with these keys (or, failing that, these accessible labels); with `page_keys`
    (presenting: every step fits the screen, nothing to scroll) PageUp and PageDown too, as presentation clickers
    send them."""
    st.html(
        "<script>"
        + asset("arrow_keys.js")
        % {
            "prev": json.dumps(prev_key),
            "next": json.dumps(next_key),
            "prev_label": json.dumps(prev_label),
            "next_label": json.dumps(next_label),
            "page_keys": json.dumps(page_keys),
        }
        + "</script>",
        unsafe_allow_javascript=True,
    )
