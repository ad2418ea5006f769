"""Compare two sides' readouts of one event: what both say, what only one says.

After a call, each side publishes its own readout, and the story is in the difference. Each
side's statements are split into points (sentences, and clauses after `përfshirë`, `ku` …);
each point becomes a set of normalised terms: countries and regions through the demonym data
(krizat libiane → Libya, Kaukazin Jugor → Caucasus), other content words through Albanian case
endings, and words of one concept (bashkëpunim, partneritet) as that concept. Points are then
aligned across the sides with rapidfuzz over their terms, plus the named places they share.
An aligned pair is a topic both sides mention — with each side's wording, the score, and what
each adds; a point left unaligned is that side's alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pydantic import Field
from rapidfuzz import fuzz

from .errors import InputError
from .gazetteer import Lookup
from .model import Analysis, Frozen
from .morph import fold, inflects, stem_candidates
from .resources import Resources
from .sentences import sentence_bounds, words

ALIGN_MIN = 50.0  # score at which two points are one topic
TERM_WEIGHT = 30.0  # each term both points share
PLACE_WEIGHT = 40.0  # a named place both points mention
EXTRA_PLACE_WEIGHT = 10.0  # each further shared place
SAME_STEM_RATIO = 88  # rapidfuzz ratio at which two stems are one word (spelling, inflection)


class Statement(Frozen):
    """What one side said: a quote, or a whole readout."""

    text: str
    speaker: str
    source: str | None = None
    quote_id: str | None = None


class Point(Frozen):
    text: str
    speaker: str
    source: str | None = None
    places: tuple[str, ...] = Field(description="countries and regions, by their English name")
    terms: tuple[str, ...] = Field(description="the normalised content words and concepts")
    keywords: tuple[str, ...] = Field(description="each term as the point writes it")
    concepts: tuple[str, ...] = Field(default=(), description="terms that name a concept")

    def word(self, term: str) -> str:
        return self.keywords[self.terms.index(term)] if term in self.terms else term


class Topic(Frozen):
    label: str = Field(description="its places, concepts and words; places and concepts in English")
    label_sq: str = Field(description="the same with places and concepts in Albanian")
    a: Point | None = None
    b: Point | None = None
    score: float = 0.0
    shared: tuple[str, ...] = ()
    a_only_terms: tuple[str, ...] = ()
    b_only_terms: tuple[str, ...] = ()

    def label_in(self, language: str) -> str:
        return self.label_sq if language == "sq" else self.label


class Comparison(Frozen):
    a_name: str
    b_name: str
    both: tuple[Topic, ...]
    only_a: tuple[Topic, ...]
    only_b: tuple[Topic, ...]


# ------------------------------------------------------------------------ choosing statements


def statements(
    analyses: Iterable[Analysis],
    *,
    speaker: str | None = None,
    side: str | None = None,
    include_optional: bool = False,
) -> list[Statement]:
    """The quotes of one speaker (by name, id or alias) or of one side, across analyses."""
    wanted = fold(speaker) if speaker else None
    chosen = []
    for analysis in analyses:
        aliases = {s.id: {fold(a) for a in (s.name, s.id, *s.aliases)} for s in analysis.speakers}
        for quote in analysis.quotes:
            if quote.speaker is None or (quote.optional and not include_optional):
                continue
            ref = quote.speaker
            if wanted is not None and wanted not in aliases.get(ref.id, {fold(ref.name)}):
                continue
            if side is not None and fold(ref.side or "") != fold(side):
                continue
            chosen.append(
                Statement(
                    text=quote.text,
                    speaker=ref.name,
                    source=analysis.meta.url or analysis.meta.label,
                    quote_id=quote.id,
                )
            )
    return chosen


def sides_of(analyses: Iterable[Analysis]) -> list[str]:
    """The sides the speakers of these analyses speak for, as the data names them."""
    return sorted({s.side for a in analyses for s in a.speakers if s.side and s.quote_ids})


def side_named(name: str, analyses: Sequence[Analysis], lookup: Lookup) -> str:
    """The side a person means, named in Albanian or English (Rusia, Rusisë, Russia), among
    the sides of these analyses; an unknown one is refused with the sides there are."""
    known = sides_of(analyses)
    wanted = fold(name.strip())
    country = lookup.country_named(name)
    for side in known:
        if fold(side) == wanted or (country is not None and country.name == side):
            return side
    listed = ", ".join(_both_names(side, lookup) for side in known) or "none"
    raise InputError(f"no side {name!r} in these articles; the sides are: {listed}")


def _both_names(side: str, lookup: Lookup) -> str:
    albanian = lookup.albanian_name(side)
    return f"{side} ({albanian})" if albanian and albanian != side else side


def readout(text: str, *, name: str, source: str | None = None) -> list[Statement]:
    """A whole document as one side's readout: an official readout names no speaker."""
    return [Statement(text=text, speaker=name, source=source)]


# ------------------------------------------------------------------------ comparing


