"""Albanian case endings, for matching names and role nouns across their inflected forms.

Stanza's lemmatizer, trained on a few thousand words, lemmatises proper nouns badly
(Turqia → furqi, Putin → put), so names are matched here instead: a word fits a stem when it
is the stem plus one of the case endings listed in grammar.sq.yaml. Accents are folded only
for comparison (ë ↔ e, ç ↔ c), never in the text the tool reports.
"""

from __future__ import annotations

import functools
import unicodedata

_APOSTROPHES = "’'ʼ`"


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case- and accent-folded form for comparison: Turqisë → turqise, Vuçiç → vucic."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def split_suffix(word: str) -> tuple[str, str]:
    """Split an ending written after a hyphen or apostrophe: SHBA-së → (SHBA, së)."""
    for separator in ("-", *_APOSTROPHES):
        base, sep, tail = word.rpartition(separator)
        if sep and base and tail.isalpha() and len(tail) <= 3:
            return base, tail
    return word, ""


@functools.lru_cache(maxsize=65536)  # names recur on every page; the rules ask again and again
def stem_candidates(word: str, endings: frozenset[str]) -> frozenset[str]:
    """Every folded stem the word could be an inflection of (the word itself included)."""
    base, written_ending = split_suffix(word)
    folded = fold(base)
    if written_ending:
        return frozenset({folded})
    stems = {folded}
    for ending in endings:
        fe = fold(ending)
        if len(folded) - len(fe) >= 3 and folded.endswith(fe):
            stems.add(folded[: -len(fe)])
    return frozenset(stems)


def inflects(word: str, stem: str, endings: frozenset[str]) -> bool:
    """Is `word` the stem itself or the stem plus a case ending?"""
    base, _ = split_suffix(word)
    folded, folded_stem = fold(base), fold(stem)
    if not folded.startswith(folded_stem):
        return False
    rest = folded[len(folded_stem) :]
    return rest == "" or rest in {fold(e) for e in endings}


def same_name(a: str, b: str, endings: frozenset[str], articles: frozenset[str]) -> bool:
    """Two written forms of one name: Erdogan / Erdoganit, Moska / Moskën, SHBA / SHBA-së.

    They share a stem that is most of the shorter form, so that two short names cannot meet
    on a three-letter stem (Put-in, Put-it). `articles` are folded: the article of a name
    changes with its case (i Shtetit / të Shtetit).
    """
    if fold(a) == fold(b) or {fold(a), fold(b)} <= articles:
        return True
    shared = stem_candidates(a, endings) & stem_candidates(b, endings)
    shorter = min(len(fold(split_suffix(a)[0])), len(fold(split_suffix(b)[0])))
    return any(len(stem) >= 3 and len(stem) >= shorter - 3 for stem in shared)
