"""The texts: one table per language with the same keys and placeholders, every key used, every used key defined.

A key counts as used when a string literal in the app's code (malbild/, pages/, app.py) equals it, or when it
matches a key built at run time: f"level_{n}_short" stands for level_*_short, "hr_" + kind for hr_*.
"""

from __future__ import annotations

import ast
import re
import string
from collections import Counter
from pathlib import Path

import pytest

from malbild.paths import REPO_ROOT
from malbild.texts import LANGS, STRINGS, register
from malbild.texts.en import EN
from malbild.texts.sv import SV

TEXT_DIR = REPO_ROOT / "malbild" / "texts"
# Families of keys that the code addresses by pattern and whose texts may equal another key's texts.
SAME_TEXT_ALLOWED = {
    frozenset({"level_gap", "basis_not_stated"}),
}


def _code_files() -> list[Path]:
    """The app's Python files, the text tables (texts/sv.py, texts/en.py) excepted."""
    files = [REPO_ROOT / "app.py", *sorted((REPO_ROOT / "pages").glob("*.py"))]
    files += [p for p in sorted((REPO_ROOT / "malbild").rglob("*.py")) if p.parent != TEXT_DIR or p.stem not in LANGS]
    return files


VALUE = "[a-z0-9_]+"  # what a run-time part of a key stands for


def _pattern(node: ast.AST) -> str | None:
    """A regular expression for a key built at run time (f"level_{n}" or "hr_kind_" + kind), or None."""
    if isinstance(node, ast.JoinedStr):
        parts = [re.escape(v.value) if isinstance(v, ast.Constant) else VALUE for v in node.values]
    elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        parts = [
            re.escape(v.value) if isinstance(v, ast.Constant) and isinstance(v.value, str) else VALUE
            for v in (node.left, node.right)
        ]
    else:
        return None
    pattern = "".join(parts)
    return pattern if re.match(r"[a-z]+_", pattern) else None  # a key family starts with a fixed 'word_'


def _key_nodes(tree: ast.AST) -> list[ast.AST]:
    """The expressions that are text keys: t()'s first argument, names assigned as `key`, `k in STRINGS`."""
    nodes: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "t":
                nodes.append(node.args[0])
        elif isinstance(node, ast.Assign) and any(
            isinstance(n, ast.Name) and n.id in ("key", "k") for n in node.targets
        ):
            nodes.append(node.value)
        elif isinstance(node, ast.Compare) and any(getattr(c, "id", "") == "STRINGS" for c in node.comparators):
            nodes.append(node.left)
    return nodes


def _scan() -> tuple[set[str], set[str], list[tuple[str, str]]]:
    """Every string literal, every run-time key pattern, and the literal first arguments of t() calls."""
    literals: set[str] = set()
    patterns: set[str] = set()
    called: list[tuple[str, str]] = []
    for path in _code_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
        for node in _key_nodes(tree):
            while isinstance(node, ast.IfExp):  # t(a if c else b): both are keys
                called += [
                    (f"{path.relative_to(REPO_ROOT)}:{node.lineno}", n.value)
                    for n in (node.orelse,)
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)
                ]
                patterns.update(p for p in (_pattern(node.orelse),) if p)
                node = node.body
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                called.append((f"{path.relative_to(REPO_ROOT)}:{node.lineno}", node.value))
            elif pattern := _pattern(node):
                patterns.add(pattern)
    return literals, patterns, called


LITERALS, PATTERNS, CALLED = _scan()


def test_both_languages_have_the_same_keys() -> None:
    assert set(SV) == set(EN), sorted(set(SV) ^ set(EN))


def test_each_key_is_defined_once_per_language() -> None:
    for name in ("sv.py", "en.py"):
        tree = ast.parse((TEXT_DIR / name).read_text(encoding="utf-8"))
        keys = [
            k.value
            for node in ast.walk(tree)
            if isinstance(node, ast.Dict)
            for k in node.keys
            if isinstance(k, ast.Constant)
        ]
        twice = [k for k, n in Counter(keys).items() if n > 1]
        assert twice == [], f"{name}: keys defined twice: {twice}"


def test_placeholders_are_the_same_in_both_languages() -> None:
    def fields(text: str) -> set[str]:
        return {f for _, f, _, _ in string.Formatter().parse(text) if f}

    differ = {k: (fields(SV[k]), fields(EN[k])) for k in SV if fields(SV[k]) != fields(EN.get(k, ""))}
    assert differ == {}


def test_no_two_keys_hold_the_same_texts() -> None:
    by_text: dict[tuple[str, str], list[str]] = {}
    for key, pair in STRINGS.items():
        by_text.setdefault(pair, []).append(key)
    same = [sorted(keys) for keys in by_text.values() if len(keys) > 1 and frozenset(keys) not in SAME_TEXT_ALLOWED]
    assert same == [], "use one key for one text"


def test_every_key_used_in_the_code_is_defined() -> None:
    missing = [(where, key) for where, key in CALLED if key not in STRINGS and re.fullmatch(r"[a-z0-9_]+", key)]
    assert missing == []
    unmatched = sorted(p for p in PATTERNS if not any(re.fullmatch(p, k) for k in STRINGS))
    assert unmatched == [], "keys built at run time that match no text"


def test_every_defined_key_is_used() -> None:
    compiled = [re.compile(p) for p in PATTERNS]
    unused = sorted(k for k in STRINGS if k not in LITERALS and not any(p.fullmatch(k) for p in compiled))
    assert unused == []


def test_register_refuses_a_key_defined_already() -> None:
    with pytest.raises(ValueError, match="defined twice"):
        register({"goal": STRINGS["goal"]})
    with pytest.raises(ValueError, match="defined twice"):
        register({"goal": ("Annat", "Other")})


def test_english_names_the_recommendation_progress_one_way_and_says_what_is_swedish() -> None:
    """Issue 21: 'work against' read as opposing the recommendations, and one idea had three names."""
    for key, text in EN.items():
        lowered = text.lower()
        assert "work against" not in lowered and "work towards" not in lowered, key
        assert "progress against" not in lowered, key
    assert EN["ov_pc_head"].startswith("Progress towards the recommendations")
    assert EN["snap_progress"] == "Progress towards the recommendations"
    assert "achieved" in EN["level_1_short"].lower()  # 'Small extent' said nothing about what
    assert "Swedish" in EN["prj_f_text_ph"]  # the project names are Swedish: the example word is too
    for kind in ("outcome", "recommendation", "previous", "summary"):  # the report's passages, quoted as printed
        assert "in Swedish" in EN[f"gp_text_{kind}"], kind
