"""The sources: how many figures are stated, derived, reconstructed or not stated, and every figure with its source."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from malbild import fmt
from malbild.texts import t
from malbild.views.base import Metric, Query

BASES = ("stated", "derived", "reconstructed", "not_stated", "entered")

# The datasets of the figure view (texts ds_<dataset>).
DATASETS: tuple[str, ...] = (
    "goal_assessment",
    "recommendation_progress",
    "project_grant",
    "goal_portfolio",
    "hr_metric",
    "hr_age_band",
    "financial_goal",
    "finance_line",
    "finance_share",
)


@dataclass(frozen=True)
class PassageNote:
    """A source note's quoted passage: (line number, text) for each line shown, and how many were left out."""

    lines: tuple[tuple[int, str], ...]
    more: int


def passage_note(q: Query, spec: str, max_lines: int) -> PassageNote:
    """Quote the report's lines in spec ('a-b;c-d'), at most max_lines of them, each with its line number."""
    passage = q("source_passage", source_lines=spec)
    shown = passage.head(max_lines)
    lines = tuple((int(n), str(text).strip()) for n, text in shown.itertuples(index=False))
    return PassageNote(lines, len(passage) - len(shown))


def dataset_label(dataset: str, lang: str = "sv") -> str:
    """Translate a dataset name; unknown datasets keep their key."""
    return t(f"ds_{dataset}", lang) if dataset in DATASETS else dataset


def basis_totals(counts: pd.DataFrame) -> dict[str, int]:
    """Total figures per basis (columns dataset, basis, figures), with every basis present."""
    totals = counts.groupby("basis")["figures"].sum()
    return {b: int(totals.get(b, 0)) for b in BASES}


def basis_table(counts: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """Pivot figures per dataset × basis, translated, with a total column; short headers with the basis marks, so
    every column (the gaps too) fits a presenter's 1280 px screen."""
    if counts.empty:
        return pd.DataFrame()
    table = counts.pivot_table(index="dataset", columns="basis", values="figures", aggfunc="sum", fill_value=0)
    table = table.reindex(columns=[b for b in BASES if b in table.columns])
    table["total"] = table.sum(axis=1)
    table.index = [dataset_label(d, lang) for d in table.index]
    heads = {"total": "total", "not_stated": "gap_marked"}  # '– Ej angivet', as a gap reads everywhere
    table.columns = [t(heads.get(c, f"basis_col_{c}"), lang) for c in table.columns]
    return table.reset_index(names=t("source_dataset", lang))


def filter_figures(figures: pd.DataFrame, dataset: str | None, basis: str | None, text: str | None) -> pd.DataFrame:
    """Keep figures of one dataset and basis whose key or passage contains the text."""
    rows = figures
    if dataset:
        rows = rows[rows["dataset"] == dataset]
    if basis:
        rows = rows[rows["basis"] == basis]
    if text:
        needle = text.lower()
        mask = rows["figure_key"].str.lower().str.contains(needle, regex=False) | rows["passage"].fillna(
            ""
        ).str.lower().str.contains(needle, regex=False)
        rows = rows[mask]
    return rows


@dataclass(frozen=True)
class FigureFilters:
    """The figure list's filters: dataset, basis and a search text (None: all)."""

    dataset: str | None = None
    basis: str | None = None
    text: str | None = None


@dataclass(frozen=True)
class SourcesView:
    """The sources page, and the basis line of the deck, the snapshot and the walk-through."""

    basis_line: str  # 'Källa: Årsredovisning 2018, Region Västerbotten; 316 uppgifter angivna, …'
    bases: list[Metric]  # figures per basis, with what the basis means
    basis_table: pd.DataFrame  # figures per dataset × basis
    datasets: dict[str, str]  # dataset -> label, for the filter
    figures: pd.DataFrame  # the figures the filters keep, as text
    shown: str  # '12 av 1 234 siffror visas.'
    source_line_count: int


def basis_line(counts: pd.DataFrame, lang: str = "sv") -> str:
    """The data basis line: 'Källa: Årsredovisning 2018, Region Västerbotten; 316 uppgifter angivna, …'."""
    totals = basis_totals(counts)
    parts = [t(f"deck_basis_{b}", lang, n=fmt.number(totals[b], lang=lang)) for b in BASES if totals[b]]
    return t("deck_basis", lang, parts=", ".join(parts))


def figures_table(figures: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """Figures as text: area, figure, year, value, basis, source lines and the quoted passage."""
    table = figures.assign(
        dataset=figures["dataset"].map(lambda d: dataset_label(d, lang)),
        basis=figures["basis"].map(lambda x: t(f"basis_{x}", lang)),
        value=figures["value"].map(
            lambda v: fmt.number(v, 0 if fmt.is_missing(v) or float(v).is_integer() else 2, lang)
        ),
    )[["dataset", "figure_key", "year", "value", "basis", "source_lines", "passage"]]
    table.columns = [
        t("source_dataset", lang),
        t("src_col_figure", lang),
        t("year", lang),
        t("src_col_value", lang),
        t("basis", lang),
        t("source_lines", lang),
        t("src_col_passage", lang),
    ]
    return table


def sources_basis_line(q: Query, lang: str = "sv") -> str:
    """Only the data basis line (for the deck, the snapshot and the walk-through)."""
    return basis_line(q("figure_counts_by_basis"), lang)


def sources_view(q: Query, lang: str = "sv", filters: FigureFilters | None = None) -> SourcesView:
    """Build the sources view: counts per basis and dataset, and the figures the filters keep."""
    filters = filters or FigureFilters()
    counts = q("figure_counts_by_basis")
    totals = basis_totals(counts)
    figures = q("figures_with_passage")
    shown = filter_figures(figures, filters.dataset, filters.basis, filters.text)
    labels = {d: dataset_label(d, lang) for d in figures["dataset"].unique()}
    return SourcesView(
        basis_line=basis_line(counts, lang),
        bases=[
            Metric(t(f"basis_{b}", lang), fmt.number(totals[b], lang=lang), help=t(f"src_basis_help_{b}", lang))
            for b in BASES
        ],
        basis_table=basis_table(counts, lang),
        datasets=dict(sorted(labels.items(), key=lambda item: item[1])),
        figures=figures_table(shown, lang),
        shown=t("src_shown", lang, n=fmt.number(len(shown), lang=lang), total=fmt.number(len(figures), lang=lang)),
        source_line_count=int(q("source_line_count")["lines"].iloc[0]),
    )
