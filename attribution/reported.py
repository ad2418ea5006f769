"""Reported speech: a cue and its content clause, without marks.

`X tha se …` · `X tha: …` · `X mohoi të ketë …` · `…, tha X` · `A, thotë X, B` · `siç tha X,
…` · `thuhet në deklaratë se …` · a headline's `X: …`; `sipas X, …` is `according.py`'s.

A clause ends with its sentence, at a clause break (`, teksa …`), or where a coordinated
second report begins (`tha se A, por X tha se B`); a report nested in the clause stays in it.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from .according import AccordingTo
from .candidates import (
    MAX_FRAGMENT_WORDS,
    MIN_SENTENCE_WORDS,
    OPTIONAL_KINDS,
    Candidate,
    Look,
    clause_end,
)
from .cues import CueMatch
from .model import CueKind
from .phrases import PhraseReader
from .resources import Resources
from .tokens import SpanIndex, TokenView

COMPLEMENTIZER_WINDOW = 14  # tokens between a cue and its complementiser (tha për … se)
RELATIVE_WINDOW = 3  # `që` is also a relative pronoun: as a complementiser it follows the cue
COLON_WINDOW = 4
SUBJECT_WINDOW = 6  # tokens a coordinated frame's subject may take before its cue
PARENTHETICAL_MAX_WORDS = 5  # `Ligji, thotë ajo, i lejon …`: the cue breaks a clause early
OUTLET_MAX_WORDS = 6  # an outlet's name in a credit line (Anadolu Agency (AA), Bota Sot)


class ReportedSpeech:
    def __init__(self, resources: Resources):
        grammar = resources.grammar
        self._according_to = AccordingTo(resources)
        self._complementizers = grammar.words("complementizers")
        self._relative_complementizers = grammar.words("relative_complementizers")
        self._conditions = self._complementizers | grammar.words("conditional_conjunctions")
        self._subjunctive = grammar.words("subjunctive_markers")
        self._breaks = grammar.words("clause_breaks")
        self._links = grammar.words("null_subject_links")
        self._as = grammar.words("as_markers")
        self._dashes = grammar.words("dashes")
        self._final = grammar.words("final_punctuation")
        self._marks = resources.quote_marks.all_marks
        self._compounds = [tuple(c.split()) for c in grammar.words("compound_conjunctions")]
        self._credit_verbs = grammar.words("credit_verbs")
        self._rules = resources.rules

    def find(
        self,
        view: TokenView,
        cues: list[CueMatch],
        covered: SpanIndex,
        reader: PhraseReader,
    ) -> Iterator[Candidate]:
        openings = {c.verb: self._content_start(view, c) for c in cues}
        cues_in = Counter(view[c.first].sent for c in cues)  # reports sharing each sentence
        trailing = {c.verb: self._trails(view, c, reader) for c in cues if openings[c.verb] is None}
        frame_starts = sorted(
            start
            for c in cues
            if openings[c.verb] is not None or trailing.get(c.verb) or self._second_report(view, c)
            for start in [self._frame_start(view, c, reader)]
            if start < c.first  # a coordinated frame; one nested in the clause stays in it
        )
        for cue in cues:
            if cue.kind == CueKind.ACCORDING:
                alone = cues_in[view[cue.first].sent] == 1
                yield from self._according_to.find(view, cue, covered, reader, alone=alone)
            elif cue.kind in OPTIONAL_KINDS and self._subordinate(view, cue):
                continue  # `në rast se dyshon se …` is a condition, not a belief reported
            elif openings[cue.verb] is not None:
                candidate = self._reported(view, cue, openings[cue.verb], frame_starts, covered)
                if candidate is not None:
                    yield candidate
            elif trailing.get(cue.verb):
                yield from self._trailing(view, cue, covered, reader)

    def _subordinate(self, view: TokenView, cue: CueMatch) -> bool:
        return cue.first > 0 and view[cue.first - 1].low in self._conditions

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
        if reader.subject_after(view, cue.last, end) is not None:
            return True
        return self._credits_an_outlet(view, cue, end)

    def _credits_an_outlet(self, view: TokenView, cue: CueMatch, end: int) -> bool:
        """`…, transmeton “Bota Sot”.`, `…, raporton b92.net.`: a credit verb whose outlet is
        no phrase the reader knows (a name in marks, a web address), closing the sentence."""
        if cue.kind != CueKind.CREDIT and view[cue.first].low not in self._credit_verbs:
            return False
        named = [view[k] for k in range(cue.last, end) if view[k].is_word]
        return 0 < len(named) <= OUTLET_MAX_WORDS and (named[0].capitalised or "." in named[0].text)

    def _content_start(self, view: TokenView, cue: CueMatch) -> int | None:
        """The token where the content of `tha se …` / `tha: …` starts, if the cue has one.

        Between the cue and `se` come adjuncts and an addressee, and an apposition in commas
        only when `se` follows its closing comma (i tha homologut të tij, Edi Ramës, se …).
        """
        sentence_end = view.sentence_range(cue.verb)[1]
        k, limit = cue.last, min(sentence_end, cue.last + COMPLEMENTIZER_WINDOW + 1)
        if cue.entry.subjunctive and k < sentence_end and view[k].low in self._subjunctive:
            return k  # mohoi të ketë marrë …: the të-clause is the content, të and all
        while k < limit:
            token = view[k]
            if token.low in self._complementizers:
                relative = token.low in self._relative_complementizers
                if (relative and k - cue.last > RELATIVE_WINDOW) or self._compound(view, k):
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

    def _second_report(self, view: TokenView, cue: CueMatch) -> bool:
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
        phrase = reader.ending_at(view, cue.first, window=SUBJECT_WINDOW)
        if phrase is None or phrase.first == view.sentence_range(cue.first)[0]:
            return cue.first
        before = view[phrase.first - 1]
        linked = before.low in self._links or before.text == ","
        return phrase.first if linked else cue.first

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
        return Candidate.of_rule(
            self._rules,
            "indirect",
            begin,
            end,
            "indirect.colon" if colon else "indirect.complement",
            Look.BEFORE,
            variant="speech_cue" if cue.kind == CueKind.SPEECH else "other_cue",
            cue=cue,
            optional=cue.kind in OPTIONAL_KINDS,
            anchor=cue.first,
        )

    def _clause_break(self, view: TokenView, start: int, stop: int) -> int:
        """`, pasi …` / `, teksa …` ends a reported clause: what follows is the frame."""
        for k in range(start + 1, stop - 1):
            if view[k].text == "," and view[k + 1].low in self._breaks:
                return k
        return stop

    def _trim_end(self, view: TokenView, start: int, stop: int) -> int:
        return clause_end(view, start, stop, final=self._final, marks=self._marks)

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
            yield self._around_cue(view[first].start, view[comma].start, cue, rule, optional)

    def _clause(
        self, view: TokenView, start: int, stop: int, cue: CueMatch, rule: str, optional: bool
    ) -> Candidate | None:
        end_tok = self._trim_end(view, start, stop)
        if (
            end_tok <= start
            or view.words(view[start].start, view[end_tok - 1].end) < MIN_SENTENCE_WORDS
        ):
            return None
        return self._around_cue(view[start].start, view[end_tok - 1].end, cue, rule, optional)

    def _around_cue(
        self, start: int, end: int, cue: CueMatch, rule: str, optional: bool
    ) -> Candidate:
        """Reported content around its cue (`…, tha X`, `A, thotë X, B`): the subject follows."""
        return Candidate.of_rule(
            self._rules,
            "indirect",
            start,
            end,
            rule,
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

    def title(self, view: TokenView, found: list[Candidate]) -> Iterator[Candidate]:
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
        yield Candidate.of_rule(
            self._rules,
            "indirect",
            view[colon + 1].start,
            view[end_tok - 1].end,
            "title.colon",
            Look.TITLE,
            optional=True,
            anchor=tokens[0].i,
            bound=colon,
        )


def _mostly_covered(start: int, end: int, covered: SpanIndex) -> bool:
    """Does one span cover 80% of the range? Such a span holds the range's middle."""
    length = max(1, end - start)
    middle = start + length // 2
    return any(
        min(end, e) - max(start, s) >= 0.8 * length
        for s, e in (covered.spans[k] for k in covered.containing(middle, middle + 1))
    )
