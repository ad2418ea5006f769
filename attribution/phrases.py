"""Noun phrases that can name a speaker, read off the tokens without a parser.

A speaker is named by a pronoun (ai, ajo), a name (Recep Tayyip Erdogan), an office or a
body with its complements (zëdhënësi i Ministrisë së Jashtme turke, Drejtoria e Komunikimeve
e Turqisë), or both in apposition (Hami Aksoy, zëdhënësi i …), or as a part of a group
(Shumë prej të intervistuarve). The grammar here is that of Albanian noun phrases as news
writes them: a head (`heads.py` says which words can be one), then genitive/attributive
complements each introduced by an article (i, e, të, së), demonyms, and a name in apposition.
Without a dependency parse (the treebank parser is too weak to ship), this is what finds
subjects. Which words inside a phrase name a person is `person_names.py`'s to say.
"""

from __future__ import annotations

from dataclasses import dataclass

from .gazetteer import Lookup
from .heads import HeadReader
from .model import SpeakerKind
from .person_names import PersonNames
from .resources import Grammar, Resources, RoleNoun
from .tokens import Tok, TokenView

_OPEN_PAREN, _CLOSE_PAREN = "(", ")"
MAX_APPOSITION = 14  # tokens an apposition may run before its closing comma
MAX_OFFICES_BEFORE_NAME = 3  # `Ish-kryeministri i Kosovës, lideri i AAK-së, Ramush Haradinaj`


@dataclass(frozen=True, slots=True)
class Phrase:
    first: int
    last: int  # one past the last token
    kind: SpeakerKind | None  # None for a pronoun
    pronoun: str | None = None
    role: RoleNoun | None = None
    name: tuple[int, int] | None = None  # a person's name inside the phrase (token range)
    complement: tuple[int, int] | None = None  # the body after a voice role: i Departamentit …
    strong: bool = True  # a weak phrase may be a common noun that opens the sentence

    def text(self, view: TokenView) -> str:
        return view.text[view[self.first].start : view[self.last - 1].end]


