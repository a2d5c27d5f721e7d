"""Views shared by every session: built once per data revision and arguments, each session given its own copy."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from malbild.ui.store import data_key, query
from malbild.views.cache import ViewCache, cached_view

V = TypeVar("V")
VIEWS = ViewCache()
# Small texts (a folded source passage in one language): many per page, a few kB each, kept apart so that they
# never push a page's views out of VIEWS.
TEXTS = ViewCache(max_entries=1024)


def shared_view(build: Callable[..., V], *args: object, **kwargs: object) -> V:
    """Return build(query, *args, **kwargs), built once per data revision and arguments for every session.

    The key holds the builder, every argument (language, presentation mode, filters, ids) and data_key() (the
    report database's identity and the entries' revision), so a saved entry or a rebuilt database is seen by the
    next run of every session. Each session gets its own copy (see malbild/views/cache.py).
    """
    return cached_view(VIEWS, data_key(), build, query, *args, **kwargs)


def shared_text(build: Callable[..., str], *args: object) -> str:
    """Return build(query, *args), a text rendered once per data revision and arguments for every session (TEXTS)."""
    return cached_view(TEXTS, data_key(), build, query, *args)
