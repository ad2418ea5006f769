"""Versions of one article: which stored text an edited one descends from, and how reviews
made on the old text move onto the new one.

Articles change after a desk starts on them: a trailing newline, a typo fixed, an update at
the same address. Reviews are attached to character spans, so every edit before a quote
shifts it. A text is recognised as a version of a stored one by its sketch (the smallest
hashes of its five-word shingles, whose overlap estimates how much of the two texts is
shared); each reviewed span is then found again in the new text — verbatim, where the context
before it decides between repeats, else by fuzzy alignment — and snapped to the quote or claim
the new analysis has there. A review whose words are gone cannot be carried, and says so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from .actions import LostReview, Origin, ReviewAction
from .model import Frozen
from .sentences import occurrences
from .sentences import words as text_words

SKETCH_SIZE = 64  # hashes kept per text: enough to tell 0.5 overlap from 0.9
SHINGLE_WORDS = 5
SAME_ARTICLE = 0.5  # estimated share of shingles at which a text is a version of another
FUZZY_MIN = 85.0  # rapidfuzz score at which an edited quote is the same quote
SNAP_MIN = 0.8  # share of overlap at which a carried span is the new analysis's quote
CONTEXT_CHARS = 60  # text before a span that tells repeats of it apart


class Carried(Frozen):
    """What moving one version's reviews onto the next gave."""

    actions: tuple[ReviewAction, ...] = ()
    lost: tuple[LostReview, ...] = ()


def sketch(text: str) -> list[int]:
    """The SKETCH_SIZE smallest hashes of the text's word shingles (a bottom-k MinHash)."""
    words = [w.casefold() for w in text_words(text)]
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS])
        for i in range(max(1, len(words) - SHINGLE_WORDS + 1))
    }
    hashes = {
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big") for s in shingles
    }
    return sorted(hashes)[:SKETCH_SIZE]


def resemblance(a: Sequence[int], b: Sequence[int]) -> float:
    """The estimated share of shingles two texts have in common (Jaccard), from sketches."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:SKETCH_SIZE]
    both = set(a) & set(b)
    return sum(1 for h in union if h in both) / len(union)


def carry(
    actions: Iterable[ReviewAction],
    old_text: str,
    new_text: str,
    *,
    old_sha256: str,
    new_spans: Sequence[tuple[int, int]],
) -> Carried:
    """Each action moved to its span in the new text, or lost where the words are gone."""
    moved: dict[tuple[int, int], tuple[int, int] | None] = {}
    carried, lost = [], []
    for action in actions:
        span = (action.start, action.end)
        if span not in moved:
            found = locate(old_text, new_text, *span)
            moved[span] = _snap(found, new_spans) if found else None
        target = moved[span]
        origin = action.carried_from or Origin(sha256=old_sha256, start=span[0], end=span[1])
        if target is None:
            moved_action = action.model_copy(update={"carried_from": origin})
            lost.append(LostReview(action=moved_action, text=old_text[span[0] : span[1]]))
        else:
            update = {"start": target[0], "end": target[1], "carried_from": origin}
            carried.append(action.model_copy(update=update))
    return Carried(actions=tuple(carried), lost=tuple(lost))


def locate(old_text: str, new_text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where old_text[start:end] is in the new text: verbatim, or edited a little."""
    wanted = old_text[start:end]
    hits = occurrences(new_text, wanted)
    if hits:
        before = old_text[max(0, start - CONTEXT_CHARS) : start]
        best = max(hits, key=lambda at: (_context_score(new_text, at, before), -abs(at - start)))
        return best, best + len(wanted)
    found = fuzz.partial_ratio_alignment(wanted, new_text, score_cutoff=FUZZY_MIN)
    if found is None or found.dest_end <= found.dest_start:
        return None
    return found.dest_start, found.dest_end


def _context_score(text: str, at: int, before: str) -> float:
    return fuzz.ratio(text[max(0, at - len(before)) : at], before)


def _snap(found: tuple[int, int], spans: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """The new analysis's own span where it covers nearly the same text (a quote whose
    boundary moved by a word), else the span as found."""
    best, best_share = found, SNAP_MIN
    for span in spans:
        overlap = min(found[1], span[1]) - max(found[0], span[0])
        share = overlap / (max(found[1], span[1]) - min(found[0], span[0]))
        if share >= best_share:
            best, best_share = span, share
    return best
