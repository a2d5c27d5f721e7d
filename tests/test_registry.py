"""The one page registry (malbild.ui.registry): links are built from it, never typed; editor pages gate themselves."""

from __future__ import annotations

import ast
import re
import tokenize
from pathlib import Path
from token import STRING

import pytest

from malbild.paths import REPO_ROOT
from malbild.ui.registry import GOALS, OVERVIEW, PAGES, PROJECTS, WALKTHROUGH, link, link_template, navigation


def _app_sources() -> list:
    """Every Python file of the app: malbild/, pages/ and app.py."""
    return [REPO_ROOT / "app.py", *(REPO_ROOT / "pages").glob("*.py"), *(REPO_ROOT / "malbild").rglob("*.py")]


def test_links_are_built_from_the_registry() -> None:
    assert link(GOALS, goal=3) == "Goals?goal=3"
    assert link(GOALS, goal=5, lang="en", present=1) == "Goals?goal=5&lang=en&present=1"
    assert link(PROJECTS, goal=2, q="vård & omsorg") == "Projects?goal=2&q=v%C3%A5rd+%26+omsorg"
    assert link(WALKTHROUGH) == "Walkthrough"
    assert link(OVERVIEW, lang="en") == "./?lang=en"  # the overview's path is the app's root


def test_a_link_with_a_parameter_the_page_does_not_read_is_refused() -> None:
    with pytest.raises(ValueError, match="step"):
        link(GOALS, step=2)


def test_a_link_template_leaves_one_field_and_encodes_the_rest() -> None:
    template = link_template(GOALS, "goal", lang="en", present="{1}")
    assert template.format(goal=5) == "Goals?goal=5&lang=en&present=%7B1%7D"


def test_editor_pages_are_offered_to_editors_only() -> None:
    viewer, editor = navigation(editor=False), navigation(editor=True)
    assert viewer and not any(page.editor for page in viewer)
    assert editor == list(PAGES) and any(page.editor for page in editor)


@pytest.mark.parametrize("page", [p for p in PAGES if p.editor], ids=lambda p: p.file)
def test_every_editor_page_checks_the_role_itself(page) -> None:
    """A process's first request may run a page file directly, past the navigation: each editor page refuses a
    viewer itself (malbild.ui.account.require_editor), before it draws anything of its own."""
    tree = ast.parse((REPO_ROOT / page.file).read_text(encoding="utf-8"))
    calls = [
        node.func.id
        for statement in tree.body
        for node in ast.walk(statement)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    ]
    assert "require_editor" in calls
    assert calls.index("require_editor") == calls.index("page_setup") + 1


def _strings(path) -> list[tuple[int, str]]:
    """The string literals of a Python file (docstrings included; comments are no links) with their line numbers."""
    with tokenize.open(path) as source:
        return [(tok.start[0], tok.string) for tok in tokenize.generate_tokens(source.readline) if tok.type == STRING]


def test_no_link_or_page_file_is_typed_outside_the_registry() -> None:
    typed = [re.escape(p.file) for p in PAGES] + [re.escape(p.url_path) + r"\?" for p in PAGES if p.url_path]
    pattern = re.compile("|".join(typed))
    found = [
        f"{path.relative_to(REPO_ROOT)}:{number}: {text}"
        for path in _app_sources()
        if path != REPO_ROOT / "malbild" / "ui" / "registry.py"
        for number, text in _strings(path)
        if pattern.search(text)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("page", "params"),
    [
        (GOALS, {"goal": "5", "lang": "en", "present": "1"}),
        (PROJECTS, {"goal": "2", "owner": "Umeå kommun", "amount": "0", "q": "vatten", "lang": "en"}),
        (WALKTHROUGH, {"step": "3", "present": "1"}),
    ],
    ids=lambda p: getattr(p, "url_path", ""),
)
def test_a_page_keeps_the_query_parameters_the_registry_says_it_reads(open_page, page, params) -> None:
    """Every parameter a page reads (and writes back to keep the view shareable) is declared in the registry, so a
    link to it can be built; a parameter the registry does not name is not the page's."""
    at = open_page(page.file, **params)
    kept = set(at.query_params)
    assert kept <= set(page.params) | {"lang", "present"}, kept
    assert set(page.params) <= set(params) and set(page.params) & kept


def test_a_page_with_charts_preloads_the_plotly_module_of_the_installed_streamlit() -> None:
    """head.js names Streamlit's own file for Plotly (its name carries a hash that changes with every release)."""
    import streamlit

    from malbild.ui.chrome import PLOTLY_MODULE, head_script, lazy_modules

    (name,) = lazy_modules(PLOTLY_MODULE)
    assert (Path(streamlit.__file__).parent / "static" / "static" / "js" / name).is_file()
    assert lazy_modules("NoSuchModule") == ()
    assert name in head_script("sv", True)
    assert "PlotlyChart" not in head_script("sv", False)
    assert 'document.documentElement.lang = "en";' in head_script("en", False)


def test_no_page_relies_on_streamlit_magic_which_is_off() -> None:
    """Magic is off (.streamlit/config.toml): a value alone on a line of app.py or a page would not be drawn."""
    import tomllib

    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["magicEnabled"] is False
    for path in [REPO_ROOT / "app.py", *sorted((REPO_ROOT / "pages").glob("*.py"))]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0]) for node in ast.walk(tree) if _has_docstring(node)}
        shown = [
            node.lineno
            for node in ast.walk(tree)
            if isinstance(node, ast.Expr) and not isinstance(node.value, ast.Call) and id(node) not in docstrings
        ]
        assert not shown, f"{path.name}: lines {shown} would be drawn by magic only"


def _has_docstring(node: ast.AST) -> bool:
    """Whether a module, class or function starts with a string (its docstring)."""
    body = getattr(node, "body", None)
    return (
        isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and bool(body)
        and isinstance(body[0], ast.Expr)
        and isinstance(body[0].value, ast.Constant)
        and isinstance(body[0].value.value, str)
    )
