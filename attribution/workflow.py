"""A desk's workflow over the public API: analyse and keep, review, report.

The CLI's `review` and `report` commands and the dashboard both go through these functions,
so they store, review and report the same way.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from . import desk, settings
from .api import analyze
from .desk import Reviewer
from .errors import ReviewError
from .i18n import _, ngettext, term
from .io import SourceDoc
from .model import Analysis, DocumentMeta, Frozen
from .resources import Resources
from .review import (
    ActionKind,
    Check,
    QuoteStatus,
    ReviewAction,
    ReviewedAnalysis,
    ReviewedQuote,
    Verdict,
    apply,
)
from .sentences import word_spans
from .store import Store, Version
from .versions import SAME_ARTICLE, carry, resemblance, sketch

_log = logging.getLogger(__name__)  # the server's record of who did what


def open_article(
    source: SourceDoc,
    store: Store,
    *,
    resources: Resources | None = None,
    processors: Sequence[str] | None = None,
    models: str | Path | None = None,
) -> ReviewedAnalysis:
    """Analyse the article, keep the analysis (when it is new) and apply its reviews."""
    options = {"resources": resources, "models": models}
    if processors is not None:
        options["processors"] = processors
    return keep(analyze(source, **options), store)


class WorkspaceEntry(Frozen):
    """One article of the workspace, as the list to reopen work shows it."""

    sha256: str
    meta: DocumentMeta
    versions: int
    reviewed: int
    total: int
    last_action: ReviewAction | None

    @property
    def about(self) -> str:
        """Outlet, date and versions, as the list shows them under the title."""
        date = self.meta.date[:10] if self.meta.date else None
        versions = (
            ngettext("{n} version", "{n} versions", self.versions).format(n=self.versions)
            if self.versions > 1
            else None
        )
        return " · ".join(x for x in (self.meta.outlet, date, versions) if x)

    @property
    def last_done(self) -> str:
        last = self.last_action
        if last is None:
            return ""
        return _("last: {action} by {reviewer}, {when}").format(
            action=term(last.kind.value), reviewer=last.reviewer, when=f"{last.at:%Y-%m-%d %H:%M}"
        )


def keep(analysis: Analysis, store: Store) -> ReviewedAnalysis:
    """Store the analysis (unless the store has it already) and apply the article's reviews.

    A text the store has not seen, that is a new version of a stored article (the same
    address, or a text close to a stored one), joins that article and takes its reviews along.
    """
    latest = store.latest_analysis(analysis.meta.sha256)
    if latest is None:
        earlier = earlier_version(analysis, store)
        store.save_analysis(analysis, version_of=earlier.sha256 if earlier else None)
        if earlier is not None:
            _carry_reviews(store, earlier.sha256, analysis)
    elif latest.model_dump_json() != analysis.model_dump_json():
        store.save_analysis(analysis)
    return reviewed(analysis, store)


def reviewed(analysis: Analysis, store: Store) -> ReviewedAnalysis:
    sha256 = analysis.meta.sha256
    state = apply(analysis, store.actions(sha256))
    return state.model_copy(
        update={"carryover": store.carry_into(sha256), "newer_version": store.newer_version(sha256)}
    )


def earlier_version(analysis: Analysis, store: Store) -> Version | None:
    """The stored article this text is a new version of: the one at its address, else the
    one whose latest text it resembles most, if enough. Two different addresses are two
    articles, however alike (an agency story in two outlets)."""
    url = analysis.meta.url
    others = [v for v in store.latest_versions() if v.sha256 != analysis.meta.sha256]
    same_address = [v for v in others if url is not None and v.url == url]
    if same_address:
        return same_address[0]
    mine = sketch(analysis.text)
    scored = [
        (resemblance(mine, v.sketch), v) for v in others if url is None or v.url in (None, url)
    ]
    best = max(scored, key=lambda pair: pair[0], default=None)
    return best[1] if best is not None and best[0] >= SAME_ARTICLE else None


def _carry_reviews(store: Store, earlier: str, analysis: Analysis) -> None:
    old = store.document(earlier)
    if old is None:
        return
    before = store.carry_into(earlier)
    moved = carry(
        store.actions(earlier),
        old[0],
        analysis.text,
        old_sha256=earlier,
        new_spans=[(x.start, x.end) for x in (*analysis.quotes, *analysis.claims)],
    )
    lost = moved.lost + (before.lost if before else ())  # spans of older texts stay lost
    store.carry(earlier, analysis.meta.sha256, moved.actions, lost)


def workspace(store: Store) -> list[WorkspaceEntry]:
    """Every article in the store, the most recently worked on first, with its progress."""
    entries = []
    for row in store.articles():
        analysis = store.latest_analysis(row.sha256)
        if analysis is None:
            continue
        state = apply(analysis, store.actions(row.sha256))
        entries.append(
            WorkspaceEntry(
                sha256=row.sha256,
                meta=row.meta,
                versions=row.versions,
                reviewed=state.reviewed_count,
                total=len(state.quotes),
                last_action=row.last_action,
            )
        )
    return entries


def reopen(store: Store, sha256: str) -> SourceDoc:
    """An article of the workspace, as it was kept (a pasted text too)."""
    kept = store.document(sha256)
    if kept is None:
        raise ReviewError(f"no article {sha256[:12]} in the review store")
    text, meta = kept
    return SourceDoc(text=text, meta=meta)


def require_final(state: ReviewedAnalysis) -> None:
    """The publishing gate: a final report only when every attribution is reviewed."""
    if state.unreviewed:
        ids = ", ".join(q.quote.id for q in state.unreviewed)
        raise ReviewError(f"not final: {state.progress}; review these first: {ids}")


def as_reviewer(who: Reviewer | str) -> Reviewer:
    """A Reviewer as given, or the one the desk's file ($ATTRIBUTION_DESK) makes of a name."""
    return who if isinstance(who, Reviewer) else desk.load().reviewer(who)


