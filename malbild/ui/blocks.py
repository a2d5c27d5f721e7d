"""Static parts of a page as one HTML block each: key figures, folded tables and source passages, notes.

Each Streamlit element costs the server a message and the browser a React element: a row of four st.metric is
nine elements, a chart's data table and source two expanders with three more. The same content as one st.html
block is one element (docs/capacity.md). Each block is a template (malbild/markup/templates) rendered with
autoescaping: no text from the report, a file or a person is ever read as markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from malbild import fmt
from malbild.charts.tables import goal_grid, statement_table
from malbild.markup import block, render
from malbild.texts import REPORT_LANG
from malbild.views.base import Metric

ARROWS = {"up": "↑", "down": "↓"}
# A cell that is a formatted figure ('−5 298 tkr', 'SEK 3k', '15 %', '6 ‡'): its column is right-aligned like numbers.
FIGURE = re.compile(r"^[+\-−±]?(?:SEK\u00a0)?\d[\d\u00a0 .,]*(?:\u00a0?(?:kr|tkr|mnkr|%|k|m|p\.e\.|pp))?\s*[†‡✎]?$")


def metrics_html(metrics: Sequence[Metric], columns: int | None = None, border: bool = False) -> str:
    """Key figures side by side, wrapping after `columns` (on a phone two to a row), as a description list: per card
    its label, value, change (an arrow only where the sign earns one) and help."""
    if not metrics:
        return ""
    cols = min(len(metrics), columns or len(metrics))
    kind = "mb-metrics mb-bordered" if border else "mb-metrics"
    cards = [
        {"label": m.label, "value": m.value, "delta": m.delta, "help": m.help, "arrow": ARROWS.get(m.shown_arrow, "")}
        for m in metrics
    ]
    return render("metrics.html", kind=kind, cols=cols, metrics=cards)


def pairs_html(pairs: Sequence[tuple[str, str]]) -> str:
    """Labelled short texts side by side (a label over its text, in body type), as a description list."""
    if not pairs:
        return ""
    return render("pairs.html", kind="mb-metrics mb-pairs", cols=len(pairs), label="", card=True, pairs=pairs)


def key_figures_html(pairs: Sequence[tuple[str, str]], label: str) -> str:
    """A walk-through step's key figures as large cards (a label over its figure), a description list named `label`."""
    return render("pairs.html", kind="mb-kf", cols=0, label=label, card=False, pairs=pairs)


def labelled_blocks_html(parts: Sequence[tuple[str, str]], kind: str) -> str:
    """Labelled blocks as a description list: each label (text) over its body (HTML made here)."""
    shown_parts = [(label, block(body)) for label, body in parts]
    return render("pairs.html", kind=kind, cols=0, label="", card=False, pairs=shown_parts)


def quote_html(paragraphs: Iterable[str], lang: str) -> str:
    """Quoted text (the report's words) as paragraphs in a blockquote; `lang` when it is not the page's language."""
    return render("paragraphs.html", paragraphs=list(paragraphs), quote=True, lang=lang)


def sections_html(sections: Sequence[tuple[str, str]]) -> str:
    """Sections side by side (one under the other on a phone), each a heading (text) over its body (HTML made here)."""
    shown_sections = [(heading, block(body)) for heading, body in sections]
    return render("sections.html", cols=max(len(sections), 1), sections=shown_sections)


def paragraphs_html(paragraphs: Iterable[str]) -> str:
    """Paragraphs of text (the report's words), each shown as text."""
    return render("paragraphs.html", paragraphs=list(paragraphs), quote=False, lang="")


def paragraph_html(text: str, cls: str = "", role: str = "", live: str = "", em: bool = False) -> str:
    """One paragraph of text (`role`: "note" or "status"; `live`: "polite" for a text that changes in place)."""
    return render("paragraph.html", text=text, cls=cls, role=role, live=live, em=em)


def cell_text(value: object, lang: str) -> str:
    """A table cell as shown: a number in the language's format (decimals only where it has them), text as
    written, a missing value as the gap sign."""
    if fmt.is_missing(value):
        return fmt.GAP
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    decimals = 0 if float(value).is_integer() else len(f"{float(value):.6f}".rstrip("0").split(".")[1])
    return fmt.number(value, min(decimals, 6), lang=lang)


def figures_column(column: pd.Series) -> bool:
    """True for a column of numbers or of formatted figures (every cell given is one): it is right-aligned."""
    if pd.api.types.is_bool_dtype(column):
        return False
    if pd.api.types.is_numeric_dtype(column):
        return True
    given = [str(v).strip() for v in column if not fmt.is_missing(v) and str(v).strip() not in ("", fmt.GAP)]
    return bool(given) and all(FIGURE.match(v) for v in given)


def table_html(frame: pd.DataFrame, lang: str, label: str | None = None) -> str:
    """A table as accessible HTML (column headers; columns of numbers or formatted figures right-aligned), every cell
    shown as text."""
    numeric = [figures_column(frame[c]) for c in frame]
    head = list(zip(frame.columns, numeric))
    rows = [[(cell_text(v, lang), num) for v, num in zip(values, numeric)] for values in frame.itertuples(index=False)]
    return render(
        "table.html",
        cls="mb-grid mb-data",
        label=label or "",
        caption="",
        head=head,
        num_head=True,
        rows=rows,
        row_headers=False,
        foot=None,
    )


def details_html(summary: str, body: str) -> str:
    """A folded section (closed until opened, like an expander): `summary` is text, `body` is HTML made here."""
    return render("details.html", summary=summary, body=block(body))


def passage_html(lines: Iterable[tuple[int, str]], more_note: str = "") -> str:
    """The report's lines as a quotation, each with its line number; `more_note` says how many were left out."""
    return render("passage.html", lines=[(int(n), str(text).strip()) for n, text in lines], more_note=more_note)


def note_html(text: str) -> str:
    """A note under a chart or a table, in the captions' small grey type."""
    return render("note.html", text=text) if text else ""


def verdicts_html(
    groups,
    sources: Callable[[str], str],
    quote_label: str,
    note: str = "",
    entered_mark: str = "✎",
    heading: str = "h2",
) -> str:
    """The report's verdicts, one column per giver: what each is about, its outcome in words, its wording quoted
    (in Swedish, lang="sv") and its source (`sources` makes the folded source block of a verdict's lines)."""
    shown_groups = [
        {"heading": g.heading, "verdicts": [(v, block(sources(v.source_lines))) for v in g.verdicts]} for g in groups
    ]
    return render(
        "verdicts.html",
        groups=shown_groups,
        report_lang=REPORT_LANG,
        quote_label=quote_label,
        note=note,
        entered_mark=entered_mark,
        heading=heading,
    )


def grid_html(
    frame: pd.DataFrame, lang: str, link: str | None = None, progress: tuple[str, dict[int, str]] | None = None
) -> str:
    """The goal × year grid as an accessible HTML table (charts.tables.goal_grid), with the note on empty years."""
    return render("goal_grid.html", grid=goal_grid(frame, lang, link, progress))


def statement_html(lines: pd.DataFrame, statement: str, lang: str) -> str:
    """A financial statement as an accessible HTML table (charts.tables.statement_table; '' without lines)."""
    table = statement_table(lines, statement, lang)
    return "" if table is None else render("statement.html", table=table)


def fit_html(table: str) -> str:
    """A table that fits a phone's width (no min-width, see ui/css/base.css): short statements, few columns."""
    return render("fit.html", body=block(table))
