"""Pair quotation marks into spans, with a stack, never by counting.

Albanian news mixes “…”, „…“, „…”, «…» and "…", nests them, leaves a paragraph's quote open
and reopens it in the next, and types ’ inside words (t’i, s’ka). Parity pairing fails on all
of these, so each mark is read as an opener or a closer from the characters around it, and
closers are matched against a stack of open marks. A mark that cannot be paired is dropped
with a warning; the analysis always goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .model import AnalysisWarning
from .nlp import paragraph_offsets
from .resources import QuoteMarks

# Only so many open marks are searched for a partner: text with thousands of unclosed marks
# stays linear, and no real quote nests this deep.
MAX_OPEN = 32
MAX_RUN_ON_PARAGRAPHS = 12  # paragraphs without marks one opened quote may run over
_LEFT_BOUNDARY = set(" \t\n\r\u00a0([{/—–-") | {""}
_WORD_APOSTROPHES = set("’'")
_CLAUSE_PUNCTUATION = set(",;:")


@dataclass(frozen=True, slots=True)
class MarkedSpan:
    """The text between an opening mark at `open` and a closing mark at `close`."""

    open: int
    close: int
    opener: str
    closer: str
    depth: int
    paragraphs: int = 1  # how many paragraphs the span runs over

    @property
    def start(self) -> int:
        return self.open + 1

    @property
    def end(self) -> int:
        return self.close


@dataclass
class Pairing:
    spans: list[MarkedSpan] = field(default_factory=list)
    unclosed: list[tuple[int, int]] = field(default_factory=list)  # (mark, paragraph end)
    stray_closers: list[int] = field(default_factory=list)
    warnings: list[AnalysisWarning] = field(default_factory=list)


@dataclass(slots=True)
class _Open:
    pos: int
    mark: str
    paragraph: int
    first_paragraph: int


def pair_marks(text: str, marks: QuoteMarks) -> Pairing:
    """Every paired span, outermost first within each position, plus what could not pair."""
    closers_of = {p.opener: set(p.closers) for p in marks.entries}
    all_closers = {c for p in marks.entries for c in p.closers}
    family = {p.opener: p.family for p in marks.entries}
    paragraph_starts = paragraph_offsets(text)
    result = Pairing()
    stack: list[_Open] = []
    paragraph = -1
    for pos, mark, role, para in _marks_in(text, marks.all_marks, paragraph_starts):
        if para != paragraph:
            closing = role in ("close", "ambiguous") and mark in all_closers
            _leave_paragraph(stack, para, paragraph_starts, text, result, closing=closing)
            paragraph = para
        if role == "apostrophe":
            continue
        if role == "ambiguous":
            role = "close" if _partner(stack, mark, closers_of) is not None else "open"
        if role == "open" and mark in closers_of:
            if _continues_quote(stack, text, pos, para, paragraph_starts[para], family.get(mark)):
                continue  # a paragraph reopening the quote the previous one left open
            stack.append(_Open(pos, mark, para, para))
            if len(stack) > MAX_OPEN:
                dropped = stack.pop(0)
                result.warnings.append(_warning("unclosed_mark", dropped.pos, text))
            continue
        if mark not in all_closers:
            continue
        at = _partner(stack, mark, closers_of)
        if at is None:
            result.stray_closers.append(pos)
            result.warnings.append(_warning("stray_closer", pos, text))
            continue
        for dropped in stack[at + 1 :]:
            result.warnings.append(_warning("unclosed_mark", dropped.pos, text))
        opened = stack[at]
        del stack[at:]
        if (opened.mark == '"') != (mark == '"'):  # straight and curly marks mixed
            result.warnings.append(_warning("mismatched_pair", opened.pos, text, pos + 1))
        result.spans.append(
            MarkedSpan(
                open=opened.pos,
                close=pos,
                opener=opened.mark,
                closer=mark,
                depth=at,
                paragraphs=para - opened.first_paragraph + 1,
            )
        )
    _leave_paragraph(stack, len(paragraph_starts), paragraph_starts, text, result)
    result.spans.sort(key=lambda s: (s.open, -s.close))
    return result


def _marks_in(
    text: str, mark_chars: frozenset[str], paragraph_starts: list[int]
) -> Iterator[tuple[int, str, str, int]]:
    pattern = re.compile("[" + re.escape("".join(sorted(mark_chars))) + "]")
    para = 0
    for found in pattern.finditer(text):
        pos = found.start()
        while para + 1 < len(paragraph_starts) and paragraph_starts[para + 1] <= pos:
            para += 1
        yield pos, found.group(), _role(text, pos), para


def _role(text: str, pos: int) -> str:
    """open / close / ambiguous / apostrophe, from the characters on either side."""
    before = text[pos - 1] if pos > 0 else ""
    after = text[pos + 1] if pos + 1 < len(text) else ""
    mark = text[pos]
    if mark in _WORD_APOSTROPHES and before.isalnum() and after.isalpha():
        return "apostrophe"
    if mark == "'":
        return "apostrophe"  # a straight single quote is an apostrophe in Albanian text
    left_free = before in _LEFT_BOUNDARY or before in '“”„«»"‘’‹›'
    right_free = after == "" or after.isspace() or (not after.isalnum() and after not in "(“„«‘")
    if left_free and not right_free:
        return "open"
    if right_free and not left_free:
        return "close"
    if mark in "„«‹‚‟":
        return "open"
    if mark in "”»›":
        return "close"
    if mark == "’":
        return "close"
    if before in _CLAUSE_PUNCTUATION:
        return "open"  # ,"kliko" - a new quoted item starts after a comma or colon
    return "ambiguous"


def _partner(stack: list[_Open], mark: str, closers_of: dict[str, set[str]]) -> int | None:
    for at in range(len(stack) - 1, -1, -1):
        if mark in closers_of.get(stack[at].mark, ()):
            return at
    return None


def _continues_quote(
    stack: list[_Open], text: str, pos: int, para: int, paragraph_start: int, family: str | None
) -> bool:
    """A paragraph that opens with a mark while the last paragraph's quote is still open."""
    if not stack or family != "double" or text[paragraph_start:pos].strip():
        return False
    last = stack[-1]
    if last.paragraph >= para:
        return False
    last.paragraph = para
    return True


