"""The Personnel page against the bundled data (figures cited from data/hr_metric.csv and its source lines)."""

from __future__ import annotations

import pandas as pd
from page_helpers import charts, html_tables, notes, open_tab, shown_metrics

from malbild.paths import DATA_DIR
from malbild.views.personnel import METRIC_KEYS

PAGE = "pages/3_Personnel.py"
HR = pd.read_csv(DATA_DIR / "hr_metric.csv")


def metrics(at) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.delta) for m in shown_metrics(at)}


def test_every_metric_key_in_the_data_has_a_label() -> None:
    assert sorted(set(HR["metric"]) - set(METRIC_KEYS)) == [], (
        "add labels for these keys to METRIC_KEYS in malbild/views/personnel.py"
    )


def test_headline_figures_in_swedish(open_page) -> None:
    at = open_page(PAGE)
    assert at.title[0].value == "Personalen 2018"
    m = metrics(at)
    # "totalt 110 (104) medarbetare" (lines 5280-5282), "111 (105) anställningar" (5282)
    assert m["Medarbetare vid årets slut 2018"] == ("110", "+6 (2017: 104)")
    assert m["Anställningar vid årets slut 2018"] == ("111", "+6 (2017: 105)")
    # "sjuktalen i procent ökat till 2,9 (1,5)" (5429); "52,5 (38,6)" long-term share (5429-5431)
    assert m["Sjukfrånvaro (sjuktal) 2018"] == ("2,9\u00a0%", "+1,4 p.e. (2017: 1,5\u00a0%)")
    assert m["Andel långtidssjukfrånvaro 2018"][0] == "52,5\u00a0%"
    assert "38,6" in m["Andel långtidssjukfrånvaro 2018"][1]
    # "Varje chefstjänst har i genomsnitt ansvar för 11 (10,4) medarbetare" (5268-5270)
    assert m["Medarbetare per chefstjänst 2018"] == ("11", "+0,6 (2017: 10,4)")
    # Derived values carry a visible marker: 100 − 80 = 20 (5290-5292)
    assert m["Andel visstidsanställda 2018"][0] == "20\u00a0% †"
    assert "Chefstjänster med personalansvar 2018" in m and "Personalomsättning 2018" in m
    assert "Användning av friskvårdsersättning 2018" in m and "Frisktal (0–5 sjukdagar) 2018" in m


def test_charts_show_values_and_gaps(open_page) -> None:
    at = open_page(PAGE)
    figs = charts(at)
    pyramid = figs["Åldersstruktur 2018 (personer)"]
    bars = [tr for tr in pyramid["data"] if tr["type"] == "bar"]
    women = next(tr for tr in bars if tr["name"] == "Kvinnor")
    men = next(tr for tr in bars if tr["name"] == "Män")
    assert dict(zip(women["y"], women["x"])) == {"20-29": -6, "30-39": -18, "40-49": -17, "50-59": -18}
    assert dict(zip(men["y"], men["x"])) == {"20-29": 1, "30-39": 6, "40-49": 12, "50-59": 15}
    gaps = [tr for tr in pyramid["data"] if tr["type"] == "scatter"]
    assert {tuple(tr["y"]) for tr in gaps} == {("60+",)}
    assert all("Ej angivet" in tr["text"][0] for tr in gaps)
    assert "60+" not in women["y"] and "60+" not in men["y"]
    assert any("markerade med ✕" in c.value for c in at.caption) or any("markerade med ✕" in n for n in notes(at))

    sick = figs["Sjukfrånvaro i % av ordinarie arbetstid"]
    by_name = {tr["name"]: tr for tr in sick["data"] if tr["type"] == "bar"}
    assert by_name["Kvinnor"]["y"] == [1.1, 3.7] and by_name["Kvinnor"]["text"] == ["1,1\u00a0% ‡", "3,7\u00a0% ‡"]
    assert by_name["Alla"]["y"] == [1.5, 2.9] and by_name["Alla"]["text"] == ["1,5\u00a0%", "2,9\u00a0%"]

    contracts = charts(open_tab(at, "hr_structure_tab", "Anställningsformer"))["Anställningsformer per kön"]
    perm = next(tr for tr in contracts["data"] if tr["name"] == "Tillsvidare")
    assert dict(zip(perm["x"], perm["y"])) == {
        "Alla<br>2017": 91,
        "Kvinnor<br>2018": 53,
        "Män<br>2018": 36,
        "Alla<br>2018": 89,
    }
    gap = next(tr for tr in contracts["data"] if tr["type"] == "scatter")
    assert gap["x"] == ["Kvinnor<br>2017", "Män<br>2017"]  # not stated for 2017 by gender: a gap, not 0


