"""Who said it: find each quote's speaker phrase and resolve it to one canonical speaker.

Three steps, in text order:
1. *Find* the phrase the construction points to (`quotes.Look`): the subject after the cue
   (“…”, tha Kremlini), before it (Turqia tha se), after `sipas`, or none at all.
2. *Resolve* what is not a name: a pronoun (ai, ajo) or a null subject (shtoi se) takes the
   latest compatible speaker or sentence subject; an impersonal cue (u tha në deklaratë,
   thuhet në njoftim e IPK-së) takes the document's issuer or the last speaker; an office
   (presidenti turk, zëdhënësi) takes whoever held it in the article's year or was last
   named with it; an unnamed spokesperson speaks for the body named after the office.
3. *Canonicalise*: one `Speaker` per entity across inflections and spelling variants
   (Erdoganit, Kossnet/Kosnett), through the gazetteer, Albanian case endings and rapidfuzz.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .gazetteer import Lookup
from .model import CueKind, Mention, Speaker, SpeakerKind, SpeakerRef
from .morph import fold, same_name
from .phrases import Phrase, PhraseReader
from .quotes import Candidate, Look
from .resources import GazetteerEntry, Resources
from .tokens import SpanIndex, TokenView

# Speakers that can be the place a statement comes from (Në Ministri thonë, Nga Kremlini).
_BODIES = frozenset({SpeakerKind.INSTITUTION, SpeakerKind.COUNTRY, SpeakerKind.MEDIA})
SPELLING_SIMILARITY = 85  # rapidfuzz ratio at which two surnames are one (Kosnett / Kossnet)
ISSUER_WINDOW = 12  # tokens between a document and `të publikuar nga X`
DATELINE_TOKENS = 8  # PRISHTINË, 14 tetor 2020 (AA) –
LOOKBACK_SENTENCES = 6  # how far back a pronoun or an office looks for its referent


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


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: SpeakerRef | None
    addressee: Mention | None
    medium: Mention | None


class Registry:
    """The document's entities; `resolve` maps a phrase to one, creating it if new."""

    def __init__(self, lookup: Lookup, year: int | None):
        self.lookup = lookup
        self.year = year
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
        if phrase.name is not None:
            entity = self._person(view, phrase, position)
        elif phrase.kind == SpeakerKind.COUNTRY:
            entity = self._country(view, phrase)
        elif phrase.role is not None:
            entity = self._by_role(view, phrase, position)
        else:
            entity = self._named(view, phrase)
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
        return entity

    def _same_person(self, a: list[str], b: list[str]) -> bool:
        if not _same_surname(a[-1], b[-1], self.lookup.endings):
            return False
        if len(a) == 1 or len(b) == 1:
            return True
        return same_name(a[0], b[0], self.lookup.endings)

    def _country(self, view: TokenView, phrase: Phrase) -> Entity:
        country = self.lookup.country(view[phrase.first].text)
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
        holder = self._holder(phrase.text(view), phrase.role.stem, position)
        if holder is not None:  # Përfaqësuesi i UNICEF-it, after `Përfaqësuesi i UNICEF-it, X,`
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
        if view[phrase.first].low in {"një", "disa"}:
            words = words[1:]
        return self._same_words(words)

    def _same_words(self, words: list[str]) -> Entity | None:
        for entity in self.entities:
            for alias in entity.aliases:
                alias_words = alias.split()
                if len(alias_words) == len(words) and all(
                    same_name(a, w, self.lookup.endings)
                    for a, w in zip(alias_words, words, strict=True)
                ):
                    return entity
        return None

    def _named(self, view: TokenView, phrase: Phrase) -> Entity:
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
        first_article = next((k for k, w in enumerate(rest) if w in ("i", "e", "të", "së")), None)
        if first_article is not None and rest[first_article] in ("të", "së"):
            rest[first_article] = "e" if head.endswith("a") else "i"
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


