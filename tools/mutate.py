"""`make mutate`: apply a curated list of deliberate breakages, one at a time, to a temporary copy of the repository
and run the fast tests that cover each (or, for a mutation marked browser=True, the named browser tests: the
presentation-mode CSS is seen only in Chromium). A mutation the tests do not notice "survives"; none may.

Each mutation replaces exact text in one file. The text is anchored as narrowly as the behaviour allows: a short
snippet, looked for only inside the named function (`scope`, e.g. "sek" or "Class.method") when the snippet is not
unique in the file, so moving or reformatting the rest of the file keeps the mutation applying. Every `old` must
occur exactly once in its scope; when it does not (the code it names was changed), the mutation is STALE: reported
apart from the ones that SURVIVED, and both fail the run. `tests/test_suite.py` applies every mutation to the
tree (no tests run), so a change that makes one stale fails the fast tests at once. The copy is imported through
PYTHONPATH, so the editable install of the real tree is not used. Usage:

    python tools/mutate.py            # all mutations
    python tools/mutate.py --list     # list them
    python tools/mutate.py --check    # only check that every mutation still applies (seconds; no tests)
    python tools/mutate.py ui-nav-params fmt-nbsp   # only these
"""

from __future__ import annotations

import argparse
import ast
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.duckdb", "*.duckdb.wal", "build", ".pytest_cache", "*.egg-info", "node_modules"
)


@dataclass(frozen=True)
class Mutation:
    """One deliberate breakage: replace each `old` by its `new` in `file`; `tests` must then fail."""

    name: str
    file: str
    edits: tuple[tuple[str, str], ...]
    tests: tuple[str, ...]
    why: str
    scope: str = ""  # a function ("sek") or method ("Store.save") of `file` that holds every `old`; "" = the file
    browser: bool = False  # the tests are browser tests (run with -m browser)


def m(
    name: str,
    file: str,
    edits: list[tuple[str, str]],
    tests: list[str],
    why: str,
    scope: str = "",
    browser: bool = False,
) -> Mutation:
    """Shorthand for a Mutation."""
    return Mutation(name, file, tuple(edits), tuple(f"tests/{t}" for t in tests), why, scope, browser)


class Stale(ValueError):
    """A mutation's text is not where it says (exactly once in its file or scope): it no longer tests anything."""


UI = ["test_ui.py"]
FMT = ["test_fmt.py"]
OVERVIEW = ["test_page_overview.py"]

