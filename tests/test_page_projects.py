"""Projects page in AppTest: filters change the table and totals, deep links restore them, exports, languages.

Expected rows are computed from data/project_grant.csv; known totals cite the report: goal 5's TOTALT line
"TOTALT: 24 PROJEKT 24 760 387" (source line 4913); all six goals: 60 projects, 86 205 579 kr (the six
TOTALT lines; the report's prose says "86 miljoner kr till 60 nystartade projekt", line 2906).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook
from page_helpers import charts, folded, html_tables, open_tab, shown_metrics

from malbild import fmt
from malbild.paths import DATA_DIR

PAGE = "pages/2_Projects.py"
NB = "\u00a0"


def sek(n: int) -> str:
    """Swedish kronor as the page shows them: '24 760 387 kr' with no-break spaces."""
    return f"{n:,}".replace(",", NB) + f"{NB}kr"


@pytest.fixture(scope="module")
def grants() -> list[dict]:
    with open(DATA_DIR / "project_grant.csv", encoding="utf-8", newline="") as handle:
        return [dict(r, goal_id=int(r["goal_id"]), amount_sek=int(r["amount_sek"])) for r in csv.DictReader(handle)]


def url_values(at, key: str) -> list[str]:
    """A URL parameter's values as a list (AppTest keeps a single value as a string)."""
    value = at.query_params.get(key)
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def portfolio_table(at) -> pd.DataFrame:
    """The portfolio figures table (the last table on the page; charts' data tables come before it)."""
    return html_tables(at)[-1]


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in shown_metrics(at)}


def table(at):
    """The projects table (the first dataframe on the page)."""
    return at.dataframe[0].value


def amount_format(at) -> str:
    """The amount column's format: the browser formats the numbers (sprintf-js), no Styler per session."""
    dataframe = at.dataframe[0].proto
    assert not dataframe.arrow_data.HasField("styler"), "no pandas Styler: its display values cost every session"
    return json.loads(dataframe.columns)["Belopp" if "Belopp" in dataframe.columns else "Amount"]["type_config"][
        "format"
    ]


def titles(at) -> list[str]:
    """The titles of the charts the page drew."""
    return list(charts(at))


def expect(at, chosen: list[dict]) -> None:
    """The table holds exactly the chosen rows (largest first) and the metrics add them up."""
    frame = table(at)
    assert sorted(zip(frame["Projekt"], frame["Belopp"])) == sorted((r["project"], r["amount_sek"]) for r in chosen)
    assert frame["Belopp"].tolist() == sorted(frame["Belopp"].tolist(), reverse=True)
    assert metrics(at)["Antal projekt"] == str(len(chosen))
    assert metrics(at)["Beviljat belopp"] == sek(sum(r["amount_sek"] for r in chosen))


def test_all_projects_in_swedish(open_page, grants) -> None:
    at = open_page(PAGE)
    assert at.title[0].value == "Beviljade projekt"
    assert len(grants) == 60 and sum(r["amount_sek"] for r in grants) == 86_205_579
    expect(at, grants)
    assert metrics(at)["Beviljat belopp"] == f"86{NB}205{NB}579{NB}kr"
    assert any(
        "Stämmer med rapportens TOTALT-rader: 60 projekt" in c.value and "2906-2908" in c.value for c in at.caption
    )
    assert str(table(at)["Belopp"].dtype) == "int64"  # sorted as numbers
    # Shown in Swedish format: sprintf-js takes the pad character given as '<char> as the thousands separator, so
    # 9000000 reads "9 000 000 kr" (looked at in Chromium, docs/capacity.md); the same as fmt.sek.
    assert amount_format(at) == f"%'{NB},d{NB}kr" == fmt.sek_grid_format("sv")
    assert titles(at) == ["Beviljat belopp per mål i urvalet"]  # lazy tabs: only the open tab's chart is drawn
    assert [b.proto.disabled for b in at.get("download_button")] == [False, False]
    assert len(portfolio_table(at)) == 6  # portfolio figures for all six goals


def test_deep_link_goal_5(open_page, grants) -> None:
    at = open_page(PAGE, goal="5")
    assert at.multiselect(key="prj_goal").value == [5]
    goal5 = [r for r in grants if r["goal_id"] == 5]
    expect(at, goal5)
    assert metrics(at) == {"Antal projekt": "24", "Beviljat belopp": f"24{NB}760{NB}387{NB}kr", "Projektägare": "15"}
    assert any("(rad 4913)" in c.value and "Stämmer" in c.value for c in at.caption)
    assert set(table(at)["Mål"]) == {"Mål 5"}  # the short label: the name is not repeated (cut) on every row
    portfolio = portfolio_table(at)
    assert portfolio.iloc[0].tolist() == [
        "Mål 5: Platsbaserad näringslivsutveckling",
        "44 (härlett)",  # 24 new (line 4808) + 20 earlier (line 4812), as goals 3 and 4
        "Ej angivet i rapporten",
        "Ej angivet i rapporten",
    ]


