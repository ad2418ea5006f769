"""The review store under faults, each in a real process on a real SQLite file: two reviewers
writing at once, a full disk, a read-only store, a store cut short.

Whatever happens, every review committed before stays readable, and the user is told what
happened in one line (a `StoreError`, or status 2 from the command line).
"""

from __future__ import annotations

import ctypes
import os
import resource
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import textwrap
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest

from attribution import analyze
from attribution.io import read_path
from attribution.review import ActionKind, ReviewAction
from attribution.store import SCHEMA_VERSION, Store, StoreError
from attribution.store_postgres import is_address

from .conftest import ROOT, one_clear_line, run_cli

TEXT = "“Jemi gati për dialog”, tha ministri. Ai shtoi se bisedimet vazhdojnë javën tjetër."
BEFORE = [f"committed {n}" for n in range(5)]


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "article.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def analysis(article):
    return analyze(read_path(article))  # as `attribution review` makes it


def _fill(location: Path | str, analysis) -> Path | str:
    """Keep the article's analysis and five committed notes on q1 in the store."""
    store = Store(location)
    store.save_analysis(analysis)
    for note in BEFORE:
        store.record(analysis.meta.sha256, _note_on_q1(analysis, "ana", note))
    return location


def _note_on_q1(analysis, reviewer: str, note: str) -> ReviewAction:
    quote = analysis.quotes[0]
    return ReviewAction(
        kind=ActionKind.NOTE,
        start=quote.start,
        end=quote.end,
        reviewer=reviewer,
        at=datetime.now(UTC),
        note=note,
    )


@pytest.fixture
def reviewed_store(tmp_path, analysis) -> Path:
    """A store holding the article's analysis and five committed notes on q1."""
    return _fill(tmp_path / "store" / "reviews.sqlite3", analysis)


def _notes(location: Path | str, analysis) -> list[str]:
    """Every note in the store, in the order written, once SQLite has checked its file."""
    store = Store(location)
    if not is_address(location):
        with sqlite3.connect(location) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    return [action.note for action in store.actions(analysis.meta.sha256)]


def _cli(*args: str, preexec_fn=None) -> subprocess.CompletedProcess:
    return run_cli(*args, preexec_fn=preexec_fn)


def _told_in_one_line(result: subprocess.CompletedProcess, what: str) -> None:
    assert what in one_clear_line(result.returncode, result.stderr), result.stderr


# ------------------------------------------------------------------------ two writers at once

REVIEWER = textwrap.dedent("""
    import sys
    from attribution import analyze, io, workflow
    from attribution.review import ActionKind
    from attribution.store import Store

    article, path, reviewer, count = sys.argv[1:]
    analysis = analyze(io.read_path(article))
    print("ready", flush=True)
    sys.stdin.readline()  # both open the store, keep the analysis and review together
    store = Store(path)
    state = workflow.keep(analysis, store)
    for n in range(int(count)):
        state = workflow.act(
            store, state, ActionKind.NOTE, reviewer=reviewer, quote_id="q1", note=f"{reviewer} {n}"
        )
    print("done", flush=True)
""")


