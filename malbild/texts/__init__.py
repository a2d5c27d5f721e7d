"""Translations: Swedish first, English as an option. Every label the app shows comes through t().

The texts live in texts/sv.py and texts/en.py, one key per text; label functions are in texts/labels.py.
"""

from __future__ import annotations

from malbild.texts.en import EN
from malbild.texts.sv import SV

LANGS = ("sv", "en")
DEFAULT_LANG = "sv"


def _table() -> dict[str, tuple[str, str]]:
    """Pair the Swedish and the English texts by key (both files hold the same keys)."""
    if set(SV) != set(EN):
        raise ValueError(f"texts in one language only: {sorted(set(SV) ^ set(EN))}")
    return {key: (SV[key], EN[key]) for key in SV}


# key: (Swedish, English), from texts/sv.py and texts/en.py.
STRINGS: dict[str, tuple[str, str]] = _table()


def register(strings: dict[str, tuple[str, str]]) -> None:
    """Add texts under new keys; a key that exists already is refused, even with the same texts."""
    clash = sorted(set(strings) & set(STRINGS))
    if clash:
        raise ValueError(f"translation keys defined twice: {clash}")
    STRINGS.update(strings)


def normalize_lang(value: object) -> str:
    """Return a supported language code, defaulting to Swedish."""
    return value if value in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **fields: object) -> str:
    """Translate a key into the language, filling {fields}."""
    sv, en = STRINGS[key]
    text = en if lang == "en" else sv
    return text.format(**fields) if fields else text


def name_col(lang: str) -> str:
    """Return the goal-name column for the language."""
    return "name_en" if lang == "en" else "name_sv"
