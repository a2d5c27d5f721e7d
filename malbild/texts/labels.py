"""Labels built from texts and figures: goals, levels, progress, financial goals and personnel figures.

One function per label, used by every view, chart and renderer (so 'Mål 5: …' is written in one place).
"""

from __future__ import annotations

import pandas as pd

from malbild import fmt
from malbild.texts import families, name_col, t

# Levels are always shown with text and a symbol as well as colour.
LEVEL_SYMBOLS: dict[int, str] = {3: "●●●", 2: "●●○", 1: "●○○"}
GAP_SYMBOL = "–"
# Progress against the recommendations has its own symbols (squares), never the level dots.
PROGRESS_SYMBOLS = {"in_line": "■■■", "partly": "■■□", "little": "■□□"}

# The numeric financial goals: target value and unit. Targets as printed in target_text (lines 7696–7712).
FINANCIAL_TARGETS: dict[str, tuple[float, str]] = {
    "liquidity_ratio": (1.0, "ratio"),
    "equity_share_pct": (2.0, "pct"),
    "result_positive": (0.0, "tkr"),
}

# Figures marked by their basis: † derived, ‡ reconstructed, ✎ entered by staff after the report.
MARK_SYMBOLS = {"derived": "†", "reconstructed": "‡", "entered": "✎"}


# --- goals and levels --------------------------------------------------------------------------------------


def goal_label(goal_id: object, name: object, lang: str) -> str:
    """Return a goal as 'Mål 5: Platsbaserad näringslivsutveckling' / 'Goal 5: Place-based …'."""
    return f"{t('goal_n', lang, n=int(goal_id))}: {name}"  # type: ignore[call-overload]


def goal_labels(goals: pd.DataFrame, lang: str) -> dict[int, str]:
    """Map goal id to its label in the language (goals: columns goal_id, name_sv, name_en)."""
    return {int(g): goal_label(g, n, lang) for g, n in zip(goals["goal_id"], goals[name_col(lang)])}


def goal_ids_words(ids: list[int], lang: str) -> str:
    """Name goals in running text: 'mål 5', 'mål 5 och 6', 'mål 1, 3 och 4', 'mål 1–4' / 'goal 5', 'goals 5 and 6'.

    Three or more consecutive goals are written as a range ('mål 1–4')."""
    runs: list[list[int]] = []
    for i in sorted(ids):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    nums = [f"{r[0]}–{r[-1]}" if len(r) >= 3 else str(n) for r in runs for n in (r[:1] if len(r) >= 3 else r)]
    if len(nums) == 1 and "–" in nums[0]:
        return f"{t('goal_word_many', lang)} {nums[0]}"
    joined = nums[0] if len(nums) == 1 else ", ".join(nums[:-1]) + f" {t('and_word', lang)} " + nums[-1]
    return f"{t('goal_word_one' if len(nums) == 1 else 'goal_word_many', lang)} {joined}"


def level_label(level: object, lang: str, short: bool = True) -> str:
    """Return a level as symbol and text, e.g. '●●○ 2 Delvis uppnått'; gaps as 'Ej angivet'."""
    if fmt.is_missing(level):
        return f"{GAP_SYMBOL} {t('level_gap_short' if short else 'level_gap', lang)}"
    n = int(level)  # type: ignore[call-overload]
    key = families.LEVEL_SHORT[n] if short else families.LEVEL[n]
    return f"{LEVEL_SYMBOLS[n]} {n} {t(key, lang)}"


def marked_level(level: object, basis: object, lang: str) -> str:
    """Return a level with its basis mark as symbol and word: '●●○ 2 Delvis uppnått ✎ inmatat'; gaps unmarked."""
    text = level_label(level, lang, short=False)
    if fmt.is_missing(level) or basis not in MARK_SYMBOLS:
        return text
    return f"{text} {MARK_SYMBOLS[str(basis)]} {t(families.MARK[str(basis)], lang)}"


def progress_label(progress: object, lang: str, short: bool = False) -> str:
    """Return progress against recommendations as a symbol and text; gaps as 'not stated'."""
    if fmt.is_missing(progress):
        return f"– {t('level_gap', lang)}"
    key = families.PROGRESS_SHORT[str(progress)] if short else families.PROGRESS[str(progress)]
    return f"{PROGRESS_SYMBOLS[str(progress)]} {t(key, lang)}"


