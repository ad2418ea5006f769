"""The dashboard: `streamlit run app.py`.

A thin layer of widgets over the public API. Analysis, review, comparison, verification and
the reports all come from `attribution`; what is shown of an article is built, escaped, by
`attribution.dashboard`. The seed article is open from the start, so the page shows what the
tool does before anything is uploaded.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from pathlib import Path

import streamlit as st

from attribution import (
    analyze,
    dashboard,
    desk,
    i18n,
    io,
    nlp,
    report,
    verify_quotes,
    workflow,
)
from attribution.actions import Identity
from attribution.api import canonical_side, side_label
from attribution.api import compare as compare_readouts
from attribution.compare import readout, sides_of, statements
from attribution.desk import Reviewer
from attribution.errors import AccessError, AttributionError, ReviewError
from attribution.i18n import N_, _, ngettext, term
from attribution.model import Analysis, DocumentMeta
from attribution.ratings import Rating, load_scale
from attribution.render import action_detail, diff_texts, speakers_text
from attribution.report import comparison as comparison_report
from attribution.report.markdown import escape as markdown_text
from attribution.review import (
    ActionKind,
    Check,
    CheckKind,
    ReviewedAnalysis,
    ReviewedQuote,
    Verdict,
)
from attribution.sentences import occurrences
from attribution.store import Store
from attribution.store import default_location as store_location

SEEDS = Path(__file__).resolve().parent / "seeds"
UPLOAD_TYPES = ["txt", "html", "htm", "docx"]
QUOTE_TYPES = ("direct", "indirect")
VIEWS = (N_("Article"), N_("Claims"), N_("Speakers"), N_("Compare"), N_("Verify"), N_("Export"))


# ------------------------------------------------------------------------------ caches


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


# ------------------------------------------------------------------------------ language


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


def rating_label(entry: Rating) -> str:
    """A rating of the desk's scale in the reader's language, its value first."""
    name = entry.name_in(i18n.current())
    return f"{entry.value} {name}" if entry.value is not None else name


# ------------------------------------------------------------------------------ articles


def seed_files() -> dict[str, Path]:
    """The seed articles by file name: the only files the picker may open."""
    return {path.name: path for path in sorted(SEEDS.glob("*.txt"))}


def articles() -> dict[str, io.SourceDoc]:
    """The articles opened in this session, by id; the first visit opens the seed."""
    if "articles" not in st.session_state:
        seed = io.read_path(next(iter(seed_files().values())))
        st.session_state.articles = {seed.meta.sha256: seed}
        st.session_state.current = seed.meta.sha256
    return st.session_state.articles


@st.cache_data(max_entries=8, show_spinner=False)
def workspace(revision: tuple[int, ...]) -> list[workflow.WorkspaceEntry]:
    """The store's articles; recomputed only when the store changed (any process)."""
    return workflow.workspace(review_store())


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


def source_of(sha: str) -> io.SourceDoc:
    loaded = st.session_state.articles
    if sha not in loaded:
        loaded[sha] = workflow.reopen(review_store(), sha)
    return loaded[sha]


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


def add_seed() -> None:
    """Open the chosen seed. The choice is looked up, never joined to a path: a client can
    send any string as a widget's value."""
    path = seed_files().get(st.session_state.seed_choice)
    if path is None:
        st.session_state.load_errors = [N_("no such seed article")]
        return
    add_article(io.read_path(path))


def title_of(meta: DocumentMeta) -> str:
    outlet = f" · {meta.outlet}" if meta.outlet else ""
    label = f"{meta.label[:70]}{outlet} ({meta.sha256[:8]})"
    return markdown_text(label)  # radio labels are Markdown


def sidebar(loaded: dict[str, io.SourceDoc]) -> tuple[str, dict[str, str]]:
    """The sidebar; returns the article chosen, and every article's label by id."""
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
        st.sidebar.selectbox(_("Seed articles"), list(seed_files()), key="seed_choice")
        st.sidebar.button(_("Open seed"), on_click=add_seed)
    for message in st.session_state.get("load_errors", []):
        st.sidebar.error(markdown_text(_(message)))
    entries = workspace(review_store().revision())
    labels = workspace_articles(loaded, entries)
    chosen = st.sidebar.radio(
        _("Workspace: open an article"), list(labels), format_func=labels.get, key="current"
    )
    with st.sidebar.expander(_("Workspace progress")):
        st.html(f"<style>{dashboard.STYLE}</style>" + dashboard.workspace_html(entries))
    return chosen, labels