def test_deep_link_several_goals_and_labels(open_page, grants) -> None:
    at = open_page(PAGE, goal=["5", "2"])
    assert at.multiselect(key="prj_goal").value == [5, 2]
    expect(at, [r for r in grants if r["goal_id"] in (2, 5)])
    # a label copied from the English page also works
    at = open_page(PAGE, goal="Goal 1: Communities that include and develop people")
    assert at.multiselect(key="prj_goal").value == [1]
    assert portfolio_table(at).iloc[0].tolist() == [
        "Mål 1: Samhällen som inkluderar och utvecklar människor",
        "26",
        f"38,8{NB}mnkr",
        f"15{NB}%",
    ]


def test_choosing_goals_changes_table_totals_and_url(open_page, grants) -> None:
    at = open_page(PAGE)
    at.multiselect(key="prj_goal").set_value([5]).run()
    expect(at, [r for r in grants if r["goal_id"] == 5])
    assert url_values(at, "goal") == ["5"]
    at.multiselect(key="prj_goal").set_value([5, 3]).run()
    expect(at, [r for r in grants if r["goal_id"] in (3, 5)])
    assert url_values(at, "goal") == ["5", "3"]
    at.multiselect(key="prj_goal").set_value([]).run()
    expect(at, grants)
    assert "goal" not in at.query_params


def test_owner_filter(open_page, grants) -> None:
    at = open_page(PAGE)
    at.multiselect(key="owner").set_value(["Umeå universitet", "Vindelns kommun"]).run()
    chosen = [r for r in grants if r["owner"] in ("Umeå universitet", "Vindelns kommun")]
    assert len(chosen) == 4
    expect(at, chosen)
    assert not any("TOTALT" in c.value for c in at.caption)  # the report's totals apply to whole goals only


def test_amount_range(open_page, grants) -> None:
    at = open_page(PAGE)
    at.select_slider(key="amount").set_value((500_000, 2_000_000)).run()
    expect(at, [r for r in grants if 500_000 <= r["amount_sek"] <= 2_000_000])
    assert any(f"500{NB}000{NB}kr – 2{NB}000{NB}000{NB}kr" in c.value for c in at.caption)


def test_amount_slider_shows_grouped_amounts_and_keeps_whole_kronor_in_the_url(open_page, grants) -> None:
    """The thumbs read '500 000 kr' / 'SEK 500,000' (st.slider showed '500000 kr'); the URL keeps plain kronor."""
    at = open_page(PAGE)
    slider = at.select_slider(key="amount")
    assert f"100{NB}000{NB}kr" in slider.options and f"9{NB}000{NB}000{NB}kr" in slider.options
    assert not any(o.replace(NB, "").endswith("00000kr") and NB not in o for o in slider.options)
    slider.set_value((500_000, 2_000_000)).run()
    assert url_values(at, "amount") == ["500000", "2000000"]
    expect(at, [r for r in grants if 500_000 <= r["amount_sek"] <= 2_000_000])
    en = open_page(PAGE, lang="en", amount=["330000", "2000000"])
    assert f"SEK{NB}330,000" in en.select_slider(key="amount").options
    assert en.select_slider(key="amount").value == (330_000, 2_000_000)


def test_text_search_is_case_insensitive(open_page, grants) -> None:
    at = open_page(PAGE)
    at.text_input(key="q").set_value("FÖRSTUDIE").run()
    chosen = [r for r in grants if "förstudie" in r["project"].lower()]
    assert len(chosen) == 5
    expect(at, chosen)


def test_deep_link_restores_owner_amount_and_text(open_page, grants) -> None:
    at = open_page(PAGE, goal="5", owner="Regionförbundet Västerbottens län", amount=["300000", "2000000"], q="a")
    assert at.multiselect(key="owner").value == ["Regionförbundet Västerbottens län"]
    assert at.select_slider(key="amount").value == (300_000, 2_000_000)
    assert at.text_input(key="q").value == "a"
    expect(
        at,
        [
            r
            for r in grants
            if r["goal_id"] == 5
            and r["owner"] == "Regionförbundet Västerbottens län"
            and 300_000 <= r["amount_sek"] <= 2_000_000
            and "a" in r["project"].lower()
        ],
    )


def test_no_match_gives_a_message_no_chart_and_no_download(open_page) -> None:
    at = open_page(PAGE, q="finns-inte")
    assert [i.value for i in at.info] == ["Inga rader matchar urvalet. Ändra eller rensa filtren."]
    assert len(at.get("plotly_chart")) == 0 and len(at.dataframe) == 0
    assert [b.proto.disabled for b in at.get("download_button")] == [True, True]
    assert metrics(at)["Antal projekt"] == "0"


