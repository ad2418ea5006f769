"""The review store: append-only reviews — a desk's workspace — in one SQLite file (the
default) or on a PostgreSQL server (`ATTRIBUTION_STORE=postgresql://…`).

An article is one or more documents (versions of its text, keyed by the SHA-256 of the text,
each with the article's metadata and a sketch that finds it again when an edited text comes
in); each analysis is kept with the versions of the tool, models and rule data that made it;
each review action is one row, written in its own transaction, never updated or deleted.
Reviews carried from one version to the next are new rows, marked with where they came
from, and the carry itself is recorded once per version with the reviews it could not move.
Each backend (`store_sqlite.py`, `store_postgres.py`) carries the schema at one version
with the same ordered migrations (`schema.py`); the SQL here runs on both.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from . import settings
from .actions import LOST_LIST, LostReview, ReviewAction
from .errors import StoreError
from .model import Analysis, DocumentMeta, Frozen
from .review import Carryover
from .schema import SCHEMA_VERSION, Backend, Connection, migrate
from .store_postgres import PostgresBackend, is_address
from .store_sqlite import MIGRATIONS, SqliteBackend
from .versions import sketch

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Store", "StoreError", "default_location"]

STORE_ENV = settings.variable("store")


class Version(Frozen):
    """The latest text of an article, as the search for earlier versions needs it."""

    sha256: str
    article_id: int
    url: str | None
    sketch: tuple[int, ...]


class ArticleRow(Frozen):
    """An article of the workspace: its latest version and the last thing done to it."""

    article_id: int
    sha256: str
    meta: DocumentMeta
    versions: int
    added_at: datetime
    last_action: ReviewAction | None


_LATEST = "d.rowid = (SELECT MAX(rowid) FROM documents WHERE article_id = d.article_id)"
_META_COLUMNS = ("source", "url", "title", "outlet", "author", "date")


def default_location() -> str | Path:
    """$ATTRIBUTION_STORE (a file, or a postgresql:// address), else reviews.sqlite3 in the
    user's data directory."""
    chosen = settings.current().store
    if chosen:
        return chosen if is_address(chosen) else Path(chosen).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("attribution", appauthor=False)) / "reviews.sqlite3"


def backend_for(location: str | Path | None) -> Backend:
    chosen = location if location else default_location()
    if is_address(chosen):
        return PostgresBackend(str(chosen))
    return SqliteBackend(Path(chosen).expanduser())


class Store:
    def __init__(self, location: str | Path | None = None):
        self.backend = backend_for(location)
        self.location = self.backend.location
        with self._connect() as db:
            migrate(self.backend, db)

    def _connect(self):
        return self.backend.connect()

    def _writing(self, db: Connection):
        return self.backend.transaction(db)

    # ------------------------------------------------------------------ writing

    def save_analysis(self, analysis: Analysis, *, version_of: str | None = None) -> int:
        """Keep the document and this analysis of it; returns the analysis id.

        A new document joins the article of `version_of` (a stored document), else the
        article at its address, else starts an article of its own. A document already kept
        takes the metadata given now where it was missing (a link fetched for a pasted text).
        """
        now = _now()
        meta = analysis.meta
        with self._connect() as db, self._writing(db):
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
                " analysis) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                (
                    analysis.meta.sha256,
                    now,
                    provenance.tool_version,
                    provenance.models,
                    json.dumps(provenance.lexicons, sort_keys=True),
                    analysis.model_dump_json(),
                ),
            )
            return cursor.fetchone()[0]

    def record(self, sha256: str, action: ReviewAction) -> int:
        """Append one review action, in a transaction of its own; returns its id."""
        with self._connect() as db, self._writing(db):
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
        with self._connect() as db, self._writing(db):
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
            return self.backend.version(db)


def _has_document(db: Connection, sha256: str) -> bool:
    return db.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone() is not None


def _fill_metadata(db: Connection, meta: DocumentMeta) -> None:
    for column in _META_COLUMNS[1:]:  # the source is how it was first loaded: kept
        value = getattr(meta, column)
        if value is not None:
            db.execute(
                f"UPDATE documents SET {column} = ? WHERE sha256 = ? AND {column} IS NULL",
                (value, meta.sha256),
            )


def _article_for(db: Connection, url: str | None, version_of: str | None, now: str) -> int:
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
    return db.execute(
        "INSERT INTO articles (url, created_at) VALUES (?, ?) RETURNING id", (url, now)
    ).fetchone()[0]


def _insert_action(db: Connection, sha256: str, action: ReviewAction) -> int:
    return db.execute(
        "INSERT INTO actions (sha256, quote_start, quote_end, action, reviewer,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        (
            sha256,
            action.start,
            action.end,
            action.model_dump_json(exclude_none=True),
            action.reviewer,
            action.at.isoformat(),
        ),
    ).fetchone()[0]


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
