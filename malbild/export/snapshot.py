"""A dated, single-file HTML snapshot of the overview, the six goals and the headline figures, for the record.

The file must open offline in any browser years from now, so it holds everything itself and fetches
nothing: no scripts at all, no web fonts, no CDN, no external images or styles. Charts are static SVG
rendered by Kaleido (one Chromium session for all of them) and embedded as data: URIs in <img> with an
alt text; each chart is followed by a table with the same figures, so the record survives even where
images are not shown (text browsers, screen readers, copying into an archive system). We chose static
SVG over embedding plotly.js: plotly.js adds ~4.6 MB of JavaScript whose behaviour in browsers of the
future is not guaranteed, while SVG in <img> is a plain, standardised, scriptless image format that
also prints sharply. If Chromium is missing, the snapshot is written with the tables only.

Command line: `python -m malbild.export.snapshot --output build/malbild-oversikt.html [--lang en]`.
"""

from __future__ import annotations

import argparse
import base64
import html
from collections.abc import Sequence
from datetime import date

import duckdb
import pandas as pd

from malbild.charts.style import GOAL_COLORS
from malbild.charts.tables import grid_html
from malbild.data.entries.merge import entered_rows
from malbild.export.cli import export_main
from malbild.export.images import RenderError, render_images
from malbild.texts import REPORT_LANG, reads_report_language, t
from malbild.texts.safe import shown
from malbild.views.base import StepView, reader
from malbild.views.goal import GoalView, goal_view
from malbild.views.overview import overview_view
from malbild.views.provenance import EnteredFigure, entered_figures, step_lines
from malbild.views.sources import sources_basis_line
from malbild.views.verdicts import VerdictsView, verdicts_view
from malbild.views.walkthrough import walkthrough_steps

HEADLINE_STEPS = ("projects", "personnel", "finance", "verdicts")  # subjects shown by their walk-through step

CSS = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 1.05rem; line-height: 1.5;
       color: #1f2328; background: #ffffff; margin: 0 auto; max-width: 62rem; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.9rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.5rem; margin-top: 2.5rem; border-bottom: 3px solid var(--goal, #1f2328); padding-bottom: 0.2rem; }