class Comparer:
    def __init__(self, resources: Resources, lookup: Lookup):
        topics = resources.topics.entries
        self._lookup = lookup
        self._stop = {fold(w) for w in topics.stopwords}
        self._separators = re.compile(
            r",\s+(?=(?:" + "|".join(re.escape(s) for s in topics.separators) + r")\b)",
            re.IGNORECASE,
        )
        self._concept_names = {concept.name for concept in topics.concepts}
        self._concepts_sq = {concept.name: concept.sq for concept in topics.concepts}
        self._concepts = {
            fold(stem): concept.name for concept in topics.concepts for stem in concept.stems
        }

    def compare(
        self,
        a: Sequence[Statement],
        b: Sequence[Statement],
        *,
        a_name: str,
        b_name: str,
        sides: Sequence[str] = (),
    ) -> Comparison:
        """Topics both sides mention, and those only one does. `sides` names the countries
        the two sides are (never a topic of their own comparison)."""
        excluded = {fold(s) for s in sides}
        points_a = [p for s in a for p in self.points(s, excluded)]
        points_b = [p for s in b for p in self.points(s, excluded)]
        pairs = sorted(
            (
                (self.score(pa, pb), i, j)
                for i, pa in enumerate(points_a)
                for j, pb in enumerate(points_b)
            ),
            reverse=True,
        )
        both, used_a, used_b = [], set(), set()
        for score, i, j in pairs:
            if score < ALIGN_MIN or i in used_a or j in used_b:
                continue
            used_a.add(i)
            used_b.add(j)
            both.append(self._pair(points_a[i], points_b[j], score))
        return Comparison(
            a_name=a_name,
            b_name=b_name,
            both=tuple(sorted(both, key=lambda t: -t.score)),
            only_a=tuple(self._alone(p, "a") for i, p in enumerate(points_a) if i not in used_a),
            only_b=tuple(self._alone(p, "b") for j, p in enumerate(points_b) if j not in used_b),
        )

    def points(self, statement: Statement, excluded: set[str]) -> list[Point]:
        pieces = [
            piece
            for s, e in sentence_bounds(statement.text)
            for sentence in [statement.text[s:e]]
            for piece in self._separators.split(sentence)
        ]
        found = []
        for piece in pieces:
            places, terms = self._terms(piece, excluded)
            if places or terms:
                found.append(
                    Point(
                        text=piece.strip(),
                        speaker=statement.speaker,
                        source=statement.source,
                        places=places,
                        terms=tuple(terms),
                        keywords=tuple(terms.values()),
                        concepts=tuple(t for t in terms if t in self._concept_names),
                    )
                )
        return found

    def _terms(self, text: str, excluded: set[str]) -> tuple[tuple[str, ...], dict[str, str]]:
        """The places a point names, and its terms with the word each was read from."""
        places, terms = [], {}
        for word in words(text):
            if word.isdigit():
                continue
            place = self._lookup.country(word) or self._lookup.demonym(word)
            if place is not None:
                if fold(place.name) not in excluded and fold(place.name_sq) not in excluded:
                    places.append(place.name)
                continue
            if word[:1].isupper() and not _sentence_initial(text, word):
                continue  # a person's name is who talked, not what about
            term = self._term(word)
            if term is not None:
                terms.setdefault(term, word)
        return tuple(dict.fromkeys(places)), terms

    def _term(self, word: str) -> str | None:
        """A content word as a term: its concept's name, or its stem stripped of up to two
        case endings (fushat → fush, raporteve → raport)."""
        folded = fold(word)
        if folded in self._stop:
            return None
        concept = next(
            (
                name
                for c, name in self._concepts.items()
                if inflects(folded, c, self._lookup.endings)
            ),
            None,
        )
        if concept is not None:
            return concept
        if len(folded) < 4:
            return None
        stem = folded
        for _ in range(2):
            shorter = min(
                (s for s in stem_candidates(stem, self._lookup.endings) if len(s) >= 4),
                key=len,
                default=stem,
            )
            if shorter == stem:
                break
            stem = shorter
        return next((name for c, name in self._concepts.items() if stem.startswith(c)), stem)

    def score(self, a: Point, b: Point) -> float:
        """Shared terms and places: two shared terms, or a place and a term, make a topic;
        rapidfuzz over the terms breaks ties."""
        shared_terms = sum(1 for t in a.terms if any(self._same(t, u) for u in b.terms))
        shared_places = len(set(a.places) & set(b.places))
        closeness = fuzz.token_set_ratio(" ".join(a.terms), " ".join(b.terms)) / 100
        return min(
            100.0,
            TERM_WEIGHT * shared_terms
            + PLACE_WEIGHT * bool(shared_places)
            + EXTRA_PLACE_WEIGHT * max(0, shared_places - 1)
            + closeness,
        )

    def _pair(self, a: Point, b: Point, score: float) -> Topic:
        shared_terms = [t for t in a.terms if any(self._same(t, u) for u in b.terms)]
        shared = [*sorted(set(a.places) & set(b.places)), *(a.word(t) for t in shared_terms)]
        return Topic(
            **self._labels(shared or _label_parts(a)),
            a=a,
            b=b,
            score=round(score, 1),
            shared=tuple(shared),
            a_only_terms=tuple(a.word(t) for t in a.terms if t not in shared_terms),
            b_only_terms=tuple(
                b.word(t) for t in b.terms if not any(self._same(t, u) for u in a.terms)
            ),
        )

    @staticmethod
    def _same(a: str, b: str) -> bool:
        return a == b or (min(len(a), len(b)) >= 6 and fuzz.ratio(a, b) >= SAME_STEM_RATIO)

    def _alone(self, point: Point, side: str) -> Topic:
        return Topic(**self._labels(_label_parts(point)), **{side: point})

    def _labels(self, parts: Sequence[str]) -> dict[str, str]:
        """A topic's label in English and in Albanian: the places and concepts named in each
        language, the points' own words as they are."""
        albanian = (
            self._lookup.albanian_name(part) or self._concepts_sq.get(part, part) for part in parts
        )
        return {"label": ", ".join(parts), "label_sq": ", ".join(albanian)}


def _label_parts(point: Point) -> list[str]:
    """Places first, then the concepts, then the point's own words."""
    return [*point.places, *point.concepts, *point.keywords][:5]


def _sentence_initial(text: str, word: str) -> bool:
    return text.lstrip().startswith(word)
