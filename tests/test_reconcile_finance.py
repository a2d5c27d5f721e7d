"""Reconciliation tests for data/finance_line.csv (Region Västerbotten's own statements, 2018 report).

Amounts are tkr with the sign as printed. The report rounds each line separately, so a few
printed subtotals differ by 1-2 tkr from the sum of their printed items. Those differences are
listed explicitly below (ROUNDING), so every other sum must close exactly and any change to a
transcribed figure makes a test fail.
"""

import csv
import re
from pathlib import Path

import pytest

from malbild.data.build import csv_header

DATA = Path(__file__).resolve().parents[1] / "data"
CSV = DATA / "finance_line.csv"
COLS = csv_header("finance_line")


def _source_path():
    for p in (DATA / "source" / "arsredovisning-2018.txt", Path("/work/shared/source/arsredovisning-2018.txt")):
        if p.exists():
            return p
    pytest.skip("source document not found")


def _num(s):
    return None if s == "" else float(s)


@pytest.fixture(scope="module")
def rows():
    with CSV.open(encoding="utf-8", newline="") as f:
        r = csv.DictReader(f)
        assert r.fieldnames == COLS
        out = list(r)
    for row in out:
        row["line_order"] = int(row["line_order"])
        row["year"] = int(row["year"])
        row["amount"] = _num(row["amount_tkr"])
        row["budget"] = _num(row["budget_tkr"])
    return out


@pytest.fixture(scope="module")
def src():
    lines = _source_path().read_text(encoding="utf-8").split("\n")
    return {i + 1: t for i, t in enumerate(lines)}


def amt(rows, statement, order, year, field="amount"):
    hits = [r for r in rows if r["statement"] == statement and r["line_order"] == order and r["year"] == year]
    assert len(hits) == 1, (statement, order, year)
    return hits[0][field]


def z(v):
    return 0 if v is None else v


def fmt(v):
    """Format as the report prints: space thousands separator, ASCII '-' for negatives."""
    n = int(v)
    assert n == v
    s = f"{abs(n):,}".replace(",", " ")
    return "-" + s if n < 0 else s


def src_range(spec):
    out = []
    for part in spec.split(";"):
        a, _, b = part.partition("-")
        out.extend(range(int(a), int(b or a) + 1))
    return out


# Known rounding differences in the report: (sum of printed items) - (printed subtotal).
ROUNDING = {
    ("income", 7, 2018, "amount"): 1,  # 88 375 - 263 669 - 88 = -175 382 vs line 7742 -175 383
    ("income", 7, 2018, "budget"): -1,  # 86 489 - 261 624 - 66 = -175 201 vs line 7742 -175 200
    ("income", 7, 2017, "amount"): 1,  # 85 185 - 256 181 - 124 = -171 120 vs line 7742 -171 121
    ("income", 14, 2017, "amount"): -1,  # -171 121 + 0 + 171 719 + 33 + 0 - 84 - 1 = 546 vs line 7758 547
    ("balance", 7, 2017, "amount"): 1,  # 37 679 + 43 833 + 12 086 = 93 598 vs line 7837 93 597
    ("operating", 18, 2018, "amount"): -2,  # items sum -242 292 vs line 7300 -242 290
}


def check_sum(rows, statement, total_order, item_orders, years, field="amount"):
    for y in years:
        s = sum(z(amt(rows, statement, o, y, field)) for o in item_orders)
        t = amt(rows, statement, total_order, y, field)
        assert s - t == ROUNDING.get((statement, total_order, y, field), 0), (statement, total_order, y, field, s, t)


