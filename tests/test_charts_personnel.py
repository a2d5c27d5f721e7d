"""Personnel chart builders and helpers on small hand-made frames."""

from __future__ import annotations

import itertools
import math

import pandas as pd
import pytest

from malbild.charts.personnel import age_pyramid, category, contract_bars, year_group_bars
from malbild.texts.labels import marked_value, metric_label
from malbild.views.personnel import (
    age_pyramid_frame,
    comparison,
    contract_frame,
    metric_texts,
    year_group_frame,
)

PYRAMID = pd.DataFrame(
    {
        "band": ["20-29", "60+"],
        "women": [6.0, float("nan")],
        "men": [1.0, float("nan")],
        "all": [7.0, 17.0],
        "women_basis": ["reconstructed", "not_stated"],
        "men_basis": ["stated", "not_stated"],
        "all_basis": ["reconstructed", "reconstructed"],
    }
)

HR = pd.DataFrame(
    [
        ["headcount", 2018, "all", 110, "persons", "stated", "", "1"],
        ["headcount", 2017, "all", 104, "persons", "stated", "", "2"],
        ["sick_leave_pct", 2018, "all", 2.9, "pct", "stated", "", "3"],
        ["sick_leave_pct", 2018, "women", 3.7, "pct", "reconstructed", "", "4"],
        ["sick_leave_pct", 2017, "all", 1.5, "pct", "stated", "", "3"],
        ["sick_leave_pct", 2017, "women", float("nan"), "pct", "not_stated", "", "4"],
        ["permanent", 2018, "women", 53, "count", "stated", "", "5"],
        ["temporary", 2018, "women", 15, "count", "stated", "", "5"],
        ["permanent", 2017, "women", float("nan"), "count", "not_stated", "", "5"],
        ["temporary", 2017, "women", float("nan"), "count", "not_stated", "", "5"],
        ["new_metric_x", 2018, "all", 1, "count", "stated", "", "6"],
    ],
    columns=["metric", "year", "grp", "value", "unit", "basis", "note", "source_lines"],
)


@pytest.mark.parametrize(
    "lang,axis,gap",
    [
        ("sv", "Personer (kvinnor till<br>vänster, män till höger)", "Ej angivet"),
        ("en", "Persons (women left, men<br>right)", "Not stated"),
    ],
)
def test_age_pyramid_women_left_men_right_and_gap_marked(lang: str, axis: str, gap: str) -> None:
    fig = age_pyramid(PYRAMID, 2018, lang)
    bars = [tr for tr in fig.data if tr.type == "bar"]
    women, men = bars
    assert women.name == ("Kvinnor" if lang == "sv" else "Women") and list(women.x) == [-6.0]
    assert men.name == ("Män" if lang == "sv" else "Men") and list(men.x) == [1.0]
    # The gap band is not drawn as a bar (no 0), but marked with a text.
    assert "60+" not in list(women.y) and "60+" not in list(men.y)
    marks = [tr for tr in fig.data if tr.type == "scatter"]
    assert len(marks) == 2 and all(list(m.y) == ["60+"] for m in marks)
    assert all(gap in m.text[0] for m in marks)
    assert fig.layout.xaxis.title.text == axis
    assert all(not str(v).startswith(("-", "−")) for v in fig.layout.xaxis.ticktext)
    assert "‡" in women.text[0] and "‡" not in men.text[0]
    # short labels (the number and its mark): a gendered label pushed out of a short bar ran under the age labels
    assert women.text[0] == "6 ‡" and men.text[0] == "1" and women.textangle == 0
    assert ("2018") in fig.layout.title.text.replace("<br>", " ")


def test_year_group_bars_values_markers_and_gaps() -> None:
    frame = year_group_frame(HR, "sick_leave_pct", (2017, 2018))
    fig = year_group_bars(frame, "Sjukfrånvaro", "Andel (%)", "sv")
    bars = {tr.name: tr for tr in fig.data if tr.type == "bar"}
    assert set(bars) == {"Kvinnor", "Alla"}
    assert list(bars["Kvinnor"].y) == [3.7] and bars["Kvinnor"].text[0] == "3,7\u00a0% ‡"
    assert list(bars["Alla"].y) == [1.5, 2.9]
    gaps = [tr for tr in fig.data if tr.type == "scatter"]
    assert len(gaps) == 1 and list(gaps[0].x) == [category(2017, "women", "sv")] and gaps[0].text[0] == "Ej angivet"
    assert fig.layout.yaxis.title.text == "Andel (%)" and fig.layout.xaxis.title.text == "År"
    en = year_group_bars(frame, "Sick leave", "Share (%)", "en")
    assert {tr.name for tr in en.data if tr.type == "bar"} == {"Women", "All"}
    assert en.layout.xaxis.title.text == "Year"


def test_contract_bars_stack_permanent_and_hatched_temporary() -> None:
    frame = contract_frame(HR, (2017, 2018))
    fig = contract_bars(frame, "en")
    bars = [tr for tr in fig.data if tr.type == "bar"]
    assert [b.name for b in bars] == ["Permanent", "Temporary"]
    assert list(bars[0].y) == [53] and list(bars[1].y) == [15]
    assert bars[1].marker.pattern.shape == "/" and bars[0].marker.pattern.shape == ""
    gaps = [tr for tr in fig.data if tr.type == "scatter"]
    assert list(gaps[0].x) == [category(2017, "women", "en")] and gaps[0].text[0] == "Not stated"
    assert fig.layout.yaxis.title.text == "Employments"
    assert contract_bars(frame, "sv").data[0].name == "Tillsvidare"


