"""The report's own verdicts on goal fulfilment: the region's and the auditors', quoted with their sources.

The overview shows the verdicts on the goals (HEADLINE_KEYS) on its first screen, Ekonomi lists them all, the
walk-through closes with them and the deck and the snapshot follow the walk-through. The wording is always the
report's Swedish; the English interface says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from malbild import fmt
from malbild.charts.verdicts import OUTCOME_SCALE
from malbild.data.source_lines import join_source_lines
from malbild.texts import families, reads_report_language, t
from malbild.views.base import Query

GIVERS = ("region", "auditors")
# The verdicts on goal fulfilment: the region's conclusion, the auditors' on the operational and financial result.
HEADLINE_KEYS = ("sound_management", "operational_result", "financial_result")


@dataclass(frozen=True)
class Verdict:
    """One verdict as shown: who gives it, what it is about, its outcome in words, its Swedish wording, its lines."""

    key: str
    given_by: str
    label: str  # what the verdict is about ("Verksamhetens resultat mot fullmäktiges mål")
    outcome: str  # the outcome in words ("Delvis"); the gap text when the wording gives no single outcome
    outcome_key: str | None  # 'yes', 'mostly', 'partly', 'no'; None when the wording gives no single outcome
    wording: str  # quoted from the report, in Swedish
    entered: bool
    source_lines: str


@dataclass(frozen=True)
class VerdictGroup:
    """The verdicts of one giver in one year: a heading and the verdicts in the report's order."""

    given_by: str
    heading: str
    verdicts: list[Verdict]

    @property
    def source_lines(self) -> str:
        """The lines of every verdict in the group."""
        return join_source_lines([v.source_lines for v in self.verdicts])


@dataclass(frozen=True)
class VerdictsView:
    """The latest year's verdicts: the overview's few, every verdict by giver, a table."""

    year: int | None
    headline: list[VerdictGroup]  # the verdicts on goal fulfilment (HEADLINE_KEYS), by giver
    groups: list[VerdictGroup]  # every verdict, by giver
    table: pd.DataFrame
    quoted_note: str  # "quoted in Swedish" in English, '' in Swedish


def outcome_text(outcome: object, lang: str) -> str:
    """The outcome in words; the gap text when the wording gives no single outcome."""
    return t(families.VERDICT_OUTCOME[str(outcome)], lang) if outcome in OUTCOME_SCALE else t("vd_outcome_none", lang)


def _verdict(row, lang: str) -> Verdict:
    """One row of the verdicts query as shown."""
    return Verdict(
        key=str(row.verdict_key),
        given_by=str(row.given_by),
        label=t(families.VERDICT_KEY[str(row.verdict_key)], lang),
        outcome=outcome_text(None if fmt.is_missing(row.outcome) else row.outcome, lang),
        outcome_key=None if fmt.is_missing(row.outcome) else str(row.outcome),
        wording=" ".join(str(row.wording_sv).split()),
        entered=row.basis == "entered",
        source_lines=str(row.source_lines or ""),
    )


def _groups(verdicts: list[Verdict], year: int, lang: str) -> list[VerdictGroup]:
    """The verdicts by giver, the region first; a giver with none is left out."""
    out = []
    for giver in GIVERS:
        mine = [v for v in verdicts if v.given_by == giver]
        if mine:
            out.append(VerdictGroup(giver, t(families.VERDICT_BY[giver], lang, year=year), mine))
    return out


def verdicts_table(verdicts: list[Verdict], lang: str) -> pd.DataFrame:
    """The verdicts as a table: who gives it, what it is about, its outcome and its wording."""
    return pd.DataFrame(
        {
            t("vd_col_by", lang): [t(families.VERDICT_GIVER[v.given_by], lang) for v in verdicts],
            t("vd_col_verdict", lang): [v.label for v in verdicts],
            t("fin_col_outcome", lang): [v.outcome for v in verdicts],
            t("vd_col_wording", lang): [v.wording for v in verdicts],
        }
    )


def latest_verdicts(q: Query, lang: str) -> tuple[int | None, list[Verdict]]:
    """The year that has verdicts, the latest, and its verdicts in the report's order ((None, []) when none)."""
    frame = q("verdicts")
    if frame.empty:
        return None, []
    year = int(frame["year"].max())
    return year, [_verdict(row, lang) for row in frame[frame["year"] == year].itertuples(index=False)]


def temper_text(verdicts: list[Verdict], lang: str) -> str:
    """The auditors' verdict on the operational result as a clause for the finance step ('' when there is none)."""
    operational = next((v for v in verdicts if v.key == "operational_result"), None)
    return t("vd_temper", lang, outcome=operational.outcome.lower()) if operational else ""


def verdicts_view(q: Query, lang: str, present: bool = False) -> VerdictsView:
    """Build the verdicts of the latest year that has any."""
    year, verdicts = latest_verdicts(q, lang)
    if year is None:
        return VerdictsView(None, [], [], pd.DataFrame(), "")
    headline = [v for k in HEADLINE_KEYS for v in verdicts if v.key == k]
    lines = [v.source_lines.replace(";", ", ") for v in verdicts]
    return VerdictsView(
        year=year,
        headline=_groups(headline, year, lang),
        groups=_groups(verdicts, year, lang),
        table=verdicts_table(verdicts, lang).assign(**{t("vd_col_lines", lang): lines}),
        quoted_note="" if reads_report_language(lang) else t("vd_quoted_sv", lang),
    )
