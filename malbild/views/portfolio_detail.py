"""What the report's text says about the project portfolio beside the goal_portfolio metrics: the share of growth
funds to projects with EU co-funding, new projects under a measure, projects ongoing from earlier years and projects
closed during the year, each in a sentence with its source."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from malbild import fmt
from malbild.data.source_lines import join_source_lines
from malbild.texts import families, t
from malbild.views.base import Query

# portfolio_detail.detail in the order a reader takes them: the year's new projects, then the older, then the closed.
DETAILS = ("eu_cofunded_share_pct", "granted_under_measure", "earlier_projects", "closed_projects")


def detail_sentence(detail: str, value: object, unit: str, year: int, measure: object = None, *, lang: str) -> str:
    """One portfolio detail as a sentence: '11 projekt inom målet avslutades under 2018.'; a gap says it is not
    stated."""
    shown = fmt.value_with_unit(value, unit, lang)
    if fmt.is_missing(value):
        return t("pd_not_stated", lang, name=t(families.PORTFOLIO_DETAIL[detail], lang), year=year)
    return t(
        families.PORTFOLIO_DETAIL_SENTENCE[detail],
        lang,
        value=shown,
        year=year,
        measure="" if fmt.is_missing(measure) else measure,
    )


def detail_sentences(rows: pd.DataFrame, lang: str) -> list[str]:
    """The newest year's details as sentences, in DETAILS order (unknown details are left out)."""
    if rows.empty:
        return []
    year = int(rows["year"].max())
    rows = rows[(rows["year"] == year) & rows["detail"].isin(DETAILS)]
    rows = rows.assign(order=rows["detail"].map(DETAILS.index)).sort_values(["order", "measure"])
    return [
        detail_sentence(r.detail, r.value, r.unit, year, r.measure, lang=lang) for r in rows.itertuples(index=False)
    ]


@dataclass(frozen=True)
class PortfolioDetailView:
    """A goal's (or all goals') portfolio details as sentences, and their source lines."""

    sentences: list[str]
    source_lines: str


def portfolio_detail_view(q: Query, goal_id: int | None, lang: str) -> PortfolioDetailView:
    """The portfolio details of one goal, or of all goals (goal_id None), from the database."""
    rows = q("portfolio_details", goal_id=goal_id)
    year_rows = rows[rows["year"] == rows["year"].max()] if not rows.empty else rows
    return PortfolioDetailView(detail_sentences(rows, lang), join_source_lines(year_rows["source_lines"]))
