"""A readout comparison as Markdown or as a standalone HTML page (JSON is the model itself).

Both sides' wording stands side by side for each topic both mention, then what each side says
alone. Article text is escaped in both formats, as in the attribution reports.
"""

from __future__ import annotations

from html import escape

from ..compare import Comparison, Point, Topic
from .html import STYLE
from .markdown import escape as md


def markdown(comparison: Comparison) -> str:
    a, b = comparison.a_name, comparison.b_name
    lines = [
        f"# Readouts compared: {md(a)} and {md(b)}",
        "",
        f"## Both mention ({len(comparison.both)})",
        "",
    ]
    for topic in comparison.both:
        lines += [
            f"### {md(topic.label)} · score {topic.score:.0f}",
            "",
            f"| {md(a)} | {md(b)} |",
            "|---|---|",
            f"| {_md_point(topic.a)} | {_md_point(topic.b)} |",
            "",
        ]
        extras = [
            f"{md(a)} adds: {md(', '.join(topic.a_only_terms))}" if topic.a_only_terms else "",
            f"{md(b)} adds: {md(', '.join(topic.b_only_terms))}" if topic.b_only_terms else "",
        ]
        lines += [f"- {extra}" for extra in extras if extra] + [""]
    for name, topics, side in ((a, comparison.only_a, "a"), (b, comparison.only_b, "b")):
        lines += [f"## Only {md(name)} ({len(topics)})", ""]
        lines += [f"- **{md(t.label)}** — {_md_point(getattr(t, side))}" for t in topics] + [""]
    return "\n".join(lines)


PAIR_STYLE = ".pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}"


def html(comparison: Comparison) -> str:
    a, b = escape(comparison.a_name), escape(comparison.b_name)
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="sq"><head><meta charset="utf-8">',
                '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
                "style-src 'unsafe-inline'\">",
                f"<title>Readouts compared: {a} and {b}</title>"
                f"<style>{STYLE}{PAIR_STYLE}</style></head><body>",
                f"<h1>Readouts compared: {a} and {b}</h1>",
                html_body(comparison),
                "</body></html>",
            ]
        )
        + "\n"
    )


def html_body(comparison: Comparison) -> str:
    """The topics as HTML sections, for the page above and for the dashboard."""
    a, b = escape(comparison.a_name), escape(comparison.b_name)
    parts = [
        f"<h2>Both mention ({len(comparison.both)})</h2>",
        *(_html_pair(topic, a, b) for topic in comparison.both),
    ]
    for name, topics, side in ((a, comparison.only_a, "a"), (b, comparison.only_b, "b")):
        parts.append(f"<h2>Only {name} ({len(topics)})</h2>")
        parts += [
            f'<section class="quote"><strong>{escape(t.label)}</strong>'
            f"{_html_point(getattr(t, side))}</section>"
            for t in topics
        ]
    return "\n".join(parts)


def _md_point(point: Point | None) -> str:
    if point is None:
        return "—"
    return f"“{md(point.text)}” ({md(point.speaker)})"


def _html_point(point: Point | None) -> str:
    if point is None:
        return "<p>—</p>"
    return (
        f"<blockquote>{escape(point.text)}</blockquote>"
        f'<p class="meta">{escape(point.speaker)}'
        f"{' · ' + escape(point.source) if point.source else ''}</p>"
    )


def _html_pair(topic: Topic, a: str, b: str) -> str:
    extras = []
    if topic.a_only_terms:
        extras.append(f"{a} adds: {escape(', '.join(topic.a_only_terms))}")
    if topic.b_only_terms:
        extras.append(f"{b} adds: {escape(', '.join(topic.b_only_terms))}")
    return (
        f'<section class="quote"><strong>{escape(topic.label)}</strong> '
        f'<span class="status">score {topic.score:.0f}</span><div class="pair">'
        f"<div><h3>{a}</h3>{_html_point(topic.a)}</div>"
        f"<div><h3>{b}</h3>{_html_point(topic.b)}</div></div>"
        + "".join(f'<p class="meta">{extra}</p>' for extra in extras)
        + "</section>"
    )