# ---------------------------------------------------------------- structure
def test_structure(rows):
    expected = {
        "income": (14, {2018, 2017}),
        "balance": (20, {2018, 2017}),
        "operating": (19, {2018}),
        "cashflow": (16, {2018, 2017}),
        "balance_requirement": (7, {2018, 2017}),
        "turnover": (3, {2018}),
    }
    assert {r["statement"] for r in rows} == set(expected)
    keys = [(r["statement"], r["line_order"], r["year"]) for r in rows]
    assert len(keys) == len(set(keys))
    for st, (n, years) in expected.items():
        got = {(r["line_order"], r["year"]) for r in rows if r["statement"] == st}
        assert got == {(o, y) for o in range(1, n + 1) for y in years}, st
        # same label/kind/section/line_order for both years
        for o in range(1, n + 1):
            labels = {
                (r["line"], r["line_en"], r["kind"], r["section"], r["source_lines"])
                for r in rows
                if r["statement"] == st and r["line_order"] == o
            }
            assert len(labels) == 1, (st, o, labels)
    assert len(rows) == 28 + 40 + 19 + 32 + 14 + 3
    for r in rows:
        assert r["kind"] in {"item", "subtotal", "total"}
        assert r["basis"] in {"stated", "not_stated"}
        assert (r["amount"] is None) == (r["basis"] == "not_stated"), r
        if r["basis"] == "not_stated":
            assert r["note"]
        assert r["line"].strip() == r["line"] and "- " not in r["line"].replace(" - ", "")
        if r["budget"] is not None:
            assert (r["statement"], r["year"]) in {("income", 2018), ("operating", 2018)}
    # only one value is not stated: the blank 2017 'Övriga justeringar' cell (line 7980)
    ns = [(r["statement"], r["line_order"], r["year"]) for r in rows if r["basis"] == "not_stated"]
    assert ns == [("cashflow", 4, 2017)]


# ---------------------------------------------------------------- balance sheet
def test_balance_sheet_balances(rows):
    # line 7839 "SUMMA TILLGÅNGAR  65 833 96 197"
    # line 7862 "SUMMA EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER 65 833 96 197"
    for y, stated in ((2018, 65_833), (2017, 96_197)):
        assert amt(rows, "balance", 8, y) == stated
        assert amt(rows, "balance", 18, y) == stated
    # line 7193 prose: "balansomslutning på 65 833 tkr, föregående år var omslutningen 96 197"
    assert amt(rows, "balance", 8, 2018) == 65_833
    assert amt(rows, "balance", 8, 2017) == 96_197


def test_balance_subtotals(rows):
    Y = (2018, 2017)
    check_sum(rows, "balance", 3, [1, 2], Y)  # Summa anläggningstillgångar
    check_sum(rows, "balance", 7, [4, 5, 6], Y)  # Summa omsättningstillgångar
    check_sum(rows, "balance", 8, [3, 7], Y)  # SUMMA TILLGÅNGAR
    check_sum(rows, "balance", 12, [9, 10, 11], Y)  # Summa (eget kapital)
    check_sum(rows, "balance", 17, [13, 14, 15, 16], Y)  # Summa avsättningar och skulder
    check_sum(rows, "balance", 18, [12, 17], Y)  # SUMMA EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER
    # SKL Pensionsstiftelse exactly offsets the remaining obligation (lines 7854-7855)
    for y in Y:
        assert amt(rows, "balance", 14, y) == -amt(rows, "balance", 15, y)


def test_balance_against_notes_and_prose(rows):
    b = lambda o, y: amt(rows, "balance", o, y)
    assert (b(2, 2018), b(2, 2017)) == (2_052, 2_509)  # line 8331 Not 9 "Summa  2 052 2 509"
    assert (b(4, 2018), b(4, 2017)) == (12_861, 37_679)  # line 8340 Not 10 "Summa  12 861 37 679"
    assert (b(16, 2018), b(16, 2017)) == (49_836, 83_036)  # line 8347 Not 11 "Summa  49 836 83 036"
    assert (b(12, 2018), b(12, 2017)) == (3_479, 3_476)  # line 8369 Not 12 "Summa  3 479 3 476"
    assert (b(19, 2018), b(19, 2017)) == (7_832, 8_881)  # line 8390 Not 13 "Summa Ansvarsförbindelse ... 7 832 8 881"
    assert (b(13, 2018), b(13, 2017)) == (
        12_518,
        9_685,
    )  # line 8388 Not 13 "Pensionsavsättning inkl löneskatt -12 518 -9 685"
    assert (b(15, 2018), b(15, 2017)) == (-13_507, -13_442)  # line 8387 "SKL Pensionsstiftelse ... -13 507 -13 442"
    assert (b(1, 2018), b(1, 2017)) == (0, 91)  # line 8311 Not 8 "Summa redovisat värde 0 91"
    assert b(6, 2018) == 50_283  # line 7215 "De likvida medlen uppgick därmed till 50 283 tkr"
    assert b(13, 2018) == 12_518  # line 7253 "den totala avsättningen till 12 518 tkr"
    assert b(5, 2018) == 637  # line 7611 "motsvarande 637 tkr per 2018-12-31"


