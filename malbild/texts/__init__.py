"""Translations: Swedish first, English as an option. Every label the app shows comes through t()."""

from __future__ import annotations

LANGS = ("sv", "en")
DEFAULT_LANG = "sv"

# key: (Swedish, English). Modules with texts of their own add them with register().
STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("Målbild – Region Västerbottens måluppfyllelse", "Målbild – Region Västerbotten goal fulfilment"),
    "app_short": ("Målbild", "Målbild"),
    "app_tagline": (
        "Hur väl uppfylls Regionplanens mål 2015–2020? Underlag: Årsredovisning 2018.",
        "How well are the Regional Plan's goals 2015–2020 fulfilled? Source: Annual report 2018.",
    ),
    "language": ("Språk", "Language"),
    "present_mode": ("Presentationsläge", "Presentation mode"),
    "present_exit": ("Avsluta presentationsläget", "Leave presentation mode"),
    # page titles
    "page_overview": ("Översikt", "Overview"),
    "page_goals": ("Mål", "Goals"),
    "page_projects": ("Projekt", "Projects"),
    "page_personnel": ("Personal", "Personnel"),
    "page_finance": ("Ekonomi", "Finance"),
    "page_sources": ("Källor", "Sources"),
    "page_walkthrough": ("Genomgång", "Walk-through"),
    # levels
    "level_3": ("Målet är på god väg att uppnås", "The goal is well on the way to being achieved"),
    "level_2": ("Målet har delvis uppnåtts", "The goal has been partly achieved"),
    "level_1": ("Målet har i liten grad uppnåtts", "The goal has been achieved to a small extent"),
    "level_3_short": ("På god väg", "On track"),
    "level_2_short": ("Delvis uppnått", "Partly achieved"),
    "level_1_short": ("I liten grad", "Small extent"),
    "level_gap": ("Ej angivet i rapporten", "Not stated in the report"),
    "level_gap_short": ("Ej angivet", "Not stated"),
    "level": ("Nivå", "Level"),
    "level_scale": ("Nivå (1–3)", "Level (1–3)"),
    # progress against recommendations
    "progress_in_line": ("I enlighet med rekommendationerna", "In line with the recommendations"),
    "progress_partly": ("Delvis i enlighet med rekommendationerna", "Partly in line with the recommendations"),
    "progress_little": ("I liten grad i enlighet med rekommendationerna", "Little in line with the recommendations"),
    "progress_gap": ("Ej angivet i rapporten", "Not stated in the report"),
    # bases
    "basis_stated": ("Angivet i rapporten", "Stated in the report"),
    "basis_derived": ("Härlett ur rapportens text", "Derived from the report's text"),
    "basis_reconstructed": ("Rekonstruerat ur diagrametiketter", "Reconstructed from chart labels"),
    "basis_not_stated": ("Ej angivet i rapporten", "Not stated in the report"),
    "basis_entered": ("Inmatat av personal", "Entered by staff"),
    # common words
    "goal": ("Mål", "Goal"),
    "goal_n": ("Mål {n}", "Goal {n}"),
    "year": ("År", "Year"),
    "owner": ("Projektägare", "Project owner"),
    "project": ("Projekt", "Project"),
    "amount": ("Belopp", "Amount"),
    "amount_sek": ("Belopp (kr)", "Amount (SEK)"),
    "projects": ("Projekt", "Projects"),
    "n_projects": ("Antal projekt", "Number of projects"),
    "granted_sek": ("Beviljat (kr)", "Granted (SEK)"),
    "total": ("Totalt", "Total"),
    "women": ("Kvinnor", "Women"),
    "men": ("Män", "Men"),
    "all": ("Alla", "All"),
    "persons": ("Personer", "Persons"),
    "source": ("Källa", "Source"),
    "source_lines": ("Källrader", "Source lines"),
    "show_source": ("Visa källa", "Show source"),
    "source_caption": (
        "Årsredovisning 2018, rad {lines}",
        "Annual report 2018, lines {lines}",
    ),
    "basis": ("Underlag", "Basis"),
    "source_more": (
        "… och {n} rader till. Hela texten finns på sidan Källor.",
        "… and {n} more lines. The whole text is on the Sources page.",
    ),
    "note": ("Anmärkning", "Note"),
    "no_rows": ("Inga rader matchar urvalet. Ändra eller rensa filtren.", "No rows match the selection. Change or clear the filters."),
    "no_data": ("Rapporten anger inga uppgifter här.", "The report gives no figures here."),
    "chart_data_table": ("Diagrammets data som tabell", "The chart's data as a table"),
    "swedish_text_note": (
        "Texterna är citerade på svenska ur årsredovisningen.",
        "The texts are quoted in Swedish from the annual report.",
    ),
    "previous_year": ("Föregående år", "Previous year"),
    "change": ("Förändring", "Change"),
    "db_kept": (
        "Databasen innehåller uppgifter som personal matat in och byggdes därför inte om.",
        "The database holds figures entered by staff, so it was not rebuilt.",
    ),
}


def register(strings: dict[str, tuple[str, str]]) -> None:
    """Add a module's own texts; a key may be defined once only."""
    clash = set(strings) & set(STRINGS)
    clash = {k for k in clash if STRINGS[k] != strings[k]}
    if clash:
        raise ValueError(f"translation keys defined twice: {sorted(clash)}")
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
