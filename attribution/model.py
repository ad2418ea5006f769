"""Typed records passed between the stages, and the public result of `analyze`.

Every offset is a Python string index into the text exactly as the user gave it (after
decoding): `text[span.start:span.end] == span.text` holds for every span in an `Analysis`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.1"  # 1.1: the article's url, outlet and author in DocumentMeta


class Frozen(BaseModel):
    """The base of every record the package passes between stages or reads from a file: a
    value once made is not changed behind the next stage's back, and a misspelt field is an
    error, not a silently ignored key."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class CharSpan(Frozen):
    """A stretch of the original text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> CharSpan:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        return self


# ---------------------------------------------------------------- document and NLP layer


class Word(Frozen):
    """A syntactic word; a multi-word token (t’i = të + i) holds several."""

    text: str
    lemma: str | None = None
    upos: str | None = None
    feats: str | None = None


class Token(Frozen):
    """A surface token with its offsets; `words` carries what the models said of it."""

    text: str
    start: int
    end: int
    words: tuple[Word, ...] = ()

    @property
    def lemma(self) -> str | None:
        return self.words[0].lemma if len(self.words) == 1 else None

    @property
    def upos(self) -> str | None:
        return self.words[0].upos if len(self.words) == 1 else None


class Sentence(Frozen):
    start: int
    end: int
    paragraph: int = Field(ge=0, description="index of the paragraph the sentence is in")
    tokens: tuple[Token, ...]


class DocumentMeta(Frozen):
    """Where a text came from. `source` is how it was loaded (a file name, `stdin`, a link);
    `url`, `outlet` and `author` are the article's own, where the page or the desk says them,
    and are what reports name: a reader of a report has no use for a path on a desk's disk."""

    source: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = Field(default=None, description="the site or paper that published it")
    author: str | None = None
    date: str | None = None
    sha256: str

    @property
    def label(self) -> str:
        """What to call the article where a person reads it: its title, address or file name."""
        return self.title or self.url or _file_name(self.source) or "untitled article"

    @property
    def stem(self) -> str:
        """A file name for what is written about the article: its file's, else its id."""
        loaded_from_file = self.source and self.source != self.url and "://" not in self.source
        name = _file_name(self.source) if loaded_from_file else None
        stem = name.rsplit(".", 1)[0] if name and "." in name else name
        return stem if stem and stem not in _NOT_FILES else f"article-{self.sha256[:12]}"

    @property
    def narrator(self) -> str:
        """Who claims what the article says in its own voice: the outlet, where known."""
        return self.outlet or "the article"


_NOT_FILES = frozenset({"stdin", "pasted text", "input"})


def _file_name(source: str | None) -> str | None:
    return source.replace("\\", "/").rsplit("/", 1)[-1] if source else None


class Document(Frozen):
    """A text after the NLP stage: sentences and tokens with offsets into `text`."""

    meta: DocumentMeta
    text: str
    sentences: tuple[Sentence, ...]


# ------------------------------------------------------------------ attribution layer


class CueKind(StrEnum):
    SPEECH = "speech"  # tha, deklaroi, u shpreh
    DOCUMENT = "document"  # thuhet në deklaratë, theksohet në raport
    ACCORDING = "according"  # sipas X, siç tha X
    BELIEF = "belief"  # beson se, shpreson se, zotohet se (optional in FORMAT.md)
    APPEAL = "appeal"  # bëri thirrje që, kërcënoi se (optional unless in marks)
    HEARSAY = "hearsay"  # raportohet se, pretendohet se (optional unless sourced)
    CREDIT = "credit"  # transmeton AA, raporton X (an outlet's credit line)


class Cue(CharSpan):
    """How the statement is reported: the reporting expression as written."""

    kind: CueKind
    lexeme: str = Field(description="the cue lexicon entry that matched")


class Mention(CharSpan):
    """Where a speaker is named, or referred to, in the text."""


