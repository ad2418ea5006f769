"""Who publishes a report, for the ClaimReview markup and the report's footer."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Publication(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    desk: str = "Fact-checking desk"
    url: str | None = None  # where the fact-check is published
