"""Check-worthy claims: what in an article can be checked, and who claims it.

A desk cannot check every sentence; it checks numbers, dates, records and firsts,
comparisons, causes, actions someone is said to have taken, agreements and named events.
Each sentence of the article is cut where quotes begin and end: a part inside a quote is
claimed by the quote's speaker (directly, or in reported speech), the rest by the outlet in
its own narration. Each part is scored by the signals of claims.sq.yaml it shows, each
signal counting once with its weight, plus the named actors it involves; the score is the sum,
and the features that make it up go with the claim, so a reviewer sees why it ranks where it
does.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .gazetteer import Lookup
from .model import Claim, Claimant, ClaimFeature, Quote
from .morph import fold
from .resources import ClaimLexicon, Grammar
from .tokens import SpanIndex, Tok, TokenView

MIN_NARRATION_WORDS = 5
MIN_PARTICIPLE = 5  # letters: a participle has a stem before its ending (thënë, not në)
_DIGIT = re.compile(r"\d")  # a shorter stretch outside quotes is the attribution (tha ai), no claim
_DATE = re.compile(
    r"1[89]\d\d|20\d\d"  # a year
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}(?:-\d{2})?"  # 3/1/2022, 2022-01-03
    r"|\d{1,2}:\d{2}"  # 08:40
)


@dataclass(frozen=True)
class _Unit:
    start: int  # token indexes, end exclusive
    end: int
    claimant: Claimant


class ClaimFinder:
    def __init__(self, lexicon: ClaimLexicon, grammar: Grammar, lookup: Lookup):
        entries = lexicon.entries
        self.min_score = entries.min_score
        self._complementizers = frozenset(fold(w) for w in grammar.words("complementizers"))
        self.actor_weight, self.actor_cap = entries.actor_weight, entries.actor_cap
        self._participles = tuple(fold(e) for e in entries.participle_endings)
        excluded = {fold(w) for w in entries.not_numbers}
        self._numbers = {fold(w) for w in grammar.words("number_words")} - excluded
        self._signals = entries.signals
        # Patterns by what their first word can be, so a token meets only the few that may
        # start at it: an exact word, the first letters of a stem, or a word class.
        self._by_start: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for index, signal in enumerate(entries.signals):
            for pattern in signal.patterns:
                words = tuple(fold(w) for w in pattern.split())
                self._by_start.setdefault(_start_key(words[0]), []).append((index, words))
        self._class_keys = [key for key in _WORD_CLASSES if key in self._by_start]
        self.lookup = lookup

    def find(self, view: TokenView, quotes: Sequence[Quote], outlet: str) -> list[Claim]:
        """The claims of the document, ranked: highest score first, then in text order."""
        scored = []
        for unit in self._units(view, quotes, outlet):
            features = self.features(view, unit.start, unit.end)
            score = sum(f.weight for f in features)
            if score >= self.min_score:
                scored.append((unit, features, score, f"c{len(scored) + 1}"))
        ranked = sorted(scored, key=lambda item: (-item[2], item[0].start))
        return [_claim(view, *item, rank=rank) for rank, item in enumerate(ranked, 1)]

    def features(self, view: TokenView, start: int, end: int) -> tuple[ClaimFeature, ...]:
        """Each signal the tokens start..end show (its first occurrence), and the actors."""
        matches = self._first_matches(view, start, end)
        found = [
            _feature(view, *matches[index], name=signal.name, weight=signal.weight)
            for index, signal in enumerate(self._signals)
            if index in matches
        ]
        for first, last in self._actors(view, start, end)[: self.actor_cap]:
            found.append(_feature(view, first, last, name="actor", weight=self.actor_weight))
        return tuple(found)

    # -------------------------------------------------------------------------- units

    def _units(self, view: TokenView, quotes: Sequence[Quote], outlet: str) -> list[_Unit]:
        """Each sentence's parts inside quotes, and the stretches of narration between them."""
        within = SpanIndex((q.start, q.end) for q in quotes)
        outer = [q for i, q in enumerate(quotes) if within.containing(q.start, q.end) == [i]]
        owner: list[Quote | None] = [None] * len(view)
        for quote in outer:
            for k in view.token_range(quote.start, quote.end):
                owner[k] = quote
        framed = [False] * len(view)  # the attribution of a quote (tha Kremlini) is no claim
        for q in quotes:
            for span in (q.cue, q.speaker.mention if q.speaker else None):
                for k in view.token_range(span.start, span.end) if span else ():
                    framed[k] = True
        narration = Claimant(kind="outlet", name=outlet, via="narration")
        units = []
        for first, last in view.sentences:
            for quote, run in itertools.groupby(range(first, last), key=owner.__getitem__):
                tokens = list(run)
                if quote is not None:
                    units.append(_Unit(tokens[0], tokens[-1] + 1, quote_claimant(quote)))
                    continue
                own_words = sum(view[k].is_word and not framed[k] for k in tokens)
                if own_words >= MIN_NARRATION_WORDS and not self._frames_a_quote(
                    view, tokens, last, owner, framed
                ):
                    units.append(_Unit(tokens[0], tokens[-1] + 1, narration))
        return units

    def _frames_a_quote(self, view: TokenView, tokens: list[int], end: int, owner, framed) -> bool:
        """Narration that only introduces the quote after it (`X dhe Y janë zotuar se …`): it
        ends in the quote's cue or a complementiser, and what it claims is the quote's."""
        after = tokens[-1] + 1  # the quote it introduces is in the same sentence
        if after >= end or owner[after] is None:
            return False
        last = next((k for k in reversed(tokens) if view[k].is_word), None)
        return last is not None and (framed[last] or fold(view[last].text) in self._complementizers)

    # -------------------------------------------------------------------------- matching

    def _first_matches(self, view, start, end) -> dict[int, tuple[int, int]]:
        """Where each signal (by index) first shows in tokens start..end."""
        found: dict[int, tuple[int, int]] = {}
        for k in range(start, end):
            token = view[k]
            folded = fold(token.text)
            keys = ["=" + folded, "~" + folded[:_STEM_KEY]]
            keys += [c for c in self._class_keys if self._in_class(token, folded, c)]
            for key in keys:
                for index, words in self._by_start.get(key, ()):
                    if (
                        index not in found
                        and k + len(words) <= end
                        and all(self._fits(view[k + n], word) for n, word in enumerate(words))
                    ):
                        found[index] = (k, k + len(words))
        return found

    def _fits(self, token: Tok, word: str) -> bool:
        folded = fold(token.text)
        if word in _WORD_CLASSES:
            return self._in_class(token, folded, word)
        if word.endswith("*"):
            return folded.startswith(word[:-1])
        return folded == word

    def _in_class(self, token: Tok, folded: str, word_class: str) -> bool:
        if word_class == "<word>":
            return token.is_word
        if word_class == "<participle>":  # a stem before the ending: grumbull-uar, not në
            return len(folded) >= MIN_PARTICIPLE and folded.endswith(self._participles)
        has_digit = _DIGIT.search(folded) is not None
        if word_class == "<date>":
            return has_digit and bool(_DATE.fullmatch(folded))
        return (has_digit and not _DATE.fullmatch(folded)) or folded in self._numbers

    def _actors(self, view: TokenView, start: int, end: int) -> list[tuple[int, int]]:
        """Named actors: countries and capitals, and people and bodies of the gazetteer."""
        found, names = [], set()
        for k in range(start, end):
            token = view[k]
            if not (token.capitalised and token.is_word):
                continue
            actor = self.lookup.country(token.text) or self.lookup.entry([token.text])
            if actor is not None and actor.name not in names:
                names.add(actor.name)
                found.append((k, k + 1))
        return found


