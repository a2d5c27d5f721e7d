"""The sources: how many figures are stated, derived, reconstructed or not stated, and every figure with its source."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from malbild import fmt
from malbild.data.build import TABLES_WITH_BASIS
from malbild.data.source_lines import source_parts
from malbild.texts import families, t
from malbild.texts.labels import (
    financial_goal_label,
    goal_value_text,
    level_label,
    met_text,
    metric_label,
    progress_label,
)
from malbild.views.base import Metric, Query
from malbild.views.coverage import coverage_texts
from malbild.views.verdicts import outcome_text

BASES = ("stated", "derived", "reconstructed", "not_stated", "entered")

# The datasets of the figure view (texts ds_<dataset>): the tables whose rows carry a basis, as the build has them.
DATASETS: tuple[str, ...] = TABLES_WITH_BASIS


@dataclass(frozen=True)
class PassageNote:
    """A source note's quoted passage: (line number, text) for each line shown, and how many were left out."""

    lines: tuple[tuple[int, str], ...]
    more: int


def passage_note(q: Query, spec: str, max_lines: int, document: str | None = None) -> PassageNote:
    """Quote a document's lines in spec ('a-b;c-d'), at most max_lines of them, each with its line number.

    `document` is a key of the source_document view ('ar2019'); None quotes the bundled report.
    """
    passage = q("source_passage", document=document, source_lines=spec)
    shown = passage.head(max_lines)
    lines = tuple((int(n), str(text).strip()) for n, text in zip(shown["line_no"], shown["text"]))
    return PassageNote(lines, len(passage) - len(shown))


def dataset_label(dataset: str, lang: str) -> str:
    """Translate a dataset name; unknown datasets keep their key."""
    return t(families.DATASET[dataset], lang) if dataset in families.DATASET else dataset


def basis_totals(counts: pd.DataFrame) -> dict[str, int]:
    """Total figures per basis (columns dataset, basis, figures), with every basis present."""
    totals = counts.groupby("basis")["figures"].sum()
    return {b: int(totals.get(b, 0)) for b in BASES}


