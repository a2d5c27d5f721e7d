"""Text from a URL, a file or a person shown as text: escaped for Markdown and Plotly, neutralised for spreadsheets.

- md(): for Streamlit's Markdown contexts (st.markdown, st.caption, st.title/header, metric labels, st.table cells):
  every character Markdown, Streamlit's directives (`:red[…]`, `:material/…:`) or LaTeX could act on is
  backslash-escaped, a colon before a letter is escaped (`:red`, `:material/…:` would start a directive), and
  literal URLs and e-mail addresses get an invisible word joiner (U+2060) after "://", "www" or "@": Streamlit's
  Markdown finds those in the text after escapes are resolved, so only a character in between stops the link.
- plotly_text(): for Plotly labels, hover texts and bar texts, which understand a little HTML (<b>, <a href>, <br>).
- shown(): every Unicode format character (category Cf: right-to-left overrides and isolates, zero-width spaces and
  joiners, the BOM, soft hyphens, …) written out as "[U+202E]", so a stored or uploaded name cannot reorder or hide
  what is shown ("Evil‮fdp.exe" reads "Evil[U+202E]fdp.exe"). md(), plotly_text() and the HTML templates
  (malbild.markup) call it; shown_frame() does it for a grid (st.dataframe), whose cells are plain text (no Markdown
  escaping) and whose gaps are shown as the gap sign.
- cell(): a download cell that a spreadsheet would read as a formula (=, +, -, @, tab, CR first) gets a leading
  apostrophe, as OWASP recommends for CSV injection; numbers are left as numbers.
"""

from __future__ import annotations

import re
from numbers import Number
from xml.sax.saxutils import escape as xml_escape

import pandas as pd

from malbild import fmt

# Markdown's ASCII punctuation that can start or end a construct (CommonMark allows escaping any of them).
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$!])")
# GFM turns bare http://, https://, www. and e-mail addresses into links (matched in the rendered text).
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9]:)(?=//)|(?<=\bwww)(?=\.)|(?<=@)(?=[\w-])")
WORD_JOINER = "\u2060"
# A colon before a letter starts a Streamlit/remark directive (:red[…], :blue-background[…], :material/x:).
_DIRECTIVE = re.compile(r":(?=[A-Za-z])")
# At the start of a line: a list item (-, +, 1. or 1)), a quote (>), a heading (#), a rule (---, ===).
_LINE_START = re.compile(r"(?m)^(\s*)([-+])(?=\s|$)|^(\s*)([-=])(?=[-=]*\s*$)|^(\s*\d+)([.)])(?=\s|$)")

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Unicode's format characters (category Cf) as of Unicode 14 (Python 3.11); tests/test_security.py checks the class
# against unicodedata, so a newer Python with more of them fails loudly instead of letting one through.
_FORMAT_CHARS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)


def shown(value: object) -> str:
    """Return text with every invisible format character written out as '[U+XXXX]' (None: '')."""
    text = "" if value is None else str(value)
    if text.isascii():
        return text
    return _FORMAT_CHARS.sub(lambda m: f"[U+{ord(m.group(0)):04X}]", text)


def shown_frame(frame: pd.DataFrame, gap: str = fmt.GAP) -> pd.DataFrame:
    """Return a copy of a table for st.dataframe: text cells and headers through shown(), a missing value as `gap`
    in text columns (a grid shows None/NaN as the word 'None'); numeric columns stay numeric."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = [gap if fmt.is_missing(v) else shown(v) for v in out[column]]
    out.columns = [shown(c) if isinstance(c, str) else c for c in out.columns]
    return out


def _neutralise_line_start(match: re.Match) -> str:
    """Escape the marker of a list item or a heading underline found at the start of a line."""
    groups = match.groups()
    for lead, marker in zip(groups[::2], groups[1::2]):
        if marker:
            return (lead or "") + "\\" + marker
    return match.group(0)


def md(value: object) -> str:
    """Return text escaped for a Streamlit Markdown context: shown exactly as written, never as markup."""
    text = shown(value)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _DIRECTIVE.sub(r"\\:", text)
    text = _AUTOLINK.sub(WORD_JOINER, text)
    text = _LINE_START.sub(_neutralise_line_start, text)
    return text


def md_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a table with its text cells and headers escaped for st.table (which renders Markdown)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = [md(v) if isinstance(v, str) else v for v in out[column]]
    out.columns = [md(c) if isinstance(c, str) else c for c in out.columns]
    return out


def plotly_text(value: object) -> str:
    """Return text with &, < and > escaped for a Plotly label or hover text (Plotly's few tags: <b>, <a>, <br>; it
    shows the entities as characters). HTML for a page or a file is written by malbild.markup's templates."""
    return xml_escape(shown(value))


def plotly_texts(values) -> list[str]:
    """Escape each of a sequence of texts for Plotly."""
    return [plotly_text(v) for v in values]


def cell(value: object) -> object:
    """Return a download cell safe from formula injection: numbers stay numbers, text can't start a formula."""
    if value is None or isinstance(value, bool) or (isinstance(value, Number) and not isinstance(value, str)):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
