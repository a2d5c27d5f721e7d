"""malbild.ui.blocks: the static parts of a page as HTML, every text escaped, figures as the pages format them."""

from __future__ import annotations

import pandas as pd
from page_helpers import Shown

from malbild.ui.blocks import (
    cell_text,
    details_html,
    metrics_html,
    note_html,
    pairs_html,
    passage_html,
    table_html,
)
from malbild.views.base import Metric

NB = "\u00a0"


def parsed(body: str) -> Shown:
    """What a reader meets in an HTML block, as the tests read pages."""
    return Shown([body])


def metric_html(metric: Metric) -> str:
    """One key figure as a card."""
    return metrics_html([metric])


def test_a_metric_card_reads_like_st_metric() -> None:
    card = parsed(metric_html(Metric("Medelålder 2018", "47", "−1 år (2017: 48)", help="Angivet i rapporten")))
    shown = card.metrics[0]
    assert (shown.label, shown.value, shown.delta, shown.help) == (
        "Medelålder 2018",
        "47",
        "−1 år (2017: 48)",
        "Angivet i rapporten",
    )
    assert shown.arrow == "↓", "a Unicode minus earns a down arrow"


def test_arrows_follow_the_sign_and_no_change_has_none() -> None:
    arrows = [
        parsed(metric_html(Metric("x", "1", delta))).metrics[0].arrow for delta in ("+6", "−6,6 p.e.", "±0", "+0")
    ]
    assert arrows == ["↑", "↓", "", ""]
    assert parsed(metric_html(Metric("Ej angivet", "0"))).by_tag("dd")[1:] == [], "no change given: no change line"


def test_the_arrow_is_hidden_from_screen_readers_the_sign_is_read() -> None:
    change = parsed(metric_html(Metric("x", "1", "+1"))).by_tag("dd")[1]
    assert [(e.text, e.get("aria-hidden")) for e in change.iter("span") if e.text == "↑"] == [("↑", "true")]
    assert parsed(metric_html(Metric("x", "1", "+1"))).metrics[0].delta == "+1", "read without the arrow"


def test_every_text_is_escaped() -> None:
    hostile = '<b>fet</b> "x" [klick](https://evil.example)'
    body = metrics_html([Metric(hostile, hostile, "+1 " + hostile, help=hostile)])
    body += table_html(pd.DataFrame({hostile: [hostile]}), label=hostile, lang="sv")
    body += details_html(hostile, note_html(hostile)) + pairs_html([(hostile, hostile)])
    body += passage_html([(12, hostile)], hostile)
    assert "<b>" not in body and '"x"' not in body
    assert body.count("&lt;b&gt;fet&lt;/b&gt;") == 13  # 4 in the card, 3 in the table, 2 + 2 + 2


def test_columns_wrap_after_the_given_count() -> None:
    four = [Metric(str(i), str(i)) for i in range(5)]
    assert 'style="--mb-cols:3"' in metrics_html(four, columns=3)
    assert 'style="--mb-cols:5"' in metrics_html(four)
    assert 'class="mb-metrics mb-bordered"' in metrics_html(four, border=True)
    assert metrics_html([]) == ""


def test_cells_in_the_pages_number_format() -> None:
    assert [cell_text(v, lang="sv") for v in (6.0, 1234.5, 1234567, None, float("nan"), "7 kr")] == [
        "6",
        f"1{NB}234,5",
        f"1{NB}234{NB}567",
        "–",
        "–",
        "7 kr",
    ]
    assert cell_text(1234.5, "en") == "1,234.5"


def test_a_table_has_headers_and_right_aligned_numbers() -> None:
    frame = pd.DataFrame({"Åldersgrupp": ["20-29", "60+"], "Kvinnor": [6.0, None]})
    body = table_html(frame, label="Ålder", lang="sv")
    assert '<th scope="col">Åldersgrupp</th><th scope="col" class="mb-num">Kvinnor</th>' in body
    assert '<td class="mb-num">6</td>' in body and '<td class="mb-num">–</td>' in body  # presentation: aligned right
    name, rows = parsed(body).tables[0]
    assert name == "Ålder"
    assert rows == [["Åldersgrupp", "Kvinnor"], ["20-29", "6"], ["60+", "–"]]


def test_a_folded_section_is_closed_until_opened() -> None:
    body = details_html("Visa källa · rad 12", passage_html([(12, "  Målet nås.  ")], "3 rader till"))
    shown = parsed(body)
    assert shown.details == [("Visa källa · rad 12", "12 Målet nås. 3 rader till")]
    assert shown.by_tag("details")[0].get("open") is None
    assert shown.quotes == ["12 Målet nås."] and shown.notes == ["3 rader till"]
    assert [e.text for e in shown.by_tag("code")] == ["12"], "the line number set apart"
    assert note_html("") == ""


def test_columns_of_formatted_figures_are_right_aligned_ranges_and_text_are_not() -> None:
    frame = pd.DataFrame(
        {
            "Rad": ["Politiska organisationen", "Σ Summa"],
            "Utfall": [f"−5{NB}298{NB}tkr", f"3{NB}tkr"],
            "English": [f"-SEK{NB}3k", f"+SEK{NB}547k"],
            "Åldersgrupp": ["20-29", "60+"],
            "Andel": [f"15{NB}%", "Ej angivet i rapporten"],
            "2018": ["110", "–"],
        }
    )
    heads = parsed(table_html(frame, lang="sv")).tables[0][1][0]
    body = table_html(frame, lang="sv")
    right = [head for head in heads if f'<th scope="col" class="mb-num">{head}</th>' in body]
    assert right == ["Utfall", "English", "2018"]
