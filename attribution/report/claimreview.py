"""ClaimReview JSON-LD (schema.org) for the quotes a reviewer gave a verdict.

Search engines and fact-check aggregators read this markup: the claim (the quote), who made
it (the speaker, as the Claim's author), the rating and who rated it.
"""

from __future__ import annotations

import json

from ..model import SpeakerKind
from .model import Report, ReportQuote
from .publication import Publication

_ORGANISATION_KINDS = {
    SpeakerKind.INSTITUTION,
    SpeakerKind.MEDIA,
    SpeakerKind.COUNTRY,
    SpeakerKind.GROUP,
    SpeakerKind.DOCUMENT,
}


def render(report: Report, publication: Publication) -> str:
    reviews = [_review(report, row, publication) for row in report.quotes if row.verdict]
    return json.dumps(reviews, ensure_ascii=False, indent=2) + "\n"


def _review(report: Report, row: ReportQuote, publication: Publication) -> dict:
    source = report.document.source
    claim = {
        "@type": "Claim",
        "author": {
            "@type": "Person" if row.speaker_kind not in _ORGANISATION_KINDS else "Organization",
            "name": row.speaker or "unknown",
        },
        "appearance": {"@type": "CreativeWork", "url": source} if source else None,
        "datePublished": report.document.date,
    }
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": publication.url or source,
        "datePublished": (row.reviewed_at or report.generated_at).date().isoformat(),
        "author": {"@type": "Organization", "name": publication.desk},
        "claimReviewed": row.text,
        "itemReviewed": {k: v for k, v in claim.items() if v is not None},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": row.verdict.rating,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": row.verdict.label,
        },
        "reviewBody": row.verdict.explanation,
    }
