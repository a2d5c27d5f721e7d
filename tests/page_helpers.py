"""Helpers for reading what an AppTest page drew: Plotly specs, tables."""

from __future__ import annotations

import base64
import html
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser

import numpy as np
import pandas as pd
from streamlit.runtime.state.common import user_key_from_element_id


def decode(value):
    """Decode Plotly's typed arrays ({'dtype', 'bdata'}) into lists."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return value


def charts(at) -> dict[str, dict]:
    """The page's Plotly figures by their title (typed arrays decoded)."""
    out = {}
    for el in at.get("plotly_chart"):
        spec = json.loads(el.proto.spec)
        spec["data"] = [{k: decode(v) for k, v in tr.items()} for tr in spec["data"]]
        out[spec["layout"]["title"]["text"].replace("<br>", " ")] = spec  # titles wrap (charts.style.wrap_title)
    return out


def table_with(at, column: str) -> pd.DataFrame:
    """The longest table on the page that has the column (the chart's own data table is a subset): an interactive
    table (st.dataframe) or an HTML one (malbild.ui.blocks.table_html, its cells as shown)."""
    frames = [d.value for d in at.dataframe] + html_tables(at)
    return max((frame for frame in frames if column in frame.columns), key=len)


def open_tab(at, key: str, label: str):
    """Open the lazy tab `label` of the tabs with `key` (as a click does: the page reruns) and return the app."""
    assert label in [t.label for t in at.tabs], (label, [t.label for t in at.tabs])
    at.session_state[key] = label
    return at.run()


def _tab_groups(block):
    """Every tab group under a block of the page (depth first), as drawn."""
    for child in getattr(block, "children", {}).values():
        if getattr(child, "type", None) == "tab_container":
            yield child
        yield from _tab_groups(child)


def lazy_tabs(at) -> dict[str, list[str]]:
    """The page's lazy tab groups as drawn, by key, with their labels. Every st.tabs of the app is drawn by
    malbild.ui.widgets.lazy_tabs (tests/test_layers.py), whose key Streamlit keeps at the end of the group's id."""
    return {
        user_key_from_element_id(group.proto.id): [tab.label for tab in group.children.values()]
        for group in _tab_groups(at.main)
    }


def each_tab_opened(at):
    """Yield the app after opening, in turn, every tab of each of the page's lazy tab groups."""
    for key, labels in lazy_tabs(at).items():
        for label in labels:
            at.session_state[key] = label
            yield at.run()


_NOTE = re.compile(r'<p class="mb-note">(.*?)</p>', re.S)


@dataclass
class ShownMetric:
    """A key figure as a page drew it (malbild.ui.blocks.metric_html): label, value, change text, help."""

    label: str = ""
    value: str = ""
    delta: str = ""
    help: str = ""
    arrow: str = ""


class _Blocks(HTMLParser):
    """Collect the key-figure cards, data tables and folded sections of the pages' HTML blocks, and every tag (with
    its attributes) and text in them."""

    def __init__(self) -> None:
        super().__init__()
        self.metrics: list[ShownMetric] = []
        self.tables: list[list[list[str]]] = []
        self.details: list[list[str]] = []  # [summary, body text]
        self._field: str | None = None
        self._cell: list[str] | None = None
        self._in_pairs = 0
        self._in_table = False
        self.tags: list[tuple[str, dict]] = []
        self.texts: list[str] = []
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        cls = dict(attrs).get("class") or ""
        self._stack.append(cls)
        self.tags.append((tag, dict(attrs)))
        if tag == "dl" and "mb-pairs" in cls:
            self._in_pairs += 1
        if tag == "div" and cls == "mb-metric" and not self._in_pairs:
            self.metrics.append(ShownMetric())
        if self.metrics and not self._in_pairs:
            if tag == "dt":
                self._field = "label"
            elif tag == "dd":
                self._field = {"mb-value": "value", "mb-delta": "delta", "mb-help": "help"}.get(cls)
            elif tag == "span" and cls == "mb-arrow":
                self._field = "arrow"
            elif tag == "span" and cls == "mb-delta-text":
                self._field = "delta"
        if tag == "table" and "mb-data" in cls:
            self.tables.append([])
            self._in_table = True
        elif tag == "tr" and self._in_table:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self._in_table:
            self._cell = []
        if tag == "details":
            self.details.append(["", ""])
        elif tag == "summary":
            self._field = "summary"

    def handle_endtag(self, tag: str) -> None:
        cls = self._stack.pop() if self._stack else ""
        if tag == "dl" and "mb-pairs" in cls:
            self._in_pairs -= 1
        if tag == "table":
            self._in_table = False
        if tag in ("td", "th") and self._cell is not None and self._in_table:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None
        if tag in ("dt", "dd", "summary") or (tag == "span" and self._field == "arrow"):
            self._field = None

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._field == "summary":
            self.details[-1][0] += data
        elif self.details and self._field is None and self._cell is None:
            self.details[-1][1] += data
        if self._field in ("label", "value", "delta", "help", "arrow") and self.metrics:
            metric = self.metrics[-1]
            setattr(metric, self._field, (getattr(metric, self._field) + data).strip())


def blocks(at) -> _Blocks:
    """Parse every HTML block the page drew."""
    parser = _Blocks()
    for el in at.get("html"):
        parser.feed(el.proto.body)
    return parser


def shown_metrics(at) -> list[ShownMetric]:
    """The page's key figures in order."""
    return blocks(at).metrics


def html_tables(at) -> list[pd.DataFrame]:
    """The page's data tables (malbild.ui.blocks.table_html) as frames of the shown texts."""
    out = []
    for rows in blocks(at).tables:
        if rows:
            out.append(pd.DataFrame(rows[1:], columns=rows[0]))
    return out


def notes(at) -> list[str]:
    """The notes under charts and tables (malbild.ui.blocks.note_html), as text."""
    return [html.unescape(text) for body in (el.proto.body for el in at.get("html")) for text in _NOTE.findall(body)]


def folded(at) -> dict[str, str]:
    """The page's folded sections (details_html): summary -> text inside."""
    return {summary.strip(): body for summary, body in blocks(at).details}
