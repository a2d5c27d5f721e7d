"""Project charts and the Projects page's pure logic, on small hand-made frames, in Swedish and English."""

from __future__ import annotations

import pandas as pd

from malbild.charts.projects import band_label, goal_bar, owner_bar, per_goal, per_owner, size_bands, size_histogram
from malbild.charts.style import goal_color
from malbild.views.params import read_goal_ids
from malbild.views.projects import (
    amount_bounds,
    amount_filter,
    clean_text,
    portfolio_rows,
    project_table,
    stated_totals,
    totals,
)

NB = "\u00a0"


def rows() -> pd.DataFrame:
    """Five fixture grants over goals 5 and 2 and three owners."""
    return pd.DataFrame(
        {
            "goal_id": [5, 5, 5, 2, 2],
            "name_sv": ["Fem"] * 3 + ["Två"] * 2,
            "name_en": ["Five"] * 3 + ["Two"] * 2,
            "year": [2018] * 5,
            "owner": ["A", "B", "A", "C", "B"],
            "project": ["p1", "p2", "p3", "p4", "p5"],
            "amount_sek": [100_000, 250_000, 1_000_000, 6_000_000, 499_999],
            "basis": ["stated"] * 5,
            "source_lines": ["10", "11", "12-13", "20", "21"],
        }
    )


def test_per_goal_sums_shares_and_sources() -> None:
    data = per_goal(rows(), "sv")
    assert data["goal"].tolist() == ["Mål 2: Två", "Mål 5: Fem"]
    assert data["projects"].tolist() == [2, 3]
    assert data["amount_sek"].tolist() == [6_499_999, 1_350_000]
    assert data["share_pct"].tolist() == [82.8, 17.2]
    assert data["source_lines"].tolist() == ["20;21", "10;11;12-13"]
    assert per_goal(rows(), "en")["goal"].tolist() == ["Goal 2: Two", "Goal 5: Five"]


def test_per_owner_top_n_and_others() -> None:
    all_owners = per_owner(rows(), None, lang="sv")
    assert all_owners["owner"].tolist() == ["C", "A", "B"]
    assert all_owners["amount_sek"].tolist() == [6_000_000, 1_100_000, 749_999]
    top = per_owner(rows(), 1, lang="sv")
    assert top["owner"].tolist() == ["C", "Övriga 2 projektägare"]
    assert top["amount_sek"].tolist() == [6_000_000, 1_849_999]
    assert top["projects"].tolist() == [1, 4] and top["owners"].tolist() == [1, 2]
    assert top["source_lines"].iloc[1] == "10;11;12-13;21"
    assert per_owner(rows(), 1, lang="en")["owner"].iloc[1] == "The other 2 project owners"
    # one owner left over is shown by name rather than as "others"
    assert per_owner(rows(), 2, lang="sv")["owner"].tolist() == ["C", "A", "B"]


def test_size_bands_count_every_band_with_swedish_labels() -> None:
    data = size_bands(rows(), "sv")
    assert data["band"].tolist() == [
        f"under 250{NB}000{NB}kr",
        f"250{NB}000 – 499{NB}999{NB}kr",
        f"500{NB}000 – 999{NB}999{NB}kr",
        f"1{NB}000{NB}000 – 1{NB}999{NB}999{NB}kr",
        f"2{NB}000{NB}000 – 4{NB}999{NB}999{NB}kr",
        f"5{NB}000{NB}000{NB}kr och mer",
    ]
    assert data["projects"].tolist() == [1, 2, 0, 1, 0, 1]
    assert data["amount_sek"].tolist() == [100_000, 749_999, 0, 1_000_000, 0, 6_000_000]
    assert data["projects"].sum() == len(rows())
    assert band_label(5_000_000, None, "en") == f"SEK{NB}5,000,000 and more"
    assert band_label(250_000, 500_000, "en") == f"SEK{NB}250,000 – 499,999"


