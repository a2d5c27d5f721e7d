"""Views shared by every session: built once per data revision and arguments, each session given its own copy."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from malbild.ui.store import data_key, query
from malbild.views.cache import ViewCache, cached_view

V = TypeVar("V")
P = ParamSpec("P")


class SharedHtml(str):
    """An HTML block rendered once and shown to every session: a str, which st.html takes through `_repr_html_`.

    For a plain string st.html dedents and strips the whole block on every call (Streamlit's clean_text, about
    0.5 ms for 30 kB); this block did it once, when it was made, so every session sends exactly the same text.
    """

    def __new__(cls, html: str) -> SharedHtml:
        block = super().__new__(cls, html)
        cleaned = textwrap.dedent(html).strip()  # what streamlit.string_util.clean_text does to a plain string
        block.__dict__["_shown"] = None if cleaned == html else cleaned
        return block

    def _repr_html_(self) -> str:
        """The block as st.html shows it."""
        shown = self.__dict__["_shown"]
        return str.__str__(self) if shown is None else str(shown)


def shared_html(html: str) -> SharedHtml:
    """An HTML block built once for every session (see SharedHtml); '' stays ''."""
    return html if isinstance(html, SharedHtml) else SharedHtml(html)


VIEWS = ViewCache()
# Small texts (a folded source passage in one language): many per page, a few kB each, kept apart so that they
# never push a page's views out of VIEWS.
TEXTS = ViewCache(max_entries=1024)


def shared_view(build: Callable[Concatenate[Any, P], V], *args: P.args, **kwargs: P.kwargs) -> V:
    """Return build(query, *args, **kwargs), built once per data revision and arguments for every session.

    The key holds the builder, every argument (language, presentation mode, filters, ids) and data_key() (the
    report database's identity and the entries' revision), so a saved entry or a rebuilt database is seen by the
    next run of every session. Each session gets its own copy (see malbild/views/cache.py).
    """
    return cached_view(VIEWS, data_key(), build, query, *args, **kwargs)


def shared_text(build: Callable[..., str], *args: object) -> str:
    """Return build(query, *args), an HTML block (a SharedHtml) rendered once per data revision and arguments for
    every session (TEXTS)."""
    return cached_view(TEXTS, data_key(), build, query, *args)
