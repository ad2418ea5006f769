"""Who said it: choose each quote's speaker among the article's entities.

In text order, each quote's construction (`candidates.Look`) says where its speaker stands:
the subject after the cue (“…”, tha Kremlini), before it (Turqia tha se), after `sipas`, the
headline's name, or none at all. `subjects.py` reads that phrase off the sentence and
`registry.py` resolves it to one entity. What is not a name is taken up here: a pronoun (ai,
ajo) or a null subject (shtoi se) takes the latest compatible speaker; an impersonal cue (u tha
në deklaratë, thuhet në njoftim e IPK-së) takes the document's issuer or the last speaker. The
rule that decided is kept in each `SpeakerRef`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .candidates import Candidate, Look
from .cues import CueMatch
from .gazetteer import Lookup
from .model import CueKind, Mention, SpeakerKind, SpeakerRef
from .phrases import Phrase, PhraseReader, pronoun_genders
from .registry import Entity, Registry
from .resources import Resources
from .subjects import SubjectReader
from .tokens import SpanIndex, TokenView

LOOKBACK_SENTENCES = 6  # how far back a pronoun or an office looks for its referent


@dataclass(frozen=True, slots=True)
class Finding:
    """A quote's speaker as one rule found it: the entity (None where no one is found), the
    phrase that names it (None where the speaker is carried over from before), and the rule's
    name and confidence, which the quote's `SpeakerRef` keeps."""

    entity: Entity | None
    phrase: Phrase | None
    rule: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Attribution:
    speaker: SpeakerRef | None
    addressee: Mention | None
    medium: Mention | None
    joint: tuple[SpeakerRef, ...] = ()  # the others of a joint statement


