"""A generated 2019 report for the tests and the bench: known lines on known pages, made with fpdf2 (test extras)."""

from __future__ import annotations

from pathlib import Path

# Debian's DejaVu Sans (fonts-dejavu-core, which Chromium installs): fpdf2's own fonts have no "−" (U+2212).
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

# The report's text, page by page. Line numbers run across pages: page 2's first line is line 4.
PAGES_2019: list[list[str]] = [
    ["Årsredovisning 2019", "Region Västerbotten", "Mål 1: målet är delvis uppnått under året."],
    [
        "Beviljade medel till projekt: 1 234 567 kr.",
        "Årets resultat blev −5 298 tkr, en minskning med 2,9 %.",
        "Övriga åtaganden i Skellefteå och Umeå består.",
    ],
]


def report_pdf(pages: list[list[str]] = PAGES_2019, password: str | None = None) -> bytes:
    """A PDF with each page's lines as text (one line each), encrypted with `password` when given."""
    from fpdf import FPDF

    pdf = FPDF()
    if password:
        pdf.set_encryption(owner_password=password, user_password=password)
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A PDF whose only page is an image (a scan): no text layer."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.add_page()
    pdf.image(Image.new("L", (400, 200), 230), x=10, y=10, w=150)
    return bytes(pdf.output())


def long_report(pages: int = 150, lines_per_page: int = 40) -> bytes:
    """A report of many pages of Swedish text (for the bench)."""
    body = [line for page in PAGES_2019 for line in page]
    return report_pdf(
        [
            [f"Sida {p} rad {i}: {body[(p + i) % len(body)]}" for i in range(1, lines_per_page + 1)]
            for p in range(1, pages + 1)
        ]
    )
