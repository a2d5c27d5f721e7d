"""Pure helpers for the Sources page: figures counted by basis, and filtered figure lists."""

from __future__ import annotations

import pandas as pd

from malbild.texts import register, t

BASES = ("stated", "derived", "reconstructed", "not_stated", "entered")

DATASETS: dict[str, tuple[str, str]] = {
    "goal_assessment": ("Målbedömningar", "Goal assessments"),
    "recommendation_progress": ("Arbete mot rekommendationer", "Progress against recommendations"),
    "project_grant": ("Beviljade projekt", "Granted projects"),
    "goal_portfolio": ("Projektportföljer per mål", "Project portfolios per goal"),
    "hr_metric": ("Personalnyckeltal", "Personnel figures"),
    "hr_age_band": ("Åldersstruktur", "Age structure"),
    "financial_goal": ("Finansiella mål", "Financial goals"),
    "finance_line": ("Resultat- och balansräkning m.m.", "Financial statements"),
}
register({f"ds_{k}": v for k, v in DATASETS.items()})
register({"source_dataset": ("Område", "Area")})


def dataset_label(dataset: str, lang: str = "sv") -> str:
    """Translate a dataset name; unknown datasets keep their key."""
    return t(f"ds_{dataset}", lang) if dataset in DATASETS else dataset


def basis_totals(counts: pd.DataFrame) -> dict[str, int]:
    """Total figures per basis (columns dataset, basis, figures), with every basis present."""
    totals = counts.groupby("basis")["figures"].sum()
    return {b: int(totals.get(b, 0)) for b in BASES}


def basis_table(counts: pd.DataFrame, lang: str = "sv") -> pd.DataFrame:
    """Pivot figures per dataset × basis, translated, with a total column."""
    if counts.empty:
        return pd.DataFrame()
    table = counts.pivot_table(index="dataset", columns="basis", values="figures", aggfunc="sum", fill_value=0)
    table = table.reindex(columns=[b for b in BASES if b in table.columns])
    table["total"] = table.sum(axis=1)
    table.index = [dataset_label(d, lang) for d in table.index]
    table.columns = [t(f"basis_{c}", lang) if c != "total" else t("total", lang) for c in table.columns]
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
        mask = rows["figure_key"].str.lower().str.contains(needle, regex=False) | rows["passage"].fillna("").str.lower().str.contains(
            needle, regex=False
        )
        rows = rows[mask]
    return rows