def require_export(state: ReviewedAnalysis, reviewer: Reviewer) -> None:
    """A report of a finished review is the final report, an editor's to export; a draft
    (attributions still unreviewed, the banner says so) anyone at the desk may."""
    if not state.unreviewed:
        reviewer.require_publishing()


def act(
    store: Store,
    state: ReviewedAnalysis,
    kind: ActionKind,
    *,
    reviewer: Reviewer | str,
    quote_id: str | None = None,
    span: tuple[int, int] | None = None,
    speaker: str | None = None,
    quote_type: str | None = None,
    note: str | None = None,
    verdict: Verdict | None = None,
    check: Check | None = None,
    joint: Sequence[str] = (),
    side: str | None = None,
) -> ReviewedAnalysis:
    """Record one action on a quote (by id, or by span for an added quote); re-apply.

    A speaker action with `joint` names several speakers (a joint statement); a side action
    gives the quote's speaker (or `speaker`) a side, for all their quotes. The reviewer's
    role must allow it (AccessError otherwise, before anything is written); a reviewer given
    by name has the role the desk's file gives that name."""
    reviewer = as_reviewer(reviewer)
    reviewer.require(kind)
    if kind == ActionKind.SIDE and quote_id is None and span is None and speaker:
        quote_id = _quote_of_speaker(state, speaker)
    start, end = span if span is not None else _span_of(state, quote_id)
    claim_ids = {item.claim.id for item in state.claims}
    if quote_id in claim_ids and kind not in (ActionKind.NOTE, ActionKind.VERDICT):
        raise ReviewError(f"{quote_id} is a claim: it takes a note or a verdict, not {kind.value}")
    if not 0 <= start < end <= len(state.analysis.text):
        raise ReviewError(
            f"offsets {start}–{end} are outside the text (0–{len(state.analysis.text)})"
        )
    existing = _quote_at(state, start, end)
    if kind in _SETTLED and existing is not None and existing.status == _SETTLED[kind]:
        return state  # pressed twice: the quote is so already, and its history says it once
    if kind == ActionKind.ADD:
        _check_word_bounds(state.analysis.text, start, end)
        if existing is not None:
            raise ReviewError(
                f"{start}–{end} is already quote {existing.quote.id}: confirm or correct it"
            )
    if kind == ActionKind.SIDE and speaker is None:
        speaker = _speaker_of(existing)
    action = ReviewAction(
        kind=kind,
        start=start,
        end=end,
        reviewer=reviewer.name,
        identity=reviewer.identity,
        at=_now(),
        speaker=speaker,
        joint=tuple(joint),
        side=side,
        check=check,
        type=quote_type,
        note=note,
        verdict=verdict,
    )
    store.record(state.analysis.meta.sha256, action)
    _log.info(
        "%s: %s %s of %s",
        reviewer.name,
        kind.value,
        quote_id or f"{start}-{end}",
        state.analysis.meta.sha256[:12],
    )
    return reviewed(state.analysis, store)


