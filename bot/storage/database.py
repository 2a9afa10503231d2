"""The project's SQLite file: one way to open it, shared by the question log and the preferences.

Both live in ``BOT_DB_PATH``. Every connection is autocommit (multi-statement
work uses explicit BEGIN), ``synchronous = NORMAL`` (durable across crashes in
WAL mode) and ``secure_delete`` (purged questions are overwritten). Opening the
file for writing also switches it to WAL and applies the schema migrations.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from bot.storage.errors import StorageError
from bot.storage.schema import apply_migrations

BUSY_TIMEOUT_S = 5.0


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the project's settings (rows readable by column name)."""
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA secure_delete = ON")
    return conn


def open_database(path: Path, error: type[StorageError], what: str) -> sqlite3.Connection:
    """Create (folders and file), switch to WAL and migrate the file; failures become ``error``."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = connect(path)
    except (OSError, sqlite3.Error) as exc:
        raise error(f"cannot open {what} {path}: {exc}") from exc
    try:
        enable_wal(conn, path, error)
        apply_migrations(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise error(f"cannot prepare {what} {path}: {exc}") from exc
    except StorageError:  # no WAL on this file system, or a newer schema
        conn.close()
        raise
    return conn


def enable_wal(conn: sqlite3.Connection, path: Path, error: type[StorageError] = StorageError) -> None:
    """Switch the file to WAL (a persistent setting), retrying while another opener holds it.

    Changing the journal mode needs an exclusive lock and SQLite does not wait
    for it through the busy handler, so two processes opening a fresh file at
    the same moment would otherwise fail with "database is locked".
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            mode = str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]).lower()
            break
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)
    if mode != "wal":
        raise error(
            f"the database {path} cannot use WAL mode (got {mode!r}); put BOT_DB_PATH on a local file system"
        )