class PhraseReader:
    def __init__(self, resources: Resources, lookup: Lookup, cue_tokens: frozenset[int]):
        grammar = resources.grammar
        self.lookup = lookup
        self._articles = grammar.words("articles")
        self._prepositions = grammar.words("prepositions")
        self._coordinators = grammar.words("coordinators")
        self._name_prepositions = grammar.words("name_prepositions")
        # what may open a phrase before its head: Një zëdhënës i …, Dy zyrtarë …
        self._determiners = grammar.words("indefinite_articles") | grammar.words(
            "numeral_determiners"
        )
        # what may stand between a preposition and its noun: në këtë deklaratë, për atë çështje
        self._object_determiners = (
            self._determiners
            | grammar.words("accusative_demonstratives")
            | grammar.words("possessives")
        )
        self._discourse = grammar.words("discourse_words")
        self._dashes = grammar.words("dashes")
        self._pronouns = pronoun_genders(grammar)
        self._quantifiers = grammar.words("quantifiers")
        self._numerals = grammar.words("partitive_numerals")
        self._partitive_prepositions = grammar.words("partitive_prepositions")
        self._demonstratives = grammar.words("demonstratives")
        self._adverbials = [tuple(a.split()) for a in grammar.words("adverbial_phrases")]
        self._oblique_endings = tuple(oblique for oblique, _ in grammar.pairs("nominative_endings"))
        self._complement_endings = self._oblique_endings + tuple(grammar.words("adjective_endings"))
        self._attributive_endings = tuple(grammar.words("attributive_endings"))
        self._marks = resources.quote_marks.all_marks
        self._cue_tokens = cue_tokens
        self._heads = HeadReader(resources, lookup, cue_tokens)
        self._names = PersonNames(resources, lookup)

    # ------------------------------------------------------------------ reading

    def at(self, view: TokenView, i: int, *, end: int | None = None) -> Phrase | None:
        """The speaker phrase starting at token i, if one does (end bounds the search)."""
        end = len(view) if end is None else end
        if i >= end or i in self._cue_tokens:
            return None
        if view[i].low in self._pronouns and not self._determiner(view, i, end):
            return Phrase(i, i + 1, kind=None, pronoun=view[i].low)
        group = self._partitive(view, i, end)
        if group is not None:
            return group
        phrase = self._noun_phrase(view, i, end)
        return None if phrase is None else self._with_apposition(view, phrase, end)

    def ending_at(self, view: TokenView, end: int, *, window: int) -> Phrase | None:
        """The longest phrase (no pronoun) that ends right before token `end` (a cue, a
        conjunction), starting at most `window` tokens before it in the same sentence:
        deklarata e Hotit, not Hotit."""
        first = max(view.sentence_range(end)[0], end - window)
        for k in range(first, end):
            phrase = self.at(view, k, end=end)
            if phrase is not None and phrase.last == end and phrase.pronoun is None:
                return phrase
        return None

    def _determiner(self, view: TokenView, i: int, end: int) -> bool:
        """`këtij projektligji`: a demonstrative before its noun is not a pronoun."""
        return (
            view[i].low in self._demonstratives
            and i + 1 < end
            and self.lookup.role(view[i + 1].text) is not None
        )

    def _noun_phrase(self, view: TokenView, i: int, end: int) -> Phrase | None:
        """A determiner, a head and its complements; an apposition is merged over these."""
        if i >= end or i in self._cue_tokens:
            return None
        first = i
        if (view[i].low in self._determiners or self._determiner(view, i, end)) and i + 1 < end:
            i += 1
        elif view[i].low in self._articles and i + 1 < end and self.lookup.role(view[i + 1].text):
            i += 1  # I dërguari i BE-së: a participle made a noun keeps its article
        head_kind, role = self._heads.kind(view, i)
        if head_kind is None:
            return None
        body = role is None and head_kind == SpeakerKind.INSTITUTION  # Qendra për …, KQZ-ja
        last = self._extend(view, i + 1, end, role, body=body)
        return self._build(view, first, i, last, head_kind, role, body=body)

    def _extend(
        self, view: TokenView, i: int, end: int, role: RoleNoun | None, *, body: bool = False
    ) -> int:
        """One past the last token of the phrase whose head is just before i.

        Taken in: article-led complements (i Departamentit të Shtetit), capitalised words
        (Recep Tayyip Erdogan), demonyms and attributive adjectives after an office
        (presidenti turk, partisë opozitare), a name in brackets or marks after a body
        (Anadolu Agency (AA), gazeta “Koha Ditore”), `dhe` inside a name (Ministria e
        Turizmit dhe Mjedisit) or between offices (gazetarë dhe përfaqësues), and `për` inside
        a body's name (Ministria për Evropën).
        """
        while i < end:
            token = view[i]
            if i in self._cue_tokens or token.sent != view[i - 1].sent:
                break
            nxt = view[i + 1] if i + 1 < end else None
            if token.low in self._articles and nxt is not None:
                if i + 1 in self._cue_tokens or not nxt.is_word:
                    break
                if nxt.capitalised or (role is not None and self._complement_word(nxt)):
                    role = self.lookup.role(nxt.text) or role  # raportit të Institutit për …
                    i += 2
                    continue
                break
            if token.capitalised and token.is_word and token.low not in self._discourse:
                i += 1
                continue
            if not token.capitalised and self.lookup.demonym(token.text) is not None:
                i += 1
                continue
            if role is not None and self._attributive(token):
                i += 1
                continue
            if token.text == _OPEN_PAREN and i + 2 < end and view[i + 2].text == _CLOSE_PAREN:
                i += 3  # Anadolu Agency (AA)
                continue
            if (
                nxt is not None
                and token.low in self._coordinators | self._name_prepositions
                and self._joins(view, i, role, body=body)
            ):
                role = self.lookup.role(nxt.text) or role
                i += 2
                continue
            named = self._name_in_marks(view, i, end) if role is not None else None
            if named is not None:
                i = named
                continue
            break
        return i

    def _attributive(self, token: Tok) -> bool:
        """A lowercase adjective after an office or body: opozitare, hetimor, përfundimtar."""
        if token.capitalised or not token.is_word or token.low in self._discourse:
            return False
        if token.upos is not None:
            return token.upos == "ADJ"
        return len(token.low) >= 5 and token.low.endswith(self._attributive_endings)

    def _joins(self, view: TokenView, i: int, role: RoleNoun | None, *, body: bool) -> bool:
        """`dhe`/`për` that continue a phrase rather than start a new one."""
        before, after = view[i - 1], view[i + 1]
        if view[i].low in self._coordinators:
            if role is not None and self.lookup.role(after.text) is not None:
                return True  # gazetarë dhe përfaqësues
            return (
                before.capitalised
                and after.capitalised
                and before.i > 0
                and view[before.i - 1].low in self._articles | self._name_prepositions
            )  # e Turizmit dhe Mjedisit
        institution = body or (role is not None and role.kind == SpeakerKind.INSTITUTION)
        return institution and after.capitalised

    def _name_in_marks(self, view: TokenView, i: int, end: int) -> int | None:
        """`gazeta “Koha Ditore”`: one past the closing mark of a capitalised name in marks."""
        if view[i].text not in self._marks or i + 1 >= end or not view[i + 1].capitalised:
            return None
        for k in range(i + 1, min(end, i + 6)):
            if view[k].text in self._marks:
                return k + 1 if k > i + 1 else None
            if not view[k].capitalised:
                return None
        return None

    def _complement_word(self, token: Tok) -> bool:
        """A lowercase word that can follow an article inside a role phrase (e opozitës)."""
        if token.low in self._prepositions or token.low in self._discourse:
            return False
        if token.upos is not None:
            return token.upos in ("NOUN", "ADJ", "PROPN", "NUM")
        if self.lookup.role(token.text) or self.lookup.demonym(token.text):
            return True
        return token.low.endswith(self._complement_endings)

    def _build(
        self,
        view: TokenView,
        first: int,
        head: int,
        last: int,
        kind: SpeakerKind,
        role: RoleNoun | None,
        *,
        body: bool,
    ) -> Phrase:
        # a body names no one
        name = None if body else self._names.in_phrase(view, head, last, role)
        complement = self._complement(view, head, last, role) if name is None else None
        if name is not None and kind in (SpeakerKind.UNKNOWN, SpeakerKind.PERSON):
            kind = SpeakerKind.PERSON
        strong = (
            role is not None
            or kind == SpeakerKind.COUNTRY
            or last - head > 1
            or view[first].i != view.sentence_range(first)[0]
            or view[first].upos == "PROPN"
            or self.lookup.entry([view[first].text]) is not None
        )
        return Phrase(
            first, last, kind=kind, role=role, name=name, complement=complement, strong=strong
        )

    def _complement(
        self, view: TokenView, head: int, last: int, role: RoleNoun | None
    ) -> tuple[int, int] | None:
        """The body an unnamed office speaks for (zëdhënësi i Departamentit të Shtetit) or a
        document comes from (raportit përfundimtar të KQZ-së)."""
        if role is None or not (role.voice or role.kind == SpeakerKind.DOCUMENT):
            return None
        for k in range(head + 2, last):
            if view[k - 1].low in self._articles and (view[k].capitalised or role.voice):
                return k, last
        return None

    def _with_apposition(self, view: TokenView, phrase: Phrase, end: int) -> Phrase:
        """Merge `X, zëdhënësi i Y,`, `zëdhënësi i Y, X,` and a chain of offices before a
        name (`Ish-kryeministri i Kosovës, lideri i AAK-së, Ramush Haradinaj,`) into one."""
        chain = [phrase]
        while len(chain) == 1 or (len(chain) <= MAX_OFFICES_BEFORE_NAME and chain[-1].name is None):
            comma = self._past_prepositional(view, chain[-1].last, end)
            if comma + 1 >= end or view[comma].text != ",":
                break
            following = self._noun_phrase(view, comma + 1, end)
            if following is None or not self._closed(view, following.last, end):
                break
            chain.append(following)
        named = next((k for k, p in enumerate(chain) if p.name is not None), None)
        if named is not None and named >= 2 and all(p.role for p in chain[:named]):
            return _merged(chain[: named + 1])  # offices, then the name they belong to
        if len(chain) == 1:
            return phrase
        second = chain[1]
        if not (phrase.role or second.role):
            return phrase  # two names side by side are a list, not an apposition
        if (phrase.name is None) == (second.name is None) and phrase.role and second.role:
            return phrase
        return _merged([phrase, second])

    def _past_prepositional(self, view: TokenView, i: int, end: int) -> int:
        """Past a prepositional complement of an office: Drejtori i Policisë për rajonin …,"""
        if i < end and view[i].low in self._prepositions:
            return self.skip_prepositional(view, i, end)
        return i

    def _partitive(self, view: TokenView, i: int, end: int) -> Phrase | None:
        """`Shumë prej të intervistuarve`, `Secili nga deputetët`: a part of a group speaks."""
        counted = view[i].low in self._numerals
        if not (
            (counted or view[i].low in self._quantifiers)
            and i + 2 < end
            and view[i + 1].low in self._partitive_prepositions
        ):
            return None
        k = i + 2
        if view[k].low in self._pronouns:  # Shumë prej tyre: the group named before
            return Phrase(i, k + 1, kind=None, pronoun=view[k].low)
        if view[k].low in self._articles and k + 1 < end:
            k += 1  # të intervistuarve: a participle made a noun keeps its article
        if not view[k].is_word or k in self._cue_tokens:
            return None
        if counted and self.lookup.role(view[k].text) is None:
            return None  # kujton një nga netët: one of some things, no speaker
        last = self._extend(view, k + 1, end, _GROUP_NOUN)
        return Phrase(i, last, kind=SpeakerKind.GROUP)

    def _closed(self, view: TokenView, i: int, end: int) -> bool:
        """An apposition ends at a comma, a full stop, a cue or the sentence's end."""
        sentence = view[i - 1].sent
        for k in range(i, min(end, i + MAX_APPOSITION)):
            if view[k].text in ",." or k in self._cue_tokens or view[k].sent != sentence:
                return True
        return i >= end or i + MAX_APPOSITION >= end

    # ------------------------------------------------------------------ scanning

    def skip_prepositional(self, view: TokenView, i: int, end: int) -> int:
        """Past a prepositional phrase starting at i (në një deklaratë me shkrim).

        The object takes its article-led complements (për Zërin e Amerikës) and the name a
        naming word calls for (në televizionin FOX), but no other capitalised word after a
        lowercase noun: in `tha në deklaratë Hami Aksoy` the name is the subject.
        """
        while i < end and view[i].low in self._prepositions:
            i += 1
            while i < end and view[i].low in self._object_determiners:
                i += 1
            if i >= end or not view[i].is_word or i in self._cue_tokens:
                break
            capitalised = view[i].capitalised
            i += 1
            if i < end and view[i].capitalised and self._names.introduces_name(view[i - 1]):
                capitalised = True  # televizionin FOX, gazetës Koha Ditore, presidentin X Y
            while i < end:
                if (
                    view[i].low in self._articles
                    and i + 1 < end
                    and view[i + 1].is_word
                    and i + 1 not in self._cue_tokens
                ):
                    capitalised = view[i + 1].capitalised
                    i += 2
                elif capitalised and view[i].capitalised and view[i].is_word:
                    i += 1  # Këshillit Politik, Departamentin Amerikan
                elif not capitalised and self._attributive(view[i]):
                    i += 1  # për çështje ekonomike i qeverisë
                else:
                    break
        return i

    def subject_after(
        self, view: TokenView, i: int, end: int, *, dative: bool = False
    ) -> Phrase | None:
        """The subject right after a cue (tha zëdhënësi Kalin, thotë ajo), past prepositional
        phrases and adverbs only (tha në një deklaratë Hami Aksoy). After a dative clitic an
        oblique phrase is the addressee and is passed over (u tha gazetarëve …)."""
        while i < end:
            token = view[i]
            adverbial = self._adverbial_at(view, i, end)
            if adverbial:
                i += adverbial
                continue
            if token.low in self._prepositions:
                i = self.skip_prepositional(view, i, end)
                continue
            phrase = self.at(view, i, end=end)
            if (
                phrase is not None
                and dative
                and phrase.name is None
                and phrase.pronoun is None
                and view[phrase.first].low.endswith(self._oblique_endings)
            ):
                i = phrase.last
                continue
            if phrase is not None:
                return phrase
            if token.low in self._discourse or token.text in self._dashes:
                i += 1
                continue
            return None
        return None

    def _adverbial_at(self, view: TokenView, i: int, end: int) -> int:
        """Length of a two-word adverb at i (më pas, më herët), or 0."""
        for words in self._adverbials:
            n = len(words)
            if i + n <= end and tuple(view[k].low for k in range(i, i + n)) == words:
                return n
        return 0

    def is_pronoun(self, token: Tok) -> bool:
        return token.low in self._pronouns

    def is_preposition(self, token: Tok) -> bool:
        return token.low in self._prepositions


def pronoun_genders(grammar: Grammar) -> dict[str, str]:
    """Each pronoun that can stand for a speaker with its gender or number (m, f, pl): a
    pronoun takes up only a referent it agrees with."""
    return {
        **{w: "m" for w in grammar.words("pronouns_masc")},
        **{w: "f" for w in grammar.words("pronouns_fem")},
        **{w: "pl" for w in grammar.words("pronouns_plural")},
    }


# The noun of a part's group (Shumë prej të intervistuarve, Secili nga deputetët) read as an
# office, so that it takes lowercase complements as an office does (të burgjeve të Koresë).
_GROUP_NOUN = RoleNoun(stem="", kind=SpeakerKind.GROUP)


def _merged(chain: list[Phrase]) -> Phrase:
    """One phrase of an apposition: the name of its (first) named part, the first office."""
    named = next((p for p in chain if p.name is not None), None)
    first = chain[0]
    return Phrase(
        first.first,
        chain[-1].last,
        kind=named.kind if named is not None else first.kind,
        role=next(p.role for p in chain if p.role is not None),
        name=named.name if named is not None else None,
        complement=None
        if named is not None
        else next((p.complement for p in chain if p.complement is not None), None),
        strong=True,
    )
