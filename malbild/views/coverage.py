"""What the data covers: the years in which a goal has a level and the reports the figures come from, named for the
headings and taglines (so no screen names a year or a report the data does not hold)."""

from __future__ import annotations

from dataclasses import dataclass

from malbild.texts import t
from malbild.views.base import Query


@dataclass(frozen=True)
class Coverage:
    """The assessed years and the source documents (key -> the year it reports), oldest first."""

    years: list[int]  # the years goal_assessment holds (a year with no level stated included: the grid notes it)
    documents: dict[str, int]  # document key -> report year, by report year

    @property
    def report_years(self) -> list[int]:
        """The years reported on, each once (a second report for a year is the same year's report)."""
        return sorted(set(self.documents.values()))


def coverage(q: Query) -> Coverage:
    """Read the assessed years (goal_assessment) and the documents (source_document) from the database."""
    grid = q("goal_assessment_grid")
    documents = q("source_documents")
    return Coverage(
        sorted({int(y) for y in grid["year"]}),
        {str(d): int(y) for d, y in zip(documents["document"], documents["report_year"], strict=True)},
    )


def years_text(years: list[int]) -> str:
    """'2016–2019' (first and last year), '2018' for one year, '' for none."""
    if not years:
        return ""
    return str(years[0]) if years[0] == years[-1] else f"{years[0]}–{years[-1]}"


def report_name(year: int, lang: str) -> str:
    """A report named as a reader says it: 'Årsredovisning 2019' / 'Annual report 2019'."""
    return t("ar_title_default", lang, year=year)


def reports_text(report_years: list[int], lang: str) -> str:
    """The reports in running text: 'Årsredovisning 2018 och Årsredovisning 2019'."""
    names = [report_name(y, lang) for y in report_years]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {t('and_word', lang)} " + names[-1]


@dataclass(frozen=True)
class CoverageTexts:
    """The headings and taglines that name the data's years and reports."""

    tagline: str  # 'Hur väl uppfylls Regionplanens mål 2015–2020? Underlag: Årsredovisning 2018 och …'
    grid_title: str  # 'Måluppfyllelse 2016–2019'
    reports: str  # 'Årsredovisning 2018 och Årsredovisning 2019'
    document_names: dict[str, str]  # document key -> 'Årsredovisning 2019'

    def source_caption(self, lines: str, document: str | None, lang: str) -> str:
        """'Årsredovisning 2019, rad 3' for lines of a document; the bundled report's name when none is given."""
        name = self.document_names.get(document or "") or next(iter(self.document_names.values()), "")
        return t("source_caption", lang, report=name, lines=lines)


def coverage_texts(q: Query, lang: str) -> CoverageTexts:
    """Name the data's years and reports for the headings (built from coverage())."""
    cover = coverage(q)
    reports = reports_text(cover.report_years, lang)
    return CoverageTexts(
        tagline=t("app_tagline", lang, reports=reports),
        grid_title=t("ov_grid_title", lang, years=years_text(cover.years)),
        reports=reports,
        document_names={d: report_name(y, lang) for d, y in cover.documents.items()},
    )
