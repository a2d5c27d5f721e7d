"""Number formatting through Babel's locales (1 234 567 kr, 2,9 %; SEK 1,234,567, 2.9%).

Each language's catalogue names its Babel locale and its unit patterns ('{n} kr' / 'SEK {n}', malbild.texts);
a space in a pattern is written as a no-break space, so an amount stays on one line."""

from __future__ import annotations

import decimal
import math

import pandas as pd
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol, get_minus_sign_symbol

from malbild.texts import N_, language, t

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


def _locale(lang: str) -> str:
    """Return the Babel locale of a language (the default language's when unknown)."""
    return language(lang).locale


def _pattern(decimals: int) -> str:
    """Return a grouped number pattern with exactly `decimals` decimals."""
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def _with_minus(text: str, lang: str) -> str:
    """Use the locale's own minus sign (Swedish '−', U+2212) where Babel writes a hyphen; no sign on a zero."""
    if "-" not in text:
        return text
    if not any(ch in "123456789" for ch in text):
        return text.replace("-", "", 1)
    return text.replace("-", get_minus_sign_symbol(_locale(lang)), 1)


def number(value: object, decimals: int = 0, *, lang: str) -> str:
    """Format a number with thousands separators: '1 234 567,5' in Swedish, '1,234,567.5' in English."""
    if is_missing(value):
        return GAP
    with decimal.localcontext(rounding=decimal.ROUND_HALF_UP):
        text = format_decimal(float(value), format=_pattern(decimals), locale=_locale(lang))
    return _with_minus(text, lang)


def in_unit(shown: str, unit: str, lang: str) -> str:
    """Put a formatted number into the language's pattern for the unit, the sign before the whole:
    '−3 100' → '−3 100 kr'; '-3,100' → '-SEK 3,100'; '+3' → '+SEK 3k'."""
    sign = shown[:1] if shown[:1] in "+-\u2212" else ""
    return sign + language(lang).unit(unit).replace(" ", NBSP).format(n=shown[len(sign) :])


def sek(value: object, lang: str) -> str:
    """Format an amount in whole kronor, halves away from zero: '1 234 567 kr' / 'SEK 1,234,567' ('−SEK 3,100')."""
    if is_missing(value):
        return GAP
    return in_unit(number(value, 0, lang=lang), "sek", lang)


def sek_grid_format(lang: str) -> str:
    """The interactive table's format for whole kronor, the same text as sek() for amounts of zero and more:
    '1 234 567 kr' / 'SEK 1,234,567'. A printf format for Streamlit's NumberColumn (sprintf-js in the browser: a
    pad character given as '<char> is also the thousands separator), so the column stays numeric (sorts as numbers)
    and no per-cell text is built on the server for every session (pandas' Styler cost a third of the Projects
    page's server time)."""
    group = get_group_symbol(_locale(lang))
    spec = "%,d" if group == "," else f"%'{group},d"
    return language(lang).unit("sek").replace(" ", NBSP).replace("{n}", spec)


def sek_range(lo: object, hi: object, lang: str) -> tuple[str, str]:
    """A range of kronor with the unit once, where the language writes it: ('250 000', '499 999 kr') /
    ('SEK 250,000', '499,999')."""
    if language(lang).unit("sek").startswith("{n}"):
        return number(lo, 0, lang=lang), sek(hi, lang)
    return sek(lo, lang), number(hi, 0, lang=lang)


def excel_sek_format(lang: str) -> str:
    """Excel's number format for whole kronor from the language's pattern: '#,##0 "kr"' / '"SEK "#,##0' (Excel
    shows its own separators)."""
    before, _, after = language(lang).unit("sek").partition("{n}")
    head = f'"{before}"' if before else ""
    tail = (" " if after.startswith(" ") else "") + f'"{after.strip()}"' if after.strip() else ""
    return f"{head}#,##0{tail}"


def msek(value: object, lang: str, decimals: int = 1) -> str:
    """Format an amount in millions of kronor: '13,3 mnkr' / 'SEK 13.3m'."""
    if is_missing(value):
        return GAP
    return in_unit(number(float(value) / 1e6, decimals, lang=lang), "msek", lang)


def tkr(value: object, lang: str) -> str:
    """Format an amount in thousands of kronor: '1 234 tkr' / 'SEK 1,234k' ('−SEK 128k')."""
    if is_missing(value):
        return GAP
    return in_unit(number(value, 0, lang=lang), "tkr", lang)


def pct(value: object, decimals: int = 1, *, lang: str) -> str:
    """Format a percentage given in percent units: '2,9 %' / '2.9%'; whole numbers lose their decimals."""
    if is_missing(value):
        return GAP
    if float(value).is_integer():
        decimals = 0
    return in_unit(number(value, decimals, lang=lang), "pct", lang)


def value_with_unit(value: object, unit: str, lang: str) -> str:
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
        return number(value, 2, lang=lang)
    decimals = 0 if is_missing(value) or float(value).is_integer() else 1
    return number(value, decimals, lang=lang)


def plotly_separators(lang: str) -> str:
    """Return Plotly's layout.separators: decimal mark then thousands separator."""
    group = get_group_symbol(_locale(lang))
    return get_decimal_symbol(_locale(lang)) + (" " if group.isspace() else group)


def money_ticks(top: float, lang: str, count: int = 4) -> tuple[list[float], list[str], str]:
    """Ticks for a money axis from 0 to top, in kronor: values, texts in kr / tkr / mnkr, and the unit's name.

    Plotly cannot write '10 mnkr' itself, so the ticks are given: about `count` round steps (1, 2, 2,5 or 5 × 10ⁿ).
    """
    top = max(float(top), 1.0)
    divisor, unit = (
        (1e6, N_("fin_unit_mnkr"))
        if top >= 1e6
        else ((1e3, N_("fin_unit_tkr")) if top >= 1e3 else (1.0, N_("fin_unit_kr")))
    )
    raw = top / count
    magnitude = 10 ** int(f"{raw:e}".split("e")[1])
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    values = [i * step for i in range(int(top // step) + 2)]
    texts = [number(v / divisor, 0 if float(v / divisor).is_integer() else 1, lang=lang) for v in values]
    return values, texts, t(unit, lang)
