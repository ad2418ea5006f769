"""One row per quote, safe to open in a spreadsheet.

A cell that starts with = + - @ (or a tab or carriage return) would run as a formula in
Excel, LibreOffice or Sheets (`=HYPERLINK(…)` in a quoted text). Such cells get a leading
apostrophe, which spreadsheets show as text and do not evaluate (OWASP, CSV injection).
"""

from __future__ import annotations

import csv
import io

from .model import Report, ReportQuote
from .publication import Publication

COLUMNS = (
    "id",
    "status",
    "speaker",
    "side",
    "type",
    "cue",
    "text",
    "context",
    "start",
    "end",
    "reviewer",
    "reviewed_at",
    "confidence",
    "rule",
    "notes",
    "verdict",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def render(report: Report, publication: Publication) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in (*report.quotes, *report.rejected):
        writer.writerow([neutralise(cell) for cell in _cells(row)])
    return buffer.getvalue()


def neutralise(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _cells(row: ReportQuote) -> list[object]:
    verdict = (
        f"{row.verdict.rating}/5 {row.verdict.label}: {row.verdict.explanation}"
        if row.verdict
        else ""
    )
    return [
        row.id,
        row.status.value,
        row.speaker,
        row.side,
        row.type,
        row.cue,
        row.text,
        row.context,
        row.start,
        row.end,
        row.reviewer,
        row.reviewed_at.isoformat() if row.reviewed_at else "",
        f"{row.confidence:.2f}",
        row.rule,
        " | ".join(row.notes),
        verdict,
    ]
