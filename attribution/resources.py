"""The linguistic data (attribution/data/), loaded once and validated.

Nothing else opens `data/`. Every curated YAML file has `version`, `lang`, `source` and
`entries`; every word list generated from a kept resource (`*.sq.json`, see
data/LEXICONS.md) has a `header` with its source, version and licence. A file that does not
fit its schema fails here, naming the file and the key, so a desk that extends a lexicon
learns at once what it got wrong. A desk's own gazetteer can be laid over the bundled one
(`load(extra_gazetteers=[...])`).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Annotated, Literal, TypeVar

import yaml
from pydantic import (
    BaseModel,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from .errors import ResourceError
from .model import CueKind, Frozen, SpeakerKind
from .wordlists import CommonWords, NameLexicon, OfficeLexicon, TerritoryLexicon

SUPPORTED_LANGS = ("sq",)
Schema = TypeVar("Schema", bound=BaseModel)


# ------------------------------------------------------------------------- cue lexicon


class CueEntry(Frozen):
    """One reporting verb or expression, in the forms news writes it.

    `forms` are matched as they stand (one or several words); `participles` only after an
    auxiliary (ka thënë, është shprehur) or `duke` (duke thënë), so that an adjectival
    participle (i thënë) is not taken for a report.
    """

    lexeme: str
    kind: CueKind
    forms: tuple[str, ...] = ()
    participles: tuple[str, ...] = ()
    impersonal: bool = Field(
        default=False, description="no subject of its own: thuhet, theksohet, u tha (passive)"
    )
    subjunctive: bool = Field(
        default=False, description="its content may be a të-clause: mohoi të ketë marrë …"
    )


class CueLexicon(Frozen):
    version: str
    lang: str
    source: str
    entries: tuple[CueEntry, ...]


# ------------------------------------------------------------------ speakers and roles


class RoleTerm(Frozen):
    role: str
    start_year: int | None = None
    end_year: int | None = None


class GazetteerEntry(Frozen):
    id: str
    name: str
    name_en: str | None = None
    kind: SpeakerKind
    side: str | None = None
    gender: Literal["m", "f"] | None = None
    aliases: tuple[str, ...] = ()
    roles: tuple[RoleTerm, ...] = ()

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not value or not value.replace("_", "").replace("-", "").isalnum():
            raise ValueError("ids are letters, digits, '-' and '_'")
        return value


class Gazetteer(Frozen):
    version: str
    lang: str
    source: str
    entries: tuple[GazetteerEntry, ...]


class RoleNoun(Frozen):
    """A noun that names a speaker by office or kind: zëdhënësi, ministria, deklarata."""

    stem: str
    kind: SpeakerKind
    forms: tuple[str, ...] = Field(default=(), description="irregular forms the stem misses")
    voice: bool = Field(
        default=False,
        description="an unnamed holder speaks for the body named after it: "
        "zëdhënësi i Departamentit të Shtetit is the Department speaking",
    )


class RoleLexicon(Frozen):
    version: str
    lang: str
    source: str
    entries: tuple[RoleNoun, ...]


class Country(Frozen):
    """A country, the stems of its Albanian name, its demonyms and its capital's name."""

    kind: Literal["country", "union", "region"] = "country"
    name: str
    name_sq: str
    stems: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    capital_stems: tuple[str, ...] = ()


class DemonymLexicon(Frozen):
    version: str
    lang: str
    source: str
    entries: tuple[Country, ...]


class QuoteMarkPair(Frozen):
    opener: str
    closers: tuple[str, ...]
    family: Literal["double", "single"]


class QuoteMarks(Frozen):
    version: str
    lang: str
    source: str
    entries: tuple[QuoteMarkPair, ...]

    @property
    def all_marks(self) -> frozenset[str]:
        return frozenset(m for p in self.entries for m in (p.opener, *p.closers))


class Grammar(Frozen):
    """Closed word classes the rules read, one named list each (see the file's comments)."""

    version: str
    lang: str
    source: str
    entries: dict[str, tuple[str, ...]]

    def pairs(self, name: str) -> tuple[tuple[str, str], ...]:
        """A list of "a>b" rewrites, as (a, b): nominative_endings."""
        return tuple(tuple(item.split(">", 1)) for item in self.entries.get(name, ()))

    def words(self, name: str) -> frozenset[str]:
        try:
            return frozenset(w.casefold() for w in self.entries[name])
        except KeyError:
            raise ResourceError(f"grammar.sq.yaml: no list named {name!r}") from None


class Concept(Frozen):
    name: str
    sq: str
    stems: tuple[str, ...]


class TopicEntries(Frozen):
    stopwords: tuple[str, ...]
    separators: tuple[str, ...]
    concepts: tuple[Concept, ...]


class TopicLexicon(Frozen):
    """What the readout comparison reads (topics.sq.yaml)."""

    version: str
    lang: str
    source: str
    entries: TopicEntries