class SpeakerFinder:
    def __init__(self, resources: Resources, lookup: Lookup):
        self.lookup = lookup
        grammar = resources.grammar
        self._links = grammar.words("null_subject_links")
        self._media = grammar.words("media_nouns")
        self._relatives = [tuple(r.split()) for r in grammar.words("relative_pronouns")]
        self._relative_starts = {words[0] for words in self._relatives}
        self._articles = grammar.words("articles")
        self._complementizers = grammar.words("complementizers")
        self._source_prepositions = grammar.words("source_prepositions")
        self._dashes = grammar.words("dashes")
        self._issuing = grammar.words("issuing_participles")
        self._agentive = grammar.words("agentive_prepositions")
        self._gerund = grammar.words("gerund_markers")
        self._citing = grammar.words("citing_verbs")
        self._final = grammar.words("final_punctuation")

    def attribute(
        self, view: TokenView, candidates: list[Candidate], reader: PhraseReader, year: int | None
    ) -> tuple[list[Attribution], Registry]:
        registry = Registry(self.lookup, year)
        covered = SpanIndex((c.start, c.end) for c in candidates)
        takes_floor = _floor_takers(candidates)
        self._note_office_holders(view, reader, registry)
        self._note_subjects(view, reader, registry, covered)
        found: list[tuple[Entity | None, Phrase | None, str, float]] = []
        previous: Entity | None = None
        for candidate, floor in zip(candidates, takes_floor, strict=True):
            entity, phrase, rule, confidence = self._find(
                view, candidate, reader, registry, covered, previous
            )
            found.append((entity, phrase, rule, confidence))
            if entity is None:
                continue
            position = view[phrase.first].start if phrase is not None else candidate.start
            registry.note(min(position, candidate.start), entity)
            if candidate.cue is not None:  # `tha në një deklaratë Këshilli …`: its statement
                lo, hi = view.sentence_range(candidate.cue.first)
                for k in self._documents_named(view, reader, candidate.cue, lo, hi):
                    registry.issued(view[k].start, self.lookup.role(view[k].text).stem, entity)
            if floor:
                previous = entity
        # references are made last, so that every quote carries its speaker's final name
        return [
            self._attribution(view, candidate, reader, *result)
            for candidate, result in zip(candidates, found, strict=True)
        ], registry

    def _attribution(
        self,
        view: TokenView,
        candidate: Candidate,
        reader: PhraseReader,
        entity: Entity | None,
        phrase: Phrase | None,
        rule: str,
        confidence: float,
    ) -> Attribution:
        if entity is None:
            return Attribution(None, None, None)
        ref = SpeakerRef(
            id=entity.id,
            name=entity.name,
            kind=entity.kind,
            side=entity.side,
            mention=_mention(view, phrase) if phrase is not None else None,
            rule=rule,
            confidence=confidence,
        )
        return Attribution(
            ref,
            self._addressee(view, candidate, reader, phrase),
            self._medium(view, candidate, reader),
        )

    # ------------------------------------------------------------------ finding

    def _find(
        self,
        view,
        candidate: Candidate,
        reader: PhraseReader,
        registry: Registry,
        covered: SpanIndex,
        previous: Entity | None,
    ):
        look, cue = candidate.look, candidate.cue
        if look == Look.PREVIOUS:
            return previous, None, "previous_speaker", 0.6
        if look == Look.TITLE:
            phrase = self._first_phrase(view, reader, candidate.anchor, candidate.bound, covered)
            return self._resolved(view, phrase, candidate, registry, previous, "title")
        if look == Look.ACCORDING:
            end = candidate.bound or None
            phrase = reader.at(view, candidate.anchor, end=end) or self._named_owner(
                view, reader, candidate.anchor, end or len(view)
            )
            return self._resolved(view, phrase, candidate, registry, previous, "according")
        if cue is not None and cue.entry.impersonal:
            return self._implicit(view, candidate, reader, registry, covered, previous)
        if look == Look.AFTER:
            end = candidate.bound or view.sentence_range(max(0, candidate.anchor - 1))[1]
            phrase = reader.subject_after(
                view, candidate.anchor, end, dative=cue is not None and cue.clitic in ("i", "u")
            )
            cited = self._cited(view, reader, phrase, end) if phrase is not None else None
            if cited is not None:  # “…”, shkruan gazeta Koha, duke cituar ministrin Gashi
                return self._resolved(view, cited, candidate, registry, previous, "cited_source")
            if phrase is not None:
                return self._resolved(view, phrase, candidate, registry, previous, "subject_after")
            return self._implicit(view, candidate, reader, registry, covered, previous)
        phrase = self._subject_before(view, reader, candidate, covered)
        if phrase is not None:
            return self._resolved(view, phrase, candidate, registry, previous, "subject_before")
        place = self._source_place(view, reader, candidate)
        if place is not None:
            return self._resolved(view, place, candidate, registry, previous, "source_place")
        return previous, None, "null_subject", 0.55

    def _source_place(self, view, reader: PhraseReader, candidate: Candidate) -> Phrase | None:
        """`Në Ministrinë e Jashtme thonë se …`, `Nga Ministria … bënë të ditur se …`: a body
        named as the place a subjectless statement comes from is its speaker."""
        cue = candidate.cue
        if cue is None:
            return None
        first = view.sentence_range(cue.first)[0]
        while first < cue.first and not view[first].is_word:
            first += 1
        if first + 1 >= cue.first or view[first].low not in self._source_prepositions:
            return None
        body = reader.at(view, first + 1, end=cue.first)
        if (
            body is None
            or body.kind not in _BODIES
            or body.last != cue.first
            or not view[body.first].capitalised
        ):
            return None
        return body

    def _resolved(
        self,
        view,
        phrase: Phrase | None,
        candidate: Candidate,
        registry: Registry,
        previous: Entity | None,
        rule: str,
    ):
        if phrase is None:
            return (
                (None, None, rule, 0.0)
                if rule == "title"
                else (previous, None, "null_subject", 0.5)
            )
        if phrase.pronoun is not None:
            position = min(view[phrase.first].start, candidate.start)
            entity = registry.recent(
                position,
                horizon=self._horizon(view, candidate),
                accept=lambda e: _agrees(e, phrase.pronoun),
            )
            return (entity or previous), phrase, "pronoun", 0.75
        entity = registry.resolve(view, phrase, view[phrase.first].start)
        confidence = 0.9 if phrase.name is not None or entity.gazetteer is not None else 0.8
        return entity, phrase, rule, confidence

    def _horizon(self, view: TokenView, candidate: Candidate) -> int:
        """The earliest character a pronoun looks back to: a few sentences before the quote."""
        token = min(view.first_at_or_after(candidate.start), len(view) - 1)
        first_sentence = max(0, view[token].sent - LOOKBACK_SENTENCES)
        return view[view.sentences[first_sentence][0]].start

    def _subject_before(
        self, view: TokenView, reader: PhraseReader, candidate: Candidate, covered: SpanIndex
    ) -> Phrase | None:
        """The subject of the clause the cue heads, read before the cue.

        A relative pronoun points to its antecedent (John Bolton, i cili … pretendon se); a
        clause with no subject of its own (kur tha se, dhe tha se, duke thënë se) takes the
        nearest subject before it; otherwise the clause's first phrase is its subject, and a
        pronoun after the cue (theksoi ajo se) serves where there is none.
        """
        cue = candidate.cue
        anchor = cue.first if cue is not None else candidate.anchor
        sentence_start = view.sentence_range(anchor)[0]
        phrases = self._phrases(
            view, reader, sentence_start, anchor, covered, own=view[anchor].start
        )
        relative = self._relative_at(view, sentence_start, anchor)
        if relative is not None and not any(p.first > relative for p in phrases):
            antecedent = self._antecedent(view, reader, relative)
            if antecedent is not None:
                return antecedent
        strong = [p for p in phrases if p.strong] or phrases
        speaking = [p for p in strong if p.kind != SpeakerKind.DOCUMENT] or strong
        if (
            speaking
            and cue is not None
            and not cue.gerund
            and self._linked(view, cue, sentence_start)
        ):
            return speaking[-1]  # kur tha se / dhe tha se: the nearest subject before
        if speaking:
            return speaking[0]
        if cue is not None:
            end = min(view.sentence_range(anchor)[1], cue.last + 3)
            after = reader.at(view, cue.last, end=end)
            if after is not None and after.pronoun is not None:
                return after
        return None

    def _linked(self, view: TokenView, cue, sentence_start: int) -> bool:
        """Is the cue's clause joined to the one before without a subject (kur tha se)?"""
        k = cue.first - 1
        while k > sentence_start and view[k].text == ",":
            k -= 1
        return k >= sentence_start and view[k].low in self._links

    def _antecedent(self, view: TokenView, reader: PhraseReader, relative: int) -> Phrase | None:
        """The phrase that ends right before a relative pronoun (…, John Bolton, i cili)."""
        end = relative
        while end > 0 and view[end - 1].text == ",":
            end -= 1
        best = None
        for start in range(end - 1, max(-1, end - 10), -1):
            phrase = reader.at(view, start, end=end)
            if phrase is not None and end - 1 <= phrase.last <= end:
                best = phrase  # an adjective may trail it: partnerët ndërkombëtarë, të cilët
        return best

    def _phrases(
        self,
        view: TokenView,
        reader: PhraseReader,
        lo: int,
        hi: int,
        covered: SpanIndex,
        *,
        own: int | None = None,
    ) -> list[Phrase]:
        """Speaker phrases between two tokens that stand outside quotes and prepositions.

        No speaker is read from quoted content, but for that of a reported clause holding the
        character `own`, where the cue itself stands (a report nested in a report)."""
        found, i = [], self._past_dateline(view, lo, hi)
        while i < hi:
            token = view[i]
            quoted_to = _quoted_to(covered, token.start, own)
            if quoted_to is not None:
                i = view.first_at_or_after(quoted_to)
                continue
            if reader.is_preposition(token):
                i = max(i + 1, reader.skip_prepositional(view, i, hi))
                continue
            if token.low in self._articles and i > lo:
                i += 2  # a genitive complement is never the subject
                continue
            phrase = reader.at(view, i, end=hi)
            if phrase is not None:
                found.append(phrase)
                i = phrase.last
                continue
            i += 1
        return found

    def _cited(self, view: TokenView, reader: PhraseReader, outlet: Phrase, end: int):
        """The speaker an outlet quotes (`…, duke cituar ministrin Gashi`): the outlet is the
        report's source, the one it cites said the words."""
        k = outlet.last
        if k < end and view[k].text == ",":
            k += 1
        if k + 2 >= end or view[k].low not in self._gerund or view[k + 1].low not in self._citing:
            return None
        cited = reader.at(view, k + 2, end=end)
        return cited if cited is not None and cited.pronoun is None else None

    def _past_dateline(self, view: TokenView, lo: int, hi: int) -> int:
        """`PRISHTINË, 14 tetor – Ministrja …`: the place and date a report opens with are no
        subject; the sentence starts after the dash."""
        if lo >= hi or not (view[lo].text.isupper() and len(view[lo].text) >= 3):
            return lo
        for k in range(lo + 1, min(hi, lo + DATELINE_TOKENS)):
            if view[k].text in self._dashes:
                return k + 1
            if view[k].text in self._final:
                break
        return lo

    def _first_phrase(self, view, reader, lo, hi, covered: SpanIndex) -> Phrase | None:
        for phrase in self._phrases(view, reader, lo, hi, covered):
            if (
                phrase.role is not None
                or (phrase.name is not None and phrase.strong)
                or self.lookup.entry([view[phrase.first].text]) is not None
            ):
                return phrase
        return None

    def _named_owner(self, view, reader: PhraseReader, lo: int, hi: int) -> Phrase | None:
        """The first named body after an article: `Sipas të dhënave të INSTAT` → INSTAT."""
        for k in range(lo + 1, hi):
            if view[k].capitalised and view[k - 1].low in self._articles:
                return reader.at(view, k, end=hi)
        return None

    def _relative_at(self, view: TokenView, lo: int, hi: int) -> int | None:
        for i in range(hi - 1, lo - 1, -1):
            if view[i].low not in self._relative_starts:
                continue  # most words start none: a set lookup, not a tuple per pronoun
            for words in self._relatives:
                if tuple(view[k].low for k in range(i, min(hi, i + len(words)))) == words:
                    return i
        return None

    def _implicit(
        self,
        view,
        candidate: Candidate,
        reader: PhraseReader,
        registry: Registry,
        covered: SpanIndex,
        previous: Entity | None,
    ):
        """No subject: `thuhet në njoftim e IPK-së` → IPK; `raporti, ku theksohet se` → the
        report; `Administrata Trump nisi …, dhe në padi thuhet se` → the administration;
        `u tha në deklaratë` → whoever made the statement before."""
        cue = candidate.cue
        if cue is None:
            return previous, None, "implicit_previous", 0.5
        sentence_start, sentence_end = view.sentence_range(cue.first)
        owner = self._document_owner(view, reader, cue, sentence_start, sentence_end)
        if owner is not None:
            return self._resolved(view, owner, candidate, registry, previous, "document_owner")
        for k in self._documents_named(view, reader, cue, sentence_start, sentence_end):
            issuer = registry.issuer(self.lookup.role(view[k].text).stem, view[k].start)
            if issuer is not None:  # `Në raport theksohet` after `X, në raportin e fundit, …`
                return issuer, None, "document_issuer", 0.7
        relative = self._relative_at(view, max(sentence_start, cue.first - 2), cue.first)
        if relative is not None:
            antecedent = self._antecedent(view, reader, relative)
            if antecedent is not None:
                return self._resolved(
                    view, antecedent, candidate, registry, previous, "relative_antecedent"
                )
        phrases = self._phrases(
            view, reader, sentence_start, cue.first, covered, own=view[cue.first].start
        )
        strong = [p for p in phrases if p.strong and p.pronoun is None]
        if strong:
            return self._resolved(
                view, strong[0], candidate, registry, previous, "sentence_subject"
            )
        if previous is not None:
            return previous, None, "implicit_previous", 0.6
        earlier = registry.recent(
            candidate.start,
            horizon=self._horizon(view, candidate),
            accept=lambda e: e.kind != SpeakerKind.DOCUMENT,
        )
        if earlier is not None:
            return earlier, None, "implicit_recent_subject", 0.5
        return None, None, "none", 0.0

    def _documents_named(
        self, view: TokenView, reader: PhraseReader, cue, lo: int, hi: int
    ) -> list[int]:
        """Tokens of the document the cue reports from, in a prepositional phrase right after
        it (`thuhet në njoftimin …`) or right before it (`Në deklaratën e Ministrisë …
        thuhet`, `Në deklaratën …, të publikuar pas takimit, thuhet`)."""
        found = []
        for k in range(max(lo, cue.first - 16), min(hi, cue.last + 6)):
            if cue.first <= k < cue.last or not self._is_document(view[k].text):
                continue
            opener = k - 2 if k > 1 and view[k - 1].low in {"një", "këtë", "tij", "saj"} else k - 1
            if opener < lo or not reader.is_preposition(view[opener]):
                continue
            if k >= cue.last:
                if all(reader.is_preposition(view[j]) for j in range(cue.last, opener + 1)):
                    found.append(k)
                continue
            end = k + 1
            if end + 1 < cue.first and view[end].low in self._articles:
                owner = reader.at(view, end + 1, end=cue.first)
                end = owner.last if owner is not None else end + 2
            rest = range(end, cue.first)
            if not rest or (
                view[end].text == "," and not any(view[j].text in {".", ":"} for j in rest)
            ):
                found.append(k)
        return found

    def _is_document(self, word: str) -> bool:
        role = self.lookup.role(word)
        return role is not None and role.kind == SpeakerKind.DOCUMENT

    def _document_owner(
        self, view: TokenView, reader: PhraseReader, cue, lo: int, hi: int
    ) -> Phrase | None:
        """The body named after the document: `njoftim e IPK-së`, `deklaratën e Ministrisë`."""
        for k in self._documents_named(view, reader, cue, lo, hi):
            owner = self._issued_by(view, reader, k, hi)
            if owner is None and k + 2 < hi and view[k + 1].low in self._articles:
                owner = reader.at(view, k + 2, end=hi)
            if owner is not None and owner.pronoun is None:
                return owner
        return None

    def _issued_by(self, view: TokenView, reader: PhraseReader, k: int, hi: int) -> Phrase | None:
        """`raportin e të drejtave të njeriut të publikuar nga Kombet e Bashkuara`: the agent
        of the participle that says who issued the document."""
        for j in range(k + 1, min(hi - 2, k + ISSUER_WINDOW)):
            if view[j].text in {",", ".", ":"}:
                return None
            if view[j].low in self._issuing and view[j + 1].low in self._agentive:
                return reader.at(view, j + 2, end=hi)
        return None

    # ------------------------------------------------------------------ frame details

    def _addressee(
        self, view, candidate: Candidate, reader: PhraseReader, subject: Phrase | None
    ) -> Mention | None:
        """`i tha Zërit të Amerikës se` — whom a dative cue addresses."""
        cue = candidate.cue
        if cue is None or cue.clitic not in {"i", "u"}:
            return None
        end = min(view.sentence_range(cue.first)[1], cue.last + 8)
        i = cue.last
        while i < end:
            if view[i].low in self._complementizers or view[i].text in {",", ":"}:
                return None
            phrase = reader.at(view, i, end=end)
            if (
                phrase is not None
                and (subject is None or phrase.first != subject.first)
                and phrase.pronoun is None
            ):
                return _mention(view, phrase)
            i = phrase.last if phrase is not None else i + 1
        return None

    def _medium(self, view, candidate: Candidate, reader: PhraseReader) -> Mention | None:
        """`në një deklaratë`, `përmes Twitter-it`: the channel of the statement."""
        cue = candidate.cue
        if cue is None:
            return None
        lo = max(view.sentence_range(cue.first)[0], cue.first - 8)
        hi = min(view.sentence_range(cue.first)[1], cue.last + 8)
        for i in range(lo, hi):
            if not reader.is_preposition(view[i]):
                continue
            end = reader.skip_prepositional(view, i, hi)
            if any(view[k].low in self._media for k in range(i + 1, end)):
                start, stop = view[i].start, view[end - 1].end
                return Mention(start=start, end=stop, text=view.text[start:stop])
        return None

    def _note_subjects(
        self, view: TokenView, reader: PhraseReader, registry: Registry, covered: SpanIndex
    ) -> None:
        """Each sentence's subject is a referent later pronouns and offices may take up, and
        the issuer of the documents the sentence names."""
        for first, last in view.sentences:
            phrases = self._phrases(view, reader, first, last, covered)
            subject = next((p for p in phrases if p.strong and p.pronoun is None), None)
            if subject is None:
                continue
            entity = registry.resolve(view, subject, view[subject.first].start)
            registry.note(view[subject.first].start, entity)
            if entity.kind == SpeakerKind.DOCUMENT or subject.first != phrases[0].first:
                continue
            self._note_documents(view, reader, registry, subject.last, last, entity)

    def _note_office_holders(
        self, view: TokenView, reader: PhraseReader, registry: Registry
    ) -> None:
        """Every office named with its holder (`me guvernatorin e Bankës Qendrore, Ilir Dema`),
        wherever it stands: the office alone may later mean that person."""
        i = 0
        while i < len(view):
            if self.lookup.role(view[i].text) is None:
                i += 1
                continue
            phrase = reader.at(view, i, end=view.sentence_range(i)[1])
            if (
                phrase is None
                or phrase.name is None
                or phrase.role is None
                or phrase.role.kind != SpeakerKind.PERSON
            ):
                i += 1
                continue
            position = view[phrase.first].start
            registry.hold(position, registry.resolve(view, phrase, position))
            i = phrase.last

    def _note_documents(
        self, view, reader, registry: Registry, i: int, end: int, entity: Entity
    ) -> None:
        """`Fondi Monetar Ndërkombëtar, në raportin e fundit, …`: the document a prepositional
        phrase right after the subject names is the subject's."""
        if i < end and view[i].text == ",":
            i += 1
        if i >= end or not reader.is_preposition(view[i]):
            return
        for k in range(i + 1, reader.skip_prepositional(view, i, end)):
            if self._is_document(view[k].text):
                registry.issued(view[k].start, self.lookup.role(view[k].text).stem, entity)


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