def test_two_reviewers_of_one_article_at_once_keep_every_action(store_location, article, analysis):
    path = store_location  # new: both processes create and migrate it at once
    count = 150
    reviewers = [
        subprocess.Popen(
            [sys.executable, "-c", REVIEWER, str(article), str(path), name, str(count)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for name in ("ana", "ben")
    ]
    for reviewer in reviewers:
        assert reviewer.stdout.readline().strip() == "ready"
    for reviewer in reviewers:
        reviewer.stdin.write("go\n")
        reviewer.stdin.flush()
    for reviewer in reviewers:
        assert reviewer.stdout.readline().strip() == "done"
        assert reviewer.wait(timeout=300) == 0
    notes = _notes(path, analysis)
    assert len(notes) == 2 * count
    for name in ("ana", "ben"):  # each reviewer's actions all there, in the order made
        assert [n for n in notes if n.startswith(name)] == [f"{name} {k}" for k in range(count)]


def test_opening_a_store_another_process_is_creating_waits_for_it(tmp_path):
    """The other process holds the new file's write lock (it is creating the tables): the
    switch to WAL mode fails at once, without the busy timeout, unless it is retried."""
    path = tmp_path / "new.sqlite3"
    creator = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    creator.execute("BEGIN IMMEDIATE")
    finishing = threading.Timer(0.5, creator.execute, ["COMMIT"])
    finishing.start()
    try:
        assert Store(path).schema_version() == SCHEMA_VERSION
    finally:
        finishing.join()
        creator.close()


# ------------------------------------------------------------------------ a full disk


def _disk_full_soon(store: Path):
    """For the child: files may grow to 64 KB past the store's size, no further, as on a disk
    about to fill (a write past it fails with EFBIG; the signal that would kill the process
    is ignored, as a full disk sends none)."""
    limit = store.stat().st_size + 64 * 1024

    def limit_file_size() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limit_file_size


WRITER = textwrap.dedent("""
    import sys
    from datetime import UTC, datetime
    from attribution.review import ActionKind, ReviewAction
    from attribution.store import Store, StoreError

    store = Store(sys.argv[1])
    for n in range(10_000):
        action = ReviewAction(kind=ActionKind.NOTE, start=1, end=21, reviewer="ben",
                              at=datetime.now(UTC), note=f"new {n} " + "x" * 2000)
        try:
            store.record(sys.argv[2], action)
        except StoreError as exc:
            print(exc)
            break
""")


def test_a_full_disk_is_a_clear_error_and_loses_no_committed_review(reviewed_store, analysis):
    writer = subprocess.run(
        [sys.executable, "-c", WRITER, str(reviewed_store), analysis.meta.sha256],
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_disk_full_soon(reviewed_store),
    )
    assert writer.returncode == 0, writer.stderr
    assert writer.stdout.strip() == (
        f"the disk holding {reviewed_store} is full: the last review was not saved"
    )
    notes = _notes(reviewed_store, analysis)
    assert notes[: len(BEFORE)] == BEFORE
    written = [note.split()[1] for note in notes[len(BEFORE) :]]
    assert written == [str(n) for n in range(len(written))]  # every write before the fault
    assert 0 < len(written) < 10_000


def test_a_full_disk_through_the_review_command(reviewed_store, article, analysis):
    notes = [arg for n in range(60) for arg in ("--note", "q1", f"cli {n} " + "y" * 2000)]
    result = _cli(
        "review",
        str(article),
        "--store",
        str(reviewed_store),
        "--reviewer",
        "ben",
        *notes,
        preexec_fn=_disk_full_soon(reviewed_store),
    )
    _told_in_one_line(result, "is full: the last review was not saved")
    kept = _notes(reviewed_store, analysis)
    assert kept[: len(BEFORE)] == BEFORE
    written = [note.split()[1] for note in kept[len(BEFORE) :]]
    assert written == [str(n) for n in range(len(written))]
    assert 0 < len(written) < 60


# ------------------------------------------------------------------------ a read-only store


def _without_override():
    """For the child: file permissions apply, even to root, who may otherwise write anywhere.

    Root in a container writes through chmod a-w; dropping the capabilities that let it
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from the bounding set before the new program
    starts makes a read-only file read-only for it too.
    """
    if os.geteuid() != 0:
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    pr_capbset_drop, cap_dac_override, cap_dac_read_search = 24, 1, 2

    def drop() -> None:
        for capability in (cap_dac_override, cap_dac_read_search):
            if prctl(pr_capbset_drop, capability, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")

    return drop


@contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """The paths read-only (files 0o444, folders 0o555) for a while, then as they were."""
    modes = [(path, path.stat().st_mode) for path in paths]
    for path in paths:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        for path, mode in reversed(modes):
            path.chmod(mode)


def _cli_as_user(article: Path, store: Path, *actions: str) -> subprocess.CompletedProcess:
    """`attribution review` by a process the file permissions bind (root's override dropped).

    Only a failed preexec function (no CAP_SETPCAP) skips; a command that runs past the
    generous timeout of run_cli (300 s, for a review of one short article) hangs: a failure."""
    try:
        return _cli(
            "review", str(article), "--store", str(store), *actions, preexec_fn=_without_override()
        )
    except subprocess.TimeoutExpired as exc:  # a SubprocessError too: not a reason to skip
        pytest.fail(f"`attribution review` on a read-only store hung: no answer in {exc.timeout} s")
    except subprocess.SubprocessError as exc:  # the preexec function failed: no CAP_SETPCAP
        pytest.skip(f"cannot drop root's file-permission override here: {exc}")


def test_a_read_only_store_file_is_read_and_a_review_refused(reviewed_store, article, analysis):
    with read_only(reviewed_store):
        listing = _cli_as_user(article, reviewed_store)
        refused = _cli_as_user(article, reviewed_store, "--reviewer", "ben", "--confirm", "q1")
    assert listing.returncode == 0, listing.stderr
    assert "q1" in listing.stdout
    _told_in_one_line(refused, "is read-only: nothing was saved")
    assert _notes(reviewed_store, analysis) == BEFORE


def test_a_store_in_a_read_only_folder_is_a_clear_error(reviewed_store, article, analysis):
    with read_only(reviewed_store, reviewed_store.parent):
        refused = _cli_as_user(article, reviewed_store, "--reviewer", "ben", "--confirm", "q1")
    _told_in_one_line(refused, "is read-only")
    assert _notes(reviewed_store, analysis) == BEFORE


# ------------------------------------------------------------------------ a store cut short


def test_a_store_cut_short_is_a_clear_error(reviewed_store, article):
    with sqlite3.connect(reviewed_store) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = reviewed_store.read_bytes()
    reviewed_store.write_bytes(data[: len(data) // 2])
    Path(f"{reviewed_store}-wal").unlink(missing_ok=True)
    Path(f"{reviewed_store}-shm").unlink(missing_ok=True)
    result = _cli("review", str(article), "--store", str(reviewed_store))
    _told_in_one_line(result, "not a usable review store")


# ------------------------------------------------------------------------ a PostgreSQL server


def test_a_read_only_database_role_reads_and_a_review_is_refused(postgres, article, analysis):
    url = _fill(postgres.new_database(), analysis)
    database = url.rsplit("/", 1)[1]
    for statement in (
        "DO $$ BEGIN CREATE ROLE reader LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        f"GRANT CONNECT ON DATABASE {database} TO reader",
    ):
        postgres.sql(statement)
    postgres.sql("GRANT SELECT ON ALL TABLES IN SCHEMA public TO reader", database)
    reader = postgres.url(database, user="reader")
    listing = _cli("review", str(article), "--store", reader)
    confirm = ("--reviewer", "ben", "--confirm", "q1")
    refused = _cli("review", str(article), "--store", reader, *confirm)
    assert listing.returncode == 0, listing.stderr
    assert "q1" in listing.stdout
    _told_in_one_line(refused, "is read-only for this role: nothing was saved")
    assert _notes(url, analysis) == BEFORE


def test_a_database_that_cannot_be_reached_is_one_line_without_the_password(article):
    refused = _cli("review", str(article), "--store", "postgresql://ana:s3cret@127.0.0.1:9/reviews")
    _told_in_one_line(refused, "cannot reach the review database postgresql://ana:***@127.0.0.1")
    assert "s3cret" not in refused.stderr


def test_the_server_refuses_to_change_or_delete_a_review_action(postgres, analysis):
    import psycopg

    url = _fill(postgres.new_database(), analysis)
    with psycopg.connect(url, autocommit=True) as db:
        for statement in (
            "UPDATE actions SET reviewer = 'x'",
            "DELETE FROM actions",
            "TRUNCATE actions CASCADE",
        ):
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                db.execute(statement)
    assert _notes(url, analysis) == BEFORE


def test_both_backends_hold_the_same_tables_and_columns(postgres, tmp_path):
    import psycopg

    url = postgres.new_database()
    Store(url)
    with psycopg.connect(url) as db:
        rows = db.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = 'public' AND table_name != 'schema_version'"
        ).fetchall()
    on_postgres = {(t, c) for t, c in rows if c != "rowid"}  # SQLite's rowid is implicit
    path = tmp_path / "r.sqlite3"
    Store(path)
    with sqlite3.connect(path) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        on_sqlite = {
            (table, row[1]) for table in tables for row in db.execute(f"PRAGMA table_info({table})")
        }
    assert on_postgres == on_sqlite and len(on_sqlite) > 25


def test_a_database_at_an_older_schema_is_migrated_keeping_its_documents(postgres, analysis):
    import psycopg

    from attribution.store_postgres import MIGRATIONS as POSTGRES_MIGRATIONS

    url = postgres.new_database()
    with psycopg.connect(url, autocommit=True) as db:
        for version, script in enumerate(POSTGRES_MIGRATIONS[:2], 1):
            db.execute(script)
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            db.execute("INSERT INTO schema_version VALUES (%s)", (version,))
        db.execute(
            "INSERT INTO documents (sha256, text, added_at) VALUES (%s, %s, %s)",
            (analysis.meta.sha256, analysis.text, "2026-01-01T00:00:00+00:00"),
        )
    store = Store(url)
    assert store.schema_version() == SCHEMA_VERSION
    assert [row.sha256 for row in store.articles()] == [analysis.meta.sha256]
    store.save_analysis(analyze("“Po”, tha ministri."))  # a new article gets a new id
    assert len(store.articles()) == 2


@contextmanager
def _small_disk(megabytes: int) -> Iterator[Path]:
    """A filesystem of its own, that fills up: a tmpfs mounted in /tmp, for the server."""
    folder = Path(tempfile.mkdtemp(prefix="attribution-small-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={megabytes}m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a small filesystem here: {mounted.stderr.strip()}")
    try:
        if os.geteuid() == 0:
            shutil.chown(folder, "nobody")  # the server's user (tests/postgres.py)
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)
        folder.rmdir()


def test_a_full_disk_on_the_database_server_is_a_clear_error_and_loses_nothing(postgres, analysis):
    """The review database lives in a tablespace on a 24 MB filesystem (the server's log
    stays on its own disk): reviews of 200 KB of incompressible text fill it."""
    with _small_disk(24) as disk:
        postgres.sql(f"CREATE TABLESPACE small_disk LOCATION '{disk}'")
        try:
            postgres.sql("CREATE DATABASE on_small_disk TABLESPACE small_disk")
            url = _fill(postgres.url("on_small_disk"), analysis)
            store = Store(url)
            with pytest.raises(StoreError) as refused:
                for n in range(1_000):
                    note = f"new {n} " + secrets.token_urlsafe(150_000)
                    store.record(analysis.meta.sha256, _note_on_q1(analysis, "ben", note))
            assert str(refused.value) == (
                f"the disk of the review database {url} is full: the last review was not saved"
            )
            notes = _notes(url, analysis)
            assert notes[: len(BEFORE)] == BEFORE
            written = [note.split()[1] for note in notes[len(BEFORE) :]]
            assert written == [str(n) for n in range(len(written))] and 0 < len(written) < 1_000
        finally:
            postgres.sql("DROP DATABASE IF EXISTS on_small_disk WITH (FORCE)")
            postgres.sql("DROP TABLESPACE small_disk")
