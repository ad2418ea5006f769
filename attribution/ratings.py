"""A desk's claim-rating scale: what a claim rating may be, by number or by name.

Desks rate claims on scales of their own: five points from false to true, and named ratings
outside the numbers (unverifiable, misleading). The scale is data (`data/ratings.sq.yaml`, or
a desk's file of the same shape), so a desk changes it without touching Python; a rating keeps
the name and bounds it was given with, so a report says what the desk said at the time.
"""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import Field, model_validator

from .errors import ResourceError
from .morph import fold
from .resources import Frozen, data_dir, load_file


class Rating(Frozen):
    key: str
    value: int | None = None  # a point of the numeric scale; None for a named rating
    sq: str
    en: str

    def name_in(self, language: str) -> str:
        return self.sq if language == "sq" else self.en


class RatingScale(Frozen):
    version: str
    lang: str
    source: str
    entries: tuple[Rating, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _names_are_unique(self) -> RatingScale:
        seen: set[str] = set()
        for rating in self.entries:
            for name in _names(rating):
                if name in seen:
                    raise ValueError(f"{name!r} names two ratings")
                seen.add(name)
        return self

    @property
    def best(self) -> int | None:
        return max((r.value for r in self.entries if r.value is not None), default=None)

    @property
    def worst(self) -> int | None:
        return min((r.value for r in self.entries if r.value is not None), default=None)

    def find(self, name: str | int) -> Rating | None:
        """The rating a person names: by key, number, or its Albanian or English name."""
        wanted = fold(str(name).strip())
        return next((r for r in self.entries if wanted in _names(r)), None)

    def choices(self) -> str:
        return ", ".join(f"{r.value} {r.sq}" if r.value is not None else r.sq for r in self.entries)


def _names(rating: Rating) -> set[str]:
    names = {fold(rating.key), fold(rating.sq), fold(rating.en)}
    return names | ({str(rating.value)} if rating.value is not None else set())


@functools.cache
def default_scale() -> RatingScale:
    return load_file(data_dir() / "ratings.sq.yaml", RatingScale)


def load_scale(path: str | Path | None = None) -> RatingScale:
    """The desk's scale from PATH, else the bundled one."""
    if path is None:
        return default_scale()
    return load_file(Path(path), RatingScale)


__all__ = ["Rating", "RatingScale", "ResourceError", "default_scale", "load_scale"]
