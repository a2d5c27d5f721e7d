"""What the bundled report already says, read from the report's database (read-only): goals, bases, units."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from malbild.data.entries.views import VIEWS

# The views whose lines keep their names from year to year: view -> (group column, order column, the names), so a
# new year's row may leave the names empty for a line the report already has (its newest year's are used).
LINE_NAMES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "finance_line": ("statement", "line_order", ("line", "line_en", "section", "kind")),
    "finance_share": ("chart", "line_order", ("line", "line_en")),
    "finance_detail": ("topic", "line_order", ("line", "line_en", "kind", "unit")),
    "goal_indicator": ("goal_id", "indicator_order", ("indicator", "indicator_en")),
}


@dataclass
class ReportFacts:
    """The report's goals, the basis of every figure it has, and the units and target texts staff may reuse."""

    goals: set[int] = field(default_factory=set)
    bases: dict[str, dict[tuple, str]] = field(default_factory=dict)
    hr_units: dict[str, str] = field(default_factory=dict)
    target_texts: dict[str, str] = field(default_factory=dict)
    # A line's name (section, kind, unit) by (view, its group as text, its order), newest year (LINE_NAMES).
    line_names: dict[tuple[str, str, int], dict[str, object]] = field(default_factory=dict)
    # Where the facts were read from (the report's database file or connection): its text checks citations.
    source: Path | duckdb.DuckDBPyConnection | None = None
    # The text of the reports staff added (entries store): document -> [(line_no, page, text)], for citations.
    added_lines: dict[str, list[tuple[int, int | None, str]]] = field(default_factory=dict)

    def basis(self, view: str, key: tuple) -> str | None:
        """Return the report's basis for a figure, or None when the report has no row for it."""
        return self.bases.get(view, {}).get(tuple(key))


def _read(con: duckdb.DuckDBPyConnection) -> ReportFacts:
    """Read the facts through an open connection to the report's database."""
    facts = ReportFacts()
    facts.goals = {row[0] for row in con.execute("SELECT goal_id FROM goal").fetchall()}
    for name, spec in VIEWS.items():
        cols = ", ".join(spec.key_names)
        basis = "basis" if spec.has_basis else "'stated'"  # a text the report prints is as printed as a figure
        rows = con.execute(f"SELECT {cols}, {basis} FROM {name}").fetchall()
        facts.bases[name] = {tuple(row[:-1]): row[-1] for row in rows}
    facts.hr_units = dict(con.execute("SELECT metric, arg_max(unit, year) FROM hr_metric GROUP BY metric").fetchall())
    facts.target_texts = dict(
        con.execute("SELECT goal_key, arg_max(target_text, year) FROM financial_goal GROUP BY goal_key").fetchall()
    )
    for view, (group, order, names) in LINE_NAMES.items():
        picked = ", ".join(f"arg_max({n}, year)" for n in names)
        for row in con.execute(f"SELECT {group}, {order}, {picked} FROM {view} GROUP BY ALL").fetchall():
            facts.line_names[(view, str(row[0]), row[1])] = dict(zip(names, row[2:], strict=True))
    return facts


def load_facts(report: Path | duckdb.DuckDBPyConnection) -> ReportFacts:
    """Load the facts from the report's database file (opened read-only) or from an open connection."""
    if isinstance(report, duckdb.DuckDBPyConnection):
        cur = report.cursor()
        try:
            facts = _read(cur)
        finally:
            cur.close()
    else:
        con = duckdb.connect(str(report), read_only=True)
        try:
            facts = _read(con)
        finally:
            con.close()
    facts.source = report
    return facts