def test_financial_goal_ratios_follow_from_balance_sheet(rows):
    b = lambda o, y: amt(rows, "balance", o, y)
    # Equity share: line 7691 "5,3 procent" (2018), line 7675 "3,6 procent" (2017)
    assert round(100 * b(12, 2018) / b(18, 2018), 1) == 5.3
    assert round(100 * b(12, 2017) / b(18, 2017), 1) == 3.6
    # Liquidity (current receivables+cash+bank incl. placements)/current liabilities:
    # line 7680 "1,28" (2018), line 7664 "1,13" (2017)
    assert round(b(7, 2018) / b(16, 2018), 2) == 1.28
    assert round(b(7, 2017) / b(16, 2017), 2) == 1.13


# ---------------------------------------------------------------- income statement
def test_income_statement_lines_give_result(rows):
    Y = (2018, 2017)
    check_sum(rows, "income", 7, [1, 3, 5], Y)  # Nettokostnad basverksamheten
    check_sum(rows, "income", 8, [2, 4, 6], Y)  # Nettokostnad projekt
    check_sum(rows, "income", 14, [7, 8, 9, 10, 11, 12, 13], Y)  # ÅRETS RESULTAT
    check_sum(rows, "income", 7, [1, 3, 5], [2018], field="budget")
    check_sum(rows, "income", 8, [2, 4, 6], [2018], field="budget")
    check_sum(rows, "income", 14, [7, 8, 9, 10, 11, 12, 13], [2018], field="budget")
    # line 7758 "ÅRETS RESULTAT  3 1 547" = 2018 outcome 3, budget 2018 1, 2017 547
    assert amt(rows, "income", 14, 2018) == 3
    assert amt(rows, "income", 14, 2018, "budget") == 1
    assert amt(rows, "income", 14, 2017) == 547
    # budget column prints '-' for project lines (lines 7732, 7736, 7740, 7752, 7756)
    for o in (2, 4, 6, 11, 13):
        assert amt(rows, "income", o, 2018, "budget") is None
    for o in (1, 3, 5, 7, 8, 9, 10, 12, 14):
        assert amt(rows, "income", o, 2018, "budget") is not None


def test_income_against_notes(rows):
    i = lambda o, y: amt(rows, "income", o, y)
    assert (i(1, 2018), i(1, 2017)) == (88_375, 85_185)  # line 8203 Not 1
    assert (i(2, 2018), i(2, 2017)) == (76_205, 68_861)  # line 8230 Not 2
    assert (i(9, 2018), i(9, 2017)) == (175_497, 171_719)  # line 8236 Not 3
    assert (i(3, 2018), i(3, 2017)) == (-263_669, -256_181)  # line 8252 Not 4
    assert (i(4, 2018), i(4, 2017)) == (-76_203, -68_846)  # line 8268 Not 5
    assert (i(10, 2018), i(10, 2017)) == (17, 33)  # line 8282 Not 6
    assert (i(11, 2018), i(11, 2017)) == (0, 0)  # line 8283 Not 6
    assert (i(12, 2018), i(12, 2017)) == (-128, -84)  # line 8293 Not 7
    assert (i(13, 2018), i(13, 2017)) == (0, -1)  # line 8294 Not 7
    assert (i(6, 2018), i(6, 2017)) == (-2, -15)  # line 8314 Not 8 projekt
    assert i(5, 2017) == -124  # line 8313 Not 8 "-89 -124" (2018: note -89, statement -88)
    # line 6964-6966: project turnover "projektverksamhet 76 205 tkr"
    assert i(2, 2018) == 76_205


