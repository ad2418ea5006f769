"""One row per quote, then one per claim to check (type "claim"), safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab or carriage return) would run as a formula in
Excel, LibreOffice or Sheets (`=HYPERLINK(…)` in a quoted text). Such cells get a leading
apostrophe, which spreadsheets show as text and do not evaluate (OWASP, CSV injection).
"""

from __future__ import annotations

import csv
import io

from ..actions import Verdict
from .model import Report, ReportClaim, ReportQuote
from .publication import Publication

COLUMNS = (
    "id",
    "status",
    "speaker",
    "side",
    "type",
    "cue",
    "via",
    "text",
    "context",
    "start",
    "end",
    "reviewer",
    "reviewed_at",
    "confidence",
    "rule",
    "notes",
    "attribution_check",
    "claim_rating",
    "score",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render(report: Report, publication: Publication) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in (*report.quotes, *report.rejected):
        writer.writerow([neutralise(cell) for cell in _cells(row)])
    for claim in report.claims:
        writer.writerow([neutralise(cell) for cell in _claim_cells(claim)])
    return buffer.getvalue()


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _verdict(verdict: Verdict | None) -> str:
    return f"{verdict.shown}: {verdict.explanation}" if verdict else ""


def _claim_cells(row: ReportClaim) -> list[object]:
    """A claim in the quote columns: its claimant as speaker, its signals as its rule."""
    return [
        row.id,
        f"rank {row.rank}",
        row.claimant,
        None,
        "claim",
        row.via,
        None,
        row.text,
        None,
        row.start,
        row.end,
        row.reviewer,
        row.reviewed_at.isoformat() if row.reviewed_at else "",
        None,
        "; ".join(row.features),
        " | ".join(row.notes),
        None,
        _verdict(row.verdict),
        f"{row.score:g}",
    ]


def _cells(row: ReportQuote) -> list[object]:
    return [
        row.id,
        row.status.value,
        row.speaker,
        row.side,
        row.type,
        row.cue,
        " → ".join(row.via),
        row.text,
        row.context,
        row.start,
        row.end,
        row.reviewer,
        row.reviewed_at.isoformat() if row.reviewed_at else "",
        f"{row.confidence:.2f}",
        row.rule,
        " | ".join(row.notes),
        row.check.shown if row.check else "",
        _verdict(row.verdict),
        None,
    ]
