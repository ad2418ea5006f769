"""A desk's workflow: analyses kept in the review store, review actions recorded and replayed,
the articles of the workspace. The command line and the dashboard both go through it, so what
one reviewer does in either is what the other sees.

tests/test_workspace.py holds the workflow across an article's versions (reviews carried over
an edit, one address one article, the workspace list, the publishing gate), and
tests/test_roles.py what each role may do. Every sentence here is invented.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from attribution import analyze, io, workflow
from attribution.errors import SettingsError
from attribution.review import ActionKind, QuoteStatus, Verdict
from attribution.store import Store

from .conftest import SEED

ARTICLE = (
    "Në njoftim thuhet se shkollat do të hapen në shtator. "
    "“Tekstet e reja janë gati”, tha ministrja e Arsimit. "
    "Ajo shtoi se mësuesit do të marrin rroga më të larta."
)
MINISTER = "ministrja e Arsimit"


@pytest.fixture(scope="module")
def analysis():
    return analyze(ARTICLE)


@pytest.fixture
def store(tmp_path):
    return Store(tmp_path / "reviews.sqlite3")


@pytest.fixture
def kept(store, analysis):
    return workflow.keep(analysis, store)


def test_the_quotes_to_review(analysis):
    """What the tests below act on: an impersonal report, then two of the minister's."""
    quotes = [(q.id, q.speaker.name if q.speaker else None) for q in analysis.quotes]
    assert quotes == [("q1", None), ("q2", MINISTER), ("q3", MINISTER)]


# ----------------------------------------------------------------------- keeping analyses


def test_an_analysis_kept_again_adds_nothing_and_a_new_result_is_kept(store, analysis):
    workflow.keep(analysis, store)
    before = store.revision()
    workflow.keep(analysis, store)
    assert store.revision() == before
    newer_tool = analysis.provenance.model_copy(update={"tool_version": "9.9.9"})
    workflow.keep(analysis.model_copy(update={"provenance": newer_tool}), store)
    assert store.revision() > before
    assert store.latest_analysis(analysis.meta.sha256).provenance.tool_version == "9.9.9"


def test_reviews_follow_their_quotes_into_a_new_analysis_and_orphans_are_flagged(store):
    state = workflow.open_article(io.from_text(ARTICLE), store)
    state = workflow.act(store, state, ActionKind.CONFIRM, reviewer="ana", quote_id="q2")
    state = workflow.act(
        store, state, ActionKind.NOTE, reviewer="ana", span=(0, 10), note="kjo s'është"
    )
    again = workflow.open_article(io.from_text(ARTICLE), store)  # the tool run again
    assert again.quotes[1].status == QuoteStatus.CONFIRMED
    assert [(o.start, o.end) for o in again.orphans] == [(0, 10)]


def test_an_article_opens_with_the_processors_asked_for(store):
    processors = ("tokenize", "mwt", "pos", "lemma")
    state = workflow.open_article(io.from_text(ARTICLE), store, processors=processors)
    assert state.analysis.provenance.processors == processors


def test_an_article_the_store_does_not_have_cannot_be_reopened(store):
    with pytest.raises(workflow.ReviewError, match="no article 000000000000 in the review store"):
        workflow.reopen(store, "0" * 64)


# ----------------------------------------------------------------------- recording actions


def test_unknown_quote_and_bad_offsets_are_clear_errors(store, kept):
    with pytest.raises(workflow.ReviewError, match=r"no quote or claim 'q99' .*\(q1, q2, q3\)"):
        workflow.act(store, kept, ActionKind.CONFIRM, reviewer="ana", quote_id="q99")
    with pytest.raises(workflow.ReviewError, match="outside the text"):
        workflow.act(
            store, kept, ActionKind.ADD, reviewer="ana", span=(0, 10_000), quote_type="direct"
        )
    assert store.actions(kept.analysis.meta.sha256) == []


def test_a_quote_cannot_be_added_where_the_tool_found_one(store, kept):
    found = kept.quotes[1].quote
    with pytest.raises(workflow.ReviewError, match="is already quote q2: confirm or correct it"):
        workflow.act(
            store,
            kept,
            ActionKind.ADD,
            reviewer="ana",
            span=(found.start, found.end),
            quote_type="direct",
            speaker="Drita Leka",
        )


