"""Overview page: the goal grid, level counts with changes, headline figures; Swedish and English."""

from __future__ import annotations

import pandas as pd
from page_helpers import Shown, notes, shown_metrics, table_named

from malbild.texts import t
from malbild.ui.blocks import grid_html
from malbild.views.base import Metric, delta_arrow
from malbild.views.overview import level_count_changes, level_counts, level_moves, progress_changes

NB = "\u00a0"


def grid_frame() -> pd.DataFrame:
    """A small grid: goal 1 with a gap in 2017, goal 2 derived in 2017."""
    return pd.DataFrame(
        {
            "goal_id": [1, 1, 2, 2],
            "name_sv": ["Ett", "Ett", "Två", "Två"],
            "name_en": ["One", "One", "Two", "Two"],
            "year": [2017, 2018, 2017, 2018],
            "level": [None, 2, 3, 1],
            "basis": ["not_stated", "stated", "derived", "stated"],
            "note": ["chart lost", "", "from text", ""],
        }
    )


def test_grid_html_shows_levels_as_text_and_symbol_and_gaps() -> None:
    shown = Shown([grid_html(grid_frame(), "sv", link="Goals?goal={goal}")])
    (caption, rows), *_ = shown.tables
    assert rows[0] == ["Mål", "2017", "2018"] and len(rows) == 3  # header + two goals
    cells = [cell for row in rows[1:] for cell in row[1:]]
    assert "●●○ 2 Delvis uppnått" in cells
    assert "●●● 3 På god väg († härlett)" in cells
    assert "– Ej angivet" in cells and "– ej angivet i rapporten" in caption  # short cell, the caption in full
    assert "Goals?goal=2" in [a.get("href") for a in shown.by_tag("a")]
    assert [th.get("scope") for th in shown.by_tag("th")] == ["col"] * 3 + ["row"] * 2


def test_grid_html_in_english() -> None:
    (_, rows), *_ = Shown([grid_html(grid_frame(), "en")]).tables
    cells = [cell for row in rows[1:] for cell in row]
    assert "Goal 1: One" in cells and "– Not stated" in cells and "●○○ 1 Slightly achieved" in cells


def test_level_counts_and_changes() -> None:
    frame = grid_frame()
    assert level_counts(frame, 2018) == {3: 0, 2: 1, 1: 1, None: 0}
    assert level_counts(frame, 2017) == {3: 1, 2: 0, 1: 0, None: 1}
    # Only goal 2 has a level in both years (3 in 2017, 1 in 2018); goal 1's 2017 gap is not a level.
    assert level_count_changes(frame, 2018) == ({3: -1, 2: 0, 1: 1, None: None}, 1)
    assert level_count_changes(frame, 2017) == ({3: None, 2: None, 1: None, None: None}, 0)


def test_a_goal_without_a_row_in_a_year_counts_as_not_stated() -> None:
    """A year entered for some goals only (2019 for goal 1): the others are gaps in the counts, as in the grid."""
    frame = grid_frame()
    only_goal_1 = frame[(frame["goal_id"] == 1) & (frame["year"] == 2018)].assign(year=2019, level=2.0)
    frame = pd.concat([frame, only_goal_1], ignore_index=True)
    assert level_counts(frame, 2019) == {3: 0, 2: 1, 1: 0, None: 1}


def test_level_changes_need_a_level_in_both_years() -> None:
    frame = grid_frame()
    frame.loc[(frame["goal_id"] == 2) & (frame["year"] == 2017), "level"] = float("nan")  # goal 2: 2017 unknown too
    assert level_count_changes(frame, 2018) == ({3: None, 2: None, 1: None, None: None}, 0)
    frame.loc[(frame["goal_id"] == 1) & (frame["year"] == 2017), "level"] = 2  # goal 1: 2 in both years
    assert level_count_changes(frame, 2018) == ({3: 0, 2: 0, 1: 0, None: None}, 1)