h3 { font-size: 1.15rem; margin-top: 1.5rem; }
.stamp { font-weight: 700; } .muted, .src, caption { color: #424a53; } .src { font-size: 0.9rem; }
a { color: #0a4fa8; text-decoration: underline; } a:focus-visible { outline: 3px solid #0b5fff; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; font-size: 0.95rem; }
th, td { border: 1px solid #8c959f; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; } td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-size: 0.9rem; padding-bottom: 0.3rem; caption-side: top; }
.mb-level { font-weight: 600; white-space: nowrap; border-left: 8px solid var(--lvl); }
.mb-gap { color: #57606a; font-style: italic; }
.mb-scroll { overflow-x: auto; max-width: 100%; }
figure { margin: 1rem 0; } figure img { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
figcaption { font-size: 0.9rem; color: #424a53; }
.level-now { font-size: 1.2rem; font-weight: 700; }
blockquote { margin: 0.5rem 0; padding-left: 1rem; border-left: 4px solid #d0d7de; }
tfoot td, tfoot th { font-weight: 700; }
@media print { a { color: #1f2328; } h2 { break-before: page; } figure, table { break-inside: avoid; } }
"""


def _e(text: object) -> str:
    """Escape text for HTML."""
    return html.escape(shown(text), quote=True)


def _table(frame: pd.DataFrame, caption: str, numeric: tuple[str, ...] = (), foot: list[str] | None = None) -> str:
    """A data frame as an accessible HTML table with a caption; numeric columns right-aligned."""
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in frame.columns)
    rows = []
    for row in frame.itertuples(index=False):
        cells = []
        for i, (col, value) in enumerate(zip(frame.columns, row)):
            cls = ' class="num"' if col in numeric else ""
            tag = ("th", ' scope="row"') if i == 0 else ("td", cls)
            cells.append(f"<{tag[0]}{tag[1]}>{_e(value)}</{tag[0]}>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    tfoot = ""
    if foot:
        tfoot = (
            "<tfoot><tr>"
            + "".join(
                f'<th scope="row">{_e(v)}</th>' if i == 0 else f'<td class="num">{_e(v)}</td>'
                for i, v in enumerate(foot)
            )
            + "</tr></tfoot>"
        )
    return (
        f'<div class="mb-scroll"><table><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody>{tfoot}</table></div>"
    )


def _figure(svg: bytes | None, alt: str) -> str:
    """A chart as an <img> with the SVG inline as a data: URI (nothing is fetched), or nothing without SVG."""
    if not svg:
        return ""
    data = base64.b64encode(svg).decode("ascii")
    return (
        f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{_e(alt)}">'
        f"<figcaption>{_e(alt)}</figcaption></figure>"
    )


def _paragraphs(paragraphs: list[str], lang: str) -> str:
    """Quoted report text as paragraphs; marked Swedish when the page is in English."""
    lang_attr = "" if reads_report_language(lang) else f' lang="{REPORT_LANG}"'
    return f"<blockquote{lang_attr}>" + "".join(f"<p>{_e(p)}</p>" for p in paragraphs) + "</blockquote>"


def _sources(lines: str, lang: str) -> str:
    """The source line note under a section."""
    return f'<p class="src">{_e(t("deck_footer", lang, lines=lines.replace(";", "; ")))}</p>' if lines else ""


def _entered(lines: list[str], lang: str, heading: str = "h3") -> str:
    """Who entered a section's entered figures, when and from which document, as an escaped list ('' when none)."""
    if not lines:
        return ""
    items = "".join(f"<li>{_e(line)}</li>" for line in lines)
    return f'<{heading} class="entered">{_e(t("entered_heading", lang))}</{heading}><ul>{items}</ul>'


def _entered_section(figures: list[EnteredFigure], lang: str) -> str:
    """The section listing every entered figure with its provenance ('' when staff entered none)."""
    if not figures:
        return ""
    return "\n".join(
        [
            '<section id="entered" aria-labelledby="entered-h">',
            f'<h2 id="entered-h">{_e(t("entered_heading", lang))}</h2>',
            f"<p>{_e(t('entered_intro', lang))}</p>",
            "<ul>" + "".join(f"<li>{_e(f.line)}</li>" for f in figures) + "</ul>",
            f'<p><a href="#contents">{_e(t("snap_back", lang))}</a></p></section>',
        ]
    )


def _goal_section(view: GoalView, lang: str, svg: bytes | None, entered: Sequence[str] = ()) -> str:
    """One goal: level by year, progress, texts, sub-goals and the projects granted, with sources."""
    gid = view.goal_id
    color = GOAL_COLORS.get(gid, "#1f2328")
    parts = [
        f'<section id="goal-{gid}" aria-labelledby="goal-{gid}-h" style="--goal:{color}">',
        f'<h2 id="goal-{gid}-h">{_e(view.title)}</h2>',
        f'<p class="level-now">{_e(t("level", lang))} {view.year}: {_e(view.level.value)}</p>',
        _table(view.levels_table, t("snap_levels", lang)),
        _table(view.progress_table, t("snap_progress", lang)),
        _entered(list(entered), lang),
    ]
    if not reads_report_language(lang):
        parts.append(f'<p class="muted">{_e(t("swedish_text_note", lang))}</p>')
    for text in view.texts.values():
        if text is not None:
            parts += [
                f"<h3>{_e(text.title)}</h3>",
                _paragraphs(text.paragraphs, lang),
                _sources(text.source_lines, lang),
            ]
    if view.subgoals:
        lang_attr = "" if reads_report_language(lang) else f' lang="{REPORT_LANG}"'
        parts.append(
            f"<h3>{_e(t('gp_subgoals', lang))}</h3><ul{lang_attr}>"
            + "".join(f"<li><strong>{_e(number)}</strong> {_e(text)}</li>" for number, text in view.subgoals)
            + "</ul>"
        )
        parts.append(_sources(view.subgoal_source_lines, lang))
    parts.append(f"<h3>{_e(t('ov_total_projects', lang, year=view.year))}</h3>")
    if view.projects is None:
        parts.append(f"<p>{_e(view.no_projects)}</p>")
    else:
        parts.append(_figure(svg, view.projects.alt))
        parts.append(
            _table(
                view.projects.data,
                t("ov_total_projects", lang, year=view.year),
                numeric=(t("amount", lang),),
                foot=view.projects_foot,
            )
        )
    parts.append(_sources(view.step.source_lines, lang))
    parts.append(f'<p><a href="#contents">{_e(t("snap_back", lang))}</a></p></section>')
    return "\n".join(parts)


def _verdicts(view: VerdictsView, lang: str) -> str:
    """The report's own verdicts on goal fulfilment, by giver: what each is about, its outcome, its wording quoted
    in Swedish and its lines (the overview's first part)."""
    if not view.headline:
        return ""
    parts = [f"<h3>{_e(t('vd_heading', lang, year=view.year))}</h3>"]
    if view.quoted_note:
        parts.append(f'<p class="muted">{_e(view.quoted_note)}</p>')
    for group in view.headline:
        items = "".join(
            f"<li><strong>{_e(v.label)}: {_e(v.outcome)}</strong>"
            f'<blockquote lang="{REPORT_LANG}"><p>”{_e(v.wording)}”</p></blockquote>'
            f"{_sources(v.source_lines, lang)}</li>"
            for v in group.verdicts
        )
        parts.append(f"<h4>{_e(group.heading)}</h4><ul>{items}</ul>")
    return "\n".join(parts)


def _step_section(key: str, title: str, step: StepView, lang: str, entered: Sequence[str] = ()) -> str:
    """A subject's headline: its message, key figures and the chart's figures as tables, with sources."""
    figures = pd.DataFrame(
        {
            t("src_col_figure", lang): [k for k, _ in step.key_figures],
            t("src_col_value", lang): [v for _, v in step.key_figures],
        }
    )
    return "\n".join(
        [
            f'<section id="{key}" aria-labelledby="{key}-h">',
            f'<h2 id="{key}-h">{_e(title)}</h2>',
            f"<p>{_e(step.message)}</p>",
            _table(figures, t("deck_key_figures", lang)),
            _table(step.data, step.alt),
            _sources(step.source_lines, lang),
            _entered(list(entered), lang),
            f'<p><a href="#contents">{_e(t("snap_back", lang))}</a></p></section>',
        ]
    )


def build_snapshot(
    con: duckdb.DuckDBPyConnection, lang: str = "sv", today: date | None = None, charts: bool = True
) -> str:
    """Return the snapshot as one self-contained HTML document (charts as inline SVG unless charts=False)."""
    today = today or date.today()
    stamp = today.isoformat()
    q = reader(con)
    overview = overview_view(q, lang)
    entered = entered_figures(entered_rows(con), lang)
    goals = [goal_view(q, int(g), lang) for g in q("goals")["goal_id"]]
    headlines = [
        (step.key, step.title(lang), step.render(q, lang))
        for step in walkthrough_steps(q)
        if step.key in HEADLINE_STEPS
    ]

    # All charts in one Kaleido session: the funding overview, then one per goal with projects.
    figs = [overview.funding.chart.figure]
    owners: list[object] = ["funding"]
    for view in goals:
        if view.projects is not None:
            figs.append(view.projects.figure)
            owners.append(view.goal_id)
    svgs: dict[object, bytes] = {}
    note = f'<p class="muted">{_e(t("snap_no_charts", lang))}</p>'
    if charts:
        try:
            svgs = dict(zip(owners, render_images(figs, format="svg", width=900, height=None, scale=1)))
            note = ""
        except RenderError:
            pass

    funding = overview.funding
    toc = "".join(f'<li><a href="#goal-{v.goal_id}">{_e(v.title)}</a></li>' for v in goals)
    toc += "".join(f'<li><a href="#{key}">{_e(title)}</a></li>' for key, title, _ in headlines)
    if entered:
        toc += f'<li><a href="#entered">{_e(t("entered_heading", lang))}</a></li>'
    section = [
        '<section id="overview" aria-labelledby="overview-h">',
        f'<h2 id="overview-h">{_e(t("page_overview", lang))}</h2>',
        _verdicts(verdicts_view(q, lang), lang),
        grid_html(overview.grid, lang, progress=overview.progress_column),
        _sources(overview.grid_source_lines, lang),
        *(
            [f"<h3>{_e(t('ov_changes', lang, year=overview.year - 1))}</h3>"]
            + ["<ul>" + "".join(f"<li>{_e(c)}</li>" for c in overview.changes) + "</ul>"]
            if overview.changes
            else []
        ),
        f"<h3>{_e(t('wt_chart_levels', lang, year=overview.year))}</h3>",
        _table(overview.count_table, t("wt_chart_levels", lang, year=overview.year)),
        f"<h3>{_e(t('chart_funding_per_goal', lang, year=funding.year))}</h3>",
        _figure(svgs.get("funding"), funding.chart.alt),
        _table(
            funding.chart.data,
            t("chart_funding_per_goal", lang, year=funding.year),
            numeric=(t("n_projects", lang), t("amount", lang)),
            foot=funding.foot,
        ),
        _sources(funding.chart.source_lines, lang),
        "</section>",
    ]
    sections = [
        _goal_section(view, lang, svgs.get(view.goal_id), step_lines(entered, f"goal_{view.goal_id}")) for view in goals
    ]
    sections += [_step_section(key, title, step, lang, step_lines(entered, key)) for key, title, step in headlines]
    sections.append(_entered_section(entered, lang))
    title = t("snap_title", lang, date=stamp)
    return f"""<!DOCTYPE html>
<html lang="{_e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Målbild">
<meta name="date" content="{stamp}">
<title>{_e(title)}</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>{_e(t("app_title", lang))}</h1>
<p class="stamp"><time datetime="{stamp}">{_e(t("snap_stamp", lang, date=stamp))}</time></p>
<p class="muted">{_e(sources_basis_line(q, lang))}</p>
<p>{_e(t("snap_intro", lang))}</p>
{note}
<nav id="contents" aria-label="{_e(t("snap_contents", lang))}"><h2>{_e(t("snap_contents", lang))}</h2>
<ul><li><a href="#overview">{_e(t("page_overview", lang))}</a></li>{toc}</ul></nav>
</header>
<main>
{"".join(section)}
{"".join(sections)}
</main>
<footer><p class="src">{_e(t("snap_stamp", lang, date=stamp))}. {_e(t("grid_caption", lang))}</p></footer>
</body>
</html>
"""


def main(argv: list[str] | None = None) -> int:
    """Command line: build the database if missing, write the snapshot, print time and size."""
    parser = argparse.ArgumentParser(description="Write a self-contained HTML snapshot of Målbild's overview and goals")
    parser.add_argument("--no-charts", action="store_true", help="tables only (no Chromium needed)")
    return export_main(
        parser, argv, lambda con, args: build_snapshot(con, args.lang, charts=not args.no_charts).encode("utf-8")
    )


if __name__ == "__main__":
    raise SystemExit(main())