def test_result_is_the_same_everywhere(rows):
    for y, stated in ((2018, 3), (2017, 547)):
        assert amt(rows, "income", 14, y) == stated
        assert amt(rows, "balance", 9, y) == stated  # equity section, line 7844 "Årets resultat   3 547"
        assert amt(rows, "cashflow", 1, y) == stated  # line 7975 "Årets resultat   3 547"
    # line 745 "Utfall +3 tkr" (financial goal 'result positive', 2018) and line 7686 "+3 tkr";
    # line 6987 "Årets resultat blev 3 tkr."; line 7670 "+547 tkr" (2017). Same figure: the result.
    assert amt(rows, "income", 14, 2018) == 3
    assert amt(rows, "income", 14, 2017) == 547
    # the operating budget's 'Totalt' is the same result and budget (line 7302 "Totalt 3 1 2")
    assert amt(rows, "operating", 19, 2018) == amt(rows, "income", 14, 2018)
    assert amt(rows, "operating", 19, 2018, "budget") == amt(rows, "income", 14, 2018, "budget")


# ---------------------------------------------------------------- operating budget
# Printed 'Avvikelse' column, lines 7265-7302 (header line 7263 "Utfall Budget Avvikelse").
DEVIATION = {
    1: 29,
    2: 29,
    3: -455,
    4: -1_489,
    5: 0,
    6: 250,
    7: -6,
    8: 601,
    9: 0,
    10: -57,
    11: 905,
    12: -356,
    13: 0,
    14: 297,
    15: 64,
    16: 207,
    17: 10,
    18: -27,
    19: 2,
}
# outcome - budget - printed deviation, where the report's rounding shows
DEV_ROUNDING = {3: -1, 4: 1}  # line 7270: -5 298 - -4 842 = -456 (printed -455); line 7272: -1 488 (printed -1 489)


def test_operating_deviation(rows):
    for o, dev in DEVIATION.items():
        out = amt(rows, "operating", o, 2018)
        bud = amt(rows, "operating", o, 2018, "budget")
        assert out - bud - dev == DEV_ROUNDING.get(o, 0), (o, out, bud, dev)
        row = [r for r in rows if r["statement"] == "operating" and r["line_order"] == o][0]
        assert row["note"].startswith(f"Avvikelse (printed deviation) {dev}")
    # The data's own deviations (outcome - budget) add up like the lines: items 3..17 make item 18 but for the
    # report's 2 tkr of rounding (its printed column: items 3..17 sum to -29, item 18 says -27, lines 7268-7300),
    # and items 2 and 18 make the total, item 19.
    dev = {o: amt(rows, "operating", o, 2018) - amt(rows, "operating", o, 2018, "budget") for o in DEVIATION}
    assert sum(dev[o] for o in range(3, 18)) - dev[18] == -2
    assert dev[2] + dev[18] == dev[19] == DEVIATION[19]  # line 7302 "Totalt 3 1 2"


def test_operating_totals(rows):
    Y = [2018]
    check_sum(rows, "operating", 2, [1], Y)
    check_sum(rows, "operating", 18, list(range(3, 18)), Y)
    check_sum(rows, "operating", 19, [2, 18], Y)
    check_sum(rows, "operating", 2, [1], Y, field="budget")
    check_sum(rows, "operating", 18, list(range(3, 18)), Y, field="budget")
    check_sum(rows, "operating", 19, [2, 18], Y, field="budget")
    # line 7267 "Summa intäkter 242 293 242 264 29"; line 7300 "Summa kostnader -242 290 -242 263 -27"
    assert amt(rows, "operating", 2, 2018) == 242_293
    assert amt(rows, "operating", 18, 2018) == -242_290
    assert amt(rows, "operating", 18, 2018, "budget") == -242_263
    # column order: 'Totalt 3 1 2' (line 7302); outcome 3 = result (line 7321 "överskott på 3 tkr")
    assert amt(rows, "operating", 19, 2018) == 3
    assert amt(rows, "operating", 19, 2018, "budget") == 1


