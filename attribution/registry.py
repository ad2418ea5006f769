"""The article's entities: every speaker it names, once, across inflections, offices,
spellings and the documents they issue.

`Registry.resolve` maps a speaker phrase to one entity, creating it if new: a named person
(within the article a surname alone is the person last named with it; Drita Berisha is not
Sali Berisha; B. Rama is not Edi Rama), a country, an office (the holder named with it in this
article, the gazetteer's holder in the article's year, or the body an unnamed spokesperson
speaks for), a body or outlet by its name. It also remembers who was named where (`note`,
`hold`) and who issued which document (`issued`), for pronouns, offices and impersonal
reports to take up later.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .gazetteer import Lookup
from .model import Speaker, SpeakerKind
from .morph import fold
from .phrases import Phrase
from .resources import Country, GazetteerEntry, Grammar
from .tokens import TokenView

SPELLING_SIMILARITY = 85  # rapidfuzz ratio at which two surnames are one (Kosnett / Kossnet)


@dataclass
class Entity:
    id: str
    kind: SpeakerKind
    name: str
    side: str | None = None
    gazetteer: GazetteerEntry | None = None
    gender: str | None = None
    names: list[str] = field(default_factory=list)  # person names seen (Hami Aksoy, Aksoy)
    roles: set[str] = field(default_factory=set)  # role stems it was named by (zëdhënës)
    aliases: list[str] = field(default_factory=list)
    seen_at: dict[str, int] = field(default_factory=dict)  # alias → where it first stands


class Registry:
    """The document's entities; `resolve` maps a phrase to one, creating it if new."""

    def __init__(self, lookup: Lookup, grammar: Grammar, year: int | None):
        self.lookup = lookup
        self.year = year
        self._indefinite_articles = grammar.words("indefinite_articles")
        self._oblique_articles = grammar.words("oblique_articles")
        self._articles = grammar.words("articles")
        self._nominative_articles = grammar.pairs("nominative_articles")
        self.entities: list[Entity] = []
        self.history: list[tuple[int, Entity]] = []  # (char position, entity), sorted
        self.offices: list[tuple[int, Entity]] = []  # office holders named anywhere, sorted
        # by role stem: (position, issuer), sorted by position, the first issued first
        self.documents: dict[str, list[tuple[int, Entity]]] = defaultdict(list)

    def issued(self, position: int, stem: str, entity: Entity) -> None:
        bisect.insort(self.documents[stem], (position, entity), key=lambda pair: pair[0])

    def issuer(self, stem: str, position: int) -> Entity | None:
        """Who issued the document of this kind mentioned last before `position` (the first
        recorded at that place)."""
        issued = self.documents.get(stem, [])
        before = bisect.bisect_left(issued, position, key=lambda pair: pair[0])
        if not before:
            return None
        last = bisect.bisect_left(issued, issued[before - 1][0], key=lambda pair: pair[0])
        return issued[last][1]

    def note(self, position: int, entity: Entity) -> None:
        bisect.insort(self.history, (position, entity), key=lambda pair: pair[0])

    def hold(self, position: int, entity: Entity) -> None:
        """An office named with its holder outside any subject (`me guvernatorin …, X`): a
        referent for the office alone, never for a pronoun."""
        bisect.insort(self.offices, (position, entity), key=lambda pair: pair[0])

    def recent(
        self, position: int, *, horizon: int = 0, accept=lambda e: True, offices: bool = False
    ) -> Entity | None:
        """The latest entity noted before `position` (and not before `horizon`) that fits;
        with `offices`, office holders named anywhere count too."""
        found = [_latest(self.history, position, horizon, accept)]
        if offices:
            found.append(_latest(self.offices, position, horizon, accept))
        latest = max((f for f in found if f is not None), key=lambda pair: pair[0], default=None)
        return latest[1] if latest is not None else None

    # ------------------------------------------------------------------ resolving phrases

    def resolve(self, view: TokenView, phrase: Phrase, position: int) -> Entity:
        text = phrase.text(view)
        words = [view[k].text for k in range(phrase.first, phrase.last)]
        territory = self.lookup.territory(words)
        if territory is not None:  # Mbretëria e Bashkuar, Bashkimi Evropian
            entity = self._of_country(territory)
        elif phrase.name is not None:
            entity = self._person(view, phrase, position)
        elif phrase.kind == SpeakerKind.COUNTRY:
            entity = self._country(view, phrase)
        elif phrase.role is not None:
            entity = self._by_role(view, phrase, position)
        else:
            entity = self._by_name(view, phrase)
        if text not in entity.aliases:  # once each: every later lookup reads them all
            entity.aliases.append(text)
        entity.seen_at[text] = min(position, entity.seen_at.get(text, position))
        if phrase.role is not None:
            entity.roles.add(phrase.role.stem)
        if entity.side is None:
            entity.side = self._side(view, phrase)
        return entity

    def _person(self, view: TokenView, phrase: Phrase, position: int) -> Entity:
        """A named person (or an outlet or body named inside the phrase: gazeta “Koha Ditore”).

        Within the article a surname alone is the person last named with it; two full names
        are one person only when the first names agree. The gazetteer is asked after that,
        and only for the whole name as written (Drita Berisha is not Sali Berisha).
        """
        start, stop = phrase.name
        words = [view[k].text for k in range(start, stop)]
        name = view.text[view[start].start : view[stop - 1].end]
        kind = phrase.kind if phrase.kind not in (None, SpeakerKind.UNKNOWN) else SpeakerKind.PERSON
        matches = [
            e
            for e in self.entities
            if e.kind == kind
            and any(
                self._same_person(words, known.split())
                for known in e.names
                if len(words) == 1 or len(known.split()) > 1
            )
        ]
        if matches:
            latest = self.recent(position, accept=lambda e: e in matches)
            entity = latest or matches[0]
            if len(words) > 1 and name not in entity.names:
                entity.names.append(name)
            if len(name.split()) > len(entity.name.split()) and entity.gazetteer is None:
                entity.name = name
            return entity
        entry = self.lookup.entry(words)
        if entry is not None:
            return self._from_gazetteer(entry)
        entity = self._new(kind, name)
        entity.names.append(name)
        if kind == SpeakerKind.PERSON and len(words) > 1:  # `Drita Krasniqi … Ai` is no fit
            entity.gender = self.lookup.first_name_gender(words[0])
        return entity

    def _same_person(self, a: list[str], b: list[str]) -> bool:
        if not _same_surname(a[-1], b[-1], self.lookup):
            return False
        if len(a) == 1 or len(b) == 1:
            return True
        return self.lookup.same_name(a[0], b[0])

    def _country(self, view: TokenView, phrase: Phrase) -> Entity:
        return self._of_country(self.lookup.country(view[phrase.first].text))

    def _of_country(self, country: Country) -> Entity:
        for entity in self.entities:
            if entity.kind == SpeakerKind.COUNTRY and entity.side == country.name:
                return entity
        entity = self._new(SpeakerKind.COUNTRY, country.name_sq, key=f"country-{country.name}")
        entity.side = country.name
        return entity

    def _by_role(self, view: TokenView, phrase: Phrase, position: int) -> Entity:
        words = [view[k].text for k in range(phrase.first, phrase.last)]
        entry = self.lookup.entry(words) or self.lookup.entry_by_role(words, self.year)
        if entry is not None:
            return self._from_gazetteer(entry)
        if phrase.role.kind == SpeakerKind.PERSON:  # a body's name is no office a person holds
            holder = self._holder(phrase.text(view), phrase.role.stem, position)
            if holder is not None:  # Përfaqësuesi i UNICEF-it, after `Përfaqësuesi …, X,`
                return holder
        if phrase.complement is not None:  # zëdhënësi i Departamentit të Shtetit → the Department
            body = self._body(view, *phrase.complement)
            if body is not None:
                return body
        known = self._same_body(view, phrase)
        if known is not None:
            return known
        if self._bare_office(view, phrase):  # zëdhënësi, kancelarja, I dërguari i posaçëm
            stem = phrase.role.stem
            earlier = self.recent(position, accept=lambda e: stem in e.roles, offices=True)
            if earlier is not None:
                return earlier
        return self._new(phrase.role.kind, self._nominative(words))

    def _holder(self, office: str, stem: str, position: int) -> Entity | None:
        """The person last named with this very office (`Përfaqësuesi i UNICEF-it në Kosovë,
        Daniel Berger`), which the office alone then means."""
        office = fold(office)
        return self.recent(
            position,
            accept=lambda e: (
                e.kind == SpeakerKind.PERSON
                and stem in e.roles
                and any(fold(alias).startswith(office) for alias in e.aliases)
            ),
            offices=True,
        )

    @staticmethod
    def _bare_office(view: TokenView, phrase: Phrase) -> bool:
        """An office named without its holder or body: it means whoever held it last here."""
        return phrase.name is None and not any(
            view[k].capitalised for k in range(phrase.first + 1, phrase.last)
        )

    def _body(self, view: TokenView, start: int, stop: int) -> Entity | None:
        words = [view[k].text for k in range(start, stop)]
        entry = self.lookup.entry(words)
        if entry is not None:
            return self._from_gazetteer(entry)
        if not words:
            return None
        if self.lookup.country(words[0]) is not None and len(words) == 1:
            return self._country(view, Phrase(start, stop, kind=SpeakerKind.COUNTRY))
        role = self.lookup.role(words[0])
        if role is None and not view[start].capitalised:
            return None
        kind = role.kind if role is not None else SpeakerKind.INSTITUTION
        known = self._same_words(words)
        if known is None:  # named as written, so that its next mention finds it
            known = self._new(kind, self._nominative(words))
            known.aliases.append(" ".join(words))
        return known

    def _same_body(self, view: TokenView, phrase: Phrase) -> Entity | None:
        words = [view[k].text for k in range(phrase.first, phrase.last)]
        if view[phrase.first].low in self._indefinite_articles:
            words = words[1:]
        return self._same_words(words)

    def _same_words(self, words: list[str]) -> Entity | None:
        if not words:
            return None
        initial = fold(words[-1])[:1]  # forms of one name share their first letter
        for entity in self.entities:
            for alias in entity.aliases:
                alias_words = alias.split()
                if (
                    len(alias_words) == len(words)
                    and fold(alias_words[-1])[:1] == initial
                    and all(
                        self.lookup.same_name(a, w) for a, w in zip(alias_words, words, strict=True)
                    )
                ):
                    return entity
        return None

    def _by_name(self, view: TokenView, phrase: Phrase) -> Entity:
        """A body or outlet by its name: the gazetteer's, one named so before, or a new one."""
        words = [view[k].text for k in range(phrase.first, phrase.last)]
        entry = self.lookup.entry(words)
        if entry is not None:
            return self._from_gazetteer(entry)
        return self._same_words(words) or self._new(
            phrase.kind or SpeakerKind.UNKNOWN, self._nominative(words)
        )

    def _nominative(self, words: list[str]) -> str:
        """Name a new body in the nominative: Departamentit të Shtetit → Departamenti i
        Shtetit. The first article after the head agrees with it; later ones keep their case."""
        if not words:
            return ""
        head = self.lookup.nominative(words[0])
        if head == words[0]:
            return " ".join(words)
        rest = list(words[1:])
        first_article = next((k for k, w in enumerate(rest) if w in self._articles), None)
        if first_article is not None and rest[first_article] in self._oblique_articles:
            rest[first_article] = next(
                (a for ending, a in self._nominative_articles if head.endswith(ending)),
                rest[first_article],
            )
        return " ".join([head, *rest])

    def _side(self, view: TokenView, phrase: Phrase) -> str | None:
        for k in range(phrase.first, phrase.last):
            text = view[k].text
            country = self.lookup.demonym(text) or (
                self.lookup.country(text, capitals=False) if view[k].capitalised else None
            )
            if country is not None and country.kind != "region":
                return country.name
        return None

    def _from_gazetteer(self, entry: GazetteerEntry) -> Entity:
        for entity in self.entities:
            if entity.gazetteer is entry:
                return entity
        entity = self._new(entry.kind, entry.name, key=entry.id)
        entity.gazetteer, entity.side, entity.gender = entry, entry.side, entry.gender
        entity.names.extend(
            [entry.name, *entry.aliases] if entry.kind == SpeakerKind.PERSON else []
        )
        return entity

    def _new(self, kind: SpeakerKind, name: str, key: str | None = None) -> Entity:
        base = _slug(key or name) or "speaker"
        taken = {e.id for e in self.entities}
        ident, n = base, 2
        while ident in taken:
            ident, n = f"{base}-{n}", n + 1
        entity = Entity(id=ident, kind=kind, name=name)
        self.entities.append(entity)
        return entity