MUTATIONS: list[Mutation] = [
    # --- malbild/ui/chrome.py: the page chrome ---------------------------------------------------------------
    m(
        "ui-nav-params",
        "malbild/ui/chrome.py",
        [
            (
                """    if ctx.lang != DEFAULT_LANG:
        params["lang"] = ctx.lang
    if ctx.present:
        params["present"] = "1"
    return params""",
                "    return params",
            )
        ],
        UI,
        "page links no longer carry ?lang= and ?present=",
    ),
    m(
        "ui-db-kept",
        "malbild/ui/chrome.py",
        [('        st.info(t("db_kept", lang))', "        pass")],
        UI,
        "the 'database kept' notice is not shown",
    ),
    m(
        "ui-present-css",
        "malbild/ui/chrome.py",
        [("""        st.html(style_block("css/present.css"))""", "        pass")],
        UI,
        "presentation mode loses its styling",
    ),
    m(
        "ui-present-values",
        "malbild/ui/chrome.py",
        [('("1", "true", "yes", "on")', '("1",)')],
        UI,
        "?present=true/yes/on no longer switch presentation mode on",
    ),
    m(
        "ui-lang-url",
        "malbild/ui/chrome.py",
        [
            (
                """    st.session_state["_lang"] = normalize_lang(st.session_state.get("lang_widget"))
    _sync_url(st.session_state["_lang"], st.session_state.get("_present", False))""",
                """    st.session_state["_lang"] = normalize_lang(st.session_state.get("lang_widget"))""",
            )
        ],
        UI,
        "the language switch does not reach the URL (the URL then wins)",
    ),
    m(
        "ui-exit-present",
        "malbild/ui/chrome.py",
        [
            (
                """    st.session_state["_present"] = False
    st.session_state["present_widget"] = False
    _sync_url(st.session_state.get("_lang", DEFAULT_LANG), False)""",
                """    st.session_state["present_widget"] = False""",
            )
        ],
        UI,
        "the exit button does not leave presentation mode",
    ),
    m(
        "ui-sidebar-links",
        "malbild/ui/chrome.py",
        [
            (
                "                st.page_link(other.file, label=label, icon=icon, query_params=nav_params(ctx))",
                "                st.page_link(other.file, label=label, icon=icon)",
            )
        ],
        UI,
        "the sidebar's links drop language and presentation mode",
    ),
    m(
        "i18n-unknown-lang",
        "malbild/texts/__init__.py",
        [
            (
                "    return value if isinstance(value, str) and value in languages() else DEFAULT_LANG",
                "    return value if isinstance(value, str) and value else DEFAULT_LANG",
            )
        ],
        UI + ["test_texts.py"],
        "an unknown ?lang= is taken as it is",
    ),
    m(
        "i18n-forgotten-lang",
        "malbild/texts/labels.py",
        [('    return f"{LEVEL_SYMBOLS[n]} {n} {t(key, lang)}"', '    return f"{LEVEL_SYMBOLS[n]} {n} {t(key)}"')],
        ["test_pseudo_locale.py"],
        "a level is labelled in Swedish whatever the language (a forgotten language argument)",
    ),
    # --- malbild/fmt.py: Swedish and English numbers -----------------------------------------------------------
    m(
        "fmt-nbsp",
        "malbild/fmt.py",
        [("return _with_minus(text, lang)", 'return _with_minus(text, lang).replace(NBSP, " ")')],
        FMT,
        "Swedish thousands separator becomes a breaking space",
        scope="number",
    ),
    m(
        "fmt-minus",
        "malbild/fmt.py",
        [('    return text.replace("-", get_minus_sign_symbol(_locale(lang)), 1)', "    return text")],
        FMT,
        "Swedish negatives lose the minus sign (U+2212)",
    ),
    m(
        "fmt-decimal-comma",
        "malbild/fmt.py",
        [("    return language(lang).locale", '    return "en_GB"')],
        FMT,
        "Swedish numbers take the English decimal point and separators",
    ),
    m(
        "fmt-pct-whole",
        "malbild/fmt.py",
        [("        decimals = 0\n", "        pass\n")],
        FMT,
        "whole percentages keep their decimals (15,0 %)",
    ),
    m(
        "fmt-sek-gap",
        "malbild/fmt.py",
        [("return GAP", 'return f"0{NBSP}kr"')],
        FMT,
        "a missing amount is shown as 0 kr instead of a gap",
        scope="sek",
    ),
    m(
        "fmt-nan",
        "malbild/fmt.py",
        [("        return math.isnan(value)", "        return False")],
        FMT,
        "NaN is not treated as missing",
    ),
    m("fmt-msek", "malbild/fmt.py", [("float(value) / 1e6", "float(value) / 1e3")], FMT, "mnkr off by 1000"),
    m(
        "fmt-ratio",
        "malbild/fmt.py",
        [("        return number(value, 2, lang=lang)", "        return number(value, 1, lang=lang)")],
        FMT,
        "ratios lose a decimal",
    ),
    m(
        "fmt-separators",
        "malbild/fmt.py",
        [
            (
                '    return get_decimal_symbol(_locale(lang)) + (" " if group.isspace() else group)',
                '    return (" " if group.isspace() else group) + get_decimal_symbol(_locale(lang))',
            )
        ],
        FMT,
        "Plotly's separators swapped",
    ),
    m(
        "fmt-english-sek",
        "malbild/fmt.py",
        [('in_unit(number(value, 0, lang=lang), "sek", lang)', "number(value, 0, lang=lang)")],
        FMT,
        "English amounts lose 'SEK 1,234'",
        scope="sek",
    ),
    m(
        "fmt-minus-nine",
        "malbild/fmt.py",
        [('"123456789"', '"12345678"')],
        FMT,
        "a negative made only of 0s and 9s (−9, −90 000, −99,9 %) is shown without its sign",
        scope="_with_minus",
    ),
    # --- presentation mode in Chromium (browser tests: about a minute with the server's start) ---------------------
    m(
        "present-header-shown",
        "malbild/ui/css/present.css",
        [('[data-testid="stHeader"], ', "")],
        ["test_browser.py::test_presentation_mode_shows_the_title_and_the_exit_button_uncovered"],
        "presentation mode keeps Streamlit's header: an 82 px white band over the title and the exit button",
        browser=True,
    ),
    # --- the overview's comparison -------------------------------------------------------------------------------
    m(
        "overview-all-goals",
        "malbild/views/overview.py",
        [
            (
                "    both = sorted(set(now) & set(before))\n    if not both:",
                "    both = sorted(set(now))\n    if not both:",
            ),
            ("sum(before[g] == k for g in both)", "sum(before.get(g) == k for g in both)"),
        ],
        OVERVIEW,
        "the change counts goals without a level in the earlier year (the old defect)",
    ),
    m(
        "overview-compared-count",
        "malbild/views/overview.py",
        [("    return changes, len(both)", "    return changes, len(now)")],
        OVERVIEW,
        "the number of goals compared is wrong",
    ),
    m(
        "overview-gap-delta",
        "malbild/views/overview.py",
        [("    changes[None] = None", "    changes[None] = 0")],
        OVERVIEW,
        "the 'not stated' count gets a change",
    ),
    m(
        "overview-gap-as-level",
        "malbild/views/overview.py",
        [
            (
                "groups[levels.get(goal_id)].append(goal_id)",
                "groups[levels.get(goal_id, 1)].append(goal_id)",
            )
        ],
        OVERVIEW,
        "a gap is counted as level 1",
    ),
    m(
        "overview-no-comparison-note",
        "malbild/views/overview.py",
        [('return t("ov_change_none", lang, year=year - 1)', 'return ""')],
        OVERVIEW,
        "the overview does not say that there is no comparison",
    ),
    m(
        "overview-change-note-placeholder",
        "malbild/texts/locale/en/LC_MESSAGES/malbild.po",
        [
            (
                '"The change against {year} is counted only over {goals}, which have a level in both years."',
                '"The change against {year} is counted only over the goals with a level in both years."',
            )
        ],
        ["test_texts.py"],
        "a translation loses a placeholder",
    ),
    # --- views, queries and start-up -------------------------------------------------------------------------
    m(
        "views-shared-tables",
        "malbild/views/cache.py",
        [("        return value.copy(deep=False)", "        return value")],
        ["test_view_cache.py"],
        "every session gets the cached view's own tables: one session's change shows in every other's",
        scope="fresh",
    ),
    m(
        "query-min-amount",
        "queries/filtered_project_grants.sql",
        [("p.amount_sek >= $min_amount", "p.amount_sek > $min_amount")],
        ["test_queries.py", "test_page_projects.py"],
        "the lower amount bound excludes its own value",
    ),
    m(
        "query-funding-count",
        "queries/funding_and_level_by_goal.sql",
        [("count(p.project) AS projects", "count(*) AS projects")],
        ["test_queries.py", "test_page_states.py"],
        "a goal without projects counts one project",
    ),
    m(
        "projects-differ-warning",
        "pages/2_Projects.py",
        [
            (
                "(st.caption if view.stated.matches else st.warning)(view.stated.message)",
                "st.caption(view.stated.message)",
            )
        ],
        ["test_page_states.py"],
        "rows that no longer add up to the report's TOTALT line raise no warning",
    ),
    m(
        "personnel-empty",
        "pages/3_Personnel.py",
        [
            (
                """    st.title(ctx.t("page_personnel"))
    st.info(ctx.t("no_data"))""",
                """    st.title(ctx.t("page_personnel"))""",
            )
        ],
        ["test_page_states.py"],
        "Personnel without figures shows a blank page",
    ),
    m(
        "finance-no-goals",
        "malbild/views/finance.py",
        [("    if len(this_year):  # without financial goals", "    if True:  # without financial goals")],
        ["test_page_states.py"],
        "Finance without financial goals crashes",
    ),
    m(
        "balance-requirement-deficit-ignored",
        "malbild/views/finance_stated.py",
        [("    return result >= 0 and to_settle == 0", "    return result >= 0")],
        ["test_finance_stated.py"],
        "a deficit from earlier years still to settle is called met",
    ),
    m(
        "turnover-share-of-wrong-whole",
        "malbild/views/finance_stated.py",
        [
            (
                "fmt.pct(100 * r.amount_tkr / whole, 0, lang=lang)",
                "fmt.pct(100 * r.amount_tkr / (whole + r.amount_tkr), 0, lang=lang)",
            )
        ],
        ["test_finance_stated.py"],
        "the turnover's shares not taken of its own total",
    ),
    m(
        "shares-sum-always-100",
        "malbild/views/finance_stated.py",
        [
            (
                '    key = N_("fin_share_sum") if total == 100 else N_("fin_share_sum_off")',
                '    key = N_("fin_share_sum")',
            )
        ],
        ["test_finance_stated.py"],
        "the cost distribution's 100.21 % shown as if it summed to 100 %",
    ),
    m(
        "goals-no-projects",
        "pages/1_Goals.py",
        [("    st.info(view.no_projects)", "    pass")],
        ["test_page_states.py"],
        "a goal without projects shows nothing",
    ),
    m(
        "build-keep-entered",
        "malbild/data/build.py",
        [
            (
                "        return BuildStatus(BuildAction.CURRENT)\n    if state.entered:\n",
                "        return BuildStatus(BuildAction.CURRENT)\n    if False:\n",
            )
        ],
        UI,
        "a database with staff entries is rebuilt (entries lost)",
    ),
    m(
        "build-no-checksum",
        "malbild/data/build.py",
        [
            (
                '        raise StoreError("unreadable", f"{target} holds no build checksum; '
                'it was not built by malbild.data.build")'
                "\n    try:",
                "        return BuildStatus(BuildAction.CURRENT)\n    try:",
            )
        ],
        UI,
        "a database without a stored checksum is taken as current",
    ),
    m(
        "deck-basis-zero",
        "malbild/views/sources.py",
        [("for b in BASES if totals[b]]", "for b in BASES]")],
        ["test_deck.py"],
        "the basis line lists kinds with no figures",
    ),
    m(
        "blocks-unescaped",
        "malbild/markup/__init__.py",
        [("autoescape=True,", "autoescape=False,")],
        ["test_blocks.py", "test_markup.py"],
        "the templates (pages' HTML blocks, the snapshot) show a text as markup",
    ),
    m(
        "blocks-arrow-always-up",
        "malbild/ui/blocks.py",
        [('"arrow": ARROWS.get(m.shown_arrow, "")', '"arrow": "↑"')],
        ["test_blocks.py"],
        "a key figure's arrow goes up whatever its sign",
    ),
    m(
        "nav-editor-pages-for-everyone",
        "app.py",
        [('for page in navigation(editor=role() == "editor")', "for page in navigation(editor=True)")],
        ["test_editor_pages.py"],
        "st.navigation registers the editor pages for viewers too",
    ),
    m(
        "snapshot-entered-without-provenance",
        "malbild/export/snapshot.py",
        [('"entered": _who_entered(entered, lang),', '"entered": _who_entered((), lang),')],
        ["test_page_entries.py"],
        "a goal's section in the snapshot no longer says who entered its figures",
        scope="_goal_section",
    ),
    m(
        "snapshot-no-fallback-note",
        "malbild/export/snapshot.py",
        [
            (
                """        except RenderError:
            pass""",
                '''        except RenderError:
            no_charts = ""''',
            )
        ],
        ["test_snapshot.py"],
        "a snapshot without charts does not say why",
    ),
    m(
        "verdict-quote-changed",
        "data/verdict.csv",
        [("är detta delvis förenligt med fullmäktiges mål", "är detta förenligt med fullmäktiges mål")],
        ["test_reconcile_verdicts.py"],
        "a verdict's quote no longer stands in its cited line (8491): the auditors' 'delvis' would be lost",
    ),
    m(
        "verdict-temper-dropped",
        "malbild/views/steps.py",
        [("    message += temper_text(latest_verdicts(q, lang)[1], lang)\n", "")],
        ["test_walkthrough.py"],
        "the finance step's '5 av 5' would stand without the auditors' 'delvis'",
    ),
    m(
        "report-added-twice",
        "malbild/data/add_report.py",
        [('if existing["sha256"] == digest:', "if False:")],
        ["test_add_report.py::test_the_same_file_twice_and_a_second_report_for_a_year"],
        "the same report file would become a second document",
    ),
    m(
        "report-encryption-unnamed",
        "malbild/data/report_text.py",
        [("if reader.is_encrypted:", "if False:")],
        ["test_add_report.py::test_unreadable_files_are_refused_with_what_to_do"],
        "an encrypted PDF would be called damaged instead of asking for a copy without a password",
    ),
    m(
        "passage-of-any-document",
        "queries/source_passage.sql",
        [("JOIN doc d ON s.document = d.document", "JOIN doc d ON true")],
        ["test_add_report.py::test_a_pdf_report_becomes_a_document_with_its_lines_and_pages"],
        "a passage would mix the lines of every document with those numbers",
    ),
]


