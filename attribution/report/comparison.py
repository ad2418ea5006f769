"""A readout comparison as Markdown or as a standalone HTML page (JSON is the model itself).

Both sides' wording stands side by side for each topic both mention, then what each side says
alone. Article text is escaped in both formats, as in the attribution reports.
"""

from __future__ import annotations

from html import escape

from ..compare import Comparison, Point, Topic
from ..i18n import _, current
from .html import STYLE
from .markdown import escape as md


def markdown(comparison: Comparison) -> str:
    a, b = comparison.a_name, comparison.b_name
    lines = [
        "# " + _("Readouts compared: {a} and {b}").format(a=md(a), b=md(b)),
        "",
        "## " + _("Both mention ({n})").format(n=len(comparison.both)),
        "",
    ]
    for topic in comparison.both:
        lines += [
            f"### {md(topic.label_in(current()))} · {md(_score(topic))}",
            "",
            f"| {md(a)} | {md(b)} |",
            "|---|---|",
            f"| {_md_point(topic.a)} | {_md_point(topic.b)} |",
            "",
        ]
        lines += [f"- {md(extra)}" for extra in _additions(topic, a, b)] + [""]
    for name, topics, side in ((a, comparison.only_a, "a"), (b, comparison.only_b, "b")):
        lines += ["## " + _("Only {name} ({n})").format(name=md(name), n=len(topics)), ""]
        lines += [
            f"- **{md(t.label_in(current()))}** — {_md_point(getattr(t, side))}" for t in topics
        ] + [""]
    return "\n".join(lines)


PAIR_STYLE = ".pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}"


def html(comparison: Comparison) -> str:
    a, b = escape(comparison.a_name), escape(comparison.b_name)
    title = _("Readouts compared: {a} and {b}").format(a=a, b=b)
    return (
        "\n".join(
            [
                "<!DOCTYPE html>",
                '<html lang="sq"><head><meta charset="utf-8">',
                '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
                "style-src 'unsafe-inline'\">",
                f"<title>{title}</title><style>{STYLE}{PAIR_STYLE}</style></head><body>",
                f"<h1>{title}</h1>",
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
        "<h2>" + _("Both mention ({n})").format(n=len(comparison.both)) + "</h2>",
        *(_html_pair(topic, comparison.a_name, comparison.b_name) for topic in comparison.both),
    ]
    for name, topics, side in ((a, comparison.only_a, "a"), (b, comparison.only_b, "b")):
        parts.append("<h2>" + _("Only {name} ({n})").format(name=name, n=len(topics)) + "</h2>")
        parts += [
            f'<section class="quote"><strong>{escape(t.label_in(current()))}</strong>'
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


def _score(topic: Topic) -> str:
    return _("score {score}").format(score=f"{topic.score:.0f}")


def _additions(topic: Topic, a: str, b: str) -> list[str]:
    """What each side says of a shared topic that the other does not (plain text)."""
    return [
        _("{side} adds: {terms}").format(side=side, terms=", ".join(terms))
        for side, terms in ((a, topic.a_only_terms), (b, topic.b_only_terms))
        if terms
    ]


def _html_pair(topic: Topic, a: str, b: str) -> str:
    extras = _additions(topic, a, b)
    return (
        f'<section class="quote"><strong>{escape(topic.label_in(current()))}</strong> '
        f'<span class="status">{escape(_score(topic))}</span><div class="pair">'
        f"<div><h3>{escape(a)}</h3>{_html_point(topic.a)}</div>"
        f"<div><h3>{escape(b)}</h3>{_html_point(topic.b)}</div></div>"
        + "".join(f'<p class="meta">{escape(extra)}</p>' for extra in extras)
        + "</section>"
    )
