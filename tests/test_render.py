"""What the command line prints of an analysis, a review and the workspace.

A reviewer at a terminal reads these lines to decide what to confirm: each quote with its id,
kind, offsets, speaker and cue, why an optional one is optional, the text's warnings; in a
review, each quote's status and who decided it, its check and rating, and the reviews that no
longer have a quote. Every sentence is invented.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from attribution import InputError, analyze, io
from attribution.ratings import default_scale
from attribution.render import (
    action_detail,
    render_history,
    render_review,
    render_table,
    render_workspace,
)
from attribution.review import ActionKind, Check, CheckKind, ReviewAction, Verdict, apply

ARTICLE = (
    "Reforma në arsim\n\n"
    "“Tekstet e reja janë gati”, tha ministrja e Arsimit. "
    "Ajo beson se mësuesit do të marrin rroga më të larta.\n\n"
    "Sindikata «nuk ka folur ende\n\nNjoftimi u dha sot."
)
AT = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def analysis():
    return analyze(io.from_text(ARTICLE, source="reforma.txt"))


def _by(reviewer: str, quote, kind: ActionKind, **payload) -> ReviewAction:
    return ReviewAction(
        kind=kind, start=quote.start, end=quote.end, reviewer=reviewer, at=AT, **payload
    )


@pytest.fixture(scope="module")
def reviewed(analysis):
    first, second = analysis.quotes
    title = ARTICLE.index("Reforma")
    actions = [
        _by("ana", first, ActionKind.CONFIRM),
        _by("ben", first, ActionKind.CHECK, check=Check(kind=CheckKind.ALTERED_WORDS, note="x")),
        _by(
            "edi",
            first,
            ActionKind.VERDICT,
            verdict=Verdict.on(default_scale(), "misleading", "Tekstet mungojnë."),
        ),
        _by("ana", second, ActionKind.SPEAKER, speaker="Drita Leka", joint=("Arben Gashi",)),
        ReviewAction(
            kind=ActionKind.NOTE, start=title, end=title + 7, reviewer="ana", at=AT, note="titulli"
        ),
    ]
    return apply(analysis, actions)


def test_the_table_gives_each_quote_its_id_kind_offsets_speaker_and_cue(analysis):
    first, second = analysis.quotes
    lines = render_table("reforma.txt", analysis).splitlines()
    assert lines[0] == "# reforma.txt — Reforma në arsim"
    first_line = ["q1", "direct", f"{first.start}-{first.end}", "ministrja", "e", "Arsimit"]
    assert lines[1].split() == [*first_line, "·", "tha"]
    assert lines[2].strip() == "“Tekstet e reja janë gati”"
    assert lines[3].endswith("· beson (a belief or pledge)")  # why it is optional
    assert f"{second.start}-{second.end}" in lines[3]


def test_the_table_ends_with_the_texts_warnings_and_says_when_there_is_no_quote(analysis):
    at = ARTICLE.index("«")
    assert render_table("reforma.txt", analysis).splitlines()[-1] == (
        f"  ! quotation mark '«' is never closed (at {at})"
    )
    assert render_table("sot.txt", analyze("Asgjë nuk ndodhi sot.")) == (
        "# sot.txt\n(no quotes found)"
    )


def test_a_review_shows_each_status_who_decided_it_its_check_and_rating(reviewed):
    lines = render_review(reviewed).splitlines()
    assert lines[0].endswith("Reforma në arsim — 2 of 2 attributions reviewed")
    assert lines[1].split()[:2] == ["q1", "confirmed"] and lines[1].endswith(" by ana")
    assert "       attribution check: altered words: x" in lines
    assert "       claim rating: Mashtruese" in lines
    assert "Drita Leka + Arben Gashi by ana" in lines[5]  # a joint statement, corrected


def test_a_review_of_words_no_quote_holds_is_flagged(reviewed):
    title = ARTICLE.index("Reforma")
    assert render_review(reviewed).splitlines()[-1] == (
        f"  ! a note review of {title}–{title + 7} by ana has no quote in this analysis any more"
    )


def test_a_quotes_history_lists_each_action_with_what_it_set(reviewed):
    assert render_history(reviewed, "q1").splitlines() == [
        "q1 “Tekstet e reja janë gati” — now confirmed",
        "  2026-11-29 09:00:00 ana: confirm",
        "  2026-11-29 09:00:00 ben: check altered words: x",
        "  2026-11-29 09:00:00 edi: verdict Mashtruese: Tekstet mungojnë.",
    ]
    with pytest.raises(InputError, match="no quote 'q9' in this article"):
        render_history(reviewed, "q9")


@pytest.mark.parametrize(
    ("payload", "detail"),
    [
        (
            {"kind": ActionKind.SIDE, "speaker": "Drita Leka", "side": "Kosovo"},
            "Drita Leka → Kosovo",
        ),
        ({"kind": ActionKind.TYPE, "type": "indirect"}, "indirect"),
        ({"kind": ActionKind.NOTE, "note": "burimi?"}, "burimi?"),
        ({"kind": ActionKind.CONFIRM}, ""),
    ],
)
def test_an_actions_detail_is_what_it_set(payload, detail):
    action = ReviewAction(start=0, end=5, reviewer="ana", at=AT, **payload)
    assert action_detail(action) == detail


def test_an_empty_workspace_says_so():
    assert render_workspace([]) == "(the review store has no articles yet)"
