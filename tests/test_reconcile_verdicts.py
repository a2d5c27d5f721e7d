"""Reconcile the report's own verdicts (data/verdict.csv) against the report: the region's "Sammanfattande bedömning
god ekonomisk hushållning" (lines 500-709) and the auditors' "Revisionsberättelse 2018" (lines 8448-8514).

Expectations come from the report's text: every quote must stand in its cited lines, and every verdict the two
passages give must be there with the outcome its own words say.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[1] / "data"
LINES = (DATA / "source" / "arsredovisning-2018.txt").read_text(encoding="utf-8").split("\n")


def numbers(source_lines: str) -> list[int]:
    """The line numbers of a reference like '8480;8485' or '699-707'."""
    out: list[int] = []
    for part in source_lines.split(";"):
        a, _, b = part.partition("-")
        out.extend(range(int(a), int(b or a) + 1))
    return out


def joined(source_lines: str) -> str:
    """The cited lines as one text: whitespace collapsed, end-of-line hyphenation undone (as test_reconcile_goals)."""
    out = ""
    for n in numbers(source_lines):
        s = " ".join(LINES[n - 1].split())
        if not s:
            continue
        if out.endswith("-") and s.split(" ")[0] not in ("och", "eller", "samt") and out[-2].islower():
            out = out[:-1] + s
        else:
            out = (out + " " + s) if out else s
    return out


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with open(DATA / "verdict.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_two_passages_are_where_the_rows_say():
    # the headings as printed (lines 500, 8450) and the last lines of each verdict (707, 8498)
    assert LINES[500 - 1].strip() == "Sammanfattande bedömning god ekonomisk hushållning"
    assert LINES[8450 - 1].strip() == "Revisionsberättelse 2018"
    assert LINES[707 - 1].strip() == "om god ekonomisk hushållning."
    assert LINES[8498 - 1].strip() == "att årsredovisning för år 2018 godkänns"


def test_every_quote_stands_in_its_cited_lines(rows):
    for row in rows:
        text = " ".join(row["wording_sv"].split())
        assert text in joined(row["source_lines"]), (row["verdict_key"], row["source_lines"])


def test_every_cited_line_holds_part_of_the_verdict(rows):
    """No line is cited that the verdict does not stand on (a heading like 'Vi bedömer' counts as part)."""
    for row in rows:
        for n in numbers(row["source_lines"]):
            line = " ".join(LINES[n - 1].split()).rstrip("-")
            if not line:
                continue
            assert line in joined(row["source_lines"]), (row["verdict_key"], n)
            lead = line in ("Vi bedömer", "Vi tillstyrker:")
            first = line.split(" ")[0]  # the line's first word (or the end of a word broken at the line before)
            assert lead or first in row["wording_sv"], (row["verdict_key"], n, line)


# The auditors' judgements: each "att ..." line under "Vi bedömer" (8480) and "Vi tillstyrker:" (8495), and the
# sentence on the operational result (8491), read from the report.
AUDITOR_LINES = [8481, 8485, 8487, 8489, 8491, 8496, 8498]
# The region's: one under each heading VERKSAMHETSMÅL (528), FINANSIELLA MÅL (663), SAMMANFATTANDE BEDÖMNING (697).
REGION_HEADINGS = {528: "VERKSAMHETSMÅL", 663: "FINANSIELLA MÅL", 697: "SAMMANFATTANDE BEDÖMNING"}


def test_every_verdict_of_the_auditors_is_there(rows):
    assert LINES[8480 - 1].strip() == "Vi bedömer"
    assert LINES[8495 - 1].strip() == "Vi tillstyrker:"
    auditors = [r for r in rows if r["given_by"] == "auditors"]
    for n in AUDITOR_LINES:
        text = LINES[n - 1].strip()
        assert text.startswith(("att ", "När det gäller")), (n, text)
        holders = [r for r in auditors if n in numbers(r["source_lines"])]
        assert len(holders) == 1, (n, text)
        assert " ".join(text.split()) in holders[0]["wording_sv"]
    assert len(auditors) == len(AUDITOR_LINES)


def test_the_region_gives_one_verdict_per_heading(rows):
    region = [r for r in rows if r["given_by"] == "region"]
    headings = sorted(REGION_HEADINGS) + [709]
    for n, heading in REGION_HEADINGS.items():
        assert LINES[n - 1].strip() == heading
    scopes = {}
    for row in region:
        first, last = min(numbers(row["source_lines"])), max(numbers(row["source_lines"]))
        section = max(h for h in headings if h < first)
        assert last < min(h for h in headings if h > section), row["verdict_key"]
        scopes[REGION_HEADINGS[section]] = row["scope"]
    assert scopes == {
        "VERKSAMHETSMÅL": "operational",
        "FINANSIELLA MÅL": "financial",
        "SAMMANFATTANDE BEDÖMNING": "overall",
    }


OUTCOME_WORDS = {"partly": "delvis", "mostly": "till övervägande del"}


def test_outcome_follows_from_the_wording(rows):
    for row in rows:
        wording = row["wording_sv"]
        if row["outcome"] in OUTCOME_WORDS:
            assert OUTCOME_WORDS[row["outcome"]] in wording, row["verdict_key"]
        else:
            assert not any(word in wording for word in OUTCOME_WORDS.values()), row["verdict_key"]


def test_the_auditors_find_the_operational_result_only_partly_consistent(rows):
    # line 8491: "När det gäller det verksamhetsmässiga resultatet är detta delvis förenligt med fullmäktiges mål"
    (row,) = [r for r in rows if r["verdict_key"] == "operational_result"]
    assert (row["given_by"], row["scope"], row["outcome"], row["source_lines"]) == (
        "auditors",
        "operational",
        "partly",
        "8491",
    )
    assert "delvis förenligt med fullmäktiges mål" in LINES[8491 - 1]


def test_the_region_finds_sound_financial_management(rows):
    # lines 699-707: "... har en tillräckligt god måluppfyllnad för att uppfylla det lagstadgade kravet om god
    # ekonomisk hushållning."
    (row,) = [r for r in rows if r["verdict_key"] == "sound_management"]
    assert (row["given_by"], row["scope"], row["outcome"]) == ("region", "overall", "yes")
    assert "tillräckligt god måluppfyllnad" in joined(row["source_lines"])
    assert re.search(r"lagstadgade kravet om god ekonomisk hushållning\.$", joined(row["source_lines"]))


def test_every_row_is_the_report_year_and_stated(rows):
    assert {r["year"] for r in rows} == {"2018"}
    assert {r["basis"] for r in rows} == {"stated"}
    assert len({r["verdict_key"] for r in rows}) == len(rows)


def test_the_schema_refuses_a_verdict_given_by_the_wrong_party(data_copy, tmp_path):
    from conftest import edit_csv

    from malbild.data.build import BuildError, build

    def swap(rows):
        rows[0]["given_by"] = "auditors"  # the region's verdict on the operational goals
        return rows

    edit_csv(data_copy / "verdict.csv", swap)
    with pytest.raises(BuildError, match=r"verdict\.csv: line 2"):
        build(tmp_path / "out.duckdb", data_copy)


def test_the_contract_view_and_query_hold_every_verdict(con, rows):
    from malbild.data.queries import run_query

    frame = run_query(con, "verdicts")
    assert len(frame) == len(rows)
    assert list(frame["given_by"]).index("auditors") == 3  # the region's three first
    figures = con.execute("SELECT count(*) FROM figure WHERE dataset = 'verdict'").fetchone()
    assert figures == (len(rows),)
