"""Look words and names up in the speaker data: role nouns, countries, demonyms, the gazetteer.

Compiled once per `Resources`. Every lookup goes through Albanian case endings
(`morph`), so a lexicon lists stems and names as written in the nominative and still
finds Departamentit, Turqisë or Erdoganit.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Sequence

from .model import SpeakerKind
from .morph import fold, same_name, split_suffix, stem_candidates
from .resources import Country, GazetteerEntry, Resources, RoleNoun


class Lookup:
    def __init__(self, resources: Resources):
        grammar = resources.grammar
        self.endings = grammar.words("case_endings")
        self._articles = frozenset(map(fold, grammar.words("articles")))
        self._prefixes = sorted(grammar.words("role_prefixes"), key=len, reverse=True)
        self._roles: dict[str, list[RoleNoun]] = defaultdict(list)
        for role in resources.roles.entries:
            self._roles[fold(role.stem)].append(role)
            for form in role.forms:
                self._roles[fold(form)].append(role)
        self._countries: dict[str, Country] = {}
        self._capitals: dict[str, Country] = {}
        self._demonyms: dict[str, Country] = {}
        self._albanian_names = {c.name: c.name_sq for c in resources.demonyms.entries}
        for country in resources.demonyms.entries:
            for stem in country.stems:
                self._countries[fold(stem)] = country
            for stem in country.capital_stems:
                self._capitals[fold(stem)] = country
            for demonym in country.demonyms:
                self._demonyms[fold(demonym)] = country
        self._gazetteer = resources.gazetteer.entries
        self._aliases: dict[str, list[tuple[tuple[str, ...], GazetteerEntry]]] = defaultdict(list)
        for entry in self._gazetteer:
            for alias in (entry.name, entry.name_en or "", *entry.aliases):
                words = tuple(alias.split())
                if words:
                    self._aliases[_key(words[-1])].append((words, entry))
        self._nominative = grammar.pairs("nominative_endings")
        self._territories = _territories(resources)
        self._common = resources.common_words.words
        self._offices = resources.offices
        self._first_name_genders = {
            form: person.gender
            for person in resources.names.first_names
            if person.gender is not None
            for form in (person.name.lower(), *person.forms)
        }

    # ------------------------------------------------------------------ single words

    @functools.lru_cache(maxsize=32768)  # noqa: B019 — one Lookup per Resources, kept for the process
    def role(self, word: str) -> RoleNoun | None:
        """The role noun a word inflects, preferring a person reading (ministri: the minister);
        past the curated roles, any noun the lexicon has for people (gruaja, banorët)."""
        low = word.casefold()
        candidates = (low, *(low[len(p) :] for p in self._prefixes if low.startswith(p)))
        for candidate in candidates:
            found = [
                r
                for stem in stem_candidates(candidate, self.endings)
                for r in self._roles.get(stem, ())
            ]
            if found:
                return min(found, key=lambda r: r.kind != SpeakerKind.PERSON)
        lemma = next(filter(None, map(self._offices.lemma_of, candidates)), None)
        return _office(lemma) if lemma is not None else None

    @functools.lru_cache(maxsize=32768)  # noqa: B019 — one Lookup per Resources, kept for the process
    def is_common(self, word: str) -> bool:
        """Is the word an ordinary one (Shumë, Ikja, Qendrës), whatever its capital letter?"""
        low = word.casefold()
        return low in self._common or self.nominative(word).casefold() in self._common

    def country(self, word: str, *, capitals: bool = True) -> Country | None:
        """The country a name (Turqisë, SHBA-së) or, optionally, its capital (Moska) means."""
        for stem in stem_candidates(word, self.endings):
            if stem in self._countries:
                return self._countries[stem]
            if capitals and stem in self._capitals:
                return self._capitals[stem]
        return None

    def country_named(self, name: str) -> Country | None:
        """The country a person names, in one word or several, in any case form (Rusisë,
        Mbretëria e Bashkuar); a capital is no country here."""
        return self.country(name.strip(), capitals=False) or self.territory(name.split())

    def albanian_name(self, english: str) -> str | None:
        """A country's Albanian name (Rusia for Russia), for showing a side to a desk."""
        return self._albanian_names.get(english)

    def territory(self, words: Sequence[str]) -> Country | None:
        """The country or union a name of several words means, in any case form CLDR and the
        lexicon give (Mbretërisë së Bashkuar, Maqedoninë e Veriut, Bashkimit Evropian)."""
        return self._territories.get(fold(" ".join(words))) if len(words) > 1 else None

    def demonym(self, word: str) -> Country | None:
        """The country of a demonym or derived adjective: turk, ruse, libiane, francez."""
        for stem in stem_candidates(word, self.endings):
            if stem in self._demonyms:
                return self._demonyms[stem]
        return None

    # ------------------------------------------------------------------ names

    def entry(self, words: Sequence[str]) -> GazetteerEntry | None:
        """The gazetteer entry whose name or alias the words are (in any case form)."""
        if not words:
            return None
        for alias, entry in self._aliases.get(_key(words[-1]), ()):
            if len(alias) == len(words) and all(
                self.same_name(a, w) for a, w in zip(alias, words, strict=True)
            ):
                return entry
        return None

    def entry_by_role(self, role_words: Sequence[str], year: int | None) -> GazetteerEntry | None:
        """Who held the office the words name (presidenti turk) in the article's year."""
        if not role_words:
            return None
        holders = []
        for entry in self._gazetteer:
            for term in entry.roles:
                term_words = term.role.split()
                if len(term_words) != len(role_words) or not all(
                    self.same_name(a, w) for a, w in zip(term_words, role_words, strict=True)
                ):
                    continue
                if year is None or ((term.start_year or 0) <= year <= (term.end_year or 9999)):
                    holders.append(entry)
        unique = {e.id: e for e in holders}
        return next(iter(unique.values())) if len(unique) == 1 else None

    def first_name_gender(self, word: str) -> str | None:
        """The gender the name lexicon gives a first name (Drita f, Arben m), if it knows it."""
        return self._first_name_genders.get(word.lower())

    def same_name(self, a: str, b: str) -> bool:
        """Two written forms of one name (`morph.same_name`): Erdogan / Erdoganit."""
        return same_name(a, b, self.endings, self._articles)

    def nominative(self, word: str) -> str:
        """The nominative definite of an oblique form: Departamentit → Departamenti."""
        base, tail = split_suffix(word)
        if tail:
            return base
        for oblique, nominative in self._nominative:
            if word.endswith(oblique) and len(word) - len(oblique) >= 3:
                return word[: -len(oblique)] + nominative
        return word


@functools.lru_cache(maxsize=8192)
def _office(lemma: str) -> RoleNoun:
    """A noun for people the lexicon gives, as an office a person holds."""
    return RoleNoun(stem=lemma, kind=SpeakerKind.PERSON)


def _territories(resources: Resources) -> dict[str, Country]:
    """Every written form of a country's or union's name, to the country: the curated ones
    (with their demonyms) first, then CLDR's (sides named as CLDR names them in English)."""
    found = {fold(c.name_sq): c for c in resources.demonyms.entries}
    curated = {c.name: c for c in resources.demonyms.entries}
    lexicon = resources.territories
    for kind, territories in (("country", lexicon.countries), ("union", lexicon.unions)):
        for territory in territories:
            name = territory.en or territory.code
            country = curated.get(name) or Country(
                kind=kind, name=name, name_sq=territory.name, stems=()
            )
            for form in (territory.name, *territory.forms.values()):
                found.setdefault(fold(form), country)
    return found


def _key(word: str) -> str:
    """Index key: the first four folded letters of the word's base, ending-insensitive."""
    return fold(split_suffix(word)[0])[:4]
