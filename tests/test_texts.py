"""The texts: one gettext catalogue per language (malbild/texts/locale), the same keys and {placeholders} in each,
every key the code uses in every catalogue, every catalogue key used, the compiled .mo files matching their .po.

A key counts as used when it is given literally to t() or N_() (what `make texts` extracts, malbild.texts.extract);
a key built at run time (t(f"level_{n}")) is refused: a family of keys is a table of literal keys (texts/families.py).
"""

from __future__ import annotations

import ast
import shutil
import string
import subprocess
import sys
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from malbild.paths import REPO_ROOT
from malbild.texts import DEFAULT_LANG, LOCALE_DIR, language, languages, normalize_lang, t
from malbild.texts.extract import KEYWORDS, keys_in

# Keys whose texts may equal another key's texts: a page's own heading says what another page's or a chart's does
# today, under its own key (a page never borrows another's key, so either can change alone).
SAME_TEXT_ALLOWED = {
    frozenset({"level_gap", "basis_not_stated"}),
    frozenset({"wt_chart_levels", "ov_levels_heading"}),  # the level chart's title; the overview's heading above it
    frozenset({"ds_project_grant", "prj_title"}),  # a dataset's name on Sources; the Projects page's title
    frozenset({"page_personnel", "wt_personnel_title"}),  # the page's name; the walk-through step's title
}
META = ("meta_name", "meta_locale", "meta_data_columns", "meta_sek", "meta_tkr", "meta_msek", "meta_pct")


def _code_files() -> list[Path]:
    """The app's Python files (what `make texts` extracts from)."""
    return [
        REPO_ROOT / "app.py",
        *sorted((REPO_ROOT / "pages").glob("*.py")),
        *sorted((REPO_ROOT / "malbild").rglob("*.py")),
    ]


def _used() -> dict[str, str]:
    """Every key given literally to t() or N_(), with one place it is used."""
    used: dict[str, str] = {}
    for path in _code_files():
        for line, _, key in keys_in(path.read_text(encoding="utf-8")):
            used.setdefault(key, f"{path.relative_to(REPO_ROOT)}:{line}")
    return used


def _po(lang: str) -> dict[str, str]:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "malbild.po").open("rb") as f:
        return {str(m.id): str(m.string) for m in read_po(f) if m.id}


CATALOGUES = sorted(p.parents[1].name for p in LOCALE_DIR.glob("*/LC_MESSAGES/malbild.po"))
USED = _used()


def fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_the_languages_are_the_catalogues_the_default_first() -> None:
    assert CATALOGUES == ["en", "sv"]
    assert list(languages()) == ["sv", "en"] and DEFAULT_LANG == "sv"
    assert [lang.name for lang in languages().values()] == ["Svenska", "English"]


@pytest.mark.parametrize("lang", CATALOGUES)
def test_every_key_the_code_uses_is_in_the_catalogue_with_a_text(lang: str) -> None:
    texts = _po(lang)
    missing = sorted(f"{where} {key}" for key, where in USED.items() if not texts.get(key))
    assert missing == []


@pytest.mark.parametrize("lang", CATALOGUES)
def test_every_catalogue_key_is_used_in_the_code(lang: str) -> None:
    assert sorted(set(_po(lang)) - set(USED)) == []


@pytest.mark.parametrize("lang", CATALOGUES)
def test_placeholders_are_the_same_in_every_language(lang: str) -> None:
    swedish, texts = _po(DEFAULT_LANG), _po(lang)
    differ = {k: (fields(swedish[k]), fields(texts[k])) for k in swedish if fields(swedish[k]) != fields(texts[k])}
    assert differ == {}


@pytest.mark.parametrize("lang", CATALOGUES)
def test_the_compiled_catalogue_matches_its_po_file(lang: str) -> None:
    """The .mo files are committed (a fresh clone runs without `make texts`): they must say what the .po says."""
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "malbild.mo").open("rb") as f:
        compiled = {str(m.id): str(m.string) for m in read_mo(f) if m.id}
    assert compiled == {k: v for k, v in _po(lang).items() if v}, "run `make texts`"


@pytest.mark.parametrize("lang", CATALOGUES)
def test_no_entry_is_fuzzy(lang: str) -> None:
    """The catalogues are compiled with --use-fuzzy (they have no header, which Babel reads as fuzzy): so no entry
    may be fuzzy, or a guessed text would be shown."""
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "malbild.po").open("rb") as f:
        assert [m.id for m in read_po(f) if m.id and m.fuzzy] == []


