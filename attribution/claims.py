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

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .gazetteer import Lookup
from .model import Claim, Claimant, ClaimFeature, Quote
from .morph import fold
from .resources import ClaimLexicon, Grammar
from .tokens import Tok, TokenView

MIN_NARRATION_WORDS = 5  # a shorter stretch outside quotes is the attribution (tha ai), no claim
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
        outer = [q for q in quotes if not any(_inside(q, other) for other in quotes)]
        frames = {  # the attribution of a quote (tha Kremlini) is not narration to check
            (span.start, span.end)
            for q in quotes
            for span in (q.cue, q.speaker.mention if q.speaker else None)
            if span is not None
        }
        units = []
        for first, last in view.sentences:
            units += self._sentence_units(view, first, last, outer, outlet, frames)
        return units

    def _sentence_units(self, view, first, last, quotes, outlet, frames) -> list[_Unit]:
        """The sentence's parts inside quotes, and the stretches of narration between them."""
        units: list[_Unit] = []
        for k in range(first, last):
            quote = next((q for q in quotes if q.start <= view[k].start < q.end), None)
            claimant = (
                _quote_claimant(quote)
                if quote is not None
                else Claimant(kind="outlet", name=outlet, via="narration")
            )
            if units and units[-1].claimant == claimant and units[-1].end == k:
                units[-1] = _Unit(units[-1].start, k + 1, claimant)
            else:
                units.append(_Unit(k, k + 1, claimant))
        return [unit for unit in units if _long_enough(view, unit, frames)]

    # -------------------------------------------------------------------------- matching

    def _first_matches(self, view, start, end) -> dict[int, tuple[int, int]]:
        """Where each signal (by index) first shows in tokens start..end."""
        found: dict[int, tuple[int, int]] = {}
        for k in range(start, end):
            folded = fold(view[k].text)
            keys = ("=" + folded, "~" + folded[:_STEM_KEY], *_WORD_CLASSES)
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
        if word == "<number>":
            digits = any(c.isdigit() for c in folded) and not _DATE.fullmatch(folded)
            return digits or folded in self._numbers
        if word == "<date>":
            return bool(_DATE.fullmatch(folded))
        if word == "<participle>":  # a stem before the ending: grumbull-uar, not në
            return any(folded.endswith(e) and len(folded) > len(e) + 2 for e in self._participles)
        if word == "<word>":
            return token.is_word
        if word.endswith("*"):
            return folded.startswith(word[:-1])
        return folded == word

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


def _long_enough(view: TokenView, unit: _Unit, frames: set[tuple[int, int]]) -> bool:
    if unit.claimant.kind == "speaker":
        return True
    words = [
        k
        for k in range(unit.start, unit.end)
        if view[k].is_word and not any(s <= view[k].start < e for s, e in frames)
    ]
    return len(words) >= MIN_NARRATION_WORDS


_STEM_KEY = 3  # stems are indexed by their first letters (ligj* under "lig")
_WORD_CLASSES = ("<number>", "<date>", "<participle>", "<word>")


def _start_key(word: str) -> str:
    if word in _WORD_CLASSES:
        return word
    if word.endswith("*"):
        return "~" + word[:_STEM_KEY]
    return "=" + word


def _inside(quote: Quote, other: Quote) -> bool:
    return other is not quote and other.start <= quote.start and quote.end <= other.end


def _quote_claimant(quote: Quote) -> Claimant:
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