def test_goal_bar_uses_goal_colours_and_translated_labels() -> None:
    fig = goal_bar(per_goal(rows(), "sv"), "sv")
    bar = fig.data[0]
    assert list(bar.y) == ["Mål 2 · 6,5\u00a0mnkr", "Mål 5 · 1,4\u00a0mnkr"]  # short, with the value; name in hover
    assert bar.customdata[0][0] == "Mål 2: Två"
    assert list(bar.x) == [6_499_999, 1_350_000]
    assert list(bar.marker.color) == [goal_color(2), goal_color(5)]
    assert fig.layout.title.text.replace("<br>", " ") == "Beviljat belopp per mål i urvalet"
    assert fig.layout.xaxis.title.text == "Beviljat (mnkr)"
    assert list(fig.layout.xaxis.ticktext) == ["0", "2", "4", "6", "8"] and fig.layout.xaxis.tickangle == 0
    assert fig.layout.separators == ", "
    en = goal_bar(per_goal(rows(), "en"), "en")
    assert en.layout.title.text.replace("<br>", " ") == "Amount granted per goal in the selection"
    assert en.layout.xaxis.title.text == "Granted (SEK million)" and "Number of projects" in en.data[0].hovertemplate


def test_owner_bar_marks_the_others_row() -> None:
    data = per_owner(rows(), 1, lang="sv")
    fig = owner_bar(data, 1, lang="sv")
    # the amount and the count in the row's label (a label outside the bar ran off the chart)
    assert [y.split("<br>")[0] for y in fig.data[0].y] == ["C", "Övriga 2 projektägare"]
    assert all("mnkr · " in y and "projekt" in y for y in fig.data[0].y) and fig.data[0].text is None
    assert fig.data[0].marker.color[0] != fig.data[0].marker.color[1]
    assert fig.layout.title.text.replace("<br>", " ") == "Beviljat belopp per projektägare i urvalet (de 1 största)"
    assert (
        owner_bar(per_owner(rows(), None, lang="sv"), None, lang="en").layout.title.text.replace("<br>", " ")
        == "Amount granted per project owner in the selection"
    )


def test_size_histogram_axes_and_values() -> None:
    fig = size_histogram(size_bands(rows(), "sv"), "sv")
    # one row per band, the count in the row's label: upright, never overlapping like the old column labels
    assert list(fig.data[0].x) == [1, 2, 0, 1, 0, 1] and fig.data[0].orientation == "h"
    assert fig.data[0].y[1].endswith("<br>2 projekt")
    assert fig.layout.yaxis.title.text == "Beviljat belopp" and fig.layout.xaxis.title.text == "Antal projekt"
    en = size_histogram(size_bands(rows(), "en"), "en")
    assert en.layout.xaxis.title.text == "Number of projects" and en.layout.title.text.replace("<br>", " ").startswith(
        "Size of the grants"
    )


def test_read_goal_ids_reads_ids_lists_and_labels() -> None:
    valid = [1, 2, 3, 4, 5, 6]
    assert read_goal_ids("5", valid) == ([5], [])
    assert read_goal_ids(["5", "2", "5"], valid) == ([5, 2], [])
    assert read_goal_ids("5,2", valid) == ([5, 2], [])
    assert read_goal_ids(["Mål 5: Platsbaserad", "Goal 3: Env"], valid) == ([5, 3], [])
    assert read_goal_ids(["9", "x", ""], valid) == ([], ["9", "x"])
    assert read_goal_ids(None, valid) == ([], [])


def test_amount_bounds_and_filter() -> None:
    assert amount_bounds(132_886, 9_000_000) == (100_000, 9_000_000)
    assert amount_bounds(132_886, 9_000_001) == (100_000, 9_100_000)
    bounds = (100_000, 9_000_000)
    assert amount_filter(bounds, bounds) == (None, None)
    assert amount_filter((500_000, 9_000_000), bounds) == (500_000, None)
    assert amount_filter((100_000, 2_000_000), bounds) == (None, 2_000_000)
    assert clean_text("  förstudie ") == "förstudie" and clean_text("   ") is None and clean_text(None) is None
    assert totals(rows()) == {"projects": 5, "amount_sek": 7_849_999, "owners": 3}
    assert totals(rows().iloc[0:0]) == {"projects": 0, "amount_sek": 0, "owners": 0}


