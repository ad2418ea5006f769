"""The sidebar: the language, who reviews, adding articles (link, paste, upload, seed) and
the workspace of articles to open."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from .. import dashboard, i18n, io, workflow
from ..errors import AttributionError
from ..i18n import N_, _
from ..model import DocumentMeta
from ..report.markdown import escape as markdown_text
from .account import who_reviews
from .session import UPLOAD_TYPES, VIEWS, shown_as, workspace


def seed_files(folder: Path | None) -> dict[str, Path]:
    """The seed articles by file name: the only files the picker may open."""
    return {path.name: path for path in sorted(folder.glob("*.txt"))} if folder else {}


def articles(seeds: Path | None) -> dict[str, io.SourceDoc]:
    """The articles opened in this session, by id; the first visit opens the first seed,
    where there are seeds."""
    if "articles" not in st.session_state:
        st.session_state.articles = {}
        first = next(iter(seed_files(seeds).values()), None)
        if first is not None:
            seed = io.read_path(first)
            st.session_state.articles[seed.meta.sha256] = seed
            st.session_state.current = seed.meta.sha256
    return st.session_state.articles


def workspace_articles(
    loaded: dict[str, io.SourceDoc], entries: list[workflow.WorkspaceEntry]
) -> dict[str, str]:
    """Every article to choose from, by id: this session's, then the store's (a pasted
    article too, after a reload). A label never changes while the article is open: the
    widget's choice is its label."""
    labels = {sha: title_of(source.meta) for sha, source in loaded.items()}
    for entry in entries:
        labels.setdefault(entry.sha256, title_of(entry.meta))
    return labels


def add_article(source: io.SourceDoc) -> None:
    """Open the article; showing it keeps it in the store, so it is in the workspace."""
    st.session_state.articles.setdefault(source.meta.sha256, source)
    st.session_state.current = source.meta.sha256
    st.session_state.view = _(VIEWS[0])


def add_pasted() -> None:
    try:
        add_article(io.from_text(st.session_state.pasted, source="pasted text"))
        st.session_state.pasted = ""
    except AttributionError as exc:
        st.session_state.load_errors = [str(exc)]


def add_link() -> None:
    try:
        add_article(io.from_url(st.session_state.link.strip()))
        st.session_state.link = ""
        st.session_state.load_errors = []
    except AttributionError as exc:
        st.session_state.load_errors = [str(exc)]


def add_uploads() -> None:
    errors = []
    for upload in st.session_state.uploads or []:
        try:
            add_article(io.read_bytes(upload.getvalue(), name=upload.name))
        except AttributionError as exc:
            errors.append(str(exc))
    st.session_state.load_errors = errors


def add_seed(seeds: Path | None) -> None:
    """Open the chosen seed. The choice is looked up, never joined to a path: a client can
    send any string as a widget's value."""
    path = seed_files(seeds).get(st.session_state.seed_choice)
    if path is None:
        st.session_state.load_errors = [N_("no such seed article")]
        return
    add_article(io.read_path(path))


def title_of(meta: DocumentMeta) -> str:
    """An article's label, as plain text: the workspace's radio shows it as Markdown,
    escaped; the comparison's multiselect shows it as it is."""
    outlet = f" · {meta.outlet}" if meta.outlet else ""
    return f"{meta.label[:70]}{outlet} ({meta.sha256[:8]})"


def sidebar(
    loaded: dict[str, io.SourceDoc], seeds: Path | None
) -> tuple[str | None, dict[str, str]]:
    """The sidebar; returns the article chosen (none before the first is added), and every
    article's label by id."""
    st.sidebar.title("attribution")
    st.sidebar.caption(_("Who said what, how and where, in Albanian news."))
    st.sidebar.radio(
        "Gjuha · Language",
        list(i18n.LANGUAGES),
        format_func=i18n.LANGUAGES.get,
        horizontal=True,
        key="language",
    )
    who_reviews()
    # The form is drawn only when asked for: it is the heaviest part of a first paint.
    if st.sidebar.toggle(_("Add articles"), key="adding"):
        st.sidebar.text_input(_("Article link (http or https)"), key="link")
        st.sidebar.button(_("Fetch and analyse"), on_click=add_link)
        st.sidebar.text_area(_("Paste an article"), key="pasted", height=150)
        st.sidebar.button(_("Analyse pasted text"), on_click=add_pasted)
        st.sidebar.file_uploader(
            _("Upload .txt, .html or .docx"),
            type=UPLOAD_TYPES,
            accept_multiple_files=True,
            key="uploads",
            on_change=add_uploads,
        )
        if seed_files(seeds):
            st.sidebar.selectbox(_("Seed articles"), list(seed_files(seeds)), key="seed_choice")
            st.sidebar.button(_("Open seed"), on_click=add_seed, args=(seeds,))
    for message in st.session_state.get("load_errors", []):
        st.sidebar.error(markdown_text(_(message)))
    entries = workspace()
    labels = workspace_articles(loaded, entries)
    chosen = st.sidebar.radio(
        _("Workspace: open an article"),
        list(labels),
        format_func=shown_as(labels, lambda sha: markdown_text(labels[sha])),  # Markdown
        key="current",
    )
    with st.sidebar.expander(_("Workspace progress")):
        st.html(f"<style>{dashboard.STYLE}</style>" + dashboard.workspace_html(entries))
    return chosen, labels
