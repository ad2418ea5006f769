"""Direct quotes: the words between paired marks, and the cue that attributes them.

`“…”, tha X` · `X tha: “…”` · `X tha se “…”` · `“…” Kështu u shpreh X` · a marked sentence
that follows an attributed one · a partial quote inside a reporting sentence (`dënoi … për
“…”`) · a quote broken by its own attribution (`“A - u tha X. - B”`) · a quote whose opening
mark is lost (`… Kinës”, ka thënë Merkel`) · a mark never closed.

Marks around names, titles and terms are not quotes: a marked span is taken only when a cue
attributes it, when it is a sentence of its own, or when it is long enough to be a statement
and no naming word (operacioni, i quajtur, gazeta) nor preposition comes before it.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import replace

from .candidates import (
    MAX_FRAGMENT_WORDS,
    MIN_SENTENCE_WORDS,
    MIN_STATEMENT_WORDS,
    Candidate,
    Look,
)
from .cues import CueMatch
from .marks import MarkedSpan, Pairing
from .model import CueKind
from .resources import Resources
from .tokens import TokenView

CUE_BEFORE_WINDOW = 8  # tokens between a cue and the mark that opens its quote


class DirectQuotes:
    def __init__(self, resources: Resources):
        grammar = resources.grammar
        self._naming = grammar.words("naming_heads")
        self._prepositions = grammar.words("prepositions")
        self._anaphoric = grammar.words("anaphoric_frames")
        self._dashes = grammar.words("dashes")
        self._final = grammar.words("final_punctuation")
        self._marks = resources.quote_marks.all_marks
        self._rules = resources.rules

    def find(self, view: TokenView, pairing: Pairing, cues: list[CueMatch]) -> Iterator[Candidate]:
        cue_at = {c.first: c for c in cues}
        # Marks pair on a stack, so their spans nest or lie apart: of the spans accepted, only
        # the last can hold the next one.
        outer: MarkedSpan | None = None
        for span in pairing.spans:
            if outer is not None and outer.open < span.open and span.close < outer.close:
                continue  # a quote inside a quote is the speaker's own words
            candidate = self._quote_in_marks(view, span, cue_at, cues)
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

    def _quote_in_marks(
        self, view: TokenView, span: MarkedSpan, cue_at: dict[int, CueMatch], cues: list[CueMatch]
    ) -> Candidate | None:
        words = view.words(span.start, span.end)
        if words == 0:
            return None
        after = self._cue_after(view, span.close, cue_at)
        short = words <= MAX_FRAGMENT_WORDS
        if after is not None and self._name_as_subject(view, span, after):
            return None
        if (self._capitalised_name(view, span) and self._after_naming_word(view, span.open)) or (
            self._capitalised_name(view, span, initial_only=True)
            and self._object_of(view, span.open, cue_at)
        ):
            return None  # gazeta amerikane “Politico”, për “Bota sot”, shkruan “CNN”
        if after is not None:
            return self._marked_quote(
                span,
                "direct.cue_after",
                Look.AFTER,
                cue=after,
                optional=short,
                anchor=after.last,
            )
        if self._after_naming_word(view, span.open):
            return None
        before = self._cue_before(view, span.open, cues)
        if before is not None:
            return self._marked_quote(
                span,
                "direct.cue_before",
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
            return self._marked_quote(span, "direct.continued", Look.PREVIOUS)
        if words >= MIN_STATEMENT_WORDS:
            return self._marked_quote(
                span,
                "direct.embedded",
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

    def _after_naming_word(self, view: TokenView, open_: int) -> bool:
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
            attributed = {
                "rule": "direct.interrupted",
                "cue": cue,
                "look": Look.AFTER,
                "anchor": cue.last,
                "bound": closing,
            }
            yield replace(candidate, end=view[i].start, **attributed)
            yield replace(candidate, start=view[closing].end, **attributed)
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
        return Candidate.of_rule(
            self._rules,
            "direct",
            view[first].start,
            closer,
            "direct.lost_opener",
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
        return Candidate.of_rule(
            self._rules,
            "direct",
            opener + 1,
            paragraph_end,
            "direct.unclosed",
            look,
            cue=before,
            anchor=anchor,
        )

    def _marked_quote(self, span: MarkedSpan, rule: str, look: Look, **details) -> Candidate:
        return Candidate.of_rule(self._rules, "direct", span.start, span.end, rule, look, **details)
