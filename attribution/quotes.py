"""Find quotations: direct quotes between marks (`direct.py`), reported speech around cues
(`reported.py`), and how the two settle where they overlap.

Speakers are found later (`speakers.py`); a candidate says where to look for one.
"""

from __future__ import annotations

from .candidates import Candidate, Look
from .cues import CueMatch
from .direct import DirectQuotes
from .marks import Pairing
from .model import CueKind
from .phrases import PhraseReader
from .reported import ReportedSpeech
from .resources import Resources
from .tokens import SpanIndex, TokenView


class QuoteFinder:
    def __init__(self, resources: Resources):
        self._direct = DirectQuotes(resources)
        self._reported = ReportedSpeech(resources)

    def find(
        self, view: TokenView, pairing: Pairing, cues: list[CueMatch], reader: PhraseReader
    ) -> list[Candidate]:
        direct = list(self._direct.find(view, pairing, cues))
        covered = SpanIndex((c.start, c.end) for c in direct)
        free_cues = [c for c in cues if not covered.holds(view[c.first].start)]
        indirect = list(self._reported.find(view, free_cues, covered, reader))
        title = list(self._reported.title(view, direct + indirect))
        return sorted(_settle(direct, indirect) + title, key=lambda c: (c.start, c.end))


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
