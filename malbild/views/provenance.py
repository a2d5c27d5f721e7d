"""Where an entered figure comes from: who entered it, when (UTC) and from which document, as plain sentences.

One view model for every renderer: the Goals page, the deck and the snapshot all build their lines here, so they
say the same. The lines are plain text (an editor typed the name and the document): each renderer escapes them
for its own format (Markdown on the page, HTML in the snapshot, plain text runs in the deck).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from malbild import fmt
from malbild.data.entries.citations import citation_shown
from malbild.texts import families, t
from malbild.texts.labels import financial_goal_label, level_label, metric_label, progress_label

# The walk-through step (and snapshot section) each kind of entered figure belongs to, besides its goal's own.
STEP_VIEWS = {
    "overview": ("goal_assessment", "recommendation_progress"),
    "projects": ("project_grant",),
    "personnel": ("hr_metric",),
    "finance": ("financial_goal",),
    "verdicts": ("verdict",),
}
VIEW_ORDER = ("goal_assessment", "recommendation_progress", "project_grant", "hr_metric", "financial_goal", "verdict")


@dataclass(frozen=True)
class EnteredFigure:
    """One entered figure as shown: its view, goal (if any), year and its provenance sentence."""

    view: str
    goal_id: int | None
    year: int
    line: str


def when_text(value: object) -> str:
    """Return an entry's time as 'YYYY-MM-DD HH:MM' (UTC, as stored)."""
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else str(value)


def entered_line(figure: str, entry: Mapping, lang: str) -> str:
    """One entered figure's provenance: '✎ 2016: ●●○ 2 …: inmatat av anna 2026-11-27 14:45 UTC · källa: …'."""
    return t(
        "entered_provenance",
        lang,
        figure=figure,
        who=entry["entered_by"],
        when=when_text(entry["entered_at"]),
        document=citation_shown(entry["source_document"], lang),
    )


def _value_text(view: str, row: Mapping, lang: str) -> str:
    """The entered value of one row in words, as the pages show it."""
    if view == "goal_assessment":
        return level_label(row["level"], lang, short=False)
    if view == "recommendation_progress":
        return progress_label(row["progress"], lang)
    if view == "project_grant":
        return f"{row['owner']} – {row['project']}: {fmt.sek(row['amount_sek'], lang)}"
    if view == "hr_metric":
        return fmt.value_with_unit(row["value"], row.get("unit") or "", lang)
    if view == "verdict":
        outcome = row.get("outcome")
        return t(families.VERDICT_OUTCOME.get(str(outcome), "vd_outcome_none"), lang)
    if fmt.is_missing(row.get("value")):
        return str(row.get("target_text") or "–")
    return fmt.number(row["value"], 2, lang=lang)


def figure_text(view: str, row: Mapping, lang: str) -> str:
    """Name an entered figure: 'Mål 1, 2016: ●●○ 2 …', 'Medelålder (Kvinnor) 2019: 45,2', 'Likviditet 2019: 1,10'."""
    year = int(row["year"])
    value = _value_text(view, row, lang)
    if "goal_id" in row and not fmt.is_missing(row.get("goal_id")):
        return f"{t('goal_n', lang, n=int(row['goal_id']))}, {year}: {value}"
    if view == "hr_metric":
        return f"{metric_label(row['metric'], lang)} ({t(row['grp'], lang)}) {year}: {value}"
    if view == "verdict":
        return f"{t(families.VERDICT_KEY[str(row['verdict_key'])], lang)} {year}: {value}"
    return f"{financial_goal_label(row['goal_key'], lang)} {year}: {value}"


def entered_figures(entries: Mapping[str, Iterable[Mapping]], lang: str) -> list[EnteredFigure]:
    """Every entered figure with its provenance sentence: by view, then goal and year (entries: rows per view)."""
    figures = []
    for view in VIEW_ORDER:
        for row in entries.get(view, ()):
            goal = int(row["goal_id"]) if "goal_id" in row and not fmt.is_missing(row["goal_id"]) else None
            figures.append(
                EnteredFigure(view, goal, int(row["year"]), entered_line(figure_text(view, row, lang), row, lang))
            )
    order = {v: i for i, v in enumerate(VIEW_ORDER)}
    return sorted(figures, key=lambda f: (order[f.view], f.goal_id or 0, f.year, f.line))


def step_lines(figures: Iterable[EnteredFigure], step_key: str) -> list[str]:
    """The provenance lines that belong to a walk-through step: a goal's own figures, or the step's kinds of figure."""
    if step_key.startswith("goal_"):
        goal = int(step_key.removeprefix("goal_"))
        return [f.line for f in figures if f.goal_id == goal]
    views = STEP_VIEWS.get(step_key, ())
    return [f.line for f in figures if f.view in views]


def goal_level_lines(entries: Iterable[dict], goal_id: int, lang: str) -> list[str]:
    """The provenance of every entered level of one goal, oldest year first (entries: the store's rows)."""
    mine = sorted((e for e in entries if int(e["goal_id"]) == int(goal_id)), key=lambda e: int(e["year"]))
    return [entered_line(f"{int(e['year'])}: {level_label(e['level'], lang, short=False)}", e, lang) for e in mine]
