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
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .gazetteer import Lookup
from .model import Mention, Speaker, SpeakerKind, SpeakerRef
from .morph import fold, same_name
from .phrases import Phrase, PhraseReader
from .quotes import Candidate, Look
from .resources import GazetteerEntry, Resources
from .tokens import TokenView

SPELLING_SIMILARITY = 85  # rapidfuzz ratio at which two surnames are one (Kosnett / Kossnet)
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
    quote_ids: list[str] = field(default_factory=list)


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

    def note(self, position: int, entity: Entity) -> None:
        bisect.insort(self.history, (position, entity), key=lambda pair: pair[0])

    def recent(self, position: int, *, horizon: int, accept=lambda e: True) -> Entity | None:
        at = bisect.bisect_left(self.history, position, key=lambda pair: pair[0])
        for pos, entity in reversed(self.history[:at]):
            if pos < horizon:
                return None
            if accept(entity):
                return entity
        return None

    # ------------------------------------------------------------------ resolving phrases

    def resolve(self, view: TokenView, phrase: Phrase, position: int, horizon: int) -> Entity:
        text = phrase.text(view)
        if phrase.name is not None:
            entity = self._person(view, phrase)
        elif phrase.kind == SpeakerKind.COUNTRY:
            entity = self._country(view, phrase)
        elif phrase.role is not None:
            entity = self._by_role(view, phrase, position, horizon)
        else:
            entity = self._named(view, phrase)
        entity.aliases.append(text)
        if phrase.role is not None:
            entity.roles.add(phrase.role.stem)
        if entity.side is None:
            entity.side = self._side(view, phrase)
        return entity

    def _person(self, view: TokenView, phrase: Phrase) -> Entity:
        start, stop = phrase.name
        words = [view[k].text for k in range(start, stop)]
        name = view.text[view[start].start:view[stop - 1].end]
        entry = self.lookup.entry(words) or self.lookup.entry(words[-1:])
        if entry is not None:
            return self._from_gazetteer(entry)
        for entity in self.entities:
            if entity.kind == SpeakerKind.PERSON and any(
                _same_surname(words[-1], known.split()[-1], self.lookup.endings)
                for known in entity.names
            ):
                entity.names.append(name)
                if len(name.split()) > len(entity.name.split()):
                    entity.name = name
                return entity
        entity = self._new(SpeakerKind.PERSON, name)
        entity.names.append(name)
        return entity

    def _country(self, view: TokenView, phrase: Phrase) -> Entity:
        country = self.lookup.country(view[phrase.first].text)
        for entity in self.entities:
            if entity.kind == SpeakerKind.COUNTRY and entity.side == country.name:
                return entity
        entity = self._new(SpeakerKind.COUNTRY, country.name_sq, key=f"country-{country.name}")
        entity.side = country.name
        return entity

    def _by_role(self, view: TokenView, phrase: Phrase, position: int, horizon: int) -> Entity:
        words = [view[k].text for k in range(phrase.first, phrase.last)]
        entry = self.lookup.entry(words) or self.lookup.entry_by_role(words, self.year)
        if entry is not None:
            return self._from_gazetteer(entry)
        if phrase.complement is not None:  # zëdhënësi i Departamentit të Shtetit → the Department
            body = self._body(view, *phrase.complement)
            if body is not None:
                return body
        known = self._same_body(view, phrase)
        if known is not None:
            return known
        if phrase.last - phrase.first <= 2:  # a bare office: zëdhënësi, këshilli, kancelarja
            stem = phrase.role.stem
            earlier = self.recent(position, horizon=horizon, accept=lambda e: stem in e.roles)
            if earlier is not None:
                return earlier
        return self._new(phrase.role.kind if phrase.role.kind != SpeakerKind.PERSON
                         else SpeakerKind.PERSON, self._nominative(words))

    def _body(self, view: TokenView, start: int, stop: int) -> Entity | None:
        words = [view[k].text for k in range(start, stop)]
        entry = self.lookup.entry(words)
        if entry is not None:
            return self._from_gazetteer(entry)
        if not words or self.lookup.role(words[0]) is None and self.lookup.country(words[0]) is None:
            return None
        if self.lookup.country(words[0]) is not None and len(words) == 1:
            return self._country(view, Phrase(start, stop, kind=SpeakerKind.COUNTRY))
        role = self.lookup.role(words[0])
        return self._same_words(words) or self._new(role.kind if role else SpeakerKind.INSTITUTION,
                                                    self._nominative(words))

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
                    same_name(a, w, self.lookup.endings) for a, w in zip(alias_words, words, strict=True)
                ):
                    return entity
        return None

    def _named(self, view: TokenView, phrase: Phrase) -> Entity:
        words = [view[k].text for k in range(phrase.first, phrase.last)]
        entry = self.lookup.entry(words)
        if entry is not None:
            return self._from_gazetteer(entry)
        return self._same_words(words) or self._new(phrase.kind or SpeakerKind.UNKNOWN,
                                                    self._nominative(words))

    def _nominative(self, words: list[str]) -> str:
        """Name a new body in the nominative: Departamentit të Shtetit → Departamenti i Shtetit."""
        if not words:
            return ""
        head = self.lookup.nominative(words[0])
        if head == words[0]:
            return " ".join(words)
        feminine = head.endswith("a")
        rest = [("e" if feminine else "i") if w in ("të", "së") and k == 0 else w
                for k, w in enumerate(words[1:])]
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
        entity.names.extend([entry.name, *entry.aliases] if entry.kind == SpeakerKind.PERSON else [])
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
        self._articles = grammar.words("articles")
        self._complementizers = grammar.words("complementizers")

    def attribute(self, view: TokenView, candidates: list[Candidate], reader: PhraseReader,
                  year: int | None) -> tuple[list[Attribution], Registry]:
        registry = Registry(self.lookup, year)
        covered = [(c.start, c.end) for c in candidates]
        self._note_subjects(view, reader, registry, covered)
        results: list[Attribution] = []
        previous: Entity | None = None
        for candidate in candidates:
            found = self._find(view, candidate, reader, registry, covered, previous)
            entity, phrase, rule, confidence = found
            if entity is None:
                results.append(Attribution(None, None, None))
                continue
            mention = _mention(view, phrase) if phrase is not None else None
            position = mention.start if mention is not None else candidate.start
            registry.note(min(position, candidate.start), entity)
            previous = entity
            ref = SpeakerRef(id=entity.id, name=entity.name, kind=entity.kind, side=entity.side,
                             mention=mention, rule=rule, confidence=confidence)
            results.append(Attribution(ref, self._addressee(view, candidate, reader, phrase),
                                       self._medium(view, candidate, reader)))
        return results, registry

    # ------------------------------------------------------------------ finding

    def _find(self, view, candidate: Candidate, reader: PhraseReader, registry: Registry,
              covered, previous: Entity | None):
        look = candidate.look
        if look == Look.PREVIOUS:
            return previous, None, "previous_speaker", 0.6
        if look == Look.TITLE:
            phrase = self._first_phrase(view, reader, candidate.anchor, candidate.bound, covered,
                                        strong_only=True)
            return self._resolved(view, phrase, candidate, registry, previous, "title")
        if look == Look.ACCORDING:
            phrase = reader.at(view, candidate.anchor)
            return self._resolved(view, phrase, candidate, registry, previous, "according")
        if look == Look.AFTER:
            phrase = self._subject_after(view, reader, candidate)
            if phrase is not None:
                return self._resolved(view, phrase, candidate, registry, previous, "subject_after")
            return self._implicit(view, candidate, reader, registry, covered, previous)
        # BEFORE and SENTENCE: the subject of the clause the cue heads
        phrase = self._subject_before(view, reader, candidate, covered)
        if phrase is not None:
            return self._resolved(view, phrase, candidate, registry, previous, "subject_before")
        if candidate.cue is not None and candidate.cue.entry.impersonal:
            return self._implicit(view, candidate, reader, registry, covered, previous)
        return previous, None, "null_subject", 0.55

    def _resolved(self, view, phrase: Phrase | None, candidate: Candidate, registry: Registry,
                  previous: Entity | None, rule: str):
        if phrase is None:
            return (None, None, rule, 0.0) if rule == "title" else (previous, None, "null_subject", 0.5)
        horizon = self._horizon(view, candidate)
        if phrase.pronoun is not None:
            position = min(view[phrase.first].start, candidate.start)
            entity = registry.recent(position, horizon=horizon,
                                     accept=lambda e: _agrees(e, phrase.pronoun))
            return (entity or previous), phrase, "pronoun", 0.75
        entity = registry.resolve(view, phrase, view[phrase.first].start, horizon)
        confidence = 0.9 if phrase.name is not None or entity.gazetteer is not None else 0.8
        return entity, phrase, rule, confidence

    def _horizon(self, view: TokenView, candidate: Candidate) -> int:
        sentence = view[view.first_at_or_after(candidate.start) if candidate.start < len(view.text)
                        else len(view) - 1].sent if view.tokens else 0
        first = view.sentences[max(0, sentence - LOOKBACK_SENTENCES)][0] if view.sentences else 0
        return view[first].start if view.tokens else 0

    def _subject_after(self, view: TokenView, reader: PhraseReader, candidate: Candidate) -> Phrase | None:
        """The subject after the cue: `tha në një deklaratë Hami Aksoy`, `thotë ajo`."""
        i = candidate.anchor
        sentence_end = view.sentence_range(max(0, i - 1))[1]
        end = candidate.bound or sentence_end
        limit = min(end, i + 12)
        while i < limit:
            token = view[i]
            if token.text in {",", "."} or token.low in self._complementizers:
                return None
            if reader.is_preposition(token):
                i = reader.skip_prepositional(view, i, end)
                continue
            phrase = reader.at(view, i, end=end)
            if phrase is not None:
                return phrase
            if reader.is_discourse(token) or token.low in self._articles or not token.is_word:
                i += 1
                continue
            i += 1
        return None

    def _subject_before(self, view: TokenView, reader: PhraseReader, candidate: Candidate,
                        covered) -> Phrase | None:
        """The clause subject before the cue; a relative pronoun points to its antecedent,
        and a clause with none (kur tha se, duke thënë se) takes the sentence's subject."""
        cue = candidate.cue
        anchor = cue.first if cue is not None else candidate.anchor
        sentence_start = view.sentence_range(anchor)[0]
        clause_start = sentence_start
        for start, end in covered:
            if view[sentence_start].start <= end <= view[anchor].start and (start, end) != (
                candidate.start, candidate.end
            ):
                clause_start = max(clause_start, view.first_at_or_after(end))
        phrases = self._phrases(view, reader, clause_start, anchor, covered)
        relative = self._relative_at(view, clause_start, anchor)
        if relative is not None:
            antecedent = [p for p in self._phrases(view, reader, sentence_start, relative, covered)
                          if p.last <= relative]
            if antecedent:
                return antecedent[-1]
        if cue is not None:
            between = self._phrases(view, reader, cue.last, candidate_end_token(view, candidate),
                                    covered)
            pronoun = next((p for p in between if p.pronoun), None)
            if not phrases and pronoun is not None:
                return pronoun
        chosen = next((p for p in phrases if p.strong), phrases[0] if phrases else None)
        if chosen is not None:
            return chosen
        if clause_start > sentence_start:
            phrases = self._phrases(view, reader, sentence_start, anchor, covered)
            return next((p for p in phrases if p.strong), phrases[0] if phrases else None)
        return None

    def _phrases(self, view: TokenView, reader: PhraseReader, lo: int, hi: int,
                 covered) -> list[Phrase]:
        """Speaker phrases between two tokens that stand outside quotes and prepositions."""
        found, i = [], lo
        while i < hi:
            token = view[i]
            inside = next((e for s, e in covered if s <= token.start < e), None)
            if inside is not None:
                i = view.first_at_or_after(inside)
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

    def _first_phrase(self, view, reader, lo, hi, covered, *, strong_only: bool) -> Phrase | None:
        for phrase in self._phrases(view, reader, lo, hi, covered):
            if phrase.role is not None or phrase.name is not None and phrase.strong \
                    or self.lookup.entry([view[phrase.first].text]) is not None:
                return phrase
        return None

    def _relative_at(self, view: TokenView, lo: int, hi: int) -> int | None:
        for i in range(hi - 1, lo - 1, -1):
            for words in self._relatives:
                if tuple(view[k].low for k in range(i, min(hi, i + len(words)))) == words:
                    return i
        return None

    def _implicit(self, view, candidate: Candidate, reader: PhraseReader, registry: Registry,
                  covered, previous: Entity | None):
        """`thuhet në njoftim e IPK-së` → IPK; `u tha në deklaratë` → whose statement it was."""
        cue = candidate.cue
        end = view.sentence_range(cue.first)[1] if cue is not None else candidate.anchor
        for i in range(cue.last if cue else candidate.anchor, min(end, (cue.last if cue else 0) + 8)):
            if view[i].low in self._articles and i + 1 < end and i > 0 \
                    and view[i - 1].low in self._media:
                owner = reader.at(view, i + 1, end=end)
                if owner is not None:
                    return self._resolved(view, owner, candidate, registry, previous, "document_owner")
        if cue is not None:
            phrases = self._phrases(view, reader, view.sentence_range(cue.first)[0], cue.first, covered)
            strong = [p for p in phrases if p.strong and p.pronoun is None]
            if strong:
                return self._resolved(view, strong[0], candidate, registry, previous, "sentence_subject")
        if previous is not None:
            return previous, None, "implicit_previous", 0.6
        return None, None, "none", 0.0

    # ------------------------------------------------------------------ frame details

    def _addressee(self, view, candidate: Candidate, reader: PhraseReader,
                   subject: Phrase | None) -> Mention | None:
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
            if phrase is not None and (subject is None or phrase.first != subject.first) \
                    and phrase.pronoun is None:
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

    def _note_subjects(self, view: TokenView, reader: PhraseReader, registry: Registry,
                       covered) -> None:
        """Each sentence's subject is a referent later pronouns and offices may take up."""
        for first, last in view.sentences:
            phrases = self._phrases(view, reader, first, last, covered)
            subject = next((p for p in phrases if p.strong and p.pronoun is None), None)
            if subject is not None:
                entity = registry.resolve(view, subject, view[subject.first].start, 0)
                registry.note(view[subject.first].start, entity)


