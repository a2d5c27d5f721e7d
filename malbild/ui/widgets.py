"""Widgets the pages draw views with: charts with their text alternative, sources, key figures, URL-bound choices."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from malbild.charts.style import plotly_config
from malbild.data.source_lines import format_ranges, merge_ranges
from malbild.ui.blocks import (
    details_html,
    grid_html,
    labelled_blocks_html,
    metrics_html,
    note_html,
    paragraph_html,
    paragraphs_html,
    passage_html,
    quote_html,
    statement_html,
    table_html,
    verdicts_html,
)
from malbild.ui.cached import shared_html, shared_text, shared_view
from malbild.ui.chrome import Ctx, nav_params
from malbild.ui.registry import GOALS, link_template
from malbild.ui.store import entries_of
from malbild.views.base import ChartView, Metric, Query, StepView
from malbild.views.cache import shared_part
from malbild.views.coverage import coverage_texts
from malbild.views.finance import finance_view
from malbild.views.goal import GoalText, GoalView
from malbild.views.overview import goal_grid, grid_progress
from malbild.views.personnel import personnel_view
from malbild.views.projects import ProjectChoices, ProjectFilters, projects_view
from malbild.views.provenance import goal_level_lines
from malbild.views.sources import passage_note
from malbild.views.verdicts import VerdictGroup

MAX_PASSAGE_LINES = 80


def source_html(ctx: Ctx, source_lines: str | list[str], label: str | None = None, document: str | None = None) -> str:
    """Where a figure comes from, folded: the document and lines in the summary, the passage quoted from that
    document inside ('' if none). `document` is a key of source_document ('ar2019'); None is the bundled report.

    The same for every viewer of a language and data revision, so it is rendered once (shared_text)."""
    ranges = merge_ranges(source_lines)
    if not ranges:
        return ""
    return shared_text(source_block, tuple(ranges), ctx.lang, label, document)


def source_block(
    q: Query, ranges: tuple[tuple[int, int], ...], lang: str, label: str | None = None, document: str | None = None
) -> str:
    """The folded source of merged line ranges of a document in a language: the document and its lines in the
    summary, the passage inside."""
    t = Ctx(lang, False).t
    note = passage_note(q, ";".join(f"{a}-{b}" for a, b in ranges), MAX_PASSAGE_LINES, document)
    caption = shared_view(coverage_texts, lang).source_caption(format_ranges(list(ranges)), document, lang)
    summary = f"{label or t('show_source')} · {caption}"
    return shared_html(
        details_html(summary, passage_html(note.lines, t("source_more", n=note.more) if note.more else ""))
    )


def verdicts_block(ctx: Ctx, groups: list[VerdictGroup], note: str = "", heading: str = "h2") -> None:
    """The report's own verdicts, one column per giver, each quoted in Swedish with its outcome and its source.

    The same for every viewer of a language and data revision, so it is rendered once (shared_text)."""
    if groups:
        st.html(shared_text(verdicts_text, groups, note, heading, ctx.lang))


def verdicts_text(q: Query, groups: list[VerdictGroup], note: str, heading: str, lang: str) -> str:
    """The verdicts block of verdicts_block as HTML (q unused: the groups are the view's)."""
    ctx = Ctx(lang, False)
    mark = f"✎ {ctx.t('hr_mark_entered')}"
    sources = lambda lines: source_html(ctx, lines)  # noqa: E731
    return shared_html(verdicts_html(groups, sources, ctx.t("vd_quote_label"), note, mark, heading))


def reasoning_html(ctx: Ctx, text: GoalText | None) -> str:
    """One of a goal's texts (outcome, recommendations, last year's): its paragraphs and its source, or a gap."""
    if text is None:
        return paragraph_html(ctx.t("no_data"), em=True)
    return paragraphs_html(text.paragraphs) + source_html(ctx, text.source_lines, document=text.document)


def lead_html(ctx: Ctx, view: GoalView) -> str:
    """A goal's first screen after its level: the work against the recommendations compared with the year before,
    the report's reason and what it recommends, each quoted (as text) with its source folded under it."""
    parts = [(ctx.t("gp_lead_change"), paragraph_html(view.change) + source_html(ctx, view.progress_source_lines))]
    for label, quote in ((ctx.t("gp_lead_why"), view.reason), (ctx.t("gp_lead_recommended"), view.recommended)):
        if quote is not None:
            parts.append(
                (
                    label,
                    quote_html([quote.text], lang="") + source_html(ctx, quote.source_lines, document=quote.document),
                )
            )
    return labelled_blocks_html(parts, kind="mb-lead mb-pairs")


def source_note(ctx: Ctx, source_lines: str | list[str], label: str | None = None) -> None:
    """Show where a figure comes from: a folded section with the source lines and the quoted passage."""
    block = source_html(ctx, source_lines, label)
    if block:
        st.html(block)


def entered_note(ctx: Ctx, lines: list[str]) -> None:
    """Show who entered figures, when and from which document (as text: an editor typed it)."""
    if lines:
        st.html("".join(note_html(line) for line in lines))


def entered_levels_note(ctx: Ctx, goal_id: int) -> None:
    """Who entered which of a goal's levels, when, from which document (nothing when none was entered)."""
    entered_note(ctx, goal_level_lines(entries_of("goal_assessment"), goal_id, ctx.lang))


def chart_html(ctx: Ctx, view: ChartView) -> str:
    """A chart's text block: its text alternative, its data as a table, its source and its note (no Streamlit)."""
    parts = [note_html(view.alt)]
    if not ctx.present:
        parts.append(details_html(ctx.t("chart_data_table"), table_html(view.data, ctx.lang)))
        if view.source_lines:
            parts.append(source_html(ctx, view.source_lines))
    parts.append(note_html(view.note))
    return "".join(parts)


def charts_of(view: object) -> list[ChartView]:
    """The charts a view holds (fields that are a ChartView or a list of them)."""
    found: list[ChartView] = []
    for f in dataclasses.fields(view) if dataclasses.is_dataclass(view) else ():
        value = getattr(view, f.name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, ChartView):
                found.append(item)
    return found


def chart_blocks(ctx: Ctx, view: object) -> dict[str, str]:
    """Every keyed chart's text block of a view, by the chart's key (see page_blocks)."""
    return {c.key: shared_html(chart_html(ctx, c)) for c in charts_of(view) if c.key}


def chart_text_html(
    ctx: Ctx, data: pd.DataFrame, alt: str, source_lines: str | list[str] | None = None, note: str = ""
) -> str:
    """A chart's text block: its text alternative, its data as a table, its source and its note."""
    parts = [note_html(alt)]
    if not ctx.present:
        parts.append(details_html(ctx.t("chart_data_table"), table_html(data, ctx.lang)))
        if source_lines is not None:
            parts.append(source_html(ctx, source_lines))
    parts.append(note_html(note))
    return "".join(parts)


def show_step_chart(ctx: Ctx, step: StepView, key: str) -> None:
    """Draw a walk-through step's chart with its text block (the step's sources), the block rendered once for every
    copy of the same cached step (malbild.views.cache.shared_part)."""
    text = partial(chart_text_html, ctx, step.data, step.alt, step.source_lines or None)
    block = shared_part(
        step.chart, ("step_html", ctx.lang, ctx.present, step.source_lines), lambda: shared_html(text())
    )
    st.plotly_chart(step.figure, config=plotly_config(ctx.present), alt=step.alt, key=key, theme=None)
    st.html(block)


def show_chart(ctx: Ctx, view: ChartView, blocks: dict[str, str] | None = None) -> None:
    """Draw a view's chart with its text alternative, its data as a table, its source and its note.

    `blocks` are the text blocks built once per data revision (page_blocks through shared_view); a chart without
    one has its block built once for every copy of the same cached chart (malbild.views.cache.shared_part)."""
    block = (blocks or {}).get(view.key) if view.key else None
    if block is None:  # a chart from the cache: its block is rendered once for every session (shared_part)
        block = shared_part(view, ("chart_html", ctx.lang, ctx.present), lambda: shared_html(chart_html(ctx, view)))
    st.plotly_chart(view.figure, config=plotly_config(ctx.present), alt=view.alt, key=view.key or None, theme=None)
    st.html(block)


def lazy_tabs(key: str, tabs: dict[str, Callable[[], object]]) -> None:
    """Tabs of which only the open one is drawn: `tabs` maps each label to what draws its content; `key` keeps the
    open tab (a click reruns the page). Every tab group of the app is drawn here: a chart costs the browser its
    drawing even in a hidden tab, so a closed tab draws nothing. One tab needs no tab bar: its content is drawn."""
    draws = list(tabs.values())
    if len(draws) == 1:
        draws[0]()
        return
    for tab, draw in zip(st.tabs(list(tabs), key=key, on_change="rerun") if draws else [], draws, strict=True):
        if tab.open:
            with tab:
                draw()


def figures_html(
    ctx: Ctx, metrics: list[Metric], source_lines: str | list[str], columns: int | None, border: bool
) -> str:
    """A row of key figures and, folded, their source passage, as one block."""
    return metrics_html(metrics, columns, border) + source_html(ctx, source_lines)


def personnel_blocks(q: Query, lang: str, present: bool) -> dict[str, str]:
    """The Personnel page's text blocks (key figure rows with their sources, chart texts, the table of all figures):
    the same for every viewer of a language and mode, so the page takes them through shared_view."""
    view = personnel_view(q, lang, present)
    if view is None:
        return {}
    ctx = Ctx(lang, present)
    blocks = chart_blocks(ctx, view)
    for name in ("staff", "contract_shares", "health", "mobility"):
        row = getattr(view, name)
        blocks[name] = figures_html(ctx, row.metrics, row.source_lines, 3 if present else 4, True)
    blocks["all_figures"] = table_html(view.all_figures, lang, label=ctx.t("hr_all_figures"))
    return {key: shared_html(block) for key, block in blocks.items()}


def finance_blocks(q: Query, lang: str, present: bool, flow_year: int | None = None) -> dict[str, str]:
    """The Finance page's text blocks (result with its source, tables, chart texts): the same for every viewer of a
    language, mode and cash-flow year, so the page takes them through shared_view."""
    view = finance_view(q, lang, present, flow_year=flow_year)
    ctx = Ctx(lang, present)
    blocks = chart_blocks(ctx, view)
    blocks["result"] = figures_html(ctx, view.result, view.result_source_lines, None, True) if view.result else ""
    if not view.goals_table.empty:
        blocks["goals"] = table_html(view.goals_table, lang, label=ctx.t("ds_financial_goal"))
        blocks["goals_source"] = source_html(ctx, view.goals_source_lines)
    if view.budget is not None:
        blocks["budget"] = table_html(view.budget_table, lang, label=ctx.t("fin_budget"))
        blocks["budget_source"] = source_html(ctx, view.budget_source_lines)
    for i, statement in enumerate(view.statements):
        if not statement.lines.empty:
            blocks[f"statement_source_{i}"] = source_html(ctx, statement.lines["source_lines"].tolist())
    return {key: shared_html(block) for key, block in blocks.items()}


def projects_blocks(
    q: Query, choices: ProjectChoices, filters: ProjectFilters, lang: str, present: bool, top_n: int | None
) -> dict[str, str]:
    """The Projects page's text blocks for one set of filters (chart texts, the table's source, the portfolio):
    the same for every viewer of those filters, language and mode, so the page takes them through shared_view."""
    view = projects_view(q, choices, filters, lang, present, top_n=top_n)
    ctx = Ctx(lang, present)
    blocks = chart_blocks(ctx, view)
    blocks["metrics"] = metrics_html(view.metrics)
    blocks["table_source"] = source_html(ctx, view.rows["source_lines"].tolist(), label=ctx.t("prj_table_source"))
    blocks["portfolio"] = table_html(view.portfolio, lang, label=ctx.t("prj_portfolio_alt"))
    blocks["portfolio_source"] = source_html(ctx, view.portfolio_source_lines)
    return {key: shared_html(block) for key, block in blocks.items()}


def show_metrics(metrics: list[Metric], columns: int | None = None, border: bool = False) -> None:
    """Show key figures side by side (wrapping after `columns`), as one block."""
    if metrics:
        st.html(metrics_html(metrics, columns, border))


def overview_grid_block(q: Query, lang: str, present: bool) -> str:
    """The overview's goal × year grid as HTML, each goal linking to its page: the same for every viewer of a language
    and mode, so pages take it through shared_view (built once per data revision, not once per session)."""
    grid = goal_grid(q)
    link = link_template(GOALS, "goal", **nav_params(Ctx(lang, present)))
    return shared_html(grid_html(grid.frame, lang, link=link, progress=grid_progress(q, grid, lang)))


def statement_blocks(q: Query, lang: str) -> list[str]:
    """Each financial statement as an HTML table, in the order of the Finance page: the same for every viewer of a
    language, so the page takes them through shared_view (built once per data revision, not once per session)."""
    return [shared_html(statement_html(s.lines, s.kind, lang)) for s in finance_view(q, lang).statements]


def url_selectbox(label: str, options: dict, key: str, default=None, refused: Callable[[str, str], str] | None = None):
    """A selectbox whose value lives in the URL as ?key=<option> (e.g. ?goal=5), shown by its label.

    A value in the URL that is not an option is not used; with `refused` (the value as written, the label of the
    option shown instead -> a sentence) the page says so in a warning, once (the URL then holds the option shown).
    """
    choices = list(options)
    by_text = {str(c): c for c in choices}
    raw = st.query_params.get(key)
    widget_key = f"{key}_widget"
    if raw in by_text:
        st.session_state[widget_key] = by_text[raw]
    elif st.session_state.get(widget_key) not in choices:
        st.session_state[widget_key] = default if default in choices else choices[0]
    if raw is not None and raw not in by_text and refused is not None:
        st.warning(refused(raw, str(options[st.session_state[widget_key]])))

    def remember() -> None:
        """Write the new choice into the URL."""
        st.query_params[key] = str(st.session_state[widget_key])

    value = st.selectbox(label, choices, format_func=lambda c: str(options[c]), key=widget_key, on_change=remember)
    st.query_params[key] = str(value)
    return value
