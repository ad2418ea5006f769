"""The dashboard's page, drawn by Streamlit: a thin layer of widgets over the public API.

Analysis, review, comparison, verification and the reports all come from `attribution`; what
is shown of an article is built, escaped, by `attribution.dashboard`. `app.py` runs `main`;
the seed article is open from the start, so the page shows what the tool does before
anything is uploaded.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from .. import i18n, settings
from ..errors import AttributionError
from ..i18n import _
from ..report.markdown import escape as markdown_text
from .account import admitted
from .review import article_view, missed_quote_form
from .session import VIEWS, interface_language, models, reviewed_state, source_of
from .sidebar import articles, sidebar
from .views import claims_view, compare_view, export_view, speakers_view, verify_view


def main(seeds: Path | None) -> None:
    """The page, top to bottom; SEEDS is the folder of articles open from the start."""
    st.set_page_config(page_title="attribution", layout="wide")
    i18n.use(interface_language())
    try:
        settings.current()  # a bad environment is one message, before anything uses it
    except AttributionError as exc:
        st.error(markdown_text(exc))
        return
    if not admitted():
        return
    models()
    loaded = articles(seeds)
    sha, labels = sidebar(loaded, seeds)
    if sha is None:
        st.info(_("Add an article in the sidebar: a link, pasted text or a file."))
        return
    try:
        source = source_of(sha)
    except AttributionError as exc:
        st.error(markdown_text(exc))
        return
    if "flash" in st.session_state:
        level, message = st.session_state.pop("flash")
        getattr(st, level)(markdown_text(message))
    try:
        state = reviewed_state(sha)
    except AttributionError as exc:
        st.error(markdown_text(exc))
        return
    shows = (
        lambda: (article_view(state, sha), missed_quote_form(state, sha)),
        lambda: claims_view(state, sha),
        lambda: speakers_view(state),
        lambda: compare_view(sha, labels),
        lambda: verify_view(state, sha),
        lambda: export_view(state, source),
    )
    views = {_(view): show for view, show in zip(VIEWS, shows, strict=True)}
    # Only the open tab runs and is sent to the browser: the first paint stays small.
    for tab, show in zip(
        st.tabs(list(views), key="view", on_change="rerun"), views.values(), strict=True
    ):
        if tab.open:
            with tab:
                show()
