"""What a reviewer records: an attribution check, a claim rating on the desk's scale, and the
action that carries either, with the value each kind of action needs.

A claim rating keeps the name and bounds it was given with, so a report says what the desk
said at the time; a rating stored before scales were a desk's carries its number alone and
is read on the bundled scale.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from attribution.actions import ActionKind, Check, CheckKind, ReviewAction, Verdict
from attribution.ratings import default_scale

AT = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def test_a_point_of_the_scale_is_shown_with_the_scales_best():
    verdict = Verdict.on(default_scale(), "4", "Shifrat përputhen me raportin.")
    assert (verdict.rating, verdict.best, verdict.worst) == (4, 5, 1)
    assert verdict.shown == "4/5 Kryesisht e vërtetë"


def test_a_named_rating_is_shown_by_its_name_alone():
    verdict = Verdict.on(default_scale(), "unverifiable", "Asnjë burim nuk e konfirmon.")
    assert (verdict.rating, verdict.best, verdict.shown) == (None, None, "E paverifikueshme")


def test_a_rating_not_on_the_scale_is_refused_with_the_ratings_there_are():
    with pytest.raises(ValueError, match=r"no rating 'gjysmë' on the desk's scale \(1 E rreme, "):
        Verdict.on(default_scale(), "gjysmë", "x")


def test_a_rating_kept_before_scales_is_read_on_the_bundled_scale():
    kept = Verdict.model_validate({"rating": 2, "explanation": "Buxheti i ri i rrit."})
    assert (kept.label, kept.shown) == ("Kryesisht e rreme", "2/5 Kryesisht e rreme")
    with pytest.raises(ValidationError, match="no rating 9 on the scale"):
        Verdict.model_validate({"rating": 9, "explanation": "x"})


def test_an_attribution_check_is_shown_in_words_with_its_note():
    altered = Check(kind=CheckKind.ALTERED_WORDS, note="“rriten”, jo “ulen”")
    assert altered.shown == "altered words: “rriten”, jo “ulen”"
    assert Check(kind=CheckKind.NOT_IN_SOURCE).shown == "not in source"


@pytest.mark.parametrize(
    ("kind", "payload"),
    [
        (ActionKind.ADD, {"speaker": "Drita Leka"}),  # an added quote needs its type
        (ActionKind.SIDE, {"speaker": "Drita Leka"}),  # a side needs the side too
        (ActionKind.SIDE, {"side": "Kosovo"}),
        (ActionKind.CHECK, {"note": "x"}),
        (ActionKind.VERDICT, {}),
    ],
)
def test_an_action_without_the_value_its_kind_needs_is_refused(kind, payload):
    with pytest.raises(ValidationError, match=f"a {kind.value} action needs its value"):
        ReviewAction(kind=kind, start=0, end=5, reviewer="ana", at=AT, **payload)


def test_an_action_keeps_what_it_was_given_and_nothing_else():
    with pytest.raises(ValidationError, match="extra"):
        ReviewAction(kind=ActionKind.CONFIRM, start=0, end=5, reviewer="ana", at=AT, mood="ok")
    action = ReviewAction(kind=ActionKind.CONFIRM, start=0, end=5, reviewer="ana", at=AT)
    assert ReviewAction.model_validate_json(action.model_dump_json()) == action
