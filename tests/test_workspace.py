"""The workspace: articles kept with their metadata, versions of one article found again,
reviews carried over an edit, the reviewed state everything reads, and the publishing gate."""

from __future__ import annotations

import sqlite3

import pytest

from attribution import analyze, io, workflow
from attribution.review import ActionKind, QuoteStatus
from attribution.store import MIGRATIONS, Store
from attribution.versions import SAME_ARTICLE, locate, resemblance, sketch

from .conftest import SEED


@pytest.fixture(scope="module")
def seed():
    return io.read_path(SEED)


@pytest.fixture
def store(store_location):
    return Store(store_location)


KREMLIN = "Dy palët biseduan"  # the Kremlin's readout, which the edit changes inside


def _quote(state, text_part: str):
    return next(q for q in state.quotes if text_part in q.quote.text)


def _edited(text: str) -> str:
    """A desk's edit: a word inserted near the top, a typo fixed inside the Kremlin's quote,
    and a trailing newline."""
    edited = text.replace("Presidenti rus", "Sot, presidenti rus", 1)
    assert "propozimet e fundit" in edited
    return edited.replace("propozimet e fundit", "propozimet më të fundit", 1) + "\n"


# ----------------------------------------------------------------------- versions


def test_a_sketch_tells_an_edited_text_from_another_article(seed):
    other = "Qeveria miratoi sot buxhetin e vitit të ardhshëm, tha ministri i Financave."
    same = resemblance(sketch(seed.text), sketch(seed.text))
    edited = resemblance(sketch(seed.text), sketch(_edited(seed.text)))
    unrelated = resemblance(sketch(seed.text), sketch(other * 20))
    assert same == 1.0
    assert edited > 0.8 > SAME_ARTICLE
    assert unrelated < 0.1


def test_a_span_is_found_again_verbatim_among_repeats_and_after_an_edit():
    old = "Ai tha: “po”. Ajo tha: “po”. Fundi i lajmit."
    new = "Sot. Ai tha: “po”. Ajo tha: “po”. Fundi i lajmit."
    for speaker in ("Ai", "Ajo"):  # the same words twice: the text before them decides
        at, moved_to = old.index("“po”", old.index(speaker)), new.index("“po”", new.index(speaker))
        assert locate(old, new, at, at + 4) == (moved_to, moved_to + 4)
    quote = "Bisedimet me Ankaranë vazhdojnë javën e ardhshme në Moskë"
    old = f"Zëdhënësi tha se {quote}. Kaq."
    fixed = quote.replace("ardhshme", "ardhshme,")
    new = f"Zëdhënësi tha se {fixed}. Kaq."
    start, end = locate(old, new, old.index(quote), old.index(quote) + len(quote))
    assert new[start:end].startswith("Bisedimet") and abs(end - start - len(fixed)) <= 2
    assert locate(old, "Një tjetër lajm krejt tjetër për sportin.", 17, 17 + len(quote)) is None


# ----------------------------------------------------------------------- carrying reviews


def _review_some(store, seed):
    state = workflow.keep(analyze(seed), store)
    kremlin = _quote(state, KREMLIN)
    state = workflow.act(
        store, state, ActionKind.CONFIRM, reviewer="ana", quote_id=state.quotes[0].quote.id
    )
    state = workflow.act(
        store,
        state,
        ActionKind.SPEAKER,
        reviewer="ben",
        quote_id=kremlin.quote.id,
        speaker="Dmitry Peskov",
    )
    return workflow.act(
        store, state, ActionKind.REJECT, reviewer="ana", quote_id=state.quotes[-1].quote.id
    )


def test_an_edited_text_of_the_article_takes_its_reviews_along(store, seed):
    before = _review_some(store, seed)
    after = workflow.keep(analyze(io.from_text(_edited(seed.text), source="edited.txt")), store)
    assert after.analysis.meta.sha256 != before.analysis.meta.sha256
    assert after.carryover is not None and after.carryover.carried == 3
    assert after.carryover.from_sha256 == before.analysis.meta.sha256
    assert not after.carryover.lost
    old = [(q.quote.text.strip(), q.status, q.reviewer) for q in before.quotes]
    new = [(q.quote.text.strip(), q.status, q.reviewer) for q in after.quotes]
    assert [s for _, s, _ in new] == [s for _, s, _ in old]
    assert _quote(after, KREMLIN).quote.speaker.name == "Dmitry Peskov"
    carried = _quote(after, KREMLIN).history[0]
    assert carried.reviewer == "ben" and carried.carried_from is not None
    assert carried.carried_from.sha256 == before.analysis.meta.sha256
    assert after.progress == before.progress