def _leave_paragraph(
    stack: list[_Open],
    next_para: int,
    paragraph_starts: list[int],
    text: str,
    result: Pairing,
    *,
    closing: bool = False,
) -> None:
    """An opener survives one paragraph break (a quote may run on). It survives more when
    the paragraphs after it hold no mark at all and the next mark closes it: a statement of
    several paragraphs, opened once and closed once (`“A …¶B …¶C …”, tha ai`)."""
    keep = []
    for opened in stack:
        gap = next_para - opened.paragraph
        if gap <= 1 or (closing and gap <= MAX_RUN_ON_PARAGRAPHS and opened is stack[-1]):
            keep.append(opened)
            continue
        end = _paragraph_end(text, opened.paragraph, paragraph_starts)
        result.unclosed.append((opened.pos, end))
        result.warnings.append(_warning("unclosed_mark", opened.pos, text))
    stack[:] = keep


def _paragraph_end(text: str, paragraph: int, paragraph_starts: list[int]) -> int:
    """Where the paragraph's text ends. Only the paragraph is copied to find it: copying the
    whole text before it, once per unclosed mark, made a page of such marks quadratic."""
    start = paragraph_starts[paragraph]
    end = paragraph_starts[paragraph + 1] if paragraph + 1 < len(paragraph_starts) else len(text)
    return start + len(text[start:end].rstrip())


_MESSAGES = {
    "unclosed_mark": "quotation mark {mark!r} is never closed",
    "stray_closer": "closing mark {mark!r} has no opening mark",
    "mismatched_pair": "quote opened with {mark!r} is closed with a mark of another style",
}


def _warning(code: str, pos: int, text: str, end: int | None = None) -> AnalysisWarning:
    return AnalysisWarning(
        code=code,
        message=_MESSAGES[code].format(mark=text[pos]),
        start=pos,
        end=end if end is not None else pos + 1,
    )
