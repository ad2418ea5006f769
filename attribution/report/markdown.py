"""The report as Markdown: header, summaries, each quote with its context and review state.

Article text is escaped for Markdown (GFM and its math, as GitHub, Streamlit and markdown-it
read it) and for the HTML a Markdown viewer may let through, so an article cannot add a
heading, list, link, image, formula or any markup to the report; tests/test_markdown_escape.py
reads the result back with real renderers.
"""

from __future__ import annotations

import re

from .model import Report, ReportClaim, ReportQuote, article_lines
from .publication import Publication

WORD_JOINER = "\u2060"  # invisible, and no part of an address, a name or a word
_BOM = "\ufeff"

# Inline markup and math, anywhere in a line; `<`, `>` and `&` become entities.
_INLINE = re.compile(r"([\\`*_{}\[\]|~$])")
# What starts a heading, list, rule or setext underline where the text starts a line; `#` also
# after a space, where it would close a heading. `>` (a quote block) is an entity already.
_HASH = re.compile(r"(?<!\S)#")
_LINE_START = re.compile(r"^(?:[-+=]|\d{1,9}(?=[.)](?:\s|$)))")
# Bare addresses. GFM finds them in the text after its backslash escapes are read (remark-gfm,
# which Streamlit runs, for every kind; cmark-gfm for e-mail), so only a character that is
# really there stops it: an invisible one after a scheme's name, after `www`, before an `@`.
_LINKED = re.compile(r"(?<=[A-Za-z0-9])(?=://)|(?<=www)(?=\.)|(?<=\S)(?=@)", re.IGNORECASE)
# What linkers that take any known top-level domain (markdown-it's linkify) find besides: a
# domain's dots and the `//` of an address without a scheme. A backslash escape cuts the text
# where they look.
_SLASHES = re.compile(r"(?<=(?<!:)/)/")
_DOMAIN_DOT = re.compile(
    r"(?<=\S)\.(?=(?:[a-z]{2}|com|net|org|edu|gov|biz|info|pro|web|xxx|aero|asia|coop"
    r"|museum|name|shop|xn--[a-z0-9-]+|рф)(?![^\W_]))",
    re.IGNORECASE,
)
# Streamlit's emoji and icon shortcodes (`:flag-al:`, `:material/home:`), found in the text too.
_SHORTCODE = re.compile(r"(?<=:)(?=(?:\\?[\w+-])+:|material/)")  # after escaping, `\_` is `_`


def escape(text: object) -> str:
    """Text from an article or a reviewer as Markdown that shows it and does nothing else.

    The text becomes one line, so only its start can begin a block; wherever it is put (a
    line of its own, a `> ` quote, a list item, a heading, a table cell) it makes no heading,
    list, rule, code, table, link, image, math or HTML. Backslash escapes of ASCII
    punctuation (legal CommonMark anywhere) and entities keep it reading the same; the word
    joiners that break addresses and shortcodes are invisible.
    """
    # A byte-order mark is invisible, and a renderer drops it where a document starts: before
    # a `#` it would hide the heading from the checks below.
    plain = "" if text is None else " ".join(str(text).replace(_BOM, "").split())
    plain = plain.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    plain = _LINKED.sub(WORD_JOINER, _INLINE.sub(r"\\\1", plain))
    plain = _SLASHES.sub(r"\\/", _DOMAIN_DOT.sub(r"\\.", plain))
    plain = _SHORTCODE.sub(WORD_JOINER, plain)
    plain = _HASH.sub(r"\\#", plain)
    return _LINE_START.sub(_line_start, plain)


def _line_start(found: re.Match) -> str:
    """The backslash goes before the punctuation that is the marker: after an ordered list
    item's digits, which are text on their own."""
    marker = found.group()
    return f"\\{marker}" if not marker[0].isdigit() else f"{marker}\\"


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