# ------------------------------------------------------------------------------ who reviews


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


# ------------------------------------------------------------------------------ views


def article_view(state: ReviewedAnalysis, sha: str) -> None:
    review_progress(state, sha)
    colours = dashboard.speaker_colours(state)
    chosen = filters(state, sha)
    shown = [item for item in state.quotes if chosen.keeps(item)]
    labels = {item.quote.id: dashboard.quote_label(item) for item in shown}
    heading = _("Attributions ({shown} of {total})").format(
        shown=len(shown), total=len(state.quotes)
    )
    chooser = _("Selected attribution (outlined in the text)")
    left, right, selected = beside_the_text(heading, labels, chooser, f"selected-{sha}")
    with right:
        if selected is not None:
            with st.container(border=True):
                review_panel(state, sha, selected)
        st.html(f"<style>{dashboard.STYLE}</style>" + dashboard.groups_html(shown, colours))
    with left:
        st.subheader(markdown_text(state.analysis.meta.title or _("Article")))
        st.html(
            f"<style>{dashboard.STYLE}</style>"
            + dashboard.legend_html(colours)
            + dashboard.article_html(state, shown, colours, selected)
        )
        if state.analysis.warnings:
            with st.expander(_("Warnings ({n})").format(n=len(state.analysis.warnings))):
                for warning in state.analysis.warnings:
                    st.text(f"{warning.start}: {warning.message}")


def review_progress(state: ReviewedAnalysis, sha: str) -> None:
    """How far the review is, the way to the next unreviewed quote, and what was carried
    over from an earlier version of the article."""
    left, right = st.columns([3, 1])
    left.progress(state.reviewed_count / (len(state.quotes) or 1), text=state.progress)
    queue = state.queue()
    right.button(
        _("Next unreviewed"),
        key=f"next-{sha}",
        disabled=not queue,
        on_click=select_quote,
        args=(sha, queue[0].quote.id if queue else None),
        help=_("the least certain attribution not reviewed yet"),
    )
    if state.newer_version:
        st.warning(
            markdown_text(
                _(
                    "A newer version of this article ({sha}) is in the workspace: reviews "
                    "made here are not carried to it."
                ).format(sha=state.newer_version[:8])
            )
        )
    carried = state.carryover
    if carried is not None and (carried.carried or carried.lost):
        st.info(
            markdown_text(
                ngettext(
                    "{n} review carried over from the earlier version ({sha}) of this article.",
                    "{n} reviews carried over from the earlier version ({sha}) of this article.",
                    carried.carried,
                ).format(n=carried.carried, sha=carried.from_sha256[:8])
            )
        )
        for lost in carried.lost:
            st.warning(
                markdown_text(
                    _(
                        "Not carried: {action} by {reviewer} of “{words}” — these words are "
                        "not in this version."
                    ).format(
                        action=term(lost.action.kind.value),
                        reviewer=lost.action.reviewer,
                        words=lost.text[:120],
                    )
                )
            )


def select_quote(sha: str, quote_id: str | None) -> None:
    if quote_id is not None:
        st.session_state[f"selected-{sha}"] = quote_id
        st.session_state[f"filtering-{sha}"] = False  # a filter must not hide the quote


def beside_the_text(heading: str, labels: dict[str, str], chooser: str, key: str):
    """The text's column and the list's, with the list's heading and chooser, and the choice."""
    left, right = st.columns([3, 2], gap="large")
    right.subheader(heading)
    selected = right.selectbox(chooser, list(labels), format_func=labels.get, key=key)
    return left, right, selected


