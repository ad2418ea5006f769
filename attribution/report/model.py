"""The report: one typed record built from a reviewed analysis, rendered by every format.

Each format (JSON, CSV, Markdown, HTML, ClaimReview) renders this same record, so what a
desk files, shares and publishes cannot disagree between formats. Reviews are applied:
rejected quotes are listed apart, corrected speakers replace the machine's.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from pydantic import Field

from ..model import SCHEMA_VERSION, Frozen, Provenance, SpeakerKind
from ..review import Check, QuoteStatus, ReviewedAnalysis, ReviewedClaim, Verdict
from ..sentences import sentence_ends

REPORT_SCHEMA_VERSION = f"report-{SCHEMA_VERSION}"
CONTEXT_CHARS = 300  # at most this much sentence context on either side of a quote


class ReportQuote(Frozen):
    id: str
    status: QuoteStatus
    type: str
    speaker: str | None
    speaker_id: str | None
    speaker_kind: SpeakerKind | None
    side: str | None
    cue: str | None
    via: tuple[str, ...] = Field(
        default=(), description="the outlets it came through (credit lines), nearest first"
    )
    text: str
    context: str = Field(description="the sentence(s) the quote stands in")
    start: int
    end: int
    rule: str
    confidence: float
    reviewer: str | None = None
    reviewed_at: datetime | None = None
    notes: tuple[str, ...] = ()
    verdict: Verdict | None = Field(default=None, description="the claim rating of what it says")
    check: Check | None = Field(default=None, description="the attribution check")


class ReportClaim(Frozen):
    id: str
    rank: int
    score: float
    claimant: str
    claimant_kind: SpeakerKind | None = Field(description="the speaker's kind; None: the outlet")
    via: str = Field(description="quote, reported speech or narration")
    quote_id: str | None
    text: str
    start: int
    end: int
    features: tuple[str, ...] = Field(description="each signal: what shows it, and its weight")
    reviewer: str | None = None
    reviewed_at: datetime | None = None
    notes: tuple[str, ...] = ()
    verdict: Verdict | None = None


class Tally(Frozen):
    name: str
    side: str | None = None
    quotes: int
    direct: int
    indirect: int


class ArticleMeta(Frozen):
    """The article as a report names it: its own address and outlet, never a desk's path."""

    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    date: str | None = None
    sha256: str


class Report(Frozen):
    schema_version: str = REPORT_SCHEMA_VERSION
    generated_at: datetime
    document: ArticleMeta
    provenance: Provenance
    reviewed: int = Field(description="attributions confirmed, corrected, rejected or added")
    total: int = Field(description="attributions in all, those a reviewer added included")
    unreviewed: tuple[str, ...] = Field(description="the ids of the attributions not reviewed yet")
    by_speaker: tuple[Tally, ...]
    by_side: tuple[Tally, ...]
    quotes: tuple[ReportQuote, ...]
    rejected: tuple[ReportQuote, ...]
    claims: tuple[ReportClaim, ...] = Field(default=(), description="claims to check, ranked")
    orphaned_reviews: int = Field(description="reviews whose quote the analysis no longer has")
    lost_reviews: int = Field(
        default=0, description="reviews of an earlier version whose words this text no longer has"
    )

    @property
    def progress(self) -> str:
        return f"{self.reviewed} of {self.total} attributions reviewed"

    @property
    def banner(self) -> str | None:
        """The draft warning every printable report carries until the review is complete."""
        if not self.unreviewed:
            return None
        return (
            f"Draft, not for publication: {len(self.unreviewed)} of {self.total} attributions "
            f"not reviewed yet ({', '.join(self.unreviewed)})."
        )