class SpeakerKind(StrEnum):
    PERSON = "person"
    INSTITUTION = "institution"
    COUNTRY = "country"
    MEDIA = "media"
    DOCUMENT = "document"
    GROUP = "group"
    UNKNOWN = "unknown"


class SpeakerRef(Frozen):
    """Who said one quote: the canonical speaker, and the words that point to them here."""

    id: str
    name: str
    kind: SpeakerKind = SpeakerKind.UNKNOWN
    side: str | None = None
    mention: Mention | None = None
    rule: str = Field(description="the rule that decided this speaker")
    confidence: float = Field(ge=0.0, le=1.0)


class Quote(CharSpan):
    id: str
    type: Literal["direct", "indirect"]
    cue: Cue | None = None
    speaker: SpeakerRef | None = None
    speakers: tuple[SpeakerRef, ...] | None = Field(
        default=None,
        description="every speaker of a joint statement (X dhe Y deklaruan se …), `speaker` "
        "first; None where one speaks",
    )
    addressee: Mention | None = None
    medium: Mention | None = None
    via: tuple[str, ...] | None = Field(
        default=None,
        description="the outlets the statement came through, from its credit lines, nearest "
        "the statement first (…, shkruan Novosti, transmeton Bota Sot: Novosti, Bota Sot)",
    )
    rule: str = Field(description="the rule that found the quote")
    confidence: float = Field(ge=0.0, le=1.0)
    optional: bool = Field(
        default=False,
        description="a belief, pledge, hearsay, credit line or short fragment (FORMAT.md)",
    )

    @property
    def every_speaker(self) -> tuple[SpeakerRef, ...]:
        """Each speaker of the quote: the joint speakers, the one speaker, or none."""
        return self.speakers or ((self.speaker,) if self.speaker is not None else ())


class Speaker(Frozen):
    """One canonical speaker of a document, with every way the text names them."""

    id: str
    name: str
    kind: SpeakerKind = SpeakerKind.UNKNOWN
    side: str | None = None
    gazetteer_id: str | None = None
    aliases: tuple[str, ...] = ()
    quote_ids: tuple[str, ...] = ()


class AnalysisWarning(Frozen):
    code: str
    message: str
    start: int | None = None
    end: int | None = None


class Provenance(Frozen):
    tool_version: str
    schema_version: str = SCHEMA_VERSION
    models: str
    processors: tuple[str, ...]
    lexicons: dict[str, str]


class ClaimFeature(CharSpan):
    """A signal that makes a span check-worthy, where it shows, and what it weighs."""

    name: str
    weight: float


class Claimant(Frozen):
    """Who makes a claim: the speaker of the quote it is in, or the outlet in its narration."""

    kind: Literal["speaker", "outlet"]
    name: str
    speaker_id: str | None = None
    quote_id: str | None = None
    via: Literal["quote", "reported speech", "narration"]


class Claim(CharSpan):
    """A check-worthy span: a sentence, or the part of one inside a quote."""

    id: str
    rank: int = Field(ge=1, description="1 is the most check-worthy claim of the document")
    score: float = Field(description="the sum of the weights of `features`")
    features: tuple[ClaimFeature, ...]
    claimant: Claimant


class Analysis(Frozen):
    """Everything `analyze` found in one document."""

    meta: DocumentMeta
    text: str
    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]
    claims: tuple[Claim, ...] = Field(default=(), description="ranked, most check-worthy first")
    warnings: tuple[AnalysisWarning, ...] = ()
    provenance: Provenance

    def contract_record(self, source: str) -> dict:
        """One line of the output contract (FORMAT.md): the source and its quotes, then the
        rest; `analyze --format jsonl`, `eval` and `batch` all write it."""
        return {
            "source": source,
            "quotes": [q.model_dump(mode="json", exclude_none=True) for q in self.quotes],
            "speakers": [s.model_dump(mode="json", exclude_none=True) for s in self.speakers],
            "claims": [c.model_dump(mode="json", exclude_none=True) for c in self.claims],
            "warnings": [w.model_dump(mode="json") for w in self.warnings],
        }
