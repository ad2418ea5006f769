"""What a reviewer did to an analysis, and the state of each quote that follows from it.

Review actions are facts appended to a history (`store.py` keeps them); the current state of
a quote is derived by replaying its actions in order, so the history of every quote can be
shown and nothing a reviewer did is ever overwritten. Actions are attached to quotes by their
character span in the document, which is what stays the same when an article is analysed
again with newer rules; a review whose quote no longer exists is reported, not lost.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .model import Analysis, CharSpan, Claim, Quote, SpeakerRef

RATINGS = {  # ClaimReview ratings: value → Albanian label a desk publishes
    1: "E rreme",
    2: "Kryesisht e rreme",
    3: "Gjysmë e vërtetë",
    4: "Kryesisht e vërtetë",
    5: "E vërtetë",
}


class ActionKind(StrEnum):
    CONFIRM = "confirm"  # the machine's attribution is right
    SPEAKER = "speaker"  # the speaker is someone else
    TYPE = "type"  # direct ↔ indirect
    REJECT = "reject"  # not a quote
    ADD = "add"  # a quote the machine missed
    NOTE = "note"  # a remark for colleagues
    VERDICT = "verdict"  # a fact-check rating of what the quote claims


class Verdict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    rating: int = Field(ge=1, le=5)
    explanation: str = Field(min_length=1)

    @property
    def label(self) -> str:
        return RATINGS[self.rating]


class ReviewAction(BaseModel):
    """One thing a reviewer did to one quote (identified by its span in the document)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: ActionKind
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    reviewer: str = Field(min_length=1)
    at: datetime
    speaker: str | None = None
    type: Literal["direct", "indirect"] | None = None
    note: str | None = None
    verdict: Verdict | None = None

    @model_validator(mode="after")
    def _payload_fits_kind(self) -> ReviewAction:
        needed = {
            ActionKind.SPEAKER: self.speaker,
            ActionKind.TYPE: self.type,
            ActionKind.NOTE: self.note,
            ActionKind.VERDICT: self.verdict,
            ActionKind.ADD: self.type,
        }
        if self.kind in needed and not needed[self.kind]:
            raise ValueError(f"a {self.kind.value} action needs its value")
        if self.end <= self.start:
            raise ValueError("a quote's end must come after its start")
        return self


class QuoteStatus(StrEnum):
    MACHINE = "machine"  # not reviewed yet
    CONFIRMED = "confirmed"
    CORRECTED = "corrected"  # speaker or type changed by a reviewer
    REJECTED = "rejected"
    ADDED = "added"  # found by a reviewer


class ReviewedQuote(BaseModel):
    model_config = ConfigDict(frozen=True)

    quote: Quote
    status: QuoteStatus = QuoteStatus.MACHINE
    reviewer: str | None = None
    reviewed_at: datetime | None = None
    notes: tuple[str, ...] = ()
    verdict: Verdict | None = None
    history: tuple[ReviewAction, ...] = ()


class ReviewedClaim(BaseModel):
    """A claim with the verdict and notes a reviewer gave it (the other actions are for quotes)."""

    model_config = ConfigDict(frozen=True)

    claim: Claim
    reviewer: str | None = None
    reviewed_at: datetime | None = None
    notes: tuple[str, ...] = ()
    verdict: Verdict | None = None


class ReviewedAnalysis(BaseModel):
    """An analysis with its reviews applied: what a report shows."""

    model_config = ConfigDict(frozen=True)

    analysis: Analysis
    quotes: tuple[ReviewedQuote, ...]
    claims: tuple[ReviewedClaim, ...] = ()
    orphans: tuple[ReviewAction, ...] = Field(
        default=(), description="reviews whose quote or claim the current analysis no longer has"
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
    claims = tuple(
        _reviewed_claim(claim, by_span.get((claim.start, claim.end), []))
        for claim in analysis.claims
    )
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
    return ReviewedAnalysis(
        analysis=analysis, quotes=tuple(reviewed), claims=claims, orphans=tuple(orphans)
    )


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
    notes, verdict = state.notes, state.verdict
    match action.kind:
        case ActionKind.CONFIRM:
            status = QuoteStatus.CONFIRMED
        case ActionKind.REJECT:
            status = QuoteStatus.REJECTED
        case ActionKind.SPEAKER:
            quote = quote.model_copy(update={"speaker": speaker_named(analysis, action.speaker)})
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
    return state.model_copy(
        update={
            "quote": quote,
            "status": status,
            "notes": notes,
            "verdict": verdict,
            "reviewer": action.reviewer,
            "reviewed_at": action.at,
        }
    )


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
