"""Credit lines: the outlets a statement came through (`…, shkruan Novosti, transmeton Bota Sot`).

Albanian outlets end a relayed sentence with who they took it from: `X tha se A, shkruan
Novosti, transmeton Bota Sot` is X's statement as Novosti wrote it and Bota Sot relayed it.
The trailing report that wraps a sentence with an attribution of its own — a credit cue
(transmeton), or a present-tense reporting verb after the statement (shkruan, raporton; a
past `…, tha X` there is a nested report) — is a credit line: an optional quote of the
outlet, as FORMAT.md counts it, and for every statement inside it one link of its source
chain. A fact-checker reads the chain as where to look first.
"""

from __future__ import annotations

import re

from .model import CueKind, Quote
from .morph import fold
from .resources import Resources

_TRAILING = "indirect.trailing"  # `…, tha X` after the statement
_TAIL_END = re.compile(r"[.,;:!?\n]")
_TAIL_CHARS = 80
_MAX_OUTLET_WORDS = 6


class CreditLines:
    """Finds the credit lines among an analysis's quotes and the source chains they give."""

    def __init__(self, resources: Resources):
        self._verbs = frozenset(fold(w) for w in resources.grammar.words("credit_verbs"))
        self._marks = "".join(resources.quote_marks.all_marks)

    def chain(self, quotes: list[Quote], text: str) -> list[Quote]:
        """Credit lines made optional, and each statement inside them given its `via`: the
        outlets from the one nearest the statement to the one that published it."""
        credits = [q for q in quotes if self._is_credit(q, quotes)]
        if not credits:
            return quotes
        credited = []
        for quote in quotes:
            if quote in credits:
                credited.append(quote.model_copy(update={"optional": True}))
                continue
            around = sorted(
                (c for c in credits if _inside(quote, c)), key=lambda c: c.end - c.start
            )
            via = tuple(name for c in around if (name := self._outlet(c, text)))
            credited.append(quote.model_copy(update={"via": via}) if via else quote)
        return credited

    def _is_credit(self, quote: Quote, quotes: list[Quote]) -> bool:
        if quote.cue is None:
            return False
        if quote.cue.kind == CueKind.CREDIT:
            return True
        return (
            quote.rule == _TRAILING
            and fold(quote.cue.text) in self._verbs
            and any(
                _inside(other, quote) and other.cue is not None and other.cue.kind != CueKind.CREDIT
                for other in quotes
            )
        )

    def _outlet(self, credit: Quote, text: str) -> str | None:
        """The outlet as the credit line names it: the words after its cue up to the next
        punctuation (`transmeton Anadolu Agency (AA).`), marks taken off; else its speaker."""
        if credit.cue is not None:
            tail = _TAIL_END.split(text[credit.cue.end : credit.cue.end + _TAIL_CHARS], 1)[0]
            name = tail.strip().strip(self._marks).strip()
            if name and len(name.split()) <= _MAX_OUTLET_WORDS:
                return name
        speaker = credit.speaker
        if speaker is None:
            return None
        return speaker.mention.text if speaker.mention is not None else speaker.name


def _inside(inner: Quote, outer: Quote) -> bool:
    return (
        inner is not outer
        and outer.start <= inner.start
        and inner.end <= outer.end
        and (inner.start, inner.end) != (outer.start, outer.end)
    )
