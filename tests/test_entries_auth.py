"""Who may edit: the local editor account's scrypt hash, and the role decided from a signed-in user."""

from __future__ import annotations

import pytest

from malbild.data.entries.auth import (
    editing_configured,
    hash_password,
    role_for,
    secrets_snippet,
    verify_local_editor,
    verify_password,
)

SECRETS = {
    "auth": {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x"},
    "malbild": {
        "editors": ["Anna.Andersson@Region.se"],
        "editor_role": "malbild.editor",
        "local_editor": {"username": "lokal", "password_hash": hash_password("ett långt lösenord")},
    },
}


def test_hash_is_salted_scrypt_and_verifies():
    """Two hashes of one password differ (salt), both verify it, a wrong or malformed one does not."""
    first, second = hash_password("ett långt lösenord"), hash_password("ett långt lösenord")
    assert first != second and first.startswith("scrypt$32768$8$1$")
    assert verify_password("ett långt lösenord", first) and verify_password("ett långt lösenord", second)
    assert not verify_password("ett långt lösenord ", first)
    assert not verify_password("x", "ett långt lösenord") and not verify_password("x", "scrypt$1$2$3$!!$!!")
    assert "ett långt" not in first and "ett långt" not in secrets_snippet("a", first)


def test_local_editor_account():
    """The local account signs in with its user name and password only."""
    assert verify_local_editor("lokal", "ett långt lösenord", SECRETS)
    assert not verify_local_editor("annan", "ett långt lösenord", SECRETS)
    assert not verify_local_editor("lokal", "fel", SECRETS)
    assert not verify_local_editor("lokal", "ett långt lösenord", {})


@pytest.mark.parametrize(
    ("user", "role"),
    [
        (None, "viewer"),
        ({"is_logged_in": False}, "viewer"),
        ({"is_logged_in": True, "email": "anna.andersson@region.se"}, "editor"),
        ({"is_logged_in": True, "email": " ANNA.ANDERSSON@REGION.SE "}, "editor"),
        ({"is_logged_in": True, "email": "anna.andersson@region.se", "email_verified": False}, "viewer"),
        ({"is_logged_in": True, "preferred_username": "anna.andersson@region.se"}, "editor"),
        ({"is_logged_in": True, "email": "bo@region.se"}, "viewer"),
        ({"is_logged_in": True, "email": "bo@region.se", "roles": ["malbild.editor"]}, "editor"),
        ({"is_logged_in": True, "email": "bo@region.se", "roles": "reader malbild.editor"}, "editor"),
        ({"is_logged_in": True, "email": "bo@region.se", "roles": ["malbild.editor.old"]}, "viewer"),
        ({"is_logged_in": True, "local_user": "lokal"}, "editor"),
        ({"is_logged_in": True, "local_user": "annan"}, "viewer"),
    ],
)
def test_role_from_user(user, role):
    """Editors by role claim, listed e-mail or the local account; everyone else reads."""
    assert role_for(user, SECRETS) == role


def test_role_claim_name_is_configurable_and_no_secrets_means_viewer():
    """A provider with another claim name works by configuration; without secrets everyone is a viewer."""
    secrets = {"malbild": {"role_claim": "groups", "editor_role": "malbild-redaktor"}}
    assert role_for({"is_logged_in": True, "groups": ["malbild-redaktor"]}, secrets) == "editor"
    assert role_for({"is_logged_in": True, "roles": ["malbild-redaktor"]}, secrets) == "viewer"
    assert role_for({"is_logged_in": True, "email": "a@b.se", "local_user": "x"}, {}) == "viewer"
    assert not editing_configured({}) and editing_configured(SECRETS)
    assert editing_configured({"malbild": {"local_editor": SECRETS["malbild"]["local_editor"]}})
