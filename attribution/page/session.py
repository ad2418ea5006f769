"""What the page keeps: the models and the review store once per server, each text's
analysis once, and per browser session its language and open articles."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import streamlit as st

from .. import analyze, i18n, io, nlp, workflow
from ..i18n import N_, _
from ..model import Analysis
from ..review import ReviewedAnalysis
from ..store import Store
from ..store import default_location as store_location

UPLOAD_TYPES = ["txt", "html", "htm", "docx"]


VIEWS = (N_("Article"), N_("Claims"), N_("Speakers"), N_("Compare"), N_("Verify"), N_("Export"))


def models():
    with st.spinner(_("Loading the Albanian models…")):
        return _models()


@st.cache_resource(show_spinner=False)
def _models():
    """The Stanza pipeline, once per server process."""
    return nlp.pipeline(nlp.models_dir(), nlp.DEFAULT_PROCESSORS)


def review_store() -> Store:
    return _store_at(store_location())


@st.cache_resource
def _store_at(location: str | Path) -> Store:
    """One store per file or database ($ATTRIBUTION_STORE or the user's data folder) and
    server."""
    return Store(location)


def analysis_of(sha256: str, source: io.SourceDoc) -> Analysis:
    with st.spinner(_("Analysing…")):
        return _analysis_of(sha256, source)


@st.cache_data(max_entries=64, show_spinner=False)
def _analysis_of(sha256: str, _source: io.SourceDoc) -> Analysis:
    """One analysis per text: the cache key is the text's hash."""
    return analyze(_source)


def interface_language() -> str:
    """The reader's language: the sidebar's switch, first set from the address (`?lang=en`),
    else Albanian. The address follows the switch, so a reload or a shared link keeps it."""
    if st.session_state.get("language") not in i18n.LANGUAGES:
        asked = st.query_params.get("lang")
        st.session_state.language = asked if asked in i18n.LANGUAGES else i18n.INTERFACE_LANGUAGE
    language = st.session_state.language
    spoken = st.session_state.get("spoken", language)
    if spoken != language and "view" in st.session_state:  # the open tab stays open
        st.session_state.view = i18n.relabel(st.session_state.view, VIEWS, spoken, language)
    st.session_state.spoken = language
    st.query_params["lang"] = language
    return language


def shown_as(values: Iterable[str], label: Callable[[str], str]) -> Callable[[str], str]:
    """A widget's format function: each value's label in this run's language, looked up.
    Streamlit may format a value outside the script's run, where no language is set."""
    return {value: label(value) for value in values}.get


def workspace() -> list[workflow.WorkspaceEntry]:
    """The review store's articles."""
    location = store_location()
    return _workspace(location, _store_at(location).revision())


@st.cache_data(max_entries=8, show_spinner=False)
def _workspace(location: str | Path, revision: tuple[int, ...]) -> list[workflow.WorkspaceEntry]:
    """Recomputed only when the store changed (any process); keyed on the store too, so a
    store never shows another's articles however alike their revisions."""
    return workflow.workspace(_store_at(location))


def source_of(sha: str) -> io.SourceDoc:
    loaded = st.session_state.articles
    if sha not in loaded:
        loaded[sha] = workflow.reopen(review_store(), sha)
    return loaded[sha]


def reviewed_state(sha: str) -> ReviewedAnalysis:
    """An article of the workspace with its reviews applied."""
    return workflow.keep(analysis_of(sha, source_of(sha)), review_store())
