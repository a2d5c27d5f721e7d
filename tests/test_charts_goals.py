"""Goal chart builders on small frames: traces, axis titles, values, translations, gaps."""

from __future__ import annotations

import pandas as pd

from malbild.charts.goals import funding_per_goal, funding_vs_level, goal_projects, level_history
from malbild.charts.style import GOAL_COLORS

FUNDING = pd.DataFrame(
    {
        "goal_id": [1, 2],
        "name_sv": ["Ett", "Två"],
        "name_en": ["One", "Two"],
        "projects": [3, 1],
        "amount_sek": [1_500_000, 250_000],
        "level": [2, None],
    }
)


def test_level_history_marks_gaps() -> None:
    frame = pd.DataFrame({"year": [2016, 2017, 2018], "level": [None, None, 2]})
    fig = level_history(frame, "sv")
    # One trace: the line breaks at a gap (no point on the scale, nothing below level 1 to "climb" from)
    assert len(fig.data) == 1 and fig.data[0].connectgaps is False
    assert list(fig.data[0].x) == ["2016", "2017", "2018"] and list(fig.data[0].y) == [None, None, 2]
    assert fig.layout.yaxis.range[0] >= 0.5
    # the gap is a dotted band over the whole height, named under its year
    assert [(s.x0, s.yref, s.line.dash) for s in fig.layout.shapes] == [(-0.35, "paper", "dot"), (0.65, "paper", "dot")]
    assert list(fig.layout.xaxis.ticktext) == ["2016<br>–", "2017<br>–", "2018"]
    assert fig.layout.xaxis.title.text == "År (– = ej angivet)"
    assert fig.layout.yaxis.title.text == "Nivå (1–3)"
    assert level_history(frame, "en").layout.xaxis.title.text == "Year (– = not stated)"
    assert level_history(frame.dropna(), "en").layout.xaxis.title.text == "Year"


def test_level_history_without_gaps_has_one_trace() -> None:
    fig = level_history(pd.DataFrame({"year": [2017, 2018], "level": [3, 2]}), lang="sv")
    # Symbol and number on the marks (short, never cut at the chart's edge); the words on the axis and in the hover.
    assert len(fig.data) == 1 and list(fig.data[0].text) == ["", ""]
    assert list(fig.data[0].customdata) == ["●●● 3 Målet är på god väg att uppnås", "●●○ 2 Målet har delvis uppnåtts"]
    assert list(fig.layout.yaxis.ticktext) == ["●○○ 1 I liten grad", "●●○ 2 Delvis uppnått", "●●● 3 På god väg"]


def test_level_history_marks_derived_and_entered_levels() -> None:
    frame = pd.DataFrame({"year": [2016, 2017, 2018], "level": [1, 2, 2], "basis": ["entered", "derived", "stated"]})
    fig = level_history(frame, "sv")
    assert list(fig.data[0].text) == ["✎", "†", ""]
    assert fig.data[0].customdata[1] == "●●○ 2 Målet har delvis uppnåtts † härlett"


def test_funding_per_goal_uses_goal_colours_and_swedish_format() -> None:
    fig = funding_per_goal(FUNDING, 2018, "sv")
    bar = fig.data[0]
    assert list(bar.x) == [1_500_000, 250_000]
    assert list(bar.marker.color) == [GOAL_COLORS[1], GOAL_COLORS[2]]
    assert bar.text is None and bar.y[0] == "Mål 1 · 1,5\u00a0mnkr"  # the value in the axis label, never cut
    assert fig.layout.title.text.replace("<br>", " ") == "Beviljade regionala tillväxtmedel 2018 per mål"
    assert fig.layout.separators == ", "
    # Money axes count in mnkr with round ticks (never raw '1 500 000'); short goal labels, the name in the hover.
    assert fig.layout.xaxis.title.text == "Beviljat (mnkr)" and list(fig.layout.xaxis.ticktext) == [
        "0",
        "0,5",
        "1",
        "1,5",
        "2",
    ]
    assert list(bar.y) == ["Mål 1 · 1,5\u00a0mnkr", "Mål 2 · 0,3\u00a0mnkr"] and bar.customdata[0][2].startswith(
        "Mål 1: "
    )
    assert funding_per_goal(FUNDING, 2018, "en").layout.xaxis.title.text == "Granted (SEK million)"


def test_funding_vs_level_places_gap_at_zero() -> None:
    fig = funding_vs_level(FUNDING, 2018, "sv")
    assert [list(tr.x) for tr in fig.data] == [[2], [0]]
    assert fig.data[1].marker.symbol == "circle-open"
    assert list(fig.layout.xaxis.ticktext)[0] == "– Ej angivet"


def test_goal_projects_sorted_and_truncated() -> None:
    frame = pd.DataFrame({"owner": ["A", "B"], "project": ["Kort", "x" * 60], "amount_sek": [100, 50]})
    fig = goal_projects(frame, 3, 2018, "sv")
    assert list(fig.data[0].x) == [50, 100]
    assert fig.data[0].y[0] == "x" * 23 + "…<br>50\u00a0kr"  # fits a phone; the full name is in the hover
    assert fig.data[0].y[1] == "Kort<br>100\u00a0kr"
    assert fig.data[0].marker.color == GOAL_COLORS[3]


def test_funding_vs_level_says_what_the_bubble_size_means() -> None:
    """Issue 21 item 13: the bubble size had no legend. Each bubble says its number of projects, and the chart
    says that the size is that number."""
    fig = funding_vs_level(FUNDING, 2018, "sv")
    assert [tr.text[0] for tr in fig.data] == ["Mål 1: 3 projekt", "Mål 2: 1 projekt"]
    assert fig.data[0].marker.size > fig.data[1].marker.size
    assert fig.layout.xaxis.title.text.endswith("<br>Punktens storlek: antal beviljade projekt")
    en = funding_vs_level(FUNDING, 2018, "en")
    assert en.layout.xaxis.title.text.endswith("<br>Bubble size: number of projects granted")