def test_overview_page_in_swedish(open_page) -> None:
    at = open_page("app.py")
    assert at.title[0].value == "Regionplanens sex mål – hur går det?"
    metrics = {m.label: (m.value, m.delta) for m in shown_metrics(at)}
    # 2018 levels stated per goal: 2, 2, 2, 3, 1, 2 (lines 3894, 4123, 4415, 4477, 4715, 4916); goals 1-4 kept their
    # 2017 level (lines 530-532, derived), so the change is counted on those four: none moved.
    # Goal 5's 2018 level has no 2017 counterpart, so each change names the goals it is counted over.
    assert metrics["●●● 3 På god väg"] == ("1", "±0 bland mål 1–4")
    assert metrics["●●○ 2 Delvis uppnått"] == ("4", "±0 bland mål 1–4")
    assert metrics["●○○ 1 I liten grad"] == ("1", "±0 bland mål 1–4")
    assert metrics["Ej angivet"] == ("0", "")
    note = next(c.value for c in at.caption if c.value.startswith("Förändringen mot 2017"))
    assert note.startswith("Förändringen mot 2017 räknas bara på mål 1–4, som har en nivå båda åren.")
    assert "För mål 5 och 6 anger rapporten ingen nivå 2017." in note
    assert "Nivåerna 2017 för mål 1–4 är härledda (†) ur rapportens besked att målen ligger kvar på samma nivå" in note
    # Sum of the six TOTALT lines (4118, 4316, 4474, 4623, 4913, 5066).
    assert metrics["Beviljat totalt 2018"][0] == f"86{NB}205{NB}579{NB}kr"
    assert metrics["Beviljade projekt 2018"][0] == "60"
    assert metrics["Finansiella mål uppfyllda 2018"][0] == "5 av 5"
    assert metrics["Medarbetare vid årets slut 2018"][0] == "110"  # line 5268: 110 (104)
    grid = table_named(at, t("grid_caption", "sv"))
    assert len(grid) == 6 and any("●○○ 1 I liten grad" in cell for cell in grid["2018"])


def test_overview_year_switch_changes_counts(open_page) -> None:
    at = open_page("app.py")
    at.segmented_control(key="ov_year").set_value(2017).run()
    metrics = {m.label: m.value for m in shown_metrics(at)}
    assert metrics["Ej angivet"] == "2"  # goals 5 and 6; goals 1-4 derived from lines 530-532
    assert (metrics["●●● 3 På god väg"], metrics["●●○ 2 Delvis uppnått"]) == ("1", "3")
    assert "Antal mål per nivå 2017" in [s.value for s in at.subheader]


def test_overview_page_in_english(open_page) -> None:
    at = open_page("app.py", lang="en")
    assert at.title[0].value == "The Regional Plan's six goals – how are they doing?"
    labels = [m.label for m in shown_metrics(at)]
    assert "Granted in total in 2018" in labels and "Financial goals met in 2018" in labels
    assert {m.label: m.value for m in shown_metrics(at)}["Granted in total in 2018"] == f"SEK{NB}86,205,579"


def test_overview_changes_on_a_database_with_levels_in_both_years(data_copy, tmp_path, open_page_on) -> None:
    from conftest import edit_csv

    from malbild.data.build import build

    # Staff enter 2017 levels for goals 1-4 (1, 2, 2, 2); goals 5 and 6 keep their 2017 gap.
    entered = {"1": "1", "2": "2", "3": "2", "4": "2"}

    def enter_2017(rows):
        for row in rows:
            if row["year"] == "2017" and row["goal_id"] in entered:
                row.update(level=entered[row["goal_id"]], basis="entered", note="entered in a test")
        return rows

    edit_csv(data_copy / "goal_assessment.csv", enter_2017)
    db = tmp_path / "both.duckdb"
    build(db, data_copy)
    at = open_page_on(db, data_copy)
    metrics = {m.label: (m.value, m.delta) for m in shown_metrics(at)}
    # 2018 levels of goals 1-4 (lines 3894, 4123, 4415, 4477): 2, 2, 2, 3; against 1, 2, 2, 2 in 2017:
    # level 3 one more (goal 4), level 2 unchanged (goal 1 in, goal 4 out), level 1 one fewer (goal 1).
    # The counts still cover all six goals; goals 5 and 6 take no part in the change.
    assert metrics["●●● 3 På god väg"] == ("1", "+1 bland mål 1–4")
    assert metrics["●●○ 2 Delvis uppnått"] == ("4", "±0 bland mål 1–4")
    assert metrics["●○○ 1 I liten grad"] == ("1", "−1 bland mål 1–4")
    assert metrics["Ej angivet"] == ("0", "")
    note = next(c.value for c in at.caption if c.value.startswith("Förändringen mot 2017"))
    assert "räknas bara på mål 1–4" in note and "För mål 5 och 6 anger rapporten ingen nivå 2017." in note
    assert "härledda" not in note  # the entered 2017 levels are assessments of their own: changes are possible
    # The 'what changed' list names the two goals that moved (goal 1: 1 -> 2, goal 4: 2 -> 3) and no other.
    changes = " ".join(m.value for m in at.markdown)
    assert "Nivå: 4 av 6 mål (mål 1–4) har en nivå både 2017 och nu; 2 av dem har bytt nivå." in changes
    assert "Mål 1: nivån gick från ●○○ 1 I liten grad (2017) till ●●○ 2 Delvis uppnått." in changes
    assert "Mål 4: nivån gick från ●●○ 2 Delvis uppnått (2017) till ●●● 3 På god väg." in changes
    assert "Mål 2: nivån" not in changes and "Mål 5: nivån" not in changes
    # 2017 against 2016: no goal has a 2016 level, so no change.
    at.segmented_control(key="ov_year").set_value(2017).run()
    metrics = {m.label: (m.value, m.delta) for m in shown_metrics(at)}
    assert metrics["●●○ 2 Delvis uppnått"] == ("3", "") and metrics["Ej angivet"] == ("2", "")
    assert "Ingen jämförelse med 2016: inget mål har en nivå angiven båda åren." in [c.value for c in at.caption]


