"""The Article tab: the text with its attributions, the review queue, and the panel where a
reviewer confirms, rejects, corrects, checks and rates one attribution."""

from __future__ import annotations

import streamlit as st

from .. import dashboard, i18n, workflow
from ..api import canonical_side, side_label
from ..desk import Reviewer
from ..errors import AttributionError, ReviewError
from ..i18n import _, ngettext, term
from ..ratings import Rating, load_scale
from ..render import action_detail
from ..report.markdown import escape as markdown_text
from ..review import ActionKind, Check, CheckKind, ReviewedAnalysis, ReviewedQuote, Verdict
from ..sentences import occurrences
from .account import current_reviewer, reviewer_or_prompt
from .session import review_store, shown_as

QUOTE_TYPES = ("direct", "indirect")


def article_view(state: ReviewedAnalysis, sha: str) -> None:
    review_progress(state, sha)
    colours = dashboard.speaker_colours(state)
    chosen = filters(state, sha)
    shown = [item for item in state.quotes if chosen.keeps(item)]
    labels = {item.quote.id: dashboard.quote_label(item) for item in shown}
    left, right, selected = beside_the_text(
        _("Attributions ({shown} of {total})"),
        len(state.quotes),
        labels,
        _("Selected attribution (outlined in the text)"),
        f"selected-{sha}",
    )
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


def beside_the_text(template: str, total: int, labels: dict[str, str], chooser: str, key: str):
    """The text's column and the list's, with the list's heading (TEMPLATE counts those
    shown of TOTAL) and chooser, and the choice."""
    left, right = st.columns([3, 2], gap="large")
    heading = template.format(shown=len(labels), total=total)
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


def rating_label(entry: Rating) -> str:
    """A rating of the desk's scale in the reader's language, its value first."""
    name = entry.name_in(i18n.current())
    return f"{entry.value} {name}" if entry.value is not None else name


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


def history(item: ReviewedQuote) -> None:
    """What was done to the quote, by whom; st.table reads its cells as Markdown."""
    if item.history:
        st.caption(_("History"))
        st.table(
            [
                {
                    _("when"): a.at.strftime("%Y-%m-%d %H:%M"),
                    _("who"): markdown_text(a.reviewer),
                    _("signed in at"): (
                        f"{a.identity.subject} @ {a.identity.issuer}" if a.identity else "—"
                    ),
                    _("action"): term(a.kind.value),
                    _("value"): markdown_text(action_detail(a)),
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