# --- financial goals ---------------------------------------------------------------------------------------


def financial_goal_label(key: str, lang: str) -> str:
    """Return a financial goal's name; an unknown key is shown as the key itself."""
    return t(families.FINANCIAL_GOAL[key], lang) if key in families.FINANCIAL_GOAL else key


def met_text(met: object, lang: str) -> str:
    """Return '✔ Uppfyllt', '✘ Ej uppfyllt' or '– Ej angivet' (symbol and text, never colour alone)."""
    if fmt.is_missing(met):
        return t("gap_marked", lang)
    return t("fin_met" if bool(met) else "fin_not_met", lang)


def signed_tkr(value: object, lang: str) -> str:
    """Format a result in tkr with an explicit sign for gains: '+3 tkr', '−128 tkr' / '+SEK 3k', '−SEK 128k'."""
    text = fmt.tkr(value, lang)
    if not fmt.is_missing(value) and float(value) > 0:  # type: ignore[arg-type]
        return "+" + text
    return text


def goal_value_text(key: str, value: object, lang: str) -> str:
    """Format a financial goal's value by its unit: liquidity '1,28', equity share '5,3 %', result '+3 tkr'."""
    if fmt.is_missing(value):
        return ""
    unit = FINANCIAL_TARGETS.get(key, (None, ""))[1]
    if unit == "tkr":
        return signed_tkr(value, lang)
    if unit == "pct":
        return fmt.in_unit(fmt.number(value, 1, lang=lang), "pct", lang)
    return fmt.number(value, 2, lang=lang)


def target_value_text(key: str, lang: str) -> str:
    """Return a numeric financial goal's target value: '1,0', '2 %', '0 tkr' ('' for a goal without one)."""
    if key not in FINANCIAL_TARGETS:
        return ""
    value, unit = FINANCIAL_TARGETS[key]
    return fmt.number(value, 1, lang=lang) if unit == "ratio" else fmt.value_with_unit(value, unit, lang)


def target_text(key: str, lang: str) -> str:
    """Return the target of a numeric goal as a short label: 'Mål: 1,0', 'Mål: 2 %', 'Mål: 0 tkr'."""
    if key not in FINANCIAL_TARGETS:
        return ""
    return f"{t('fin_target', lang)}: {target_value_text(key, lang)}"


def line_marker(line: str, kind: str) -> str:
    """Mark a statement line by kind in plain text: 'Σ ' before subtotals, '▶ ' before totals."""
    return {"subtotal": "Σ ", "total": "▶ "}.get(kind, "") + str(line)


# --- personnel figures -------------------------------------------------------------------------------------


def metric_label(metric: str, lang: str) -> str:
    """Return a personnel metric key's label in the language; an unknown key is shown as the key itself."""
    return t(families.HR_METRIC[metric], lang) if metric in families.HR_METRIC else metric


def basis_mark(basis: object) -> str:
    """Return the marker for a basis: † derived, ‡ reconstructed, '' otherwise."""
    return MARK_SYMBOLS.get(str(basis), "") if not fmt.is_missing(basis) else ""


def basis_word(basis: object, lang: str) -> str:
    """Return a short word for a marked basis ('härlett', 'rekonstruerat'), '' for stated values."""
    if basis in MARK_SYMBOLS:
        return t(families.MARK[str(basis)], lang)
    return ""


def basis_text(basis: object, lang: str) -> str | None:
    """Return a basis in words ('Angivet i rapporten'), or None for a basis without a text."""
    return t(families.BASIS[str(basis)], lang) if basis in families.BASIS else None


def marked_value(value: object, unit: str, basis: object, lang: str) -> str:
    """Format a value by its unit with its basis marker, e.g. '3,7 % ‡'; a missing value shows '–'."""
    mark = basis_mark(basis)
    if unit == "ratio" and not fmt.is_missing(value):
        # Personnel ratios are printed as '11 (10,4)': as many decimals as the report gives (at most one).
        text = fmt.number(value, 0 if float(value).is_integer() else 1, lang=lang)  # type: ignore[arg-type]
    else:
        text = fmt.value_with_unit(value, unit, lang)
    return f"{text} {mark}" if mark and not fmt.is_missing(value) else text
