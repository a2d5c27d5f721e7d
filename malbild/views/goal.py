"""Pure helpers for the goal page: goal choices, progress labels, texts by kind."""

from __future__ import annotations

import pandas as pd


def split_paragraphs(text: str) -> list[str]:
    """Split a stored text into its paragraphs (separated by blank lines)."""
    return [p.strip() for p in str(text).split("\n\n") if p.strip()]


def texts_by_kind(frame: pd.DataFrame) -> dict[str, pd.Series]:
    """Return the latest year's text of each kind (columns year, kind, text_sv, source_lines)."""
    if frame.empty:
        return {}
    latest = frame[frame["year"] == frame["year"].max()]
    return {row["kind"]: row for _, row in latest.iterrows()}
