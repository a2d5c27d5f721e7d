"""Sources page: counts per basis match the data files; the figure list filters and quotes passages."""

from __future__ import annotations

import re

import pandas as pd
from page_helpers import shown_metrics

from malbild.paths import DATA_DIR
from malbild.views.sources import DATASETS, basis_table, basis_totals, filter_figures

NB = "\u00a0"

# Every data file with a basis column, found from the files themselves (not from the view's own list).
BASIS_FILES = sorted(p.stem for p in DATA_DIR.glob("*.csv") if "basis" in pd.read_csv(p, nrows=0).columns)


def test_the_figure_view_covers_every_file_with_a_basis() -> None:
    assert sorted(DATASETS) == BASIS_FILES


def expected_totals() -> dict[str, int]:
    """Count rows per basis straight from the CSV files."""
    frames = [pd.read_csv(DATA_DIR / f"{name}.csv")["basis"] for name in BASIS_FILES]
    return pd.concat(frames).value_counts().to_dict()


def test_basis_totals_and_table() -> None:
    counts = pd.DataFrame(
        {"dataset": ["a", "a", "b"], "basis": ["stated", "not_stated", "stated"], "figures": [3, 1, 2]}
    )
    assert basis_totals(counts) == {"stated": 5, "derived": 0, "reconstructed": 0, "not_stated": 1, "entered": 0}
    table = basis_table(counts, "en")
    assert list(table.columns) == ["Area", "Stated", "– Not stated", "Total"]
    assert table["Total"].tolist() == [4, 2]


def test_filter_figures() -> None:
    figures = pd.DataFrame(
        {
            "dataset": ["x", "y"],
            "figure_key": ["Likviditet", "Resultat"],
            "basis": ["stated", "derived"],
            "passage": ["1,28", None],
        }
    )
    assert filter_figures(figures, "x", None, None)["figure_key"].tolist() == ["Likviditet"]
    assert filter_figures(figures, None, "derived", None)["figure_key"].tolist() == ["Resultat"]
    assert filter_figures(figures, None, None, "1,28")["figure_key"].tolist() == ["Likviditet"]
    assert filter_figures(figures, None, None, "saknas").empty


def test_sources_page_counts_every_basis(open_page) -> None:
    at = open_page("pages/5_Sources.py")
    metrics = {m.label: int(m.value.replace("\u00a0", "")) for m in shown_metrics(at)}
    expected = expected_totals()
    assert metrics["Angivet i rapporten"] == expected["stated"]
    assert metrics["Ej angivet i rapporten"] == expected["not_stated"]
    assert metrics["Rekonstruerat ur diagrametiketter"] == expected.get("reconstructed", 0)
    assert metrics["Inmatat av personal"] == 0


def test_sources_page_filters_and_quotes(open_page) -> None:
    at = open_page("pages/5_Sources.py")
    at.selectbox(key="src_dataset").set_value("financial_goal").run()
    at.text_input(key="src_text").input("liquidity").run()
    table = at.dataframe[1].value
    assert len(table) == 3  # liquidity ratio 2016, 2017, 2018
    row = table[table["År"] == 2018].iloc[0]
    assert row["Värde"] == "1,28"
    assert "1,28" in row["Citat ur rapporten"]
    at.text_input(key="src_text").input("finns inte någonstans").run()
    assert "Inga rader matchar urvalet" in at.info[0].value


def test_figures_read_as_a_reader_names_them(open_page) -> None:
    """Issue 21 item 12: no keys ('balance: Kassa och Bank', 'sick_leave_pct (men)'), values with their unit, lines
    as 'rad 7818 och 7835', and the document by its title, not a file path."""
    at = open_page("pages/5_Sources.py")
    table = at.dataframe[1].value
    figure, value, lines = table["Siffra"], table["Värde"], table["Källrader"]
    assert not [f for f in figure if re.search(r"[a-z]+_[a-z]+|^(balance|income|goal \d|all goals): ", f)], figure
    row = table[(figure == "Balansräkningen: Kassa och Bank") & (table["År"] == 2018)].iloc[0]
    assert row["Värde"] == f"50{NB}283{NB}tkr"  # line 7818/7835
    assert row["Källrader"] == "rad 7818 och 7835"
    sick = table[(figure == "Sjukfrånvaro (sjuktal), alla") & (table["År"] == 2018)].iloc[0]
    assert sick["Värde"] == f"2,9{NB}%"  # line 5429: 'sjuktalen i procent ökat till 2,9 (1,5)'
    assert sick["Källrader"] == "rad 5429 och 5451–5474"
    level = table[(figure == "Mål 5: måluppfyllelse") & (table["År"] == 2018)].iloc[0]
    assert level["Värde"] == "●○○ 1 I liten grad" and level["Källrader"] == "rad 4715"  # line 4715
    assert not [v for v in value if v in ("", "nan")]
    assert not [x for x in lines if ";" in x]
    text = "\n".join(m.value for m in at.markdown)
    assert "data/source" not in text and ".txt" not in text
    assert "Årsredovisning 2018, Region Västerbotten" in text
