"""What a reviewer can do to one quote or claim: the actions a review history is made of.

Each action is a fact with its reviewer and time, attached to a span of the text (which stays
the same when the article is analysed again). `review.py` replays them into the state of each
quote; `store.py` keeps them, append-only.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import Field, TypeAdapter, model_validator

from .model import Frozen
from .ratings import RatingScale, default_scale


class ActionKind(StrEnum):
    CONFIRM = "confirm"  # the machine's attribution is right
    SPEAKER = "speaker"  # the speaker is someone else
    TYPE = "type"  # direct ↔ indirect
    REJECT = "reject"  # not a quote
    ADD = "add"  # a quote the machine missed
    SIDE = "side"  # the side a speaker speaks for (set at one of their quotes, holds for all)
    NOTE = "note"  # a remark for colleagues
    VERDICT = "verdict"  # a claim rating: is what the quote or claim says true
    CHECK = "check"  # an attribution check: was it said, by this speaker, in these words


class CheckKind(StrEnum):
    """What the fact-checker found of an attribution: was it said, by this speaker, in these
    words? (Whether what was said is true is a claim rating, `Verdict`.)"""

    ACCURATE = "accurate"
    MISATTRIBUTED = "misattributed"  # someone else said it
    ALTERED_WORDS = "altered_words"  # said, but not in these words
    OUT_OF_CONTEXT = "out_of_context"  # said, but it meant something else where it was said
    NOT_IN_SOURCE = "not_in_source"  # the source the article cites does not have it


class Check(Frozen):
    """An attribution check on a quote."""

    kind: CheckKind
    note: str | None = None

    @property
    def label(self) -> str:
        return self.kind.value.replace("_", " ")

    @property
    def shown(self) -> str:
        return f"{self.label}: {self.note}" if self.note else self.label


class Verdict(Frozen):
    """A claim rating — is what was said true? — on the desk's scale: a point of its numbers,
    or a named rating outside them (unverifiable, misleading). It keeps the name and bounds
    it was given with."""

    rating: int | None = None
    label: str = Field(min_length=1)
    explanation: str = Field(min_length=1)
    best: int | None = None
    worst: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _named_on_the_default_scale(cls, data: object) -> object:
        """A rating kept before scales were a desk's carries only its number."""
        if isinstance(data, dict) and "label" not in data and data.get("rating") is not None:
            scale = default_scale()
            rating = scale.find(data["rating"])
            if rating is None or rating.value is None:
                raise ValueError(f"no rating {data['rating']!r} on the scale ({scale.choices()})")
            data = {**data, "label": rating.sq, "best": scale.best, "worst": scale.worst}
        return data

    @classmethod
    def on(cls, scale: RatingScale, name: str | int, explanation: str) -> Verdict:
        """The rating NAME (a number, a key, an Albanian or English name) on SCALE."""
        rating = scale.find(name)
        if rating is None:
            raise ValueError(f"no rating {str(name)!r} on the desk's scale ({scale.choices()})")
        numeric = rating.value is not None
        return cls(
            rating=rating.value,
            label=rating.sq,
            explanation=explanation,
            best=scale.best if numeric else None,
            worst=scale.worst if numeric else None,
        )

    @property
    def shown(self) -> str:
        """How a report writes it: `4/5 Kryesisht e vërtetë`, or `Mashtruese`."""
        if self.rating is None or self.best is None:
            return self.label
        return f"{self.rating}/{self.best} {self.label}"


class Origin(Frozen):
    """Where a carried review was first made: an earlier version of the article, and the
    span it had there."""

    sha256: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Identity(Frozen):
    """Who an identity provider vouches the reviewer is: the subject (`sub`) it knows them
    by, and the provider itself (`iss`). A typed name has none."""

    subject: str = Field(min_length=1)
    issuer: str = Field(min_length=1)


class ReviewAction(Frozen):
    """One thing a reviewer did to one quote (identified by its span in the document)."""

    kind: ActionKind
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    reviewer: str = Field(min_length=1)
    at: datetime
    speaker: str | None = None
    type: Literal["direct", "indirect"] | None = None
    note: str | None = None
    verdict: Verdict | None = None
    check: Check | None = None
    joint: tuple[str, ...] = Field(
        default=(), description="the other speakers of a joint statement (speaker action)"
    )
    side: str | None = None
    carried_from: Origin | None = Field(
        default=None, description="set on a review carried over from an earlier version"
    )
    identity: Identity | None = Field(
        default=None, description="the signed-in reviewer's subject and identity provider"
    )

    @model_validator(mode="after")
    def _payload_fits_kind(self) -> ReviewAction:
        needed = {
            ActionKind.SPEAKER: self.speaker,
            ActionKind.TYPE: self.type,
            ActionKind.NOTE: self.note,
            ActionKind.VERDICT: self.verdict,
            ActionKind.ADD: self.type,
            ActionKind.SIDE: self.speaker and self.side,
            ActionKind.CHECK: self.check,
        }
        if self.kind in needed and not needed[self.kind]:
            raise ValueError(f"a {self.kind.value} action needs its value")
        if self.end <= self.start:
            raise ValueError("a quote's end must come after its start")
        return self


class LostReview(Frozen):
    """A review that could not be carried to a new version: the words it was about are gone."""

    action: ReviewAction
    text: str = Field(description="what the span said in the version the review was made on")


LOST_LIST = TypeAdapter(tuple[LostReview, ...])
