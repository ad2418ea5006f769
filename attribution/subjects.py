"""Where a quote's speaker stands in its sentence, read off the tokens.

The subject before a cue (past a dateline, a relative pronoun's antecedent, the nearest
subject of a linked clause), a body as the place a statement comes from (`Në Ministrinë e
Jashtme thonë se`), the one an outlet cites (`duke cituar ministrin Gashi`), the document a
cue reports from and its owner (`thuhet në njoftimin e IPK-së`, `raporti … i publikuar nga
OKB`). It also fills the registry before any quote is attributed: every sentence's subject,
every office named with its holder, every document a subject issued.
"""

from __future__ import annotations

from .candidates import Candidate
from .gazetteer import Lookup
from .model import SpeakerKind
from .phrases import Phrase, PhraseReader
from .registry import Entity, Registry
from .resources import Resources
from .tokens import SpanIndex, TokenView

# Speakers that can be the place a statement comes from (Në Ministri thonë, Nga Kremlini).
_BODIES = frozenset({SpeakerKind.INSTITUTION, SpeakerKind.COUNTRY, SpeakerKind.MEDIA})
ISSUER_WINDOW = 12  # tokens between a document and `të publikuar nga X`
DATELINE_TOKENS = 8  # PRISHTINË, 14 tetor 2020 (AA) –
HOLDER_WINDOW = 16  # tokens between an office and its holder's name (i Bankës …, Ilir Dema)
MAX_PARTNER_TOKENS = 8  # `Ministri i Jashtëm turk dhe … deklaruan`: a joint speaker's length