def filters(state: ReviewedAnalysis, sha: str) -> dashboard.QuoteFilter:
    if not st.toggle(_("Filter the attributions"), key=f"filtering-{sha}"):
        return dashboard.QuoteFilter()  # widgets drawn only when wanted keep the page light
    columns = st.columns([1, 2, 1, 1, 1])
    options = {
        "sides": (_("Sides"), sorted({dashboard.side_of(q) for q in state.quotes})),
        "speakers": (_("Speakers"), sorted({dashboard.speaker_of(q) for q in state.quotes})),
        "types": (_("Types"), list(QUOTE_TYPES)),
        "states": (_("States"), sorted({q.status.value for q in state.quotes})),
    }
    shown = {"sides": dashboard.side_name, "speakers": dashboard.speaker_name}
    chosen = {
        name: frozenset(
            column.multiselect(
                label,
                values,
                format_func=shown_as(values, shown.get(name, term)),
                key=f"filter-{name}-{sha}",
            )
        )
        for column, (name, (label, values)) in zip(columns, options.items(), strict=False)
    }
    minimum = columns[-1].slider(
        _("Min. confidence"), 0.0, 1.0, 0.0, 0.05, key=f"filter-conf-{sha}"
    )
    return dashboard.QuoteFilter(**chosen, min_confidence=minimum)


def review_panel(state: ReviewedAnalysis, sha: str, quote_id: str) -> None:
    item = next(q for q in state.quotes if q.quote.id == quote_id)
    st.markdown(_("**Review {id}** · {state}").format(id=quote_id, state=term(item.status.value)))
    reviewer = reviewer_or_prompt()
    if reviewer is None:
        return
    key = f"{sha}-{quote_id}"
    # A viewer sees the buttons greyed out: Streamlit drops a forged press of a disabled
    # button, and the workflow refuses any action the role does not allow.
    viewer = not reviewer.may(ActionKind.CONFIRM)
    if viewer:
        st.info(_("You are a viewer at this desk: you read and export drafts."))
    left, right = st.columns(2)
    if left.button(_("Confirm"), key=f"confirm-{key}", type="primary", disabled=viewer):
        record(state, ActionKind.CONFIRM, quote_id=quote_id)
    if right.button(_("Reject: not a quote"), key=f"reject-{key}", disabled=viewer):
        record(state, ActionKind.REJECT, quote_id=quote_id)
    if not viewer and st.toggle(
        _("Correct, check the attribution, rate the claim"), key=f"more-{key}"
    ):
        correction_form(state, item, key)
        check_form(state, quote_id, key)
        note_and_verdict_form(state, quote_id, key, reviewer)
    history(item)


def correction_form(state: ReviewedAnalysis, item: ReviewedQuote, key: str) -> None:
    quote = item.quote
    someone_else = _("Someone else…")
    names = [s.name for s in state.analysis.speakers] + [someone_else]
    current = quote.speaker.name if quote.speaker else None
    index = names.index(current) if current in names else len(names) - 1
    choice = st.selectbox(_("Speaker"), names, index=index, key=f"speaker-{key}")
    if choice == someone_else:
        choice = st.text_input(_("New speaker's name"), key=f"new-speaker-{key}").strip()
    known = [n for n in names[:-1] if n != choice]
    joint = [s.name for s in (quote.speakers or ())[1:] if s.name in known]
    others = st.multiselect(
        _("Said jointly with"),
        known,
        default=joint,
        key=f"joint-{key}",
        help=_("a joint statement (X dhe Y deklaruan se …) has several speakers"),
    )
    if st.button(_("Set speaker"), key=f"set-speaker-{key}") and choice:
        record(state, ActionKind.SPEAKER, quote_id=quote.id, speaker=choice, joint=others)
    if quote.speaker is not None:
        side = st.text_input(
            _("Side of {speaker} (Rusia, Russia…)").format(
                speaker=markdown_text(quote.speaker.name)
            ),
            value=side_label(quote.speaker.side) if quote.speaker.side else "",
            key=f"side-{key}",
        ).strip()
        if st.button(_("Set side"), key=f"set-side-{key}") and side:
            record(state, ActionKind.SIDE, quote_id=quote.id, side=canonical_side(side))
    kind = st.radio(
        _("Type"),
        QUOTE_TYPES,
        index=QUOTE_TYPES.index(quote.type),
        format_func=shown_as(QUOTE_TYPES, term),
        horizontal=True,
        key=f"type-{key}",
    )
    if st.button(_("Set type"), key=f"set-type-{key}"):
        record(state, ActionKind.TYPE, quote_id=quote.id, quote_type=kind)