def test_all_figures_table_covers_every_row(open_page) -> None:
    at = open_page(PAGE)
    table = html_tables(at)[-1]
    assert len(table) == len(HR.groupby(["metric", "grp"]))
    row = table[(table["Personaltal"] == "Medarbetare vid årets slut") & (table["Grupp"] == "Alla")].iloc[0]
    assert (row["2018"], row["2017"]) == ("110", "104")
    gap = table[(table["Personaltal"] == "Anställningar vid årets slut") & (table["Grupp"] == "Kvinnor")].iloc[0]
    assert (gap["2018"], gap["2017"]) == ("68", "–")


def test_english_labels(open_page) -> None:
    at = open_page(PAGE, lang="en")
    assert at.title[0].value == "Personnel 2018"
    m = metrics(at)
    assert m["Employees at year end 2018"] == ("110", "+6 (2017: 104)")
    assert m["Sick leave 2018"] == ("2.9%", "+1.4 pp (2017: 1.5%)")
    figs = charts(at)
    assert "Age structure 2018 (persons)" in figs
    pyramid = figs["Age structure 2018 (persons)"]
    assert pyramid["layout"]["xaxis"]["title"]["text"].replace("<br>", " ") == "Persons (women left, men right)"
    assert {tr["name"] for tr in pyramid["data"] if tr["type"] == "bar"} == {"Women", "Men"}
    # The text alternative says a gap in words, in lower case inside the sentence (was "women Not stated").
    assert any("60+: women not stated, men not stated, total 17" in note for note in notes(at))
    assert "Types of employment by gender" in charts(open_tab(at, "hr_structure_tab", "Types of employment"))
    assert "Personnel figure" in html_tables(at)[-1].columns


def test_language_switch_changes_labels(open_page) -> None:
    at = open_page(PAGE)
    assert "Medarbetare vid årets slut 2018" in metrics(at)
    at.segmented_control(key="lang_widget").set_value("en").run()
    assert not at.exception
    assert "Employees at year end 2018" in metrics(at)
    assert at.title[0].value == "Personnel 2018"


def test_presentation_mode_renders(open_page) -> None:
    at = open_page(PAGE, present="1")
    assert metrics(at)["Medarbetare vid årets slut 2018"][0] == "110"
    assert len(at.get("plotly_chart")) == 2  # the open tab's chart of age or contracts, and of health


def test_age_and_contracts_in_lazy_tabs(open_page) -> None:
    """The age pyramid is drawn at load; the contracts chart only when its tab is opened, and then not the pyramid."""
    at = open_page(PAGE)
    assert [t.label for t in at.tabs][:2] == ["Åldersstruktur", "Anställningsformer"]
    assert "Åldersstruktur 2018 (personer)" in charts(at) and "Anställningsformer per kön" not in charts(at)
    opened = charts(open_tab(at, "hr_structure_tab", "Anställningsformer"))
    assert "Anställningsformer per kön" in opened and "Åldersstruktur 2018 (personer)" not in opened
    assert "Andel visstidsanställda 2018" in metrics(at), "the contract shares stay under the tabs, either open"


def test_health_tabs_draw_each_chart_when_opened(open_page) -> None:
    """Lazy tabs: sick leave is drawn at load; frisktal and friskvård are drawn when their tab is opened."""
    at = open_page(PAGE)
    assert [t.label for t in at.tabs][2:] == ["Sjukfrånvaro", "Frisktal", "Friskvårdsersättning"]
    assert len(at.get("plotly_chart")) == 2 and "Sjukfrånvaro i % av ordinarie arbetstid" in charts(at)
    healthy = charts(open_tab(at, "hr_health_tab", "Frisktal"))
    assert "Sjukfrånvaro i % av ordinarie arbetstid" not in healthy and len(healthy) == 2
    # "totalt 88 (88) procent", women 89 (88), men 87 (87) (5441-5449)
    bars = {tr["name"]: tr["y"] for tr in healthy["Frisktal: andel med 0–5 sjukdagar"]["data"] if tr["type"] == "bar"}
    assert bars["Alla"] == [88, 88] and bars["Kvinnor"] == [88, 89] and bars["Män"] == [87, 87]
    wellness = charts(open_tab(at, "hr_health_tab", "Friskvårdsersättning"))
    # "ökat till 75 (63)"; women 84 (67), men 60 (58) (5409-5413)
    bars = {tr["name"]: tr["y"] for tr in wellness["Användning av friskvårdsersättning"]["data"] if tr["type"] == "bar"}
    assert bars["Alla"] == [63, 75] and bars["Kvinnor"] == [67, 84] and bars["Män"] == [58, 60]
    assert not at.exception
