"""Named queries: each runs, returns its documented columns, and binds its parameters."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from malbild.data.build import build
from malbild.data.queries import load_query, query_names, run_query

# Example parameters for every query that takes any.
EXAMPLE_PARAMS: dict[str, dict[str, object]] = {
    "subgoals_of_goal": {"goal_id": 1},
    "recommendation_progress_of_goal": {"goal_id": 1},
    "texts_of_goal": {"goal_id": 1},
    "goal_indicators": {"goal_id": 1},
    "portfolio_details": {"goal_id": 1},
    "funding_and_level_by_goal": {"year": 2018},
    "filtered_project_grants": {"goal_ids": [], "owners": [], "min_amount": None, "max_amount": None, "text": None},
    "finance_lines_of_statement": {"statement": "income"},
    "source_passage": {"document": None, "source_lines": "1-2"},
}


@pytest.fixture
def mini_con(mini_data: Path, tmp_path: Path):
    """A connection to the tiny fixture dataset's database."""
    db = tmp_path / "mini.duckdb"
    build(db, mini_data)
    connection = duckdb.connect(str(db), read_only=True)
    yield connection
    connection.close()


@pytest.mark.parametrize("name", query_names())
def test_query_declares_grain_and_params(name: str) -> None:
    query = load_query(name)
    assert query.grain.startswith("one row"), f"{name}.sql must state its grain"
    assert query.columns, f"{name}.sql must list its columns"
    assert set(query.params) == set(EXAMPLE_PARAMS.get(name, {})), f"{name}: params differ from the examples"


@pytest.mark.parametrize("name", query_names())
def test_query_returns_documented_columns_on_bundled_data(con, name: str) -> None:
    frame = run_query(con, name, **EXAMPLE_PARAMS.get(name, {}))
    assert tuple(frame.columns) == load_query(name).columns
    assert len(frame) > 0, f"{name} returns rows on the bundled data"


def test_filtered_project_grants_binds_every_filter(mini_con) -> None:
    def owners(**kw: object) -> list[str]:
        params = dict(EXAMPLE_PARAMS["filtered_project_grants"], **kw)
        return run_query(mini_con, "filtered_project_grants", **params)["owner"].tolist()

    assert owners() == ["Umeå kommun", "Skellefteå kommun"]
    assert owners(goal_ids=[2]) == ["Skellefteå kommun"]
    assert owners(owners=["Umeå kommun"]) == ["Umeå kommun"]
    assert owners(min_amount=10_000) == ["Umeå kommun"]
    assert owners(max_amount=10_000) == ["Skellefteå kommun"]
    assert owners(text="projekt b") == ["Skellefteå kommun"]
    assert owners(text="'; DROP TABLE src.goal; --") == []
    assert owners(goal_ids=[1], owners=["Skellefteå kommun"]) == []


def test_funding_and_level_by_goal_exact_rows(mini_con) -> None:
    frame = run_query(mini_con, "funding_and_level_by_goal", year=2018)
    assert frame[["goal_id", "projects", "amount_sek", "level"]].values.tolist() == [[1, 1, 655000, 2], [2, 1, 1200, 3]]
    # A year without grants: every goal is listed with no projects and 0 kr (not one project, not a gap).
    empty = run_query(mini_con, "funding_and_level_by_goal", year=2017)
    assert empty[["goal_id", "projects", "amount_sek"]].values.tolist() == [[1, 0, 0], [2, 0, 0]]


def test_source_passage_reads_ranges(mini_con) -> None:
    frame = run_query(mini_con, "source_passage", document="ar2018", source_lines="1-2;4")
    assert frame[["line_no", "text"]].values.tolist() == [[1, "rad ett"], [2, "rad två"], [4, "rad fyra"]]
    # No document: the report database's own (bundled) one; a document that is not there quotes nothing.
    assert run_query(mini_con, "source_passage", document=None, source_lines="2")["text"].tolist() == ["rad två"]
    assert run_query(mini_con, "source_passage", document="ar2019", source_lines="2").empty


def test_figures_with_passage_quotes_source(mini_con) -> None:
    frame = run_query(mini_con, "figures_with_passage")
    grant = frame[frame["figure_key"] == "Umeå kommun – Projekt A"].iloc[0]
    assert grant["passage"] == "rad tre"
    assert set(frame["basis"]) == {"stated", "not_stated"}


def test_run_query_rejects_unknown_and_missing_params(mini_con) -> None:
    with pytest.raises(TypeError):
        run_query(mini_con, "subgoals_of_goal")
    with pytest.raises(TypeError):
        run_query(mini_con, "goals", goal_id=1)
    with pytest.raises(ValueError):
        load_query("../etc/passwd")
