"""Sources page: counts per basis match the data files; the figure list filters and quotes passages."""

from __future__ import annotations

import pandas as pd
from page_helpers import shown_metrics

from malbild.paths import DATA_DIR
from malbild.views.sources import DATASETS, basis_table, basis_totals, filter_figures

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
