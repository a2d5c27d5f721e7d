"""The test suite's own rules: documented skips, one way to find Chromium, browser tests marked as such."""

from __future__ import annotations

import ast

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