def test_comparison_texts() -> None:
    comp = comparison(HR, "headcount", 2018, lang="sv")
    texts = metric_texts(comp, 2018, lang="sv")
    assert texts["value"] == "110" and texts["delta"] == "+6 (2017: 104)"
    sick = comparison(HR, "sick_leave_pct", 2018, "women", lang="sv")
    assert sick["value"] == "3,7\u00a0% ‡" and sick["delta"] is None
    assert metric_texts(sick, 2018, lang="sv")["delta"] == "2017: Ej angivet i rapporten"
    assert metric_texts(sick, 2018, "en")["delta_arrow"] == "off"
    assert comparison(HR, "headcount", 2019, lang="sv") is None
    assert comparison(HR, "sick_leave_pct", 2018, "all", lang="en")["delta"] == "+1.4 pp"


def test_labels_fall_back_to_the_key() -> None:
    assert metric_label("headcount", "sv") == "Medarbetare vid årets slut"
    assert metric_label("headcount", "en") == "Employees at year end"
    assert metric_label("new_metric_x", "en") == "new_metric_x"


def test_year_group_frame_keeps_missing_cells_as_gaps() -> None:
    frame = year_group_frame(HR, "sick_leave_pct", (2016, 2018))
    row = frame[(frame["year"] == 2016) & (frame["grp"] == "women")].iloc[0]
    assert math.isnan(row["value"]) and row["basis"] == "not_stated"
    assert "men" not in set(frame["grp"])  # a group with no row at all is left out


def test_age_pyramid_frame_and_marked_values() -> None:
    bands = pd.DataFrame(
        [
            [2018, "20-29", "women", 6, "reconstructed"],
            [2018, "20-29", "men", 1, "reconstructed"],
            [2018, "20-29", "all", 7, "reconstructed"],
            [2018, "60+", "women", None, "not_stated"],
            [2018, "60+", "all", 17, "reconstructed"],
        ],
        columns=["year", "band", "grp", "persons", "basis"],
    )
    frame = age_pyramid_frame(bands, 2018)
    assert list(frame["band"]) == ["20-29", "60+"]
    assert frame.loc[1, "all"] == 17 and math.isnan(frame.loc[1, "women"]) and math.isnan(frame.loc[1, "men"])
    assert frame.loc[1, "men_basis"] == "not_stated"
    assert (
        marked_value(11, "ratio", "stated", lang="sv") == "11" and marked_value(10.4, "ratio", "stated", "en") == "10.4"
    )
    assert marked_value(None, "pct", "not_stated", lang="sv") == "–"
    assert marked_value(20, "pct", "derived", lang="sv") == "20\u00a0% †"


def test_palette_keeps_meanings_apart() -> None:
    from malbild.charts.style import GENDER_COLORS, GOAL_COLORS, LEVEL_COLORS

    # A colour means one thing: no gender shares a level's or a goal's colour.
    gender = {GENDER_COLORS["women"], GENDER_COLORS["men"]}
    assert not gender & set(LEVEL_COLORS.values()) and not gender & set(GOAL_COLORS.values())


def _linear(hex_color: str) -> list[float]:
    """Linear-light sRGB channels of '#RRGGBB'."""
    return [
        (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        for c in (v / 255 for v in bytes.fromhex(hex_color[1:]))
    ]


def _lab(hex_color: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB colour '#RRGGBB'."""
    r, g, b = _linear(hex_color)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _luminance(hex_color: str) -> float:
    """WCAG relative luminance of '#RRGGBB'."""
    r, g, b = _linear(hex_color)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_level_goal_gender_and_money_colours_look_different() -> None:
    """No two meanings share a look-alike colour (CIE76 ΔE ≥ 20; the old level 3 blue was ΔE 11 from goal 1's),
    and every mark has 3:1 against white (the old level 2 orange had 2.8:1)."""
    import math

    from malbild.charts.finance import BUDGET_COLOR, COST_COLOR, INCOME_COLOR, OUTCOME_COLOR
    from malbild.charts.style import GAP_COLOR, GENDER_COLORS, GOAL_COLORS, LEVEL_COLORS

    groups = {
        "goal": set(GOAL_COLORS.values()),
        "level": set(LEVEL_COLORS.values()),
        "gender": {GENDER_COLORS["women"], GENDER_COLORS["men"]},
        "money": {OUTCOME_COLOR, BUDGET_COLOR, INCOME_COLOR, COST_COLOR},
        "gap": {GAP_COLOR},
    }
    for a, b in itertools.combinations(groups, 2):
        for x in groups[a]:
            for y in groups[b]:
                assert math.dist(_lab(x), _lab(y)) >= 20, (a, x, b, y)
    for color in set().union(*groups.values()):
        assert (1.05) / (_luminance(color) + 0.05) >= 3, color
