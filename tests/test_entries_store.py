"""The entries store on both back ends: version check, report rule, history, restore, undo of an import."""

from __future__ import annotations

import threading

import pytest

from malbild.data.entries.backends import backend_from
from malbild.data.entries.errors import ConflictError, RefusedError
from malbild.data.entries.store import EntriesStore
from tests.support.entries import enter_level

pytest_plugins = ["entries_support"]

G1_2016 = {"goal_id": 1, "year": 2016}
SRC = "Årsredovisning 2016, s. 12"


def test_fill_a_gap_then_correct_it(store):
    """An editor fills goal 1's 2016 gap and corrects it; both changes are in the history with old and new value."""
    assert store.version("goal_assessment", G1_2016) == 0
    v1 = store.set_value(
        "goal_assessment",
        G1_2016,
        {"level": 2, "note": "från diagrammet"},
        user="anna",
        source_document=SRC,
        comment="första",
        expected_version=0,
    )
    v2 = store.set_value(
        "goal_assessment", G1_2016, {"level": 3}, user="bo", source_document=SRC, comment="rättat", expected_version=v1
    )
    assert (v1, v2) == (1, 2)
    entry = store.current("goal_assessment", G1_2016)
    assert (entry["level"], entry["note"], entry["entered_by"], entry["version"]) == (3, None, "bo", 2)
    history = store.history("goal_assessment", G1_2016)
    assert [(h["action"], h["changed_by"], h["old_value"], h["new_value"], h["reason"]) for h in history] == [
        ("set", "anna", None, {"level": 2, "note": "från diagrammet", "source_document": SRC}, "första"),
        (
            "set",
            "bo",
            {"level": 2, "note": "från diagrammet", "source_document": SRC},
            {"level": 3, "note": None, "source_document": SRC},
            "rättat",
        ),
    ]


def test_stale_version_is_a_conflict_showing_the_current_value(store):
    """The second of two editors who both saw version 0 is told, and shown the first editor's value."""
    store.set_value("goal_assessment", G1_2016, {"level": 2}, user="anna", source_document=SRC, expected_version=0)
    with pytest.raises(ConflictError) as err:
        store.set_value("goal_assessment", G1_2016, {"level": 1}, user="bo", source_document=SRC, expected_version=0)
    assert err.value.current["level"] == 2 and err.value.current["entered_by"] == "anna"
    assert "level=2" in err.value.sv and "anna" in err.value.sv and "someone else" in err.value.en
    assert store.current("goal_assessment", G1_2016)["level"] == 2
    assert len(store.history("goal_assessment", G1_2016)) == 1


