"""Reconciliation of data/finance_detail.csv against the report's text: every figure is printed on its cited lines,
the tables' items add up to their printed totals (with the report's own rounding named), and the pension figures
agree with each other. Expected figures come from the report's lines, never from the data under test."""

from __future__ import annotations

import re

import pytest

from tests.support.report import data_rows, joined

AMOUNT = re.compile(r"-?\d{1,3}(?: \d{3})*(?:,\d+)?")  # '25 611', '-31 715', '18,1', '0,4'


def printed(text: str) -> list[float]:
    """Every number a text prints, as the report writes them ('13 507' → 13507, '18,1' → 18.1)."""
    return [float(m.replace(" ", "").replace(",", ".")) for m in AMOUNT.findall(text)]


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return data_rows("finance_detail")


def value(rows, topic: str, order: int, year: int = 2018) -> float:
    hits = [r for r in rows if (r["topic"], r["line_order"], r["year"]) == (topic, str(order), str(year))]
    assert len(hits) == 1, (topic, order, year)
    return float(hits[0]["value"])


def test_every_figure_is_printed_on_its_lines(rows, report_src) -> None:
    for r in rows:
        assert float(r["value"]) in printed(joined(report_src, r["source_lines"])), (r["topic"], r["line"], r["year"])
        assert (r["basis"], r.get("document", "ar2018")) == ("stated", "ar2018")
        for other, line in zip(r["other_values"].split(";"), r["other_lines"].split(";"), strict=True):
            if other:
                assert float(other) in printed(joined(report_src, line)), (r["line"], other, line)


def test_other_core_operations_is_the_printed_table(rows, report_src) -> None:
    """Lines 7398-7407: eight lines and 'Summa övrig basverksamhet 25 611'; the items add up exactly."""
    assert report_src[7398].strip() == "Övrig basverksamhet"
    table = [printed(report_src[n])[-1] for n in range(7399, 7408)]
    assert table == [128, 5419, 2524, 2045, 4155, 5790, 3104, 2446, 25611] and sum(table[:-1]) == table[-1]
    assert [value(rows, "other_core_operations", o) for o in range(1, 10)] == table
    # the cost distribution's 7,61 % (line 7425) is this total's share of the costs
    assert "Övrig basverksamhet" in report_src[7425] and "7,61" in report_src[7425]


@pytest.mark.parametrize(
    ("topic", "first", "off"),
    [("personnel_core", 8241, {2017: 1}), ("personnel_projects", 8256, {2017: -1}), ("personnel_group", 8435, {})],
)
def test_personnel_costs_add_up_to_their_printed_subtotal(rows, report_src, topic, first, off) -> None:
    """Notes 4, 5 and 16: salaries, social security and pension costs sum to 'Personalrelaterade kostnader' (line
    first+4), but for 2017 of notes 4 and 5, where the report's rounding leaves 1 tkr (named in `off`)."""
    assert "Personalrelaterade kostnader" in report_src[first + 4]
    for col, year in ((0, 2018), (1, 2017)):
        items = [printed(report_src[n])[col] for n in range(first, first + 3)]
        total = printed(report_src[first + 4])[col]
        assert round(total - sum(items)) == off.get(year, 0), (topic, year)
        assert [value(rows, topic, o, year) for o in range(1, 5)] == [*items, total]


