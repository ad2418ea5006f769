"""The report as a standalone, printable HTML page, from templates/report.html.j2.

The environment escapes every value a template prints, so a hostile article cannot act on
whoever opens the report; the page has no script, and its Content-Security-Policy forbids
any.
"""

from __future__ import annotations

from . import templating
from .model import Report, article_lines
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
    lexicons = ", ".join(f"{k} {v}" for k, v in sorted(report.provenance.lexicons.items()))
    return templating.render(
        "report.html.j2",
        report=report,
        publication=publication,
        title=doc.title or doc.url or "article",
        about=article_lines(doc),
        speakers=[
            (t.name, t.side or "—", t.quotes, t.direct, t.indirect) for t in report.by_speaker
        ],
        sides=[(t.name, t.quotes, t.direct, t.indirect) for t in report.by_side],
        lexicons=lexicons,
        style=templating.style(STYLE),
        split_at=split_at,
    )


def split_at(context: str, quote: str) -> tuple[str, str, str] | None:
    """The context before the quote, the quote, and after it; None where the context does
    not hold the quote (as its whitespace runs are one space)."""
    flat = " ".join(quote.split())
    at = context.find(flat)
    if at < 0 or not flat:
        return None
    return context[:at], flat, context[at + len(flat) :]
