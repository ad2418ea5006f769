"""Who publishes a report, for the ClaimReview markup and the report's footer."""

from __future__ import annotations

from ..model import Frozen


class Publication(Frozen):
    desk: str = "Fact-checking desk"
    url: str | None = None  # where the fact-check is published
