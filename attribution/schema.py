"""What every review store backend shares: the schema's version, the migration loop, the
error a person reads, and the shape a backend has.

A backend is a database: SQLite (`store_sqlite.py`, the embedded default) or PostgreSQL
(`store_postgres.py`, for a desk's server). Both hold the same tables and columns at the same
schema version, reached by the same numbered migrations written in each one's SQL, and both
refuse to change or delete a review action. `Store` speaks to either with one dialect of SQL
(`?` placeholders, `INSERT … RETURNING id`), which each backend's connection accepts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol

from .errors import StoreError

SCHEMA_VERSION = 3  # the number of migrations each backend has


class Connection(Protocol):
    def execute(self, sql: str, params: Any = ...) -> Any: ...


class Backend(Protocol):
    """One kind of database behind `Store`."""

    location: str  # where the store is, as messages name it (never with a password)
    migrations: tuple[str, ...]

    def connect(self) -> AbstractContextManager[Connection]:
        """A connection for one operation; database errors leave it as StoreError."""
        ...

    def transaction(self, db: Connection) -> AbstractContextManager[None]:
        """A write transaction; writers take turns, as SQLite's one writer does."""
        ...

    def version(self, db: Connection) -> int: ...

    def set_version(self, db: Connection, version: int) -> None: ...

    def statements(self, script: str) -> Iterator[str]:
        """The statements of a migration script."""
        ...


@contextmanager
def transaction(db: Connection, begin: str, *first: tuple[str, tuple]) -> Iterator[None]:
    """BEGIN (as the backend begins a write), the statements every write starts with, the
    caller's work, then COMMIT; ROLLBACK on any error."""
    db.execute(begin)
    try:
        for statement, params in first:
            db.execute(statement, params)
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def migrate(backend: Backend, db: Connection) -> None:
    """Bring the schema up to date, one migration per transaction; safe when two processes
    open a new store at once (the version is read again inside the writers' turn)."""
    assert len(backend.migrations) == SCHEMA_VERSION
    while True:
        with backend.transaction(db):
            version = backend.version(db)
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"the review store has schema {version}, newer than this "
                    f"tool's ({SCHEMA_VERSION}): upgrade attribution"
                )
            if version == SCHEMA_VERSION:
                return
            for statement in backend.statements(backend.migrations[version]):
                db.execute(statement)
            backend.set_version(db, version + 1)
