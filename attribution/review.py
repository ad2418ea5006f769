"""What a reviewer did to an analysis, and the state of each quote that follows from it.

Review actions (`actions.py`) are facts appended to a history (`store.py` keeps them); the
current state of a quote is derived by replaying its actions in order, so the history of
every quote can be shown and nothing a reviewer did is ever overwritten. Actions are attached
to quotes by their character span in the document, which is what stays the same when an
article is analysed again with newer rules; a review whose quote no longer exists is reported,
not lost.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import Field

from .actions import (
    LOST_LIST,
    ActionKind,
    Check,
    CheckKind,
    LostReview,
    Origin,
    ReviewAction,
    Verdict,
)
from .claims import quote_claimant
from .i18n import ngettext
from .model import Analysis, CharSpan, Claim, Claimant, Frozen, Quote, Speaker, SpeakerRef

__all__ = [  # the actions are the review's vocabulary: importable from here too
    "LOST_LIST",
    "ActionKind",
    "Carryover",
    "Check",
    "CheckKind",
    "LostReview",
    "Origin",
    "QuoteStatus",
    "ReviewAction",
    "ReviewedAnalysis",
    "ReviewedClaim",
    "ReviewedQuote",
    "Verdict",
    "apply",
    "speaker_named",
]


class QuoteStatus(StrEnum):
    MACHINE = "machine"  # not reviewed yet
    CONFIRMED = "confirmed"
    CORRECTED = "corrected"  # speaker or type changed by a reviewer
    REJECTED = "rejected"
    ADDED = "added"  # found by a reviewer


class ReviewedQuote(Frozen):
    quote: Quote
    status: QuoteStatus = QuoteStatus.MACHINE
    decided_by: str | None = Field(
        default=None, description="who set the status (a note or a rating sets none)"
    )
    reviewer: str | None = None
    reviewed_at: datetime | None = None
    notes: tuple[str, ...] = ()
    verdict: Verdict | None = None
    check: Check | None = None
    history: tuple[ReviewAction, ...] = ()


class ReviewedClaim(Frozen):
    """A claim with the verdict and notes a reviewer gave it (the other actions are for quotes)."""

    claim: Claim
    reviewer: str | None = None
    reviewed_at: datetime | None = None
    notes: tuple[str, ...] = ()
    verdict: Verdict | None = None


class Carryover(Frozen):
    """Reviews moved onto this version of an article from the one before it."""

    from_sha256: str
    carried: int
    lost: tuple[LostReview, ...] = Field(description="reviews whose words the text lost")
    at: datetime


class ReviewedAnalysis(Frozen):
    """An analysis with its reviews applied: what a report shows."""

    analysis: Analysis
    quotes: tuple[ReviewedQuote, ...]
    claims: tuple[ReviewedClaim, ...] = ()
    orphans: tuple[ReviewAction, ...] = Field(
        default=(), description="reviews whose quote or claim the current analysis no longer has"
    )
    carryover: Carryover | None = None
    newer_version: str | None = Field(
        default=None, description="the article's latest text, where this is an older one"
    )

    @property
    def unreviewed(self) -> tuple[ReviewedQuote, ...]:
        return tuple(q for q in self.quotes if q.status == QuoteStatus.MACHINE)

    @property
    def reviewed_count(self) -> int:
        return len(self.quotes) - len(self.unreviewed)

    @property
    def progress(self) -> str:
        """`x of y attributions reviewed`, as reports and the workspace say it."""
        return ngettext(
            "{done} of {total} attribution reviewed",
            "{done} of {total} attributions reviewed",
            len(self.quotes),
        ).format(done=self.reviewed_count, total=len(self.quotes))

    def queue(self) -> tuple[ReviewedQuote, ...]:
        """The unreviewed quotes, the least certain first: an unattributed quote, then by the
        lower of the quote's and its speaker's confidence, then in reading order."""
        return tuple(sorted(self.unreviewed, key=lambda q: (_certainty(q.quote), q.quote.start)))

    def applied(self) -> Analysis:
        """The analysis as the review leaves it — rejected quotes out, corrected speakers and
        types in, reviewer-added quotes in — for everything that reads attributions."""
        kept = tuple(q.quote for q in self.quotes if q.status != QuoteStatus.REJECTED)
        return self.analysis.model_copy(
            update={
                "quotes": kept,
                "speakers": _speakers(self.analysis.speakers, kept),
                "claims": tuple(c.claim for c in self.claims),
            }
        )


def apply(analysis: Analysis, actions: list[ReviewAction]) -> ReviewedAnalysis:
    """Replay the actions, in order, over the analysis's quotes and claims.

    A claim that is a whole quote shares the quote's span, and so its verdict.
    """
    by_span: dict[tuple[int, int], list[ReviewAction]] = {}
    for action in sorted(actions, key=lambda a: a.at):
        by_span.setdefault((action.start, action.end), []).append(action)
    reviewed = [
        _replay(quote, by_span.get((quote.start, quote.end), []), analysis)
        for quote in analysis.quotes
    ]
    matched = {(x.start, x.end) for x in (*analysis.quotes, *analysis.claims)}
    orphans = []
    added = 0
    for span, history in by_span.items():
        if span in matched:
            continue
        first_add = next((a for a in history if a.kind == ActionKind.ADD), None)
        if first_add is None:
            orphans.extend(history)
            continue
        added += 1
        quote = _added_quote(analysis, first_add, f"a{added}")
        reviewed.append(_replay(quote, history, analysis))
    reviewed.sort(key=lambda r: (r.quote.start, r.quote.end))
    reviewed = _with_sides(reviewed, actions)
    claims = tuple(
        _reviewed_claim(
            _claimed_as_reviewed(claim, reviewed, analysis),
            by_span.get((claim.start, claim.end), []),
        )
        for claim in analysis.claims
    )
    return ReviewedAnalysis(
        analysis=analysis, quotes=tuple(reviewed), claims=claims, orphans=tuple(orphans)
    )


def _claimed_as_reviewed(claim: Claim, reviewed: list[ReviewedQuote], analysis: Analysis) -> Claim:
    """The claim's claimant after review: the corrected speaker of its quote, the outlet where
    its quote was rejected, the speaker of a quote a reviewer added around it."""
    around = next(
        (
            r
            for r in reviewed
            if r.quote.start <= claim.start
            and claim.end <= r.quote.end
            and (r.quote.id == claim.claimant.quote_id or r.status == QuoteStatus.ADDED)
        ),
        None,
    )
    if around is None:
        claimant = claim.claimant
    elif around.status == QuoteStatus.REJECTED:
        claimant = Claimant(kind="outlet", name=analysis.meta.narrator, via="narration")
    else:
        claimant = quote_claimant(around.quote)
    return claim if claimant == claim.claimant else claim.model_copy(update={"claimant": claimant})


def _with_sides(reviewed: list[ReviewedQuote], actions: list[ReviewAction]) -> list[ReviewedQuote]:
    """A side a reviewer gave a speaker, on every quote of that speaker (the latest wins)."""
    sides = {
        a.speaker.casefold(): a.side
        for a in sorted(actions, key=lambda a: a.at)
        if a.kind == ActionKind.SIDE and a.speaker
    }
    if not sides:
        return reviewed
    return [item.model_copy(update={"quote": _sided(item.quote, sides)}) for item in reviewed]


def _sided(quote: Quote, sides: dict[str, str | None]) -> Quote:
    def side_of(ref: SpeakerRef) -> SpeakerRef:
        side = sides.get(ref.name.casefold(), sides.get(ref.id.casefold(), ref.side))
        return ref if side == ref.side else ref.model_copy(update={"side": side})

    return quote.model_copy(
        update={
            "speaker": side_of(quote.speaker) if quote.speaker else None,
            "speakers": tuple(map(side_of, quote.speakers)) if quote.speakers else None,
        }
    )


def _certainty(quote: Quote) -> float:
    speaker = quote.speaker
    return min(quote.confidence, speaker.confidence) if speaker is not None else -1.0


def _speakers(known: tuple[Speaker, ...], quotes: tuple[Quote, ...]) -> tuple[Speaker, ...]:
    """The document's speakers with the quotes each has after review, and the speakers a
    reviewer named who were not among them."""
    by_speaker: dict[str, list[str]] = {}
    named: dict[str, SpeakerRef] = {}
    for quote in quotes:
        for ref in quote.every_speaker:
            by_speaker.setdefault(ref.id, []).append(quote.id)
            named.setdefault(ref.id, ref)
    speakers = [
        s.model_copy(
            update={
                "quote_ids": tuple(by_speaker.get(s.id, ())),
                "side": named[s.id].side if s.id in named else s.side,
            }
        )
        for s in known
    ]
    ids = {s.id for s in known}
    speakers += [
        Speaker(
            id=ref.id,
            name=ref.name,
            kind=ref.kind,
            side=ref.side,
            aliases=(ref.name,),
            quote_ids=tuple(by_speaker[ref.id]),
        )
        for ref_id, ref in named.items()
        if ref_id not in ids
    ]
    return tuple(speakers)


def _reviewed_claim(claim: Claim, history: list[ReviewAction]) -> ReviewedClaim:
    state = ReviewedClaim(claim=claim)
    for action in history:
        if action.kind in (ActionKind.NOTE, ActionKind.VERDICT):
            state = state.model_copy(
                update={
                    "notes": (*state.notes, action.note) if action.note else state.notes,
                    "verdict": action.verdict or state.verdict,
                    "reviewer": action.reviewer,
                    "reviewed_at": action.at,
                }
            )
    return state


def _replay(quote: Quote, history: list[ReviewAction], analysis: Analysis) -> ReviewedQuote:
    state = ReviewedQuote(quote=quote, history=tuple(history))
    for action in history:
        state = _step(state, action, analysis)
    return state


def _step(state: ReviewedQuote, action: ReviewAction, analysis: Analysis) -> ReviewedQuote:
    quote, status = state.quote, state.status
    notes, verdict, check = state.notes, state.verdict, state.check
    decided_by = action.reviewer if action.kind in _DECISIONS else state.decided_by
    match action.kind:
        case ActionKind.CONFIRM:
            status = QuoteStatus.CONFIRMED
        case ActionKind.REJECT:
            status = QuoteStatus.REJECTED
        case ActionKind.SPEAKER:
            named = [speaker_named(analysis, n) for n in (action.speaker, *action.joint)]
            joint = tuple(named) if len(named) > 1 else None
            quote = quote.model_copy(update={"speaker": named[0], "speakers": joint})
            status = _corrected(status)
        case ActionKind.TYPE:
            quote = quote.model_copy(update={"type": action.type})
            status = _corrected(status)
        case ActionKind.ADD:
            status = QuoteStatus.ADDED
        case ActionKind.NOTE:
            notes = (*notes, action.note)
        case ActionKind.VERDICT:
            verdict = action.verdict
        case ActionKind.CHECK:
            check = action.check
    return state.model_copy(
        update={
            "quote": quote,
            "status": status,
            "notes": notes,
            "verdict": verdict,
            "check": check,
            "decided_by": decided_by,
            "reviewer": action.reviewer,
            "reviewed_at": action.at,
        }
    )


_DECISIONS = {
    ActionKind.CONFIRM,
    ActionKind.REJECT,
    ActionKind.SPEAKER,
    ActionKind.TYPE,
    ActionKind.ADD,
}


def _corrected(status: QuoteStatus) -> QuoteStatus:
    return status if status == QuoteStatus.ADDED else QuoteStatus.CORRECTED


def speaker_named(analysis: Analysis, name: str) -> SpeakerRef:
    """A reviewer's speaker: one of the document's canonical speakers, or a new one."""
    wanted = name.strip().casefold()
    for speaker in analysis.speakers:
        if wanted in {
            speaker.id.casefold(),
            speaker.name.casefold(),
            *(a.casefold() for a in speaker.aliases),
        }:
            return SpeakerRef(
                id=speaker.id,
                name=speaker.name,
                kind=speaker.kind,
                side=speaker.side,
                rule="reviewer",
                confidence=1.0,
            )
    return SpeakerRef(
        id=f"reviewer:{name.strip()}", name=name.strip(), rule="reviewer", confidence=1.0
    )


def _added_quote(analysis: Analysis, action: ReviewAction, ident: str) -> Quote:
    span = CharSpan(
        start=action.start, end=action.end, text=analysis.text[action.start : action.end]
    )
    return Quote(
        id=ident,
        type=action.type,
        start=span.start,
        end=span.end,
        text=span.text,
        speaker=speaker_named(analysis, action.speaker) if action.speaker else None,
        rule="reviewer.added",
        confidence=1.0,
    )
