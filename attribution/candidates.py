"""What the quote rules hand the speaker stage: a `Candidate` span and where to `Look`.

The thresholds both kinds of quote share (how many words make a statement, which cue kinds
are optional in FORMAT.md) and where a reported clause ends live here too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .cues import CueMatch
from .model import CueKind
from .resources import RuleTable
from .tokens import TokenView

MIN_STATEMENT_WORDS = 6  # a marked span this long is a statement unless something names it
MIN_SENTENCE_WORDS = 3  # a marked sentence of its own, e.g. a quote following another
MIN_CLAUSE_WORDS = 2  # a reported clause has a subject and a verb at least
MAX_FRAGMENT_WORDS = 2  # attributed fragments this short are optional (FORMAT.md)
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

    @classmethod
    def of_rule(
        cls,
        rules: RuleTable,
        type_: str,
        start: int,
        end: int,
        rule: str,
        look: Look,
        *,
        variant: str | None = None,
        **details,
    ) -> Candidate:
        """A candidate found by `rule`, as sure as rules.sq.yaml says that rule (or its
        `variant`) is."""
        return cls(type_, start, end, rule, rules.quote(rule, variant), look, **details)


def clause_end(
    view: TokenView, start: int, stop: int, *, final: frozenset[str], marks: frozenset[str]
) -> int:
    """Where a reported clause in tokens [start, stop) ends: before its final punctuation and
    any other punctuation after its last word, but after a closing quotation mark."""
    while stop > start and (
        view[stop - 1].text in final
        or (not view[stop - 1].is_word and view[stop - 1].text not in marks)
    ):
        stop -= 1
    return stop