def to_speakers(registry: Registry, quote_ids: dict[str, list[str]]) -> tuple[Speaker, ...]:
    """The entities that speak in the document, as public `Speaker` records."""
    speakers = []
    for entity in registry.entities:
        ids = quote_ids.get(entity.id, [])
        if not ids:
            continue
        in_text_order = sorted(entity.aliases, key=lambda a: entity.seen_at.get(a, -1))
        aliases = tuple(dict.fromkeys(a for a in in_text_order if a != entity.name))
        speakers.append(
            Speaker(
                id=entity.id,
                name=entity.name,
                kind=entity.kind,
                side=entity.side,
                gazetteer_id=entity.gazetteer.id if entity.gazetteer else None,
                aliases=aliases,
                quote_ids=tuple(ids),
            )
        )
    return tuple(speakers)


def _latest(
    noted: list[tuple[int, Entity]], position: int, horizon: int, accept
) -> tuple[int, Entity] | None:
    at = bisect.bisect_left(noted, position, key=lambda pair: pair[0])
    for k in range(at - 1, -1, -1):  # not reversed(noted[:at]): a copy per question
        pos, entity = noted[k]
        if pos < horizon:
            return None
        if accept(entity):
            return noted[k]
    return None


def _same_surname(a: str, b: str, lookup: Lookup) -> bool:
    fa, fb = fold(a), fold(b)
    if fa[:1] != fb[:1]:
        return False  # no case ending nor misspelling here changes a name's first letter
    if lookup.same_name(a, b):
        return True
    return min(len(fa), len(fb)) >= 5 and fuzz.ratio(fa, fb) >= SPELLING_SIMILARITY


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:48]
