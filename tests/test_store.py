"""The review store: append-only, versioned, and intact after a writer is killed — on each
backend (a SQLite file, a PostgreSQL server's database) where the test says `store_location`."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import UTC, datetime

import pytest

from attribution import analyze
from attribution.review import ActionKind, ReviewAction
from attribution.store import MIGRATIONS, SCHEMA_VERSION, Store, StoreError
from attribution.store_postgres import is_address

TEXT = "“Jemi gati për dialog”, tha ministri. Ai shtoi se bisedimet vazhdojnë javën tjetër."


@pytest.fixture(scope="module")
def analysis():
    return analyze(TEXT)


def _action(kind=ActionKind.CONFIRM, start=1, end=21, **payload) -> ReviewAction:
    return ReviewAction(
        kind=kind, start=start, end=end, reviewer="ana", at=datetime.now(UTC), **payload
    )


def test_analysis_and_actions_round_trip(store_location, analysis):
    store = Store(store_location)
    store.save_analysis(analysis)
    first = store.record(analysis.meta.sha256, _action())
    second = store.record(analysis.meta.sha256, _action(ActionKind.NOTE, note="kontrollo"))
    assert second > first
    assert [a.kind for a in store.actions(analysis.meta.sha256)] == ["confirm", "note"]
    assert store.latest_analysis(analysis.meta.sha256) == analysis
    assert store.documents()[0]["actions"] == 2


def test_store_runs_in_wal_mode_at_the_current_schema(tmp_path):
    store = Store(tmp_path / "r.sqlite3")
    assert store.schema_version() == SCHEMA_VERSION
    with sqlite3.connect(tmp_path / "r.sqlite3") as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_actions_cannot_be_changed_or_deleted(tmp_path, analysis):
    store = Store(tmp_path / "r.sqlite3")
    store.save_analysis(analysis)
    store.record(analysis.meta.sha256, _action())
    with sqlite3.connect(tmp_path / "r.sqlite3") as db:
        for statement in ("UPDATE actions SET reviewer = 'x'", "DELETE FROM actions"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                db.execute(statement)


def test_an_old_store_is_migrated(tmp_path, analysis):
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0])
        db.execute("PRAGMA user_version = 1")
        db.execute("INSERT INTO documents VALUES ('abc', 's', 't', 'd', 'text', 'now')")
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION
    assert store.documents()[0]["sha256"] == "abc"


def test_a_newer_store_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "new.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="upgrade attribution"):
        Store(path)


def test_not_a_database_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_text("these are my notes, not a database\n" * 50, encoding="utf-8")
    with pytest.raises(StoreError, match="not a usable review store"):
        Store(path)


def test_reviewing_an_unknown_document_is_refused(store_location):
    with pytest.raises(StoreError, match="not in the store"):
        Store(store_location).record("0" * 64, _action())


WRITER = textwrap.dedent("""
    import sys
    from datetime import UTC, datetime
    from attribution import analyze
    from attribution.review import ActionKind, ReviewAction
    from attribution.store import Store

    store = Store(sys.argv[1])
    analysis = analyze(sys.argv[2])
    store.save_analysis(analysis)
    print("ready", flush=True)
    n = 0
    while True:
        n += 1
        action = ReviewAction(kind=ActionKind.NOTE, start=1, end=21, reviewer="writer",
                              at=datetime.now(UTC), note=f"note {n}")
        print(store.record(analysis.meta.sha256, action), flush=True)
""")


def test_killing_a_writer_mid_stream_loses_no_committed_action(store_location, analysis):
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store_location), TEXT], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout.readline().strip() == "ready"
    committed = [int(writer.stdout.readline()) for _ in range(200)]
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)
    store = Store(store_location)  # opens after the crash (SQLite recovers its WAL)
    if not is_address(store_location):
        with sqlite3.connect(store_location) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert committed == sorted(committed) and len(set(committed)) == 200
    notes = [a.note for a in store.actions(analysis.meta.sha256)]
    assert notes[:200] == [f"note {n}" for n in range(1, 201)]
    store.record(analysis.meta.sha256, _action())  # and the store takes the next review
