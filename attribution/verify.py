"""Check a quote against the original statement: reproduced faithfully, cut, changed, or absent?

For each quote the best-matching passage of the source is found with rapidfuzz: a direct quote
by character alignment (the source substring closest to it), an indirect one over sentences and
windows of sentences by the content words they share, whatever their order. Then a word-level
diff says what was omitted, added and changed, and the score falls in a band. A direct quote is
held to the words themselves; an indirect one to its content (a paraphrase changes the frame,
not the facts). A changed number or a negation added or dropped is never a minor edit.

What "robust to word order" means here is what tests/fixtures/verify.sq.yaml measures: faithful
paraphrases with the frame and order changed; nothing is claimed for free translation.
"""

from __future__ import annotations

import difflib
import functools
from enum import StrEnum

from pydantic import computed_field
from rapidfuzz import fuzz

from .actions import CheckKind
from .gazetteer import Lookup
from .model import Analysis, CharSpan, Frozen
from .morph import fold, stem_candidates
from .resources import load
from .sentences import sentence_bounds, word_spans, words

# Bands, as score thresholds per quote type (calibrated on tests/fixtures/verify.sq.yaml).
DIRECT_BANDS = {"verbatim": 99.99, "minor_edits": 85.0, "substantially_changed": 40.0}
INDIRECT_BANDS = {"verbatim": 90.0, "minor_edits": 80.0, "substantially_changed": 70.0}
OMISSION_WEIGHT = 0.3  # how much a word of the passage the quote leaves out costs
MAX_WINDOW_SENTENCES = 3


class Band(StrEnum):
    VERBATIM = "verbatim"
    MINOR_EDITS = "minor_edits"
    SUBSTANTIALLY_CHANGED = "substantially_changed"
    NOT_FOUND = "not_found"


# What a band says of the attribution: the words are the source's (accurate), are not quite
# (altered words: a negation or an actor changed makes a band substantially changed), or the
# source does not have them at all.
_PROPOSED = {
    Band.VERBATIM: CheckKind.ACCURATE,
    Band.MINOR_EDITS: CheckKind.ACCURATE,
    Band.SUBSTANTIALLY_CHANGED: CheckKind.ALTERED_WORDS,
    Band.NOT_FOUND: CheckKind.NOT_IN_SOURCE,
}


class WordDiff(Frozen):
    omitted: tuple[str, ...] = ()  # in the source, not in the quote
    added: tuple[str, ...] = ()  # in the quote, not in the source
    changed: tuple[tuple[str, str], ...] = ()  # (source word, quote word)


class Verification(Frozen):
    quote_id: str | None = None
    type: str
    quote: str
    band: Band
    score: float
    passage: CharSpan | None = None  # where in the source
    diff: WordDiff = WordDiff()
    reasons: tuple[str, ...] = ()

    @computed_field(description="the attribution check this result suggests to a reviewer")
    @property
    def proposed_check(self) -> CheckKind:
        return _PROPOSED[self.band]


def verify(analysis: Analysis, source: str) -> list[Verification]:
    """Every quote of the analysis, checked against the source text."""
    return [
        verify_quote(q.text, source, kind=q.type).model_copy(update={"quote_id": q.id})
        for q in analysis.quotes
    ]


def verify_quote(quote: str, source: str, *, kind: str = "direct") -> Verification:
    if kind == "direct":
        start, end, score = _direct_passage(quote, source)
    else:
        start, end, score = _indirect_passage(quote, source)
    if (
        end <= start
        or score < (DIRECT_BANDS if kind == "direct" else INDIRECT_BANDS)["substantially_changed"]
    ):
        return Verification(type=kind, quote=quote, band=Band.NOT_FOUND, score=round(score, 1))
    passage = CharSpan(start=start, end=end, text=source[start:end])
    reasons = _critical(passage.text, quote, kind)
    band = _band(score, DIRECT_BANDS if kind == "direct" else INDIRECT_BANDS)
    if reasons and band in (Band.VERBATIM, Band.MINOR_EDITS):
        band = Band.SUBSTANTIALLY_CHANGED
    return Verification(
        type=kind,
        quote=quote,
        band=band,
        score=round(score, 1),
        passage=passage,
        diff=word_diff(passage.text, quote),
        reasons=reasons,
    )