class ClaimSignal(Frozen):
    """One kind of check-worthy content, the word patterns that show it, and its weight."""

    name: str
    weight: float = Field(gt=0)
    description: str
    patterns: tuple[str, ...]

    @field_validator("patterns")
    @classmethod
    def _stems_long_enough(cls, patterns: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in patterns:
            for word in pattern.split():
                if word.endswith("*") and len(word) < 4:
                    raise ValueError(f"{pattern!r}: a stem needs three letters before '*'")
        return patterns


class ClaimEntries(Frozen):
    min_score: float
    actor_weight: float = Field(ge=0)
    actor_cap: int = Field(ge=0)
    participle_endings: tuple[str, ...]
    not_numbers: tuple[str, ...] = ()
    signals: tuple[ClaimSignal, ...]


class ClaimLexicon(Frozen):
    """What makes a span check-worthy (claims.sq.yaml)."""

    version: str
    lang: str
    source: str
    entries: ClaimEntries


# -------------------------------------------------------------------------- rule table

Confidence = Annotated[float, Field(ge=0.0, le=1.0)]


class Rule(Frozen):
    """A rule the layer names as the maker of a quote or a speaker, and how sure it is.

    One `confidence`; or `variants`, a confidence for each case the rule tells apart (a speech
    cue or another; a speaker named or not); or `inherited`, where the rule reworks what
    another found and keeps that one's confidence.
    """

    description: str = Field(min_length=1)
    confidence: Confidence | None = None
    variants: dict[str, Confidence] = Field(default_factory=dict)
    inherited: bool = False

    @model_validator(mode="after")
    def _one_confidence(self) -> Rule:
        if (self.confidence is not None) + bool(self.variants) + self.inherited != 1:
            raise ValueError("give one of confidence, variants or inherited: true")
        return self


class RuleEntries(Frozen):
    quotes: dict[str, Rule]
    speakers: dict[str, Rule]


class RuleTable(Frozen):
    """The rules by the name a quote or its speaker carries (rules.sq.yaml): the code asks
    here for a rule's confidence, so that none is written in Python."""

    version: str
    lang: str
    source: str
    entries: RuleEntries

    def quote(self, name: str, variant: str | None = None) -> float:
        return _confidence(self.entries.quotes, "quotes", name, variant)

    def speaker(self, name: str, variant: str | None = None) -> float:
        return _confidence(self.entries.speakers, "speakers", name, variant)


def _confidence(rules: dict[str, Rule], section: str, name: str, variant: str | None) -> float:
    """The confidence of a rule, or of its variant; a rule the table lacks is an error."""
    rule, key = rules.get(name), f"rules.sq.yaml: entries.{section}.{name}"
    if rule is None:
        raise ResourceError(f"{key}: no such rule")
    if variant is None and rule.confidence is not None:
        return rule.confidence
    if variant is not None and variant in rule.variants:
        return rule.variants[variant]
    wanted = f"variant {variant!r}" if variant is not None else "single confidence"
    raise ResourceError(f"{key}: has no {wanted}")


class Resources(Frozen):
    lang: str
    cues: CueLexicon
    gazetteer: Gazetteer
    roles: RoleLexicon
    demonyms: DemonymLexicon
    quote_marks: QuoteMarks
    grammar: Grammar
    topics: TopicLexicon
    claims: ClaimLexicon
    common_words: CommonWords
    offices: OfficeLexicon
    names: NameLexicon
    territories: TerritoryLexicon
    rules: RuleTable

    @property
    def versions(self) -> dict[str, str]:
        return {name: getattr(self, name).version for name in _FILES}


_FILES = {
    "cues": ("cues.{lang}.yaml", CueLexicon),
    "gazetteer": ("gazetteer.{lang}.yaml", Gazetteer),
    "roles": ("roles.{lang}.yaml", RoleLexicon),
    "demonyms": ("demonyms.{lang}.yaml", DemonymLexicon),
    "quote_marks": ("quote_marks.yaml", QuoteMarks),
    "grammar": ("grammar.{lang}.yaml", Grammar),
    "topics": ("topics.{lang}.yaml", TopicLexicon),
    "claims": ("claims.{lang}.yaml", ClaimLexicon),
    "common_words": ("common_words.{lang}.json", CommonWords),
    "offices": ("offices.{lang}.json", OfficeLexicon),
    "names": ("names.{lang}.json", NameLexicon),
    "territories": ("countries.{lang}.json", TerritoryLexicon),
    "rules": ("rules.{lang}.yaml", RuleTable),
}


def data_dir() -> Path:
    return Path(str(importlib_resources.files("attribution") / "data"))


def load(lang: str = "sq", *, extra_gazetteers: Iterable[str | Path] = ()) -> Resources:
    """All the data for `lang`; the bundled part is read once per process."""
    base = _load_bundled(lang)
    extras = tuple(Path(p) for p in extra_gazetteers)
    if not extras:
        return base
    entries = {e.id: e for e in base.gazetteer.entries}
    for path in extras:
        for entry in load_file(path, Gazetteer).entries:
            entries[entry.id] = entry  # a desk's entry replaces the bundled one of that id
    gazetteer = base.gazetteer.model_copy(update={"entries": tuple(entries.values())})
    return base.model_copy(update={"gazetteer": gazetteer})


@functools.lru_cache(maxsize=len(SUPPORTED_LANGS))
def _load_bundled(lang: str) -> Resources:
    if lang not in SUPPORTED_LANGS:
        raise ResourceError(
            f"unsupported language {lang!r}; supported: {', '.join(SUPPORTED_LANGS)}"
        )
    parts = {
        name: load_file(data_dir() / pattern.format(lang=lang), schema)
        for name, (pattern, schema) in _FILES.items()
    }
    return Resources(lang=lang, **parts)


# libyaml's parser where PyYAML was built with it: the pure-Python one spent a quarter of a cold
# `analyze` reading the lexicons.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml(text: str) -> object:
    return yaml.load(text, Loader=_SAFE_LOADER)


def load_file(path: Path, schema: type[Schema]) -> Schema:
    """Read one YAML or JSON file into its schema, or fail naming the file and the key."""
    parse = json.loads if path.suffix == ".json" else _yaml
    try:
        raw = parse(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ResourceError(f"{path}: data file not found") from None
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ResourceError(f"{path}: not valid {path.suffix[1:].upper()}: {exc}") from None
    try:
        return schema.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise ResourceError(f"{path.name}: {where}: {first['msg']}") from None
