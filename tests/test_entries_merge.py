"""The merged read: contract views with entries laid over the report, exact rows, on both back ends."""

from __future__ import annotations

import copy
from pathlib import Path

import duckdb
import pytest
from conftest import MINI, write_dataset

from malbild.data.build import build
from malbild.data.entries.backends import backend_from
from malbild.data.entries.merge import contract_views, merge_entries, open_merged, superseded_entries
from malbild.data.entries.store import EntriesStore
from tests.support.entries import enter_level

pytest_plugins = ["entries_support"]


def test_entered_level_fills_the_gap_with_provenance(store, built_db):
    """Goal 1's 2016 gap shows the entered level, marked 'entered', with who, when and the document."""
    enter_level(store, 1, 2016, 2, "ur ÅR 2016", source_document="Årsredovisning 2016, s. 12")
    when = store.current("goal_assessment", {"goal_id": 1, "year": 2016})["entered_at"]
    con = open_merged(built_db, store)
    rows = con.execute(
        "SELECT goal_id, year, level, basis, note, source_lines, entered_by, entered_at, "
        "source_document FROM goal_assessment WHERE goal_id = 1 ORDER BY year"
    ).fetchall()
    assert rows[0] == (1, 2016, 2, "entered", "ur ÅR 2016", None, "anna", when, "Årsredovisning 2016, s. 12")
    assert rows[1][:4] == (1, 2017, 2, "derived") and rows[1][6:] == (None, None, None)  # derived: lines 530-532
    assert rows[2][:4] == (1, 2018, 2, "stated") and rows[2][5] == "3894"
    assert con.execute("SELECT count(*) FROM goal_assessment").fetchone()[0] == 18
    assert con.execute(
        "SELECT value, basis FROM figure WHERE dataset = 'goal_assessment' AND figure_key = 'goal 1' AND year = 2016"
    ).fetchall() == [(2.0, "entered")]
    changes = con.execute("SELECT changed_by, table_name, figure_key, action, version FROM change_log").fetchall()
    assert changes == [("anna", "goal_assessment", '{"goal_id": 1, "year": 2016}', "set", 1)]
    con.close()


def test_new_year_rows_and_withdrawn_entries(store, built_db):
    """A new year's grant is added to the report's grants; a withdrawn entry no longer shows."""
    key = {"goal_id": 2, "year": 2019, "owner": "Umeå kommun", "project": "Ny väg"}
    store.set_value(
        "project_grant", key, {"amount_sek": 1_234_567}, user="bo", source_document="ÅR 2019", expected_version=0
    )
    store.set_value(
        "hr_metric",
        {"metric": "avg_age", "year": 2019, "grp": "all"},
        {"value": 46.5},
        user="bo",
        source_document="ÅR 2019",
        expected_version=0,
    )
    con = open_merged(built_db, store)
    assert con.execute(
        "SELECT goal_id, year, owner, project, amount_sek, basis, source_lines, entered_by "
        "FROM project_grant WHERE year = 2019"
    ).fetchall() == [(2, 2019, "Umeå kommun", "Ny väg", 1_234_567, "entered", None, "bo")]
    assert con.execute("SELECT count(*) FROM project_grant").fetchone()[0] == 61
    assert con.execute("SELECT metric, year, grp, value, unit, basis FROM hr_metric WHERE year = 2019").fetchall() == [
        ("avg_age", 2019, "all", 46.5, "years", "entered")
    ]
    con.close()
    store.withdraw("project_grant", key, user="bo", comment="fel", expected_version=1)
    con = open_merged(built_db, store)
    assert con.execute("SELECT count(*) FROM project_grant WHERE year = 2019").fetchone()[0] == 0
    con.close()


def test_contract_view_columns_keep_their_names_and_types(store, built_db):
    """Each merged view has the report view's columns and types, then the three provenance columns."""
    report = duckdb.connect(str(built_db), read_only=True)
    con = open_merged(built_db, store)
    for view in ("goal_assessment", "recommendation_progress", "project_grant", "hr_metric", "financial_goal"):
        before = report.execute(f"DESCRIBE SELECT * FROM main.{view}").fetchall()
        after = con.execute(f"DESCRIBE SELECT * FROM {view}").fetchall()
        assert [(c[0], c[1]) for c in after] == [(c[0], c[1]) for c in before] + [
            ("entered_by", "VARCHAR"),
            ("entered_at", "TIMESTAMP"),
            ("source_document", "VARCHAR"),
        ]
    assert "change_log" in contract_views(con) and "goal" in contract_views(con)
    report.close()
    con.close()


def test_merge_is_per_connection_and_leaves_the_report_untouched(store, built_db):
    """Another connection to the report sees the report alone; the report file stays read-only."""
    enter_level(store, 3, 2016, 1)
    shared = duckdb.connect(str(built_db), read_only=True)
    merged, plain = shared.cursor(), shared.cursor()
    merge_entries(merged, store)
    query = "SELECT basis FROM goal_assessment WHERE goal_id = 3 AND year = 2016"
    assert merged.execute(query).fetchone() == ("entered",)
    assert plain.execute(query).fetchone() == ("not_stated",)
    shared.close()


def test_a_report_that_later_prints_the_figure_wins(tmp_path: Path, entries_location):
    """When a corrected report prints a figure someone entered, the report's value shows; the entry is kept."""
    old = build(tmp_path / "old.duckdb", write_dataset(tmp_path / "old"))
    assert old
    store = EntriesStore(backend_from(entries_location), tmp_path / "old.duckdb")
    enter_level(store, 1, 2017, 3, source_document="ÅR 2017")
    tables = copy.deepcopy(MINI)
    tables["goal_assessment"][2] = ["1", "2017", "1", "stated", "", "2"]
    build(tmp_path / "new.duckdb", write_dataset(tmp_path / "new", tables))
    con = open_merged(tmp_path / "new.duckdb", store)
    assert con.execute("SELECT level, basis FROM goal_assessment WHERE goal_id = 1 AND year = 2017").fetchall() == [
        (1, "stated")
    ]
    assert superseded_entries(con, "goal_assessment") == [(1, 2017)]
    assert store.current("goal_assessment", {"goal_id": 1, "year": 2017})["level"] == 3
    con.close()


@pytest.mark.parametrize("view", ["recommendation_progress", "financial_goal"])
def test_other_views_merge_too(store, built_db, view):
    """Recommendation progress and financial goals show entered values for a new year."""
    key = (
        {"goal_id": 1, "year": 2019}
        if view == "recommendation_progress"
        else {"goal_key": "equity_share_pct", "year": 2019}
    )
    values = {"progress": "partly"} if view == "recommendation_progress" else {"value": 41.5, "met": True}
    store.set_value(view, key, values, user="cia", source_document="ÅR 2019", expected_version=0)
    con = open_merged(built_db, store)
    row = con.execute(f"SELECT * FROM {view} WHERE year = 2019").fetchall()
    assert len(row) == 1 and row[0][-3] == "cia" and "entered" in row[0]
    con.close()