def test_pension_figures_agree_with_each_other(rows, report_src) -> None:
    """Lines 7511-7581: provisions 9 685 + 2 833 = 12 518; the foundation grew 13 442 → 13 507 (65, line 7854); the
    text's obligation 33 856 less the foundation is the 20 349 borrowed back; the note's table prints 33 857."""
    text = joined(report_src, "7511-7581")
    for figure in (13507, 65, 9685, 2833, 12518, 33856, 1848, 20349, 3973, 93):
        assert figure in printed(text), figure
    assert value(rows, "pension", 4) + value(rows, "pension", 5) == value(rows, "pension", 6) == 12518
    assert printed(report_src[7854])[-2:] == [13507, 13442] and value(rows, "pension", 2) == 13507 - 13442
    assert value(rows, "pension", 9) == 33856 - 13507 and value(rows, "pension", 8) == 33856 - 32008
    # the obligation: the statement table's 33 857 (line 8385) is kept, the text's 33 856 (line 7547) recorded
    assert printed(report_src[8385])[:2] == [33857, 32008]
    (obligation,) = [r for r in rows if r["topic"] == "pension" and r["line_order"] == "7"]
    assert (float(obligation["value"]), obligation["other_values"], obligation["other_lines"]) == (
        33857,
        "33856",
        "7547",
    )


def test_member_fees_agree_with_note_3(rows, report_src) -> None:
    """Lines 5950-5962: 18,1 and 157 million from the municipalities and the county council; note 3 (8233-8234)
    prints 18 098 and 157 399 tkr."""
    assert report_src[8233].split() == ["Länets", "kommuner", "18", "098", "17", "710"]
    assert report_src[8234].split()[-4:] == ["157", "399", "154", "008"]  # 2018, 2017
    assert value(rows, "member_fees", 1) == round(18098 / 1000, 1) == 18.1
    assert value(rows, "member_fees", 4) == round(157399 / 1000) == 157
    assert value(rows, "member_fees", 2) + value(rows, "member_fees", 3) <= value(rows, "member_fees", 1)
    assert value(rows, "member_fees", 6, 2019) == 2.5  # line 5970 "2,5%"


def test_almi_keeps_the_tables_figure_and_records_the_others(rows, report_src) -> None:
    """ALMI: 5 790 in the table (line 7404), 5 934 in the text (7353), 5 936 in the owned companies' table (7144)."""
    assert printed(report_src[7404]) == [5790] and "(5 934 tkr)" in report_src[7353] and "5 936" in report_src[7144]
    (almi,) = [r for r in rows if r["line"] == "ALMI"]
    assert (almi["value"], almi["other_values"], almi["other_lines"]) == ("5790", "5934;5936", "7353;7144")


def test_kulturradet_keeps_note_1s_figure_and_records_the_text(rows, report_src) -> None:
    """Note 1 (lines 8184-8188): Länsstyrelsen 3 465 + Kulturrådet 74 657 = 78 122 (2017: 3 987 + 70 304 = 74 291);
    the financial analysis's text says 74 656 (line 6977)."""
    assert "Anslag, ej medlemmar" in report_src[8184] and "(74 656 tkr)" in report_src[6977]
    for col, year in ((0, 2018), (1, 2017)):
        parts = [printed(report_src[n])[col] for n in (8185, 8186)]
        total = printed(report_src[8188])[col]
        assert sum(parts) == total
        assert [value(rows, "grants_non_members", o, year) for o in (1, 2, 3)] == [*parts, total]
    (grant,) = [
        r for r in rows if r["topic"] == "grants_non_members" and r["line_order"] == "2" and r["year"] == "2018"
    ]
    assert (grant["value"], grant["other_values"], grant["other_lines"]) == ("74657", "74656", "6977")


def test_the_net_project_deficit_keeps_the_financial_analysis_figure(rows, report_src) -> None:
    """The report contradicts itself: 'netto ett underskott på 658 tkr' in the financial analysis (6989-6991) and
    'ett nettounderskott för projektverksamheten på 650 tkr' under the operating statement (7330-7333). Neither is in a
    statement table: the row keeps 658 and names 650 with its line, so the page shows both."""
    assert "underskott på 658 tkr" in joined(report_src, "6989-6991")
    assert "nettounderskott" in joined(report_src, "7330-7333") and "650 tkr" in joined(report_src, "7333")
    row = next(r for r in rows if r["topic"] == "project_result")
    assert (float(row["value"]), row["other_values"], row["other_lines"]) == (658.0, "650", "7333-7334")
