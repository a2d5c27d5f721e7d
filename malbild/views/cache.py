"""One view for every viewer: a process-wide cache of built views, handing each session its own copy.

A page's view depends only on its arguments (page, language, presentation mode, filters) and on the data (the
report database and the entries' revision), so the server builds it once per key instead of once per session. What
the cache holds is never handed out: each caller gets a copy whose tables are their own (pandas copy-on-write) and
whose charts are `PrebuiltFigure`s, immutable Plotly JSON drawn once. Nothing here touches Streamlit.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Concatenate, ParamSpec, TypeVar

import pandas as pd
import plotly.graph_objects as go
import plotly.io

V = TypeVar("V")
P = ParamSpec("P")
MAX_VIEWS = 48


class Uncacheable(TypeError):
    """An argument has no stable value to key a cache on (e.g. a DataFrame): the view is built for this caller."""


def figure_json(fig: go.Figure) -> str:
    """A figure as st.plotly_chart sends it: Plotly JSON of the figure's dict, not validated again."""
    return plotly.io.to_json(fig.to_dict(), validate=False)


class PrebuiltFigure(go.Figure):
    """A drawn figure carried as its JSON: st.plotly_chart reads it through to_dict(), like any go.Figure.

    Built without go.Figure's validation (that is the cost it saves); it holds a string, so no session can change
    what another is shown. It is for drawing only: the deck and the snapshot draw real figures.
    """

    def __init__(self, spec: str) -> None:  # pylint: disable=super-init-not-called
        self.__dict__["_spec"] = spec

    def to_dict(self) -> dict:
        """A fresh dict of the figure (the caller may change it)."""
        return json.loads(self.__dict__["_spec"])

    def to_plotly_json(self) -> dict:
        """The figure as Plotly's JSON encoder asks for it."""
        return self.to_dict()

    def to_json(self, *args: Any, **kwargs: Any) -> str:
        """The figure's JSON."""
        return str(self.__dict__["_spec"])

    def __repr__(self) -> str:
        return f"PrebuiltFigure({len(self.__dict__['_spec'])} characters)"


def freeze(value: Any) -> Hashable:
    """A hashable, order-keeping stand-in for an argument; Uncacheable for values without one."""
    if value is None or isinstance(value, (str, int, float, bool, bytes)):
        return (type(value).__name__, value)
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, tuple(freeze(v) for v in value))
    if isinstance(value, (set, frozenset)):
        return ("set", tuple(sorted((freeze(v) for v in value), key=repr)))
    if isinstance(value, dict):
        return ("dict", tuple((freeze(k), freeze(v)) for k, v in value.items()))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = tuple((f.name, freeze(getattr(value, f.name))) for f in dataclasses.fields(value))
        return (f"{type(value).__module__}.{type(value).__qualname__}", fields)
    raise Uncacheable(type(value).__name__)


def fresh(value: V) -> V:
    """A caller's own copy of a cached view: new tables (copy-on-write), new containers, charts as JSON."""
    # Local import: base imports nothing from here, and ChartView is the one type with a drawn part.
    from malbild.views.base import ChartView  # pylint: disable=import-outside-toplevel

    if value is None or isinstance(value, (str, int, float, bool, bytes)):
        return value
    if isinstance(value, ChartView):
        copied = dataclasses.replace(value, draw=prebuilt(value), data=fresh(value.data))
        copied.__dict__["_origin"] = value.__dict__.get("_origin", value)
        return copied
    if isinstance(value, (pd.DataFrame, pd.Series)):
        return value.copy(deep=False)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: fresh(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, list):
        return [fresh(v) for v in value]  # type: ignore[return-value]
    if isinstance(value, tuple):
        items = [fresh(v) for v in value]
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)  # type: ignore[return-value]
    if isinstance(value, dict):
        return {k: fresh(v) for k, v in value.items()}  # type: ignore[return-value]
    if isinstance(value, (set, frozenset)):
        return type(value)(value)
    return copy.deepcopy(value)


_SPEC_LOCK = threading.Lock()


def prebuilt(chart: Any) -> Callable[[], PrebuiltFigure]:
    """A draw function for a copy of a cached chart: the shared chart's JSON, drawn once on first use."""

    def draw() -> PrebuiltFigure:
        """The chart as JSON (drawn the first time any session shows it)."""
        spec = chart.__dict__.get("_spec")
        if spec is None:
            with _SPEC_LOCK:
                spec = chart.__dict__.get("_spec")
                if spec is None:
                    spec = figure_json(chart.__dict__.get("figure") or chart.draw())
                    chart.__dict__["_spec"] = spec
        return PrebuiltFigure(spec)

    return draw


def shared_part(view: Any, key: Hashable, build: Callable[[], str]) -> str:
    """A text derived from a view alone (e.g. a chart's text block in one language and mode), built once for every
    copy of the same cached chart; for a chart not from the cache, built here. Like its drawing, it is made from the
    view as the cache holds it: a copy is for showing as it is."""
    origin = getattr(view, "__dict__", {}).get("_origin")
    if origin is None:
        return build()
    parts = origin.__dict__.setdefault("_parts", {})
    if key not in parts:
        with _SPEC_LOCK:
            if key not in parts:
                parts[key] = build()
    block: str = parts[key]
    return block


class ViewCache:
    """Built views by key, least recently used dropped beyond max_entries; one build per key at a time."""

    def __init__(self, max_entries: int = MAX_VIEWS) -> None:
        self.max_entries = max_entries
        self._views: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, build: Callable[[], V]) -> V:
        """Return a copy of the view under key, building it once (other callers of the same key wait)."""
        with self._lock:
            if key in self._views:
                self._views.move_to_end(key)
                return fresh(self._views[key])
            gate = self._building.setdefault(key, threading.Lock())
        with gate:
            with self._lock:
                if key in self._views:
                    return fresh(self._views[key])
            try:
                built = build()
                with self._lock:
                    self._views[key] = built
                    while len(self._views) > self.max_entries:
                        self._views.popitem(last=False)
            finally:
                with self._lock:
                    self._building.pop(key, None)
        return fresh(built)

    def clear(self) -> None:
        """Forget every view."""
        with self._lock:
            self._views.clear()

    def __len__(self) -> int:
        return len(self._views)


def cached_view(
    cache: ViewCache, data_key: Hashable, build: Callable[Concatenate[Any, P], V], q: Any, *args: P.args, **kw: P.kwargs
) -> V:
    """Return build(q, *args, **kw) through the cache, keyed by the data's identity, the builder and its arguments.

    Arguments without a stable value (Uncacheable) are built for this caller alone, never shared.
    """
    try:
        key = (data_key, build.__module__, build.__qualname__, freeze(args), freeze(sorted(kw.items())))
    except Uncacheable:
        return build(q, *args, **kw)
    return cache.get(key, lambda: build(q, *args, **kw))