def test_a_side_given_by_a_speakers_name_holds_for_all_their_quotes(store, kept):
    state = workflow.act(
        store, kept, ActionKind.SIDE, reviewer="ana", speaker=MINISTER, side="Albania"
    )
    assert [q.quote.speaker.side for q in state.quotes[1:]] == ["Albania", "Albania"]
    with pytest.raises(workflow.ReviewError, match="no quote of 'Drita Leka' in this article"):
        workflow.act(
            store, state, ActionKind.SIDE, reviewer="ana", speaker="Drita Leka", side="Kosovo"
        )


def test_a_side_goes_to_the_speaker_of_a_quote_and_nowhere_else(store, kept):
    with pytest.raises(workflow.ReviewError, match="q1 has no speaker to give a side"):
        workflow.act(store, kept, ActionKind.SIDE, reviewer="ana", quote_id="q1", side="Albania")
    with pytest.raises(workflow.ReviewError, match="this span is no quote"):
        workflow.act(store, kept, ActionKind.SIDE, reviewer="ana", span=(0, 10), side="Albania")


def test_a_claim_takes_a_verdict_and_a_note_but_nothing_else(store):
    state = workflow.open_article(io.read_path(SEED), store)
    top = state.claims[0].claim
    state = workflow.act(
        store,
        state,
        ActionKind.VERDICT,
        reviewer="ana",
        quote_id=top.id,
        verdict=Verdict(rating=4, explanation="Sipas ISW."),
    )
    state = workflow.act(
        store, state, ActionKind.NOTE, reviewer="ana", quote_id=top.id, note="burimi?"
    )
    reviewed = next(c for c in state.claims if c.claim.id == top.id)
    assert (reviewed.verdict.rating, reviewed.notes, reviewed.reviewer) == (4, ("burimi?",), "ana")
    assert not state.orphans
    with pytest.raises(workflow.ReviewError, match="is a claim: it takes a note or a verdict"):
        workflow.act(store, state, ActionKind.CONFIRM, reviewer="ana", quote_id=top.id)


def test_reviews_exported_from_one_store_replay_in_another(store, kept, tmp_path):
    state = workflow.act(store, kept, ActionKind.REJECT, reviewer="ana", quote_id="q1")
    state = workflow.act(store, state, ActionKind.CONFIRM, reviewer="ben", quote_id="q2")
    other = Store(tmp_path / "other.sqlite3")
    fresh = workflow.keep(state.analysis, other)
    exported = store.actions(state.analysis.meta.sha256)
    replayed = workflow.import_actions(other, fresh, exported, by="desk")
    assert [(q.status, q.decided_by) for q in replayed.quotes] == [
        (q.status, q.decided_by) for q in state.quotes
    ]


# ----------------------------------------------------------------------- the workspace


def test_a_workspace_entry_names_outlet_date_versions_and_the_last_action(store):
    first = io.from_text(
        ARTICLE, url="https://lajme.example/shkollat", outlet="Lajme Sot", date="2025-08-30T10:00"
    )
    workflow.keep(analyze(first), store)
    edited = io.from_text(
        ARTICLE.replace("shtator", "tetor"),
        url=first.meta.url,
        outlet="Lajme Sot",
        date="2025-08-31",
    )
    state = workflow.keep(analyze(edited), store)
    workflow.act(store, state, ActionKind.CONFIRM, reviewer="ana", quote_id="q2")
    (entry,) = workflow.workspace(store)
    assert entry.about == "Lajme Sot · 2025-08-31 · 2 versions"
    assert re.fullmatch(r"last: confirm by ana, \d{4}-\d\d-\d\d \d\d:\d\d", entry.last_done)


def test_a_reports_time_is_fixed_where_source_date_epoch_is_set(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795942800")
    assert workflow.report_time() == datetime(2026, 11, 29, 9, 0, tzinfo=UTC)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert workflow.report_time().tzinfo is UTC
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")  # malformed: an error, as the spec asks
    with pytest.raises(SettingsError, match="SOURCE_DATE_EPOCH=soon"):
        workflow.report_time()


def test_the_reviewer_is_the_desks_setting_then_the_login(monkeypatch):
    monkeypatch.setenv("ATTRIBUTION_REVIEWER", "ana")
    monkeypatch.setenv("USER", "ana.login")
    assert workflow.default_reviewer() == "ana"
    monkeypatch.delenv("ATTRIBUTION_REVIEWER")
    assert workflow.default_reviewer() == "ana.login"
    monkeypatch.delenv("USER")
    assert workflow.default_reviewer() is None
