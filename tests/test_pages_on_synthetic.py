"""Every page renders on a synthetic dataset with many years and goals (the shape later years will give)."""

from __future__ import annotations

from pathlib import Path

import pytest

from malbild.data.build import build
from malbild.ui.registry import navigation
from tools.app_page import drawn
from tools.synth import Spec, generate

# The app's own navigation: a missing page fails, never drops out.
PAGES = [page.file for page in navigation(editor=False)]


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A small synthetic dataset: 4 years, 8 goals, 120 projects, built into a database."""
    folder = tmp_path_factory.mktemp("synth")
    generate(folder / "data", Spec(years=4, goals=8, subgoals_per_goal=2, projects=120, ongoing=40, owners=20, seed=7))
    build(folder / "db.duckdb", folder / "data")
    return folder / "db.duckdb", folder / "data"


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_synthetic_data(page: str, synthetic_db, monkeypatch: pytest.MonkeyPatch) -> None:

    db, data = synthetic_db
    monkeypatch.setenv("DASHBOARD_DB", str(db))
    monkeypatch.setenv("DASHBOARD_DATA", str(data))
    app = drawn(page)
    assert not app.exception, [e.value for e in app.exception]
    assert app.title, "the page has a title"
