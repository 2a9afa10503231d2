"""The shared back end: PostgreSQL (``BOT_DATABASE_URL=postgresql://…``), for several replicas.

psycopg 3 with ``psycopg_pool``, chosen because it is the maintained driver
with sync and async APIs in one package, is safe behind transaction-mode
PgBouncer without configuration (no server-side prepared statements by
default), and its pool checks a connection before lending it
(``check_connection``), so replicas recover by themselves after the server
restarts. This is the only module that imports psycopg.

Calls are synchronous and short; a pool wait is capped at ``POOL_TIMEOUT_S``
so a handler never hangs on a database that is down: it gets a
``StorageUnavailableError`` and the webhook answers 503, so Telegram retries.

The press desk's change lock is a transaction-level advisory lock
(``pg_advisory_xact_lock``) on a connection held for the whole change: every
replica on the database queues on the same key, and the server releases it
when the transaction ends, also when a replica dies mid-change and its
connection drops.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from bot.storage.errors import (
    ChangeLockTimeoutError,
    SchemaVersionError,
    StorageError,
    StorageUnavailableError,
)
from bot.storage.postgres_schema import MIGRATION_LOCK_KEY, POSTGRES_MIGRATIONS
from bot.storage.records import utc
from bot.storage.sql_base import Cursor, Session
from bot.storage.sql_store import SqlStore

__all__ = ["PostgresStore"]

POOL_TIMEOUT_S = 2.0  # longest wait for a connection: well inside Telegram's 60 s
CONNECT_TIMEOUT_S = 3
POOL_MAX_SIZE = 8  # per replica: the handlers' threads plus the event loop's short calls
OPEN_TIMEOUT_S = 15.0
CHANGE_LOCK_NAME = "bot:curation-change"  # the advisory lock key every replica hashes alike


class _PgSession:
    """A psycopg connection speaking the shared ``?``-placeholder SQL."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[object] = ()) -> Cursor:
        return self._conn.execute(sql.replace("?", "%s"), tuple(params))


def _safe_description(url: str) -> str:
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError:
        return "PostgreSQL (unparsable URL)"
    where = f"{parts.get('host', 'localhost')}:{parts.get('port', 5432)}/{parts.get('dbname', '')}"
    return f"PostgreSQL {where}"  # never the password


class PostgresStore(SqlStore):
    """``Store`` over a PostgreSQL database, migrated on open.

    Args:
        url: a libpq URL or conninfo string (``postgresql://user:pass@host:5432/db``).
        max_size: connections this process may hold.

    Raises:
        StorageUnavailableError: the server cannot be reached within ``OPEN_TIMEOUT_S``.
        StorageError: migrating failed (``SchemaVersionError`` when a newer bot migrated it).
    """

    def __init__(self, url: str, max_size: int = POOL_MAX_SIZE) -> None:
        self._description = _safe_description(url)
        self._pool = ConnectionPool(
            url,
            min_size=1,
            max_size=max_size,
            timeout=POOL_TIMEOUT_S,
            open=False,
            check=ConnectionPool.check_connection,
            kwargs={"autocommit": True, "connect_timeout": CONNECT_TIMEOUT_S},
            name="bot-store",
        )
        try:
            self._pool.open(wait=True, timeout=OPEN_TIMEOUT_S)
        except PoolTimeout as exc:
            self._pool.close()
            raise StorageUnavailableError(f"cannot connect to {self._description}: {exc}") from None
        try:
            self._migrate()
        except BaseException:
            self._pool.close()
            raise

    @property
    def description(self) -> str:
        return self._description

    def ping(self) -> None:
        with self._reading() as session:
            session.execute("SELECT 1").fetchone()

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        try:
            with self._pool.connection() as conn:
                yield conn
        except PoolTimeout as exc:
            raise StorageUnavailableError(f"{self._description} is unreachable: {exc}") from None
        except psycopg.OperationalError as exc:
            raise StorageUnavailableError(f"{self._description} failed: {exc}") from None
        except psycopg.Error as exc:
            raise StorageError(f"{self._description} query failed: {exc}") from exc

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        with self._connection() as conn, conn.transaction():
            yield _PgSession(conn)

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with self._connection() as conn:
            yield _PgSession(conn)

    @contextmanager
    def change_lock(self, timeout: float) -> Iterator[None]:
        """Hold the change lock across every replica (and thread) using this database.

        ``lock_timeout`` bounds the wait inside the server (an advisory lock
        counts as a lock for it), so a stuck holder costs a clear error, not a hang.
        """
        with self._connection() as conn, conn.transaction():
            session = _PgSession(conn)
            wait_ms = f"{max(1, round(timeout * 1000))}ms"
            session.execute("SELECT set_config('lock_timeout', ?, true)", (wait_ms,)).fetchone()
            try:  # keyed by schema too: two bots in one database (or test schemas) do not queue
                session.execute(
                    "SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ?, 0))",
                    (CHANGE_LOCK_NAME,),
                ).fetchone()
            except psycopg.errors.LockNotAvailable:
                raise ChangeLockTimeoutError(f"another change held the lock for over {timeout:g} s") from None
            yield

    def _lock_key(self, session: Session, key: str) -> None:
        session.execute("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", (key,)).fetchone()

    def _time(self, moment: datetime) -> object:
        return utc(moment)

    def _read_time(self, value: object) -> datetime:
        if not isinstance(value, datetime):
            raise StorageError(f"expected a timestamp from PostgreSQL, got {type(value).__name__}")
        return utc(value)

    def schema_version(self) -> int:
        """How many migrations the database says it has applied."""
        with self._reading() as session:
            row = session.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()
        return int(row[0])

    def _migrate(self, migrations: Sequence[Sequence[str]] = POSTGRES_MIGRATIONS) -> int:
        with self._transaction() as session:
            session.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK_KEY,)).fetchone()
            session.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                "version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
            )
            row = session.execute("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").fetchone()
            version = int(row[0])
            if version > len(migrations):
                raise SchemaVersionError(
                    f"the database schema is version {version}, this bot knows only up to "
                    f"{len(migrations)}; run a newer bot or point BOT_DATABASE_URL at another database"
                )
            for number in range(version + 1, len(migrations) + 1):
                for statement in migrations[number - 1]:
                    session.execute(statement)
                session.execute("INSERT INTO schema_migrations (version) VALUES (?)", (number,))
        return len(migrations)

    def close(self) -> None:
        self._pool.close()