@pytest.mark.parametrize("lang", CATALOGUES)
def test_each_catalogue_describes_its_language(lang: str) -> None:
    texts = _po(lang)
    assert all(texts.get(k) for k in META)
    Locale.parse(texts["meta_locale"])  # a locale Babel knows
    assert texts["meta_data_columns"] in ("sv", "en")  # the database's text columns
    for unit in ("meta_sek", "meta_tkr", "meta_msek", "meta_pct"):
        assert texts[unit].count("{n}") == 1, (lang, unit)


def test_no_key_is_built_at_run_time() -> None:
    """t(f"level_{n}") or t("hr_" + kind) hides a key from extraction and from grep: use a table of keys."""
    built = []
    for path in _code_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and node.args
                and getattr(node.func, "id", getattr(node.func, "attr", "")) in KEYWORDS
            ):
                arg = node.args[0]
                while isinstance(arg, ast.IfExp):
                    arg = arg.body if isinstance(arg.orelse, ast.Constant) else arg.orelse
                if isinstance(arg, ast.JoinedStr | ast.BinOp):
                    built.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}")
    assert built == []


def test_no_two_keys_hold_the_same_texts() -> None:
    by_text: dict[tuple[str, ...], list[str]] = {}
    texts = {lang: _po(lang) for lang in CATALOGUES}
    for key in texts[DEFAULT_LANG]:
        if not key.startswith("meta_"):
            by_text.setdefault(tuple(texts[lang][key] for lang in CATALOGUES), []).append(key)
    same = [sorted(keys) for keys in by_text.values() if len(keys) > 1 and frozenset(keys) not in SAME_TEXT_ALLOWED]
    assert same == [], "use one key for one text"


def test_a_language_the_app_lacks_reads_swedish() -> None:
    assert t("goal_n", "sv", n=5) == "Mål 5" and t("goal_n", "en", n=5) == "Goal 5"
    assert t("page_goals", "fr") == "Mål" and language("fr").code == "sv"


def test_english_names_the_recommendation_progress_one_way_and_says_what_is_swedish() -> None:
    """Issue 21: 'work against' read as opposing the recommendations, and one idea had three names."""
    english = _po("en")
    for key, text in english.items():
        lowered = text.lower()
        assert "work against" not in lowered and "work towards" not in lowered, key
        assert "progress against" not in lowered, key
    assert english["ov_pc_head"].startswith("Progress towards the recommendations")
    assert english["snap_progress"] == "Progress towards the recommendations"
    assert "achieved" in english["level_1_short"].lower()  # 'Small extent' said nothing about what
    assert "Swedish" in english["prj_f_text_ph"]  # the project names are Swedish: the example word is too
    for kind in ("outcome", "recommendation", "previous", "summary"):  # the report's passages, quoted as printed
        assert "in Swedish" in english[f"gp_text_{kind}"], kind


def test_add_texts_appends_a_block_to_every_catalogue_and_compiles_it(tmp_path: Path) -> None:
    """tools/add_texts.py brings keys from a branch's old sv.py/en.py (or a block of pairs) into the catalogues."""
    locale = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale)
    tool = tmp_path / "add_texts.py"
    tool.write_text(
        (REPO_ROOT / "tools" / "add_texts.py")
        .read_text(encoding="utf-8")
        .replace('Path(__file__).resolve().parents[1] / "malbild" / "texts" / "locale"', f"Path({str(locale)!r})")
    )
    block = tmp_path / "block.py"
    block.write_text('{"zz_new": ("Ny text {n}", "New text {n}"), "goal": ("Mål", "Goal")}\n', encoding="utf-8")
    run = subprocess.run([sys.executable, str(tool), str(block)], capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    for lang, text in (("sv", "Ny text {n}"), ("en", "New text {n}")):
        with (locale / lang / "LC_MESSAGES" / "malbild.mo").open("rb") as f:
            compiled = {m.id: m.string for m in read_mo(f) if m.id}
        assert compiled["zz_new"] == text and compiled["goal"] == {"sv": "Mål", "en": "Goal"}[lang]
    block.write_text('{"goal": ("Annat", "Other")}\n', encoding="utf-8")
    run = subprocess.run([sys.executable, str(tool), str(block)], capture_output=True, text=True, check=False)
    assert run.returncode != 0 and "other texts" in run.stderr


@pytest.mark.parametrize(("value", "lang"), [("sv", "sv"), ("en", "en"), ("de", "sv"), (None, "sv"), ("EN", "sv")])
def test_unknown_languages_fall_back_to_swedish(value, lang: str) -> None:
    assert normalize_lang(value) == lang