_STEM_KEY = 3  # stems are indexed by their first letters (ligj* under "lig")
_WORD_CLASSES = ("<number>", "<date>", "<participle>", "<word>")


def _start_key(word: str) -> str:
    if word in _WORD_CLASSES:
        return word
    if word.endswith("*"):
        return "~" + word[:_STEM_KEY]
    return "=" + word


def quote_claimant(quote: Quote) -> Claimant:
    speaker = quote.speaker
    return Claimant(
        kind="speaker",
        name=speaker.name if speaker else "unattributed",
        speaker_id=speaker.id if speaker else None,
        quote_id=quote.id,
        via="quote" if quote.type == "direct" else "reported speech",
    )


def _feature(view: TokenView, first: int, last: int, *, name: str, weight: float) -> ClaimFeature:
    start, end = view[first].start, view[last - 1].end
    return ClaimFeature(start=start, end=end, text=view.text[start:end], name=name, weight=weight)


def _claim(view, unit: _Unit, features, score: float, ident: str, *, rank: int) -> Claim:
    first, last = unit.start, unit.end
    while last - 1 > first and not view[last - 1].is_word:
        last -= 1  # the closing mark or full stop is not part of what is claimed
    while first < last - 1 and not view[first].is_word:
        first += 1
    start, end = view[first].start, view[last - 1].end
    return Claim(
        id=ident,
        rank=rank,
        score=round(score, 2),
        start=start,
        end=end,
        text=view.text[start:end],
        features=features,
        claimant=unit.claimant,
    )