# ---------------------------------------------------------------- cash flow
def test_cashflow(rows):
    Y = (2018, 2017)
    check_sum(rows, "cashflow", 5, [1, 2, 3, 4], Y)
    check_sum(rows, "cashflow", 8, [5, 6, 7], Y)
    check_sum(rows, "cashflow", 11, [9, 10], Y)
    check_sum(rows, "cashflow", 13, [12], Y)
    check_sum(rows, "cashflow", 14, [8, 11, 13], Y)
    check_sum(rows, "cashflow", 16, [15, 14], Y)
    # line 8002 "Ökning/Minskning av likvida medel  -4 997 4 373"; line 8005 "... 50 921 55 919"
    assert amt(rows, "cashflow", 14, 2018) == -4_997
    assert amt(rows, "cashflow", 16, 2018) == 50_921
    # pension provision 2 833 (line 6994 "pensionsavsättning uppgår till 2 833 tkr")
    assert amt(rows, "cashflow", 3, 2018) == 2_833
    # working-capital changes follow the balance sheet (receivables exactly-1 rounding, liabilities exactly)
    b = lambda o, y: amt(rows, "balance", o, y)
    assert b(4, 2017) - b(4, 2018) - amt(rows, "cashflow", 6, 2018) == -1  # 24 818 vs 24 819
    assert b(16, 2018) - b(16, 2017) == amt(rows, "cashflow", 7, 2018)  # -33 200
    # cash at end = Kassa och Bank + Kortfristiga placeringar (2017 exact, 2018 1 tkr rounding)
    assert b(5, 2017) + b(6, 2017) == amt(rows, "cashflow", 16, 2017)  # 55 919
    assert b(5, 2018) + b(6, 2018) - amt(rows, "cashflow", 16, 2018) == -1  # 50 920 vs 50 921


# ---------------------------------------------------------------- provenance
def test_every_amount_in_its_source_lines(rows, src):
    for r in rows:
        text = " ".join(src[n] for n in src_range(r["source_lines"]))
        for field in ("amount", "budget"):
            v = r[field]
            if v is None:
                continue
            if r["statement"] == "balance" and r["line_order"] == 20:
                assert "Inga" in text
                continue
            pat = r"(?<![\d-])" + re.escape(fmt(v)) + r"(?!\d)"
            assert re.search(pat, text), (r["statement"], r["line_order"], r["year"], field, fmt(v), text)


PROSE = {"turnover"}  # statements read from running text, not from a table (see test_turnover_split_adds_up)


def test_amount_lines_print_exactly_these_columns(rows, src):
    """The last source line of each table row ends with the row's figures in the printed column order."""
    by_line = {}
    for r in rows:
        by_line.setdefault((r["statement"], r["line_order"]), {})[r["year"]] = r
    for (st, o), ys in by_line.items():
        if st in PROSE:
            continue
        r18 = ys[2018]
        last = src_range(r18["source_lines"])[-1]
        text = src[last].rstrip()
        if st == "income":
            b = r18["budget"]
            cells = [fmt(r18["amount"]), "-" if b is None else fmt(b), fmt(ys[2017]["amount"])]
        elif st == "operating":
            cells = [fmt(r18["amount"]), fmt(r18["budget"]), fmt(DEVIATION[o])]
        elif st == "balance" and o == 20:
            cells = ["Inga", "Inga"]
        else:
            cells = [fmt(r18["amount"])]
            if ys[2017]["amount"] is not None:
                cells.append(fmt(ys[2017]["amount"]))
        tail = " +".join(re.escape(c) for c in cells)
        assert re.search(r"(^|\s)" + tail + r"$", text), (st, o, cells, text)
        # the label is printed on the row's source lines
        joined = " ".join(src[n].strip() for n in src_range(r18["source_lines"]))
        assert re.sub(r"\s+", " ", r18["line"]).lower() in re.sub(r"\s+", " ", joined).lower(), (st, o)


