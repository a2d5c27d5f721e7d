"""Who may edit: a local editor account (scrypt hash) for stand-alone installs, and the role of a signed-in user.

Secrets (.streamlit/secrets.toml):

    [malbild]
    editors = ["anna.andersson@regionvasterbotten.se"]   # e-mail addresses of editors
    role_claim = "roles"                                  # the ID token claim holding roles (Entra ID: roles)
    editor_role = "malbild.editor"                        # the role that makes an editor

    [malbild.local_editor]                                # stand-alone installs, no identity provider
    username = "anna"
    password_hash = "scrypt$32768$8$1$..."                # written by `malbild hash-password --user anna`
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets as _secrets
from collections.abc import Mapping

SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES = 2**15, 8, 1, 32
_MAXMEM = 128 * 1024 * 1024


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, length: int) -> bytes:
    """Return the scrypt key of a password."""
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAXMEM, dklen=length)


def hash_password(password: str) -> str:
    """Return a salted scrypt hash of a password as one text: scrypt$N$r$p$salt$key (base64)."""
    salt = _secrets.token_bytes(16)
    key = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_BYTES)
    salt64, key64 = (base64.b64encode(b).decode("ascii") for b in (salt, key))
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt64}${key64}"


def verify_password(password: str, stored: str) -> bool:
    """Return whether a password matches a stored scrypt hash (constant-time compare; False for a malformed hash)."""
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(key, validate=True)
        actual = _scrypt(password, base64.b64decode(salt, validate=True), int(n), int(r), int(p), len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def secrets_snippet(username: str, password_hash: str) -> str:
    """Return the secrets.toml lines for a local editor account."""
    return (
        f"[malbild.local_editor]\nusername = {json.dumps(username, ensure_ascii=False)}\n"
        f"password_hash = {json.dumps(password_hash)}"
    )


def _section(secrets: Mapping) -> Mapping:
    """Return the [malbild] section of the secrets (empty when absent)."""
    section = secrets.get("malbild") if secrets else None
    return section if isinstance(section, Mapping) else {}


def verify_local_editor(username: str, password: str, secrets: Mapping) -> bool:
    """Return whether a user name and password match the local editor account in the secrets."""
    account = _section(secrets).get("local_editor")
    if not isinstance(account, Mapping) or not account.get("password_hash"):
        return False
    same_name = hmac.compare_digest(str(account.get("username", "")).encode(), username.strip().encode())
    return verify_password(password, str(account["password_hash"])) and same_name


def editing_configured(secrets: Mapping) -> bool:
    """Return whether the secrets switch editing on: an identity provider ([auth]) or a local editor account."""
    section = _section(secrets)
    local = section.get("local_editor")
    return bool(secrets and secrets.get("auth")) or (isinstance(local, Mapping) and bool(local.get("password_hash")))


def _roles(value: object) -> set[str]:
    """Return the roles in a claim (a list, or a text separated by spaces or commas)."""
    if isinstance(value, str):
        return {r for r in value.replace(",", " ").split() if r}
    if isinstance(value, (list, tuple, set)):
        return {str(r) for r in value}
    return set()


def role_for(user: Mapping | None, secrets: Mapping) -> str:
    """Return 'editor' or 'viewer' for a user (st.user-like mapping, or a local sign-in) under the secrets.

    Editors: the local editor account, a user whose role claim holds the editor role, or whose (verified)
    e-mail is listed. Everyone else, and anyone not signed in, is a viewer.
    """
    if not user or not user.get("is_logged_in"):
        return "viewer"
    section = _section(secrets)
    local = section.get("local_editor")
    if user.get("local_user") is not None:
        ok = isinstance(local, Mapping) and local.get("username") and user["local_user"] == local["username"]
        return "editor" if ok else "viewer"
    if section.get("editor_role", "malbild.editor") in _roles(user.get(section.get("role_claim", "roles"))):
        return "editor"
    editors = {str(e).strip().lower() for e in section.get("editors", []) or []}
    email = str(user.get("email") or user.get("preferred_username") or "").strip().lower()
    if email and email in editors and user.get("email_verified", True) is not False:
        return "editor"
    return "viewer"
