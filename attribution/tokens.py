"""A flat, indexable view of a `Document` that the rule stages read.

The rules look left and right of a cue across token positions, so they want one list of
tokens with each token's sentence and paragraph at hand, and the character offsets to map a
span back to tokens. Built once per document; plain slots classes, for speed.
"""

from __future__ import annotations

import bisect
import re
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

    def words(self, start: int, end: int) -> int:
        """How many word tokens lie in the character span."""
        first, last = self.first_at_or_after(start), self.first_at_or_after(end)
        return sum(1 for t in self.tokens[first:last] if t.is_word)
