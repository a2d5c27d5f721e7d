"""Finance chart builders and helpers on small hand-made frames."""

from __future__ import annotations

import pandas as pd
import pytest

from malbild.charts.finance import budget_bars, goal_trend, signed_bars, signed_ticks
from malbild.data.build import csv_header
from malbild.texts.labels import financial_goal_label, met_text, signed_tkr
from malbild.ui.blocks import statement_html
from malbild.views.finance import (
    budget_frame,
    budget_table,
    flows_frame,
    goals_met,
    goals_table,
    printed_deviation,
    rounding_lines,
)

GOALS = pd.DataFrame(
    [
        ["liquidity_ratio", 2017, 1.13, "Likviditeten ska vara över 1,0", True, "derived", "", "1"],
        ["liquidity_ratio", 2018, 1.28, "Likviditeten ska vara över 1,0", True, "derived", "", "2"],
        ["budget_balanced", 2017, None, "Budget i balans", False, "stated", "", "3"],
        ["budget_balanced", 2018, None, "Budget i balans", None, "stated", "", "3"],
        ["new_goal", 2018, None, "Nytt mål", True, "stated", "", "4"],
    ],
    columns=["goal_key", "year", "value", "target_text", "met", "basis", "note", "source_lines"],
)

LINES = pd.DataFrame(
    [
        [
            1,
            "Intäkter",
            "Revenue",
            "Intäkter",
            "item",
            2018,
            100.0,
            90.0,
            "stated",
            "Avvikelse (printed deviation) 10",
            "1",
        ],
        [
            2,
            "Kostnader",
            "Costs",
            "Kostnader",
            "item",
            2018,
            -80.0,
            -85.0,
            "stated",
            "Avvikelse (printed deviation) 4",
            "2",
        ],
        [3, "Noll", "Zero", "Kostnader", "item", 2018, 0.0, 0.0, "stated", "", "3"],
        [4, "Summa", "Total", "", "subtotal", 2018, 20.0, 5.0, "stated", "", "4"],
        [5, "ÅRETS RESULTAT", "RESULT", "", "total", 2018, 20.0, 5.0, "stated", "", "5"],
        [2, "Kostnader", "Costs", "Kostnader", "item", 2017, None, None, "not_stated", "", "2"],
    ],
    columns=csv_header("finance_line")[1:],
)


@pytest.mark.parametrize("lang,target,axis", [("sv", "Mål: 1,0", "Kvot"), ("en", "Target: 1.0", "Ratio")])
def test_goal_trend_has_values_and_target_line(lang: str, target: str, axis: str) -> None:
    fig = goal_trend(GOALS[GOALS["goal_key"] == "liquidity_ratio"], "liquidity_ratio", lang)
    line = fig.data[0]
    assert list(line.x) == ["2017", "2018"] and list(line.y) == [1.13, 1.28]
    assert list(line.text) == (["1,13", "1,28"] if lang == "sv" else ["1.13", "1.28"])
    assert len(fig.layout.shapes) == 1 and fig.layout.shapes[0].y0 == 1.0 and fig.layout.shapes[0].line.dash == "dash"
    assert fig.layout.annotations[0].text == target
    assert fig.layout.yaxis.title.text == axis
    assert fig.layout.title.text.replace("<br>", " ").startswith("Likviditet" if lang == "sv" else "Liquidity ratio")
    assert fig.layout.yaxis.range[0] <= 0  # from zero: 1,13 -> 1,28 must not look like a doubling
    # The last value's label keeps its place: room above it, leaning inwards, never clipped ('1,28' was lost).
    assert fig.layout.yaxis.range[1] >= 1.28 * 1.15 and line.cliponaxis is False
    assert list(line.textposition) == ["top right", "top left"]


def test_goal_trend_result_in_tkr_and_gap() -> None:
    frame = pd.DataFrame({"year": [2017, 2018], "value": [547.0, None], "met": [True, None]})
    fig = goal_trend(frame, "result_positive", "sv")
    assert list(fig.data[0].text) == ["+547\u00a0tkr"]
    assert fig.data[1].text == ("Ej angivet",) and list(fig.data[1].x) == ["2018"]
    assert fig.layout.shapes[0].y0 == 0 and fig.layout.annotations[0].text == "Mål: 0\u00a0tkr"