@pytest.mark.parametrize("start_version", [0, 1])
def test_two_simultaneous_writers_one_wins(entries_location, built_db, start_version):
    """Two threads, each with its own store and connection, write one figure at once: one wins, one conflicts."""
    stores = [EntriesStore(backend_from(entries_location), built_db) for _ in range(2)]
    if start_version:
        stores[0].set_value("goal_assessment", G1_2016, {"level": 1}, user="x", source_document=SRC, expected_version=0)
    barrier, results = threading.Barrier(2), {}

    def write(i: int) -> None:
        barrier.wait()
        try:
            results[i] = stores[i].set_value(
                "goal_assessment",
                G1_2016,
                {"level": 2 + i},
                user=f"u{i}",
                source_document=SRC,
                expected_version=start_version,
            )
        except ConflictError as exc:
            results[i] = exc

    threads = [threading.Thread(target=write, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    winners = [i for i, r in results.items() if isinstance(r, int)]
    losers = [r for r in results.values() if isinstance(r, ConflictError)]
    assert len(winners) == 1 and len(losers) == 1
    entry = stores[0].current("goal_assessment", G1_2016)
    assert entry["level"] == 2 + winners[0] and entry["version"] == start_version + 1
    assert losers[0].current["level"] == 2 + winners[0]
    assert len(stores[0].history("goal_assessment", G1_2016)) == start_version + 1


@pytest.mark.parametrize(
    ("view", "key", "values"),
    [
        ("goal_assessment", {"goal_id": 1, "year": 2018}, {"level": 3}),
        (
            "project_grant",
            {"goal_id": 1, "year": 2018, "owner": "Regionförbundet Västerbottens län", "project": "RUS 2020+"},
            {"amount_sek": 1},
        ),
        ("hr_metric", {"metric": "avg_age", "year": 2018, "grp": "all"}, {"value": 40.0}),
    ],
)
def test_a_printed_figure_is_never_replaced(store, view, key, values):
    """A figure the report states is refused with a reason in Swedish and English, and nothing is stored."""
    with pytest.raises(RefusedError) as err:
        store.set_value(view, key, values, user="anna", source_document=SRC, expected_version=0)
    assert "ersätts aldrig" in err.value.sv and "never replaced" in err.value.en
    assert store.current(view, key) is None and store.change_log() == []


def test_reconstructed_figure_is_refused_derived_replaced_year_added(store, built_db):
    """A reconstructed figure is refused; a derived one may be replaced; a new year may be added."""
    import duckdb

    con = duckdb.connect(str(built_db), read_only=True)
    recon = con.execute("SELECT metric, year, grp FROM hr_metric WHERE basis = 'reconstructed' LIMIT 1").fetchone()
    derived = con.execute(
        "SELECT goal_key, year FROM financial_goal WHERE basis = 'derived' "
        "AND goal_key = 'liquidity_ratio' AND year = 2018"
    ).fetchone()
    con.close()
    with pytest.raises(RefusedError, match="reconstructed from the report"):
        store.set_value(
            "hr_metric",
            dict(zip(("metric", "year", "grp"), recon)),
            {"value": 1.0},
            user="a",
            source_document=SRC,
            expected_version=0,
        )
    store.set_value(
        "financial_goal",
        {"goal_key": derived[0], "year": 2018},
        {"value": 1.3, "met": True},
        user="a",
        source_document=SRC,
        expected_version=0,
    )
    entry = store.current("financial_goal", {"goal_key": "liquidity_ratio", "year": 2018})
    assert entry["value"] == 1.3 and entry["target_text"].startswith("Likviditeten ska vara över 1,0")
    store.set_value(
        "hr_metric",
        {"metric": "avg_age", "year": 2019, "grp": "all"},
        {"value": 46.5},
        user="a",
        source_document=SRC,
        expected_version=0,
    )
    assert store.current("hr_metric", {"metric": "avg_age", "year": 2019, "grp": "all"})["unit"] == "years"


@pytest.mark.parametrize(
    ("view", "key", "values", "column"),
    [
        ("goal_assessment", {"goal_id": 9, "year": 2019}, {"level": 2}, "det finns inget mål 9"),
        ("goal_assessment", {"goal_id": 1, "year": 2019}, {"level": 4}, "level: 4 är inte tillåtet"),
        ("recommendation_progress", {"goal_id": 1, "year": 2019}, {"progress": "good"}, "progress: 'good'"),
        ("hr_metric", {"metric": "shoe_size", "year": 2019, "grp": "all"}, {"value": 1.0}, "'shoe_size'"),
        (
            "project_grant",
            {"goal_id": 1, "year": 2019, "owner": "=HYPERLINK()", "project": "P"},
            {"amount_sek": 5},
            "owner: en text får inte börja med",
        ),
    ],
)
def test_values_outside_the_rules_are_refused(store, view, key, values, column):
    """Unknown goals and metrics, values out of range and formula-like texts are refused, naming the column."""
    with pytest.raises(RefusedError) as err:
        store.set_value(view, key, values, user="anna", source_document=SRC, expected_version=0)
    assert column in err.value.sv
    assert store.change_log() == []


def test_source_document_and_user_are_required(store):
    """A figure without its source document, or without who entered it, is refused."""
    with pytest.raises(RefusedError, match="source_document"):
        store.set_value("goal_assessment", G1_2016, {"level": 2}, user="anna", source_document=" ", expected_version=0)
    with pytest.raises(RefusedError, match="Say who"):
        store.set_value("goal_assessment", G1_2016, {"level": 2}, user="", source_document=SRC, expected_version=0)


def test_restore_an_earlier_value_is_a_new_change(store):
    """Restoring version 1 writes version 3 with version 1's value; all three changes stay in the history."""
    store.set_value(
        "goal_assessment", G1_2016, {"level": 1, "note": "a"}, user="anna", source_document=SRC, expected_version=0
    )
    store.set_value("goal_assessment", G1_2016, {"level": 3}, user="bo", source_document="annat", expected_version=1)
    assert store.restore("goal_assessment", G1_2016, 1, user="cia", comment="fel rättelse", expected_version=2) == 3
    entry = store.current("goal_assessment", G1_2016)
    assert (entry["level"], entry["note"], entry["source_document"], entry["entered_by"]) == (1, "a", SRC, "cia")
    last = store.history("goal_assessment", G1_2016)[-1]
    assert last["action"] == "restore" and last["old_value"]["level"] == 3 and last["new_value"]["level"] == 1
    assert "restored to version 1" in last["reason"]
    with pytest.raises(ConflictError):
        store.restore("goal_assessment", G1_2016, 2, user="cia", comment="x", expected_version=2)


def test_withdraw_keeps_the_row_and_records_it(store):
    """Withdrawing an entry hides it from the entries but keeps it and records the change; restore brings it back."""
    store.set_value("goal_assessment", G1_2016, {"level": 2}, user="anna", source_document=SRC, expected_version=0)
    store.withdraw("goal_assessment", G1_2016, user="bo", comment="fel mål", expected_version=1)
    assert store.entries("goal_assessment") == []
    assert store.entries("goal_assessment", include_withdrawn=True)[0]["withdrawn"] is True
    assert store.history("goal_assessment", G1_2016)[-1]["new_value"] is None
    store.restore("goal_assessment", G1_2016, 1, user="bo", comment="ändå rätt", expected_version=2)
    assert store.entries("goal_assessment")[0]["level"] == 2


def _year_2019() -> list[tuple[str, dict, dict, str]]:
    """Return a small 2019 import: two goal levels and a grant."""
    return [
        ("goal_assessment", {"goal_id": 1, "year": 2019}, {"level": 2, "note": None}, "ÅR 2019"),
        ("goal_assessment", {"goal_id": 2, "year": 2019}, {"level": 3, "note": None}, "ÅR 2019"),
        (
            "project_grant",
            {"goal_id": 1, "year": 2019, "owner": "Umeå kommun", "project": "P"},
            {"amount_sek": 1234567},
            "ÅR 2019",
        ),
    ]


def test_import_is_all_or_nothing(store):
    """An import with one refused figure writes nothing at all: no entries, no change, no import record."""
    bad = [*_year_2019(), ("goal_assessment", {"goal_id": 1, "year": 2018}, {"level": 1}, "x")]
    with pytest.raises(RefusedError):
        store.import_figures(bad, user="anna", file_name="2019.xlsx")
    assert store.entries("goal_assessment") == [] and store.change_log() == [] and store.imports() == []


def test_import_then_undo_as_recorded_changes(store):
    """An import writes every figure with its id; undoing it puts the earlier state back as recorded changes."""
    enter_level(store, 2, 2019, 1, user="bo")
    result = store.import_figures(_year_2019(), user="anna", file_name="2019.xlsx")
    assert (result["row_count"], result["change_count"]) == (3, 3)
    assert {e["import_id"] for e in store.entries("goal_assessment")} == {result["import_id"]}
    again = store.import_figures(_year_2019(), user="anna", file_name="2019.xlsx")
    assert again["change_count"] == 0
    assert store.undo_import(result["import_id"], user="cia", comment="fel fil") == 3
    assert [(e["goal_id"], e["level"], e["entered_by"]) for e in store.entries("goal_assessment")] == [(2, 1, "cia")]
    assert store.entries("project_grant") == []
    undo = [c for c in store.change_log() if c["action"] == "undo_import"]
    assert len(undo) == 3 and {c["import_id"] for c in undo} == {result["import_id"]}
    record = next(i for i in store.imports() if i["import_id"] == result["import_id"])
    assert record["undone_by"] == "cia" and record["undo_reason"] == "fel fil"
    with pytest.raises(RefusedError, match="already undone"):
        store.undo_import(result["import_id"], user="cia", comment="igen")


def test_undo_refused_when_a_figure_changed_since(store):
    """An import whose figure was corrected afterwards is not undone (the later correction is not lost)."""
    result = store.import_figures(_year_2019(), user="anna", file_name="2019.xlsx")
    enter_level(store, 1, 2019, 3, user="bo", source_document="y", expected_version=1)
    with pytest.raises(ConflictError, match="changed after it"):
        store.undo_import(result["import_id"], user="cia", comment="fel fil")
    assert len(store.entries("goal_assessment")) == 2
    assert store.current("goal_assessment", {"goal_id": 1, "year": 2019})["level"] == 3


def test_import_failing_midway_is_rolled_back(store, monkeypatch):
    """When the third write of an import fails inside the transaction, the first two are rolled back too."""
    real, calls = store._write, []

    def failing(*args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "_write", failing)
    with pytest.raises(RuntimeError):
        store.import_figures(_year_2019(), user="anna", file_name="2019.xlsx")
    assert len(calls) == 3
    assert store.entries("goal_assessment") == [] and store.change_log() == [] and store.imports() == []


def test_snapshot_and_revision(store):
    """The snapshot holds active entries and the change log; the revision moves with every change."""
    assert store.revision() == 0 and store.snapshot()["revision"] == 0
    store.set_value("goal_assessment", G1_2016, {"level": 2}, user="anna", source_document=SRC, expected_version=0)
    first = store.revision()
    store.withdraw("goal_assessment", G1_2016, user="anna", comment="fel", expected_version=1)
    snap = store.snapshot()
    assert store.revision() > first and snap["revision"] == store.revision()
    assert snap["goal_assessment"] == [] and [c["action"] for c in snap["change_log"]] == ["set", "withdraw"]