def note_and_verdict_form(
    state: ReviewedAnalysis, quote_id: str, key: str, reviewer: Reviewer
) -> None:
    """A note, and a claim rating (an editor's): is what the quote or claim says true?"""
    note = st.text_input(_("Note for colleagues"), key=f"note-{key}")
    if st.button(_("Add note"), key=f"add-note-{key}") and note.strip():
        record(state, ActionKind.NOTE, quote_id=quote_id, note=note.strip())
    if not reviewer.may(ActionKind.VERDICT):
        st.caption(_("An editor rates claims."))
        return
    scale = load_scale()
    ratings = {r.key: r for r in scale.entries}
    chosen = st.selectbox(
        _("Claim rating (is what it says true?)"),
        list(ratings),
        format_func=shown_as(ratings, lambda k: rating_label(ratings[k])),
        key=f"rating-{key}",
    )
    explanation = st.text_input(_("Why (published with the rating)"), key=f"why-{key}")
    if st.button(_("Rate the claim"), key=f"verdict-{key}") and explanation.strip():
        verdict = Verdict.on(scale, chosen, explanation.strip())
        record(state, ActionKind.VERDICT, quote_id=quote_id, verdict=verdict)


def check_form(state: ReviewedAnalysis, quote_id: str, key: str) -> None:
    """An attribution check: was it said, by this speaker, in these words?"""
    kind = st.selectbox(
        _("Attribution check (was it said, by this speaker, in these words?)"),
        list(CheckKind),
        format_func=shown_as(CheckKind, term),
        key=f"check-{key}",
    )
    note = st.text_input(
        _("What shows it (the source, the original wording)"), key=f"check-note-{key}"
    )
    if st.button(_("Record the check"), key=f"record-check-{key}"):
        check = Check(kind=kind, note=note.strip() or None)
        record(state, ActionKind.CHECK, quote_id=quote_id, check=check)


def missed_quote_form(state: ReviewedAnalysis, sha: str) -> None:
    if not st.toggle(_("Add a quote the tool missed"), key=f"adding-quote-{sha}"):
        return
    reviewer = reviewer_or_prompt()
    if reviewer is None or not reviewer.may(ActionKind.ADD):
        return
    wanted = st.text_area(_("The quote exactly as the article has it"), key=f"missed-{sha}")
    starts = occurrences(state.analysis.text, wanted, loose=True)
    if wanted and not starts:
        st.warning(_("That text is not in the article."))
    nth = st.number_input(_("Occurrence"), 1, max(1, len(starts)), 1, key=f"missed-n-{sha}")
    kind = st.radio(
        _("Type"),
        QUOTE_TYPES,
        format_func=shown_as(QUOTE_TYPES, term),
        horizontal=True,
        key=f"missed-type-{sha}",
    )
    speaker = st.text_input(_("Speaker"), key=f"missed-speaker-{sha}").strip()
    if st.button(_("Add quote"), key=f"missed-add-{sha}") and starts:
        start = starts[nth - 1]
        span = (start, start + len(wanted))
        record(state, ActionKind.ADD, span=span, quote_type=kind, speaker=speaker or None)


def reviewer_or_prompt() -> Reviewer | None:
    """Reviews are signed: without a reviewer, say where to give one's name."""
    reviewer = current_reviewer()
    if reviewer is None:
        st.info(_("Enter your name in the sidebar to review."))
    return reviewer


def history(item: ReviewedQuote) -> None:
    if item.history:
        st.caption(_("History"))
        st.table(
            [
                {
                    _("when"): a.at.strftime("%Y-%m-%d %H:%M"),
                    _("who"): a.reviewer,
                    _("signed in at"): (
                        f"{a.identity.subject} @ {a.identity.issuer}" if a.identity else "—"
                    ),
                    _("action"): term(a.kind.value),
                    _("value"): action_detail(a),
                }
                for a in item.history
            ]
        )


def record(state: ReviewedAnalysis, kind: ActionKind, **details) -> None:
    try:
        reviewer = current_reviewer()
        if reviewer is None:
            raise ReviewError(_("Enter your name in the sidebar to review."))
        workflow.act(review_store(), state, kind, reviewer=reviewer, **details)
    except AttributionError as exc:
        st.session_state.flash = ("error", str(exc))
    else:
        st.session_state.flash = ("toast", _("Saved: {action}.").format(action=term(kind.value)))
        if "quote_id" in details:
            forget_form(f"{state.analysis.meta.sha256}-{details['quote_id']}")
    st.rerun()