class SubjectReader:
    def __init__(self, resources: Resources, lookup: Lookup):
        self.lookup = lookup
        grammar = resources.grammar
        self._links = grammar.words("null_subject_links")
        self._relatives = [tuple(r.split()) for r in grammar.words("relative_pronouns")]
        self._relative_starts = {words[0] for words in self._relatives}
        self._articles = grammar.words("articles")
        self._source_prepositions = grammar.words("source_prepositions")
        self._dashes = grammar.words("dashes")
        self._issuing = grammar.words("issuing_participles")
        self._agentive = grammar.words("agentive_prepositions")
        self._gerund = grammar.words("gerund_markers")
        self._citing = grammar.words("citing_verbs")
        self._final = grammar.words("final_punctuation")
        self._coordinators = grammar.words("coordinators")
        self._document_determiners = grammar.words("document_determiners")
        self._oblique = tuple(oblique for oblique, _ in grammar.pairs("nominative_endings"))

    def source_place(self, view, reader: PhraseReader, candidate: Candidate) -> Phrase | None:
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

    def subject_before(
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
        phrases = self.phrases(
            view, reader, sentence_start, anchor, covered, own=view[anchor].start
        )
        relative = self.relative_at(view, sentence_start, anchor)
        if relative is not None and not any(p.first > relative for p in phrases):
            antecedent = self.antecedent(view, reader, relative)
            if antecedent is not None:
                return antecedent
        strong = [p for p in phrases if p.strong] or phrases
        speaking = [p for p in strong if p.kind != SpeakerKind.DOCUMENT] or strong
        if (
            speaking
            and cue is not None
            and not cue.gerund
            and self._subjectless_clause(view, cue, sentence_start)
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

    def _subjectless_clause(self, view: TokenView, cue, sentence_start: int) -> bool:
        """Is the cue's clause joined to the one before without a subject (kur tha se)?"""
        k = cue.first - 1
        while k > sentence_start and view[k].text == ",":
            k -= 1
        return k >= sentence_start and view[k].low in self._links

    def antecedent(self, view: TokenView, reader: PhraseReader, relative: int) -> Phrase | None:
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

    def phrases(
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

    def coordinated(
        self, view: TokenView, reader: PhraseReader, phrase: Phrase, cue_first: int
    ) -> list[Phrase]:
        """The speakers of a joint statement, each its own phrase: `Putin dhe Erdogan janë
        zotuar se`, `Shtetet e Bashkuara dhe Mbretëria e Bashkuar kanë akuzuar`. One phrase
        where the subject is one (Ministria e Turizmit dhe Mjedisit)."""
        inside = self._split_names(view, reader, phrase)
        if len(inside) > 1:
            return inside
        k = phrase.last
        if phrase.last == cue_first and phrase.first >= 2:  # X dhe [phrase] deklaruan
            before = reader.ending_at(view, phrase.first - 1, window=MAX_PARTNER_TOKENS)
            if before is not None and view[phrase.first - 1].low in self._coordinators:
                return [before, phrase]
        if k + 1 >= cue_first or view[k].low not in self._coordinators:
            return [phrase]
        other = reader.at(view, k + 1, end=cue_first)
        if other is None or other.pronoun is not None or other.last != cue_first:
            return [phrase]
        return [phrase, other]

    def _split_names(self, view: TokenView, reader: PhraseReader, phrase: Phrase) -> list[Phrase]:
        """A phrase that joined two names with `dhe`, each whole in its own right: two
        countries, or two persons; a complement after `dhe` (e Mjedisit) is no name."""
        for k in range(phrase.first + 1, phrase.last - 1):
            if view[k].low not in self._coordinators or view[k + 1].low.endswith(self._oblique):
                continue
            left = reader.at(view, phrase.first, end=k)
            right = reader.at(view, k + 1, end=phrase.last)
            if left is None or right is None or (left.last, right.last) != (k, phrase.last):
                return [phrase]
            if all(self._whole_name(view, p) for p in (left, right)):
                return [left, right]
        return [phrase]

    def _whole_name(self, view: TokenView, phrase: Phrase) -> bool:
        words = [view[k].text for k in range(phrase.first, phrase.last)]
        return (
            phrase.name is not None
            or phrase.kind == SpeakerKind.COUNTRY
            or self.lookup.territory(words) is not None
        )

    def cited(self, view: TokenView, reader: PhraseReader, outlet: Phrase, end: int):
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

    def first_phrase(self, view, reader, lo, hi, covered: SpanIndex) -> Phrase | None:
        for phrase in self.phrases(view, reader, lo, hi, covered):
            if (
                phrase.role is not None
                or (phrase.name is not None and phrase.strong)
                or self.lookup.entry([view[phrase.first].text]) is not None
            ):
                return phrase
        return None

    def named_owner(self, view, reader: PhraseReader, lo: int, hi: int) -> Phrase | None:
        """The first named body after an article: `Sipas të dhënave të INSTAT` → INSTAT."""
        for k in range(lo + 1, hi):
            if view[k].capitalised and view[k - 1].low in self._articles:
                return reader.at(view, k, end=hi)
        return None

    def relative_at(self, view: TokenView, lo: int, hi: int) -> int | None:
        for i in range(hi - 1, lo - 1, -1):
            if view[i].low not in self._relative_starts:
                continue  # most words start none: a set lookup, not a tuple per pronoun
            for words in self._relatives:
                if tuple(view[k].low for k in range(i, min(hi, i + len(words)))) == words:
                    return i
        return None

    def documents_named(
        self, view: TokenView, reader: PhraseReader, cue, lo: int, hi: int
    ) -> list[int]:
        """Tokens of the document the cue reports from, in a prepositional phrase right after
        it (`thuhet në njoftimin …`) or right before it (`Në deklaratën e Ministrisë …
        thuhet`, `Në deklaratën …, të publikuar pas takimit, thuhet`)."""
        found = []
        for k in range(max(lo, cue.first - 16), min(hi, cue.last + 6)):
            if cue.first <= k < cue.last or not self.is_document(view[k].text):
                continue
            determined = k > 1 and view[k - 1].low in self._document_determiners
            opener = k - 2 if determined else k - 1
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

    def is_document(self, word: str) -> bool:
        role = self.lookup.role(word)
        return role is not None and role.kind == SpeakerKind.DOCUMENT

    def document_owner(
        self, view: TokenView, reader: PhraseReader, cue, lo: int, hi: int
    ) -> Phrase | None:
        """The body named after the document: `njoftim e IPK-së`, `deklaratën e Ministrisë`."""
        for k in self.documents_named(view, reader, cue, lo, hi):
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

    def note_subjects(
        self, view: TokenView, reader: PhraseReader, registry: Registry, covered: SpanIndex
    ) -> None:
        """Each sentence's subject is a referent later pronouns and offices may take up, and
        the issuer of the documents the sentence names."""
        for first, last in view.sentences:
            phrases = self.phrases(view, reader, first, last, covered)
            subject = next((p for p in phrases if p.strong and p.pronoun is None), None)
            if subject is None:
                continue
            entity = registry.resolve(view, subject, view[subject.first].start)
            registry.note(view[subject.first].start, entity)
            if entity.kind == SpeakerKind.DOCUMENT or subject.first != phrases[0].first:
                continue
            self._note_documents(view, reader, registry, subject.last, last, entity)

    def note_office_holders(
        self, view: TokenView, reader: PhraseReader, registry: Registry
    ) -> None:
        """Every office named with its holder (`me guvernatorin e Bankës Qendrore, Ilir Dema`),
        wherever it stands: the office alone may later mean that person."""
        i = 0
        while i < len(view):
            office = self.lookup.role(view[i].text)
            if office is None or office.kind != SpeakerKind.PERSON or not self._named_soon(view, i):
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

    @staticmethod
    def _named_soon(view: TokenView, i: int) -> bool:
        """Is a capitalised word near enough after the office to be its holder's name?"""
        end = min(view.sentence_range(i)[1], i + HOLDER_WINDOW)
        return any(view[k].capitalised for k in range(i + 1, end))

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
            if self.is_document(view[k].text):
                registry.issued(view[k].start, self.lookup.role(view[k].text).stem, entity)


def _quoted_to(covered: SpanIndex, char: int, own: int | None) -> int | None:
    """Where the quoted content holding `char` ends (the furthest end, where several spans
    hold it), leaving out the spans that also hold `own`; None where none holds it."""
    ends = [
        e
        for s, e in (covered.spans[k] for k in covered.containing(char, char + 1))
        if own is None or not s <= own < e
    ]
    return max(ends, default=None)