def _quoted_to(covered: SpanIndex, char: int, own: int | None) -> int | None:
    """Where the quoted content holding `char` ends (the furthest end, where several spans
    hold it), leaving out the spans that also hold `own`; None where none holds it."""
    ends = [
        e
        for s, e in (covered.spans[k] for k in covered.containing(char, char + 1))
        if own is None or not s <= own < e
    ]
    return max(ends, default=None)


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


def _floor_takers(candidates: list[Candidate]) -> list[bool]:
    """For each candidate, does its speaker become the one later implicit reports continue?
    Not an outlet's credit line, nor a report nested inside another report."""
    reports = [c for c in candidates if not _credit(c)]
    index = SpanIndex((c.start, c.end) for c in reports)
    return [
        not _credit(c)
        and all(
            (reports[k].start, reports[k].end) == (c.start, c.end)
            for k in index.containing(c.start, c.end)
        )
        for c in candidates
    ]


def _credit(candidate: Candidate) -> bool:
    return candidate.cue is not None and candidate.cue.kind == CueKind.CREDIT


def _agrees(entity: Entity, pronoun: str) -> bool:
    if entity.kind in (SpeakerKind.DOCUMENT, SpeakerKind.COUNTRY) and pronoun in {"ai", "ajo"}:
        return entity.kind != SpeakerKind.COUNTRY
    if entity.gender is None:
        return True
    return {"ai": "m", "ajo": "f", "tij": "m", "saj": "f"}.get(
        pronoun, entity.gender
    ) == entity.gender


def _same_surname(a: str, b: str, endings: frozenset[str]) -> bool:
    if same_name(a, b, endings):
        return True
    fa, fb = fold(a), fold(b)
    return min(len(fa), len(fb)) >= 5 and fuzz.ratio(fa, fb) >= SPELLING_SIMILARITY


def _mention(view: TokenView, phrase: Phrase) -> Mention:
    start, end = view[phrase.first].start, view[phrase.last - 1].end
    return Mention(start=start, end=end, text=view.text[start:end])


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:48]
