"""Who is reviewing: the signed-in identity and its role at the desk, or, in single-user
mode, the name typed in the sidebar on this computer only."""

from __future__ import annotations

import ipaddress

import streamlit as st

from .. import desk, i18n, workflow
from ..actions import Identity
from ..desk import Reviewer
from ..i18n import _
from ..report.markdown import escape as markdown_text


def sign_in_configured() -> bool:
    """Sign-in is on where Streamlit's secrets (`.streamlit/secrets.toml`, or the files of
    `--secrets.files`) have an [auth] section naming an OpenID Connect provider."""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:
        return False


def current_reviewer() -> Reviewer | None:
    """The signed-in identity, with the role the desk gives it; in single-user mode, the
    name typed in the sidebar."""
    if sign_in_configured():
        if not st.user.is_logged_in:
            return None
        identity = Identity(subject=st.user["sub"], issuer=st.user["iss"])
        email = st.user.get("email")
        name = st.user.get("name") or email or identity.subject
        return desk.load().reviewer(name, email=email, identity=identity)
    name = st.session_state.get("reviewer", "").strip()
    return workflow.as_reviewer(name) if name else None


def who_reviews() -> None:
    """The sidebar's account: sign in and out, or the name a single user signs with."""
    if not sign_in_configured():
        st.sidebar.caption(
            _(
                "Single-user mode: sign-in is not configured, so this page serves this "
                "computer only and reviews are signed with the name typed here."
            )
        )
        st.sidebar.text_input(_("Your name (signs your reviews)"), key="reviewer")
        return
    reviewer = current_reviewer()
    if reviewer is not None:
        st.sidebar.markdown(
            _("Signed in as **{name}** · {role}").format(
                name=markdown_text(reviewer.name), role=i18n.role(reviewer.role.value)
            )
        )
        st.sidebar.button(_("Sign out"), on_click=st.logout)


def admitted() -> bool:
    """Where sign-in is configured, nothing is shown before it; without it, the page
    serves only this computer (the server listens on localhost: this is a second check)."""
    if sign_in_configured():
        if st.user.is_logged_in:
            return True
        st.title("attribution")
        st.info(_("Sign in with your desk account to open the workspace."))
        st.button(_("Sign in"), on_click=st.login, type="primary")
        return False
    if _local(st.context.ip_address):
        return True
    st.error(
        _(
            "This dashboard runs in single-user mode and serves only the computer it runs on. "
            "A desk's server needs sign-in: see “Running it for a desk” in the README."
        )
    )
    return False


def _local(address: object) -> bool:
    """Streamlit gives no address for a browser on localhost (and AppTest none at all)."""
    if not isinstance(address, str):
        return True
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def reviewer_or_prompt() -> Reviewer | None:
    """Reviews are signed: without a reviewer, say where to give one's name."""
    reviewer = current_reviewer()
    if reviewer is None:
        st.info(_("Enter your name in the sidebar to review."))
    return reviewer
