"""A synthetic dataset, about 100 times the report, in exactly the CSV formats of data/ (for `make bench`).

Every value is FAKE. Rows say so: notes read "synthetic", names and project titles start with
"Syntetisk…", and the source lines point at arbitrary lines of the real report. The data exists only
to measure the build, the queries and the pages at a larger size; never ship it.

    python -m tools.synth OUT_DIR [--small] [--seed N]

`generate(folder)` writes the CSV files plus a copy of the real source document, so that
`malbild.data.build.build(target, folder)` loads it through the same checks as the bundled data.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

from malbild.data.build import csv_header
from malbild.paths import DATA_DIR, SOURCE_FILE

SYNTHETIC = "synthetic"

WORDS = [
    "regionen",
    "arbetet",
    "utvecklas",
    "samverkan",
    "kommunerna",
    "insatser",
    "kompetens",
    "näringslivet",
    "innovation",
    "tillgänglighet",
    "kultur",
    "hälsa",
    "digitalisering",
    "projekt",
    "finansiering",
    "utbildning",
    "miljö",
    "energi",
    "transporter",
    "jämställdhet",
    "mångfald",
    "barn",
    "unga",
    "företag",
    "forskning",
    "besöksnäring",
    "infrastruktur",
    "landsbygd",
    "städer",
    "arbetsmarknad",
    "integration",
    "klimat",
    "samhällsbyggnad",
    "rekommendationerna",
    "måluppfyllelse",
    "bedömningen",
    "året",
    "fortsatt",
    "stärka",
    "öka",
    "bidra",
    "genomföra",
    "utveckla",
]

AREAS = (
    "Digitalisering",
    "Hälsa och social välfärd",
    "Kommunikation och externa relationer",
    "Näringslivsutveckling och innovation",
    "Regional kulturverksamhet",
    "Tillväxtpolitik, analys och samhällsbyggnad",
    "Utbildning och kompetensförsörjning",
)
BANDS = ("20-29", "30-39", "40-49", "50-59", "60+")
TEXT_KINDS = ("outcome", "recommendation", "summary", "previous")
PROGRESS = ("in_line", "partly", "little")


@dataclass(frozen=True)
class Spec:
    """How much to generate. The default is the 100x dataset of the brief."""

    years: int = 20
    goals: int = 60
    subgoals_per_goal: int = 3
    projects: int = 6000
    ongoing: int = 8200
    owners: int = 300
    seed: int = 20181231

    @property
    def year_list(self) -> list[int]:
        """The years covered, ending in 2019 for 20 years (the schema allows 2000-2100)."""
        first = max(2000, 2018 - self.years + 1)
        return list(range(first, first + self.years))


SMALL = Spec(years=3, goals=6, subgoals_per_goal=2, projects=60, ongoing=80, owners=20)


def _source_line_count(source: Path) -> int:
    """Return the number of lines of the source document."""
    return len(source.read_text(encoding="utf-8").split("\n"))


class _Gen:
    """Random helpers bound to one seeded generator."""

    def __init__(self, seed: int, source_lines: int) -> None:
        self.rng = random.Random(seed)
        self.max_line = max(1, source_lines - 20)

    def lines(self) -> str:
        """A plausible source_lines reference (a single line or a range) inside the source document."""
        start = self.rng.randint(1, self.max_line)
        length = self.rng.choice((0, 0, 2, 5, 12))
        return str(start) if length == 0 else f"{start}-{start + length}"

    def sentence(self, words: int | None = None) -> str:
        """A Swedish-looking sentence of random words."""
        n = words or self.rng.randint(8, 20)
        text = " ".join(self.rng.choice(WORDS) for _ in range(n))
        return text[0].upper() + text[1:] + "."

    def paragraphs(self, count: int) -> str:
        """Paragraphs separated by a blank line, as in data/goal_text.csv."""
        return "\n\n".join(" ".join(self.sentence() for _ in range(self.rng.randint(2, 5))) for _ in range(count))


def _write(folder: Path, table: str, header: list[str], rows: list[list[object]]) -> int:
    """Write one CSV file in the data/ conventions (empty field = NULL, '.' decimals, true/false)."""

    def cell(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float):
            return repr(round(value, 4)).removesuffix(".0") if value == int(value) else repr(round(value, 4))
        return str(value)

    with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([cell(v) for v in row] for row in rows)
    return len(rows)


def _read(data_dir: Path, table: str) -> list[dict[str, str]]:
    """Read one of the real CSV files as dictionaries of strings."""
    with open(data_dir / f"{table}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def generate(folder: Path, spec: Spec = Spec(), real_data: Path = DATA_DIR) -> dict[str, int]:
    """Write a synthetic dataset into folder; return the row count per table."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    source = real_data / "source" / SOURCE_FILE.name
    if not source.exists():
        source = SOURCE_FILE
    (folder / "source").mkdir(exist_ok=True)
    shutil.copyfile(source, folder / "source" / SOURCE_FILE.name)
    g = _Gen(spec.seed, _source_line_count(source))
    rng = g.rng
    years = spec.year_list
    goals = list(range(1, spec.goals + 1))
    counts: dict[str, int] = {}

    counts["goal"] = _write(
        folder,
        "goal",
        ["goal_id", "name_sv", "name_en", "source_lines"],
        [[n, f"Syntetiskt mål {n}: {g.sentence(4)[:-1].lower()}", f"Synthetic goal {n}", g.lines()] for n in goals],
    )
    counts["subgoal"] = _write(
        folder,
        "subgoal",
        ["subgoal_id", "goal_id", "text_sv", "source_lines"],
        [
            [f"{n}.{k}", n, f"Syntetiskt delmål: {g.sentence(10)}", g.lines()]
            for n in goals
            for k in range(1, spec.subgoals_per_goal + 1)
        ],
    )

    rows = []
    for n in goals:
        level = rng.randint(1, 3)
        for y in years:
            if rng.random() < 0.08:
                rows.append([n, y, None, "not_stated", f"{SYNTHETIC}: no level", g.lines()])
                continue
            level = min(3, max(1, level + rng.choice((-1, 0, 0, 0, 1))))
            rows.append([n, y, level, "stated", SYNTHETIC, g.lines()])
    counts["goal_assessment"] = _write(
        folder, "goal_assessment", ["goal_id", "year", "level", "basis", "note", "source_lines"], rows
    )

    rows = []
    for n in goals:
        for y in years[1:]:
            if rng.random() < 0.1:
                rows.append([n, y, None, "not_stated", f"{SYNTHETIC}: not stated", g.lines()])
            else:
                rows.append([n, y, rng.choice(PROGRESS), "stated", SYNTHETIC, g.lines()])
    counts["recommendation_progress"] = _write(
        folder, "recommendation_progress", ["goal_id", "year", "progress", "basis", "note", "source_lines"], rows
    )

    rows = []
    for n in goals:
        for y in years:
            for kind in TEXT_KINDS:
                paragraphs = 4 if kind == "summary" else rng.randint(1, 2)
                rows.append([n, y, kind, f"[Syntetisk text] {g.paragraphs(paragraphs)}", g.lines()])
    counts["goal_text"] = _write(folder, "goal_text", ["goal_id", "year", "kind", "text_sv", "source_lines"], rows)

    owners = [f"Syntetisk huvudman {k:03d}" for k in range(1, spec.owners + 1)]
    grants: dict[tuple[int, int], list[int]] = {}
    rows = []
    for k in range(1, spec.projects + 1):
        goal, year = rng.choice(goals), rng.choice(years)
        amount = int(rng.lognormvariate(13.5, 1.0)) // 100 * 100
        grants.setdefault((goal, year), []).append(amount)
        rows.append([goal, year, rng.choice(owners), f"Syntetiskt projekt {k:05d}", amount, "stated", g.lines()])
    counts["project_grant"] = _write(
        folder, "project_grant", ["goal_id", "year", "owner", "project", "amount_sek", "basis", "source_lines"], rows
    )

    rows = []
    for y in years:
        year_total = sum(sum(grants.get((n, y), [])) for n in goals)
        for n in goals:
            amounts = grants.get((n, y), [])
            granted = sum(amounts)
            ongoing = len(amounts) + rng.randint(3, 30)
            rows += [
                [n, y, "ongoing_projects", ongoing, "count", "stated", SYNTHETIC, g.lines()],
                [n, y, "ongoing_amount_msek", round(rng.uniform(1, 60), 1), "MSEK", "stated", SYNTHETIC, g.lines()],
                [
                    n,
                    y,
                    "granted_projects",
                    len(amounts),
                    "count",
                    "derived",
                    f"{SYNTHETIC}: count of project_grant",
                    g.lines(),
                ],
                [
                    n,
                    y,
                    "granted_amount_sek",
                    granted,
                    "SEK",
                    "derived",
                    f"{SYNTHETIC}: sum of project_grant",
                    g.lines(),
                ],
                [n, y, "granted_amount_msek_text", round(granted / 1e6), "MSEK", "stated", SYNTHETIC, g.lines()],
                [
                    n,
                    y,
                    "share_of_year_total_pct",
                    round(100 * granted / year_total) if year_total else None,
                    "pct",
                    "derived" if year_total else "not_stated",
                    SYNTHETIC,
                    g.lines(),
                ],
            ]
        rows.append(
            [
                None,
                y,
                "granted_projects",
                sum(len(grants.get((n, y), [])) for n in goals),
                "count",
                "derived",
                f"{SYNTHETIC}: all goals",
                g.lines(),
            ]
        )
        rows.append([None, y, "granted_amount_sek", year_total, "SEK", "derived", f"{SYNTHETIC}: all goals", g.lines()])
    counts["goal_portfolio"] = _write(
        folder, "goal_portfolio", ["goal_id", "year", "metric", "value", "unit", "basis", "note", "source_lines"], rows
    )

    rows = [[rng.choice(AREAS), f"Syntetiskt pågående projekt {k:05d}", g.lines()] for k in range(1, spec.ongoing + 1)]
    counts["ongoing_project"] = _write(folder, "ongoing_project", ["area", "project", "source_lines"], rows)

    counts["hr_metric"] = _write(
        folder,
        "hr_metric",
        ["metric", "year", "grp", "value", "unit", "basis", "note", "source_lines"],
        _hr_metrics(_read(real_data, "hr_metric"), years, g),
    )

    rows = []
    for y in years:
        for band in BANDS:
            women, men = rng.randint(3, 40), rng.randint(1, 30)
            for grp, persons in (("all", women + men), ("women", women), ("men", men)):
                rows.append([y, band, grp, persons, "stated", SYNTHETIC, g.lines()])
    counts["hr_age_band"] = _write(
        folder, "hr_age_band", ["year", "band", "grp", "persons", "basis", "note", "source_lines"], rows
    )

    counts["financial_goal"] = _write(
        folder,
        "financial_goal",
        ["goal_key", "year", "value", "target_text", "met", "basis", "note", "source_lines"],
        _financial_goals(_read(real_data, "financial_goal"), years, g),
    )

    counts["finance_line"] = _write(
        folder,
        "finance_line",
        csv_header("finance_line"),
        _finance_lines(_read(real_data, "finance_line"), years, g),
    )

    counts["verdict"] = _write(
        folder,
        "verdict",
        csv_header("verdict"),
        [
            [
                y,
                row["verdict_key"],
                row["given_by"],
                row["scope"],
                row["wording_sv"],
                row["outcome"],
                "stated",
                SYNTHETIC,
                g.lines(),
            ]
            for y in years
            for row in _read(real_data, "verdict")
        ],
    )
    counts["finance_share"] = _write(
        folder,
        "finance_share",
        csv_header("finance_share"),
        [
            [
                r["chart"],
                r["line_order"],
                r["line"],
                r["line_en"],
                y,
                r["share_pct"],
                "stated",
                SYNTHETIC,
                r["source_lines"],
            ]
            for y in years
            for r in _read(real_data, "finance_share")
        ],
    )
    counts["goal_indicator"] = _write(
        folder,
        "goal_indicator",
        csv_header("goal_indicator"),
        [
            [n, k, g.sentence(4)[:-1], f"Synthetic indicator {k}", rng.randint(1, 500), "exact", y, "stated", SYNTHETIC]
            + [g.lines()]
            for n in goals
            for y in years
            for k in range(1, rng.randint(1, 4) + 1)
        ],
    )
    counts["portfolio_detail"] = _write(
        folder,
        "portfolio_detail",
        csv_header("portfolio_detail"),
        [
            [r["goal_id"], y, r["detail"], r["measure"], r["value"], r["unit"], "stated", SYNTHETIC, g.lines()]
            for y in years
            for r in _read(real_data, "portfolio_detail")
            if not r["goal_id"] or int(r["goal_id"]) <= spec.goals
        ],
    )
    latest = {(r["topic"], r["line_order"]): r for r in _read(real_data, "finance_detail")}  # one row per line
    counts["finance_detail"] = _write(
        folder,
        "finance_detail",
        csv_header("finance_detail"),
        [
            [r["topic"], r["line_order"], r["line"], r["line_en"], r["kind"], y, r["value"], r["unit"], "stated"]
            + [SYNTHETIC, "", "", g.lines()]
            for y in years
            for r in latest.values()
        ],
    )
    return counts


