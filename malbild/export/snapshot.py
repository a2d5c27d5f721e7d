"""A dated, single-file HTML snapshot of the overview and the six goals, for the public record.

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
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd

from malbild import fmt
from malbild.charts.goals import funding_per_goal, goal_projects
from malbild.charts.style import GOAL_COLORS
from malbild.data.queries import run_query
from malbild.data.source_lines import join_source_lines
from malbild.export.deck import RenderError, basis_text, render_images
from malbild.texts import name_col, register, t
from malbild.texts.labels import level_label, progress_label
from malbild.views.goal import split_paragraphs
from malbild.views.overview import grid_html, level_counts

register(
    {
        "snap_title": ("Målbild – ögonblicksbild {date}", "Målbild – snapshot {date}"),
        "snap_stamp": ("Ögonblicksbild skapad {date} ur Årsredovisning 2018", "Snapshot created {date} from the Annual report 2018"),
        "snap_intro": (
            "Sidan är en fristående kopia av Målbilds översikt och mål. Den hämtar inget från nätet och kan arkiveras "
            "som den är. Varje diagram följs av en tabell med samma uppgifter.",
            "This page is a self-contained copy of Målbild's overview and goals. It fetches nothing from the web "
            "and can be archived as it is. Every chart is followed by a table with the same figures.",
        ),
        "snap_contents": ("Innehåll", "Contents"),
        "snap_levels_year": ("Antal mål per nivå {year}", "Goals per level in {year}"),
        "snap_levels": ("Nivå per år", "Level by year"),
        "snap_progress": ("Arbetet i förhållande till rekommendationerna", "Work against the recommendations"),
        "snap_kind_outcome": ("Utfall {year}", "Outcome {year}"),
        "snap_kind_recommendation": ("Rekommendationer", "Recommendations"),
        "snap_kind_previous": ("Tidigare bedömning", "Previous assessment"),
        "snap_kind_summary": ("Sammanfattning i rapporten", "The report's summary"),
        "snap_subgoals": ("Delmål", "Sub-goals"),
        "snap_projects": ("Beviljade projekt {year}", "Projects granted in {year}"),
        "snap_no_projects": ("Rapporten anger inga beviljade projekt för målet {year}.", "The report lists no projects granted under the goal in {year}."),
        "snap_funding": ("Beviljade regionala tillväxtmedel {year} per mål", "Regional growth funds granted in {year} per goal"),
        "snap_chart_table": ("Diagrammets uppgifter som tabell", "The chart's figures as a table"),
        "snap_no_charts": (
            "Diagrammen kunde inte ritas när filen skapades; tabellerna innehåller samma uppgifter.",
            "The charts could not be drawn when this file was made; the tables hold the same figures.",
        ),
        "snap_funding_alt": (
            "Stapeldiagram: beviljade regionala tillväxtmedel {year} per mål, totalt {total} i {n} projekt.",
            "Bar chart: regional growth funds granted in {year} per goal, {total} in {n} projects in all.",
        ),
        "snap_projects_alt": (
            "Stapeldiagram: de {n} projekt som beviljades {year} inom mål {goal}, totalt {total}.",
            "Bar chart: the {n} projects granted in {year} under goal {goal}, {total} in all.",
        ),
        "snap_sources": ("Källa: Årsredovisning 2018, rad {lines}", "Source: Annual report 2018, lines {lines}"),
        "snap_back": ("Till innehållet", "Back to the contents"),
    }
)

CSS = """
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 1.05rem; line-height: 1.5;
       color: #1f2328; background: #ffffff; margin: 0 auto; max-width: 62rem; padding: 1rem 1.25rem 3rem; }
