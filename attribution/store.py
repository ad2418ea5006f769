"""The review store: SQLite, one file, append-only reviews — a desk's workspace.

An article is one or more documents (versions of its text, keyed by the SHA-256 of the text,
each with the article's metadata and a sketch that finds it again when an edited text comes
in); each analysis is kept with the versions of the tool, models and rule data that made it;
each review action is one row, written in its own transaction, never updated or deleted.
Reviews carried from one version to the next are new rows, marked with where they came
from, and the carry itself is recorded once per version with the reviews it could not move.
The database runs in WAL mode, so a writer killed mid-stream leaves every committed action
readable, and readers never block writers.

A connection is opened per operation (sqlite3 connections must not be shared across the
dashboard's threads), and the schema (`schema.py`) carries a version with ordered migrations.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from .actions import LOST_LIST, LostReview, ReviewAction
from .model import Analysis, DocumentMeta
from .review import Carryover
from .schema import (
    BUSY_TIMEOUT_MS,
    MIGRATIONS,
    SCHEMA_VERSION,
    StoreError,
    explain,
    migrate,
    transaction,
    use_wal,
)
from .versions import sketch

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Store", "StoreError", "default_path"]

STORE_ENV = "ATTRIBUTION_STORE"


class Record(BaseModel):
    model_config = ConfigDict(frozen=True)


class Version(Record):
    """The latest text of an article, as the search for earlier versions needs it."""

    sha256: str
    article_id: int
    url: str | None
    sketch: tuple[int, ...]


class ArticleRow(Record):
    """An article of the workspace: its latest version and the last thing done to it."""

    article_id: int
    sha256: str
    meta: DocumentMeta
    versions: int
    added_at: datetime
    last_action: ReviewAction | None


_LATEST = "d.rowid = (SELECT MAX(rowid) FROM documents WHERE article_id = d.article_id)"
_META_COLUMNS = ("source", "url", "title", "outlet", "author", "date")


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
            migrate(db)

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
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

    # ------------------------------------------------------------------ writing

    def save_analysis(self, analysis: Analysis, *, version_of: str | None = None) -> int:
        """Keep the document and this analysis of it; returns the analysis id.

        A new document joins the article of `version_of` (a stored document), else the
        article at its address, else starts an article of its own. A document already kept
        takes the metadata given now where it was missing (a link fetched for a pasted text).
        """
        now = _now()
        meta = analysis.meta
        with self._connect() as db, transaction(db):
            if _has_document(db, meta.sha256):
                _fill_metadata(db, meta)
            else:
                article = _article_for(db, meta.url, version_of, now)
                db.execute(
                    "INSERT INTO documents (sha256, source, url, title, outlet, author, date,"
                    " text, added_at, article_id, sketch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        *(getattr(meta, name) for name in ("sha256", *_META_COLUMNS)),
                        analysis.text,
                        now,
                        article,
                        json.dumps(sketch(analysis.text)),
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
        with self._connect() as db, transaction(db):
            if not _has_document(db, sha256):
                raise StoreError("review an analysed document: this one is not in the store")
            return _insert_action(db, sha256, action)

    def carry(
        self,
        from_sha256: str,
        to_sha256: str,
        carried: Sequence[ReviewAction],
        lost: Sequence[LostReview],
    ) -> bool:
        """Record reviews moved from one version onto the next, once: False when another
        process carried them first (the check and the writes share one transaction)."""
        with self._connect() as db, transaction(db):
            done = db.execute("SELECT 1 FROM carries WHERE to_sha256 = ?", (to_sha256,))
            if done.fetchone() is not None:
                return False
            db.execute(
                "INSERT INTO carries (to_sha256, from_sha256, carried, lost, created_at)"
                " VALUES (?, ?, ?, ?, ?)",
                (to_sha256, from_sha256, len(carried), _lost_json(lost), _now()),
            )
            for action in carried:
                _insert_action(db, to_sha256, action)
        return True

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

    def document(self, sha256: str) -> tuple[str, DocumentMeta] | None:
        """A kept text and its metadata, to open it again."""
        with self._connect() as db:
            row = db.execute(
                f"SELECT text, {', '.join(_META_COLUMNS)} FROM documents WHERE sha256 = ?",
                (sha256,),
            ).fetchone()
        if row is None:
            return None
        return row[0], DocumentMeta(sha256=sha256, **dict(zip(_META_COLUMNS, row[1:], strict=True)))

    def resolve(self, prefix: str) -> str:
        """The document whose id (its SHA-256) starts with the prefix the workspace list shows."""
        wanted = prefix.lower()
        if not wanted or any(c not in "0123456789abcdef" for c in wanted):
            raise StoreError(
                f"@{prefix}: an article id is the hexadecimal id `review --list` shows"
            )
        with self._connect() as db:
            rows = db.execute(
                "SELECT sha256 FROM documents WHERE sha256 LIKE ? LIMIT 2", (wanted + "%",)
            ).fetchall()
        if len(rows) != 1:
            problem = "no article" if not rows else "more than one article"
            raise StoreError(f"@{prefix}: {problem} in the review store has this id")
        return rows[0][0]

    def latest_versions(self) -> list[Version]:
        """The latest document of every article, with its sketch (made now for documents
        kept before sketches were)."""
        with self._connect() as db:
            rows = db.execute(
                "SELECT d.sha256, d.article_id, a.url, d.sketch,"
                " CASE WHEN d.sketch IS NULL THEN d.text END"
                " FROM documents d JOIN articles a ON a.id = d.article_id"
                f" WHERE {_LATEST}"
            ).fetchall()
        return [
            Version(
                sha256=sha,
                article_id=article,
                url=url,
                sketch=json.loads(stored) if stored else sketch(text),
            )
            for sha, article, url, stored, text in rows
        ]

    def newer_version(self, sha256: str) -> str | None:
        """The latest document of this document's article, where that is another one."""
        with self._connect() as db:
            row = db.execute(
                "SELECT d.sha256 FROM documents d JOIN documents mine"
                " ON mine.article_id = d.article_id"
                f" WHERE mine.sha256 = ? AND {_LATEST} AND d.sha256 != mine.sha256",
                (sha256,),
            ).fetchone()
        return row[0] if row else None

    def carry_into(self, sha256: str) -> Carryover | None:
        with self._connect() as db:
            row = db.execute(
                "SELECT from_sha256, carried, lost, created_at FROM carries WHERE to_sha256 = ?",
                (sha256,),
            ).fetchone()
        if row is None:
            return None
        return Carryover(
            from_sha256=row[0],
            carried=row[1],
            lost=LOST_LIST.validate_json(row[2]),
            at=datetime.fromisoformat(row[3]),
        )

    def articles(self) -> list[ArticleRow]:
        """Every article, the most recently worked on first."""
        with self._connect() as db:
            rows = db.execute(
                f"SELECT d.article_id, d.sha256, {', '.join('d.' + c for c in _META_COLUMNS)},"
                " (SELECT COUNT(*) FROM documents v WHERE v.article_id = d.article_id),"
                " a.created_at,"
                " (SELECT action FROM actions x WHERE x.sha256 = d.sha256 ORDER BY x.id DESC"
                " LIMIT 1)"
                " FROM documents d JOIN articles a ON a.id = d.article_id"
                f" WHERE {_LATEST}"
            ).fetchall()
        found = [_article_row(row) for row in rows]
        return sorted(found, key=_last_worked_on, reverse=True)

    def revision(self) -> tuple[int, ...]:
        """Changes whenever any process adds a document, an analysis, a review or a carry:
        what a cache of the workspace is keyed on."""
        with self._connect() as db:
            return tuple(
                db.execute(
                    "SELECT (SELECT COALESCE(MAX(id), 0) FROM actions),"
                    " (SELECT COALESCE(MAX(id), 0) FROM analyses),"
                    " (SELECT COUNT(*) FROM carries)"
                ).fetchone()
            )

    def schema_version(self) -> int:
        with self._connect() as db:
            return db.execute("PRAGMA user_version").fetchone()[0]


