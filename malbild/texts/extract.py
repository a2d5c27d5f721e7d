"""Babel's extraction method for the app's keys (babel.cfg names it): t("key", …) and N_("key") anywhere in a
Python file, also inside f-strings and in both branches of `t("a" if c else "b")`, which Babel's own Python
extractor skips on Python 3.11. `pybabel extract -F babel.cfg` (make texts) runs it."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from typing import IO, Any

KEYWORDS = ("t", "N_")


def _called(node: ast.Call) -> str:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _literals(node: ast.AST) -> list[ast.Constant]:
    """The literal keys of an argument: a string, or each string branch of a conditional expression."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node]
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    return []


def keys_in(source: str) -> Iterator[tuple[int, str, str]]:
    """(line, function, key) of every key given literally to t() or N_() in the source."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args and _called(node) in KEYWORDS:
            for literal in _literals(node.args[0]):
                yield literal.lineno, _called(node), str(literal.value)


def extract(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Babel's extraction interface: (line, function name, message, comments) per key."""
    for line, function, key in keys_in(fileobj.read().decode("utf-8")):
        yield line, function, key, []
