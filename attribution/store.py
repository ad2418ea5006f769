"""The review store: SQLite, one file, append-only reviews.

Documents are keyed by the SHA-256 of their text; each analysis is kept with the versions of
the tool, models and rule data that made it; each review action is one row, written in its
own transaction, never updated or deleted. The database runs in WAL mode, so a writer killed
mid-stream leaves every committed action readable, and readers never block writers.

A connection is opened per operation (sqlite3 connections must not be shared across the
dashboard's threads), and the schema carries a version with ordered migrations.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from .model import Analysis
from .review import ReviewAction

STORE_ENV = "ATTRIBUTION_STORE"
BUSY_TIMEOUT_MS = 10_000

# Each entry moves the schema one version up; never edit one that has shipped.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE documents (
        sha256 TEXT PRIMARY KEY,
        source TEXT,
        title TEXT,
        date TEXT,
        text TEXT NOT NULL,
        added_at TEXT NOT NULL
    );
    CREATE TABLE analyses (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL REFERENCES documents(sha256),
        created_at TEXT NOT NULL,
        tool_version TEXT NOT NULL,
        models TEXT NOT NULL,
        lexicons TEXT NOT NULL,
        analysis TEXT NOT NULL
    );
    CREATE TABLE actions (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL REFERENCES documents(sha256),
        quote_start INTEGER NOT NULL,
        quote_end INTEGER NOT NULL,
        action TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX actions_by_quote ON actions (sha256, quote_start, quote_end);
    """,
    """
    CREATE INDEX analyses_by_document ON analyses (sha256, id);
    CREATE TRIGGER actions_are_append_only_update BEFORE UPDATE ON actions
        BEGIN SELECT RAISE(ABORT, 'review actions are append-only'); END;
    CREATE TRIGGER actions_are_append_only_delete BEFORE DELETE ON actions
        BEGIN SELECT RAISE(ABORT, 'review actions are append-only'); END;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(Exception):
    """The store cannot be used; the message says why and what to do."""


def default_path() -> Path:
    """$ATTRIBUTION_STORE, else reviews.sqlite3 in the user's data directory."""
    chosen = os.environ.get(STORE_ENV)
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("attribution", appauthor=False)) / "reviews.sqlite3"


class Store:
    def __init__(self, path: str | Path | None = None):
        self.path = Path(path).expanduser() if path else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder for the review store {self.path}: {exc.strerror}"
            ) from None
        with self._connect() as db:
            _migrate(db)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the review store {self.path}: {exc}") from None
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            _use_wal(db)
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            yield db
        except sqlite3.OperationalError as exc:
            raise StoreError(_explain(self.path, exc)) from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a usable review store: {exc}") from None
        finally:
            db.close()

    # ------------------------------------------------------------------ writing

    def save_analysis(self, analysis: Analysis) -> int:
        """Keep the document (once) and this analysis of it; returns the analysis id."""
        now = _now()
        with self._connect() as db, _transaction(db):
            db.execute(
                "INSERT OR IGNORE INTO documents (sha256, source, title, date, text, added_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    analysis.meta.sha256,
                    analysis.meta.source,
                    analysis.meta.title,
                    analysis.meta.date,
                    analysis.text,
                    now,
                ),
            )
            provenance = analysis.provenance
            cursor = db.execute(
                "INSERT INTO analyses (sha256, created_at, tool_version, models, lexicons,"
                " analysis) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    analysis.meta.sha256,
                    now,
                    provenance.tool_version,
                    provenance.models,
                    json.dumps(provenance.lexicons, sort_keys=True),
                    analysis.model_dump_json(),
                ),
            )
            return cursor.lastrowid

    def record(self, sha256: str, action: ReviewAction) -> int:
        """Append one review action, in a transaction of its own; returns its id."""
        with self._connect() as db, _transaction(db):
            if db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone() is None:
                raise StoreError("review an analysed document: this one is not in the store")
            cursor = db.execute(
                "INSERT INTO actions (sha256, quote_start, quote_end, action, reviewer,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    sha256,
                    action.start,
                    action.end,
                    action.model_dump_json(),
                    action.reviewer,
                    action.at.isoformat(),
                ),
            )
            return cursor.lastrowid

    # ------------------------------------------------------------------ reading

    def actions(self, sha256: str) -> list[ReviewAction]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT action FROM actions WHERE sha256 = ? ORDER BY id", (sha256,)
            ).fetchall()
        return [ReviewAction.model_validate_json(row[0]) for row in rows]

    def latest_analysis(self, sha256: str) -> Analysis | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT analysis FROM analyses WHERE sha256 = ? ORDER BY id DESC LIMIT 1", (sha256,)
            ).fetchone()
        return Analysis.model_validate_json(row[0]) if row else None

    def documents(self) -> list[dict]:
        with self._connect() as db:
            rows = db.execute(
                "SELECT d.sha256, d.source, d.title, d.added_at,"
                " (SELECT COUNT(*) FROM actions a WHERE a.sha256 = d.sha256)"
                " FROM documents d ORDER BY d.added_at"
            ).fetchall()
        keys = ("sha256", "source", "title", "added_at", "actions")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def schema_version(self) -> int:
        with self._connect() as db:
            return db.execute("PRAGMA user_version").fetchone()[0]


def _use_wal(db: sqlite3.Connection) -> None:
    """Put the file in WAL mode. The switch does not wait out the busy timeout: when two
    processes open a new store at once, the one that finds the file locked waits and looks
    again (by then the other has switched it) instead of failing as busy."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        try:
            db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _migrate(db: sqlite3.Connection) -> None:
    """Bring the schema up to date, one migration per transaction; safe when two processes
    open a new store at once (the version is read again under the write lock)."""
    while True:
        with _transaction(db):
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"the review store has schema {version}, newer than this "
                    f"tool's ({SCHEMA_VERSION}): upgrade attribution"
                )
            if version == SCHEMA_VERSION:
                return
            for statement in _statements(MIGRATIONS[version]):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {version + 1}")


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration script (a trigger body holds `;` of its own)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer.strip()
            buffer = ""


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _explain(path: Path, exc: sqlite3.OperationalError) -> str:
    message = str(exc)
    if "readonly" in message or "read-only" in message:
        return f"the review store {path} is read-only: nothing was saved"
    if "disk" in message and ("full" in message or "I/O" in message):
        return f"the disk holding {path} is full: the last review was not saved"
    if "locked" in message or "busy" in message:
        return f"the review store {path} is busy (another writer): try again"
    return f"the review store {path} failed: {message}"


def _now() -> str:
    return datetime.now(UTC).isoformat()
