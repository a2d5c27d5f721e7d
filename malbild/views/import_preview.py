"""The Import page's preview of valid rows: each row's values beside its cited lines and their passage."""

from __future__ import annotations

import pandas as pd

from malbild.data.entries.importer import ImportRow, Preview
from malbild.data.entries.views import VIEWS
from malbild.texts import t

PASSAGE_CHARS = 400  # a passage longer than this is cut with '…' in the table (the lines stay named in full)


def row_values(row: ImportRow) -> str:
    """Return a row's key and values as 'goal_id=1, year=2019, level=2' (empty values left out)."""
    view = VIEWS[row.view]
    cells = {**row.key, **row.values}
    return ", ".join(
        f"{name}={cells[name]}" for name in (*view.key_names, *view.value_names) if cells[name] is not None
    )


def passage_text(row: ImportRow) -> str:
    """Return the cited lines' text as one paragraph (empty lines left out), cut after PASSAGE_CHARS characters."""
    text = " ".join(" ".join(line.split()) for _, line in row.passage if line.strip())
    return text if len(text) <= PASSAGE_CHARS else text[: PASSAGE_CHARS - 1].rstrip() + "…"


def preview_table(preview: Preview, lang: str) -> pd.DataFrame:
    """Return one line per row: where, its values, its document and lines, the passage, and what to check."""
    return pd.DataFrame(
        [
            (
                f"{row.sheet}, {t('im_row', lang)} {row.row}",
                row_values(row),
                f"{row.document} {row.lines_shown}",
                passage_text(row),
                " ".join(w.message(lang) for w in row.warnings),
            )
            for row in preview.rows
        ],
        columns=[
            t("im_col_where", lang),
            t("im_col_values", lang),
            t("im_col_cited", lang),
            t("im_col_passage", lang),
            t("im_col_check", lang),
        ],
    )
