"""The test suite's own rules: documented skips, one way to find Chromium, browser tests marked as such."""

from __future__ import annotations

import ast
import sys

import pytest

from malbild.paths import REPO_ROOT

TESTS = REPO_ROOT / "tests"


def test_every_allowed_skip_is_documented() -> None:
    from conftest import ALLOWED_SKIPS

    readme = (TESTS / "README.md").read_text(encoding="utf-8")
    assert [reason for reason in ALLOWED_SKIPS if f"| `{reason}` |" not in readme] == []


def test_chromium_is_found_one_way() -> None:
    # Only malbild.paths.chromium_path knows where Chromium is; tests ask conftest.require_chromium.
    offenders = [
        p.name
        for p in TESTS.glob("test_*.py")
        if p.name != "test_suite.py" and "/usr/bin/chromium" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []


def _uses(node: ast.AST, names: set[str]) -> bool:
    """True when a function uses one of the names (as a fixture argument or a call)."""
    args = {a.arg for a in node.args.args} if isinstance(node, ast.FunctionDef) else set()
    called = {n.func.id for n in ast.walk(node) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    return bool((args | called) & names)


@pytest.mark.parametrize("path", sorted(TESTS.glob("test_*.py")), ids=lambda p: p.name)
def test_tests_that_start_chromium_are_marked_browser(path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module_marked = "pytestmark = pytest.mark.browser" in path.read_text(encoding="utf-8")
    needs = {
        "chromium_browser",
        "app_server",
        "require_chromium",
        "charted",
        "decks",
        "wt_browser",
        "wt_server",
        "a11y_browser",
        "a11y_server",
        "browser",
        "server",
    }
    unmarked = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_") and _uses(node, needs):
            marks = {ast.unparse(d) for d in node.decorator_list}
            if not module_marked and "pytest.mark.browser" not in marks:
                unmarked.append(node.name)
    assert unmarked == []


def _mutate():
    """tools/mutate.py as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("mutate", REPO_ROOT / "tools" / "mutate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["mutate"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_every_mutation_still_applies() -> None:
    """`make mutate` names code by its text; a change that moves that text away makes a mutation stale (it would
    test nothing). Applying them all takes no test run, so the fast suite notices at once."""
    mutate = _mutate()
    assert mutate.stale() == []


def test_a_stale_mutation_is_told_apart_from_a_survivor(tmp_path) -> None:
    mutate = _mutate()
    (tmp_path / "f.py").write_text("def a():\n    return 1\n\n\ndef b():\n    return 1\n", encoding="utf-8")
    scoped = mutate.m("x", "f.py", [("return 1", "return 2")], [], "", scope="b")
    assert mutate.mutated_text((tmp_path / "f.py").read_text(), scoped).endswith("def b():\n    return 2\n")
    unscoped = mutate.m("y", "f.py", [("return 1", "return 2")], [], "")
    moved = mutate.m("z", "f.py", [("return 1", "return 2")], [], "", scope="c")
    reasons = mutate.stale(tmp_path, [scoped, unscoped, moved])
    assert [r.split(":")[0] for r in reasons] == ["y", "z"]
    assert "found it 2 times" in reasons[0] and "has no c" in reasons[1]