def build(reviewed: ReviewedAnalysis, *, generated_at: datetime) -> Report:
    rows = [_row(reviewed.analysis.text, r) for r in reviewed.quotes]
    kept = tuple(r for r in rows if r.status != QuoteStatus.REJECTED)
    meta = reviewed.analysis.meta
    unreviewed = tuple(item.quote.id for item in reviewed.unreviewed)
    return Report(
        generated_at=generated_at,
        document=ArticleMeta(**meta.model_dump(exclude={"source"})),
        provenance=reviewed.analysis.provenance,
        reviewed=reviewed.reviewed_count,
        total=len(rows),
        unreviewed=unreviewed,
        lost_reviews=len(reviewed.carryover.lost) if reviewed.carryover else 0,
        by_speaker=_tally(kept, key=lambda r: r.speaker or "—", side=True),
        by_side=_tally(kept, key=lambda r: r.side or "—", side=False),
        quotes=kept,
        rejected=tuple(r for r in rows if r.status == QuoteStatus.REJECTED),
        claims=tuple(_claim_rows(reviewed)),
        orphaned_reviews=len(reviewed.orphans),
    )


def _claim_rows(reviewed: ReviewedAnalysis) -> list[ReportClaim]:
    kinds = {s.id: s.kind for s in reviewed.analysis.speakers}
    return [_claim_row(claim, kinds) for claim in reviewed.claims]


def _claim_row(reviewed: ReviewedClaim, kinds: dict[str, SpeakerKind]) -> ReportClaim:
    claim, claimant = reviewed.claim, reviewed.claim.claimant
    return ReportClaim(
        id=claim.id,
        rank=claim.rank,
        score=claim.score,
        claimant=claimant.name,
        claimant_kind=kinds.get(claimant.speaker_id or "", SpeakerKind.UNKNOWN)
        if claimant.kind == "speaker"
        else None,
        via=claimant.via,
        quote_id=claimant.quote_id,
        text=claim.text,
        start=claim.start,
        end=claim.end,
        features=tuple(f"{f.name}: {f.text} (+{f.weight:g})" for f in claim.features),
        reviewer=reviewed.reviewer,
        reviewed_at=reviewed.reviewed_at,
        notes=reviewed.notes,
        verdict=reviewed.verdict,
    )


def _row(text: str, reviewed) -> ReportQuote:
    quote, speaker = reviewed.quote, reviewed.quote.speaker
    return ReportQuote(
        id=quote.id,
        status=reviewed.status,
        type=quote.type,
        speaker=speaker.name if speaker else None,
        speaker_id=speaker.id if speaker else None,
        speaker_kind=speaker.kind if speaker else None,
        side=speaker.side if speaker else None,
        cue=quote.cue.text if quote.cue else None,
        via=quote.via or (),
        text=quote.text,
        context=context(text, quote.start, quote.end),
        start=quote.start,
        end=quote.end,
        rule=quote.rule,
        confidence=quote.confidence,
        reviewer=reviewed.reviewer,
        reviewed_at=reviewed.reviewed_at,
        notes=reviewed.notes,
        verdict=reviewed.verdict,
        check=reviewed.check,
    )


def article_lines(doc: ArticleMeta) -> list[tuple[str, str]]:
    """What a printable report says of the article, where known, label first."""
    known = (("Address", doc.url), ("Outlet", doc.outlet), ("Author", doc.author))
    return [(label, value) for label, value in known if value] + [("Date", doc.date or "—")]


def context(text: str, start: int, end: int) -> str:
    """The sentence(s) around a span: from the last sentence end before it to the next after."""
    lo = max(0, start - CONTEXT_CHARS)
    hi = min(len(text), end + CONTEXT_CHARS)
    left = max(sentence_ends(text, lo, start), default=lo)
    right = next(sentence_ends(text, end, hi), hi)
    return " ".join(text[left:right].split())


def _tally(rows, *, key, side: bool) -> tuple[Tally, ...]:
    counts: Counter[str] = Counter()
    kinds: Counter[tuple[str, str]] = Counter()
    sides: dict[str, str | None] = {}
    for row in rows:
        name = key(row)
        counts[name] += 1
        kinds[(name, row.type)] += 1
        sides.setdefault(name, row.side)
    return tuple(
        Tally(
            name=name,
            side=sides[name] if side else None,
            quotes=n,
            direct=kinds[(name, "direct")],
            indirect=kinds[(name, "indirect")],
        )
        for name, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )
