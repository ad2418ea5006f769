"""The report as Markdown: header, summaries, each quote with its context and review state.

Article text is escaped for Markdown and for the HTML a Markdown viewer may let through, so
an article cannot add links, images or markup to the report.
"""

from __future__ import annotations

import re

from .model import Report, ReportClaim, ReportQuote, article_lines
from .publication import Publication

_SPECIAL = re.compile(r"([\\`*_{}\[\]|~])")  # inline markup; `<`, `>`, `&` become entities


def escape(text: object) -> str:
    plain = "" if text is None else " ".join(str(text).split())
    plain = plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _SPECIAL.sub(r"\\\1", plain)


def render(report: Report, publication: Publication) -> str:
    doc = report.document
    lines = [f"# Attribution report: {escape(doc.title or doc.url or 'article')}", ""]
    if report.banner:
        lines += [f"> **{escape(report.banner)}**", ""]
    lines += [f"- {label}: {escape(value)}" for label, value in article_lines(doc)]
    lines += [f"- Review: {escape(report.progress)}", f"- Text SHA-256: `{doc.sha256}`", ""]
    lines += [
        "## Speakers",
        "",
        "| speaker | side | quotes | direct | indirect |",
        "|---|---|---:|---:|---:|",
    ]
    lines += [
        f"| {escape(t.name)} | {escape(t.side or '—')} | {t.quotes} | {t.direct} | {t.indirect} |"
        for t in report.by_speaker
    ]
    lines += ["", "## Sides", "", "| side | quotes | direct | indirect |", "|---|---:|---:|---:|"]
    lines += [
        f"| {escape(t.name)} | {t.quotes} | {t.direct} | {t.indirect} |" for t in report.by_side
    ]
    lines += ["", "## Quotes", ""]
    for row in report.quotes:
        lines += _quote(row)
    if report.rejected:
        lines += ["## Rejected by a reviewer", ""]
        for row in report.rejected:
            lines += _quote(row)
    if report.claims:
        lines += ["## Claims to check", ""]
        lines += [_claim(row) for row in report.claims] + [""]
    if report.lost_reviews:
        lines += [
            f"> {report.lost_reviews} review(s) of an earlier version could not be carried: "
            "their words are not in this text.",
            "",
        ]
    if report.orphaned_reviews:
        lines += [
            f"> {report.orphaned_reviews} review(s) refer to quotes this analysis no longer finds.",
            "",
        ]
    prov = report.provenance
    lines += [
        "## Provenance",
        "",
        f"- Tool: attribution {escape(prov.tool_version)} (schema {escape(prov.schema_version)})",
        f"- Models: {escape(prov.models)} ({escape(', '.join(prov.processors))})",
        "- Rule data: " + escape(", ".join(f"{k} {v}" for k, v in sorted(prov.lexicons.items()))),
        f"- Generated: {report.generated_at.isoformat()} by {escape(publication.desk)}",
        "",
    ]
    return "\n".join(lines)


def _claim(row: ReportClaim) -> str:
    verdict = f" — claim rating {escape(row.verdict.shown)}" if row.verdict else ""
    return (
        f"{row.rank}. **{escape(row.id)}** · score {row.score:g} · {escape(row.claimant)} "
        f"({escape(row.via)}): “{escape(row.text)}” — {escape('; '.join(row.features))}"
        f"{verdict}"
    )


def _quote(row: ReportQuote) -> list[str]:
    head = (
        f"### {escape(row.id)} · {escape(row.speaker or 'speaker unknown')}"
        f"{' (' + escape(row.side) + ')' if row.side else ''} · {escape(row.type)}"
    )
    lines = [
        head,
        "",
        f"> {escape(row.text)}",
        "",
        *([f"- Via: {escape(' → '.join(row.via))}"] if row.via else []),
        f"- Cue: {escape(row.cue or '—')} · offsets {row.start}–{row.end} · "
        f"rule {escape(row.rule)} · confidence {row.confidence:.2f}",
        f"- Review: {escape(row.status.value)}"
        + (
            f" · last review by {escape(row.reviewer)}, {row.reviewed_at:%Y-%m-%d %H:%M}"
            if row.reviewer and row.reviewed_at
            else ""
        ),
        f"- Context: {escape(row.context)}",
    ]
    lines += [f"- Note: {escape(note)}" for note in row.notes]
    if row.check:
        lines.append(f"- Attribution check: {escape(row.check.shown)}")
    if row.verdict:
        lines.append(
            f"- Claim rating: {escape(row.verdict.shown)} — {escape(row.verdict.explanation)}"
        )
    return [*lines, ""]