def test_clear_filters(open_page, grants) -> None:
    at = open_page(PAGE, goal="5", q="förstudie")
    assert metrics(at)["Antal projekt"] == "3"
    at.button(key="prj_clear").click().run()
    expect(at, grants)
    assert at.text_input(key="q").value == "" and at.multiselect(key="prj_goal").value == []


def test_english_labels(open_page) -> None:
    at = open_page(PAGE, lang="en", goal="5")
    assert at.title[0].value == "Granted projects"
    assert metrics(at) == {"Number of projects": "24", "Amount granted": f"SEK{NB}24,760,387", "Project owners": "15"}
    assert at.multiselect(key="prj_goal").options == [
        "Goal 1: Communities that include and develop people",
        "Goal 2: Structures for innovation",
        "Goal 3: Environment-driven development",
        "Goal 4: Investments in education and competence",
        "Goal 5: Place-based business development",
        "Goal 6: An accessible and outward-looking region",
    ]
    assert list(table(at).columns) == ["Goal", "Amount", "Project", "Project owner"]
    assert amount_format(at) == f"SEK{NB}%,d"  # "SEK 9,000,000", as fmt.sek("en")
    assert "The projects, 2018" in [h.value for h in at.header]
    assert portfolio_table(at).iloc[0, 1] == "44 (derived)"
    assert [b.proto.label for b in at.get("download_button")] == ["CSV (Excel, semicolon)", "Excel (.xlsx)"]


def test_filters_offer_no_english_select_all(open_page) -> None:
    """Streamlit's built-in "Select all" is English only; no choice already means all goals (or owners)."""
    at = open_page(PAGE)
    for key in ("prj_goal", "owner"):
        proto = at.multiselect(key=key).proto
        assert proto.HasField("select_all") and proto.select_all == 0, key  # 0: the frontend never shows it
    assert at.multiselect(key="prj_goal").placeholder == "Alla mål"


def test_language_switch_keeps_the_filter_and_changes_labels(open_page) -> None:
    at = open_page(PAGE, goal="5")
    assert at.multiselect(key="prj_goal").options[4] == "Mål 5: Platsbaserad näringslivsutveckling"
    at.sidebar.segmented_control(key="lang_widget").set_value("en").run()
    assert at.multiselect(key="prj_goal").value == [5]
    assert at.multiselect(key="prj_goal").options[4] == "Goal 5: Place-based business development"
    assert metrics(at)["Number of projects"] == "24"


def test_downloads_hold_the_filtered_rows_and_the_filters(open_page, grants, monkeypatch) -> None:
    from streamlit.delta_generator import DeltaGenerator

    files: dict[str, bytes] = {}
    original = DeltaGenerator.download_button

    def capture(self, label, data, file_name=None, *args, **kwargs):
        files[file_name] = data() if callable(data) else data  # the page defers making the file to the click
        return original(self, label, data, file_name, *args, **kwargs)

    monkeypatch.setattr(DeltaGenerator, "download_button", capture)
    at = open_page(PAGE, goal="5", amount=["1000000", "9000000"])
    chosen = [r for r in grants if r["goal_id"] == 5 and r["amount_sek"] >= 1_000_000]
    assert len(chosen) == 9
    assert any(
        "Mål 5: Platsbaserad näringslivsutveckling" in c.value and "minst 1 000 000 kr" in c.value for c in at.caption
    )
    csv_name = next(n for n in files if n.endswith(".csv"))
    xlsx_name = next(n for n in files if n.endswith(".xlsx"))
    assert csv_name.startswith("malbild-projekt-mal-5-urval-")  # goal 5 and an amount range: the name says so
    lines = list(csv.reader(io.StringIO(files[csv_name].decode("utf-8-sig"), newline=""), delimiter=";"))
    assert lines[0][:3] == ["Mål nr", "Mål", "År"]  # the header on the first line
    assert sorted((r[4], int(r[5])) for r in lines[1:]) == sorted((r["project"], r["amount_sek"]) for r in chosen)
    book = load_workbook(io.BytesIO(files[xlsx_name]))
    amounts = [r[5] for r in book["Projekt"].iter_rows(min_row=2, values_only=True)]
    assert sorted(amounts) == sorted(r["amount_sek"] for r in chosen)
    about = {r[0]: r[1] for r in book["Om urvalet"].iter_rows(values_only=True) if r and r[0]}
    assert about["Belopp"] == "minst 1 000 000 kr" and about["Mål"] == "Mål 5: Platsbaserad näringslivsutveckling"


def test_presentation_mode(open_page) -> None:
    at = open_page(PAGE, present="1", goal=["1", "5"])
    assert metrics(at)["Antal projekt"] == "35"  # 11 + 24 (lines 4118, 4913)
    assert len(at.get("plotly_chart")) == 1
    assert not any(e.label == "Diagrammets data som tabell" for e in at.expander)


