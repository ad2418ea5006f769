"""A readout comparison as Markdown or as a standalone HTML page (JSON is the model itself).

Both sides' wording stands side by side for each topic both mention, then what each side says
alone. Article text is escaped in both formats, as in the attribution reports; the HTML is
templates/comparison*.html.j2.
"""

from __future__ import annotations

from collections.abc import Callable

from ..compare import Comparison, Point, Topic
from ..i18n import _, current
from . import templating
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
    return templating.render(
        "comparison.html.j2",
        comparison=comparison,
        words=_html_words(),
        language=current(),
        score=_score,
        additions=_additions_of(comparison),
        style=templating.style(STYLE + PAIR_STYLE),
    )


def html_body(comparison: Comparison) -> str:
    """The topics as HTML sections, for the page above and for the dashboard."""
    body = templating.macro("comparison_parts.html.j2", "body")
    return str(body(comparison, _html_words(), current(), _score, _additions_of(comparison)))


def _html_words() -> dict[str, str]:
    """The messages the HTML templates fill in, translated here where the catalog's
    extraction reads them."""
    return {
        "title": _("Readouts compared: {a} and {b}"),
        "both": _("Both mention ({n})"),
        "only": _("Only {name} ({n})"),
    }


def _md_point(point: Point | None) -> str:
    if point is None:
        return "—"
    return f"“{md(point.text)}” ({md(point.speaker)})"


def _score(topic: Topic) -> str:
    return _("score {score}").format(score=f"{topic.score:.0f}")


def _additions_of(comparison: Comparison) -> Callable[[Topic], list[str]]:
    return lambda topic: _additions(topic, comparison.a_name, comparison.b_name)


def _additions(topic: Topic, a: str, b: str) -> list[str]:
    """What each side says of a shared topic that the other does not (plain text)."""
    return [
        _("{side} adds: {terms}").format(side=side, terms=", ".join(terms))
        for side, terms in ((a, topic.a_only_terms), (b, topic.b_only_terms))
        if terms
    ]