def test_header_lines(src):
    src = {n: " ".join(src[n].split()) for n in (7263, 7431, 7728, 7818, 7972)}
    assert src[7431] == "2018-12-31 2017-12-31"
    assert "Utfall Budget Avvikelse" in src[7263]
    assert "2018-01-01--2018-12-31 Budget 2018 2017-01-01--2017-12-31" in src[7728]
    assert "2018-12-31 2017-12-31" in src[7818]
    assert "2018-12-31 2017-12-31" in src[7972]


# ---------------------------------------------------------------- balance requirement (Balanskravsutredning)
def printed_pair(src, line_no):
    """The two amounts (2018, 2017) printed at the end of a line of the report."""
    match = re.search(r"(-?\d+) (-?\d+)\s*$", src[line_no])
    assert match, (line_no, src[line_no])
    return int(match.group(1)), int(match.group(2))


def test_balance_requirement_adds_up_in_the_report(src):
    """Balanskravsutredning (lines 7431-7451): its lines add up to the stated result, read from the report's text."""
    assert src[7451].strip() == "BALANSKRAVSUTREDNING"
    result = printed_pair(src, 7433)  # Årets resultat
    adjusted = printed_pair(src, 7436)  # Årets resultat efter balanskravsjusteringar
    reserve = printed_pair(src, 7439)  # Användning av medel från resultatutjämningsreserv
    br_result = printed_pair(src, 7441)  # Årets balanskravsresultat
    earlier = printed_pair(src, 7443)  # Balanskravsunderskott från tidigare år
    total = printed_pair(src, 7445)  # Summa
    to_settle = printed_pair(src, 7447)  # Balanskravsresultat att reglera
    for y in range(2):
        assert adjusted[y] == result[y]  # no adjustment is printed
        assert br_result[y] == adjusted[y] + reserve[y]
        assert total[y] == min(br_result[y], 0) + earlier[y]  # only deficits are carried to be settled
        assert to_settle[y] == total[y]
    # the result is the income statement's ÅRETS RESULTAT (line 7758: 3, budget 1, 2017 547)
    assert re.search(r"ÅRETS RESULTAT\s+3\s+1\s+547\s*$", src[7758])
    assert (result, br_result, to_settle) == ((3, 547), (3, 547), (0, 0))


def test_balance_requirement_rows_are_the_report_lines(rows, src):
    """Each row of the statement holds the figures printed on its line (2018 first, as printed)."""
    lines = {1: 7433, 2: 7436, 3: 7439, 4: 7441, 5: 7443, 6: 7445, 7: 7447}
    for order, line_no in lines.items():
        printed = printed_pair(src, line_no)
        assert (amt(rows, "balance_requirement", order, 2018), amt(rows, "balance_requirement", order, 2017)) == printed
        assert int(src_range(amt(rows, "balance_requirement", order, 2018, "source_lines"))[-1]) == line_no


# ---------------------------------------------------------------- turnover (Finansiell analys, lines 6962-6968)
def test_turnover_split_adds_up_in_the_report(src):
    """'omsatte 340 076 tkr under 2018, varav basverksamhet 263 871 tkr (78 procent) och projektverksamhet
    76 205 tkr (22 procent). Omsättningen ökade med 14 311 tkr jämfört med 2017 (+4 procent).'"""
    text = " ".join(src[n].strip() for n in range(6962, 6969) if src[n].strip()).replace("- ", "")
    match = re.search(
        r"omsatte (\d+ \d+) tkr under 2018, varav basverksamhet (\d+ \d+) tkr \((\d+) procent\) och "
        r"projektverksamhet (\d+ \d+) tkr \((\d+) procent\)\. Omsättningen ökade med (\d+ \d+) tkr jämfört med "
        r"2017 \(\+(\d+) procent\)",
        text,
    )
    assert match, text
    total, core, core_pct, projects, projects_pct, increase, increase_pct = (
        int(g.replace(" ", "")) for g in match.groups()
    )
    assert core + projects == total
    assert (round(100 * core / total), round(100 * projects / total)) == (core_pct, projects_pct)
    # 2017: the income statement's revenue (line 7730 85 185, 7732 68 861, 7748 171 719) is the turnover then
    assert total - increase == 85185 + 68861 + 171719
    assert round(100 * increase / (total - increase)) == increase_pct
    # the project part is the income statement's Intäkter, projekt 2018 (line 7732)
    assert re.search(r"Intäkter, projekt\s+2\s+76 205\s", src[7732])