def import_actions(
    store: Store, state: ReviewedAnalysis, actions: Sequence[ReviewAction], *, by: Reviewer | str
) -> ReviewedAnalysis:
    """Replay exported actions: the one importing them needs the role each one needs."""
    importer = as_reviewer(by)
    for kind in dict.fromkeys(action.kind for action in actions):
        importer.require(kind)
    for action in actions:
        store.record(state.analysis.meta.sha256, action)
    return reviewed(state.analysis, store)


def default_reviewer() -> str | None:
    return settings.current().reviewer or os.environ.get("USER") or None


def report_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH where it is set (reproducible reports)."""
    epoch = settings.current().source_date_epoch
    if epoch is not None:
        return datetime.fromtimestamp(epoch, UTC)
    return _now()


_SETTLED = {ActionKind.CONFIRM: QuoteStatus.CONFIRMED, ActionKind.REJECT: QuoteStatus.REJECTED}


def _quote_at(state: ReviewedAnalysis, start: int, end: int) -> ReviewedQuote | None:
    return next((q for q in state.quotes if (q.quote.start, q.quote.end) == (start, end)), None)


_WORD_REACH = 100  # characters either side of an offset in which its word is looked for


def _check_word_bounds(text: str, start: int, end: int) -> None:
    """A quote a reviewer adds starts and ends between words, not inside one."""
    for at, side in ((start, "starts"), (end, "ends")):
        lo, hi = max(0, at - _WORD_REACH), min(len(text), at + _WORD_REACH)
        cut = next((w for w, s, e in word_spans(text, lo, hi) if s < at < e), None)
        if cut is not None:
            raise ReviewError(
                f"the span {side} inside the word “{cut}” (at {at}): give offsets between words"
            )


def _quote_of_speaker(state: ReviewedAnalysis, name: str) -> str:
    """A quote of the speaker named (a side is set at one of their quotes)."""
    wanted = name.strip().casefold()
    for item in state.quotes:
        quote = item.quote
        for ref in quote.every_speaker:
            if wanted in (ref.name.casefold(), ref.id.casefold()):
                return quote.id
    raise ReviewError(f"no quote of {name!r} in this article: give a quote id or a speaker's name")


def _speaker_of(item: ReviewedQuote | None) -> str:
    if item is None:
        raise ReviewError("a side is given to the speaker of a quote: this span is no quote")
    quote = item.quote
    if quote.speaker is None:
        raise ReviewError(f"{quote.id} has no speaker to give a side: set its speaker first")
    return quote.speaker.name


def _span_of(state: ReviewedAnalysis, quote_id: str | None) -> tuple[int, int]:
    """The span of a quote (q1, a1) or of a claim (c1): the id a reviewer sees."""
    spans = [item.quote for item in state.quotes] + [item.claim for item in state.claims]
    for span in spans:
        if span.id == quote_id:
            return span.start, span.end
    known = ", ".join(span.id for span in spans) or "none"
    raise ReviewError(f"no quote or claim {quote_id!r} in this article ({known})")


def _now() -> datetime:
    return datetime.now(UTC)