def _scope_span(text: str, mutation: Mutation) -> tuple[int, int]:
    """The character span of the mutation's scope in the file's text (the whole file when it names none)."""
    if not mutation.scope:
        return 0, len(text)
    nodes: list[ast.AST] = list(ast.parse(text).body)
    found: ast.AST | None = None
    for part in mutation.scope.split("."):
        found = next(
            (
                n
                for n in nodes
                if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and n.name == part
            ),
            None,
        )
        if found is None:
            raise Stale(f"{mutation.name}: {mutation.file} has no {mutation.scope}")
        nodes = list(getattr(found, "body", []))
    assert found is not None and found.end_lineno is not None
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    first = min([found.lineno, *(d.lineno for d in getattr(found, "decorator_list", []))])
    return starts[first - 1], starts[found.end_lineno]


def mutated_text(text: str, mutation: Mutation) -> str:
    """The file's text with the mutation applied; Stale when an `old` is not exactly once in its scope."""
    for old, new in mutation.edits:
        start, end = _scope_span(text, mutation)
        count = text.count(old, start, end)
        where = f"{mutation.file}" + (f" ({mutation.scope})" if mutation.scope else "")
        if count != 1:
            raise Stale(f"{mutation.name}: expected the text once in {where}, found it {count} times: {old[:80]!r}")
        at = text.index(old, start, end)
        text = text[:at] + new + text[at + len(old) :]
    if mutation.file.endswith(".py"):
        compile(text, mutation.file, "exec")  # a mutation must break behaviour, not the syntax
    return text