def _hr_metrics(real: list[dict[str, str]], years: list[int], g: _Gen) -> list[list[object]]:
    """Every (metric, group) of the real file for every year, drifting from the real value."""
    base: dict[tuple[str, str], tuple[str, float]] = {}
    for row in real:
        key = (row["metric"], row["grp"])
        value = float(row["value"]) if row["value"] else None
        if key not in base or (base[key][1] is None and value is not None):
            base[key] = (row["unit"], value)
    rows = []
    for (metric, grp), (unit, value) in sorted(base.items()):
        start = value if value is not None else 10.0
        for y in years:
            if g.rng.random() < 0.05:
                rows.append([metric, y, grp, None, unit, "not_stated", f"{SYNTHETIC}: not stated", g.lines()])
                continue
            v = start * (1 + 0.01 * (y - 2018)) * g.rng.uniform(0.9, 1.1)
            if unit == "pct":
                v = round(min(100.0, max(0.0, v)), 1)
            elif unit in ("persons", "count"):
                v = float(round(v))
            else:
                v = round(v, 1)
            rows.append([metric, y, grp, v, unit, "stated", SYNTHETIC, g.lines()])
    return rows


def _financial_goals(real: list[dict[str, str]], years: list[int], g: _Gen) -> list[list[object]]:
    """The five financial goals for every year, with fake values and whether they were met."""
    texts = {row["goal_key"]: row["target_text"] for row in real}
    rows = []
    for y in years:
        for key, text in texts.items():
            if key == "liquidity_ratio":
                value = round(g.rng.uniform(0.8, 1.5), 2)
                met = value > 1.0
            elif key == "result_positive":
                value = float(g.rng.randint(-2000, 5000))
                met = value > 0
            elif key == "equity_share_pct":
                value = round(g.rng.uniform(1.0, 7.0), 1)
                met = value >= 2.0
            else:
                value, met = None, g.rng.random() < 0.85
            rows.append([key, y, value, text, met, "stated", SYNTHETIC, g.lines()])
    return rows


