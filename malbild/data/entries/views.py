"""The contract views staff can add figures to: their key columns, value columns and allowed values."""

from __future__ import annotations

from dataclasses import dataclass

BASES_PRINTED = ("stated", "reconstructed")
GROUPS = ("all", "women", "men")
PROGRESS = ("in_line", "partly", "little")
HR_UNITS = ("persons", "count", "years", "pct", "ratio")
FINANCIAL_KEYS = ("liquidity_ratio", "budget_balanced", "result_positive", "pension_balanced", "equity_share_pct")
# The report's verdicts: who gives each and what it is about (schema/01_tables.sql, src.verdict).
VERDICT_PARTIES: dict[str, tuple[str, str]] = {
    "operational_goals": ("region", "operational"),
    "financial_goals": ("region", "financial"),
    "sound_management": ("region", "overall"),
    "management": ("auditors", "overall"),
    "accounts": ("auditors", "financial"),
    "internal_control": ("auditors", "overall"),
    "financial_result": ("auditors", "financial"),
    "operational_result": ("auditors", "operational"),
    "discharge": ("auditors", "overall"),
    "approval": ("auditors", "overall"),
}
OUTCOMES = ("yes", "mostly", "partly", "no")
TEXT_KINDS = ("outcome", "recommendation", "summary", "previous")
PORTFOLIO_METRICS = (
    "ongoing_projects",
    "ongoing_amount_msek",
    "granted_projects",
    "granted_amount_sek",
    "granted_amount_msek_text",
    "share_of_year_total_pct",
)
PORTFOLIO_UNITS = ("count", "MSEK", "SEK", "pct")
AGE_BANDS = ("20-29", "30-39", "40-49", "50-59", "60+")
STATEMENTS = ("income", "balance", "operating", "cashflow", "balance_requirement", "turnover")
LINE_KINDS = ("item", "subtotal", "total")
SHARE_CHARTS = ("cost_distribution", "revenue", "costs")
# The CHECK lists of schema/01_tables.sql: src.goal_indicator, src.portfolio_detail, src.finance_detail.
QUALIFIERS = ("exact", "about", "more_than")
PORTFOLIO_DETAILS = ("eu_cofunded_share_pct", "granted_under_measure", "earlier_projects", "closed_projects")
DETAIL_UNITS = ("count", "pct")
FINANCE_TOPICS = (
    "other_core_operations",
    "grants_non_members",
    "member_fees",
    "pension",
    "personnel_core",
    "personnel_projects",
    "personnel_group",
    "project_result",
)
DETAIL_KINDS = ("item", "of_which", "subtotal", "total")
FINANCE_UNITS = ("tkr", "msek", "pct")


@dataclass(frozen=True)
class Column:
    """One column of a view: its name, kind (int, float, text, bool), SQL type and whether a value is required."""

    name: str
    kind: str
    sql: str
    required: bool = True
    allowed: tuple[str, ...] = ()


@dataclass(frozen=True)
class ViewSpec:
    """A contract view staff can add figures to."""

    name: str
    keys: tuple[Column, ...]
    values: tuple[Column, ...]
    contract_columns: tuple[str, ...]

    @property
    def key_names(self) -> tuple[str, ...]:
        """Return the names of the key columns."""
        return tuple(c.name for c in self.keys)

    @property
    def value_names(self) -> tuple[str, ...]:
        """Return the names of the value columns."""
        return tuple(c.name for c in self.values)

    @property
    def has_basis(self) -> bool:
        """Return whether the view has a basis column (texts, sub-goals and ongoing projects have none)."""
        return "basis" in self.contract_columns

    @property
    def optional_keys(self) -> tuple[str, ...]:
        """Return the key columns that may be empty (portfolio_detail.measure): matched NULL-safely."""
        return tuple(c.name for c in self.keys if not c.required)

    @property
    def columns(self) -> tuple[Column, ...]:
        """Return key and value columns, keys first."""
        return self.keys + self.values


