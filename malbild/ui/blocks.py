"""Static parts of a page as one HTML block each: key figures, folded tables and source passages, notes.

Each Streamlit element costs the server a message and the browser a React element: a row of four st.metric is
nine elements, a chart's data table and source two expanders with three more. The same content as one st.html
block is one element (docs/capacity.md). Everything shown is escaped here: no text from the report, a file or a
person is ever read as markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence

import pandas as pd

from malbild import fmt
from malbild.texts import REPORT_LANG
from malbild.texts.safe import shown
from malbild.views.base import Metric

ARROWS = {"up": "↑", "down": "↓"}
NUM = ' class="mb-num"'  # a number column: right-aligned
# A cell that is a formatted figure ('−5 298 tkr', 'SEK 3k', '15 %', '6 ‡'): its column is right-aligned like numbers.
FIGURE = re.compile(r"^[+\-−±]?(?:SEK\u00a0)?\d[\d\u00a0 .,]*(?:\u00a0?(?:kr|tkr|mnkr|%|k|m|p\.e\.|pp))?\s*[†‡✎]?$")


def esc(value: object) -> str:
    """Escape a value for HTML text or an attribute; a missing value is the empty string."""
    return "" if value is None else html.escape(shown(value), quote=True)


def metric_html(metric: Metric) -> str:
    """One key figure as a card: its label, value, change (an arrow only where the sign earns one) and help."""
    parts = [f"<dt>{esc(metric.label)}</dt>", f'<dd class="mb-value">{esc(metric.value)}</dd>']
    if metric.delta:
        arrow = ARROWS.get(metric.shown_arrow, "")
        icon = f'<span class="mb-arrow" aria-hidden="true">{arrow}</span> ' if arrow else ""
        parts.append(f'<dd class="mb-delta">{icon}<span class="mb-delta-text">{esc(metric.delta)}</span></dd>')
    if metric.help:
        parts.append(f'<dd class="mb-help">{esc(metric.help)}</dd>')
    return f'<div class="mb-metric">{"".join(parts)}</div>'


def metrics_html(metrics: Sequence[Metric], columns: int | None = None, border: bool = False) -> str:
    """Key figures side by side, wrapping after `columns` (on a phone two to a row), as a description list."""
    if not metrics:
        return ""
    cols = min(len(metrics), columns or len(metrics))
    kind = "mb-metrics mb-bordered" if border else "mb-metrics"
    cards = "".join(metric_html(m) for m in metrics)
    return f'<dl class="{kind}" style="--mb-cols:{cols}">{cards}</dl>'


def pairs_html(pairs: Sequence[tuple[str, str]]) -> str:
    """Labelled short texts side by side (a label over its text, in body type), as a description list."""
    cards = "".join(f'<div class="mb-metric"><dt>{esc(label)}</dt><dd>{esc(text)}</dd></div>' for label, text in pairs)
    return f'<dl class="mb-metrics mb-pairs" style="--mb-cols:{max(len(pairs), 1)}">{cards}</dl>' if pairs else ""


def sections_html(sections: Sequence[tuple[str, str]]) -> str:
    """Sections side by side (one under the other on a phone), each a heading (text) over its body (HTML made here)."""
    parts = "".join(f'<section><h3 class="mb-h3">{esc(heading)}</h3>{body}</section>' for heading, body in sections)
    return f'<div class="mb-sections" style="--mb-cols:{max(len(sections), 1)}">{parts}</div>'


def paragraphs_html(paragraphs: Iterable[str]) -> str:
    """Paragraphs of text (the report's words), each escaped."""
    return "".join(f"<p>{esc(p)}</p>" for p in paragraphs)


def cell_text(value: object, lang: str = "sv") -> str:
    """A table cell as shown: a number in the language's format (decimals only where it has them), text as
    written, a missing value as the gap sign."""
    if fmt.is_missing(value):
        return fmt.GAP
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    decimals = 0 if float(value).is_integer() else len(f"{float(value):.6f}".rstrip("0").split(".")[1])
    return fmt.number(value, min(decimals, 6), lang)


def figures_column(column: pd.Series) -> bool:
    """True for a column of numbers or of formatted figures (every cell given is one): it is right-aligned."""
    if pd.api.types.is_bool_dtype(column):
        return False
    if pd.api.types.is_numeric_dtype(column):
        return True
    given = [str(v).strip() for v in column if not fmt.is_missing(v) and str(v).strip() not in ("", fmt.GAP)]
    return bool(given) and all(FIGURE.match(v) for v in given)


def table_html(frame: pd.DataFrame, lang: str = "sv", label: str | None = None) -> str:
    """A table as accessible HTML (column headers; columns of numbers or formatted figures right-aligned), every cell
    escaped."""
    numeric = [figures_column(frame[c]) for c in frame]
    head = "".join(f'<th scope="col"{NUM if num else ""}>{esc(c)}</th>' for c, num in zip(frame.columns, numeric))
    rows = []
    for values in frame.itertuples(index=False):
        cells = "".join(
            f"<td{NUM if num else ''}>{esc(cell_text(value, lang))}</td>" for value, num in zip(values, numeric)
        )
        rows.append(f"<tr>{cells}</tr>")
    aria = f' aria-label="{esc(label)}"' if label else ""
    return (
        f'<div class="mb-scroll"><table class="mb-grid mb-data"{aria}><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def details_html(summary: str, body: str) -> str:
    """A folded section (closed until opened, like an expander): `summary` is text, `body` is HTML made here."""
    return f'<details class="mb-details"><summary>{esc(summary)}</summary><div>{body}</div></details>'


def passage_html(lines: Iterable[tuple[int, str]], more_note: str = "") -> str:
    """The report's lines as a quotation, each with its line number; `more_note` says how many were left out."""
    quoted = "".join(f"<p><code>{int(n)}</code> {esc(str(text).strip())}</p>" for n, text in lines)
    more = f'<p class="mb-note">{esc(more_note)}</p>' if more_note else ""
    return f'<blockquote class="mb-passage">{quoted}</blockquote>{more}'


def note_html(text: str) -> str:
    """A note under a chart or a table, in the captions' small grey type."""
    return f'<p class="mb-note">{esc(text)}</p>' if text else ""


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
    columns = []
    for group in groups:
        items = "".join(
            f'<li><p class="mb-vd-what"><span>{esc(v.label)}:</span> <strong>{esc(v.outcome)}</strong>'
            f"{' ' + esc(entered_mark) if v.entered else ''}</p>"
            f'<blockquote class="mb-vd-quote" lang="{REPORT_LANG}" aria-label="{esc(quote_label)}">'
            f"<p>”{esc(v.wording)}”</p></blockquote>{sources(v.source_lines)}</li>"
            for v in group.verdicts
        )
        columns.append(
            f'<section class="mb-vd-col"><{heading}>{esc(group.heading)}</{heading}><ul>{items}</ul></section>'
        )
    return f'<div class="mb-verdicts">{"".join(columns)}</div>{note_html(note)}'
