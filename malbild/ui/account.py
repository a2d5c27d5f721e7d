"""Who is using the app: sign-in (OIDC through st.login, or the local editor account), the role, the editor gate."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from functools import cache

import streamlit as st

from malbild.data.entries.auth import editing_configured, role_for, verify_local_editor
from malbild.data.entries.throttle import GUARD, client_id
from malbild.texts import families, t
from malbild.texts.safe import md

LOG = logging.getLogger("malbild.ui.account")
LOCAL_KEY = "_malbild_local_editor"
CLIENT_KEY = "_malbild_client"  # this session's own id: the client when Streamlit knows no address


def secrets() -> Mapping:
    """Return the app's secrets (.streamlit/secrets.toml) as a mapping; none at all is an empty mapping."""
    try:
        return st.secrets.to_dict()
    except Exception:  # noqa: BLE001 - no or unreadable secrets file: the app is read-only
        LOG.info("no secrets: the app is read-only", exc_info=True)
        return {}


def current_user() -> dict:
    """Return the signed-in user: the local editor (this session) or the identity provider's claims (st.user)."""
    local = st.session_state.get(LOCAL_KEY)
    if local:
        return {"is_logged_in": True, "local_user": local, "name": local}
    try:
        return dict(st.user.to_dict())
    except Exception:  # noqa: BLE001 - no sign-in configured
        return {}


def role() -> str:
    """Return 'editor' or 'viewer' for this session."""
    return role_for(current_user(), secrets())


def user_name() -> str:
    """Return the name recorded with an editor's changes: local user, e-mail, or the provider's name."""
    user = current_user()
    return str(user.get("local_user") or user.get("email") or user.get("preferred_username") or user.get("name") or "")


def require_editor(lang: str) -> str:
    """Stop the page with a plain refusal unless this session is an editor; return the editor's name."""
    if role() != "editor":
        st.error(t("auth_refused", lang))
        st.stop()
    return user_name()


def _client(conf: Mapping) -> str:
    """Who is signing in, for the brute-force counts: the proxy's X-Forwarded-For when trusted, else the address."""
    session = st.session_state.setdefault(CLIENT_KEY, uuid.uuid4().hex)
    try:
        headers, address = st.context.headers, st.context.ip_address
    except Exception:  # noqa: BLE001 - no request context (tests, bare mode): count by session
        headers, address = None, None
    try:
        trusted = int((conf.get("malbild") or {}).get("trusted_proxies", 0))
    except (TypeError, ValueError):
        LOG.error("[malbild] trusted_proxies in the secrets is not a whole number; X-Forwarded-For is not read")
        trusted = 0
    return client_id(headers, address, session, trusted)


def _sign_in_local(name: str, password: str, conf: Mapping, lang: str) -> None:
    """Check the local account's password through the brute-force guard; sign in, or say why not."""
    outcome = GUARD.attempt(name, _client(conf), lambda: verify_local_editor(name, password, conf))
    if outcome.ok:
        st.session_state[LOCAL_KEY] = name.strip()
        st.rerun()
    if outcome.locked_seconds > 0:
        minutes = outcome.locked_minutes
        st.error(t("auth_locked_one" if minutes == 1 else "auth_locked", lang, minutes=minutes))
    else:
        st.error(t("auth_wrong", lang))


def _sign_out() -> None:
    """Sign out: forget the local editor, or end the identity provider's session."""
    if st.session_state.pop(LOCAL_KEY, None) is None:
        st.logout()


@cache
def log_read_only() -> None:
    """Tell the operator, once per process, that editing is off and how it is switched on."""
    LOG.info("editing is off: no sign-in is configured in .streamlit/secrets.toml (README, 'Editors')")


def account_box(lang: str) -> None:
    """The sidebar's sign-in part: read-only note, sign-in (provider button or local form), or who is signed in."""
    conf = secrets()
    if not editing_configured(conf):
        log_read_only()  # viewers see nothing about configuration; the operator finds it in the log and the README
        return
    user = current_user()
    if user.get("is_logged_in"):
        who = user_name()
        st.caption(t("auth_signed_in", lang, name=md(who), role=t(families.ROLE[role_for(user, conf)], lang)))
        st.button(t("auth_sign_out", lang), key="auth_sign_out", on_click=_sign_out)
        return
    if conf.get("auth"):
        provider = (conf.get("malbild") or {}).get("provider")
        if st.button(t("auth_sign_in", lang), key="auth_sign_in"):
            st.login(provider) if provider else st.login()
    if (conf.get("malbild") or {}).get("local_editor"):
        with st.expander(t("auth_sign_in_local", lang)), st.form("auth_local"):
            name = st.text_input(t("auth_username", lang), key="auth_user")
            password = st.text_input(t("auth_password", lang), type="password", key="auth_password")
            if st.form_submit_button(t("auth_sign_in", lang)):
                _sign_in_local(name, password, conf, lang)