def _finance_lines(real: list[dict[str, str]], years: list[int], g: _Gen) -> list[list[object]]:
    """Every line of every statement for every year: the real amounts scaled by a per-year factor."""
    lines: dict[tuple[str, int], dict[str, str]] = {}
    for row in real:
        key = (row["statement"], int(row["line_order"]))
        if key not in lines or (row["year"] == "2018" and lines[key]["year"] != "2018"):
            lines[key] = row
    rows = []
    for y in years:
        factor = 1.02 ** (y - 2018) * g.rng.uniform(0.95, 1.05)
        for (statement, order), row in sorted(lines.items()):
            amount = round(float(row["amount_tkr"]) * factor) if row["amount_tkr"] else None
            budget = round(float(row["budget_tkr"]) * factor * g.rng.uniform(0.97, 1.03)) if row["budget_tkr"] else None
            basis = "stated" if amount is not None else "not_stated"
            rows.append(
                [
                    statement,
                    order,
                    row["line"],
                    row["line_en"],
                    row["section"] or None,
                    row["kind"],
                    y,
                    amount,
                    budget,
                    basis,
                    SYNTHETIC,
                    row["source_lines"],
                ]
            )
    return rows


def real_row_count(data_dir: Path = DATA_DIR) -> int:
    """Return the number of data rows in the real CSV files."""
    total = 0
    for path in data_dir.glob("*.csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            total += sum(1 for _ in csv.reader(handle)) - 1
    return total


def main(argv: list[str] | None = None) -> int:
    """Command line: write the synthetic dataset and print its row counts."""
    parser = argparse.ArgumentParser(description="Write a synthetic (fake) Målbild dataset, ~100x the report")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--small", action="store_true", help="a small version (6 goals, 3 years, 60 projects)")
    parser.add_argument("--seed", type=int, default=Spec.seed)
    args = parser.parse_args(argv)
    base = SMALL if args.small else Spec()
    spec = Spec(**{**base.__dict__, "seed": args.seed})
    counts = generate(args.folder, spec)
    for table, n in counts.items():
        print(f"{table:26} {n:7d} rows")
    total, real = sum(counts.values()), real_row_count()
    print(f"{total} rows of SYNTHETIC data in {args.folder} ({total / real:.0f}x the {real} rows of data/)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
