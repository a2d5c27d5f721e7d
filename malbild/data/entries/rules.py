"""The rules every entered figure follows, as pure functions: allowed values, and never replacing the report."""

from __future__ import annotations

from dataclasses import dataclass

from malbild.data.entries.facts import LINE_NAMES, ReportFacts
from malbild.data.entries.views import BASES_PRINTED, VERDICT_PARTIES, ViewSpec

BASIS_SV = {"stated": "angiven i rapporten", "reconstructed": "rekonstruerad ur rapportens diagram"}
BASIS_EN = {"stated": "stated in the report", "reconstructed": "reconstructed from the report's charts"}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Problem:
    """What is wrong with one column of a figure, in Swedish and English."""

    column: str
    sv: str
    en: str


def _check_type(column, value) -> Problem | None:
    """Return a problem when a typed value does not fit its column."""
    name = column.name
    if column.kind == "int" and (isinstance(value, bool) or not isinstance(value, int)):
        return Problem(name, f"{name}: ska vara ett heltal.", f"{name}: must be a whole number.")
    if column.kind == "float" and (isinstance(value, bool) or not isinstance(value, (int, float))):
        return Problem(name, f"{name}: ska vara ett tal.", f"{name}: must be a number.")
    if column.kind == "bool" and not isinstance(value, bool):
        return Problem(name, f"{name}: ska vara ja eller nej.", f"{name}: must be yes or no.")
    if column.kind == "text":
        if not isinstance(value, str) or not value.strip():
            return Problem(name, f"{name}: ska vara en text.", f"{name}: must be a text.")
        if value.startswith(FORMULA_START):
            return Problem(
                name,
                f"{name}: en text får inte börja med =, +, -, @ (den kan tolkas som en formel).",
                f"{name}: a text must not start with =, +, -, @ (it could be read as a formula).",
            )
    if column.allowed and str(value) not in column.allowed:
        allowed = ", ".join(column.allowed)
        return Problem(
            name,
            f"{name}: {value!r} är inte tillåtet; tillåtna värden: {allowed}.",
            f"{name}: {value!r} is not allowed; allowed values: {allowed}.",
        )
    return None


def check_figure(
    spec: ViewSpec, facts: ReportFacts, key: dict, values: dict, source_document: str | None
) -> tuple[dict, list[Problem]]:
    """Check one figure against the view's columns and the report; return completed values and the problems."""
    problems: list[Problem] = []
    values = {c.name: values.get(c.name) for c in spec.values}
    for column in spec.keys:
        if key.get(column.name) is None:
            if column.required:
                problems.append(Problem(column.name, f"{column.name}: saknas.", f"{column.name}: missing."))
        elif problem := _check_type(column, key[column.name]):
            problems.append(problem)
    _complete_from_report(spec, facts, key, values)
    for column in spec.values:
        value = values[column.name]
        if value is None:
            if column.required:
                problems.append(Problem(column.name, f"{column.name}: saknas.", f"{column.name}: missing."))
        elif problem := _check_type(column, value):
            problems.append(problem)
    if not (source_document or "").strip():
        problems.append(
            Problem(
                "source_document",
                "source_document: ange vilket dokument värdet kommer från (t.ex. ”Årsredovisning 2019, s. 40”).",
                "source_document: say which document the value comes from (e.g. 'Årsredovisning 2019, s. 40').",
            )
        )
    elif str(source_document).startswith(FORMULA_START):
        problems.append(
            Problem(
                "source_document",
                "source_document: en text får inte börja med =, +, -, @.",
                "source_document: a text must not start with =, +, -, @.",
            )
        )
    problems.extend(_check_report(spec, facts, key, values))
    return values, problems


def _complete_from_report(spec: ViewSpec, facts: ReportFacts, key: dict, values: dict) -> None:
    """Fill a personnel metric's unit and a financial goal's target text from the report when left empty, and a
    verdict's giver and scope from its key."""
    if spec.name == "hr_metric" and values.get("unit") is None:
        values["unit"] = facts.hr_units.get(str(key.get("metric")))
    if spec.name == "financial_goal" and values.get("target_text") is None:
        values["target_text"] = facts.target_texts.get(str(key.get("goal_key")))
    if spec.name in LINE_NAMES:
        group, order, _ = LINE_NAMES[spec.name]
        for name, known in facts.line_names.get((spec.name, str(key.get(group)), key.get(order)), {}).items():  # type: ignore[arg-type]
            if values.get(name) is None:
                values[name] = known
    if spec.name == "verdict" and str(key.get("verdict_key")) in VERDICT_PARTIES:
        given_by, scope = VERDICT_PARTIES[str(key["verdict_key"])]
        values["given_by"] = values.get("given_by") or given_by
        values["scope"] = values.get("scope") or scope


