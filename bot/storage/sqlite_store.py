"""The embedded back end: one SQLite file (``BOT_DATABASE_URL=sqlite:///path``), for one process.

Concurrency, and why this design: SQLite allows one writer at a time anyway,
and a single-row write in WAL mode with ``synchronous=NORMAL`` takes well under
a millisecond, less than a hop to a worker thread would cost. So writes run on
one connection (``check_same_thread=False``) guarded by a lock, each in a
``BEGIN IMMEDIATE`` transaction, callable from the event loop or any thread.
Reads open their own short-lived connection: in WAL mode readers never block
the writer, so a long export in ``asyncio.to_thread`` does not hold up
questions being recorded. ``secure_delete`` is on and a purge ends with a WAL
checkpoint, so purged text is overwritten rather than left in free pages.

The press desk's change lock is an exclusive ``flock`` on ``<file>.change-lock``
beside the database, not ``BEGIN IMMEDIATE``: a change validates the whole
corpus before writing (seconds), and holding SQLite's write lock that long
would stall every question being recorded meanwhile.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from bot.storage.database import connect, open_database
from bot.storage.errors import ChangeLockTimeoutError, StorageError
from bot.storage.records import utc
from bot.storage.sql_base import Session
from bot.storage.sql_store import SqlStore

__all__ = ["SQLiteStore"]

_LOGGER = logging.getLogger(__name__)
CHECKPOINT_TIMEOUT_S = 1.0
LOCK_POLL_S = 0.05  # flock has no timeout of its own: try, then sleep this long
# Fixed-width UTC stamps sort as text in time order, so range queries use the index.
_STAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


class SQLiteStore(SqlStore):
    """``Store`` over one SQLite file, created (folders too) and migrated on open.

    Raises:
        StorageError: the file cannot be opened, switched to WAL or migrated
            (``SchemaVersionError`` when a newer bot wrote it).
    """

    def __init__(self, path: Path) -> None:
        self._path = Path(path)
        self._lock = threading.Lock()
        self._closed = False
        self._writer = open_database(self._path, StorageError, "the database")

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    @property
    def description(self) -> str:
        return f"SQLite file {self._path}"

    def ping(self) -> None:
        with self._reading() as session:
            session.execute("SELECT 1").fetchone()

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        with self._lock:
            if self._closed:
                raise StorageError("the database is closed")
            conn = self._writer
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                raise StorageError(f"database write failed: {exc}") from exc

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        if self._closed:
            raise StorageError("the database is closed")
        try:
            conn = connect(self._path)
        except sqlite3.Error as exc:
            raise StorageError(f"cannot read the database: {exc}") from exc
        try:
            conn.execute("PRAGMA query_only = ON")
            yield conn
        except sqlite3.Error as exc:
            raise StorageError(f"database read failed: {exc}") from exc
        finally:
            conn.close()

    @contextmanager
    def change_lock(self, timeout: float) -> Iterator[None]:
        """Hold the change lock across every process (and thread) using this database file.

        Each call opens the lock file afresh, so two threads of one process
        conflict as two processes do (``flock`` locks belong to the open file).
        The kernel drops the lock when its holder dies: a killed process never
        leaves it taken.
        """
        lock_path = self._path.with_name(self._path.name + ".change-lock")
        try:
            handle = lock_path.open("a+b")
        except OSError as exc:
            raise StorageError(f"cannot open the change lock {lock_path}: {exc}") from exc
        with handle:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise ChangeLockTimeoutError(
                            f"another change held the lock for over {timeout:g} s"
                        ) from None
                    time.sleep(LOCK_POLL_S)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _lock_key(self, session: Session, key: str) -> None:
        """Nothing to do: ``BEGIN IMMEDIATE`` already lets one writer in at a time."""

    def _time(self, moment: datetime) -> object:
        return utc(moment).strftime(_STAMP_FORMAT)

    def _read_time(self, value: object) -> datetime:
        # fromisoformat reads the trailing "Z" (Python 3.11+) and is far faster than strptime.
        return datetime.fromisoformat(str(value))

    def purge_before(self, cutoff: datetime) -> int:
        deleted = super().purge_before(cutoff)
        self._checkpoint()
        return deleted

    def _checkpoint(self) -> None:
        # On its own connection and outside the lock: a TRUNCATE checkpoint
        # waits for readers, and questions must keep being recorded meanwhile.
        # If it cannot finish now, the next automatic checkpoint does the job.
        try:
            conn = sqlite3.connect(self._path, timeout=CHECKPOINT_TIMEOUT_S)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        except sqlite3.Error as exc:
            # The purge itself is committed; only the early overwrite is delayed.
            _LOGGER.warning("checkpoint after purge failed: %s", exc)

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            with contextlib.suppress(sqlite3.Error):  # an optimisation hint only; closing matters more
                self._writer.execute("PRAGMA optimize")
            self._writer.close()
