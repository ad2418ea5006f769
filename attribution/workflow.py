"""A desk's workflow over the public API: analyse and keep, review, report.

The CLI's `review` and `report` commands and the dashboard both go through these functions,
so they store, review and report the same way.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from .api import analyze
from .io import SourceDoc
from .model import Analysis
from .resources import Resources
from .review import ActionKind, ReviewAction, ReviewedAnalysis, Verdict, apply
from .store import Store


class ReviewError(Exception):
    """A review action that cannot apply (an unknown quote id, offsets outside the text)."""


def open_article(
    source: SourceDoc,
    store: Store,
    *,
    resources: Resources | None = None,
    processors: Sequence[str] | None = None,
    models: str | Path | None = None,
) -> ReviewedAnalysis:
    """Analyse the article, keep the analysis (when it is new) and apply its reviews."""
    options = {"resources": resources, "models": models}
    if processors is not None:
        options["processors"] = processors
    return keep(analyze(source, **options), store)


def keep(analysis: Analysis, store: Store) -> ReviewedAnalysis:
    """Store the analysis (unless the store has it already) and apply the article's reviews."""
    latest = store.latest_analysis(analysis.meta.sha256)
    if latest is None or latest.model_dump_json() != analysis.model_dump_json():
        store.save_analysis(analysis)
    return reviewed(analysis, store)


def reviewed(analysis: Analysis, store: Store) -> ReviewedAnalysis:
    return apply(analysis, store.actions(analysis.meta.sha256))


def act(
    store: Store,
    state: ReviewedAnalysis,
    kind: ActionKind,
    *,
    reviewer: str,
    quote_id: str | None = None,
    span: tuple[int, int] | None = None,
    speaker: str | None = None,
    quote_type: str | None = None,
    note: str | None = None,
    verdict: Verdict | None = None,
) -> ReviewedAnalysis:
    """Record one action on a quote (by id, or by span for an added quote); re-apply."""
    start, end = span if span is not None else _span_of(state, quote_id)
    claim_ids = {item.claim.id for item in state.claims}
    if quote_id in claim_ids and kind not in (ActionKind.NOTE, ActionKind.VERDICT):
        raise ReviewError(f"{quote_id} is a claim: it takes a note or a verdict, not {kind.value}")
    if not 0 <= start < end <= len(state.analysis.text):
        raise ReviewError(
            f"offsets {start}–{end} are outside the text (0–{len(state.analysis.text)})"
        )
    if kind == ActionKind.ADD:
        existing = next(
            (q.quote.id for q in state.quotes if (q.quote.start, q.quote.end) == (start, end)),
            None,
        )
        if existing is not None:
            raise ReviewError(f"{start}–{end} is already quote {existing}: confirm or correct it")
    action = ReviewAction(
        kind=kind,
        start=start,
        end=end,
        reviewer=reviewer,
        at=_now(),
        speaker=speaker,
        type=quote_type,
        note=note,
        verdict=verdict,
    )
    store.record(state.analysis.meta.sha256, action)
    return reviewed(state.analysis, store)


def import_actions(
    store: Store, state: ReviewedAnalysis, actions: Sequence[ReviewAction]
) -> ReviewedAnalysis:
    for action in actions:
        store.record(state.analysis.meta.sha256, action)
    return reviewed(state.analysis, store)


def default_reviewer() -> str | None:
    return os.environ.get("ATTRIBUTION_REVIEWER") or os.environ.get("USER") or None


def report_time() -> datetime:
    """Now, or SOURCE_DATE_EPOCH where it is set (reproducible reports)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return _now()


def _span_of(state: ReviewedAnalysis, quote_id: str | None) -> tuple[int, int]:
    """The span of a quote (q1, a1) or of a claim (c1): the id a reviewer sees."""
    spans = [item.quote for item in state.quotes] + [item.claim for item in state.claims]
    for span in spans:
        if span.id == quote_id:
            return span.start, span.end
    known = ", ".join(span.id for span in spans) or "none"
    raise ReviewError(f"no quote or claim {quote_id!r} in this article ({known})")


def _now() -> datetime:
    return datetime.now(UTC)
