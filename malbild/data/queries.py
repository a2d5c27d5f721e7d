"""Named queries: each file in queries/ is one result, run with parameters bound by DuckDB."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import duckdb
import pandas as pd

from malbild.paths import QUERIES_DIR

_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


@dataclass(frozen=True)
class Query:
    """A named query: its SQL, its stated grain and its parameter names."""

    name: str
    sql: str
    grain: str
    params: tuple[str, ...]
    columns: tuple[str, ...]


def _header(sql: str, field: str) -> str:
    """Return the value of a '-- field: value' line in the query's leading comment."""
    for line in sql.splitlines():
        if not line.startswith("--"):
            break
        key, _, value = line[2:].partition(":")
        if key.strip().lower() == field:
            return value.strip()
    return ""


@cache
def load_query(name: str) -> Query:
    """Read queries/<name>.sql and parse its header comment."""
    if not _NAME.match(name):
        raise ValueError(f"not a query name: {name!r}")
    path: Path = QUERIES_DIR / f"{name}.sql"
    if not path.exists():
        raise FileNotFoundError(f"no query named {name!r} in {QUERIES_DIR}")
    sql = path.read_text(encoding="utf-8")
    body = "\n".join(line for line in sql.splitlines() if not line.lstrip().startswith("--"))
    params = tuple(dict.fromkeys(_PARAM.findall(body)))
    columns = tuple(c.strip() for c in _header(sql, "columns").split(",") if c.strip())
    return Query(name, sql, _header(sql, "grain"), params, columns)


def query_names() -> list[str]:
    """List the names of all queries in queries/."""
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


def run_query(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run a named query with its parameters bound by DuckDB and return a DataFrame."""
    query = load_query(name)
    missing = [p for p in query.params if p not in params]
    unknown = [p for p in params if p not in query.params]
    if missing or unknown:
        raise TypeError(f"query {name}: missing parameters {missing}, unknown parameters {unknown}")
    return con.execute(query.sql, {p: params[p] for p in query.params} or None).df()