def figures() -> pd.DataFrame:
    """Portfolio figures for two goals and the year (fixture values), with gaps and a derived figure."""
    return pd.DataFrame(
        [
            (1, "ongoing_projects", 26.0, "stated", "1-2"),
            (1, "ongoing_amount_msek", 38.8, "stated", "1-3"),
            (1, "share_of_year_total_pct", 15.0, "stated", "4"),
            (1, "granted_projects", 11.0, "stated", "5"),
            (1, "granted_amount_sek", 13_257_349.0, "stated", "6"),
            (3, "ongoing_projects", 6.0, "derived", "7"),
            (3, "ongoing_amount_msek", None, "not_stated", "8"),
            (3, "share_of_year_total_pct", None, "not_stated", "8"),
            (3, "granted_projects", 2.0, "stated", "9"),
            (3, "granted_amount_sek", 1_010_700.0, "stated", "10"),
            (None, "granted_projects", 60.0, "stated", "11"),
        ],
        columns=["goal_id", "metric", "value", "basis", "source_lines"],
    )


GOALS = pd.DataFrame({"goal_id": [1, 3], "name_sv": ["Ett", "Tre"], "name_en": ["One", "Three"]})


def test_portfolio_rows_show_gaps_as_text_never_zero() -> None:
    data = portfolio_rows(figures(), GOALS, [], "sv")
    assert data["goal"].tolist() == ["Mål 1: Ett", "Mål 3: Tre"]
    assert data["ongoing_projects"].tolist() == ["26", "6 (härlett)"]
    assert data["ongoing_amount_msek"].tolist() == [f"38,8{NB}mnkr", "Ej angivet i rapporten"]
    assert data["share_of_year_total_pct"].tolist() == [f"15{NB}%", "Ej angivet i rapporten"]
    assert data["ongoing_amount_msek_gap"].tolist() == [False, True]
    assert data["source_lines"].tolist() == ["1-2;1-3;4", "7;8"]
    en = portfolio_rows(figures(), GOALS, [3], "en")
    assert en["goal"].tolist() == ["Goal 3: Three"]
    assert (
        en["ongoing_projects"].iloc[0] == "6 (derived)"
        and en["share_of_year_total_pct"].iloc[0] == "Not stated in the report"
    )


def test_stated_totals_add_the_report_totals_of_the_chosen_goals() -> None:
    assert stated_totals(figures(), [3]) == {"projects": 2, "amount_sek": 1_010_700, "source_lines": "10"}
    assert stated_totals(figures(), []) == {"projects": 13, "amount_sek": 14_268_049, "source_lines": "6;10;11"}
    assert stated_totals(figures(), [2]) is None  # no stated total for that goal


def test_project_table_says_one_year_once_and_keeps_a_column_for_several() -> None:
    table, cols, heading, note = project_table(rows(), "sv")
    assert list(table.columns) == ["Mål", "Belopp", "Projekt", "Projektägare"] and heading == "Projekten 2018"
    assert note == "" and cols["amount_sek"] == "Belopp" and str(table["Belopp"].dtype) == "int64"
    two_years = rows().assign(year=[2018, 2018, 2019, 2019, 2019])  # entered rows of a later year
    table, _, heading, _ = project_table(two_years, "en")
    assert list(table.columns) == ["Goal", "Amount", "Project", "Project owner", "Year"]
    assert heading == "The projects" and table["Year"].tolist() == ["2018", "2018", "2019", "2019", "2019"]


def test_project_table_is_bounded_and_says_so() -> None:
    table, _, _, note = project_table(rows(), "sv", limit=3)
    assert table["Projekt"].tolist() == ["p1", "p2", "p3"]  # the first rows of the query's order (largest first)
    assert note.startswith("Tabellen visar de 3 största av 5 projekten.")
    _, _, _, note = project_table(rows(), "en", limit=3)
    assert note.startswith("The table shows the 3 largest of the 5 projects.")
    assert project_table(rows(), "sv", limit=5)[3] == ""
