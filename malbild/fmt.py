"""Number formatting: Swedish by default (1 234 567 kr, 2,9 %), English as an option."""

from __future__ import annotations

import math

import pandas as pd

NBSP = "\u00a0"  # keeps "1 234 kr" on one line
GAP = "–"


def is_missing(value: object) -> bool:
    """Tell whether a value is absent (None, NaN, NA or NaT)."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def number(value: object, decimals: int = 0, lang: str = "sv") -> str:
    """Format a number with thousands separators: '1 234 567,5' in Swedish, '1,234,567.5' in English."""
    if is_missing(value):
        return GAP
    text = f"{float(value):,.{decimals}f}"
    if lang == "sv":
        text = text.replace(",", NBSP).replace(".", ",")
        if text.startswith("-"):
            text = "−" + text[1:]
    return text


def sek(value: object, lang: str = "sv") -> str:
    """Format an amount in whole kronor: '1 234 567 kr' / 'SEK 1,234,567'."""
    if is_missing(value):
        return GAP
    return f"{number(value, 0, lang)}{NBSP}kr" if lang == "sv" else f"SEK{NBSP}{number(value, 0, lang)}"


def msek(value: object, lang: str = "sv", decimals: int = 1) -> str:
    """Format an amount in millions of kronor: '13,3 mnkr' / 'SEK 13.3 m'."""
    if is_missing(value):
        return GAP
    shown = number(float(value) / 1e6, decimals, lang)
    return f"{shown}{NBSP}mnkr" if lang == "sv" else f"SEK{NBSP}{shown}{NBSP}m"


def tkr(value: object, lang: str = "sv") -> str:
    """Format an amount in thousands of kronor: '1 234 tkr' / 'SEK 1,234 k'."""
    if is_missing(value):
        return GAP
    return f"{number(value, 0, lang)}{NBSP}tkr" if lang == "sv" else f"SEK{NBSP}{number(value, 0, lang)}{NBSP}k"


def pct(value: object, decimals: int = 1, lang: str = "sv") -> str:
    """Format a percentage: '2,9 %' / '2.9%'; whole numbers lose their decimals."""
    if is_missing(value):
        return GAP
    if float(value).is_integer():
        decimals = 0
    shown = number(value, decimals, lang)
    return f"{shown}{NBSP}%" if lang == "sv" else f"{shown}%"


def value_with_unit(value: object, unit: str, lang: str = "sv") -> str:
    """Format a value by its unit (persons, count, years, pct, ratio, sek, tkr, msek)."""
    if unit == "pct":
        return pct(value, lang=lang)
    if unit == "sek":
        return sek(value, lang)
    if unit == "tkr":
        return tkr(value, lang)
    if unit == "msek":
        return msek(float(value) * 1e6, lang) if not is_missing(value) else GAP
    if unit == "ratio":
        return number(value, 2, lang)
    decimals = 0 if is_missing(value) or float(value).is_integer() else 1
    return number(value, decimals, lang)


def plotly_separators(lang: str = "sv") -> str:
    """Return Plotly's layout.separators: decimal mark then thousands separator."""
    return ", " if lang == "sv" else ".,"
