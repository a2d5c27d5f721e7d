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
from collections.abc import Sequence
from datetime import date

import duckdb
import pandas as pd

from malbild.charts.style import GOAL_COLORS
from malbild.charts.tables import goal_grid
from malbild.data.entries.merge import entered_rows
from malbild.export.cli import export_main
from malbild.export.images import RenderError, render_images
from malbild.markup import render
from malbild.texts import REPORT_LANG, reads_report_language, t
from malbild.views.base import StepView, reader
from malbild.views.coverage import coverage_texts
from malbild.views.goal import GoalView, goal_view
from malbild.views.overview import overview_view
from malbild.views.provenance import entered_figures, step_lines
from malbild.views.sources import sources_basis_line
from malbild.views.verdicts import VerdictsView, verdicts_view
from malbild.views.walkthrough import walkthrough_steps

HEADLINE_STEPS = ("projects", "personnel", "finance", "verdicts")  # subjects shown by their walk-through step
# The document's style: markup/templates/snapshot/style.css (no fonts, scripts or images fetched).

Table = dict[str, object]


def _table(
    frame: pd.DataFrame, caption: str, numeric: tuple[str, ...] = (), foot: Sequence[str] | None = None
) -> Table:
    """A data frame as a table with a caption (the first cell of a row its header; `numeric` columns and the total
    row `foot` right-aligned), for markup/templates/table.html."""
    num = [c in numeric for c in frame.columns]
    return {
        "caption": caption,
        "head": [(c, False) for c in frame.columns],
        "rows": [list(zip(row, num)) for row in frame.itertuples(index=False)],
        "foot": list(foot) if foot else None,
    }


def _svg(svg: bytes | None) -> str:
    """A chart's SVG as base64 for an <img>'s data: URI (nothing is fetched), '' without one."""
    return base64.b64encode(svg).decode("ascii") if svg else ""


def _sources(lines: str, lang: str) -> str:
    """The source line note under a section ('' when none)."""
    return t("deck_footer", lang, lines=lines.replace(";", "; ")) if lines else ""


def _who_entered(lines: Sequence[str], lang: str) -> dict[str, object]:
    """Who entered a section's entered figures, when and from which document (no lines: nothing shown)."""
    return {"heading": t("entered_heading", lang), "lines": list(lines)}


def _goal_section(view: GoalView, lang: str, svg: bytes | None, entered: Sequence[str] = ()) -> dict[str, object]:
    """One goal: level by year, progress, texts, sub-goals and the projects granted, with sources."""
    projects_heading = t("ov_total_projects", lang, year=view.year)
    return {
        "id": view.goal_id,
        "color": GOAL_COLORS.get(view.goal_id, "#1f2328"),
        "title": view.title,
        "level": f"{t('level', lang)} {view.year}: {view.level.value}",
        "levels": _table(view.levels_table, t("snap_levels", lang)),
        "progress": _table(view.progress_table, t("snap_progress", lang)),
        "entered": _who_entered(entered, lang),
        "swedish_note": "" if reads_report_language(lang) else t("swedish_text_note", lang),
        "texts": [
            {"title": text.title, "paragraphs": text.paragraphs, "sources": _sources(text.source_lines, lang)}
            for text in view.texts.values()
            if text is not None
        ],
        "subgoals_heading": t("gp_subgoals", lang),
        "subgoals": view.subgoals,
        "subgoal_sources": _sources(view.subgoal_source_lines, lang),
        "projects_heading": projects_heading,
        "no_projects": view.no_projects,
        "projects": None
        if view.projects is None
        else _table(view.projects.data, projects_heading, numeric=(t("amount", lang),), foot=view.projects_foot),
        "projects_svg": _svg(svg),
        "projects_alt": "" if view.projects is None else view.projects.alt,
        "sources": _sources(view.year_source_lines, lang),
    }


def _verdicts(view: VerdictsView, lang: str) -> dict[str, object] | None:
    """The report's own verdicts on goal fulfilment, by giver: what each is about, its outcome, its wording quoted
    in Swedish and its lines (the overview's first part)."""
    if not view.headline:
        return None
    return {
        "heading": t("vd_heading", lang, year=view.year),
        "note": view.quoted_note,
        "groups": [
            {"heading": g.heading, "verdicts": [(v, _sources(v.source_lines, lang)) for v in g.verdicts]}
            for g in view.headline
        ],
    }