def apply(root: Path, mutation: Mutation) -> str:
    """Apply a mutation in the copy; return the original text of the file."""
    path = root / mutation.file
    original = path.read_text(encoding="utf-8")
    path.write_text(mutated_text(original, mutation), encoding="utf-8")
    return original


def stale(root: Path = REPO, chosen: list[Mutation] | None = None) -> list[str]:
    """The reasons why mutations no longer apply to the tree at `root` (empty when all apply)."""
    reasons = []
    for mutation in MUTATIONS if chosen is None else chosen:
        try:
            mutated_text((root / mutation.file).read_text(encoding="utf-8"), mutation)
        except (Stale, OSError) as exc:
            reasons.append(str(exc))
    return reasons


def run_tests(root: Path, tests: tuple[str, ...], timeout: float, browser: bool = False) -> tuple[int, str]:
    """Run the fast (or the named browser) tests in the copy; return pytest's exit code and its last lines."""
    env = {k: v for k, v in os.environ.items() if k not in ("DASHBOARD_DB", "DASHBOARD_DATA")}
    env["PYTHONPATH"] = str(root)
    marker = "browser" if browser else "not browser"
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-m", marker, *tests]
    try:
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return -1, "timed out"
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    failed = [line for line in lines if line.startswith(("FAILED tests/", "ERROR tests/"))]
    return done.returncode, (failed[0] if failed else lines[-1] if lines else done.stderr[-300:])


