"""The walk-through as a PowerPoint deck (16:9) for meetings: a title slide, then one slide per step.

Each step slide has the step's title, its message (for a goal: why, quoted), its chart as a PNG picture rendered at
the size it is placed (chart text at least 18 pt), its key figures as text, and a one-line source footer; the
speaker notes hold the source lines, the message, the chart's text alternative and who entered the step's entered
figures. When staff
entered figures, closing slides list every one with who entered it, when and from which document.

The charts are rendered as images by Kaleido with the system Chromium, all in ONE browser session
(`render_images`), because each browser start costs seconds. Set BROWSER_PATH or MALBILD_CHROMIUM if
Chromium is not at /usr/bin/chromium.

Command line: `python -m malbild.export.deck --output build/malbild-genomgang.pptx [--lang en]`.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import date

import duckdb
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from malbild.data.entries.merge import entered_rows
from malbild.export.cli import export_main
from malbild.export.images import RenderError, render_images
from malbild.texts import t
from malbild.views.base import Query, StepView, reader
from malbild.views.coverage import coverage_texts
from malbild.views.provenance import entered_figures, step_lines
from malbild.views.sources import sources_basis_line
from malbild.views.walkthrough import walkthrough_steps

# Slide geometry (16:9); the chart picture is 7.9 × 4.5 in.
SLIDE_W, SLIDE_H = Emu(12_192_000), Emu(6_858_000)  # 13.333 × 7.5 in
PIC_W_IN, PIC_H_IN = 7.9, 4.5
# The chart is rendered at about the size it is placed (a chart pixel ≈ 0.89 pt), so the presenting charts' smallest
# type, 21 px, is 18.7 pt on the slide; scale 3 for sharpness. (A 1200 px wide picture made it about 9 pt.)
DECK_IMG_W_PX = 640
DECK_IMG_H_PX = round(DECK_IMG_W_PX * PIC_H_IN / PIC_W_IN)
DECK_IMG_SCALE = 3
DARK = RGBColor(0x1F, 0x23, 0x28)
MUTED = RGBColor(0x42, 0x4A, 0x53)  # 8.6:1 on white
ENTERED_PER_SLIDE = 10  # provenance lines on one "Entered figures" slide


# --- the deck ----------------------------------------------------------------------------------------------


def _text(
    frame, text: str, size: int, bold: bool = False, color: RGBColor = DARK, italic: bool = False, first: bool = True
) -> None:
    """Add a paragraph (or fill the first one) of a text frame."""
    para = frame.paragraphs[0] if first else frame.add_paragraph()
    run = para.add_run()
    run.text = text
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    run.font.color.rgb = color


def _box(slide, left: float, top: float, width: float, height: float):
    """Add a word-wrapping text box (inches) and return its text frame."""
    frame = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height)).text_frame
    frame.word_wrap = True
    return frame


def _title(slide, text: str, top: float = 0.3, height: float = 0.9, size: int = 30) -> None:
    """Set the slide's title placeholder: position, text and size."""
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = Inches(0.5), Inches(top), Inches(12.3), Inches(height)
    title.text_frame.word_wrap = True
    title.text = text
    for para in title.text_frame.paragraphs:
        for run in para.runs:
            run.font.size = Pt(size)
            run.font.bold = True
            run.font.color.rgb = DARK


def _slides_of_entered(prs, layout, lines: list[str], lang: str) -> None:
    """Close the deck with the entered figures: who entered each, when and from which document (plain text runs)."""
    for start in range(0, len(lines), ENTERED_PER_SLIDE):
        slide = prs.slides.add_slide(layout)
        _title(slide, t("entered_heading" if start == 0 else "entered_more", lang))
        box = _box(slide, 0.5, 1.3, 12.3, 5.9)
        _text(box, t("entered_intro", lang), 16, italic=True, color=MUTED)
        for line in lines[start : start + ENTERED_PER_SLIDE]:
            _text(box, line, 14, first=False)
        slide.notes_slide.notes_text_frame.text = "\n".join(lines[start : start + ENTERED_PER_SLIDE])


def deck_views(q: Query, lang: str) -> list[StepView]:
    """The walk-through's steps as the deck draws them: in presentation mode (the browser test checks these)."""
    return [step.render(q, lang, present=True) for step in walkthrough_steps(q)]


def build_deck(con: duckdb.DuckDBPyConnection, lang: str, today: date | None = None) -> bytes:
    """Build the walk-through deck and return the .pptx bytes (charts rendered in one browser session)."""
    today = today or date.today()
    q = reader(con)
    steps = walkthrough_steps(q)
    views = deck_views(q, lang)
    basis = sources_basis_line(q, lang)
    reports = coverage_texts(q, lang).reports  # the reports there, named on every slide's footer
    entered = entered_figures(entered_rows(con), lang)
    images = render_images([v.figure for v in views], width=DECK_IMG_W_PX, height=DECK_IMG_H_PX, scale=DECK_IMG_SCALE)

    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    title_layout, title_only = prs.slide_layouts[0], prs.slide_layouts[5]

    slide = prs.slides.add_slide(title_layout)
    _title(slide, t("deck_title", lang), top=2.0, height=1.4, size=40)
    sub = slide.placeholders[1]
    sub.left, sub.top, sub.width, sub.height = Inches(0.5), Inches(3.6), Inches(12.3), Inches(2.2)
    sub.text_frame.word_wrap = True
    sub.text_frame.text = ""
    _text(sub.text_frame, t("deck_subtitle", lang, date=today.isoformat()), 24)
    _text(sub.text_frame, basis, 16, color=MUTED, first=False)
    slide.notes_slide.notes_text_frame.text = basis

    for step, view, png in zip(steps, views, images):
        slide = prs.slides.add_slide(title_only)
        _title(slide, step.title(lang), size=26)  # the longest goal name on one line: the message right under it
        _text(_box(slide, 0.5, 1.15, 12.3, 1.25), view.message, 18, italic=True)
        pic = slide.shapes.add_picture(io.BytesIO(png), Inches(0.4), Inches(2.45), width=Inches(PIC_W_IN))
        pic.name = f"chart_{step.key}"
        # Alt text for screen readers (PowerPoint reads the picture's description).
        pic._element.nvPicPr.cNvPr.set("descr", view.alt)
        box = _box(slide, 8.5, 2.45, 4.4, 4.5)
        _text(box, t("deck_key_figures", lang), 16, bold=True, color=MUTED)
        for label, value in view.key_figures:
            _text(box, label, 14, color=MUTED, first=False)
            _text(box, value, 18, bold=True, first=False)
        # One short line; the line numbers are in the speaker notes.
        _text(_box(slide, 0.5, 6.98, 12.3, 0.42), t("deck_footer_short", lang, reports=reports), 14, color=MUTED)
        notes = slide.notes_slide.notes_text_frame
        notes.text = view.message
        _text(notes, t("deck_notes_alt", lang, alt=view.alt), 12, first=False)
        _text(notes, t("deck_footer", lang, lines=view.source_lines.replace(";", "; ")), 12, first=False)
        for line in step_lines(entered, step.key):
            _text(notes, line, 12, first=False)

    if entered:
        _slides_of_entered(prs, title_only, [f.line for f in entered], lang)

    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    """Command line: build the database if missing, write the deck, print build time and file size."""
    parser = argparse.ArgumentParser(description="Write the Målbild walk-through as a PowerPoint deck (.pptx)")
    try:
        return export_main(parser, argv, lambda con, args: build_deck(con, args.lang))
    except RenderError as exc:
        print(f"deck failed: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