class SpeakerFinder:
    def __init__(self, resources: Resources, lookup: Lookup):
        self.lookup = lookup
        grammar = resources.grammar
        self._grammar = grammar
        self._media = grammar.words("media_nouns")
        self._complementizers = grammar.words("complementizers")
        self._dative_clitics = grammar.words("dative_clitics")
        self._nominative_pronouns = grammar.words("nominative_pronouns")
        self._pronoun_genders = pronoun_genders(grammar)
        self._rules = resources.rules
        self._subjects = SubjectReader(resources, lookup)

    def attribute(
        self, view: TokenView, candidates: list[Candidate], reader: PhraseReader, year: int | None
    ) -> tuple[list[Attribution], Registry]:
        registry = Registry(self.lookup, self._grammar, year)
        covered = SpanIndex((c.start, c.end) for c in candidates)
        takes_floor = _floor_takers(candidates)
        self._subjects.note_office_holders(view, reader, registry)
        # a credit line wraps its sentence: the sentence's subject is inside it, not the outlet
        statements = SpanIndex((c.start, c.end) for c in candidates if not _credit(c))
        self._subjects.note_subjects(view, reader, registry, statements)
        findings: list[Finding] = []
        joints: list[list[Finding]] = []
        previous: Entity | None = None
        for candidate, floor in zip(candidates, takes_floor, strict=True):
            finding = self._find(view, candidate, reader, registry, covered, previous)
            finding, *joint = self._together(view, reader, registry, candidate, finding)
            findings.append(finding)
            joints.append(joint)
            entity, phrase = finding.entity, finding.phrase
            if entity is None:
                continue
            position = view[phrase.first].start if phrase is not None else candidate.start
            registry.note(min(position, candidate.start), entity)
            if candidate.cue is not None:  # `tha në një deklaratë Këshilli …`: its statement
                lo, hi = view.sentence_range(candidate.cue.first)
                for k in self._subjects.documents_named(view, reader, candidate.cue, lo, hi):
                    registry.issued(view[k].start, self.lookup.role(view[k].text).stem, entity)
            if floor:
                previous = entity
        # references are made last, so that every quote carries its speaker's final name
        return [
            self._attribution(view, candidate, reader, finding, joint)
            for candidate, finding, joint in zip(candidates, findings, joints, strict=True)
        ], registry

    def _together(
        self,
        view: TokenView,
        reader: PhraseReader,
        registry: Registry,
        candidate: Candidate,
        finding: Finding,
    ) -> list[Finding]:
        """Each speaker of a joint statement (`X dhe Y deklaruan se`), found as the first one
        was; the one finding where one speaks."""
        phrase = finding.phrase
        if phrase is None or candidate.cue is None or finding.rule != "subject_before":
            return [finding]
        parts = self._subjects.coordinated(view, reader, phrase, candidate.cue.first)
        if len(parts) < 2:
            return [finding]
        return [
            replace(finding, entity=registry.resolve(view, p, view[p.first].start), phrase=p)
            for p in parts
        ]

    def _attribution(
        self,
        view: TokenView,
        candidate: Candidate,
        reader: PhraseReader,
        finding: Finding,
        joint: list[Finding],
    ) -> Attribution:
        if finding.entity is None:
            return Attribution(None, None, None)
        return Attribution(
            _reference(view, finding),
            self._addressee(view, candidate, reader, finding.phrase),
            self._medium(view, candidate, reader),
            tuple(_reference(view, replace(other, rule="joint_subject")) for other in joint),
        )

    def _find(
        self,
        view: TokenView,
        candidate: Candidate,
        reader: PhraseReader,
        registry: Registry,
        covered: SpanIndex,
        previous: Entity | None,
    ) -> Finding:
        look, cue = candidate.look, candidate.cue
        if look == Look.PREVIOUS:
            return self._finding(previous, None, "previous_speaker")
        if look == Look.TITLE:
            phrase = self._subjects.first_phrase(
                view, reader, candidate.anchor, candidate.bound, covered
            )
            if phrase is None:
                return self._finding(None, None, "none")  # a headline names no one: no quote
            return self._resolved(view, phrase, candidate, registry, previous, "title")
        if look == Look.ACCORDING:
            end = candidate.bound or None
            phrase = reader.at(view, candidate.anchor, end=end) or self._subjects.named_owner(
                view, reader, candidate.anchor, end or len(view)
            )
            if phrase is None:
                return self._finding(previous, None, "null_subject", "no_source")
            return self._resolved(view, phrase, candidate, registry, previous, "according")
        if cue is not None and cue.entry.impersonal:
            return self._implicit(view, candidate, reader, registry, covered, previous)
        if look == Look.AFTER:
            end = candidate.bound or view.sentence_range(max(0, candidate.anchor - 1))[1]
            phrase = reader.subject_after(view, candidate.anchor, end, dative=self._dative(cue))
            cited = self._subjects.cited(view, reader, phrase, end) if phrase is not None else None
            if cited is not None:  # “…”, shkruan gazeta Koha, duke cituar ministrin Gashi
                return self._resolved(view, cited, candidate, registry, previous, "cited_source")
            if phrase is not None:
                return self._resolved(view, phrase, candidate, registry, previous, "subject_after")
            return self._implicit(view, candidate, reader, registry, covered, previous)
        phrase = self._subjects.subject_before(view, reader, candidate, covered)
        if phrase is not None:
            return self._resolved(view, phrase, candidate, registry, previous, "subject_before")
        place = self._subjects.source_place(view, reader, candidate)
        if place is not None:
            return self._resolved(view, place, candidate, registry, previous, "source_place")
        return self._finding(previous, None, "null_subject", "no_subject")

    def _resolved(
        self,
        view: TokenView,
        phrase: Phrase,
        candidate: Candidate,
        registry: Registry,
        previous: Entity | None,
        rule: str,
    ) -> Finding:
        if phrase.pronoun is not None:
            position = min(view[phrase.first].start, candidate.start)
            entity = registry.recent(
                position,
                horizon=self._horizon(view, candidate),
                accept=lambda e: self._agrees(e, phrase.pronoun),
            )
            return self._finding(entity or previous, phrase, "pronoun")
        entity = registry.resolve(view, phrase, view[phrase.first].start)
        named = phrase.name is not None or entity.gazetteer is not None
        return self._finding(entity, phrase, rule, "named" if named else "unnamed")

    def _finding(
        self, entity: Entity | None, phrase: Phrase | None, rule: str, variant: str | None = None
    ) -> Finding:
        """What `rule` found, as sure as rules.sq.yaml says it (or its `variant`) is."""
        return Finding(entity, phrase, rule, self._rules.speaker(rule, variant))

    def _horizon(self, view: TokenView, candidate: Candidate) -> int:
        """The earliest character a pronoun looks back to: a few sentences before the quote."""
        token = min(view.first_at_or_after(candidate.start), len(view) - 1)
        first_sentence = max(0, view[token].sent - LOOKBACK_SENTENCES)
        return view[view.sentences[first_sentence][0]].start

    def _implicit(
        self,
        view: TokenView,
        candidate: Candidate,
        reader: PhraseReader,
        registry: Registry,
        covered: SpanIndex,
        previous: Entity | None,
    ) -> Finding:
        """No subject: `thuhet në njoftim e IPK-së` → IPK; `raporti, ku theksohet se` → the
        report; `Administrata Trump nisi …, dhe në padi thuhet se` → the administration;
        `u tha në deklaratë` → whoever made the statement before."""
        cue = candidate.cue
        if cue is None:
            return self._finding(previous, None, "implicit_previous", "without_cue")
        sentence_start, sentence_end = view.sentence_range(cue.first)
        owner = self._subjects.document_owner(view, reader, cue, sentence_start, sentence_end)
        if owner is not None:
            return self._resolved(view, owner, candidate, registry, previous, "document_owner")
        for k in self._subjects.documents_named(view, reader, cue, sentence_start, sentence_end):
            issuer = registry.issuer(self.lookup.role(view[k].text).stem, view[k].start)
            if issuer is not None:  # `Në raport theksohet` after `X, në raportin e fundit, …`
                return self._finding(issuer, None, "document_issuer")
        relative = self._subjects.relative_at(view, max(sentence_start, cue.first - 2), cue.first)
        if relative is not None:
            antecedent = self._subjects.antecedent(view, reader, relative)
            if antecedent is not None:
                return self._resolved(
                    view, antecedent, candidate, registry, previous, "relative_antecedent"
                )
        phrases = self._subjects.phrases(
            view, reader, sentence_start, cue.first, covered, own=view[cue.first].start
        )
        strong = [p for p in phrases if p.strong and p.pronoun is None]
        if strong:
            return self._resolved(
                view, strong[0], candidate, registry, previous, "sentence_subject"
            )
        if previous is not None:
            return self._finding(previous, None, "implicit_previous", "subjectless_cue")
        earlier = registry.recent(
            candidate.start,
            horizon=self._horizon(view, candidate),
            accept=lambda e: e.kind != SpeakerKind.DOCUMENT,
        )
        if earlier is not None:
            return self._finding(earlier, None, "implicit_recent_subject")
        return self._finding(None, None, "none")

    def _addressee(
        self, view, candidate: Candidate, reader: PhraseReader, subject: Phrase | None
    ) -> Mention | None:
        """`i tha Zërit të Amerikës se` — whom a dative cue addresses."""
        cue = candidate.cue
        if not self._dative(cue):
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

    def _dative(self, cue: CueMatch | None) -> bool:
        """Does the cue address someone (i tha, u tha)?"""
        return cue is not None and cue.clitic in self._dative_clitics

    def _agrees(self, entity: Entity, pronoun: str) -> bool:
        """Can the pronoun stand for the entity? A document may be `ajo` (deklarata), a country
        never is (it is named); where the gazetteer or the name lexicon gives a gender, the
        pronoun's must fit."""
        if (
            entity.kind in (SpeakerKind.DOCUMENT, SpeakerKind.COUNTRY)
            and pronoun in self._nominative_pronouns
        ):
            return entity.kind != SpeakerKind.COUNTRY
        if entity.gender is None:
            return True
        return self._pronoun_genders.get(pronoun, entity.gender) == entity.gender

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


def _reference(view: TokenView, finding: Finding) -> SpeakerRef:
    entity, phrase = finding.entity, finding.phrase
    return SpeakerRef(
        id=entity.id,
        name=entity.name,
        kind=entity.kind,
        side=entity.side,
        mention=_mention(view, phrase) if phrase is not None else None,
        rule=finding.rule,
        confidence=finding.confidence,
    )


def _mention(view: TokenView, phrase: Phrase) -> Mention:
    start, end = view[phrase.first].start, view[phrase.last - 1].end
    return Mention(start=start, end=end, text=view.text[start:end])
