"""Reports credited by a preposition, not a verb: `Sipas X, …`, `…, sipas X, …`, `A sipas X B`.

`sipas` (according to) credits its clause where it opens a sentence or a clause, or stands set
off by commas; inside a clause only where its source can speak (a person, a body, a report)
and no other report shares the sentence, for `sipas ligjit` (under the law) and `sipas
gjetjeve` (in line with the findings) credit no one. The source is the speaker
(`Look.ACCORDING`); the content is the clause around it.
"""

from __future__ import annotations

from collections.abc import Iterator

from .candidates import MIN_CLAUSE_WORDS, MIN_SENTENCE_WORDS, Candidate, Look, clause_end
from .cues import CueMatch
from .model import SpeakerKind
from .phrases import PhraseReader
from .resources import Resources
from .tokens import SpanIndex, TokenView

SOURCE_WINDOW = 16  # tokens a `sipas` source may run before its comma
SPEAKING_KINDS = {SpeakerKind.PERSON, SpeakerKind.INSTITUTION, SpeakerKind.MEDIA, SpeakerKind.GROUP}


class AccordingTo:
    def __init__(self, resources: Resources):
        grammar = resources.grammar
        self._complementizers = grammar.words("complementizers")
        self._reporting_documents = grammar.words("reporting_documents")
        self._links = grammar.words("null_subject_links")
        self._discourse = grammar.words("discourse_words")
        self._final = grammar.words("final_punctuation")
        self._marks = resources.quote_marks.all_marks
        self._rules = resources.rules

    def find(
        self,
        view: TokenView,
        cue: CueMatch,
        covered: SpanIndex,
        reader: PhraseReader,
        *,
        alone: bool,
    ) -> Iterator[Candidate]:
        """`Sipas X, …` at the head of a sentence or of a clause (`…, pasi sipas tyre …`),
        `…, sipas X, …` set off by commas, and `A sipas X B` where X can speak and no other
        report shares the sentence (`alone`)."""
        sentence_start, sentence_end = view.sentence_range(cue.verb)
        lead = view.tokens[sentence_start : cue.first]
        opening = all(t.low in self._discourse or not t.is_word for t in lead) or (
            alone and lead[-1].low in self._links | self._complementizers
        )
        parenthetical = bool(lead) and lead[-1].text == ","
        end_tok = clause_end(view, cue.last, sentence_end, final=self._final, marks=self._marks)
        inline = (
            alone
            and not (opening or parenthetical)
            and self._speaking_source(view, cue, end_tok, reader)
        )
        if not (opening or parenthetical or inline):
            return  # `… sipas gjetjeve të raportit` means "in line with", not a source
        if inline:  # Të gjitha gratë sipas raportit kanë arritur të ikin: the whole sentence
            start, source_end = sentence_start, inline
        elif opening:
            start = self._after_source(view, cue.last, end_tok, reader)
            if start is None:
                return
            source_end = start
        else:
            start = sentence_start
            source_end = next((k for k in range(cue.last, end_tok) if view[k].text == ","), end_tok)
        parts = [(start, end_tok)]
        if (
            parenthetical
            and not opening
            and alone
            and self._speaking_source(view, cue, end_tok, reader)
        ):  # A, sipas X, B: the clause around the source, in two parts (as `A, thotë X, B`)
            parts = [(sentence_start, cue.first - 1), (source_end + 1, end_tok)]
            parts = [
                p for p in parts if p[0] < p[1] and self._words(view, *p) >= MIN_SENTENCE_WORDS
            ]
        for first, stop in parts:
            candidate = self._attributed(view, first, stop, cue, covered, source_end, not opening)
            if candidate is not None:
                yield candidate

    @staticmethod
    def _words(view: TokenView, first: int, stop: int) -> int:
        return view.words(view[first].start, view[stop - 1].end)

    def _attributed(
        self,
        view: TokenView,
        start: int,
        stop: int,
        cue: CueMatch,
        covered: SpanIndex,
        source_end: int,
        optional: bool,
    ) -> Candidate | None:
        if start >= stop or covered.holds(view[start].start):
            return None
        begin, end = view[start].start, view[stop - 1].end
        if view.words(begin, end) < MIN_CLAUSE_WORDS:
            return None
        return Candidate.of_rule(
            self._rules,
            "indirect",
            begin,
            end,
            "indirect.according",
            Look.ACCORDING,
            cue=cue,
            optional=optional,
            anchor=cue.last,
            bound=source_end,
        )

    def _speaking_source(
        self, view: TokenView, cue: CueMatch, end: int, reader: PhraseReader
    ) -> int | None:
        """Where `sipas X` inside a clause ends, when X can speak (a person, a body, a
        report) and the clause goes on after it; None for `sipas ligjit` (under the law)."""
        source = reader.at(view, cue.last, end=end)
        if source is None or source.last >= end:
            return None
        speaks = source.pronoun is not None or source.kind in SPEAKING_KINDS
        reports = source.role is not None and source.role.stem in self._reporting_documents
        return source.last if speaks or reports else None

    def _after_source(self, view: TokenView, i: int, end: int, reader: PhraseReader) -> int | None:
        """Past the source of `sipas`: to its comma (Sipas raportit të …, me seli në …, …),
        or past the source phrase where no comma follows (Sipas prokurorit akuzat …)."""
        if i + 1 < end and reader.is_pronoun(view[i]) and view[i + 1].text != ",":
            return i + 1  # `Sipas tij masat … po vonohen, përderisa …`: no comma to look for
        comma = next(
            (k for k in range(i, min(end, i + SOURCE_WINDOW)) if view[k].text == ","), None
        )
        if comma is not None:
            start = comma + 1
            nxt = next((k for k in range(start, min(end, start + 6)) if view[k].text == ","), None)
            if nxt is not None and reader.is_preposition(view[start]):
                start = nxt + 1  # `, me seli në Uashington,` describes the source
            return start if start < end else None
        source = reader.at(view, i, end=end)
        return source.last if source is not None and source.last < end else None