def _step_section(key: str, title: str, step: StepView, lang: str, entered: Sequence[str] = ()) -> dict[str, object]:
    """A subject's headline: its message, key figures and the chart's figures as tables, with sources."""
    figures = pd.DataFrame(
        {
            t("src_col_figure", lang): [k for k, _ in step.key_figures],
            t("src_col_value", lang): [v for _, v in step.key_figures],
        }
    )
    return {
        "key": key,
        "title": title,
        "message": step.message,
        "figures": _table(figures, t("deck_key_figures", lang)),
        "data": _table(step.data, step.alt),
        "sources": _sources(step.source_lines, lang),
        "entered": _who_entered(entered, lang),
    }


def build_snapshot(con: duckdb.DuckDBPyConnection, lang: str, today: date | None = None, charts: bool = True) -> str:
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
    no_charts = t("snap_no_charts", lang)
    if charts:
        try:
            svgs = dict(zip(owners, render_images(figs, format="svg", width=900, height=None, scale=1)))
            no_charts = ""
        except RenderError:
            pass

    funding = overview.funding
    toc = [("overview", t("page_overview", lang))] + [(f"goal-{v.goal_id}", v.title) for v in goals]
    toc += [(key, title) for key, title, _ in headlines]
    if entered:
        toc.append(("entered", t("entered_heading", lang)))
    levels_caption = t("wt_chart_levels", lang, year=overview.year)
    funding_caption = t("chart_funding_per_goal", lang, year=funding.year)
    section = {
        "heading": t("page_overview", lang),
        "verdicts": _verdicts(verdicts_view(q, lang), lang),
        "grid": goal_grid(overview.grid, lang, progress=overview.progress_column),
        "grid_sources": _sources(overview.grid_source_lines, lang),
        "changes_heading": t("ov_changes", lang, year=overview.year - 1),
        "changes": overview.changes,
        "levels": _table(overview.count_table, levels_caption),
        "funding": _table(
            funding.chart.data, funding_caption, numeric=(t("n_projects", lang), t("amount", lang)), foot=funding.foot
        ),
        "funding_svg": _svg(svgs.get("funding")),
        "funding_alt": funding.chart.alt,
        "funding_sources": _sources(funding.chart.source_lines, lang),
    }
    reports = coverage_texts(q, lang).reports
    return render(
        "snapshot/page.html",
        lang=lang,
        quoted_lang="" if reads_report_language(lang) else REPORT_LANG,
        report_lang=REPORT_LANG,
        stamp=stamp,
        title=t("snap_title", lang, date=stamp),
        app_title=t("app_title", lang),
        stamp_text=t("snap_stamp", lang, date=stamp, reports=reports),
        basis=sources_basis_line(q, lang),
        intro=t("snap_intro", lang),
        no_charts=no_charts,
        contents=t("snap_contents", lang),
        toc=toc,
        overview=section,
        goals=[_goal_section(v, lang, svgs.get(v.goal_id), step_lines(entered, f"goal_{v.goal_id}")) for v in goals],
        steps=[_step_section(key, title, step, lang, step_lines(entered, key)) for key, title, step in headlines],
        entered=(
            {
                "heading": t("entered_heading", lang),
                "intro": t("entered_intro", lang),
                "lines": [f.line for f in entered],
            }
            if entered
            else None
        ),
        back=t("snap_back", lang),
        footer=f"{t('snap_stamp', lang, date=stamp, reports=reports)}. {t('grid_caption', lang)}",
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: build the database if missing, write the snapshot, print time and size."""
    parser = argparse.ArgumentParser(description="Write a self-contained HTML snapshot of Målbild's overview and goals")
    parser.add_argument("--no-charts", action="store_true", help="tables only (no Chromium needed)")
    return export_main(
        parser, argv, lambda con, args: build_snapshot(con, args.lang, charts=not args.no_charts).encode("utf-8")
    )


if __name__ == "__main__":
    raise SystemExit(main())