def test_a_review_whose_words_are_gone_is_flagged_not_dropped(store, seed):
    before = _review_some(store, seed)
    rejected = before.quotes[-1].quote
    cut = seed.text[: rejected.start] + seed.text[rejected.end :]
    after = workflow.keep(analyze(io.from_text(cut, source="cut.txt")), store)
    assert after.carryover.carried == 2
    [lost] = after.carryover.lost
    assert lost.action.kind == ActionKind.REJECT and lost.text == rejected.text
    assert lost.action.carried_from.start == rejected.start


def test_the_same_address_is_the_same_article_and_two_addresses_two(store, seed):
    first = io.from_text(seed.text, source="a", url="https://a.example/lajm")
    workflow.keep(analyze(first), store)
    rewritten = io.from_text("Një tekst krejt tjetër, i ri. " * 30, url="https://a.example/lajm")
    assert workflow.earlier_version(analyze(rewritten), store).url == "https://a.example/lajm"
    copy = io.from_text(seed.text + " ", url="https://b.example/kopje")
    assert workflow.earlier_version(analyze(copy), store) is None  # an agency copy elsewhere
    workflow.keep(analyze(rewritten), store)
    assert [e.versions for e in workflow.workspace(store)] == [2]


def test_a_carry_is_recorded_once(store, seed):
    before = _review_some(store, seed)
    edited = analyze(io.from_text(_edited(seed.text)))
    workflow.keep(edited, store)
    actions = store.actions(edited.meta.sha256)
    assert not store.carry(before.analysis.meta.sha256, edited.meta.sha256, actions, ())
    workflow.keep(edited, store)
    assert len(store.actions(edited.meta.sha256)) == len(actions) == 3


# ----------------------------------------------------------------------- the workspace


def test_the_workspace_lists_each_article_with_its_progress_and_last_action(store, seed):
    _review_some(store, seed)
    pasted = io.from_text("“Do të vijmë”, tha ministri i Jashtëm.", source="pasted text")
    workflow.keep(analyze(pasted), store)
    entries = {entry.meta.source: entry for entry in workflow.workspace(store)}
    seed_entry, pasted_entry = entries[seed.meta.source], entries["pasted text"]
    assert (seed_entry.reviewed, seed_entry.total) == (3, len(analyze(seed).quotes))
    assert seed_entry.last_action.kind == ActionKind.REJECT
    assert seed_entry.meta.title == seed.meta.title
    assert (pasted_entry.reviewed, pasted_entry.total, pasted_entry.last_action) == (0, 1, None)
    reopened = workflow.reopen(store, pasted_entry.sha256)  # a pasted text survives a reload
    assert reopened.text == pasted.text and reopened.meta == pasted.meta
    assert store.resolve(pasted_entry.sha256[:12]) == pasted_entry.sha256


def test_metadata_a_link_brings_fills_in_what_a_pasted_text_lacked(store, seed):
    workflow.keep(analyze(seed), store)
    linked = seed.model_copy(
        update={
            "meta": seed.meta.model_copy(update={"url": "https://rel.example/a", "outlet": "REL"})
        }
    )
    workflow.keep(analyze(linked), store)
    [entry] = workflow.workspace(store)
    assert (entry.meta.url, entry.meta.outlet) == ("https://rel.example/a", "REL")


def test_a_store_of_schema_two_is_migrated_with_one_article_per_document(tmp_path):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0])
        db.executescript(MIGRATIONS[1])
        db.execute("PRAGMA user_version = 2")
        for sha in ("a" * 64, "b" * 64):
            db.execute(
                "INSERT INTO documents VALUES (?, 's', 't', 'd', 'një tekst i vjetër', 'now')",
                (sha,),
            )
    store = Store(path)
    assert sorted(v.sha256 for v in store.latest_versions()) == ["a" * 64, "b" * 64]
    assert all(v.sketch for v in store.latest_versions())