def candidate_end_token(view: TokenView, candidate: Candidate) -> int:
    """The token where the search between a cue and its content must stop."""
    return min(view.first_at_or_after(candidate.start), len(view)) if candidate.cue is None \
        or view[candidate.cue.last - 1].end <= candidate.start else candidate.cue.last


def to_speakers(registry: Registry, quote_ids: dict[str, list[str]]) -> tuple[Speaker, ...]:
    """The entities that speak in the document, as public `Speaker` records."""
    speakers = []
    for entity in registry.entities:
        ids = quote_ids.get(entity.id, [])
        if not ids:
            continue
        aliases = tuple(dict.fromkeys(a for a in entity.aliases if a != entity.name))
        speakers.append(Speaker(
            id=entity.id, name=entity.name, kind=entity.kind, side=entity.side,
            gazetteer_id=entity.gazetteer.id if entity.gazetteer else None,
            aliases=aliases, quote_ids=tuple(ids),
        ))
    return tuple(speakers)


def _agrees(entity: Entity, pronoun: str) -> bool:
    if entity.kind in (SpeakerKind.DOCUMENT, SpeakerKind.COUNTRY) and pronoun in {"ai", "ajo"}:
        return entity.kind != SpeakerKind.COUNTRY
    if entity.gender is None:
        return True
    return {"ai": "m", "ajo": "f", "tij": "m", "saj": "f"}.get(pronoun, entity.gender) == entity.gender


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