CORRECTION_WIDGETS = ("speaker", "new-speaker", "joint", "side", "type")


def forget_form(key: str) -> None:
    """After a correction the form shows the quote as it is now, not what was picked."""
    for widget in CORRECTION_WIDGETS:
        st.session_state.pop(f"{widget}-{key}", None)


def claims_view(state: ReviewedAnalysis, sha: str) -> None:
    if not state.claims:
        st.info(_("No check-worthy claims in this article."))
        return
    colours = dashboard.speaker_colours(state)
    claimants = sorted({dashboard.claimant_of(c) for c in state.claims})
    chosen = st.multiselect(_("Claimant"), claimants, key=f"claimant-{sha}")
    shown = [c for c in state.claims if not chosen or dashboard.claimant_of(c) in chosen]
    labels = {c.claim.id: dashboard.claim_label(c) for c in shown}
    heading = _("Claims to check ({shown} of {total})").format(
        shown=len(shown), total=len(state.claims)
    )
    chooser = _("Selected claim (outlined in the text)")
    left, right, selected = beside_the_text(heading, labels, chooser, f"claim-{sha}")
    with right:
        reviewer = reviewer_or_prompt() if selected is not None else None
        if reviewer is not None and reviewer.may(ActionKind.NOTE):
            with st.container(border=True):
                note_and_verdict_form(state, selected, f"{sha}-{selected}", reviewer)
        st.html(
            f"<style>{dashboard.STYLE}</style>"
            + "".join(dashboard.claim_html(item, colours) for item in shown)
        )
    with left:
        st.subheader(markdown_text(state.analysis.meta.title or _("Article")))
        st.html(
            f"<style>{dashboard.STYLE}</style>"
            + dashboard.claims_article_html(state, shown, colours, selected)
        )


def speakers_view(state: ReviewedAnalysis) -> None:
    st.subheader(_("Speakers"))
    st.dataframe(dashboard.speaker_rows(state), hide_index=True)


def compare_view(sha: str, labels: dict[str, str]) -> None:
    """Both sides from the reviewed attributions of the articles chosen (this one first)."""
    chosen_articles = st.multiselect(
        _("Articles to take the statements from"),
        list(labels),
        default=[sha],
        format_func=labels.get,
        key="cmp-articles",
    )
    analyses = [reviewed_state(other).applied() for other in chosen_articles]
    sides = sides_of(analyses)
    speakers = sorted({s.name for a in analyses for s in a.speakers if s.quote_ids})
    optional = st.checkbox(
        _("Include beliefs, pledges, calls, hearsay, credit lines and fragments"),
        key="cmp-optional",
        help=_(
            "statements that say what someone believes, promises or asks for, what is "
            "rumoured, or which outlet carried a report: not someone's claim of a fact"
        ),
    )
    chosen = {}
    for column, name, default in zip(st.columns(2), "AB", (0, 1), strict=True):
        with column:
            chosen[name] = side_choice(name, sides, speakers, default, analyses, optional)
    if not all(chosen.values()):
        st.info(_("Choose both sides: each needs statements."))
        return
    (a_name, a), (b_name, b) = chosen["A"], chosen["B"]
    result = compare_readouts(a, b, a_name=a_name, b_name=b_name, sides=[a_name, b_name])
    st.html(
        f"<style>{dashboard.STYLE}{comparison_report.PAIR_STYLE}</style>"
        + comparison_report.html_body(result)
    )
    st.download_button(
        _("Download the comparison (Markdown)"),
        comparison_report.markdown(result),
        file_name="comparison.md",
        mime="text/markdown",
        key="cmp-download",
        on_click="ignore",
    )


def reviewed_state(sha: str) -> ReviewedAnalysis:
    """An article of the workspace with its reviews applied."""
    return workflow.keep(analysis_of(sha, source_of(sha)), review_store())


