"""The report as a standalone, printable HTML page.

Every string that comes from the article or a reviewer goes through `html.escape`; the page
has no script, and its Content-Security-Policy forbids any, so a hostile article cannot act
on whoever opens the report.
"""

from __future__ import annotations

from html import escape

from ..actions import Verdict
from .model import Report, ReportClaim, ReportQuote, article_lines
from .publication import Publication

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}
body{color:#1b1b1b}
h1{font-size:1.5rem;margin-bottom:.25rem}
h2{font-size:1.15rem;border-bottom:1px solid #ccc;margin-top:2rem}
table{border-collapse:collapse;margin:.5rem 0}
td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
th{background:#f2f2f2}
td.n{text-align:right}
.quote{border-left:4px solid #3a6ea5;padding:.25rem .9rem;margin:1rem 0}
.quote.rejected{border-color:#a33;opacity:.75}
.meta{color:#555;font-size:.9rem}
blockquote{margin:.3rem 0;font-size:1.05rem}
mark{background:#fff2a8}
.status{display:inline-block;padding:0 .4rem;border-radius:3px;background:#eee;font-size:.85rem}
.verdict{background:#f6efe0;padding:.3rem .6rem}
.banner{background:#fff3cd;border:2px solid #d9480f;padding:.5rem .8rem;font-weight:700}
@media print{body{margin:0;max-width:none}.quote{break-inside:avoid}}
"""


def render(report: Report, publication: Publication) -> str:
    doc = report.document
    title = escape(doc.title or doc.url or "article")
    about = " · ".join(f"{label}: {escape(value)}" for label, value in article_lines(doc))
    parts = [
        "<!DOCTYPE html>",
        '<html lang="sq"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'\">",
        f"<title>Attribution report: {title}</title><style>{STYLE}</style></head><body>",
        f"<h1>{title}</h1>",
        f'<p class="banner">{escape(report.banner)}</p>' if report.banner else "",
        f'<p class="meta">{about} · Review: {escape(report.progress)}'
        f" · Text SHA-256: <code>{escape(doc.sha256)}</code></p>",
        "<h2>Speakers</h2>",
        _table(
            ("speaker", "side", "quotes", "direct", "indirect"),
            [(t.name, t.side or "—", t.quotes, t.direct, t.indirect) for t in report.by_speaker],
        ),
        "<h2>Sides</h2>",
        _table(
            ("side", "quotes", "direct", "indirect"),
            [(t.name, t.quotes, t.direct, t.indirect) for t in report.by_side],
        ),
        "<h2>Quotes</h2>",
        *(_quote(row) for row in report.quotes),
    ]
    if report.rejected:
        parts += ["<h2>Rejected by a reviewer</h2>", *(_quote(row) for row in report.rejected)]
    if report.claims:
        parts += ["<h2>Claims to check</h2><ol>", *(_claim(row) for row in report.claims), "</ol>"]
    if report.lost_reviews:
        parts.append(
            f'<p class="meta">{report.lost_reviews} review(s) of an earlier version could not '
            "be carried: their words are not in this text.</p>"
        )
    if report.orphaned_reviews:
        parts.append(
            f'<p class="meta">{report.orphaned_reviews} review(s) refer to quotes '
            "this analysis no longer finds.</p>"
        )
    prov = report.provenance
    lexicons = ", ".join(f"{k} {v}" for k, v in sorted(prov.lexicons.items()))
    parts += [
        "<h2>Provenance</h2><ul>",
        f"<li>Tool: attribution {escape(prov.tool_version)} (schema "
        f"{escape(prov.schema_version)})</li>",
        f"<li>Models: {escape(prov.models)} ({escape(', '.join(prov.processors))})</li>",
        f"<li>Rule data: {escape(lexicons)}</li>",
        f"<li>Generated: {escape(report.generated_at.isoformat())} by "
        f"{escape(publication.desk)}</li></ul>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def _table(header: tuple[str, ...], rows: list[tuple]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n">{cell}</td>'
            if isinstance(cell, int)
            else f"<td>{escape(str(cell))}</td>"
            for cell in row
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _claim(row: ReportClaim) -> str:
    return (
        f'<li id="{escape(row.id)}"><strong>{escape(row.claimant)}</strong> '
        f'<span class="status">{escape(row.via)} · score {row.score:g}</span>'
        f"<blockquote>{escape(row.text)}</blockquote>"
        f'<p class="meta">{escape("; ".join(row.features))} · offsets {row.start}–{row.end}</p>'
        f"{_verdict(row.verdict)}</li>"
    )


def _quote(row: ReportQuote) -> str:
    speaker = escape(row.speaker or "speaker unknown")
    side = f" ({escape(row.side)})" if row.side else ""
    rejected = " rejected" if row.status.value == "rejected" else ""
    reviewed = (
        f" · last review by {escape(row.reviewer)}, {row.reviewed_at:%Y-%m-%d %H:%M}"
        if row.reviewer and row.reviewed_at
        else ""
    )
    lines = [
        f'<section class="quote{rejected}" id="{escape(row.id)}">',
        f"<strong>{escape(row.id)} · {speaker}{side}</strong> · {escape(row.type)} "
        f'<span class="status">{escape(row.status.value)}{reviewed}</span>',
        f"<blockquote>{escape(row.text)}</blockquote>",
        f'<p class="meta">Via: {escape(" → ".join(row.via))}</p>' if row.via else "",
        f'<p class="meta">Cue: {escape(row.cue or "—")} · offsets {row.start}–{row.end} · '
        f"rule {escape(row.rule)} · confidence {row.confidence:.2f}</p>",
        f'<p class="meta">Context: {_highlight(row.context, row.text)}</p>',
    ]
    lines += [f'<p class="meta">Note: {escape(note)}</p>' for note in row.notes]
    if row.check:
        lines.append(f'<p class="verdict">Attribution check: {escape(row.check.shown)}</p>')
    if row.verdict:
        lines.append(_verdict(row.verdict))
    return "\n".join([*lines, "</section>"])


def _verdict(verdict: Verdict | None) -> str:
    if verdict is None:
        return ""
    return (
        f'<p class="verdict">Claim rating: {escape(verdict.shown)} — '
        f"{escape(verdict.explanation)}</p>"
    )


def _highlight(context: str, quote: str) -> str:
    """The context with the quote marked, every piece escaped on its own."""
    flat = " ".join(quote.split())
    at = context.find(flat)
    if at < 0 or not flat:
        return escape(context)
    return (
        escape(context[:at])
        + "<mark>"
        + escape(flat)
        + "</mark>"
        + escape(context[at + len(flat) :])
    )
