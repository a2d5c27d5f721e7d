"""Editor pages in AppTest: role gating (deep links included), entering, the version check, history, import, undo."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from conftest import REPO
from page_helpers import notes

from malbild.data.entries.auth import hash_password
from malbild.data.entries.backends import backend_from
from malbild.data.entries.store import EntriesStore
from malbild.ui import store as data_store
from malbild.ui.registry import PAGES
from tests.support.entries import enter_level

EDITOR_PAGES = tuple(page.file for page in PAGES if page.editor)  # every page the registry gates
EDITOR = {"is_logged_in": True, "email": "anna@example.se", "roles": ["malbild.editor"], "name": "Anna"}
OIDC_SECRETS = {
    "auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32},
    "malbild": {"editors": ["bo@example.se"]},
}


@pytest.fixture
def entries(built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> EntriesStore:
    """The entries store the app reads ($MALBILD_ENTRIES in the test's folder), read afresh by every run."""
    monkeypatch.setenv("DASHBOARD_DB", str(built_db))
    monkeypatch.setenv("MALBILD_ENTRIES", str(tmp_path / "entries.duckdb"))
    monkeypatch.setattr(data_store, "REVISION_SECONDS", 0.0)
    return EntriesStore(backend_from(str(tmp_path / "entries.duckdb")), built_db)


def _app(page: str, user: dict | None = None, secrets: dict | None = None, **params: str):
    """An AppTest of a page with a faked user and secrets (not run yet)."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    if page != "app.py":
        app.switch_page(page)
    for key, value in (secrets or {}).items():
        app.secrets[key] = value
    if user is not None:
        app.user = user
    for key, value in params.items():
        app.query_params[key] = value
    return app


def _run(app):
    """Run an AppTest and fail on an exception."""
    app.run()
    assert not app.exception, [e.value for e in app.exception]
    return app


LOCAL_PASSWORD = "hemligt-lösen"


def _local_account_app():
    """The overview, signed out, with a local editor account anna (password LOCAL_PASSWORD) in the secrets."""
    secrets = {"malbild": {"local_editor": {"username": "anna", "password_hash": hash_password(LOCAL_PASSWORD)}}}
    return _run(_app("app.py", None, secrets))


def _sign_in(app, password: str):
    """Send the local account's form as anna with `password`; return the app run again."""
    app.sidebar.text_input(key="auth_user").input("anna")
    app.sidebar.text_input(key="auth_password").input(password)
    app.sidebar.get("form_submit_button")[0].click()
    return _run(app)


def _write_widgets(app) -> int:
    """How many ways to change something the page offers (forms, buttons other than sign-in, uploads, inputs)."""
    main = app.main
    return (
        len(main.get("form"))
        + len(main.get("file_uploader"))
        + len(main.get("text_input"))
        + len([b for b in main.button if b.key not in ("auth_sign_in", "auth_sign_out")])
    )


@pytest.mark.parametrize("page", EDITOR_PAGES)
@pytest.mark.parametrize(
    ("user", "secrets"),
    [
        (None, None),  # no secrets at all: read-only
        ({"is_logged_in": False}, OIDC_SECRETS),  # not signed in
        ({"is_logged_in": True, "email": "eva@example.se", "roles": ["reader"]}, OIDC_SECRETS),  # signed in viewer
    ],
)
def test_viewer_deep_link_to_an_editor_page_is_refused(entries, page, user, secrets) -> None:
    """A viewer opening an editor page by its URL sees a plain refusal and no form, button or upload."""
    app = _run(_app(page, user, secrets))
    assert [e.value for e in app.error] == [
        "Den här sidan är bara för redaktörer. Logga in som redaktör för att mata in eller importera uppgifter."
    ]
    assert _write_widgets(app) == 0
    assert not {"Edit", "Import", "Changes"} & {link.proto.page for link in app.sidebar.get("page_link")}
    assert entries.change_log() == []


@pytest.mark.parametrize(
    ("user", "secrets"),
    [
        (None, None),
        ({"is_logged_in": False}, OIDC_SECRETS),
        ({"is_logged_in": True, "roles": ["reader"]}, OIDC_SECRETS),
    ],
)
def test_a_viewers_navigation_has_no_editor_page(entries, user, secrets) -> None:
    """st.navigation registers no editor page for a viewer: no link, and the page cannot be switched to at all."""
    app = _run(_app("app.py", user, secrets))
    assert not {"Edit", "Import", "Changes"} & {link.proto.page for link in app.sidebar.get("page_link")}
    for page in EDITOR_PAGES:
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            app.switch_page(page)
    assert _write_widgets(app) == 0


def test_an_editors_navigation_has_the_editor_pages(entries) -> None:
    """For an editor st.navigation registers the editor pages, under their old URL paths, and they open."""
    app = _run(_app("app.py", EDITOR, OIDC_SECRETS))
    assert [link.proto.page for link in app.sidebar.get("page_link")][-3:] == ["Edit", "Import", "Changes"]
    _run(app.switch_page("pages/7_Edit.py"))
    assert app.title[0].value == "Mata in uppgifter" and len(app.main.get("form")) == 1


def test_signing_out_on_an_editor_page_leaves_no_write_path(entries) -> None:
    """A local editor on the Edit page signs out: the same session, still at that page's address, can write nothing."""
    app = _sign_in(_local_account_app(), LOCAL_PASSWORD)
    _run(app.switch_page("pages/7_Edit.py"))
    assert len(app.main.get("form")) == 1
    app.sidebar.button(key="auth_sign_out").click()
    _run(app)
    assert _write_widgets(app) == 0
    assert not {"Edit", "Import", "Changes"} & {link.proto.page for link in app.sidebar.get("page_link")}
    assert entries.change_log() == []


def test_without_secrets_viewers_see_nothing_about_configuration_and_the_log_says_it(entries, caplog) -> None:
    """With no secrets the sidebar shows no configuration to viewers; the operator finds it in the log, once."""
    from malbild.ui.account import log_read_only

    log_read_only.cache_clear()
    with caplog.at_level(logging.INFO, logger="malbild.ui.account"):
        app = _run(_app("app.py"))
        _run(app)
    sidebar = " ".join(c.value for c in app.sidebar.caption) + " ".join(m.value for m in app.sidebar.markdown)
    assert "secrets.toml" not in sidebar and "README" not in sidebar and "läsläge" not in sidebar
    logged = [r.getMessage() for r in caplog.records if "editing is off" in r.getMessage()]
    assert len(logged) == 1 and "secrets.toml" in logged[0]


def test_the_tagline_is_shown_once_on_the_overview_and_in_the_sidebar_elsewhere(entries) -> None:
    from malbild.texts import t

    tagline = t("app_tagline", "sv", reports="Årsredovisning 2018")  # the bundled report, the only one here
    overview = _run(_app("app.py"))
    captions = [c.value for c in overview.caption]  # main and sidebar
    assert captions.count(tagline) == 1
    personnel = _run(_app("pages/3_Personnel.py"))
    assert tagline in [c.value for c in personnel.sidebar.caption]


def test_editor_by_role_claim_or_email_sees_the_editor_pages(entries) -> None:
    """An editor role claim, or an e-mail listed in the secrets, shows the editor pages in the navigation."""
    for user in (EDITOR, {"is_logged_in": True, "email": "bo@example.se", "roles": []}):
        app = _run(_app("app.py", user, OIDC_SECRETS))
        pages = [link.proto.page for link in app.sidebar.get("page_link")]
        assert pages[-3:] == ["Edit", "Import", "Changes"], pages


def test_local_editor_signs_in_with_the_password_only(entries) -> None:
    """The local account's form: a wrong password is refused; the right one makes the session an editor."""
    app = _sign_in(_local_account_app(), "fel")
    assert "Fel användarnamn eller lösenord." in [e.value for e in app.sidebar.error]
    _sign_in(app, LOCAL_PASSWORD)
    assert "Edit" in [link.proto.page for link in app.sidebar.get("page_link")]
    assert any("Inloggad som anna (redaktör)" in c.value for c in app.sidebar.caption)


def test_local_sign_in_is_locked_after_many_wrong_passwords(entries, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 22, item 5: after five wrong passwords even the right one is refused with a plain sentence."""
    from malbild.data.entries.throttle import SignInGuard
    from malbild.ui import account

    slept: list[float] = []
    monkeypatch.setattr(account, "GUARD", SignInGuard(sleep=slept.append))
    app = _local_account_app()
    for password in ["fel"] * 5 + [LOCAL_PASSWORD]:
        _sign_in(app, password)
    assert [e.value for e in app.sidebar.error] == ["För många försök; vänta 15 minuter och försök igen."]
    assert "Edit" not in [link.proto.page for link in app.sidebar.get("page_link")]
    assert slept == [0.5, 1.0, 2.0, 4.0], "each attempt after a failure waited longer"


def _save_level(app, level: int, document: str, note: str = "") -> None:
    """Fill the Edit page's form for the goal and year shown and save."""
    app.main.radio[0].set_value(level)
    inputs = app.main.text_input
    inputs[0].input(note)
    inputs[1].input(document)
    app.main.get("form_submit_button")[0].click()
    _run(app)


def test_editor_fills_goal_1_2016_and_a_viewer_sees_it_with_provenance(entries) -> None:
    """Saving goal 1's 2016 level records it with the editor's name; a viewer's Goals page then shows it."""
    app = _run(_app("pages/7_Edit.py", EDITOR, OIDC_SECRETS))
    now = [m.value for m in app.main.markdown if m.value.startswith("Nu")]
    assert now == ["Nu: ingen uppgift (Ej angivet i rapporten)"]  # a gap said once, not as a value and a basis
    _save_level(app, 2, "Årsredovisning 2016, s. 12", "<b>ur ÅR 2016</b>")
    assert [s.value for s in app.success] == ["Sparat: version 1."]
    assert [m.value for m in app.main.markdown if m.value.startswith("Nu")] == [
        "Nu: ●●○ 2 Målet har delvis uppnåtts ✎ inmatat · Inmatat av personal"
    ]
    entry = entries.current("goal_assessment", {"goal_id": 1, "year": 2016})
    assert (entry["level"], entry["entered_by"], entry["note"]) == (2, "anna@example.se", "<b>ur ÅR 2016</b>")
    history = next(t.value for t in app.table if "Version" in t.value.columns)
    assert [shown.replace("\u2060", "") for shown in history["Av"]] == ["anna@example.se"]
    viewer = _run(_app("pages/1_Goals.py", None, None, goal="1"))
    assert any(note.startswith("✎ 2016: ●●○ 2") and "anna@example.se" in note for note in notes(viewer))


def test_printed_figure_is_refused_with_the_reason(entries) -> None:
    """Goal 1's 2018 level is printed in the report: the save is refused and says why; nothing is written."""
    app = _run(_app("pages/7_Edit.py", EDITOR, OIDC_SECRETS))
    app.main.number_input[0].set_value(2018)
    _run(app)
    _save_level(app, 3, "Årsredovisning 2018")
    assert app.error and "rapport" in app.error[0].value
    assert entries.change_log() == []


def test_second_editor_is_told_and_shown_the_new_value(entries) -> None:
    """Two editors open the same figure; the first saves; the second's save is refused and shows the new value."""
    first = _run(_app("pages/7_Edit.py", EDITOR, OIDC_SECRETS))
    second = _run(_app("pages/7_Edit.py", {**EDITOR, "email": "bo@example.se"}, OIDC_SECRETS))
    _save_level(first, 2, "Årsredovisning 2016, s. 12")
    _save_level(second, 3, "Årsredovisning 2016, s. 13")
    assert second.warning, "the second editor must be told"
    assert any(
        "●●○ 2 Målet har delvis uppnåtts" in m.value and "anna@example.se" in m.value.replace("\u2060", "")
        for m in second.markdown
    )
    assert entries.current("goal_assessment", {"goal_id": 1, "year": 2016})["level"] == 2
    _save_level(second, 3, "Årsredovisning 2016, s. 13")  # now knowingly, with the version shown
    assert entries.current("goal_assessment", {"goal_id": 1, "year": 2016})["level"] == 3
    assert len(entries.history("goal_assessment", {"goal_id": 1, "year": 2016})) == 2


def test_restore_puts_an_earlier_value_back_as_a_new_change(entries) -> None:
    """Restoring version 1 after a correction records version 3 with version 1's level."""
    app = _run(_app("pages/7_Edit.py", EDITOR, OIDC_SECRETS))
    _save_level(app, 2, "Årsredovisning 2016, s. 12")
    _save_level(app, 1, "Årsredovisning 2016, s. 12 (rättad)")
    form = app.main.get("form")[1]
    form.selectbox[0].set_value(1)
    form.text_input[0].input("fel sida")
    form.get("form_submit_button")[0].click()
    _run(app)
    assert "Återställt: nu version 3." in [s.value for s in app.success]
    assert entries.current("goal_assessment", {"goal_id": 1, "year": 2016})["level"] == 2


CSV_2019 = (
    b"goal_id;year;level;note;document;lines\n"
    b"1;2019;3;;ar2018;3894\n"  # the bundled report's lines (the only document on this branch)
    b"2;2019;2;;ar2018;4123\n"
)


def test_import_previews_problems_writes_nothing_then_imports_and_undoes(entries) -> None:
    """A bad file lists its problems and writes nothing; a good one imports in one go; the import can be undone."""
    app = _run(_app("pages/8_Import.py", EDITOR, OIDC_SECRETS))
    bad = CSV_2019 + b"7;2019;4;;ar2018;1\n=1+1;2019;2;;=HYPERLINK(1);1\n"
    app.main.file_uploader[0].upload("goal_assessment.csv", bad, "text/csv")
    _run(app)
    problems = next(t.value for t in app.table if "Problem" in t.value.columns)
    assert any("rad 4" in w for w in problems["Var"]) and any("rad 5" in w for w in problems["Var"])
    assert not [b for b in app.main.button if b.key == "im_do"]
    assert entries.change_log() == []
    app.main.file_uploader[0].set_value(("goal_assessment.csv", CSV_2019, "text/csv"))
    _run(app)
    assert [s.value for s in app.success] == ["Alla 2 rader är giltiga."]
    shown = app.dataframe[0].value
    assert list(shown["Källa (dokument, rader)"]) == ["ar2018 3894", "ar2018 4123"]
    assert list(shown["Text på raderna"]) == ["MÅLET HAR DELVIS UPPNÅTTS (2)", "MÅLET HAR DELVIS UPPNÅTTS (2)."]
    app.main.button(key="im_do").click()
    _run(app)
    assert any(s.value.startswith("Importerat: 2 uppgifter ändrade av 2 rader") for s in app.success)
    assert entries.current("goal_assessment", {"goal_id": 1, "year": 2019})["level"] == 3
    viewer = _run(_app("app.py"))
    grid = next(h.proto.body for h in viewer.get("html") if "mb-grid" in h.proto.body)
    assert '<th scope="col">2019</th>' in grid
    app = _run(_app("pages/8_Import.py", EDITOR, OIDC_SECRETS))
    form = app.main.get("form")[0]
    form.text_input[0].input("fel fil")
    form.get("form_submit_button")[0].click()
    _run(app)
    assert "Importen är ångrad: 2 uppgifter tillbaka som före importen." in [s.value for s in app.success]
    assert (
        entries.current("goal_assessment", {"goal_id": 1, "year": 2019}) is None
        or entries.current("goal_assessment", {"goal_id": 1, "year": 2019})["withdrawn"]
    )


def test_change_log_page_filters_and_offers_formula_safe_downloads(entries) -> None:
    """The change log lists every change; a filter narrows it; the CSV download neutralises a formula comment."""
    enter_level(entries, 1, 2016, 2, source_document="ÅR 2016", comment='=HYPERLINK("x")')
    enter_level(entries, 2, 2016, 1, user="bo", source_document="ÅR 2016")
    app = _run(_app("pages/9_Changes.py", EDITOR, OIDC_SECRETS))
    assert len(app.dataframe[0].value) == 2
    app.main.selectbox[1].set_value("bo")
    _run(app)
    assert list(app.dataframe[0].value["Av"]) == ["bo"]


def test_change_log_grid_shows_text_as_written_with_controls_visible(entries) -> None:
    """The grid is plain text: no Markdown escapes ('goal_assessment', not 'goal\\_assessment'); a right-to-left
    override or a zero-width space in a name is written out ('[U+202E]'), not obeyed; the filters' 'no filter'
    choice reads 'Alla', not 'None'."""
    entries.set_value(
        "project_grant",
        {"goal_id": 5, "year": 2019, "owner": "Evil\u202efdp.exe", "project": "P\u200bX"},
        {"amount_sek": 100},
        user="anna",
        source_document="ÅR 2019",
        comment="*viktig* [länk](http://x.se)",
        expected_version=0,
    )
    enter_level(entries, 1, 2016, 2, user="bo", source_document="ÅR 2016")
    app = _run(_app("pages/9_Changes.py", EDITOR, OIDC_SECRETS))
    grid = app.dataframe[0].value
    assert sorted(grid["Tabell"]) == ["goal_assessment", "project_grant"]
    row = grid[grid["Tabell"] == "project_grant"].iloc[0]
    assert row["Uppgift"] == "goal_id=5, year=2019, owner=Evil[U+202E]fdp.exe, project=P[U+200B]X"
    assert row["Kommentar"] == "*viktig* [länk](http://x.se)"
    assert not any("\\" in str(v) or "\u202e" in str(v) for v in grid.to_numpy().ravel())
    assert [box.options[0] for box in app.main.selectbox] == ["Alla", "Alla", "Alla"]
    assert app.main.selectbox[0].options[1:] == ["goal_assessment", "project_grant"]


def test_entered_project_rows_show_a_gap_not_none_and_an_empty_csv_cell(entries) -> None:
    """An entered project row has no source lines in the report: the table shows the gap sign, the CSV an empty
    cell (not 'None' / 'nan'); its names are shown with their control characters written out."""
    import csv
    import io

    from malbild.data.entries.merge import open_merged
    from malbild.data.queries import run_query
    from malbild.export.tables import to_csv

    entries.set_value(
        "project_grant",
        {"goal_id": 5, "year": 2019, "owner": "Evil\u202efdp.exe", "project": "Nytt projekt"},
        {"amount_sek": 100},
        user="anna",
        source_document="ÅR 2019",
        expected_version=0,
    )
    app = _run(_app("pages/2_Projects.py"))
    table = app.dataframe[0].value
    row = table[table["Projekt"] == "Nytt projekt"].iloc[0]
    assert row["Projektägare"] == "Evil[U+202E]fdp.exe"
    assert not {str(v) for v in row.to_numpy()} & {"None", "nan", "NaN", "<NA>"}, row  # two years: the year shows
    assert row["År"] == "2019" and (table["År"] == "2018").any()
    assert "Evil[U+202E]fdp.exe" in app.multiselect(key="owner").options
    con = open_merged(Path(entries.report), entries)
    try:
        rows = run_query(
            con, "filtered_project_grants", goal_ids=[5], owners=[], min_amount=None, max_amount=None, text=None
        )
    finally:
        con.close()
    lines = list(csv.reader(io.StringIO(to_csv(rows, [], lang="sv").decode("utf-8-sig")), delimiter=";"))
    entered = next(line for line in lines if line[4] == "Nytt projekt")
    assert entered[-1] == "" and all(line[-1] not in ("None", "nan") for line in lines)


def test_editor_enters_a_personnel_metric_written_the_swedish_way(entries) -> None:
    """The other-figures form reads '2,5' as a number, names a bad column, and saves a 2019 personnel figure."""
    app = _run(_app("pages/7_Edit.py", EDITOR, OIDC_SECRETS))
    app.main.selectbox(key="ed_kind").set_value("hr_metric")
    _run(app)
    app.main.text_input(key="ed_key_hr_metric_metric").input("afa_incidents_reported")
    app.main.text_input(key="ed_key_hr_metric_year").input("2019")
    app.main.text_input(key="ed_key_hr_metric_grp").input("all")
    _run(app)
    app.main.text_input(key="ed_val_hr_metric_value").input("två")
    app.main.text_input(key="ed_doc_hr_metric").input("Årsredovisning 2019, s. 80")
    app.main.get("form_submit_button")[-1].click()
    _run(app)
    assert any("kolumn value" in e.value for e in app.error), [e.value for e in app.error]
    assert entries.change_log() == []
    app.main.text_input(key="ed_val_hr_metric_value").input("2,5")
    app.main.get("form_submit_button")[-1].click()
    _run(app)
    assert "Sparat: version 1." in [s.value for s in app.success]
    entry = entries.current("hr_metric", {"metric": "afa_incidents_reported", "year": 2019, "grp": "all"})
    assert (entry["value"], entry["entered_by"]) == (2.5, "anna@example.se")


# Issue 22, item 4: text from a person (another editor's name and note, an owner in an import) in a message -------

# A link, an image fetched from outside, red text (a Streamlit directive), KaTeX and bold.
PERSON_TEXT = "[länk](https://evil.example/x) ![bild](http://attacker/q.png) :red[röd] $x^2$ **fet**"
# Markdown that would act if not escaped: [ ] of a link or image, a directive, $ of KaTeX, ** of bold, a URL.
_LIVE = re.compile(r"(?<!\\)[\[\]$]|(?<!\\)\*\*|(?<!\\):red|(?:https?|ftp)://")


def _as_shown(markdown: str) -> str:
    """The text a reader sees when Markdown resolves the backslash escapes (word joiners are invisible)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")


def _shows_literally(message: str, *texts: str) -> bool:
    """Whether a message hands every text to Markdown escaped: nothing live, each shown exactly as written."""
    return not _LIVE.findall(message) and all(text in _as_shown(message) for text in texts)


def test_version_conflict_shows_the_other_editors_name_and_note_as_text(entries) -> None:
    """The conflict warning names the other editor and their note: a link, an image, red text, KaTeX stay text."""
    app = _run(_app("pages/7_Edit.py", EDITOR, OIDC_SECRETS))
    enter_level(entries, 1, 2016, 2, PERSON_TEXT, user=PERSON_TEXT, source_document="ÅR 2016")
    _save_level(app, 3, "Årsredovisning 2016, s. 13")
    warnings = [w.value for w in app.warning]
    assert len(warnings) == 1 and "någon annan ändrade värdet" in warnings[0], warnings
    assert _shows_literally(warnings[0], f"note={PERSON_TEXT}", f"({PERSON_TEXT}, "), warnings[0]


def test_undo_refusal_shows_an_owners_name_as_text(entries) -> None:
    """Undoing an import whose grant was changed since is refused, naming the figure: its owner stays text."""
    key = {"goal_id": 1, "year": 2019, "owner": PERSON_TEXT, "project": "P"}
    entries.import_figures([("project_grant", key, {"amount_sek": 1000}, "ÅR 2019")], user="bo", file_name="2019.csv")
    entries.set_value(
        "project_grant", key, {"amount_sek": 2000}, user="bo", source_document="ÅR 2019", expected_version=1
    )
    app = _run(_app("pages/8_Import.py", EDITOR, OIDC_SECRETS))
    form = app.main.get("form")[0]
    form.text_input[0].input("fel fil")
    form.get("form_submit_button")[0].click()
    _run(app)
    errors = [e.value for e in app.error]
    assert len(errors) == 1 and "går inte att ångra" in errors[0], errors
    assert _shows_literally(errors[0], json.dumps(PERSON_TEXT, ensure_ascii=False)), errors[0]


def test_the_signed_in_name_is_shown_as_text(entries) -> None:
    """The sidebar's "Inloggad som …" shows the identity provider's name for the user as written."""
    app = _run(_app("pages/7_Edit.py", {**EDITOR, "email": PERSON_TEXT}, OIDC_SECRETS))
    signed_in = [c.value for c in app.sidebar.caption if c.value.startswith("Inloggad som")]
    assert len(signed_in) == 1 and _shows_literally(signed_in[0], f"Inloggad som {PERSON_TEXT} (redaktör)."), signed_in


def _three_changes(entries) -> None:
    """Three recorded changes by anna, bo and cia (goal levels of 2016, goals 1-3)."""
    for goal_id, user in ((1, "anna"), (2, "bo"), (3, "cia")):
        entries.set_value(
            "goal_assessment",
            {"goal_id": goal_id, "year": 2016},
            {"level": 2, "note": None},
            user=user,
            source_document="ÅR 2016",
            expected_version=0,
        )


def test_change_log_builds_no_workbook_on_a_plain_load(entries, monkeypatch) -> None:
    """Issue 22 item 1: the Excel (and CSV) download is built when clicked, not on every run of the page."""
    from openpyxl.workbook.workbook import Workbook

    saved = []
    original = Workbook.save
    monkeypatch.setattr(Workbook, "save", lambda book, target: saved.append(target) or original(book, target))
    _three_changes(entries)
    app = _run(_app("pages/9_Changes.py", EDITOR, OIDC_SECRETS))
    app.main.selectbox[1].set_value("bo")
    _run(app)
    assert list(app.dataframe[0].value["Av"]) == ["bo"]
    assert saved == [], "a workbook was built on a run of the page"
    buttons = app.main.get("download_button")
    assert len(buttons) == 2 and all(b.proto.deferred_file_id for b in buttons), "built on click (deferred)"


def test_change_log_shows_one_page_of_rows_and_reaches_the_rest(entries, monkeypatch) -> None:
    """Issue 22 item 1: the table is drawn a page at a time (never 100 000 rows); a page number reaches the rest."""
    from malbild.views import editing

    monkeypatch.setattr(editing, "CHANGE_LOG_PAGE_ROWS", 2)
    _three_changes(entries)
    app = _run(_app("pages/9_Changes.py", EDITOR, OIDC_SECRETS))
    assert list(app.dataframe[0].value["Av"]) == ["cia", "bo"]
    assert "Visar rad 1–2 av 3. Nedladdningarna innehåller alla rader." in [c.value for c in app.caption]
    app.number_input[0].set_value(2)
    _run(app)
    assert list(app.dataframe[0].value["Av"]) == ["anna"]
    assert "Visar rad 3–3 av 3. Nedladdningarna innehåller alla rader." in [c.value for c in app.caption]


def test_a_number_not_on_its_lines_is_confirmed_before_the_import_and_recorded(entries) -> None:
    """Issue 19 item 3: a number not on the cited lines is a warning beside its row; Import waits for the editor to
    confirm; the confirmation is recorded with the change."""
    app = _run(_app("pages/8_Import.py", EDITOR, OIDC_SECRETS))
    grant = "goal_id;year;owner;project;amount_sek;document;lines\n1;2019;Umeå kommun;Nytt;1 234 567;ar2018;4067-4069\n"
    app.main.file_uploader[0].upload("project_grant.csv", grant.encode(), "text/csv")
    _run(app)
    warning = "1\u00a0234\u00a0567 finns inte på rad 4067–4069."
    assert list(app.dataframe[0].value["Kontrollera"]) == [warning]
    assert [w.value for w in app.warning][0].startswith("1 tal står inte på de rader som raden anger")
    assert app.main.button(key="im_do").disabled
    app.main.checkbox(key="im_confirm").check()
    _run(app)
    app.main.button(key="im_do").click()
    _run(app)
    assert entries.entries("project_grant")[0]["source_document"] == "ar2018:4067-4069"
    assert [c["reason"] for c in entries.change_log()] == [f"bekräftat / confirmed: {warning}"]


def test_import_parses_an_upload_once_not_on_every_rerun(entries, monkeypatch) -> None:
    """Issue 22 item 2: the upload is read once; reruns (e.g. typing an undo reason) reuse it; a new file is read."""
    from malbild.data.entries import importer

    parsed = []
    original = importer.preview_files
    monkeypatch.setattr(importer, "preview_files", lambda paths, facts: parsed.append(paths) or original(paths, facts))
    app = _run(_app("pages/8_Import.py", EDITOR, OIDC_SECRETS))
    app.main.file_uploader[0].upload("goal_assessment.csv", CSV_2019, "text/csv")
    _run(app)
    assert [s.value for s in app.success] == ["Alla 2 rader är giltiga."]
    _run(app)
    _run(app)
    assert len(parsed) == 1 and [s.value for s in app.success] == ["Alla 2 rader är giltiga."]
    app.main.file_uploader[0].set_value(("goal_assessment.csv", CSV_2019 + b"3;2019;1;;ar2018;4401\n", "text/csv"))
    _run(app)
    assert len(parsed) == 2 and [s.value for s in app.success] == ["Alla 3 rader är giltiga."]


@pytest.mark.parametrize(
    ("content", "sentence"),
    [
        (
            CSV_2019 + b"1;2018;2;" + b"x" * 140_000 + b";ar2018;1\n",
            "goal\\_assessment.csv kan inte läsas: ett fält på rad 4 är längre än 131\u00a0072 tecken",
        ),
        (
            b"goal_id;year;level;note;document;lines\n" + b"1;2019;2;;ar2018;1\n" * 5001,
            "goal\\_assessment.csv har fler än 5\u00a0000 rader, det största en import får innehålla.",
        ),
    ],
    ids=["csv-field-over-128-kib", "over-the-row-limit"],
)
def test_import_refuses_a_file_over_a_limit_in_a_sentence(entries, content, sentence) -> None:
    """Issue 22 items 3 and 8: a refused file is one plain sentence (the file's name as text), no exception box."""
    app = _run(_app("pages/8_Import.py", EDITOR, OIDC_SECRETS))
    app.main.file_uploader[0].upload("goal_assessment.csv", content, "text/csv")
    _run(app)
    assert [e.value for e in app.error][0].startswith(sentence)
    assert not [b for b in app.main.button if b.key == "im_do"] and entries.change_log() == []
