"""What a word can head: which token may open a phrase that names a speaker, and as what.

An office or body from the role lexicons (zëdhënësi, Ministria), a noun for people from the
generated lexicon (gruaja, banorët), a country, an acronym (KQZ-ja: a body), or a capitalised
word, unless it is an ordinary word capitalised only because it opens a sentence (Secili,
Ikja, Detaje). An ordinary noun whose name goes on capitalised heads a body (Qendra për
Kontrollin e Sëmundjeve, Universiteti Johns Hopkins); before another capitalised word it is a
first name (Arsim Berisha).
"""

from __future__ import annotations

from .gazetteer import Lookup
from .model import SpeakerKind
from .resources import Resources, RoleNoun
from .tokens import Tok, TokenView


class HeadReader:
    def __init__(self, resources: Resources, lookup: Lookup, cue_tokens: frozenset[int]):
        grammar = resources.grammar
        self.lookup = lookup
        self._articles = grammar.words("articles")
        self._prepositions = grammar.words("prepositions")
        self._discourse = grammar.words("discourse_words")
        self._complementizers = grammar.words("complementizers")
        self._clitics = grammar.words("clitics")
        self._openers = grammar.words("dashes") | {":"}
        self._definite_endings = tuple(grammar.words("definite_endings"))
        self._not_name_endings = tuple(e for e in grammar.words("adjective_endings") if len(e) >= 3)
        self._cue_tokens = cue_tokens
        self._never_heads = self._articles | self._prepositions | self._complementizers
        self._never_heads |= self._clitics
        # what joins the words of one name: i Sigurisë, e Turizmit dhe Mjedisit, Ministria për …
        self._name_connectors = (
            self._articles | grammar.words("name_prepositions") | grammar.words("coordinators")
        )

    def kind(self, view: TokenView, i: int) -> tuple[SpeakerKind | None, RoleNoun | None]:
        token = view[i]
        if not token.is_word or token.low in self._never_heads:
            return None, None
        role = self.lookup.role(token.text)
        if role is not None:
            return role.kind, role
        if not token.capitalised and self._before_full_name(view, i):
            return SpeakerKind.PERSON, None  # ekonomisti Genc Marku, aktori X Y
        if not token.capitalised or token.low in self._discourse:
            return None, None
        if token.upos is not None and token.upos not in ("PROPN", "NOUN", "X", "ADJ"):
            return None, None
        country = self.lookup.country(token.text)
        if country is not None and country.kind != "region":
            return SpeakerKind.COUNTRY, None
        if _acronym(token.text) and not self._named_person(token.text):
            return SpeakerKind.INSTITUTION, None  # KQZ-ja, OSBE, AAK-së: a body, not a person
        if self.lookup.is_common(token.text):
            if self._names_a_body(view, i):
                return SpeakerKind.INSTITUTION, None  # Qendra për Kontrollin e Sëmundjeve
            if self._opens(view, i) and not self._name_goes_on(view, i):
                return None, None  # Secili, Ikja, Detaje: capitalised, yet no name
        return SpeakerKind.UNKNOWN, None

    def _named_person(self, word: str) -> bool:
        entry = self.lookup.entry([word])
        return entry is not None and entry.kind == SpeakerKind.PERSON

    def _names_a_body(self, view: TokenView, i: int) -> bool:
        """A capitalised ordinary noun whose name goes on capitalised, after `për`, `dhe` or an
        article (Qendra për Kontrollin …), or straight away where the noun is definite, as a
        body's is (Universiteti Johns Hopkins; not Arsim Berisha, a first name)."""
        k = i + 1
        if k < len(view) and view[k].low in self._name_connectors:
            k += 1
        elif not view[i].low.endswith(self._definite_endings):
            return False
        return (
            k < len(view)
            and view[k].sent == view[i].sent
            and view[k].capitalised
            and view[k].is_word
            and k not in self._cue_tokens
        )

    @staticmethod
    def _name_goes_on(view: TokenView, i: int) -> bool:
        """`Arsim Berisha`: an ordinary word before another capitalised one is a first name."""
        k = i + 1
        return k < len(view) and view[k].sent == view[i].sent and view[k].capitalised

    def _opens(self, view: TokenView, i: int) -> bool:
        """Does the token open its sentence or a clause after a colon or dash, where an
        ordinary word is capitalised too? (In marks it may be a name: gazeta “Zëri”.)"""
        return i == view.sentence_range(i)[0] or view[i - 1].text in self._openers

    def _before_full_name(self, view: TokenView, i: int) -> bool:
        """An unlisted occupation noun right before a first and last name."""
        if (
            view[i].low in self._prepositions
            or view[i].low in self._discourse
            or i + 2 >= len(view)
        ):
            return False
        first, last = view[i + 1], view[i + 2]
        return (
            all(
                self._name_word(t)
                and self.lookup.role(t.text) is None
                and self.lookup.country(t.text) is None
                for t in (first, last)
            )
            and first.sent == view[i].sent == last.sent
        )

    def _name_word(self, token: Tok) -> bool:
        """A word that can be part of a person's name (not Kombëtare, not Hollandez)."""
        return (
            token.capitalised
            and token.is_word
            and self.lookup.demonym(token.text) is None
            and not token.low.endswith(self._not_name_endings)
        )


def _acronym(word: str) -> bool:
    """KQZ, OSBE-ja, BE-së: capitals only, with or without a case ending after a hyphen."""
    base = word.split("-", 1)[0]
    return len(base) >= 2 and base.isalpha() and base.isupper()
