"""Sentences and words of short texts outside the NLP stage.

Quotes, readouts and original statements are compared and aligned after the analysis, where
running Stanza again would be wasted: these plain rules give their sentence boundaries and
word spans, with offsets into the text they are given.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# A sentence ends at . ! ? … (a closing mark may follow) before white space, or at a blank line.
_SENTENCE_END = re.compile(r"[.!?…][\"”»“’]?(?=\s)|\n\s*\n")
# A word: letters and digits, with an inner apostrophe or hyphen (s’ka, Turqi-Rusi, COVID-19).
_WORD = re.compile(r"[^\W_]+(?:[-’'][^\W_]+)*")


def sentence_bounds(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each non-blank sentence of text[start:end]."""
    end = len(text) if end is None else end
    bounds, position = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        bounds.append((position, match.end()))
        position = match.end()
    bounds.append((position, end))
    return [trim_space(text, s, e) for s, e in bounds if text[s:e].strip()]


def sentence_ends(text: str, start: int, end: int) -> Iterator[int]:
    """Offsets just after each sentence end within text[start:end]."""
    for match in _SENTENCE_END.finditer(text, start, end):
        yield match.end()


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    end = len(text) if end is None else end
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, end)]


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def trim_space(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space at its ends, its offsets still into `text`."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def excerpt(text: str, limit: int) -> str:
    """The text cut to at most `limit` characters, an ellipsis marking the cut (for a line of a
    table or a widget's label; the full text stays in the record)."""
    return text if len(text) <= limit else text[: limit - 3] + "…"


def occurrences(text: str, wanted: str, *, loose: bool = False) -> list[int]:
    """Where `wanted` starts in `text`, each time. Loose: letters match without their
    diacritics and case (`oj e shkrete` finds `oj e shkretë`), as a reviewer types them;
    each character folds to one, so a match has the length of `wanted`."""
    if not wanted:
        return []
    if loose:
        text, wanted = _fold_each(text), _fold_each(wanted)
    hits, at = [], text.find(wanted)
    while at >= 0:
        hits.append(at)
        at = text.find(wanted, at + 1)
    return hits


def _fold_each(text: str) -> str:
    return "".join(unicodedata.normalize("NFD", c)[0].lower()[:1] or c for c in text)
