"""Review state derived from the action history (`review.apply`): statuses in order, speaker
corrections, added quotes, verdicts, joint speakers and sides. How actions are recorded and
follow a re-analysis is in tests/test_workflow.py."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from attribution import analyze
from attribution.review import ActionKind, QuoteStatus, ReviewAction, Verdict, apply

TEXT = (
    "“Jemi gati për dialog”, tha ministri i Jashtëm. Ai shtoi se bisedimet vazhdojnë "
    "javën tjetër. Kryeministri deklaroi se taksat nuk do të rriten."
)
T0 = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def analysis():
    return analyze(TEXT)


def _at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def _quote(analysis, n):
    return analysis.quotes[n]


def test_state_follows_the_history_in_order(analysis):
    q = _quote(analysis, 0)
    actions = [
        ReviewAction(kind=ActionKind.REJECT, start=q.start, end=q.end, reviewer="ana", at=_at(1)),
        ReviewAction(kind=ActionKind.CONFIRM, start=q.start, end=q.end, reviewer="ben", at=_at(2)),
        ReviewAction(
            kind=ActionKind.NOTE,
            start=q.start,
            end=q.end,
            reviewer="ben",
            at=_at(3),
            note="u verifikua me videon",
        ),
    ]
    state = apply(analysis, actions).quotes[0]
    assert state.status == QuoteStatus.CONFIRMED
    assert state.reviewer == "ben" and state.notes == ("u verifikua me videon",)
    assert [a.kind for a in state.history] == ["reject", "confirm", "note"]


def test_speaker_correction_uses_a_canonical_speaker_or_makes_a_new_one(analysis):
    q = _quote(analysis, 2)
    to_known = ReviewAction(
        kind=ActionKind.SPEAKER,
        start=q.start,
        end=q.end,
        reviewer="ana",
        at=_at(1),
        speaker=analysis.quotes[0].speaker.name,
    )
    state = apply(analysis, [to_known]).quotes[2]
    assert state.quote.speaker.id == analysis.quotes[0].speaker.id
    assert state.status == QuoteStatus.CORRECTED
    to_new = to_known.model_copy(update={"speaker": "Zëdhënësi i qeverisë"})
    assert apply(analysis, [to_new]).quotes[2].quote.speaker.name == "Zëdhënësi i qeverisë"


def test_added_quote_and_verdict(analysis):
    start = TEXT.index("taksat")
    added = ReviewAction(
        kind=ActionKind.ADD,
        start=start,
        end=start + 6,
        reviewer="ana",
        at=_at(1),
        type="indirect",
        speaker="Kryeministri",
    )
    verdict = ReviewAction(
        kind=ActionKind.VERDICT,
        start=start,
        end=start + 6,
        reviewer="ana",
        at=_at(2),
        verdict=Verdict(rating=2, explanation="Buxheti i ri i rrit."),
    )
    state = apply(analysis, [added, verdict])
    new = next(q for q in state.quotes if q.quote.id == "a1")
    assert new.status == QuoteStatus.ADDED and new.verdict.label == "Kryesisht e rreme"


def test_actions_need_their_values():
    with pytest.raises(ValueError, match="needs its value"):
        ReviewAction(kind=ActionKind.SPEAKER, start=0, end=3, reviewer="ana", at=T0)
    with pytest.raises(ValueError, match="end must come after"):
        ReviewAction(kind=ActionKind.CONFIRM, start=5, end=5, reviewer="ana", at=T0)


def _on(quote, kind: ActionKind, minutes: int, **payload) -> ReviewAction:
    return ReviewAction(
        kind=kind, start=quote.start, end=quote.end, reviewer="ana", at=_at(minutes), **payload
    )


def test_a_review_names_joint_speakers_and_gives_a_speaker_a_side(analysis):
    first, third = _quote(analysis, 0), _quote(analysis, 2)
    joint = _on(first, ActionKind.SPEAKER, 1, speaker="Dmitry Peskov", joint=("Hakan Fidan",))
    sides = [
        _on(first, ActionKind.SIDE, n, speaker="Hakan Fidan", side=side)
        for n, side in ((2, "Russia"), (3, "Turkey"))
    ]
    again = _on(third, ActionKind.SPEAKER, 5, speaker="Hakan Fidan")
    state = apply(analysis, [joint, *sides, again])
    quote = state.quotes[0].quote
    assert [s.name for s in quote.speakers] == ["Dmitry Peskov", "Hakan Fidan"]
    assert quote.speakers[1].side == "Turkey" and quote.speakers[0].side is None  # latest wins
    assert state.quotes[2].quote.speaker.side == "Turkey"  # a speaker's side, on every quote
    fidan = next(s for s in state.applied().speakers if s.name == "Hakan Fidan")
    assert fidan.side == "Turkey" and fidan.quote_ids == (first.id, third.id)
