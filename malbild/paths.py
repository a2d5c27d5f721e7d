"""Where the repository's data, schema, queries and database live."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"
SCHEMA_DIR = REPO_ROOT / "schema"
QUERIES_DIR = REPO_ROOT / "queries"
# The bundled report's text (document ar2018). The build reads the documents from the registry beside it,
# data/source/documents.csv (malbild.data.documents); this name is for the tools and tests that copy the text.
SOURCE_FILE = DATA_DIR / "source" / "arsredovisning-2018.txt"
DEFAULT_DB = DATA_DIR / "dashboard.duckdb"


def _from_env(name: str, default: Path) -> Path:
    """Return the path in $name (relative to the repository unless absolute), else the default."""
    value = os.environ.get(name)
    if not value:
        return default
    path = Path(value)
    return path if path.is_absolute() else REPO_ROOT / path


def db_path() -> Path:
    """Return the database path: $DASHBOARD_DB, else data/dashboard.duckdb."""
    return _from_env("DASHBOARD_DB", DEFAULT_DB)


def data_dir() -> Path:
    """Return the folder the database is built from: $DASHBOARD_DATA, else data/."""
    return _from_env("DASHBOARD_DATA", DATA_DIR)


# Flags for headless Chromium here: no sandbox (runs as root), no GPU, and none of its own network traffic.
CHROMIUM_ARGS: tuple[str, ...] = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium_path() -> str | None:
    """Return the Chromium executable ($MALBILD_CHROMIUM, else Debian's), or None if there is none."""
    for candidate in (
        os.environ.get("MALBILD_CHROMIUM"),
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None
