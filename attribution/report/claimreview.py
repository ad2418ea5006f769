"""ClaimReview JSON-LD (schema.org) for the quotes and claims a reviewer gave a claim rating.

Only claim ratings (is what was said true?) make a ClaimReview; an attribution check (was it
said, by this speaker, in these words?) is about the article's reporting, and is not one.

Search engines and fact-check aggregators read this markup: the claim (the quote), who made
it (the speaker, as the Claim's author), the rating and who rated it.
"""

from __future__ import annotations

import json

from ..actions import Verdict
from ..model import SpeakerKind
from .model import ArticleMeta, Report, ReportClaim, ReportQuote
from .publication import Publication

_ORGANISATION_KINDS = {
    SpeakerKind.INSTITUTION,
    SpeakerKind.MEDIA,
    SpeakerKind.COUNTRY,
    SpeakerKind.GROUP,
    SpeakerKind.DOCUMENT,
}


def render(report: Report, publication: Publication) -> str:
    reviews = [
        _review(report, row, publication, _quote_author(row))
        for row in report.quotes
        if row.verdict
    ]
    reviewed_quotes = {(row.start, row.end) for row in report.quotes if row.verdict}
    reviews += [  # a claim that is a whole quote was rated with the quote, and is not repeated
        _review(report, row, publication, _claim_author(row))
        for row in report.claims
        if row.verdict and (row.start, row.end) not in reviewed_quotes
    ]
    return json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"


def _quote_author(row: ReportQuote) -> dict:
    return _author(row.speaker or "unknown", row.speaker_kind)


def _claim_author(row: ReportClaim) -> dict:
    """A claim in narration is the outlet's own; one in a quote is its speaker's."""
    if row.claimant_kind is None:
        return {"@type": "Organization", "name": row.claimant}
    return _author(row.claimant, row.claimant_kind)


def _author(name: str, kind: SpeakerKind | None) -> dict:
    return {"@type": "Organization" if kind in _ORGANISATION_KINDS else "Person", "name": name}


def _rating(verdict: Verdict) -> dict:
    """A point of the desk's scale with its bounds, or a named rating by its name alone."""
    rating = {"@type": "Rating", "alternateName": verdict.label}
    if verdict.rating is not None:
        rating |= {
            "ratingValue": verdict.rating,
            "bestRating": verdict.best,
            "worstRating": verdict.worst,
        }
    return {k: v for k, v in rating.items() if v is not None}


def _appearance(doc: ArticleMeta) -> dict:
    """The article the claim appeared in: its address, headline, outlet and author."""
    work = {"@type": "CreativeWork", "url": doc.url, "headline": doc.title}
    if doc.outlet:
        work["publisher"] = {"@type": "Organization", "name": doc.outlet}
    if doc.author:
        work["author"] = {"@type": "Person", "name": doc.author}
    return {k: v for k, v in work.items() if v is not None}


def _review(
    report: Report, row: ReportQuote | ReportClaim, publication: Publication, author: dict
) -> dict:
    doc = report.document
    claim = {
        "@type": "Claim",
        "author": author,
        "appearance": _appearance(doc) if doc.url or doc.outlet else None,
        "datePublished": doc.date,
    }
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": publication.url or doc.url,
        "datePublished": (row.reviewed_at or report.generated_at).date().isoformat(),
        "author": {"@type": "Organization", "name": publication.desk},
        "claimReviewed": row.text,
        "itemReviewed": {k: v for k, v in claim.items() if v is not None},
        "reviewRating": _rating(row.verdict),
        "reviewBody": row.verdict.explanation,
    }