def side_choice(name, sides, speakers, default, analyses, optional):
    """One side of a comparison: (its name, its statements), or None while incomplete."""
    st.markdown(_("**Side {name}**").format(name=name))
    ways = {"side": _("side"), "speaker": _("speaker"), "readout": _("official readout")}
    by = st.radio(
        _("Chosen by"), list(ways), format_func=ways.get, horizontal=True, key=f"cmp-{name}-by"
    )
    if by == "readout":
        label = st.text_input(_("Whose readout"), key=f"cmp-{name}-name").strip()
        text = pasted_or_uploaded(_("Official readout"), key=f"cmp-{name}")
        return (label, readout(text, name=label)) if label and text else None
    values = sides if by == "side" else speakers
    if not values:
        return None
    value = st.selectbox(
        ways[by],
        values,
        index=min(default, len(values) - 1),
        format_func=shown_as(values, side_label if by == "side" else str),
        key=f"cmp-{name}-{by}",
    )
    found = statements(analyses, include_optional=optional, **{by: value})
    st.caption(ngettext("{n} statement", "{n} statements", len(found)).format(n=len(found)))
    shown_name = side_label(value) if by == "side" else value
    return (shown_name, found) if found else None


def pasted_or_uploaded(label: str, key: str) -> str | None:
    """A text the user pastes, or the text of a file they upload (which wins). The pasted
    text is kept when another tab is opened (an undrawn widget forgets its value)."""
    kept = f"{key}-kept"
    if f"{key}-text" not in st.session_state and kept in st.session_state:
        st.session_state[f"{key}-text"] = st.session_state[kept]
    text = st.text_area(label, key=f"{key}-text", height=120)
    st.session_state[kept] = text
    upload = st.file_uploader(_("…or upload it"), type=UPLOAD_TYPES, key=f"{key}-file")
    if upload is not None:
        try:
            text = io.read_bytes(upload.getvalue(), name=upload.name).text
        except AttributionError as exc:
            st.error(markdown_text(exc))
            return None
    return text if text.strip() else None


def verify_view(state: ReviewedAnalysis, sha: str) -> None:
    st.subheader(_("Verify the quotes against the original statement"))
    original = pasted_or_uploaded(_("The original statement"), key=f"verify-{sha}")
    if not original:
        return
    applied = state.applied()
    speakers = {q.id: speakers_text(q) for q in applied.quotes}
    results = verify_quotes(applied, original)
    st.dataframe(
        [
            {
                "id": r.quote_id,
                _("speaker"): speakers.get(r.quote_id, "—"),
                _("quote"): r.quote,
                _("type"): term(r.type),
                _("match"): term(r.band.value),
                _("score"): round(r.score, 1),
                **{term(part): words for part, words in diff_texts(r.diff).items()},
                _("warnings"): "; ".join(r.reasons),
                _("proposed check"): term(r.proposed_check.value),
                _("best match in the source"): r.passage.text if r.passage else "",
            }
            for r in results
        ],
        hide_index=True,
    )


def export_view(state: ReviewedAnalysis, source: io.SourceDoc) -> None:
    st.subheader(_("Reports"))
    desk_name = st.text_input(_("Desk"), value=_("Fact-checking desk"), key="export-desk")
    url = st.text_input(_("Where the fact-check is published (URL)"), key="export-url")
    built = report.build(state, generated_at=workflow.report_time())
    publication = report.Publication(desk=desk_name or _("Fact-checking desk"), url=url or None)
    stem = source.meta.stem
    try:
        workflow.require_export(state, current_reviewer() or desk.load().reviewer(_("anonymous")))
    except AccessError as exc:
        st.warning(markdown_text(exc))
        return
    if state.unreviewed:
        ids = ", ".join(q.quote.id for q in state.unreviewed)
        st.warning(
            markdown_text(
                _(
                    "Draft: {progress} ({ids} not yet). Reports carry a draft banner until "
                    "every attribution is reviewed."
                ).format(progress=state.progress, ids=ids)
            )
        )
    else:
        st.success(markdown_text(_("Final: {progress}.").format(progress=state.progress)))
    for name, fmt in report.REGISTRY.items():
        st.download_button(
            _("Download {format}").format(format=name.upper()),
            fmt.render(built, publication),
            file_name=f"{stem}.{fmt.extension}",
            mime=fmt.media_type,
            key=f"download-{name}",
            on_click="ignore",
        )


# ------------------------------------------------------------------------------ page


def main() -> None:
    st.set_page_config(page_title="attribution", layout="wide")
    i18n.use(interface_language())
    if not admitted():
        return
    models()
    loaded = articles()
    sha, labels = sidebar(loaded)
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


main()
