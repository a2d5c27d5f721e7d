"""Pure helpers for the goal page: goal choices, progress labels, texts by kind."""

from __future__ import annotations

import pandas as pd

from malbild import fmt
from malbild.texts import name_col, t


def goal_options(goals: pd.DataFrame, lang: str = "sv") -> dict[int, str]:
    """Map goal_id to its label, e.g. {5: 'Mål 5: Platsbaserad näringslivsutveckling'}."""
    return {int(g): f"{t('goal_n', lang, n=int(g))}: {n}" for g, n in zip(goals["goal_id"], goals[name_col(lang)])}


def progress_label(progress: object, lang: str = "sv") -> str:
    """Return progress against recommendations as a symbol and text; gaps as 'not stated'."""
    if fmt.is_missing(progress):
        return f"– {t('progress_gap', lang)}"
    symbol = {"in_line": "●●●", "partly": "●●○", "little": "●○○"}[str(progress)]
    return f"{symbol} {t('progress_' + str(progress), lang)}"


def split_paragraphs(text: str) -> list[str]:
    """Split a stored text into its paragraphs (separated by blank lines)."""
    return [p.strip() for p in str(text).split("\n\n") if p.strip()]


def texts_by_kind(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Return the latest year's text of each kind (columns year, kind, text_sv, source_lines)."""
    if frame.empty:
        return {}
    latest = frame[frame["year"] == frame["year"].max()]
    return {row["kind"]: row for _, row in latest.iterrows()}