def test_progress_and_level_moves_compare_only_goals_with_values_in_both_years() -> None:
    progress = pd.DataFrame(
        {
            "goal_id": [1, 1, 2, 2, 3],
            "year": [2017, 2018, 2017, 2018, 2018],
            "progress": ["in_line", "partly", None, "little", "little"],
        }
    )
    # Goal 2 has no 2017 value and goal 3 no 2017 row: neither counts as a change.
    assert progress_changes(progress, 2018) == ([(1, "in_line", "partly")], 1)
    frame = grid_frame()  # goal 1: gap -> 2, goal 2: 3 -> 1
    assert level_moves(frame, 2018) == [(2, 3, 1)]


def test_overview_says_what_changed_and_quotes_the_report(open_page) -> None:
    at = open_page("app.py")
    text = " ".join(m.value for m in at.markdown)
    # 2017 levels: goals 1-4 derived from lines 530-532 ("ligger kvar på samma nivå"), goals 5-6 not stated. The
    # comparison covers exactly those four and claims no move.
    assert "Nivå: 4 av 6 mål (mål 1–4) har en nivå både 2017 och nu; inget av dem har bytt nivå." in text
    # 'No change' holds by construction (the 2017 levels are derived from 'ligger kvar på samma nivå'): it says so.
    assert "För mål 5 och 6 anger rapporten ingen nivå 2017. Nivåerna 2017 för mål 1–4 är härledda (†)" in text
    assert "nivån gick från" not in text
    # Progress against the recommendations (lines 4669-4701, 4966-5008): goals 5 and 6 fell, goal 2 has no 2017 value.
    assert "kan jämföras med 2017 för 5 av 6 mål: sämre för mål 5 och 6, oförändrat för 3." in text
    assert "Mål 5: arbetet mot rekommendationerna ■■□ delvis (2017) → ■□□ i liten grad (2018)." in text
    assert "”Arbetet bedöms i liten utsträckning utvecklas i enlighet med rekommendationerna.”" in text
    assert "”Arbetet bedöms delvis utvecklas i enlighet med rekommendationerna.”" in text  # goal 6, joined 'rekom-'
    progress = list(table_named(at, t("grid_caption", "sv"))["Arbetet mot rekommendationerna 2017 → 2018"])
    assert sum(c.endswith("oförändrat") for c in progress) == 3 and sum(c.endswith("sämre") for c in progress) == 2
    assert "■■□ → ■□□ sämre" in progress
    assert "■■□ (2017 ej angivet)" in progress  # goal 2: no 2017 value, so no change is claimed