# ----------------------------------------------------------------------- reviewed state


def _add(store, state, span: tuple[int, int], quote_type: str, speaker: str):
    """A quote a reviewer adds, by its offsets."""
    return workflow.act(
        store,
        state,
        ActionKind.ADD,
        reviewer="ana",
        span=span,
        quote_type=quote_type,
        speaker=speaker,
    )


def test_the_applied_analysis_is_what_the_reviewer_left(store, seed):
    state = _review_some(store, seed)
    text = seed.text
    at = text.index("Putin dhe Erdogan")
    state = _add(store, state, (at, at + 17), "indirect", "Kremlini")
    applied = state.applied()
    rejected = state.quotes[-1].quote
    assert rejected.id not in {q.id for q in applied.quotes}
    assert "a1" in {q.id for q in applied.quotes}
    peskov = next(s for s in applied.speakers if s.name == "Dmitry Peskov")
    assert peskov.quote_ids == (_quote(state, KREMLIN).quote.id,)
    for claim in applied.claims:
        if claim.claimant.quote_id == rejected.id:
            raise AssertionError("a claim still credits a rejected quote")
        if claim.claimant.quote_id == _quote(state, KREMLIN).quote.id:
            assert claim.claimant.name == "Dmitry Peskov"


def test_the_queue_takes_the_least_certain_unreviewed_quote_first(store, seed):
    state = workflow.keep(analyze(seed), store)
    queue = state.queue()
    assert len(queue) == len(state.quotes)
    certainty = [min(q.quote.confidence, q.quote.speaker.confidence) for q in queue]
    assert certainty == sorted(certainty)
    state = workflow.act(store, state, ActionKind.CONFIRM, reviewer="a", quote_id=queue[0].quote.id)
    assert queue[0].quote.id not in {q.quote.id for q in state.queue()}


def test_the_publishing_gate_lists_what_is_unreviewed(store, seed):
    state = _review_some(store, seed)
    with pytest.raises(workflow.ReviewError) as refused:
        workflow.require_final(state)
    waiting = [q.quote.id for q in state.quotes if q.status == QuoteStatus.MACHINE]
    assert str(refused.value).endswith(", ".join(waiting))
    for quote_id in waiting:
        state = workflow.act(store, state, ActionKind.CONFIRM, reviewer="a", quote_id=quote_id)
    workflow.require_final(state)


def test_an_older_version_says_a_newer_one_is_in_the_store(store, seed):
    workflow.keep(analyze(seed), store)
    edited = workflow.keep(analyze(io.from_text(_edited(seed.text))), store)
    older = workflow.keep(analyze(seed), store)
    assert older.newer_version == edited.analysis.meta.sha256
    assert edited.newer_version is None


def test_confirm_pressed_twice_is_one_row_and_a_note_decides_nothing(store, seed):
    state = workflow.keep(analyze(seed), store)
    quote_id = state.quotes[0].quote.id
    for _ in range(2):
        state = workflow.act(store, state, ActionKind.CONFIRM, reviewer="ana", quote_id=quote_id)
    state = workflow.act(store, state, ActionKind.NOTE, reviewer="ben", quote_id=quote_id, note="x")
    assert [a.kind for a in state.quotes[0].history] == [ActionKind.CONFIRM, ActionKind.NOTE]
    assert (state.quotes[0].decided_by, state.quotes[0].reviewer) == ("ana", "ben")


def test_a_quote_added_by_offsets_starts_and_ends_between_words(store, seed):
    state = workflow.keep(analyze(seed), store)
    at = seed.text.index("Moska dëshiron")
    with pytest.raises(workflow.ReviewError, match="starts inside the word “Moska”"):
        _add(store, state, (at + 2, at + 14), "direct", "Moska")
    with pytest.raises(workflow.ReviewError, match="ends inside the word “dëshiron”"):
        _add(store, state, (at, at + 9), "direct", "Moska")
    added = _add(store, state, (at, at + 14), "direct", "Moska")
    assert any(q.quote.text == "Moska dëshiron" for q in added.quotes)
