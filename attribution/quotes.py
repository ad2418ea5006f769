"""Find quotations: direct quotes between marks, and reported speech around cues.

Each construction of FORMAT.md is one small function that yields `Candidate`s:

direct (between paired marks)
    `“…”, tha X` · `X tha: “…”` · `X tha se “…”` · a marked sentence that follows an
    attributed one · a partial quote inside a reporting sentence (`dënoi … për “…”`) · a quote
    broken by its own attribution (`“A - u tha X. - B”`) · a quote whose opening mark is lost
    (`… Kinës”, ka thënë Merkel`).
indirect (a cue and its content clause)
    `X tha se …` · `X tha: …` · `…, tha X` · `A, thotë X, B` · `sipas X, …` · `siç tha X, …`
    · `thuhet në deklaratë se …`.

Marks around names, titles and terms are not quotes: a marked span is taken only when a cue
attributes it, when it is a sentence of its own, or when it is long enough to be a statement
and no naming word (operacioni, i quajtur, gazeta) comes before it. Speakers are found later
(`speakers.py`); a candidate says where to look for one.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, replace
from enum import StrEnum

from .cues import CueMatch
from .marks import MarkedSpan, Pairing
from .model import CueKind, SpeakerKind
from .phrases import PhraseReader
from .resources import Resources
from .tokens import SpanIndex, TokenView

MIN_STATEMENT_WORDS = 6  # a marked span this long is a statement unless something names it
MIN_SENTENCE_WORDS = 3  # a marked sentence of its own, e.g. a quote following another
MIN_CLAUSE_WORDS = 2  # a reported clause has a subject and a verb at least
MAX_FRAGMENT_WORDS = 2  # attributed fragments this short are optional (FORMAT.md)
CUE_BEFORE_WINDOW = 8  # tokens between a cue and the mark that opens its quote
SE_WINDOW = 14  # tokens between a cue and its complementiser (tha për Zërin e Amerikës se)
QE_WINDOW = 3  # `që` is also a relative pronoun, so it must follow the cue closely
COLON_WINDOW = 4
SUBJECT_WINDOW = 6  # tokens a coordinated frame's subject may take before its cue
SOURCE_WINDOW = 16  # tokens a `sipas` source may run before its comma
PARENTHETICAL_MAX_WORDS = 5  # `Ligji, thotë ajo, i lejon …`: the cue breaks a clause early
SPEAKING_KINDS = {SpeakerKind.PERSON, SpeakerKind.INSTITUTION, SpeakerKind.MEDIA, SpeakerKind.GROUP}
OPTIONAL_KINDS = {CueKind.BELIEF, CueKind.APPEAL, CueKind.HEARSAY, CueKind.CREDIT}


class Look(StrEnum):
    """Where the speaker stage is to look for the speaker of a candidate."""

    AFTER = "after"  # post-verbal subject: “…”, tha Kremlini
    BEFORE = "before"  # pre-verbal subject: Turqia tha se …
    ACCORDING = "according"  # the phrase after `sipas`
    PREVIOUS = "previous"  # a quote that continues the last speaker's words
    SENTENCE = "sentence"  # the subject of the sentence the quote sits in
    TITLE = "title"  # the name before the colon of a headline


@dataclass(slots=True)
class Candidate:
    type: str  # direct | indirect
    start: int
    end: int
    rule: str
    confidence: float
    look: Look
    cue: CueMatch | None = None
    optional: bool = False
    anchor: int = 0  # token the speaker search starts from (see `Look`)
    bound: int = 0  # token the speaker search must not pass


class QuoteFinder:
    def __init__(self, resources: Resources):
        grammar = resources.grammar
        self._complementizers = grammar.words("complementizers")
        self._naming = grammar.words("naming_heads")
        self._prepositions = grammar.words("prepositions")
        self._subjunctive = grammar.words("subjunctive_markers")
        self._anaphoric = grammar.words("anaphoric_frames")
        self._reporting_documents = grammar.words("reporting_documents")
        self._breaks = grammar.words("clause_breaks")
        self._links = grammar.words("null_subject_links")
        self._as = grammar.words("as_markers")
        self._dashes = grammar.words("dashes")
        self._discourse = grammar.words("discourse_words")
        self._final = grammar.words("final_punctuation")
        self._marks = resources.quote_marks.all_marks
        self._compounds = [tuple(c.split()) for c in grammar.words("compound_conjunctions")]

    def find(
        self, view: TokenView, pairing: Pairing, cues: list[CueMatch], reader: PhraseReader
    ) -> list[Candidate]:
        direct = list(self._direct(view, pairing, cues))
        covered = SpanIndex((c.start, c.end) for c in direct)
        free_cues = [c for c in cues if not covered.holds(view[c.first].start)]
        indirect = list(self._indirect(view, free_cues, covered, reader))
        title = list(self._title(view, direct + indirect))
        return sorted(_settle(direct, indirect) + title, key=lambda c: (c.start, c.end))

    # ================================================================== direct quotes

    def _direct(
        self, view: TokenView, pairing: Pairing, cues: list[CueMatch]
    ) -> Iterator[Candidate]:
        cue_at = {c.first: c for c in cues}
        # Marks pair on a stack, so their spans nest or lie apart: of the spans accepted, only
        # the last can hold the next one.
        outer: MarkedSpan | None = None
        for span in pairing.spans:
            if outer is not None and outer.open < span.open and span.close < outer.close:
                continue  # a quote inside a quote is the speaker's own words
            candidate = self._marked(view, span, cue_at, cues)
            if candidate is None:
                continue
            outer = span
            yield from self._split_interrupted(view, candidate, cue_at)
        closers = sorted([s.close for s in pairing.spans] + pairing.stray_closers)
        for closer in pairing.stray_closers:
            candidate = self._lost_opener(view, closer, closers, cue_at)
            if candidate is not None:
                yield candidate
        for opener, paragraph_end in pairing.unclosed:
            candidate = self._unclosed(view, opener, paragraph_end, cues)
            if candidate is not None:
                yield candidate

    def _marked(
        self, view: TokenView, span: MarkedSpan, cue_at: dict[int, CueMatch], cues: list[CueMatch]
    ) -> Candidate | None:
        words = view.words(span.start, span.end)
        if words == 0:
            return None
        after = self._cue_after(view, span.close, cue_at)
        short = words <= MAX_FRAGMENT_WORDS
        if after is not None and self._name_as_subject(view, span, after):
            return None
        if (self._capitalised_name(view, span) and self._named(view, span.open)) or (
            self._capitalised_name(view, span, initial_only=True)
            and self._object_of(view, span.open, cue_at)
        ):
            return None  # gazeta amerikane “Politico”, për “Bota sot”, shkruan “CNN”
        if after is not None:
            return _marked_quote(
                span,
                "direct.cue_after",
                0.95,
                Look.AFTER,
                cue=after,
                optional=short,
                anchor=after.last,
            )
        if self._named(view, span.open):
            return None
        before = self._cue_before(view, span.open, cues)
        if before is not None:
            return _marked_quote(
                span,
                "direct.cue_before",
                0.9,
                Look.BEFORE,
                cue=before,
                optional=short,
                anchor=before.first,
            )
        if (
            self._opens_sentence(view, span)
            and words >= MIN_SENTENCE_WORDS
            and self._ends_statement(view, span)
        ):
            return _marked_quote(span, "direct.continued", 0.7, Look.PREVIOUS)
        if words >= MIN_STATEMENT_WORDS:
            return _marked_quote(
                span,
                "direct.embedded",
                0.6,
                Look.SENTENCE,
                anchor=view.first_at_or_after(span.open),
            )
        return None

    def _cue_after(
        self, view: TokenView, close: int, cue_at: dict[int, CueMatch]
    ) -> CueMatch | None:
        """`“…”, tha X` / `…” - tha X` / `“…” tha ai`: a cue right after the closing mark."""
        i = view.first_at_or_after(close + 1)
        skipped = 0
        while (
            i < len(view)
            and skipped <= 3
            and (view[i].text in {",", *self._dashes} or view[i].text in self._marks)
        ):
            i += 1
            skipped += 1
        if skipped > 3 or i >= len(view):
            return None
        if view[i].text in self._final and i + 1 < len(view):
            i += 1  # “… i paligjshëm.” Kështu u shpreh kryetari: only with the word below
            if view[i].low not in self._anaphoric:
                return None
        if view[i].low in self._anaphoric:
            i += 1  # Kështu u shpreh X, Këtë e ka konfirmuar X: the words before are the quote
        cue = cue_at.get(i)
        return cue if cue is not None and cue.kind != CueKind.ACCORDING else None

    def _name_as_subject(self, view: TokenView, span: MarkedSpan, cue: CueMatch) -> bool:
        """`“Reuters” raportoi se …`: a short capitalised name in marks, the cue's subject."""
        return view[cue.first].start - span.close <= 2 and self._capitalised_name(view, span)

    def _capitalised_name(
        self, view: TokenView, span: MarkedSpan, *, initial_only: bool = False
    ) -> bool:
        """Up to three words, capitalised (the first at least: `“Bota sot”`), no full stop."""
        if view.words(span.start, span.end) > 3:
            return False
        inside = view.tokens[view.first_at_or_after(span.start) : view.first_at_or_after(span.end)]
        words = [t for t in inside if t.is_word]
        checked = words[:1] if initial_only else words
        return all(t.capitalised for t in checked) and inside[-1].text not in self._final

    def _cue_before(self, view: TokenView, open_: int, cues: list[CueMatch]) -> CueMatch | None:
        """`X tha: “…”`, `duke thënë se “…”`, `dënoi autoritetet për “…”` in one sentence."""
        mark = view.first_at_or_after(open_)
        if mark >= len(view):
            return None
        sentences = {view[mark].sent}
        if mark > 0 and view[mark - 1].text == ":":
            sentences.add(view[mark - 1].sent)  # `… u tha gazetarëve: “…` split at the colon
        ended = bisect.bisect_right(cues, mark, key=lambda cue: cue.last)
        # cues are in text order and a token is in one at most: those in reach are the last few
        for cue in reversed(cues[max(0, ended - CUE_BEFORE_WINDOW - 1) : ended]):
            if view[cue.first].sent not in sentences or cue.kind == CueKind.ACCORDING:
                continue
            between = view.tokens[cue.last : mark]
            if len(between) <= CUE_BEFORE_WINDOW and not any(
                t.text in self._marks for t in between
            ):
                return cue
        return None

    def _named(self, view: TokenView, open_: int) -> bool:
        """Marks right after a naming word enclose a name or a title (operacionin “…”)."""
        i = view.last_before(open_)
        return any(view[k].low in self._naming for k in range(max(0, i - 1), i + 1))

    def _object_of(self, view: TokenView, open_: int, cue_at: dict[int, CueMatch]) -> bool:
        """A name in marks right after a preposition or a cue is an outlet or a title, not a
        statement (`në një prononcim për “Bota sot”`, `shkruan “CNN”`)."""
        i = view.last_before(open_)
        if i < 0:
            return False
        cue = next((c for c in (cue_at.get(k) for k in range(max(0, i - 2), i + 1)) if c), None)
        return view[i].low in self._prepositions or (cue is not None and cue.last == i + 1)

    def _opens_sentence(self, view: TokenView, span: MarkedSpan) -> bool:
        i = view.last_before(span.open)
        if i < 0:
            return True
        return (
            view[i].sent != view[i + 1].sent
            or view[i].text in self._final
            or view[i].text in self._dashes
        )

    def _ends_statement(self, view: TokenView, span: MarkedSpan) -> bool:
        """The marked text ends a sentence, inside the marks or right after them."""
        inside = view.text[span.start : span.end].rstrip()
        following = view.text[span.close + 1 : span.close + 3].lstrip()
        return inside[-1:] in self._final or inside[-1:] == "," or following[:1] in self._final

    def _split_interrupted(
        self, view: TokenView, candidate: Candidate, cue_at: dict[int, CueMatch]
    ) -> Iterator[Candidate]:
        """`“A - u tha Rama opozitarëve. - B”`: two quotes, one attribution between them."""
        first = view.first_at_or_after(candidate.start)
        last = view.first_at_or_after(candidate.end)
        for i in range(first, last - 1):
            if view[i].text not in self._dashes or (i + 1) not in cue_at:
                continue
            cue = cue_at[i + 1]
            closing = next(
                (
                    k
                    for k in range(cue.last, min(last, cue.last + 10))
                    if view[k].text in self._dashes
                ),
                None,
            )
            if closing is None:
                continue
            a_end, b_start = view[i].start, view[closing].end
            yield replace(
                candidate,
                end=a_end,
                rule="direct.interrupted",
                cue=cue,
                look=Look.AFTER,
                anchor=cue.last,
                bound=closing,
            )
            yield replace(
                candidate,
                start=b_start,
                rule="direct.interrupted",
                cue=cue,
                look=Look.AFTER,
                anchor=cue.last,
                bound=closing,
            )
            return
        yield candidate

    def _lost_opener(
        self, view: TokenView, closer: int, closers: list[int], cue_at: dict[int, CueMatch]
    ) -> Candidate | None:
        """`… Kinës”, ka thënë Merkel` with no opening mark: the quote starts after the
        previous closing mark in the paragraph (and the attribution after it), or with the
        paragraph. `closers` are all closing marks, paired or not, in text order."""
        cue = self._cue_after(view, closer, cue_at)
        if cue is None:
            return None
        i = view.last_before(closer)
        if i < 0:
            return None
        paragraph = view[i].para
        before = bisect.bisect_left(closers, closer)
        previous_close = closers[before - 1] if before else -1
        sentence = view[i].sent
        while sentence > 0:
            first = view[view.sentences[sentence - 1][0]]
            if first.para != paragraph or first.start <= previous_close:
                break
            sentence -= 1
        first = view.sentences[sentence][0]
        if view[first].start <= previous_close:
            first = view.first_at_or_after(previous_close + 1)
        return Candidate(
            "direct",
            view[first].start,
            closer,
            "direct.lost_opener",
            0.7,
            Look.AFTER,
            cue=cue,
            anchor=cue.last,
        )

    def _unclosed(
        self,
        view: TokenView,
        opener: int,
        paragraph_end: int,
        cues: list[CueMatch],
    ) -> Candidate | None:
        """A mark never closed: the quote runs to the end of its paragraph."""
        if view.words(opener + 1, paragraph_end) < MIN_STATEMENT_WORDS:
            return None
        before = self._cue_before(view, opener, cues)
        look = Look.BEFORE if before is not None else Look.SENTENCE
        anchor = before.first if before is not None else view.first_at_or_after(opener)
        return Candidate(
            "direct",
            opener + 1,
            paragraph_end,
            "direct.unclosed",
            0.5,
            look,
            cue=before,
            anchor=anchor,
        )

    # ================================================================== reported speech

    def _indirect(
        self,
        view: TokenView,
        cues: list[CueMatch],
        covered: SpanIndex,
        reader: PhraseReader,
    ) -> Iterator[Candidate]:
        openings = {c.verb: self._complement(view, c) for c in cues}
        trailing = {c.verb: self._trails(view, c, reader) for c in cues if openings[c.verb] is None}
        frame_starts = sorted(
            start
            for c in cues
            if openings[c.verb] is not None or trailing.get(c.verb) or self._linked(view, c)
            for start in [self._frame_start(view, c, reader)]
            if start < c.first  # a coordinated frame; one nested in the clause stays in it
        )
        for cue in cues:
            if cue.kind == CueKind.ACCORDING:
                alone = sum(view[c.first].sent == view[cue.first].sent for c in cues) == 1
                yield from self._according(view, cue, covered, reader, alone=alone)
            elif cue.kind in OPTIONAL_KINDS and self._subordinate(view, cue):
                continue  # `në rast se dyshon se …` is a condition, not a belief reported
            elif openings[cue.verb] is not None:
                candidate = self._reported(view, cue, openings[cue.verb], frame_starts, covered)
                if candidate is not None:
                    yield candidate
            elif trailing.get(cue.verb):
                yield from self._trailing(view, cue, covered, reader)

    def _subordinate(self, view: TokenView, cue: CueMatch) -> bool:
        return cue.first > 0 and view[cue.first - 1].low in self._complementizers | {"nëse"}

    def _trails(self, view: TokenView, cue: CueMatch, reader: PhraseReader) -> bool:
        """`…, tha X` or `siç tha X`: a cue after a comma (or `siç`) with its subject after it,
        or with none at all where the cue is impersonal (…, thuhet në deklaratë)."""
        lead = cue.first - 1
        if lead < 0 or view[lead].sent != view[cue.first].sent:
            return False
        if view[lead].text not in {",", *self._dashes} and view[lead].low not in self._as:
            return False
        if cue.entry.impersonal:
            return True
        end = view.sentence_range(cue.verb)[1]
        return reader.subject_after(view, cue.last, end) is not None

    def _complement(self, view: TokenView, cue: CueMatch) -> int | None:
        """The token where the content of `tha se …` / `tha: …` starts, if the cue has one.

        Between the cue and `se` come adjuncts and an addressee, and an apposition in commas
        only when `se` follows its closing comma (i tha homologut të tij, Edi Ramës, se …).
        """
        sentence_end = view.sentence_range(cue.verb)[1]
        k, limit = cue.last, min(sentence_end, cue.last + SE_WINDOW + 1)
        if cue.entry.subjunctive and k < sentence_end and view[k].low in self._subjunctive:
            return k  # mohoi të ketë marrë …: the të-clause is the content, të and all
        while k < limit:
            token = view[k]
            if token.low in self._complementizers:
                if (token.low == "që" and k - cue.last > QE_WINDOW) or self._compound(view, k):
                    return None
                start = k + 1
                while start < sentence_end and view[start].text == ",":
                    start += 1
                return start if start < sentence_end else None
            if token.text == ":" and k - cue.last <= COLON_WINDOW:
                return k + 1 if k + 1 < sentence_end else None
            if token.text in self._marks or token.text in self._final:
                return None
            if token.text == ",":
                closing = next(
                    (j for j in range(k + 1, min(limit, k + 7)) if view[j].text == ","), None
                )
                if (
                    closing is None
                    or closing + 1 >= sentence_end
                    or view[closing + 1].low not in self._complementizers
                ):
                    return None
                k = closing
            k += 1
        return None

    def _compound(self, view: TokenView, k: int) -> bool:
        """`në rast se`, `me qëllim që`: the complementiser belongs to a conjunction."""
        for words in self._compounds:
            n = len(words)
            if k - n + 1 >= 0 and tuple(view[j].low for j in range(k - n + 1, k + 1)) == words:
                return True
        return False

    def _linked(self, view: TokenView, cue: CueMatch) -> bool:
        """`… dhe u bëri thirrje aleatëve …`: a second report by the same subject, which ends
        the clause before it. A bare `dhe kërkon …` may as well go on the reported clause."""
        linked = cue.first > 0 and view[cue.first - 1].low in self._links
        return linked and (cue.kind == CueKind.SPEECH or cue.clitic is not None)

    def _frame_start(self, view: TokenView, cue: CueMatch, reader: PhraseReader) -> int:
        """Where a reporting frame begins: its cue with the links before it (, ndërsa, duke),
        and its subject where a link comes before that (`…, por Haradinaj tha se …`)."""
        i = self._subject_start(view, cue, reader)
        while (
            i > 0
            and (view[i - 1].low in self._links or view[i - 1].text == ",")
            and view[i - 1].sent == view[cue.first].sent
        ):
            i -= 1
        return i

    def _subject_start(self, view: TokenView, cue: CueMatch, reader: PhraseReader) -> int:
        sentence_start = view.sentence_range(cue.first)[0]
        window = range(max(sentence_start, cue.first - SUBJECT_WINDOW), cue.first)
        subject = next(
            (
                k
                for k in window
                if (phrase := reader.at(view, k, end=cue.first)) is not None
                and phrase.last == cue.first
                and phrase.pronoun is None
            ),
            None,
        )  # the longest phrase that ends at the cue: deklarata e Hotit, not Hotit
        if subject is None or subject == sentence_start:
            return cue.first
        linked = view[subject - 1].low in self._links or view[subject - 1].text == ","
        return subject if linked else cue.first

    def _reported(
        self,
        view: TokenView,
        cue: CueMatch,
        start: int,
        frame_starts: list[int],
        covered: SpanIndex,
    ) -> Candidate | None:
        sentence_end = view.sentence_range(cue.verb)[1]
        stop, following = sentence_end, bisect.bisect_right(frame_starts, start)
        if following < len(frame_starts):  # the next reporting frame ends the clause
            stop = min(stop, frame_starts[following])
        stop = min(stop, self._clause_break(view, start, stop))
        end_tok = self._trim_end(view, start, stop)
        if end_tok <= start:
            return None
        begin, end = view[start].start, view[end_tok - 1].end
        if _mostly_covered(begin, end, covered):
            return None  # `tha se “…”`: the marks hold the whole clause, a direct quote
        colon = view[start - 1].text == ":"
        kind = cue.kind
        return Candidate(
            "indirect",
            begin,
            end,
            "indirect.colon" if colon else "indirect.complement",
            0.85 if kind == CueKind.SPEECH else 0.6,
            Look.BEFORE,
            cue=cue,
            optional=kind in OPTIONAL_KINDS,
            anchor=cue.first,
        )

    def _clause_break(self, view: TokenView, start: int, stop: int) -> int:
        """`, pasi …` / `, teksa …` ends a reported clause: what follows is the frame."""
        for k in range(start + 1, stop - 1):
            if view[k].text == "," and view[k + 1].low in self._breaks:
                return k
        return stop

    def _trim_end(self, view: TokenView, start: int, stop: int) -> int:
        while stop > start and (
            view[stop - 1].text in self._final
            or (not view[stop - 1].is_word and view[stop - 1].text not in self._marks)
        ):
            stop -= 1
        return stop

    @staticmethod
    def _only_speaker(view: TokenView, first: int, comma: int, reader: PhraseReader) -> bool:
        phrase = reader.at(view, first, end=comma)
        return phrase is not None and phrase.strong and phrase.last >= comma

    def _trailing(
        self, view: TokenView, cue: CueMatch, covered: SpanIndex, reader: PhraseReader
    ) -> Iterator[Candidate]:
        """`…, tha X`, `A, thotë X, B` and `Siç tha X, …`: the content is around the cue."""
        lead = cue.first - 1
        sentence_start, sentence_end = view.sentence_range(cue.verb)
        optional = cue.kind in OPTIONAL_KINDS
        after_subject = self._after_subject_comma(view, cue, sentence_end)
        if view[lead].low in self._as and lead == sentence_start:  # Siç tha X, …
            if after_subject is not None:
                yield self._clause(
                    view, after_subject, sentence_end, cue, "indirect.as_said", optional
                )
            return
        comma = lead - 1 if view[lead].low in self._as else lead
        if comma <= sentence_start or view[comma - 1].text in self._marks:
            return  # `“…”, tha X` is a direct quote's attribution
        first = sentence_start
        while first < comma and (view[first].text in self._marks or not view[first].is_word):
            first += 1
        if first >= comma or covered.holds(view[first].start):
            return
        words_before = view.words(view[first].start, view[comma].start)
        if self._only_speaker(view, first, comma, reader):
            return  # `Trajneri i Kombëtares, Marko Dedaj, u tha gazetarëve: …` — a subject
        if after_subject is not None and words_before <= PARENTHETICAL_MAX_WORDS:
            b_part = self._clause(
                view, after_subject, sentence_end, cue, "indirect.parenthetical", optional
            )
            if b_part is not None:  # Ligji, thotë ajo, i lejon …: the cue breaks the clause
                yield b_part
                yield replace(
                    b_part,
                    start=view[first].start,
                    end=view[comma].start,
                    optional=optional or words_before <= MAX_FRAGMENT_WORDS,
                )
                return
        if words_before >= MIN_SENTENCE_WORDS:
            rule = "indirect.as_said" if comma != lead else "indirect.trailing"
            yield Candidate(
                "indirect",
                view[first].start,
                view[comma].start,
                rule,
                0.75,
                Look.AFTER,
                cue=cue,
                optional=optional,
                anchor=cue.last,
            )

    def _clause(
        self, view: TokenView, start: int, stop: int, cue: CueMatch, rule: str, optional: bool
    ) -> Candidate | None:
        end_tok = self._trim_end(view, start, stop)
        if (
            end_tok <= start
            or view.words(view[start].start, view[end_tok - 1].end) < MIN_SENTENCE_WORDS
        ):
            return None
        return Candidate(
            "indirect",
            view[start].start,
            view[end_tok - 1].end,
            rule,
            0.75,
            Look.AFTER,
            cue=cue,
            optional=optional,
            anchor=cue.last,
        )

    def _after_subject_comma(self, view: TokenView, cue: CueMatch, sentence_end: int) -> int | None:
        """In `A, thotë ajo, B` the token where B starts (None when no B follows)."""
        for k in range(cue.last, min(sentence_end, cue.last + 8)):
            if view[k].text == ",":
                nxt = k + 1
                if nxt < sentence_end and view[nxt].low not in self._links:
                    return nxt
                return None
            if view[k].text in self._marks:
                return None
        return None

    def _according(
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
        end_tok = self._trim_end(view, cue.last, sentence_end)
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
        if start >= end_tok or covered.holds(view[start].start):
            return
        begin, end = view[start].start, view[end_tok - 1].end
        if view.words(begin, end) < MIN_CLAUSE_WORDS:
            return
        yield Candidate(
            "indirect",
            begin,
            end,
            "indirect.according",
            0.8,
            Look.ACCORDING,
            cue=cue,
            optional=not opening,
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
        if reader.is_pronoun(view[i]) and i + 1 < end and view[i + 1].text != ",":
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

    # ================================================================== the headline

    def _title(self, view: TokenView, found: list[Candidate]) -> Iterator[Candidate]:
        """`Departamenti i Shtetit: Ngritja e akuzave …` — a headline that credits a speaker."""
        if not view.tokens or view[0].para != 0:
            return
        first_sentence = view.sentences[0]
        tokens = [t for t in view.tokens[first_sentence[0] : first_sentence[1]] if t.para == 0]
        colon = next((t.i for t in tokens if t.text == ":"), None)
        if colon is None or colon == tokens[0].i or tokens[-1].text in {"."}:
            return
        end_tok = self._trim_end(view, colon + 1, tokens[-1].i + 1)
        if end_tok <= colon + 1 or any(
            c.start < view[colon].start for c in found if c.type == "indirect"
        ):
            return
        yield Candidate(
            "indirect",
            view[colon + 1].start,
            view[end_tok - 1].end,
            "title.colon",
            0.5,
            Look.TITLE,
            optional=True,
            anchor=tokens[0].i,
            bound=colon,
        )


def _marked_quote(
    span: MarkedSpan, rule: str, confidence: float, look: Look, **details
) -> Candidate:
    return Candidate("direct", span.start, span.end, rule, confidence, look, **details)


def _mostly_covered(start: int, end: int, covered: SpanIndex) -> bool:
    """Does one span cover 80% of the range? Such a span holds the range's middle."""
    length = max(1, end - start)
    middle = start + length // 2
    return any(
        min(end, e) - max(start, s) >= 0.8 * length
        for s, e in (covered.spans[k] for k in covered.containing(middle, middle + 1))
    )


_CLAUSE_RULES = {"indirect.complement", "indirect.colon", "indirect.according"}


def _settle(direct: list[Candidate], indirect: list[Candidate]) -> list[Candidate]:
    """A marked fragment inside a reported clause is an optional direct quote of its own;
    a marked quote inside a sentence attributed at its end (`X “…” gjatë …, tha Kremlini`)
    is that attribution's quote, and the sentence is no second quote."""
    dropped: set[int] = set()
    trailing = _Holders(indirect, {"indirect.trailing"})
    clauses = _Holders(indirect, _CLAUSE_RULES)
    for quote in direct:
        holder = trailing.first_holding(quote)
        if (
            holder is not None
            and quote.look in (Look.SENTENCE, Look.BEFORE)
            and (holder.cue is not None and holder.cue.kind != CueKind.CREDIT)
        ):
            quote.cue, quote.look, quote.anchor = holder.cue, holder.look, holder.anchor
            quote.rule = "direct.embedded_trailing"
            dropped.add(id(holder))
            continue
        holder = clauses.first_holding(quote)
        if holder is None:
            continue
        quote.optional = True
        quote.rule = "direct.fragment"
        if quote.look in (Look.SENTENCE, Look.BEFORE):
            quote.cue, quote.look, quote.anchor = holder.cue, holder.look, holder.anchor
    return direct + [c for c in indirect if id(c) not in dropped]


class _Holders:
    """The reported clauses of some rules that may hold a marked quote, indexed by span."""

    def __init__(self, indirect: list[Candidate], rules: set[str]):
        self._clauses = [c for c in indirect if c.rule in rules and not c.optional]
        self._index = SpanIndex((c.start, c.end) for c in self._clauses)

    def first_holding(self, quote: Candidate) -> Candidate | None:
        held_by = self._index.containing(quote.start, quote.end)
        return self._clauses[held_by[0]] if held_by else None