def _has_document(db: sqlite3.Connection, sha256: str) -> bool:
    return db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone() is not None


def _fill_metadata(db: sqlite3.Connection, meta: DocumentMeta) -> None:
    for column in _META_COLUMNS[1:]:  # the source is how it was first loaded: kept
        value = getattr(meta, column)
        if value is not None:
            db.execute(
                f"UPDATE documents SET {column} = ? WHERE sha256 = ? AND {column} IS NULL",
                (value, meta.sha256),
            )


def _article_for(db: sqlite3.Connection, url: str | None, version_of: str | None, now: str) -> int:
    """The article a new document belongs to (see `Store.save_analysis`)."""
    if version_of is not None:
        row = db.execute(
            "SELECT article_id FROM documents WHERE sha256 = ?", (version_of,)
        ).fetchone()
        if row is not None:
            if url is not None:
                db.execute(
                    "UPDATE articles SET url = ? WHERE id = ? AND url IS NULL AND NOT EXISTS"
                    " (SELECT 1 FROM articles WHERE url = ?)",
                    (url, row[0], url),
                )
            return row[0]
    if url is not None:
        row = db.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()
        if row is not None:
            return row[0]
    return db.execute("INSERT INTO articles (url, created_at) VALUES (?, ?)", (url, now)).lastrowid


def _insert_action(db: sqlite3.Connection, sha256: str, action: ReviewAction) -> int:
    return db.execute(
        "INSERT INTO actions (sha256, quote_start, quote_end, action, reviewer,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (
            sha256,
            action.start,
            action.end,
            action.model_dump_json(exclude_none=True),
            action.reviewer,
            action.at.isoformat(),
        ),
    ).lastrowid


def _lost_json(lost: Sequence[LostReview]) -> str:
    return LOST_LIST.dump_json(tuple(lost), exclude_none=True).decode()


def _article_row(row: tuple) -> ArticleRow:
    article, sha, *meta, versions, created, last = row
    return ArticleRow(
        article_id=article,
        sha256=sha,
        meta=DocumentMeta(sha256=sha, **dict(zip(_META_COLUMNS, meta, strict=True))),
        versions=versions,
        added_at=datetime.fromisoformat(created),
        last_action=ReviewAction.model_validate_json(last) if last else None,
    )


def _last_worked_on(row: ArticleRow) -> datetime:
    return row.last_action.at if row.last_action else row.added_at


def _now() -> str:
    return datetime.now(UTC).isoformat()
