"""Find reporting cues: the words that say someone said something (tha, u shpreh, sipas).

Cues are matched on surface forms from cues.sq.yaml, one or several words long. A
participle counts only after an auxiliary or `duke` (ka thënë, duke theksuar), and a clitic
right before the verb belongs to the cue (i tha, u tha, e ka thënë). Where Stanza's lemmas are
available, a verb whose lemma is a cue lexeme is a cue too: the fallback for forms the
lexicon does not list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from .model import Cue, CueKind
from .resources import CueEntry, Resources
from .tokens import TokenView


@dataclass(frozen=True, slots=True)
class CueMatch:
    first: int  # first token of the cue (clitic or auxiliary included)
    last: int  # one past the last token
    verb: int  # the token carrying the reporting verb or noun
    entry: CueEntry
    gerund: bool = False  # duke thënë: takes its subject from the main clause
    clitic: str | None = None  # i tha / u tha: the verb has an indirect object

    @property
    def kind(self) -> CueKind:
        return self.entry.kind

    def to_model(self, view: TokenView) -> Cue:
        start, end = view[self.first].start, view[self.last - 1].end
        return Cue(
            start=start,
            end=end,
            text=view.text[start:end],
            kind=self.entry.kind,
            lexeme=self.entry.lexeme,
        )


class CueMatcher:
    """Compiled once per `Resources`: an index from first word to the patterns it starts."""

    def __init__(self, resources: Resources):
        grammar = resources.grammar
        self._auxiliaries = grammar.words("auxiliaries")
        self._gerund = grammar.words("gerund_markers")
        self._clitics = grammar.words("clitics")
        self._verb_chain = self._auxiliaries | self._gerund | self._clitics
        self._non_reporting: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for phrase in grammar.words("non_reporting"):  # by last word: `do të thotë` at thotë
            words = tuple(phrase.split())
            self._non_reporting[words[-1]].append(words)
        self._patterns: dict[str, list[tuple[tuple[str, ...], CueEntry, bool]]] = defaultdict(list)
        self._by_lexeme: dict[str, CueEntry] = {}
        for entry in resources.cues.entries:
            self._by_lexeme[entry.lexeme.casefold()] = entry
            for form in entry.forms:
                self._add(form, entry, participle=False)
            for form in entry.participles:
                self._add(form, entry, participle=True)
        for patterns in self._patterns.values():
            patterns.sort(key=lambda p: -len(p[0]))

    def _add(self, form: str, entry: CueEntry, *, participle: bool) -> None:
        words = tuple(form.casefold().split())
        self._patterns[words[0]].append((words, entry, participle))

    def find(self, view: TokenView) -> list[CueMatch]:
        return list(self._iter(view))

    def _iter(self, view: TokenView) -> Iterator[CueMatch]:
        i = 0
        while i < len(view):
            match = self._match_at(view, i)
            if match is None:
                i += 1
                continue
            yield match
            i = match.last

    def _match_at(self, view: TokenView, i: int) -> CueMatch | None:
        token = view[i]
        if token.low in self._non_reporting and self._reports_nothing(view, i):
            return None
        for words, entry, participle in self._patterns.get(token.low, ()):
            end = i + len(words)
            if end > len(view) or any(view[i + k].low != w for k, w in enumerate(words)):
                continue
            if any(view[k].sent != token.sent for k in range(i, end)):
                continue
            if participle:
                return self._participle(view, i, end, entry)
            return self._finite(view, i, end, entry)
        lemma = (token.lemma or "").casefold()
        if token.upos == "VERB" and lemma in self._by_lexeme:
            return self._finite(view, i, i + 1, self._by_lexeme[lemma])
        return None

    def _reports_nothing(self, view: TokenView, i: int) -> bool:
        """`do të thotë se` means "it means that": the verb at i ends such a phrase."""
        for words in self._non_reporting[view[i].low]:
            first = i - len(words) + 1
            if first >= 0 and all(view[first + k].low == w for k, w in enumerate(words)):
                return True
        return False

    def _finite(self, view: TokenView, i: int, end: int, entry: CueEntry) -> CueMatch:
        first, clitic = i, None
        if i > 0 and view[i - 1].low in self._clitics and view[i - 1].sent == view[i].sent:
            first, clitic = i - 1, view[i - 1].low
        return CueMatch(first=first, last=end, verb=i, entry=entry, clitic=clitic)

    def _participle(self, view: TokenView, i: int, end: int, entry: CueEntry) -> CueMatch | None:
        first = i
        while first > 0 and view[first - 1].low in self._verb_chain:
            first -= 1
        chain = [view[k].low for k in range(first, i)]
        if not any(w in self._auxiliaries or w in self._gerund for w in chain):
            return None  # a bare participle is an adjective (i thënë), not a report
        clitic = next((w for w in chain if w in self._clitics and w not in self._auxiliaries), None)
        return CueMatch(
            first=first,
            last=end,
            verb=i,
            entry=entry,
            gerund=any(w in self._gerund for w in chain),
            clitic=clitic,
        )
