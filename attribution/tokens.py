"""A flat, indexable view of a `Document` that the rule stages read.

The rules look left and right of a cue across token positions, so they want one list of
tokens with each token's sentence and paragraph at hand, and the character offsets to map a
span back to tokens. Built once per document; plain slots classes, for speed.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .model import Document

_WORDLIKE = re.compile(r"[^\W_]")  # a letter or digit


@dataclass(slots=True)  # read-only by convention: frozen dataclasses are slow to build
class Tok:
    i: int
    text: str
    low: str
    start: int
    end: int
    sent: int
    para: int
    upos: str | None
    lemma: str | None
    capitalised: bool
    is_word: bool  # has a letter or digit: not punctuation, not a mark


class TokenView:
    def __init__(self, document: Document):
        self.text = document.text
        tokens: list[Tok] = []
        self.sentences: list[tuple[int, int]] = []
        for s_index, sentence in enumerate(document.sentences):
            first = len(tokens)
            for token in sentence.tokens:
                text, words = token.text, token.words
                single = words[0] if len(words) == 1 else None
                tokens.append(
                    Tok(
                        len(tokens),
                        text,
                        text.casefold(),
                        token.start,
                        token.end,
                        s_index,
                        sentence.paragraph,
                        single.upos if single else None,
                        single.lemma if single else None,
                        text[:1].isupper(),
                        _WORDLIKE.search(text) is not None,
                    )
                )
            self.sentences.append((first, len(tokens)))
        self.tokens = tokens
        self._starts = [t.start for t in tokens]

    def __len__(self) -> int:
        return len(self.tokens)

    def __getitem__(self, i: int) -> Tok:
        return self.tokens[i]

    def first_at_or_after(self, char: int) -> int:
        """Index of the first token starting at or after `char` (len(self) if none)."""
        return bisect.bisect_left(self._starts, char)

    def last_before(self, char: int) -> int:
        """Index of the last token that ends at or before `char` (-1 if none)."""
        i = bisect.bisect_left(self._starts, char) - 1
        while i >= 0 and self.tokens[i].end > char:
            i -= 1
        return i

    def sentence_range(self, i: int) -> tuple[int, int]:
        return self.sentences[self.tokens[i].sent]

    def token_range(self, start: int, end: int) -> range:
        """The indexes of the tokens that start in the character span."""
        return range(self.first_at_or_after(start), self.first_at_or_after(end))

    def words(self, start: int, end: int) -> int:
        """How many word tokens lie in the character span."""
        return sum(1 for k in self.token_range(start, end) if self.tokens[k].is_word)


class SpanIndex:
    """Character spans, asked which of them hold a stretch of text without reading them all.

    The rules ask of every cue, quote and token they read whether a quote holds it. Reading
    every quote each time made a page of n quotes cost n² (a 540 KB page of short quotes ran
    for more than a quarter of an hour). The spans are sorted by start and a segment tree keeps
    the furthest end of each run of them, so a question visits only the runs that can answer:
    O(log n) steps and the spans found.
    """

    def __init__(self, spans: Iterable[tuple[int, int]]):
        self.spans = list(spans)
        order = sorted(range(len(self.spans)), key=lambda k: self.spans[k][0])
        self._order = order
        self._starts = [self.spans[k][0] for k in order]
        self._size = 1
        while self._size < len(order):
            self._size *= 2
        self._reach = [-1] * (2 * self._size)
        for leaf, k in enumerate(order):
            self._reach[self._size + leaf] = self.spans[k][1]
        for node in range(self._size - 1, 0, -1):
            self._reach[node] = max(self._reach[2 * node], self._reach[2 * node + 1])
        self._reach_before = list(itertools.accumulate((self.spans[k][1] for k in order), max))

    def containing(self, start: int, end: int) -> list[int]:
        """Positions (in the order given, ascending) of the spans with s <= start, end <= e."""
        starting = bisect.bisect_right(self._starts, start)  # leaves [0, starting) start early
        if not starting or self._reach_before[starting - 1] < end:
            return []  # most text is in no quote: answered without a walk down the tree
        found = []
        todo = [(1, 0, self._size)]
        while todo:
            node, lo, hi = todo.pop()
            if lo >= starting or self._reach[node] < end:
                continue
            if hi - lo == 1:
                found.append(self._order[lo])
                continue
            middle = (lo + hi) // 2
            todo += [(2 * node, lo, middle), (2 * node + 1, middle, hi)]
        return sorted(found)

    def holds(self, char: int) -> bool:
        """Does any span hold this character?"""
        return bool(self.containing(char, char + 1))
