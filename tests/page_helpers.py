"""Helpers for reading what an AppTest page drew: Plotly specs, tables, and what a reader meets in its HTML blocks
(by element and accessible role, never by CSS class)."""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass

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


@dataclass
class ShownMetric:
    """A key figure as a reader meets it: a term of a description list (<dl>) and its definitions: the value first,
    then the change (its arrow hidden from screen readers: `arrow`) and the help in small print (<small>)."""

    label: str = ""
    value: str = ""
    delta: str = ""
    help: str = ""
    arrow: str = ""


def _collapse(text: str) -> str:
    """Runs of ASCII whitespace as one space, as a browser shows them (a no-break space is kept)."""
    return re.sub(r"[ \t\n\r\f]+", " ", text).strip(" \t\n\r\f")


def _text(element, hidden: bool = True) -> str:
    """An element's text as read, whitespace collapsed; without the parts hidden from screen readers unless
    `hidden`."""
    if hidden:
        return _collapse(element.text_content())
    parts = []

    def walk(node) -> None:
        if node.get("aria-hidden") == "true":
            if node.tail:
                parts.append(node.tail)
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
        if node is not element and node.tail:
            parts.append(node.tail)

    walk(element)
    return _collapse("".join(parts))


def _metric(terms: list) -> ShownMetric:
    """A term and its definitions (a <dt> and the <dd>s after it) as a key figure."""
    label, *defs = terms
    metric = ShownMetric(label=_text(label))
    if defs:
        metric.value = _text(defs[0])
    for dd in defs[1:]:
        if dd.find(".//small") is not None and not metric.help:
            metric.help = _text(dd)
        elif not metric.delta:
            metric.delta = _text(dd, hidden=False)
            metric.arrow = "".join(_text(e) for e in dd.iter() if e.get("aria-hidden") == "true")
    return metric


class Shown:
    """What a reader meets in a page's HTML blocks, found by element and accessible role, never by CSS class: the
    term/definition pairs of description lists (key figures), tables (caption or aria-label, header cells), folded
    sections (<details>/<summary>), notes (role="note"), quotes (<blockquote>), and every element and text."""

    def __init__(self, bodies: list[str]) -> None:
        import lxml.html  # python-pptx's dependency: installed with the app

        self.roots = [lxml.html.fragment_fromstring(body, create_parent="div") for body in bodies if body.strip()]
        self.elements = [e for root in self.roots for e in root.iter() if isinstance(e.tag, str) and e is not root]
        self.tags: list[tuple[str, dict]] = [(e.tag, dict(e.attrib)) for e in self.elements]
        self.texts: list[str] = [
            piece for root in self.roots for piece in root.itertext() if isinstance(piece, str) and piece.strip()
        ]

    def by_tag(self, tag: str) -> list:
        """The elements of one kind, in order."""
        return [e for e in self.elements if e.tag == tag]

    @property
    def metrics(self) -> list[ShownMetric]:
        """Every term of every description list with its definitions, in order."""
        out = []
        for dl in self.by_tag("dl"):
            terms: list[list] = []
            for e in dl.iter("dt", "dd"):
                if e.tag == "dt":
                    terms.append([e])
                elif terms and e.getparent() is not None and e.getparent().tag in ("dl", "div"):
                    terms[-1].append(e)
            out += [_metric(group) for group in terms]
        return out

    @property
    def tables(self) -> list[tuple[str, list[list[str]]]]:
        """Every table: its name (caption or aria-label) and its rows of cell texts, the header row first; a row of
        another width (a row group's heading) left out."""
        out = []
        for table in self.by_tag("table"):
            caption = table.find("caption")
            name = _text(caption) if caption is not None else table.get("aria-label", "")
            head = [_text(c) for c in table.xpath("./thead/tr[1]/th")]
            rows = [[_text(c) for c in tr.xpath("./th|./td")] for tr in table.xpath("./tbody/tr")]
            out.append((name, [head] + [r for r in rows if len(r) == len(head)]))
        return out

    @property
    def captions(self) -> list[str]:
        """The names of the tables (caption or aria-label), in order."""
        return [name for name, _ in self.tables]

    @property
    def details(self) -> list[tuple[str, str]]:
        """Every folded section: its summary and the text inside."""
        out = []
        for details in self.by_tag("details"):
            summary = details.find("summary")
            body = " ".join(_text(e) for e in details if e is not summary)
            out.append((_text(summary) if summary is not None else "", body))
        return out

    @property
    def notes(self) -> list[str]:
        """The texts with role="note", in order."""
        return [_text(e) for e in self.elements if e.get("role") == "note"]

    @property
    def quotes(self) -> list[str]:
        """The texts of the quotations (<blockquote>), in order."""
        return [_text(e) for e in self.by_tag("blockquote")]


def blocks(at) -> Shown:
    """What a reader meets in every HTML block the page drew."""
    return Shown([el.proto.body for el in at.get("html")])


def shown_metrics(at) -> list[ShownMetric]:
    """The page's key figures (and other labelled texts) in order: the terms of its description lists."""
    return blocks(at).metrics


def html_tables(at) -> list[pd.DataFrame]:
    """The page's HTML tables as frames of the shown texts (the table's name in `frame.attrs["name"]`)."""
    out = []
    for name, rows in blocks(at).tables:
        if rows and rows[0]:
            frame = pd.DataFrame(rows[1:], columns=rows[0])
            frame.attrs["name"] = name
            out.append(frame)
    return out


def table_named(at, name: str) -> pd.DataFrame:
    """The page's HTML table with this name (its caption or aria-label), as a frame of the shown texts."""
    return next(frame for frame in html_tables(at) if frame.attrs["name"] == name)


def notes(at) -> list[str]:
    """The notes under charts and tables (role="note"), as text."""
    return blocks(at).notes


def folded(at) -> dict[str, str]:
    """The page's folded sections (<details>): summary -> text inside."""
    return dict(blocks(at).details)
