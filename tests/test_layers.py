"""The package's layers, and the way imports may run between them: pages -> ui (-> export) -> views -> charts ->
texts/data, and ui/export -> markup (HTML templates) -> texts.

The app (malbild/, app.py, pages/) never imports test code or tooling (tests/, tools/); data, views, charts, texts and
export never import Streamlit, so they run (and are tested) without it. Pages only draw views: they import no data
and stay short; every tab group is a lazy one (malbild.ui.widgets.lazy_tabs).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

import pytest

from malbild import fmt
from malbild.paths import REPO_ROOT
from malbild.texts import labels, t

PACKAGE = REPO_ROOT / "malbild"
# Each layer with the layers it may import (besides itself and the foundation: malbild.fmt, malbild.paths).
ALLOWED = {
    "data": set(),
    "texts": set(),
    "markup": {"texts"},  # the one Jinja2 setup and its templates: how text is written as HTML
    "charts": {"texts", "data"},
    "views": {"charts", "texts", "data"},
    "export": {"markup", "views", "charts", "texts", "data"},
    "ui": {"export", "markup", "views", "charts", "texts", "data"},  # the app offers the exports as downloads
    "cli": {"export", "views", "charts", "texts", "data"},  # malbild/cli.py: the `malbild` command
}
FOUNDATION = {"fmt", "paths"}
NO_STREAMLIT = {"data", "texts", "markup", "charts", "views", "export"}
PAGE_LINES = 150  # a page reads like a description of the screen: logic lives in views and ui helpers


def _imports(path: Path) -> list[str]:
    """The modules a file imports (absolute names)."""
    names = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
    return names


def _app_files() -> list[Path]:
    return [REPO_ROOT / "app.py", *sorted((REPO_ROOT / "pages").glob("*.py")), *sorted(PACKAGE.rglob("*.py"))]


def _layer(path: Path) -> str:
    """The layer of a module: its folder under malbild/, or its name for a top-level module."""
    parts = path.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else path.stem


def test_every_module_is_in_a_layer() -> None:
    for path in PACKAGE.rglob("*.py"):
        assert (
            _layer(path) in ALLOWED
            or _layer(path) in FOUNDATION
            or path.name == "__init__.py"
            and path.parent == PACKAGE
        ), path


def test_the_app_never_imports_tests_or_tools() -> None:
    wrong = [(p.name, m) for p in _app_files() for m in _imports(p) if m.split(".")[0] in ("tests", "tools")]
    assert wrong == []


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_imports_run_one_way(layer: str) -> None:
    wrong = []
    for path in sorted(p for p in PACKAGE.rglob("*.py") if _layer(p) == layer):
        for module in _imports(path):
            parts = module.split(".")
            if parts[0] == "streamlit" and layer in NO_STREAMLIT:
                wrong.append((path.name, module))
            if parts[0] != "malbild" or len(parts) < 2 or parts[1] in FOUNDATION or parts[1] == layer:
                continue
            if parts[1] not in ALLOWED[layer]:
                wrong.append((path.name, module))
    assert wrong == []


def test_ui_styles_hold_no_markup() -> None:
    # The CSS is sent through st.html inside <style>: a '<' in it (even in a comment) ends up as markup and the
    # whole style is dropped (presentation mode then shows 14 px text).
    for path in sorted((PACKAGE / "ui" / "css").glob("*.css")):
        assert "<" not in path.read_text(encoding="utf-8"), path.name


PAGE_FILES = sorted((REPO_ROOT / "pages").glob("*.py"))


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_pages_only_draw_views(path: Path) -> None:
    """A page takes its figures from views (through malbild.ui): it never reaches into malbild.data."""
    assert [m for m in _imports(path) if m == "malbild.data" or m.startswith("malbild.data.")] == []


@pytest.mark.parametrize("path", PAGE_FILES, ids=lambda p: p.name)
def test_pages_are_short(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= PAGE_LINES, f"{path.name} has {lines} lines (at most {PAGE_LINES})"


def _tabs_calls(path: Path) -> list[str]:
    """The functions of a file (or '<module>') that call something.tabs(...)."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    owners: dict[ast.AST, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            for inner in ast.walk(node):
                owners.setdefault(inner, node.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "tabs":
            found.append(owners.get(node, "<module>"))
    return found


def test_every_tab_group_is_drawn_lazily_by_one_helper() -> None:
    """Tabs are drawn only by malbild.ui.widgets.lazy_tabs (a closed tab draws nothing; the tests find the groups)."""
    calls = {str(p.relative_to(REPO_ROOT)): _tabs_calls(p) for p in _app_files()}
    assert {path: names for path, names in calls.items() if names} == {"malbild/ui/widgets.py": ["lazy_tabs"]}


# Parameters named `lang` that may keep a default: only the entry points that take a language from outside, each
# with its reason. Every other function receives the language from its caller, so a forgotten argument is an error
# (mypy, a TypeError) instead of a page silently drawn in Swedish. Today there are none: the URL's language goes
# through texts.normalize_lang(value), the command lines' --lang default is argparse's, and texts.DEFAULT_LANG is the
# one constant they fall back on.
LANG_DEFAULTS_ALLOWED: dict[str, str] = {}


def lang_defaults(root: Path, files: list[Path]) -> list[str]:
    """'file:function' for each function (or lambda) of the files with a parameter `lang` that has a default."""
    found = []
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                args = node.args
                positional = [*args.posonlyargs, *args.args]
                defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + [*args.defaults]
                pairs = [*zip(positional, defaults), *zip(args.kwonlyargs, args.kw_defaults)]
                if any(arg.arg == "lang" and default is not None for arg, default in pairs):
                    found.append(f"{path.relative_to(root)}:{getattr(node, 'name', '<lambda>')}")
    return found


def test_a_language_is_always_passed_never_defaulted() -> None:
    """No function in malbild/, pages/ or app.py defaults its `lang`: the language comes from the URL (ctx.lang),
    the command line (--lang) or the caller, one way (issue 18). The allow-list holds no entry that is not found."""
    assert sorted(lang_defaults(REPO_ROOT, _app_files())) == sorted(LANG_DEFAULTS_ALLOWED)


@pytest.mark.parametrize(
    "call",
    [
        lambda: t("goal"),
        lambda: fmt.number(1234),
        lambda: fmt.sek(1234),
        lambda: fmt.pct(2.9),
        lambda: labels.level_label(3),
    ],
    ids=["t", "number", "sek", "pct", "level_label"],
)
def test_a_forgotten_language_is_an_error_not_swedish(call: Callable[[], object]) -> None:
    with pytest.raises(TypeError, match="lang"):
        call()
