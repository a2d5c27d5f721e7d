"""Swedish and English number formats."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from malbild import fmt

NB = "\u00a0"


def test_sek_swedish_and_english() -> None:
    assert fmt.sek(1234567, lang="sv") == f"1{NB}234{NB}567{NB}kr"
    assert fmt.sek(1234567, "en") == f"SEK{NB}1,234,567"
    assert fmt.sek(None, lang="sv") == "–"


def test_pct_uses_decimal_comma() -> None:
    assert fmt.pct(2.9, lang="sv") == f"2,9{NB}%"
    assert fmt.pct(2.9, lang="en") == "2.9%"
    assert fmt.pct(15.0, lang="sv") == f"15{NB}%"
    assert fmt.pct(float("nan"), lang="sv") == "–"


def test_negative_tkr_uses_minus_sign() -> None:
    assert fmt.tkr(-3100, lang="sv") == f"−3{NB}100{NB}tkr"
    assert fmt.tkr(-3100, "en") == f"-SEK{NB}3,100k"


def test_msek_and_ratio() -> None:
    assert fmt.msek(13_257_349, lang="sv") == f"13,3{NB}mnkr"
    assert fmt.value_with_unit(1.28, "ratio", lang="sv") == "1,28"
    assert fmt.value_with_unit(110, "persons", lang="sv") == "110"
    assert fmt.value_with_unit(10.4, "count", lang="sv") == "10,4"


def test_source_ranges_are_merged_and_capped() -> None:
    from malbild.data.source_lines import format_ranges, merge_ranges

    assert merge_ranges("4421-4440;4430-4450;4451;10") == [(10, 10), (4421, 4451)]
    assert merge_ranges(["1-2", "", None, "5-6;3"]) == [(1, 3), (5, 6)]
    assert format_ranges([(1, 3), (5, 5)]) == "1-3, 5"
    assert format_ranges([(i * 10, i * 10) for i in range(1, 16)], limit=2) == "10, 20, … (+13)"


def test_halves_round_away_from_zero_as_in_swedish_accounts() -> None:
    assert fmt.number(2.5, lang="sv") == "3"
    assert fmt.number(-2.5, lang="sv") == "−3"
    assert fmt.number(0.05, 1, lang="sv") == "0,1"
    assert fmt.tkr(30318594.5, lang="sv") == f"30{NB}318{NB}595{NB}tkr"


def test_negative_amounts_keep_their_sign_in_both_languages() -> None:
    assert fmt.sek(-3100, lang="sv") == f"−3{NB}100{NB}kr"
    assert fmt.sek(-3100, "en") == f"-SEK{NB}3,100"
    assert fmt.pct(-1.5, lang="sv") == f"−1,5{NB}%"
    assert fmt.number(-0.04, 1, lang="en") == "0.0"
    assert fmt.sek(-0.4, lang="sv") == f"0{NB}kr"


def test_unknown_language_falls_back_to_swedish() -> None:
    assert fmt.number(1234.5, 1, lang="xx") == f"1{NB}234,5"


def test_plotly_separators_follow_the_language() -> None:
    # Plotly's layout.separators: decimal mark, then thousands separator.
    assert fmt.plotly_separators("sv") == ", "
    assert fmt.plotly_separators("en") == ".,"


def test_numbers_with_decimals_and_units() -> None:
    assert fmt.number(1234567.5, 1, lang="sv") == f"1{NB}234{NB}567,5"
    assert fmt.number(1234567.5, 1, lang="en") == "1,234,567.5"
    assert fmt.value_with_unit(13.3, "msek", lang="sv") == f"13,3{NB}mnkr"
    assert fmt.value_with_unit(None, "pct", lang="sv") == "–" and fmt.value_with_unit(None, "msek", lang="sv") == "–"
    assert fmt.value_with_unit(2.0, "pct", "en") == "2%"
    assert fmt.tkr(1234, "en") == f"SEK{NB}1,234k"
    assert fmt.msek(13_257_349, "en") == f"SEK{NB}13.3m"


def test_money_ticks_pick_a_unit_and_round_steps() -> None:
    from malbild.fmt import money_ticks

    assert money_ticks(35_000_000, lang="sv") == (
        [0, 10_000_000, 20_000_000, 30_000_000, 40_000_000],
        ["0", "10", "20", "30", "40"],
        "mnkr",
    )
    assert money_ticks(250_000, lang="sv")[1:] == (["0", "100", "200", "300"], "tkr")
    values, texts, unit = money_ticks(900, "en")
    assert texts[-1] == "1,000" and unit == "SEK" and values[-1] >= 900


def test_english_money_reads_as_english_writes_it() -> None:
    """The sign goes before 'SEK', the k/m sticks to the figure: '+SEK 3k', '-SEK 128k' (not 'SEK +3 k')."""
    from malbild.texts.labels import signed_tkr

    assert signed_tkr(3, "en") == f"+SEK{NB}3k" and signed_tkr(-128, "en") == f"-SEK{NB}128k"
    assert fmt.msek(-2_500_000, "en") == f"-SEK{NB}2.5m"
    assert fmt.value_with_unit(-3100, "sek", "en") == f"-SEK{NB}3,100"
    for text in (signed_tkr(3, "en"), fmt.tkr(-3, "en"), fmt.msek(3e6, "en"), fmt.sek(-3, "en")):
        assert "SEK+" not in text.replace(NB, "") and "SEK-" not in text.replace(NB, "") and f"{NB}k" not in text


# Numbers made of few distinct digits (only 0s and 9s, only 0s, …) are where a sign rule that looks for a non-zero
# digit goes wrong; the strategy picks a small alphabet first, so each digit is tried alone and with zeros.
_DIGITS = st.sets(st.sampled_from("0123456789"), min_size=1, max_size=3).flatmap(
    lambda alphabet: st.text(alphabet=sorted(alphabet), min_size=1, max_size=9)
)
_SIGNED = {
    "number": lambda v, lang: fmt.number(v, 0, lang=lang),
    "number1": lambda v, lang: fmt.number(v, 1, lang=lang),
    "sek": fmt.sek,
    "tkr": fmt.tkr,
    "msek": fmt.msek,
    "pct": lambda v, lang: fmt.pct(v, lang=lang),
}


@settings(max_examples=400, derandomize=True, deadline=None)
@given(
    digits=_DIGITS,
    point=st.integers(min_value=0, max_value=9),
    name=st.sampled_from(sorted(_SIGNED)),
    lang=st.sampled_from(["sv", "en"]),
)
def test_a_negative_is_signed_exactly_when_its_shown_figure_is_not_zero(
    digits: str, point: int, name: str, lang: str
) -> None:
    """−x is shown as the sign before x's own text, unless x is shown as zero ('0', '0,0 %'): then no sign at all."""
    cut = max(len(digits) - point, 0)
    value = float(f"{digits[:cut] or '0'}.{digits[cut:] or '0'}")
    shown = _SIGNED[name](value, lang)
    shown_zero = int(re.sub(r"\D", "", shown)) == 0
    minus = "\u2212" if lang == "sv" else "-"
    assert _SIGNED[name](-value, lang) == (shown if shown_zero else minus + shown)
