"""Every translation key has a Swedish and an English text with the same {placeholders}, wherever it is defined
(malbild/texts/sv.py and en.py; a register() call in a module or page would be found too)."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from malbild.paths import REPO_ROOT
from malbild.texts import STRINGS, normalize_lang, t

# Pages register literal dicts (read from their source: running a page needs Streamlit); the modules of malbild are
# imported, which registers their texts into STRINGS (some build their dicts with comprehensions).
PAGE_SOURCES = sorted([REPO_ROOT / "app.py", *(REPO_ROOT / "pages").glob("*.py")])


def import_all_modules() -> list[str]:
    """Import every module of the malbild package; return their names."""
    import importlib
    import pkgutil

    import malbild

    names = [m.name for m in pkgutil.walk_packages(malbild.__path__, "malbild.")]
    for name in names:
        importlib.import_module(name)
    return names


def registered(path: Path) -> list[tuple[str, object, int]]:
    """(key, value, line) of every entry in a register({...}) call of a Python file."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "register":
            assert node.args and isinstance(node.args[0], ast.Dict), f"{path}:{node.lineno}: register() without a dict"
            for key, value in zip(node.args[0].keys, node.args[0].values):
                found.append((ast.literal_eval(key), ast.literal_eval(value), key.lineno))
    return found


def all_entries() -> list[tuple[str, object, str]]:
    """Every translation entry with where it is defined."""
    import_all_modules()
    out = [(k, v, "malbild (STRINGS after import)") for k, v in STRINGS.items()]
    for path in PAGE_SOURCES:
        out += [(k, v, f"{path.relative_to(REPO_ROOT)}:{line}") for k, v, line in registered(path)]
    return out


def fields(text: str) -> list[str]:
    """The placeholder names of a format string, sorted."""
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def test_the_texts_are_found() -> None:
    entries = all_entries()
    where = {w.split(":")[0] for _, _, w in entries}
    assert where == {"malbild (STRINGS after import)"}  # the pages register none: texts/sv.py and en.py hold all
    keys = {k for k, _, _ in entries}
    assert {"grid_caption", "deck_basis", "snap_no_charts", "ov_change_note", "gp_pick"} <= keys and len(keys) > 200


def test_every_key_has_both_languages_with_the_same_placeholders() -> None:
    problems = []
    for key, value, where in all_entries():
        if not (isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) and v.strip() for v in value)):
            problems.append(f"{where} {key}: not a (Swedish, English) pair of texts: {value!r}")
            continue
        sv, en = value
        if fields(sv) != fields(en):
            problems.append(f"{where} {key}: placeholders differ: {fields(sv)} vs {fields(en)}")
    assert not problems, "\n".join(problems)


def test_a_key_is_defined_once() -> None:
    seen: dict[str, tuple[object, str]] = {}
    clashes = []
    for key, value, where in all_entries():
        if where.startswith("malbild (") and key in seen:
            continue
        if key in seen and seen[key][0] != value:
            clashes.append(f"{key}: {seen[key][1]} and {where}")
        seen.setdefault(key, (value, where))
    assert not clashes, clashes


@pytest.mark.parametrize(("value", "lang"), [("sv", "sv"), ("en", "en"), ("de", "sv"), (None, "sv"), ("EN", "sv")])
def test_unknown_languages_fall_back_to_swedish(value, lang: str) -> None:
    assert normalize_lang(value) == lang


def test_t_fills_placeholders_in_either_language() -> None:
    assert t("goal_n", "sv", n=5) == "Mål 5" and t("goal_n", "en", n=5) == "Goal 5"
    assert t("page_goals", "fr") == "Mål"
