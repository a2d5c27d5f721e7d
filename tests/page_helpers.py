"""Helpers for reading what an AppTest page drew: Plotly specs, tables."""

from __future__ import annotations

import base64
import json

import numpy as np
import pandas as pd


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
    """The longest table on the page that has the column (the chart's own data table is a subset)."""
    return max((d.value for d in at.dataframe if column in d.value.columns), key=len)


def open_tab(at, key: str, label: str):
    """Open the lazy tab `label` of the tabs with `key` (as a click does: the page reruns) and return the app."""
    assert label in [t.label for t in at.tabs], (label, [t.label for t in at.tabs])
    at.session_state[key] = label
    return at.run()


# The lazy tabs (st.tabs with on_change="rerun", only the open tab's chart is drawn) per page: their keys.
LAZY_TABS = {
    "pages/1_Goals.py": ("gp_projects_tab",),
    "pages/2_Projects.py": ("prj_chart_tab",),
    "pages/3_Personnel.py": ("hr_health_tab",),
    "pages/4_Finance.py": ("fin_trend_tab", "fin_flow_tab"),
}


def each_tab_opened(at, page: str):
    """Yield the app after opening, in turn, every other tab of the page's lazy tab groups (labels tried per group)."""
    labels = [t.label for t in at.tabs]
    for key in LAZY_TABS.get(page, ()):
        for label in labels:
            at.session_state[key] = label
            yield at.run()
