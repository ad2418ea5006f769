"""The review store in one SQLite file, the embedded default: its migrations, and the
plumbing every connection goes through: WAL mode, one immediate transaction per write,
errors in words.

WAL mode means a writer killed mid-stream leaves every committed action readable and readers
never block writers. A connection is opened per operation: sqlite3 connections must not be
shared across the dashboard's threads.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from .errors import StoreError
from .schema import transaction

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
    """
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        url TEXT UNIQUE,
        created_at TEXT NOT NULL
    );
    ALTER TABLE documents ADD COLUMN article_id INTEGER REFERENCES articles(id);
    ALTER TABLE documents ADD COLUMN url TEXT;
    ALTER TABLE documents ADD COLUMN outlet TEXT;
    ALTER TABLE documents ADD COLUMN author TEXT;
    ALTER TABLE documents ADD COLUMN sketch TEXT;
    INSERT INTO articles (id, created_at) SELECT rowid, added_at FROM documents;
    UPDATE documents SET article_id = rowid;
    CREATE INDEX documents_by_article ON documents (article_id);
    CREATE TABLE carries (
        to_sha256 TEXT PRIMARY KEY REFERENCES documents(sha256),
        from_sha256 TEXT NOT NULL REFERENCES documents(sha256),
        carried INTEGER NOT NULL,
        lost TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    """,
)


class SqliteBackend:
    def __init__(self, path: Path):
        self.path = path
        self.location = str(path)
        self.migrations = MIGRATIONS
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create the folder for the review store {path}: {exc.strerror}"
            ) from None

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        try:
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the review store {self.path}: {exc}") from None
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            use_wal(db)
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA foreign_keys = ON")
            yield db
        except sqlite3.OperationalError as exc:
            raise StoreError(explain(self.path, exc)) from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a usable review store: {exc}") from None
        finally:
            db.close()

    def transaction(self, db: sqlite3.Connection) -> AbstractContextManager[None]:
        return transaction(db, "BEGIN IMMEDIATE")  # the file's one writer, taken at once

    def version(self, db: sqlite3.Connection) -> int:
        return db.execute("PRAGMA user_version").fetchone()[0]

    def set_version(self, db: sqlite3.Connection, version: int) -> None:
        db.execute(f"PRAGMA user_version = {int(version)}")

    def statements(self, script: str) -> Iterator[str]:
        """The statements of a migration script (a trigger body holds `;` of its own)."""
        buffer = ""
        for line in script.splitlines(keepends=True):
            buffer += line
            if sqlite3.complete_statement(buffer):
                if buffer.strip():
                    yield buffer.strip()
                buffer = ""


def use_wal(db: sqlite3.Connection) -> None:
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


def explain(path: Path, exc: sqlite3.OperationalError) -> str:
    message = str(exc)
    if "readonly" in message or "read-only" in message:
        return f"the review store {path} is read-only: nothing was saved"
    if "disk" in message and ("full" in message or "I/O" in message):
        return f"the disk holding {path} is full: the last review was not saved"
    if "locked" in message or "busy" in message:
        return f"the review store {path} is busy (another writer): try again"
    return f"the review store {path} failed: {message}"
