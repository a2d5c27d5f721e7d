"""A pseudo-language 'xx' for the tests: every text of the Swedish catalogue wrapped and lengthened ('⟦Ôvérsîkt~~~⟧',
about 40 % longer, {placeholders} intact), written as a catalogue into a directory that $MALBILD_LOCALE_DIRS names.

A page, the deck or the snapshot drawn in it shows every UI text inside ⟦…⟧: an unwrapped Swedish or English text
is one the code did not take from the catalogue (or took from another language), and the lengthened texts show
where a longer language would be cut off.
"""

from __future__ import annotations

import html
import re
import string
from pathlib import Path

import duckdb
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo

from malbild.paths import SOURCE_FILE
from malbild.texts import DEFAULT_LANG, LOCALE_DIR, LOCALE_DIRS_ENV

CODE = "xx"
OPEN, CLOSE = "⟦", "⟧"
ACCENTS = str.maketrans("aeiouyAEIOUY", "áéîôûýÁÉÎÔÛÝ")
# The pseudo-language's own description (meta_* entries are settings, not texts: not wrapped).
META = {
    "meta_name": "⟦Psêûdô~~⟧",
    "meta_locale": "de_DE",  # another locale's numbers: 1.234.567,5
    "meta_data_columns": "en",
    "meta_sek": "{n} ⟦kr⟧",
    "meta_tkr": "{n} ⟦tkr⟧",
    "meta_msek": "{n} ⟦mnkr⟧",
    "meta_pct": "{n} ⟦%⟧",
}
_LINK_TARGET = re.compile(r"(\]\([^)]*\))")  # a Markdown link's address is left as it is


def _accented(text: str) -> str:
    """Accent the letters outside {placeholders} and link addresses."""
    out = []
    for literal, field, spec, conversion in string.Formatter().parse(text):
        parts = _LINK_TARGET.split(literal)
        out.append("".join(p if _LINK_TARGET.fullmatch(p) else p.translate(ACCENTS) for p in parts))
        if field is not None:
            out.append("{" + field + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}")
    return "".join(out)


def wrap(text: str) -> str:
    """'Översikt' → '⟦Ôvérsîkt~~~⟧': accented, about 40 % longer, placeholders intact."""
    escaped = text.replace("{{", "\0").replace("}}", "\1")
    shown = _accented(escaped).replace("\0", "{{").replace("\1", "}}")
    return f"{OPEN}{shown}{'~' * max(1, round(len(text) * 0.4))}{CLOSE}"


def write_pseudo_catalogue(directory: Path) -> Path:
    """Write xx/LC_MESSAGES/malbild.mo under `directory` from the Swedish catalogue; return `directory`."""
    with (LOCALE_DIR / DEFAULT_LANG / "LC_MESSAGES" / "malbild.mo").open("rb") as f:
        swedish = read_mo(f)
    catalogue = Catalog(locale="de", domain="malbild", fuzzy=False)
    for message in swedish:
        if message.id:
            key = str(message.id)
            catalogue.add(key, META[key] if key in META else wrap(str(message.string)))
    target = directory / CODE / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    with (target / "malbild.mo").open("wb") as f:
        write_mo(f, catalogue)
    return directory


def unwrapped(text: str) -> str:
    """The text with every ⟦…⟧ (nested ones too) taken out: what is left did not come from the pseudo catalogue."""
    previous = None
    while previous != text:
        previous, text = text, re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
    return text


def catalogue_texts() -> dict[str, str]:
    """Every Swedish and English text (by 'lang:key'), for looking for them where only wrapped texts belong."""
    out = {}
    for lang in (DEFAULT_LANG, "en"):
        with (LOCALE_DIR / lang / "LC_MESSAGES" / "malbild.mo").open("rb") as f:
            out.update(
                {f"{lang}:{m.id}": str(m.string) for m in read_mo(f) if m.id and not str(m.id).startswith("meta_")}
            )
    return out


def fragments(text: str, shortest: int = 12) -> list[str]:
    """The literal parts of a text between its {placeholders}, the longer ones only (short words such as 'Mål' or
    'Total' also occur in the report's own data)."""
    parts = [literal.strip(" .,:;()–-") for literal, _, _, _ in string.Formatter().parse(text)]
    return [p for p in parts if len(p) >= shortest and " " in p]


def plain(text: str) -> str:
    """What a reader sees of a text that may be HTML: no style, script or comment, no tags, entities decoded, each
    line's spaces collapsed."""
    text = re.sub(r"<(style|script)\b.*?</\1>|<!--.*?-->", " ", text, flags=re.S | re.I)
    # a chart's JSON spec writes characters as \u002f: decode them; a line break inside a label (charts wrap long
    # names) joins its words
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    text = re.sub(r"<br\s*/?>", " ", text, flags=re.I)
    text = html.unescape(re.sub(r"<[^>]+>", "\n", text))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def data_texts(db: Path) -> list[str]:
    """The report's own texts, allowed in any language: every text cell of the database (goal names, quoted
    passages, line names, notes) and every line of the report's source text."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        columns = con.sql(
            "select table_name, column_name from information_schema.columns"
            " where data_type = 'VARCHAR' and table_schema = 'main'"
        ).fetchall()
        out = {
            " ".join(str(v).split())
            for table, column in columns
            for (v,) in con.sql(f'select distinct "{column}" from "{table}"').fetchall()
            if v
        }
    finally:
        con.close()
    source = [" ".join(line.split()) for line in SOURCE_FILE.read_text(encoding="utf-8").splitlines()]
    return sorted(out) + [line for line in source if line]  # the source's lines in order (passages join them)


def leaks(texts: list[str], data: list[str]) -> list[str]:
    """The Swedish and English catalogue texts shown outside ⟦…⟧ and outside the report's own texts (`data`), each
    with where it was seen."""
    shown = plain(unwrapped("\n".join(texts)))
    report = " ".join(data)  # passages are shown as several of the report's lines joined
    found = []
    for where, text in catalogue_texts().items():
        for part in fragments(text):
            for line in (line for line in shown.splitlines() if part in line):
                at = line.index(part)
                # The words before it or after it are the report's own (a passage, a line name): data, not UI.
                before, after = line[max(0, at - 12) : at + len(part)], line[at : at + len(part) + 12]
                if before not in report and after not in report:
                    found.append(f"{where}: {part!r} in {line[max(0, at - 80) : at + 80]!r}")
                    break
    return sorted(set(found))


__all__ = ["CODE", "LOCALE_DIRS_ENV", "data_texts", "leaks", "plain", "wrap", "write_pseudo_catalogue"]
