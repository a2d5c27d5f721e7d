"""The report's own verdicts where a reader looks: the overview's first screen, Ekonomi, the snapshot.

Expected wording from the report: line 8491 "När det gäller det verksamhetsmässiga resultatet är detta delvis
förenligt med fullmäktiges mål"; lines 699-707 "... har en tillräckligt god måluppfyllnad för att uppfylla det
lagstadgade kravet om god ekonomisk hushållning."
"""

from __future__ import annotations

from conftest import edit_csv
from page_helpers import Shown

from malbild.data.build import build
from malbild.export.snapshot import build_snapshot
from malbild.texts import t
from malbild.ui.blocks import verdicts_html
from malbild.views.base import reader
from malbild.views.steps import verdicts_step
from malbild.views.verdicts import verdicts_view

AUDITORS_8491 = "När det gäller det verksamhetsmässiga resultatet är detta delvis förenligt med fullmäktiges mål"
REGION_707 = "lagstadgade kravet om god ekonomisk hushållning."


def _verdict_quotes(shown: Shown, lang: str) -> list:
    """The verdicts' quotes in a block: the quotations named as the report's wording."""
    return [q for q in shown.by_tag("blockquote") if q.get("aria-label") == t("vd_quote_label", lang)]


def _html(at) -> list[str]:
    return [h.proto.body for h in at.get("html")]


def test_the_overview_opens_with_both_verdicts_and_their_sources(open_page):
    for lang, source, outcome in (
        ("sv", "Visa källa · Årsredovisning 2018, rad 8491", "Delvis"),
        ("en", "Show source · Annual report 2018, lines 8491", "Partly"),
    ):
        at = open_page("app.py", lang=lang)
        shown = [Shown([b]) for b in _html(at)]
        first = next(i for i, b in enumerate(shown) if _verdict_quotes(b, lang))
        grid = next(i for i, b in enumerate(shown) if t("grid_caption", lang) in b.captions)
        assert first < grid, "the verdicts stand above the goal grid"
        block = shown[first]
        quotes = _verdict_quotes(block, lang)
        assert any(AUDITORS_8491 in q.text_content() for q in quotes)
        assert any(REGION_707 in q.text_content() for q in quotes)
        assert source in dict(block.details) and outcome in [e.text_content() for e in block.by_tag("strong")]
        assert len(quotes) == 3 and all(q.get("lang") == "sv" for q in quotes)  # each quote is marked Swedish
        assert any(q.startswith("8491 När det gäller") for q in block.quotes)  # the passage itself, folded


def test_ekonomi_lists_every_verdict(open_page):
    at = open_page("pages/4_Finance.py")
    block = next(b for b in _html(at) if _verdict_quotes(Shown([b]), "sv"))
    assert AUDITORS_8491 in block and "att årsredovisning för år 2018 godkänns" in block
    assert len(Shown([block]).by_tag("li")) == 10  # 3 by the region (lines 530, 665, 699), 7 by the auditors
    assert [h.value for h in at.header].count("Rapportens egna bedömningar 2018") == 1


def test_a_verdict_is_shown_as_text_never_markup(data_copy, tmp_path, open_page_on):
    def inject(rows):
        rows[0]["wording_sv"] = '<img src=x onerror="alert(1)"> **fet** [länk](http://x)'
        rows[0]["verdict_key"], rows[0]["scope"] = "sound_management", "overall"
        return [rows[0]] + rows[3:]

    edit_csv(data_copy / "verdict.csv", inject)
    db = tmp_path / "x.duckdb"
    build(db, data_copy)
    at = open_page_on(db, data_copy)
    block = next(b for b in _html(at) if "mb-verdicts" in b)
    shown = Shown([block])
    assert '”<img src=x onerror="alert(1)"> **fet** [länk](http://x)”' in shown.quotes, "the wording as text"
    assert not shown.by_tag("img") and "<img" not in block


def test_verdicts_html_escapes_everything_it_is_given(con):
    view = verdicts_view(reader(con), "en")
    html = verdicts_html(view.headline, lambda lines: f"<p>{lines}</p>", 'say "quoted" <b>', "a <note>", "✎ <x>")
    shown = Shown([html])
    assert {q.get("aria-label") for q in shown.by_tag("blockquote")} == {'say "quoted" <b>'}
    assert shown.notes == ["a <note>"] and not shown.by_tag("b") and not shown.by_tag("note")
    assert [h.text_content() for h in shown.by_tag("h2")][0] == "The region's own verdict 2018"
    assert all(s.text_content().endswith("✎ <x>") for s in shown.by_tag("p") if "✎" in s.text_content())


def test_the_snapshot_opens_its_overview_with_the_verdicts(con):
    page = build_snapshot(con, "en", charts=False)
    overview = page[page.index('id="overview"') : page.index('class="mb-scroll"', page.index('id="overview"'))]
    assert AUDITORS_8491 in overview and REGION_707 in overview
    assert "The verdicts are quoted in Swedish from the annual report." in overview
    assert "Annual report 2018, lines 8491" in overview
    assert 'id="verdicts"' in page  # the closing step's section, with every verdict's wording
    assert "att räkenskaperna i allt väsentligt är rättvisande" in page


def test_the_verdict_chart_counts_the_outcomes_the_report_words(con):
    # "till övervägande del" at 8481 and 8487, "delvis" at 8491, the region's operational verdict (530-538) has none
    from malbild.charts.verdicts import verdict_counts

    step = verdicts_step(reader(con), "sv")  # the walk-through's closing step draws the chart
    counts = verdict_counts(
        step.data.assign(label=step.data["Bedömning"], outcome=step.data["Utfall"]).assign(
            score=[{"Ja": 3, "Till övervägande del": 2, "Delvis": 1}.get(o) for o in step.data["Utfall"]]
        )
    )
    assert list(zip(counts["outcome"], counts["verdicts"])) == [
        ("Ja", 6),
        ("Till övervägande del", 2),
        ("Delvis", 1),
        ("Ingen samlad bedömning", 1),
    ]
    bars = step.figure.data[0]
    assert list(bars.y) == [6, 2, 1, 1] and "Ingen samlad<br>bedömning" in list(bars.x)