def test_going_on_to_the_goals_page_after_filtering(open_page) -> None:
    # The Goals page writes ?goal= itself; a widget bound to ?goal= here would make that fail.
    at = open_page(PAGE, goal="5", owner="Vindelns kommun")
    at.switch_page("pages/1_Goals.py").run()
    assert not at.exception, [e.value for e in at.exception]


def test_each_chart_tab_draws_its_chart_only_when_open(open_page) -> None:
    """Lazy tabs: the page sends one chart, the open tab's; opening another tab draws that one; the toggle stays."""
    at = open_page(PAGE)
    assert [t.label for t in at.tabs] == ["Per mål", "Per projektägare", "Bidragens storlek"]
    first = titles(at)
    open_tab(at, "prj_chart_tab", "Per projektägare")
    owners = titles(at)
    at.toggle(key="prj_all_owners").set_value(True).run()
    all_owners = charts(at)
    assert list(all_owners) != owners, "the toggle shows all owners"
    open_tab(at, "prj_chart_tab", "Bidragens storlek")
    sizes = titles(at)
    assert len(first) == len(owners) == len(sizes) == 1 and len({*first, *owners, *sizes}) == 3
    assert "prj_all_owners" not in [w.key for w in at.toggle], "the owner toggle belongs to its tab"
    open_tab(at, "prj_chart_tab", "Per projektägare")
    assert at.toggle(key="prj_all_owners").value is True, "the choice survives a visit to another tab"
    assert charts(at) == all_owners
    assert not at.exception


def test_chart_tabs_follow_the_language(open_page) -> None:
    at = open_page(PAGE)
    open_tab(at, "prj_chart_tab", "Bidragens storlek")
    at.segmented_control(key="lang_widget").set_value("en").run()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Per goal", "Per project owner", "Size of the grants"]
    assert len(at.get("plotly_chart")) == 1


def test_table_spends_its_width_on_names_with_the_year_once_in_the_heading(open_page) -> None:
    """Issue 21 item 13: every row is from 2018, so the year is said once (in the heading), not in a column; the
    source lines are reachable below the table (folded) and in the downloads, not a column of line numbers."""
    at = open_page(PAGE)
    assert list(table(at).columns) == ["Mål", "Belopp", "Projekt", "Projektägare"]
    assert "Projekten 2018" in [h.value for h in at.header]
    source = {k: v for k, v in folded(at).items() if k.startswith("Visa källan till tabellens rader")}
    assert len(source) == 1 and all(source.values()), "the rows' source lines and passage, folded below the table"


@pytest.fixture(scope="module")
def fifty_thousand(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A synthetic dataset with 50 000 granted projects (issue 22 item 3: the import that broke the page)."""
    from malbild.data.build import build
    from tools.synth import Spec, generate

    folder = tmp_path_factory.mktemp("fifty_thousand")
    generate(folder / "data", Spec(years=2, goals=6, subgoals_per_goal=1, projects=50_000, ongoing=10, owners=50))
    build(folder / "db.duckdb", folder / "data")
    return folder / "db.duckdb", folder / "data"


def test_fifty_thousand_projects_show_a_bounded_table_not_an_exception(open_page_on, fifty_thousand) -> None:
    """Issue 22 item 3: no page may fail because the data grew (pandas Styler refuses more than 262 144 cells).
    The table shows the largest rows up to a stated limit and says how many there are; the totals are of all."""
    db, data = fifty_thousand
    at = open_page_on(db, data, page=PAGE, check=False)
    assert not at.exception, [e.value for e in at.exception]
    assert metrics(at)["Antal projekt"] == f"50{NB}000"
    frame = table(at)
    assert len(frame) == 1000
    assert frame["Belopp"].tolist() == sorted(frame["Belopp"].tolist(), reverse=True)
    assert any(
        f"de 1{NB}000 största av 50{NB}000 projekten" in c.value and "nedladdningarna" in c.value for c in at.caption
    ), [c.value for c in at.caption]


def test_one_goal_per_goal_chart_gives_way_to_a_sentence(open_page) -> None:
    """Issue 21 item 13: filtered to one goal, 'Per mål' was a single bar; a sentence says what it would show."""
    at = open_page(PAGE, goal="5")
    assert not [c for c in at.get("plotly_chart") if "prj_goal_chart" in c.proto.id]
    assert any(
        f"Urvalet gäller bara mål 5: 24 projekt, totalt 24{NB}760{NB}387{NB}kr" in i.value for i in at.info
    )  # line 4913
    two = open_page(PAGE, goal=["1", "5"])
    assert [c for c in two.get("plotly_chart") if "prj_goal_chart" in c.proto.id]
