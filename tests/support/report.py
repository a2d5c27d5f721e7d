"""The report and the data files as the reconciliation tests read them: the report's lines by number, cited lines
as one text, a data file's rows. Expected figures come from these lines, never from the data under test."""

from __future__ import annotations

import csv
import re

from malbild.data.build import csv_header
from malbild.data.source_lines import merge_ranges
from malbild.paths import DATA_DIR, SOURCE_FILE


def report_lines() -> dict[int, str]:
    """The report's text by line number, from 1 (the numbers the data's source_lines cite)."""
    return dict(enumerate(SOURCE_FILE.read_text(encoding="utf-8").split("\n"), start=1))


def joined(src: dict[int, str], spec: str) -> str:
    """The cited lines ('3898-3914;3925-4063') as one text: blank lines dropped, the PDF's tabs read as spaces and
    its hyphen U+2010 as '-', line-break hyphens undone."""
    text = " ".join(src[n].strip() for a, b in merge_ranges(spec) for n in range(a, b + 1) if src[n].strip())
    return re.sub(r"(\w)- (\w)", r"\1\2", text.replace("\t", " ").replace("‐", "-"))


def data_rows(table: str) -> list[dict[str, str]]:
    """The rows of data/<table>.csv as text, after checking that its header is the table's columns."""
    with (DATA_DIR / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == csv_header(table)
        return list(reader)