def check_copy(root: Path) -> None:
    """Make sure the tests in the copy import the copy's malbild, not the installed tree."""
    env = dict(os.environ, PYTHONPATH=str(root))
    out = subprocess.run(
        [sys.executable, "-c", "import malbild.paths as p; print(p.REPO_ROOT)"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if Path(out).resolve() != root.resolve():
        raise SystemExit(f"the copy imports malbild from {out}, not from {root}")


def main(argv: list[str] | None = None) -> int:
    """Run the curated mutations; exit 1 when one survives (or its tests error), 3 when one is stale, else 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="run only these mutations")
    parser.add_argument("--list", action="store_true", help="list the mutations and exit")
    parser.add_argument("--check", action="store_true", help="only check that the mutations still apply")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per test run")
    args = parser.parse_args(argv)
    chosen = [x for x in MUTATIONS if not args.names or x.name in args.names]
    if args.list:
        for x in MUTATIONS:
            print(f"{x.name:34} {x.file:38} {x.why}")
        return 0
    unknown = set(args.names) - {x.name for x in MUTATIONS}
    if unknown:
        print(f"unknown mutation(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    stale_now = {x.name: reason for x in chosen for reason in stale(REPO, [x])}
    for reason in stale_now.values():
        print(f"STALE        {reason}")
    if args.check:
        print(f"{len(chosen) - len(stale_now)} of {len(chosen)} mutations apply.")
        return 3 if stale_now else 0
    chosen = [x for x in chosen if x.name not in stale_now]
    results = []
    with tempfile.TemporaryDirectory(prefix="malbild-mutate-") as tmp:
        root = Path(tmp) / "repo"
        shutil.copytree(REPO, root, ignore=IGNORE)
        check_copy(root)
        for browser in (False, True):
            baseline = tuple(sorted({t for x in chosen if x.browser == browser for t in x.tests}))
            if not baseline:
                continue
            code, last = run_tests(root, baseline, args.timeout * 3, browser)
            kind = "browser test" if browser else "test"
            print(f"baseline ({len(baseline)} {kind} files, unmutated): {'ok' if code == 0 else 'FAILED'} – {last}")
            if code != 0:
                return 1
        for x in chosen:
            t0 = time.perf_counter()
            original = apply(root, x)
            try:
                code, last = run_tests(root, x.tests, args.timeout, x.browser)
            finally:
                (root / x.file).write_text(original, encoding="utf-8")
            verdict = {0: "SURVIVED", 1: "killed"}.get(code, f"ERROR ({code})")
            results.append((x, verdict, last))
            print(f"{verdict:12} {x.name:34} {time.perf_counter() - t0:5.1f} s  {last[:110]}", flush=True)
    survived = [x.name for x, verdict, _ in results if verdict != "killed"]
    print(
        f"\n{len(results) - len(survived)} of {len(results)} applied mutations killed, {len(stale_now)} stale, "
        f"in {time.perf_counter() - started:.0f} s."
    )
    if survived:
        print("Not killed (the tests miss a breakage): " + ", ".join(survived))
    if stale_now:
        print("Stale (the code they name changed; re-anchor them in tools/mutate.py): " + ", ".join(stale_now))
    return 1 if survived else 3 if stale_now else 0


if __name__ == "__main__":
    raise SystemExit(main())