def _check_report(spec: ViewSpec, facts: ReportFacts, key: dict, values: dict) -> list[Problem]:
    """Return problems from the report: unknown goal or metric, a figure the report prints, missing unit/target."""
    problems: list[Problem] = []
    year = key.get("year")
    if isinstance(year, int) and not isinstance(year, bool) and not 2000 <= year <= 2100:
        problems.append(
            Problem(
                "year",
                f"year: {year} är inget år mellan 2000 och 2100.",
                f"year: {year} is not a year between 2000 and 2100.",
            )
        )
    amount = values.get("amount_sek")
    if isinstance(amount, int) and amount < 0:
        problems.append(
            Problem(
                "amount_sek",
                "amount_sek: ett beviljat belopp kan inte vara negativt.",
                "amount_sek: a granted amount cannot be negative.",
            )
        )
    goal = key.get("goal_id", values.get("goal_id"))
    if isinstance(goal, int) and not isinstance(goal, bool) and goal not in facts.goals:
        known = ", ".join(str(g) for g in sorted(facts.goals))
        problems.append(
            Problem(
                "goal_id",
                f"goal_id: det finns inget mål {goal} (målen är {known}).",
                f"goal_id: there is no goal {goal} (the goals are {known}).",
            )
        )
    for name in LINE_NAMES.get(spec.name, ("", "", ()))[2]:
        if name != "section" and values.get(name) is None:
            problems.append(
                Problem(
                    name,
                    f"{name}: saknas (en ny rad i uppställningen behöver sitt namn).",
                    f"{name}: missing (a new line of the statement needs its name).",
                )
            )
    if spec.name == "portfolio_detail" and (key.get("measure") is None) == (
        key.get("detail") == "granted_under_measure"
    ):
        problems.append(
            Problem(
                "measure",
                "measure: ange insatsområdet för granted_under_measure och bara då.",
                "measure: give the measure for granted_under_measure, and only then.",
            )
        )
    share = values.get("share_pct")
    if isinstance(share, (int, float)) and not 0 <= share <= 100:
        problems.append(
            Problem(
                "share_pct", "share_pct: en andel ligger mellan 0 och 100.", "share_pct: a share is between 0 and 100."
            )
        )
    persons = values.get("persons")
    if isinstance(persons, int) and persons < 0:
        problems.append(
            Problem("persons", "persons: ett antal kan inte vara negativt.", "persons: a count cannot be negative.")
        )
    if spec.name == "hr_metric" and isinstance(key.get("metric"), str) and key["metric"] not in facts.hr_units:
        problems.append(
            Problem(
                "metric",
                f"metric: {key['metric']!r} är inget nyckeltal som rapporten känner till.",
                f"metric: {key['metric']!r} is not a metric the report knows.",
            )
        )
    if spec.name == "financial_goal" and values.get("value") is None and values.get("met") is None:
        problems.append(
            Problem(
                "value",
                "value/met: ange värdet, om målet är uppfyllt, eller båda.",
                "value/met: give the value, whether the goal is met, or both.",
            )
        )
    if spec.name == "financial_goal" and values.get("target_text") is None:
        problems.append(Problem("target_text", "target_text: saknas.", "target_text: missing."))
    if spec.name == "verdict" and str(key.get("verdict_key")) in VERDICT_PARTIES:
        given_by, scope = VERDICT_PARTIES[str(key["verdict_key"])]
        if (values.get("given_by"), values.get("scope")) != (given_by, scope):
            problems.append(
                Problem(
                    "given_by",
                    f"given_by/scope: {key['verdict_key']} ges av {given_by} och gäller {scope}; lämna dem tomma.",
                    f"given_by/scope: {key['verdict_key']} is given by {given_by} about {scope}; leave them empty.",
                )
            )
    basis = facts.basis(spec.name, tuple(key.get(k) for k in spec.key_names))
    if basis in BASES_PRINTED:
        problems.append(
            Problem(
                (spec.value_names or spec.key_names)[0],
                f"Värdet finns redan i årsredovisningen ({BASIS_SV[basis]}) och ersätts aldrig; "
                "bara saknade (not_stated) och härledda (derived) värden och nya år kan fyllas i.",
                f"The value is already in the annual report ({BASIS_EN[basis]}) and is never replaced; "
                "only missing (not_stated) and derived values and new years can be entered.",
            )
        )
    return problems