def test_goal_texts_and_table() -> None:
    assert (
        met_text(True, lang="sv") == "✔ Uppfyllt"
        and met_text(False, lang="sv") == "✘ Ej uppfyllt"
        and met_text(None, lang="sv") == "– Ej angivet"
    )
    assert met_text(True, "en") == "✔ Met"
    assert (
        signed_tkr(3, lang="sv") == "+3\u00a0tkr"
        and signed_tkr(-128, lang="sv") == "−128\u00a0tkr"
        and signed_tkr(3, "en") == "+SEK\u00a03k"
        and signed_tkr(-128, "en") == "-SEK\u00a0128k"
    )
    assert financial_goal_label("new_goal", lang="sv") == "new_goal"
    table = goals_table(GOALS, "sv")
    assert list(table["Finansiellt mål"]) == ["Likviditet (kassalikviditet)", "Budget i balans", "new_goal"]
    assert list(table["2018"]) == ["✔ Uppfyllt (1,28)", "– Ej angivet", "✔ Uppfyllt"]
    assert table.loc[1, "2017"] == "✘ Ej uppfyllt"
    assert list(table.columns).index("2018") < list(table.columns).index("2017") < len(table.columns) - 1
    assert list(goals_table(GOALS, "en")["2018"])[0] == "✔ Met (1.28)"


def test_budget_frame_uses_the_printed_deviation() -> None:
    assert printed_deviation("Avvikelse (printed deviation) -1489; outcome - budget = -1 488") == -1489
    assert printed_deviation("no deviation here") is None
    frame = budget_frame(LINES, "sv")
    assert list(frame["deviation"]) == [10, 4, 0, 15, 15]  # printed 4 where 5 = -80 - (-85); others computed
    assert list(frame["deviation_printed"]) == [True, True, False, False, False]
    assert rounding_lines(frame) == 1
    table = budget_table(frame, "sv")
    assert list(table["Rad"]) == ["Intäkter", "Kostnader", "Noll", "Σ Summa", "▶ ÅRETS RESULTAT"]
    assert table.loc[1, "Utfall"] == "−80\u00a0tkr" and table.loc[3, "Avvikelse"] == "15\u00a0tkr (beräknad)"
    assert list(budget_frame(LINES, "en")["line"])[0] == "Revenue"


def test_budget_bars() -> None:
    frame = budget_frame(LINES, "en")
    frame = frame[frame["kind"] == "item"]
    fig = budget_bars(frame, 2018, "en")
    assert [tr.name for tr in fig.data] == ["Outcome", "Budget"]
    assert list(fig.data[0].x) == [100, -80, 0] and list(fig.data[1].x) == [90, -85, 0]
    assert fig.data[1].marker.pattern.shape == "/"
    # The hatching lies over the bar's colour: without 'overlay' Plotly draws white lines on no fill (invisible).
    assert fig.data[1].marker.pattern.fillmode == "overlay" and fig.data[1].marker.color
    assert fig.layout.title.text.replace("<br>", " ") == "Budget and outcome 2018 by line (operating statement)"
    assert budget_bars(frame, 2018, "sv").data[0].name == "Utfall"


def test_flows_keep_printed_signs_and_drop_zero_lines() -> None:
    flows = flows_frame(LINES, 2018, "sv")
    assert list(flows["line"]) == ["Intäkter", "Kostnader"]
    assert list(flows["amount"]) == [100, -80] and list(flows["direction"]) == ["income", "cost"]
    fig = signed_bars(flows, "Titel", "sv")
    assert {tr.name: list(tr.x) for tr in fig.data} == {"Intäkt": [100], "Kostnad": [-80]}
    assert fig.layout.xaxis.title.text == "tkr"  # costs drawn left of the zero line, negative as printed
    en = signed_bars(flows_frame(LINES, 2018, "en"), "Title", "en")
    assert {tr.name for tr in en.data} == {"Income", "Cost"}
    assert list(en.data[0].y) == ["Revenue<br>SEK\u00a0100k"]  # the amount is part of the row label