def test_turnover_rows_are_the_report_figures(rows):
    # lines 6962-6966
    assert [amt(rows, "turnover", o, 2018) for o in (1, 2, 3)] == [263871, 76205, 340076]
    check_sum(rows, "turnover", 3, [1, 2], [2018])


# ---------------------------------------------------------------- shares: cost distribution and the pies
SHARES = DATA / "finance_share.csv"
PCT = re.compile(r"(\d+(?:,\d+)?) ?%")


def printed_shares(src, first, last):
    """Every percentage printed on the report's lines first..last, in order."""
    return [float(m.replace(",", ".")) for n in range(first, last + 1) for m in PCT.findall(src[n])]


@pytest.fixture(scope="module")
def shares():
    with SHARES.open(encoding="utf-8", newline="") as f:
        out = list(csv.DictReader(f))
    assert list(out[0]) == csv_header("finance_share")
    return out


def test_shares_sum_to_their_totals_in_the_report(src):
    """The pies (lines 7781-7814) sum to 100 %; the cost distribution (7410-7429) prints shares summing to 100.21 %,
    the report's own contradiction, kept as printed (docs/provenance/finance.md)."""
    assert src[7420].strip() == "KOSTNADSFÖRDELNING"
    distribution = printed_shares(src, 7410, 7429)
    revenue = printed_shares(src, 7781, 7793)
    costs = printed_shares(src, 7795, 7814)
    assert (len(distribution), len(revenue), len(costs)) == (7, 6, 10)
    assert round(sum(revenue), 2) == 100 and round(sum(costs), 2) == 100
    assert round(sum(distribution), 2) == 100.21
    # the financial analysis's text says the same: members 51 % (5 + 46, line 6970), the state's (Kulturrådet's)
    # 22 % (6974), personnel 24 %, external grants 33 %, owner appropriations 18 % (7002-7008)
    assert "utgör 51 procent" in src[6970] and "utgör 22 procent" in src[6974]
    assert revenue[0] + revenue[1] == 51 and revenue[4] == 22
    prose = " ".join(src[n] for n in range(7002, 7009))
    assert all(p in prose for p in ("(24 procent)", "(33 procent", "(18 procent)"))
    assert (costs[1], costs[9], costs[8]) == (24, 33, 18)


def test_share_rows_are_the_report_figures(shares, src):
    by_chart = {}
    for r in shares:
        by_chart.setdefault(r["chart"], []).append(r)
        text = " ".join(src[n] for n in src_range(r["source_lines"]))
        assert [float(r["share_pct"])] == [float(m.replace(",", ".")) for m in PCT.findall(text)], r
        assert r["basis"] == "stated" and r["year"] == "2018"
        joined = re.sub(r"\s+", " ", " ".join(src[n].strip() for n in src_range(r["source_lines"])))
        assert re.sub(r"\s+", "", r["line"]).lower() in re.sub(r"[\s-]+", "", joined).lower(), r["line"]
    lines = {"cost_distribution": (7410, 7429), "revenue": (7781, 7793), "costs": (7795, 7814)}
    for chart, (first, last) in lines.items():
        rows = sorted(by_chart[chart], key=lambda r: int(r["line_order"]))
        assert [float(r["share_pct"]) for r in rows] == printed_shares(src, first, last), chart
        assert [int(r["line_order"]) for r in rows] == list(range(1, len(rows) + 1))
