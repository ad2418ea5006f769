"""Word lists generated from kept resources (data/*.sq.json; see data/LEXICONS.md).

Each list is large (150,000 word forms) and asked one word at a time, so it is kept packed:
one sorted string searched by bisection, not a set of Python strings. `resources.py` loads
them; `scripts/build-lexicons.sh` builds them.
"""

from __future__ import annotations

import bisect
import itertools
from array import array
from typing import Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from .model import Frozen


class LexiconHeader(Frozen):
    """Where a generated word list comes from: scripts/build-lexicons.sh rebuilds it."""

    version: str
    lang: str
    source: str
    licence: str
    built_by: str
    note: str = ""
    counts: dict[str, int]


class PackedWords:
    """A sorted word list kept in one string, asked by binary search.

    A set of 150,000 Python strings holds about 13 MB; the same words packed hold 2 MB, and a
    word is found in some twenty comparisons. `value` reads lists of `key<TAB>value` lines.
    """

    def __init__(self, words: list[str]):
        # Sorting first is cheap on the nearly sorted lists the build writes; then dedupe.
        ordered = words if _strictly_ascending(words) else list(dict.fromkeys(sorted(words)))
        self._text = "\n".join(ordered)
        lengths = (len(w) + 1 for w in ordered[:-1])
        self._starts = array("L", itertools.accumulate(lengths, initial=0) if ordered else ())

    def __len__(self) -> int:
        return len(self._starts)

    def __getitem__(self, k: int) -> str:
        start = self._starts[k]
        end = self._text.find("\n", start)
        return self._text[start : end if end >= 0 else len(self._text)]

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        k = bisect.bisect_left(self, word)
        return k < len(self) and self[k] == word

    def value(self, key: str) -> str | None:
        """The value of the line `key<TAB>value`, if there is one."""
        k = bisect.bisect_left(self, key + "\t")
        if k < len(self) and self[k].startswith(key + "\t"):
            return self[k][len(key) + 1 :]
        return None


def _strictly_ascending(words: list[str]) -> bool:
    return all(a < b for a, b in itertools.pairwise(words))


class Generated(Frozen):
    model_config = ConfigDict(arbitrary_types_allowed=True)  # PackedWords

    header: LexiconHeader

    @property
    def version(self) -> str:
        return self.header.version


class CommonWords(Generated):
    """Ordinary words (Shumë, Ikja, Detaje, Qendra): capitalised, they are still no name."""

    words: PackedWords
    name_homographs: frozenset[str] = Field(description="ordinary words that are names too")

    @field_validator("words", mode="before")
    @classmethod
    def _packed(cls, words: object) -> PackedWords:
        if isinstance(words, PackedWords):
            return words
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise ValueError("a list of words")
        return PackedWords(words)


class OfficeNoun(Frozen):
    lemma: str
    gender: Literal["m", "f", "mf", "n"]
    en: str | None = None


class OfficeLexicon(Generated):
    """Nouns that name people by office, occupation or group (zëdhënës, grua, banor).

    The file lists each noun with its forms; what the tool keeps is the nouns and one packed
    index from each form to its lemma (`lemma_of`)."""

    lemmas: tuple[str, ...]
    entries: tuple[OfficeNoun, ...]
    forms: PackedWords

    @model_validator(mode="before")
    @classmethod
    def _index_forms(cls, raw: object) -> object:
        if not isinstance(raw, dict) or "forms" in raw or not isinstance(raw.get("entries"), list):
            return raw
        entries = [dict(e) if isinstance(e, dict) else e for e in raw["entries"]]
        index = []
        for entry in entries:
            if isinstance(entry, dict):
                forms = entry.pop("forms", [])
                if not isinstance(forms, list):
                    raise ValueError(f"{entry.get('lemma')}: forms must be a list")
                index += [f"{form}\t{entry.get('lemma')}" for form in forms]
        return {**raw, "entries": entries, "forms": PackedWords(index)}

    def lemma_of(self, form: str) -> str | None:
        return self.forms.value(form)


class PersonName(Frozen):
    name: str
    gender: Literal["m", "f"] | None = None
    src: str
    forms: tuple[str, ...] = ()


class ProperName(Frozen):
    name: str
    kind: str | None = None
    en: str | None = None
    forms: tuple[str, ...] = ()


class Abbreviation(Frozen):
    abbr: str
    gender: str | None = None
    en: str | None = None


class NameLexicon(Generated):
    """First names, surnames, places and abbreviations the lexicon knows."""

    first_names: tuple[PersonName, ...]
    surnames: tuple[PersonName, ...]
    places: tuple[ProperName, ...]
    other_proper: tuple[ProperName, ...]
    abbreviations: tuple[Abbreviation, ...]


class Territory(Frozen):
    code: str
    name: str
    en: str | None = None
    forms: dict[str, str] = Field(default_factory=dict)


class TerritoryLexicon(Generated):
    """CLDR's Albanian names of countries, unions and regions, with case forms."""

    countries: tuple[Territory, ...]
    unions: tuple[Territory, ...]
    regions: tuple[Territory, ...]