def basis_table(counts: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Pivot figures per dataset × basis, translated, with a total column; short headers with the basis marks, so
    every column (the gaps too) fits a presenter's 1280 px screen."""
    if counts.empty:
        return pd.DataFrame()
    table = counts.pivot_table(index="dataset", columns="basis", values="figures", aggfunc="sum", fill_value=0)
    table = table.reindex(columns=[b for b in BASES if b in table.columns])
    table["total"] = table.sum(axis=1)
    table.index = [dataset_label(d, lang) for d in table.index]
    heads = {"total": "total", "not_stated": "gap_marked"}  # '– Ej angivet', as a gap reads everywhere
    table.columns = [t(heads.get(c) or families.BASIS_COL[c], lang) for c in table.columns]
    return table.reset_index(names=t("source_dataset", lang))


def filter_figures(figures: pd.DataFrame, dataset: str | None, basis: str | None, text: str | None) -> pd.DataFrame:
    """Keep figures of one dataset and basis whose key, name (when named) or passage contains the text."""
    rows = figures
    if dataset:
        rows = rows[rows["dataset"] == dataset]
    if basis:
        rows = rows[rows["basis"] == basis]
    if text:
        needle = text.lower()
        searched = [rows["figure_key"], rows["passage"].fillna("")] + ([rows["name"]] if "name" in rows else [])
        mask = pd.concat([c.str.lower().str.contains(needle, regex=False) for c in searched], axis=1).any(axis=1)
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
    documents: pd.DataFrame  # every source document with its lines and the figures citing it, as text
    document_titles: dict[str, str]  # document key -> title, oldest report first


def basis_line(counts: pd.DataFrame, reports: str, lang: str) -> str:
    """The data basis line: 'Källa: Årsredovisning 2018, Region Västerbotten; 316 uppgifter angivna, …' (`reports`
    names the reports there: views.coverage.reports_text)."""
    totals = basis_totals(counts)
    parts = [t(families.DECK_BASIS[b], lang, n=fmt.number(totals[b], lang=lang)) for b in BASES if totals[b]]
    return t("deck_basis", lang, reports=reports, parts=", ".join(parts))


def lines_text(source_lines: object, lang: str) -> str:
    """Source lines as a reader says them: '7818;7835' → 'rad 7818 och 7835', '530-532;3800;3894' →
    'rad 530–532, 3800 och 3894' ('line 7818', 'lines 7818 and 7835' in English)."""
    parts = [p.replace("-", "–") for p in source_parts(str(source_lines or ""))]
    if not parts:
        return ""
    many = len(parts) > 1 or "–" in parts[0]
    listed = parts[0] if len(parts) == 1 else t("src_and", lang, first=", ".join(parts[:-1]), last=parts[-1])
    return t("src_lines_many" if many else "src_line_one", lang, lines=listed)


_SUFFIX_UNITS = (("_pct", "pct"), ("_msek_text", "msek"), ("_msek", "msek"), ("_sek", "sek"))


def _unit_of(metric: str, units: dict[str, str]) -> str:
    """A metric's unit: as its data file gives it, else by its name's ending ('_pct' → pct), else a count."""
    if metric in units:
        return str(units[metric]).lower()
    return next((unit for suffix, unit in _SUFFIX_UNITS if metric.endswith(suffix)), "count")


def unit_value(value: object, unit: str, lang: str) -> str:
    """A figure's value with its unit: '50 283 tkr', '2,9 %', '110 personer', '45 år'; a gap as '–'."""
    text = fmt.value_with_unit(value, unit, lang)
    if unit in ("persons", "years") and not fmt.is_missing(value):
        return t(families.SOURCE_UNIT[unit], lang, n=text)
    return text


def _split_group(key: str) -> tuple[str, str]:
    """'sick_leave_pct (men)' → ('sick_leave_pct', 'men')."""
    head, _, grp = key.rpartition(" (")
    return (head, grp.rstrip(")")) if head else (key, "all")


def _goal_and_rest(key: str, lang: str) -> tuple[str, str]:
    """'goal 1: in_line' → ('Mål 1', 'in_line'); 'all goals: granted_projects' → ('Alla mål', 'granted_projects')."""
    head, _, rest = key.partition(": ")
    who = t("prj_all_goals", lang) if head == "all goals" else t("goal_n", lang, n=head.removeprefix("goal "))
    return who, rest


def figure_name_and_value(
    dataset: str, key: str, value: object, lang: str, units: dict[str, str] | None = None
) -> tuple[str, str]:
    """A figure as a reader names it, and its value with its unit (the data's key never shows)."""
    units = units or {}
    if dataset == "goal_assessment":
        return t("src_fig_level", lang, goal=t("goal_n", lang, n=key.removeprefix("goal "))), level_label(value, lang)
    if dataset == "recommendation_progress":
        who, progress = _goal_and_rest(key, lang)
        return t("src_fig_progress", lang, goal=who), progress_label(None if progress == "–" else progress, lang)
    if dataset == "project_grant":
        return key, fmt.sek(value, lang)
    if dataset == "goal_portfolio":
        who, metric = _goal_and_rest(key, lang)
        name = (
            t(families.PORTFOLIO_FIGURE[metric], lang)
            if metric in families.PORTFOLIO_FIGURE
            else metric.replace("_", " ")
        )
        return f"{who}: {name}", unit_value(value, _unit_of(metric, units), lang)
    if dataset in ("hr_metric", "hr_age_band"):
        metric, grp = _split_group(key)
        group = t(grp, lang).lower() if grp in ("all", "women", "men") else grp
        if dataset == "hr_age_band":
            return t("src_fig_age_band", lang, band=metric.replace("-", "–"), group=group), unit_value(
                value, "persons", lang
            )
        return f"{metric_label(metric, lang)}, {group}", unit_value(value, _unit_of(metric, units), lang)
    if dataset == "financial_goal":
        return financial_goal_label(key, lang), goal_value_text(key, value, lang)
    if dataset == "verdict":  # 'auditors: operational_result: partly' → 'Revisorerna: Verksamhetens resultat …'
        giver, _, rest = key.partition(": ")
        verdict, _, outcome = rest.partition(": ")
        return f"{t(families.VERDICT_GIVER[giver], lang)}: {t(families.VERDICT_KEY[verdict], lang)}", outcome_text(
            outcome, lang
        )
    if dataset == "finance_share":  # 'costs: Personalkostnader' → 'Kostnadernas fördelning: Personalkostnader', '51 %'
        chart, _, line = key.partition(": ")
        return f"{t(families.SOURCE_SHARE[chart], lang)}: {line}", unit_value(value, "pct", lang)
    if dataset == "goal_indicator":  # 'goal 5: more_than: Företag som …' → 'Mål 5: Företag som …', 'över 100'
        who, rest = _goal_and_rest(key, lang)
        qualifier, _, indicator = rest.partition(": ")
        shown = fmt.number(value, lang=lang)
        qualified = (
            shown
            if fmt.is_missing(value) or qualifier == "exact"
            else t(families.INDICATOR_QUALIFIER[qualifier], lang, n=shown)
        )
        return f"{who}: {indicator}", qualified
    if dataset == "portfolio_detail":  # 'goal 5: closed_projects' → 'Mål 5: Avslutade projekt', '11'
        who, detail = _goal_and_rest(key, lang)
        return f"{who}: {t(families.PORTFOLIO_DETAIL[detail], lang)}", unit_value(value, _unit_of(detail, {}), lang)
    if dataset == "finance_detail":  # 'pension: tkr: Pensionsstiftelsen' → 'Pensioner: Pensionsstiftelsen'
        topic, _, rest = key.partition(": ")
        unit, _, line = rest.partition(": ")
        name = f"{t(families.FINANCE_DETAIL_TOPIC[topic], lang)}: {line}"
        if unit == "msek" and not fmt.is_missing(value):  # '157 mnkr' as printed, not '157,0 mnkr'
            amount = float(value)  # type: ignore[arg-type]
            return name, fmt.msek(amount * 1e6, lang, 0 if amount.is_integer() else 1)
        return name, unit_value(value, unit, lang)
    if dataset == "finance_line":
        statement, _, line = key.partition(": ")
        return f"{t(families.SOURCE_STATEMENT[statement], lang)}: {line}", fmt.tkr(value, lang)
    return key, fmt.number(value, 0 if fmt.is_missing(value) or float(value).is_integer() else 2, lang=lang)  # type: ignore[arg-type]


def named_figures(
    figures: pd.DataFrame, lang: str, units: dict[str, str] | None = None, met: dict | None = None
) -> pd.DataFrame:
    """The figures with two more columns: each one's name as a reader says it, and its value with its unit (a
    financial goal without a number, e.g. 'Budget i balans', shows whether it was met: `met` by (key, year))."""
    met = met or {}
    pairs = []
    for d, k, y, v in zip(figures["dataset"], figures["figure_key"], figures["year"], figures["value"], strict=True):
        name, shown = figure_name_and_value(d, k, v, lang, units)
        if d == "financial_goal" and fmt.is_missing(v):
            shown = met_text(met.get((k, int(y))), lang)
        pairs.append((name, shown))
    return figures.assign(name=[p[0] for p in pairs], shown_value=[p[1] for p in pairs])


def figures_table(figures: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Figures as text: area, figure (named for a reader), year, value with its unit, basis, source lines as words
    ('rad 7818 och 7835') and the quoted passage."""
    if "name" not in figures:
        figures = named_figures(figures, lang)
    table = figures.assign(
        dataset=figures["dataset"].map(lambda d: dataset_label(d, lang)),
        basis=figures["basis"].map(lambda x: t(families.BASIS[x], lang)),
        source_lines=figures["source_lines"].map(lambda x: lines_text(x, lang)),
    )[["dataset", "name", "year", "shown_value", "basis", "source_lines", "passage"]]
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


def documents_table(documents: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The documents as text: key, title, the year reported, lines and figures ('1 234')."""
    table = pd.DataFrame(
        {
            t("src_col_document", lang): documents["document"].astype(str),
            t("ar_title", lang): documents["title"].astype(str),
            t("src_col_report_year", lang): documents["report_year"].astype(int).astype(str),
            t("vd_col_lines", lang): [fmt.number(n, lang=lang) for n in documents["lines"]],
            t("src_col_figures", lang): [fmt.number(n, lang=lang) for n in documents["figures"]],
        }
    )
    return table


def sources_basis_line(q: Query, lang: str) -> str:
    """Only the data basis line (for the deck, the snapshot and the walk-through)."""
    return basis_line(q("figure_counts_by_basis"), coverage_texts(q, lang).reports, lang)


def sources_view(q: Query, lang: str, filters: FigureFilters | None = None) -> SourcesView:
    """Build the sources view: counts per basis and dataset, and the figures the filters keep."""
    filters = filters or FigureFilters()
    counts = q("figure_counts_by_basis")
    totals = basis_totals(counts)
    hr, portfolio = q("hr_metrics"), q("goal_portfolio_figures")
    units = dict(zip(portfolio["metric"], portfolio["unit"], strict=True)) if "unit" in portfolio else {}
    units.update(zip(hr["metric"], hr["unit"], strict=True))
    goals = q("financial_goals")
    met = {(k, int(y)): m for k, y, m in zip(goals["goal_key"], goals["year"], goals["met"], strict=True)}
    figures = named_figures(q("figures_with_passage"), lang, units, met)
    shown = filter_figures(figures, filters.dataset, filters.basis, filters.text)
    labels = {d: dataset_label(d, lang) for d in figures["dataset"].unique()}
    documents = q("source_documents_figures")
    return SourcesView(
        basis_line=basis_line(counts, coverage_texts(q, lang).reports, lang),
        bases=[
            Metric(t(families.BASIS[b], lang), fmt.number(totals[b], lang=lang), help=t(families.BASIS_HELP[b], lang))
            for b in BASES
        ],
        basis_table=basis_table(counts, lang),
        datasets=dict(sorted(labels.items(), key=lambda item: item[1])),
        figures=figures_table(shown, lang),
        shown=t("src_shown", lang, n=fmt.number(len(shown), lang=lang), total=fmt.number(len(figures), lang=lang)),
        source_line_count=int(q("source_line_count")["lines"].iloc[0]),
        documents=documents_table(documents, lang),
        document_titles=dict(zip(documents["document"].astype(str), documents["title"].astype(str), strict=True)),
    )