def test_statement_html_marks_subtotals_totals_and_gaps() -> None:
    html = statement_html(LINES, "income", "sv")
    assert "<strong>Σ Summa</strong>" in html and "<strong>▶ ÅRETS RESULTAT</strong>" in html
    assert "<strong>20</strong>" in html and "Budget 2018 (tkr)" in html
    assert "−80" in html and "Ej angivet i rapporten" in html  # 2017 cost row is not stated: a gap, not 0
    balance = statement_html(LINES.assign(section=["Tillgångar > Omsättningstillgångar"] * 6), "balance", "en")
    assert "<em>Assets</em>" in balance and "<em>Current assets</em>" in balance
    assert "2018-12-31 (SEK thousand)" in balance


def test_signed_axis_ticks_are_short_enough_for_a_phone() -> None:
    """From 100 000 tkr the ticks count in mnkr: '−100 000' and '0' ran together on a 390 px phone."""
    values, texts, unit = signed_ticks(-130_000, 280_000, lang="sv")
    assert (
        values == [-100_000, 0, 100_000, 200_000] and texts == ["−100", "0", "100", "200"] and unit == "fin_unit_mnkr"
    )
    assert signed_ticks(-50, 600, lang="sv") == ([0, 200, 400, 600], ["0", "200", "400", "600"], "fin_unit_tkr")
    fig = budget_bars(
        pd.DataFrame({"line": ["A"], "outcome": [250_000.0], "budget": [-90_000.0], "deviation": [0.0]}),
        2018,
        lang="sv",
    )
    assert fig.layout.xaxis.title.text == "mnkr" and max(len(x) for x in fig.layout.xaxis.ticktext) <= 4


def _luminance(hex_color: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    channels = [int(hex_color.lstrip("#")[k : k + 2], 16) / 255 for k in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_bar_labels_are_readable_and_small_values_are_shown() -> None:
    """Issue 21 item 10: white labels on grey-and-white hatching were unreadable (outside the bars, a phone cut them),
    and a depreciation row (−88 tkr beside 263 669 tkr, lines 7728-7738) showed no bar and no label. Every amount is
    part of its row's label (text colour on white, like the axis), none is on a bar, and every bar has an outline,
    so a small one still shows."""
    frame = pd.DataFrame(
        {
            "line": ["Kostnader", "Avskrivningar"],
            "outcome": [-263_669.0, -88.0],
            "budget": [-263_000.0, -66.0],
            "deviation": [-669.0, -22.0],
        }
    )
    flows = pd.DataFrame(
        {"line": ["Intäkter", "Avskrivningar"], "amount": [263_757.0, -88.0], "direction": ["income", "cost"]}
    )
    budget, signed = budget_bars(frame, 2018, "sv"), signed_bars(flows, "Titel", "sv")
    for fig in (budget, signed):
        assert fig.layout.uniformtext.mode != "hide"
        background = {"white": "#ffffff"}.get(fig.layout.plot_bgcolor, fig.layout.plot_bgcolor or "#ffffff")
        assert _contrast(fig.layout.font.color, background) >= 4.5
        for bar in fig.data:
            assert bar.text is None, "no label on (or past) a bar"
            assert bar.marker.line.width >= 1.5 and _contrast(bar.marker.line.color, background) >= 3
    assert list(budget.data[0].y) == [
        "Kostnader<br>utfall −263\u00a0669\u00a0tkr<br>budget −263\u00a0000\u00a0tkr",
        "Avskrivningar<br>utfall −88\u00a0tkr<br>budget −66\u00a0tkr",
    ]
    assert [y for bar in signed.data for y in bar.y] == [
        "Intäkter<br>263\u00a0757\u00a0tkr",
        "Avskrivningar<br>−88\u00a0tkr",
    ]


def test_goals_met_counts_the_latest_year_and_no_verdict_as_not_met() -> None:
    goals = pd.DataFrame({"year": [2017, 2017, 2018, 2018, 2018], "met": [True, True, True, None, False]})
    now, met = goals_met(goals)
    assert list(now["year"]) == [2018] * 3 and met == 1