def test_delta_arrow_follows_the_sign_a_reader_sees() -> None:
    assert delta_arrow("−1 år (2017: 45 år)") == "down"  # Unicode minus, as Babel writes it
    assert delta_arrow("-6,6 p.e.") == "down"
    assert delta_arrow("+3") == "up"
    assert delta_arrow("+0") == "off" and delta_arrow("-0,0 p.e.") == "off"  # no change earns no arrow ('↑ +0')
    assert delta_arrow("+0,5") == "up" and delta_arrow("+10") == "up"
    assert delta_arrow("±0 (2017: 4)") == "off" and delta_arrow("2017: Ej angivet") == "off"
    assert delta_arrow(None) == "off" and delta_arrow("+3", "off") == "off"
    assert delta_arrow("+0") == "off" and delta_arrow("−0,0 %") == "off" and delta_arrow("+0,5 %") == "up"
    assert delta_arrow("+0 (2017: 4)") == "off" and delta_arrow("+10") == "up"
    assert Metric("x", "1", "−2").shown_arrow == "down"


def test_personnel_changes_are_signed_with_their_unit_as_on_the_personnel_page(open_page) -> None:
    # Line 5280: "totalt 110 (104) medarbetare"; line 5429: "sjuktalen i procent ökat till 2,9 (1,5)".
    metrics = {m.label: (m.value, m.delta) for m in shown_metrics(open_page("app.py"))}
    assert metrics["Medarbetare vid årets slut 2018"] == ("110", "+6 (2017: 104)")
    assert metrics["Sjukfrånvaro 2018"] == (f"2,9{NB}%", f"+1,4 p.e. (2017: 1,5{NB}%)")
    english = {m.label: m.delta for m in shown_metrics(open_page("app.py", lang="en"))}
    assert english["Sick leave 2018"] == "+1.4 pp (2017: 1.5%)"


def test_level_comparison_names_the_goals_compared_and_those_without_a_level() -> None:
    from malbild.views.overview import _change_note, _level_metrics

    frame = grid_frame()  # goal 1: gap -> 2, goal 2: 3 (derived) -> 1
    metrics = {m.label: m.delta for m in _level_metrics(frame, 2018, "sv")}
    assert metrics["●●● 3 På god väg"] == "−1 bland mål 2" and metrics["●○○ 1 I liten grad"] == "+1 bland mål 2"
    note = _change_note(frame, 2018, [2017, 2018], "en")
    assert note.startswith("The change against 2017 is counted only over goal 2, which")
    assert "The report states no 2017 level for goal 1." in note
    assert "derived" not in note  # goal 2 moved: its derived level did not decide the outcome


def test_a_year_without_any_level_is_a_note_not_a_column_or_a_choice(open_page) -> None:
    frame = grid_frame()
    gaps = frame[frame["year"] == 2017].assign(year=2016, level=None, basis="not_stated")
    shown = Shown([grid_html(pd.concat([gaps, frame]), "sv")])
    assert shown.tables[0][1][0] == ["Mål", "2017", "2018"], "no column for 2016"
    assert any("2016: rapporten anger ingen nivå för något av målen" in note for note in shown.notes)
    # The report states no 2016 level for any goal (lines 3918-3924: the chart's bars are lost).
    at = open_page("app.py")
    assert at.segmented_control(key="ov_year").options == ["2017", "2018"]
    grid = table_named(at, t("grid_caption", "sv"))
    assert "2016" not in grid.columns
    assert any("2016: rapporten anger ingen nivå för något av målen" in note for note in notes(at))
    assert sum(cell.endswith("Ej angivet") for cell in grid["2017"]) == 2  # goals 5 and 6 in 2017 only


def test_one_run_of_the_overview_builds_its_view_once(open_page, monkeypatch) -> None:
    """The page and its goal grid share one overview build, and choosing a year rebuilds only its level counts
    (issue 18: the overview was built twice per run, and again at the first rerun)."""
    import sys

    import malbild.views.overview as overview
    from malbild.ui.cached import VIEWS

    builds: list[object] = []
    original = overview.overview_view

    def counted(*args, **kwargs):
        builds.append(args[1:])
        return original(*args, **kwargs)

    for module in [m for name, m in list(sys.modules.items()) if name.startswith("malbild")]:
        if getattr(module, "overview_view", None) is original:
            monkeypatch.setattr(module, "overview_view", counted)
    VIEWS.clear()  # a cold server: nothing built yet
    at = open_page("app.py")
    at.run()  # the same session again: the year choice now holds the latest year, as the first run showed it
    at.segmented_control(key="ov_year").set_value(2017).run()  # another year: only the level counts change
    assert len(builds) == 1, builds
    assert "Antal mål per nivå 2017" in [s.value for s in at.subheader]
