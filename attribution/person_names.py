"""Which words of a speaker phrase name a person, and which belong to its complement.

`Presidenti i Kosovës Hashim Thaçi` holds a person's name after the complement; `Këshilli i
Sigurisë Kombëtare` holds none (the complement and its adjectives are capitalised as a body's
name is), nor do `Gjykata Kushtetuese` (a body's own name) and `i kryeministrit Gashi` (the
name is the complement's). Capital letters cannot tell them apart in Albanian news; the
articles, the case endings and the role lexicon can.
"""

from __future__ import annotations

from .gazetteer import Lookup
from .model import SpeakerKind
from .resources import Resources, RoleNoun
from .tokens import Tok, TokenView


class PersonNames:
    def __init__(self, resources: Resources, lookup: Lookup):
        grammar = resources.grammar
        self.lookup = lookup
        self._articles = grammar.words("articles")
        self._naming = grammar.words("naming_heads")
        # what joins the words of one name: i Sigurisë, e Turizmit dhe Mjedisit, Ministria për …
        self._name_connectors = (
            self._articles | grammar.words("name_prepositions") | grammar.words("coordinators")
        )
        self._oblique_endings = tuple(oblique for oblique, _ in grammar.pairs("nominative_endings"))
        self._not_name_endings = tuple(e for e in grammar.words("adjective_endings") if len(e) >= 3)

    def in_phrase(
        self, view: TokenView, head: int, last: int, role: RoleNoun | None
    ) -> tuple[int, int] | None:
        """The run of capitalised words that names a person, if the phrase holds one.

        After an article (or `dhe`, `për` inside a name) the first capitalised word and the
        adjectives after it are a complement (i Sigurisë Kombëtare, të Qendrës Spitalore
        Universitare); a first and last name may follow it (të Kosovës Hashim Thaçi).
        Demonyms are never part of a name.
        """
        runs, i = [], head
        while i < last:
            if not (view[i].capitalised and view[i].is_word) or self.lookup.demonym(view[i].text):
                i += 1
                continue
            j = i
            while (
                j < last
                and view[j].capitalised
                and view[j].is_word
                and self.lookup.demonym(view[j].text) is None
            ):
                j += 1
            start = i
            if i > head and view[i - 1].low in self._name_connectors:
                start += 1
                while start < j and view[start].low.endswith(self._not_name_endings):
                    start += 1  # Kombëtare, Spitalore: adjectives of the complement
                if j - start < 2:
                    start = j  # a name after a complement has a first and a last name
            elif self._after_genitive(view, head, i):
                start = j  # i kryeministrit Gashi, të fshatit Zallq: the complement's name
            if start < j:
                runs.append((start, j))
            i = j
        if not runs:
            return None
        start, stop = runs[-1]
        if role is None and start == head:
            is_body = self.lookup.role(view[head].text) or self.lookup.country(view[head].text)
            return None if is_body else (start, stop)
        office = self.lookup.role(view[start].text)
        if office is not None and office.kind != SpeakerKind.PERSON and start == head:
            return None  # Gjykata Kushtetuese, Komisioni Qendror: a body's name, not a person's
        if office is not None:
            start += 1
        return (start, stop) if start < stop else None

    def introduces_name(self, token: Tok) -> bool:
        """A naming word or a person's office, which a name may follow (presidentin X Y)."""
        if token.low in self._naming:
            return True
        office = self.lookup.role(token.text)
        return office is not None and office.kind == SpeakerKind.PERSON

    def _after_genitive(self, view: TokenView, head: int, i: int) -> bool:
        """Is the word before i a lowercase noun in an article-led complement (i kryeministrit,
        të fshatit), not an adjective (i jashtëm Hakan Fidan)?"""
        before = view[i - 1]
        return (
            i >= head + 2
            and not before.capitalised
            and view[i - 2].low in self._articles
            and before.low.endswith(self._oblique_endings)
        )