h1 { font-size: 1.9rem; margin-bottom: 0.2rem; } h2 { font-size: 1.5rem; margin-top: 2.5rem;
     border-bottom: 3px solid var(--goal, #1f2328); padding-bottom: 0.2rem; } h3 { font-size: 1.15rem; margin-top: 1.5rem; }
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
    return html.escape("" if text is None else str(text), quote=True)


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
        tfoot = "<tfoot><tr>" + "".join(
            f'<th scope="row">{_e(v)}</th>' if i == 0 else f'<td class="num">{_e(v)}</td>' for i, v in enumerate(foot)
        ) + "</tr></tfoot>"
    return (f'<div class="mb-scroll"><table><caption>{_e(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody>{tfoot}</table></div>")


def _figure(svg: bytes | None, alt: str) -> str:
    """A chart as an <img> with the SVG inline as a data: URI (nothing is fetched), or nothing without SVG."""
    if not svg:
        return ""
    data = base64.b64encode(svg).decode("ascii")
    return (f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{_e(alt)}">'
            f"<figcaption>{_e(alt)}</figcaption></figure>")


def _paragraphs(text: str, lang: str) -> str:
    """Quoted report text as paragraphs; marked Swedish when the page is in English."""
    lang_attr = ' lang="sv"' if lang != "sv" else ""
    return f"<blockquote{lang_attr}>" + "".join(f"<p>{_e(p)}</p>" for p in split_paragraphs(text)) + "</blockquote>"


def _sources(lines: str, lang: str) -> str:
    """The source line note under a section."""
    return f'<p class="src">{_e(t("snap_sources", lang, lines=lines.replace(";", "; ")))}</p>' if lines else ""


def _goal_section(con: duckdb.DuckDBPyConnection, goal: pd.Series, grid: pd.DataFrame, year: int, lang: str,
                  svg: bytes | None) -> str:
    """One goal: level by year, progress, texts, sub-goals and the projects granted, with sources."""
    gid = int(goal["goal_id"])
    title = f"{t('goal_n', lang, n=gid)}: {goal[name_col(lang)]}"
    mine = grid[grid["goal_id"] == gid].sort_values("year")
    now = mine[mine["year"] == year]
    level = None if now.empty or fmt.is_missing(now["level"].iloc[0]) else int(now["level"].iloc[0])
    progress = run_query(con, "recommendation_progress_of_goal", goal_id=gid)
    texts = run_query(con, "texts_of_goal", goal_id=gid)
    subgoals = run_query(con, "subgoals_of_goal", goal_id=gid)
    grants = run_query(con, "filtered_project_grants", goal_ids=[gid], owners=[], min_amount=None, max_amount=None,
                       text=None)
    grants = grants[grants["year"] == year]
    color = GOAL_COLORS.get(gid, "#1f2328")
    parts = [f'<section id="goal-{gid}" aria-labelledby="goal-{gid}-h" style="--goal:{color}">',
             f'<h2 id="goal-{gid}-h">{_e(title)}</h2>',
             f'<p class="level-now">{_e(t("level", lang))} {year}: {_e(level_label(level, lang, short=False))}</p>']
    levels = pd.DataFrame({t("year", lang): mine["year"].astype(str),
                           t("level", lang): [level_label(v, lang, short=False) for v in mine["level"]]})
    parts.append(_table(levels, t("snap_levels", lang)))
    prog = pd.DataFrame({t("year", lang): progress["year"].astype(str),
                         t("snap_progress", lang): [progress_label(p, lang) for p in progress["progress"]]})
    parts.append(_table(prog, t("snap_progress", lang)))
    if lang != "sv":
        parts.append(f'<p class="muted">{_e(t("swedish_text_note", lang))}</p>')
    latest_texts = texts[texts["year"] == texts["year"].max()] if len(texts) else texts
    for kind in ("outcome", "recommendation", "previous"):
        hit = latest_texts[latest_texts["kind"] == kind]
        if hit.empty:
            continue
        parts.append(f"<h3>{_e(t(f'snap_kind_{kind}', lang, year=int(hit['year'].iloc[0])))}</h3>")
        parts.append(_paragraphs(hit["text_sv"].iloc[0], lang))
        parts.append(_sources(str(hit["source_lines"].iloc[0]), lang))
    if len(subgoals):
        lang_attr = ' lang="sv"' if lang != "sv" else ""
        parts.append(f"<h3>{_e(t('snap_subgoals', lang))}</h3><ul{lang_attr}>" + "".join(
            f"<li><strong>{_e(r.subgoal_id)}</strong> {_e(r.text_sv)}</li>" for r in subgoals.itertuples()) + "</ul>")
        parts.append(_sources(join_source_lines(subgoals["source_lines"]), lang))
    parts.append(f"<h3>{_e(t('snap_projects', lang, year=year))}</h3>")
    if grants.empty:
        parts.append(f"<p>{_e(t('snap_no_projects', lang, year=year))}</p>")
    else:
        total = int(grants["amount_sek"].sum())
        parts.append(_figure(svg, t("snap_projects_alt", lang, n=len(grants), year=year, goal=gid,
                                    total=fmt.sek(total, lang))))
        table = pd.DataFrame({t("project", lang): grants["project"], t("owner", lang): grants["owner"],
                              t("amount", lang): [fmt.sek(a, lang) for a in grants["amount_sek"]],
                              t("source_lines", lang): grants["source_lines"]})
        parts.append(_table(table, t("snap_projects", lang, year=year), numeric=(t("amount", lang),),
                            foot=[t("total", lang), "", fmt.sek(total, lang), ""]))
    parts.append(_sources(join_source_lines(list(now["source_lines"]) + list(progress["source_lines"])
                                            + list(grants["source_lines"])), lang))
    parts.append(f'<p><a href="#contents">{_e(t("snap_back", lang))}</a></p></section>')
    return "\n".join(parts)


def build_snapshot(con: duckdb.DuckDBPyConnection, lang: str = "sv", today: date | None = None,
                   charts: bool = True) -> str:
    """Return the snapshot as one self-contained HTML document (charts as inline SVG unless charts=False)."""
    today = today or date.today()
    stamp = today.isoformat()
    grid = run_query(con, "goal_assessment_grid")
    goals = run_query(con, "goals")
    year = int(grid["year"].max())
    funding = run_query(con, "funding_and_level_by_goal", year=year)
    all_grants = run_query(con, "filtered_project_grants", goal_ids=[], owners=[], min_amount=None, max_amount=None,
                           text=None)

    # All charts in one Kaleido session: the funding overview, then one per goal with projects.
    figs, owners = [funding_per_goal(funding, year, lang)], ["funding"]
    for gid in goals["goal_id"]:
        rows = all_grants[(all_grants["goal_id"] == gid) & (all_grants["year"] == year)]
        if len(rows):
            figs.append(goal_projects(rows[["owner", "project", "amount_sek"]], int(gid), year, lang))
            owners.append(int(gid))
    svgs: dict[object, bytes] = {}
    note = ""
    if charts:
        try:
            svgs = dict(zip(owners, render_images(figs, format="svg", width=900, height=None, scale=1)))
        except RenderError:
            note = f'<p class="muted">{_e(t("snap_no_charts", lang))}</p>'
    else:
        note = f'<p class="muted">{_e(t("snap_no_charts", lang))}</p>'

    counts = level_counts(grid, year)
    n_goals = int(grid[grid["year"] == year]["goal_id"].nunique())
    shown = [lv for lv in (3, 2, 1, None) if lv is not None or counts[None]]
    count_rows = pd.DataFrame({t("level", lang): [level_label(lv, lang, short=False) for lv in shown],
                               t("wt_col_count", lang): [f"{counts[lv]} / {n_goals}" for lv in shown]})
    total, n_proj = int(funding["amount_sek"].sum()), int(funding["projects"].sum())
    funding_table = pd.DataFrame({t("goal", lang): [f"{t('goal_n', lang, n=int(g))}: {nm}" for g, nm in
                                                    zip(funding["goal_id"], funding[name_col(lang)])],
                                  t("n_projects", lang): funding["projects"].astype(int).astype(str),
                                  t("amount", lang): [fmt.sek(a, lang) for a in funding["amount_sek"]]})
    toc = "".join(f'<li><a href="#goal-{int(r.goal_id)}">{_e(t("goal_n", lang, n=int(r.goal_id)))}: '
                  f'{_e(getattr(r, name_col(lang)))}</a></li>' for r in goals.itertuples())
    overview = [
        '<section id="overview" aria-labelledby="overview-h">',
        f'<h2 id="overview-h">{_e(t("page_overview", lang))}</h2>',
        grid_html(grid, lang),
        _sources(join_source_lines(grid["source_lines"]), lang),
        f"<h3>{_e(t('snap_levels_year', lang, year=year))}</h3>",
        _table(count_rows, t("snap_levels_year", lang, year=year)),
        f"<h3>{_e(t('snap_funding', lang, year=year))}</h3>",
        _figure(svgs.get("funding"), t("snap_funding_alt", lang, year=year, total=fmt.sek(total, lang), n=n_proj)),
        _table(funding_table, t("snap_funding", lang, year=year), numeric=(t("n_projects", lang), t("amount", lang)),
               foot=[t("total", lang), str(n_proj), fmt.sek(total, lang)]),
        _sources(join_source_lines(all_grants["source_lines"]), lang),
        "</section>",
    ]
    sections = [_goal_section(con, row, grid, year, lang, svgs.get(int(row.goal_id))) for _, row in goals.iterrows()]
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
<p class="muted">{_e(basis_text(con, lang))}</p>
<p>{_e(t("snap_intro", lang))}</p>
{note}
<nav id="contents" aria-label="{_e(t("snap_contents", lang))}"><h2>{_e(t("snap_contents", lang))}</h2>
<ul><li><a href="#overview">{_e(t("page_overview", lang))}</a></li>{toc}</ul></nav>
</header>
<main>
{"".join(overview)}
{"".join(sections)}
</main>
<footer><p class="src">{_e(t("snap_stamp", lang, date=stamp))}. {_e(t("grid_caption", lang))}</p></footer>
</body>
</html>
"""


def main(argv: list[str] | None = None) -> int:
    """Command line: build the database if missing, write the snapshot, print time and size."""
    from malbild.data.build import ensure_database
    from malbild.paths import db_path

    parser = argparse.ArgumentParser(description="Write a self-contained HTML snapshot of Målbild's overview and goals")
    parser.add_argument("--output", type=Path, required=True, help="the .html file to write")
    parser.add_argument("--lang", choices=("sv", "en"), default="sv")
    parser.add_argument("--no-charts", action="store_true", help="tables only (no Chromium needed)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    ensure_database(db_path())
    con = duckdb.connect(str(db_path()), read_only=True)
    try:
        page = build_snapshot(con, args.lang, charts=not args.no_charts)
    finally:
        con.close()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(page, encoding="utf-8")
    size = args.output.stat().st_size
    print(f"wrote {args.output}: {size / 1024:.0f} KiB in {time.perf_counter() - started:.1f} s", file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