def word_diff(source: str, quote: str) -> WordDiff:
    """Omitted, added and changed words between a passage and a quote (case folded)."""
    a, b = words(source), words(quote)
    omitted, added, changed = [], [], []
    matcher = difflib.SequenceMatcher(
        a=[fold(w) for w in a], b=[fold(w) for w in b], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "delete":
            omitted += a[i1:i2]
        elif op == "insert":
            added += b[j1:j2]
        elif op == "replace":
            changed += list(zip(a[i1:i2], b[j1:j2], strict=False))
            omitted += a[i1 + (j2 - j1) : i2]
            added += b[j1 + (i2 - i1) : j2]
    return WordDiff(omitted=tuple(omitted), added=tuple(added), changed=tuple(changed))


# ------------------------------------------------------------------------ finding passages


def _direct_passage(quote: str, source: str) -> tuple[int, int, float]:
    """The source passage the quote reproduces, word for word where it can.

    Rapidfuzz locates the closest stretch of characters; around it (a cut quote spans more
    of the source than it keeps) the words are aligned. The score is the share of the quote's
    words found in order in the passage, less a little for the passage's words it leaves out:
    a cut is an edit, a word the source never said is worse."""
    needle = _normal(quote)
    quote_words = [fold(w) for w in words(quote)]
    if not needle or not quote_words:
        return 0, 0, 0.0
    alignment = fuzz.partial_ratio_alignment(needle, source.casefold())
    if alignment is None:
        return 0, 0, 0.0
    margin = len(needle) // 2 + 20
    region = word_spans(
        source, max(0, alignment.dest_start - margin), min(len(source), alignment.dest_end + margin)
    )
    matcher = difflib.SequenceMatcher(
        a=[fold(w) for w, _, _ in region], b=quote_words, autojunk=False
    )
    blocks = _core_blocks([b for b in matcher.get_matching_blocks() if b.size])
    if not blocks:
        return 0, 0, 0.0
    first, last = blocks[0], blocks[-1]
    matched = sum(b.size for b in blocks)
    omitted = (last.a + last.size - first.a) - matched
    score = 100.0 * matched / len(quote_words) - OMISSION_WEIGHT * 100.0 * omitted / (
        matched + omitted
    )
    return region[first.a][1], region[last.a + last.size - 1][2], max(0.0, score)


def _core_blocks(blocks: list) -> list:
    """Drop single stray words matched far from the rest (a `të` three sentences away)."""
    while len(blocks) > 1 and blocks[0].size == 1 and blocks[1].a - blocks[0].a > 4:
        blocks = blocks[1:]
    while (
        len(blocks) > 1
        and blocks[-1].size == 1
        and blocks[-1].a - (blocks[-2].a + blocks[-2].size) > 4
    ):
        blocks = blocks[:-1]
    return blocks


def _indirect_passage(quote: str, source: str) -> tuple[int, int, float]:
    """The sentence window whose content words the quote shares most, in any order."""
    terms = " ".join(_content(quote))
    best = (0, 0, 0.0)
    for start, end in _windows(source):
        score = fuzz.token_set_ratio(terms, " ".join(_content(source[start:end])))
        if score > best[2] or (score == best[2] and end - start < best[1] - best[0]):
            best = (start, end, score)
    return best


def _windows(source: str) -> list[tuple[int, int]]:
    """Runs of one to MAX_WINDOW_SENTENCES consecutive sentences."""
    bounds = sentence_bounds(source)
    return [
        (bounds[i][0], bounds[j][1])
        for i in range(len(bounds))
        for j in range(i, min(len(bounds), i + MAX_WINDOW_SENTENCES))
    ]


# ------------------------------------------------------------------------ judging


def _band(score: float, bands: dict[str, float]) -> Band:
    for name in ("verbatim", "minor_edits", "substantially_changed"):
        if score >= bands[name]:
            return Band(name)
    return Band.NOT_FOUND


def _critical(passage: str, quote: str, kind: str) -> tuple[str, ...]:
    """Changes that alter a statement's meaning however few words they touch: a number the
    source does not give, a negation added or dropped, a word swapped for its opposite, and,
    in a direct quote, an actor (an office, a body, a group, a name) the source does not name.
    """
    grammar = _grammar()
    numbers = {fold(w) for w in grammar.words("number_words")}
    negations = {fold(w) for w in grammar.words("negations")}
    source_words = {fold(w) for w in words(passage)}
    quote_words = {fold(w) for w in words(quote)}
    reasons = []
    if any((w[:1].isdigit() or w in numbers) and w not in source_words for w in quote_words):
        reasons.append("a number differs from the source")
    if bool(quote_words & negations) != bool(source_words & negations):
        reasons.append("a negation was added or dropped")
    for a, b in grammar.pairs("opposites"):
        a, b = fold(a), fold(b)
        for one, other in ((a, b), (b, a)):
            if (
                _has_stem(source_words, one)
                and _has_stem(quote_words, other)
                and not _has_stem(source_words, other)
            ):
                reasons.append(f"“{one}” became “{other}”")
    if kind == "direct" and _actors(quote) - _actors(passage):
        reasons.append("the quote names an actor the source does not")
    return tuple(reasons)


def _actors(text: str) -> set[str]:
    """Offices, bodies and groups (by their role stem) a text names."""
    lookup = _lookup()
    return {role.stem for w in words(text) if (role := lookup.role(w)) is not None}


def _has_stem(folded_words: set[str], stem: str) -> bool:
    return any(w.startswith(stem) for w in folded_words)


def _normal(text: str) -> str:
    return " ".join(w.casefold() for w in words(text))


def _content(text: str) -> list[str]:
    """Content words as stems, for comparing a paraphrase with its source."""
    grammar = _grammar()
    negations, endings = grammar.words("negations"), grammar.words("case_endings")
    terms = []
    for word in words(text):
        folded = fold(word)
        if folded.isdigit() or folded in negations:
            terms.append(folded)
        elif len(folded) >= 4:
            terms.append(min(stem_candidates(folded, endings), key=len))
    return terms


def _grammar():
    return load().grammar


@functools.cache
def _lookup() -> Lookup:
    return Lookup(load())