_GOAL = Column("goal_id", "int", "INTEGER")
_YEAR = Column("year", "int", "INTEGER")
_NOTE = Column("note", "text", "VARCHAR", required=False)
_ORDER = Column("line_order", "int", "INTEGER")
_LINE = Column("line", "text", "VARCHAR", required=False)
_LINE_EN = Column("line_en", "text", "VARCHAR", required=False)

VIEWS: dict[str, ViewSpec] = {
    spec.name: spec
    for spec in (
        ViewSpec(
            "goal_assessment",
            (_GOAL, _YEAR),
            (Column("level", "int", "INTEGER", allowed=("1", "2", "3")), _NOTE),
            ("goal_id", "year", "level", "basis", "note", "document", "source_lines"),
        ),
        ViewSpec(
            "recommendation_progress",
            (_GOAL, _YEAR),
            (Column("progress", "text", "VARCHAR", allowed=PROGRESS), _NOTE),
            ("goal_id", "year", "progress", "basis", "note", "document", "source_lines"),
        ),
        ViewSpec(
            "project_grant",
            (_GOAL, _YEAR, Column("owner", "text", "VARCHAR"), Column("project", "text", "VARCHAR")),
            (Column("amount_sek", "int", "BIGINT"),),
            ("goal_id", "year", "owner", "project", "amount_sek", "basis", "document", "source_lines"),
        ),
        ViewSpec(
            "hr_metric",
            (Column("metric", "text", "VARCHAR"), _YEAR, Column("grp", "text", "VARCHAR", allowed=GROUPS)),
            (
                Column("value", "float", "DOUBLE PRECISION"),
                Column("unit", "text", "VARCHAR", required=False, allowed=HR_UNITS),
                _NOTE,
            ),
            ("metric", "year", "grp", "value", "unit", "basis", "note", "document", "source_lines"),
        ),
        ViewSpec(
            "financial_goal",
            (Column("goal_key", "text", "VARCHAR", allowed=FINANCIAL_KEYS), _YEAR),
            (
                Column("value", "float", "DOUBLE PRECISION", required=False),
                Column("target_text", "text", "VARCHAR", required=False),
                Column("met", "bool", "BOOLEAN", required=False),
                _NOTE,
            ),
            ("goal_key", "year", "value", "target_text", "met", "basis", "note", "document", "source_lines"),
        ),
        ViewSpec(
            "verdict",
            (Column("verdict_key", "text", "VARCHAR", allowed=tuple(VERDICT_PARTIES)), _YEAR),
            (
                Column("wording_sv", "text", "VARCHAR"),
                Column("outcome", "text", "VARCHAR", required=False, allowed=OUTCOMES),
                Column("given_by", "text", "VARCHAR", required=False, allowed=("region", "auditors")),
                Column("scope", "text", "VARCHAR", required=False, allowed=("operational", "financial", "overall")),
                _NOTE,
            ),
            (
                "year",
                "verdict_key",
                "given_by",
                "scope",
                "wording_sv",
                "outcome",
                "basis",
                "note",
                "document",
                "source_lines",
            ),
        ),
        ViewSpec(
            "goal_text",
            (_GOAL, _YEAR, Column("kind", "text", "VARCHAR", allowed=TEXT_KINDS)),
            (Column("text_sv", "text", "VARCHAR"),),
            ("goal_id", "year", "kind", "text_sv", "document", "source_lines"),
        ),
        ViewSpec(
            "subgoal",
            (Column("subgoal_id", "text", "VARCHAR"),),
            (Column("goal_id", "int", "INTEGER"), Column("text_sv", "text", "VARCHAR")),
            ("subgoal_id", "goal_id", "text_sv", "document", "source_lines"),
        ),
        ViewSpec(
            "goal_portfolio",
            (_GOAL, _YEAR, Column("metric", "text", "VARCHAR", allowed=PORTFOLIO_METRICS)),
            (
                Column("value", "float", "DOUBLE PRECISION"),
                Column("unit", "text", "VARCHAR", allowed=PORTFOLIO_UNITS),
                _NOTE,
            ),
            ("goal_id", "year", "metric", "value", "unit", "basis", "note", "document", "source_lines"),
        ),
        ViewSpec(
            "ongoing_project",
            (Column("area", "text", "VARCHAR"), Column("project", "text", "VARCHAR")),
            (),
            ("area", "project", "document", "source_lines"),
        ),
        ViewSpec(
            "hr_age_band",
            (
                _YEAR,
                Column("band", "text", "VARCHAR", allowed=AGE_BANDS),
                Column("grp", "text", "VARCHAR", allowed=GROUPS),
            ),
            (Column("persons", "int", "INTEGER"), _NOTE),
            ("year", "band", "grp", "persons", "basis", "note", "document", "source_lines"),
        ),
        ViewSpec(
            "finance_line",
            (Column("statement", "text", "VARCHAR", allowed=STATEMENTS), _ORDER, _YEAR),
            (
                _LINE,
                _LINE_EN,
                Column("section", "text", "VARCHAR", required=False),
                Column("kind", "text", "VARCHAR", required=False, allowed=LINE_KINDS),
                Column("amount_tkr", "float", "DOUBLE PRECISION"),
                Column("budget_tkr", "float", "DOUBLE PRECISION", required=False),
                _NOTE,
            ),
            (
                "statement",
                "line_order",
                "line",
                "line_en",
                "section",
                "kind",
                "year",
                "amount_tkr",
                "budget_tkr",
                "basis",
                "note",
                "document",
                "source_lines",
            ),
        ),
        ViewSpec(
            "finance_share",
            (Column("chart", "text", "VARCHAR", allowed=SHARE_CHARTS), _ORDER, _YEAR),
            (_LINE, _LINE_EN, Column("share_pct", "float", "DOUBLE PRECISION"), _NOTE),
            (
                "chart",
                "line_order",
                "line",
                "line_en",
                "year",
                "share_pct",
                "basis",
                "note",
                "document",
                "source_lines",
            ),
        ),
        ViewSpec(
            "goal_indicator",
            (_GOAL, _YEAR, Column("indicator_order", "int", "INTEGER")),
            (
                Column("indicator", "text", "VARCHAR", required=False),
                Column("indicator_en", "text", "VARCHAR", required=False),
                Column("value", "float", "DOUBLE PRECISION"),
                Column("qualifier", "text", "VARCHAR", allowed=QUALIFIERS),
                _NOTE,
            ),
            (
                "goal_id",
                "indicator_order",
                "indicator",
                "indicator_en",
                "value",
                "qualifier",
                "year",
                "basis",
                "note",
                "document",
                "source_lines",
            ),
        ),
        ViewSpec(
            "portfolio_detail",
            (
                _GOAL,
                _YEAR,
                Column("detail", "text", "VARCHAR", allowed=PORTFOLIO_DETAILS),
                # only granted_under_measure names a measure; the store keeps an empty one as '' (see store.py)
                Column("measure", "text", "VARCHAR", required=False),
            ),
            (
                Column("value", "float", "DOUBLE PRECISION"),
                Column("unit", "text", "VARCHAR", allowed=DETAIL_UNITS),
                _NOTE,
            ),
            ("goal_id", "year", "detail", "measure", "value", "unit", "basis", "note", "document", "source_lines"),
        ),
        ViewSpec(
            "finance_detail",
            (Column("topic", "text", "VARCHAR", allowed=FINANCE_TOPICS), _ORDER, _YEAR),
            (
                _LINE,
                _LINE_EN,
                Column("kind", "text", "VARCHAR", required=False, allowed=DETAIL_KINDS),
                Column("value", "float", "DOUBLE PRECISION"),
                Column("unit", "text", "VARCHAR", required=False, allowed=FINANCE_UNITS),
                _NOTE,
            ),
            (
                "topic",
                "line_order",
                "line",
                "line_en",
                "kind",
                "year",
                "value",
                "unit",
                "basis",
                "note",
                "other_values",
                "other_lines",
                "document",
                "source_lines",
            ),
        ),
    )
}


def spec(view: str) -> ViewSpec:
    """Return the spec of a view staff can add figures to, or raise KeyError naming the allowed views."""
    try:
        return VIEWS[view]
    except KeyError:
        raise KeyError(f"{view!r} is not one of {', '.join(VIEWS)}") from None
