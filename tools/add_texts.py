"""Append texts to the gettext catalogues (malbild/texts/locale/<lang>/LC_MESSAGES/malbild.po), then compile them.

Two ways to name the texts:
  python tools/add_texts.py block.py            a Python file holding one dict literal {key: (Swedish, English)}
  python tools/add_texts.py --compile          only compile every .po into its .mo (make texts runs this)
  python tools/add_texts.py --sv sv.py --en en.py   two files holding one dict literal {key: text} each (the old
                                                    texts/sv.py and en.py of a branch: keys not in the catalogues
                                                    yet are added, the others are left as they are)

A key already in a catalogue with another text is refused (nothing written); a third language gets the key
untranslated (an empty text: `make texts` counts it, the app shows the Swedish text until someone translates it).
"""

from __future__ import annotations

import argparse
import ast
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

LOCALE_DIR = Path(__file__).resolve().parents[1] / "malbild" / "texts" / "locale"
DOMAIN = "malbild"
# The header Babel writes into a .mo carries dates: fixed, so compiling the same .po gives the same bytes (no churn
# in git, no conflict between branches over a binary file).
FIXED_DATE = datetime(2026, 1, 1, tzinfo=UTC)


def _dict_literal(path: Path) -> dict[str, object]:
    """The first dict literal in a Python file (the assignment `SV: dict[str, str] = {...}` or a bare `{...}`)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Dict):
            return ast.literal_eval(node)  # type: ignore[no-any-return]
    raise SystemExit(f"{path}: no dict literal")


def pairs_from(args: argparse.Namespace) -> dict[str, tuple[str, str]]:
    """The texts to add: key -> (Swedish, English)."""
    if args.block:
        pairs = _dict_literal(Path(args.block))
        bad = [k for k, v in pairs.items() if not (isinstance(v, tuple) and len(v) == 2)]
        if bad:
            raise SystemExit(f"not (Swedish, English) pairs: {bad}")
        return {str(k): (str(v[0]), str(v[1])) for k, v in pairs.items()}  # type: ignore[index]
    sv, en = _dict_literal(Path(args.sv)), _dict_literal(Path(args.en))
    if set(sv) != set(en):
        raise SystemExit(f"keys in one language only: {sorted(set(sv) ^ set(en))}")
    return {str(k): (str(sv[k]), str(en[k])) for k in sv}


def catalogue_paths() -> dict[str, Path]:
    """The .po file of every language in the repository's locale directory."""
    return {p.parents[1].name: p for p in sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))}


def add(pairs: dict[str, tuple[str, str]], po_paths: dict[str, Path]) -> list[str]:
    """Add the pairs to every catalogue and compile each; return the keys added."""
    catalogues: dict[str, Catalog] = {}
    for lang, path in po_paths.items():
        with path.open("rb") as f:
            catalogues[lang] = read_po(f, locale=None)
    clashes, added = [], []
    for key, (sv, en) in pairs.items():
        for lang, cat in catalogues.items():
            old = cat.get(key)
            if old is not None and lang in ("sv", "en") and old.string != (sv if lang == "sv" else en):
                clashes.append(f"{lang}: {key}: {old.string!r}")
    if clashes:
        raise SystemExit("keys in the catalogues already, with other texts:\n" + "\n".join(clashes))
    for key, (sv, en) in pairs.items():
        if catalogues and catalogues[next(iter(catalogues))].get(key) is not None:
            continue
        added.append(key)
        for lang, cat in catalogues.items():
            cat.add(key, {"sv": sv, "en": en}.get(lang, ""))
    for lang, cat in catalogues.items():
        with po_paths[lang].open("wb") as f:
            write_po(f, cat, width=120, omit_header=True, sort_output=True)  # as `make texts` writes them
        compile_catalogue(po_paths[lang])
    return added


def compile_catalogue(po: Path) -> None:
    """Write the .mo beside a .po, the same bytes for the same texts (`pybabel compile` stamps the time)."""
    with po.open("rb") as f:
        catalogue = read_po(f)
    catalogue.creation_date = catalogue.revision_date = FIXED_DATE
    with po.with_suffix(".mo").open("wb") as f:
        write_mo(f, catalogue, use_fuzzy=True)  # a catalogue without a header reads as fuzzy (docs/texts.md)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("block", nargs="?", help="a Python file with one dict {key: (Swedish, English)}")
    parser.add_argument("--sv", help="a Python file with one dict {key: Swedish text}")
    parser.add_argument("--en", help="a Python file with one dict {key: English text}")
    parser.add_argument("--compile", action="store_true", help="only compile every catalogue")
    args = parser.parse_args(argv)
    if args.compile:
        for lang, po in catalogue_paths().items():
            compile_catalogue(po)
            print(f"compiled {lang}: {po.with_suffix('.mo').relative_to(LOCALE_DIR.parents[2])}")
        return 0
    if not args.block and not (args.sv and args.en):
        parser.error("give a block file, or --sv and --en")
    added = add(pairs_from(args), catalogue_paths())
    print(f"{len(added)} keys added to {', '.join(catalogue_paths())}: {' '.join(added)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
