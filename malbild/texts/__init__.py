"""Texts: one gettext catalogue per language, and the list of languages (the one place that knows them).

The catalogues are malbild/texts/locale/<code>/LC_MESSAGES/malbild.po (compiled to .mo beside it by `make texts`);
their msgids are keys that say what a text is for ("page_goals"), t() looks a key up. A language is a catalogue:
the languages are the catalogues found here and in the directories named by $MALBILD_LOCALE_DIRS (os.pathsep
between them), each describing itself in its meta_* entries (its name, Babel locale, unit patterns and which of the
report's text columns it reads). Adding a language is adding a catalogue (docs/texts.md), no code.

Keys held in tables are marked N_("key") so that `pybabel extract` finds them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import read_mo

DOMAIN = "malbild"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LOCALE_DIRS_ENV = "MALBILD_LOCALE_DIRS"
DEFAULT_LANG = "sv"  # shown when a URL or a setting names no language the app has
REPORT_LANG = "sv"  # the language the annual report is written in (its quotes are marked as such)


def N_(key: str) -> str:  # noqa: N802 (gettext's conventional name for "a key, looked up later")
    """Mark a key held in a table, so that extraction finds it; return it unchanged."""
    return key


@dataclass(frozen=True)
class Language:
    """One catalogue: its code (the directory's name), how it describes itself, and its texts."""

    code: str
    texts: dict[str, str]

    def meta(self, key: str) -> str:
        """A meta_* entry of the catalogue (the Swedish catalogue's when this one lacks it)."""
        return self.texts.get(key) or languages()[DEFAULT_LANG].texts[key]

    @property
    def name(self) -> str:
        """The language's name in itself ('Svenska', 'English'): the language picker's label."""
        return self.meta(N_("meta_name"))

    @property
    def locale(self) -> str:
        """Babel's locale for numbers ('sv_SE', 'en_GB')."""
        return self.meta(N_("meta_locale"))

    @property
    def data_columns(self) -> str:
        """Which of the report's text columns the language reads: 'sv' (name_sv, line) or 'en' (name_en, line_en).
        The database holds Swedish and English only, so a new language names the one its readers prefer."""
        return self.meta(N_("meta_data_columns"))

    def unit(self, unit: str) -> str:
        """A unit's pattern around the number {n}: sek, tkr, msek or pct ('{n} kr', 'SEK {n}m', '{n}%')."""
        return self.meta(
            {"sek": N_("meta_sek"), "tkr": N_("meta_tkr"), "msek": N_("meta_msek"), "pct": N_("meta_pct")}[unit]
        )


def _load(extra_dirs: str) -> dict[str, Language]:
    """Every catalogue in the package's locale directory and the extra directories, the default language first."""
    found: dict[str, Language] = {}
    for directory in [LOCALE_DIR, *(Path(d) for d in extra_dirs.split(os.pathsep) if d)]:
        for path in sorted(directory.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")):
            with path.open("rb") as f:
                catalogue = read_mo(f)
            texts = {str(m.id): str(m.string) for m in catalogue if m.id and m.string}
            found[path.parents[1].name] = Language(path.parents[1].name, texts)
    if DEFAULT_LANG not in found:
        raise RuntimeError(f"no catalogue for the default language {DEFAULT_LANG!r} in {LOCALE_DIR}")
    return {DEFAULT_LANG: found.pop(DEFAULT_LANG), **found}


_LOADED: dict[str, dict[str, Language]] = {}  # read once per process (t() is called thousands of times a page)


def reload_languages() -> dict[str, Language]:
    """Read the catalogues again, from the package and the directories $MALBILD_LOCALE_DIRS names now (for tests
    that add or take away a catalogue)."""
    _LOADED["all"] = _load(os.environ.get(LOCALE_DIRS_ENV, ""))
    return _LOADED["all"]


def languages() -> dict[str, Language]:
    """The languages the app has, by code, the default first ('sv', then the others by code)."""
    found = _LOADED.get("all")
    return found if found is not None else reload_languages()


def language(lang: str) -> Language:
    """The language of a code, the default language for an unknown one."""
    found = languages()
    return found.get(lang) or found[DEFAULT_LANG]


def normalize_lang(value: object) -> str:
    """Return a language code the app has, defaulting to Swedish."""
    return value if isinstance(value, str) and value in languages() else DEFAULT_LANG


def has_text(key: str) -> bool:
    """Tell whether a key has a text (for labels that fall back to a code when the catalogue has none)."""
    return key in languages()[DEFAULT_LANG].texts


def t(key: str, lang: str, **fields: object) -> str:
    """Translate a key into the language, filling {fields}; a text the language lacks is shown in Swedish."""
    found = languages()
    texts = found[lang].texts if lang in found else found[DEFAULT_LANG].texts
    text = texts.get(key)
    if text is None:
        text = found[DEFAULT_LANG].texts[key]  # KeyError: a key no catalogue has
    return text.format(**fields) if fields else text


def name_col(lang: str) -> str:
    """Return the goal-name column for the language (name_sv or name_en)."""
    return f"name_{language(lang).data_columns}"


def line_col(lang: str) -> str:
    """Return the column of a statement line's label for the language: 'line' (as printed, Swedish) or 'line_en'."""
    columns = language(lang).data_columns
    return "line" if columns == REPORT_LANG else f"line_{columns}"


def reads_report_language(lang: str) -> bool:
    """Tell whether the language is the report's own (then quotes need no note that they are Swedish)."""
    return normalize_lang(lang) == REPORT_LANG


def reads_report_columns(lang: str) -> bool:
    """Tell whether the language reads the report's own text columns (goal names, line names as printed)."""
    return language(lang).data_columns == REPORT_LANG
