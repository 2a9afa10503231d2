"""Schema migrations for the question log, tracked with ``PRAGMA user_version``.

Each migration is a function in ``MIGRATIONS``; the database's ``user_version``
is the number of migrations already applied. To change the schema later,
append a function (never edit or reorder a shipped one): every database is
brought forward on the next open, one transaction per step, so a crash mid-way
leaves a consistent, still-migratable file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from bot.storage.errors import SchemaVersionError

Migration = Callable[[sqlite3.Connection], None]


def _create_questions_and_inline_choices(conn: sqlite3.Connection) -> None:
    # AUTOINCREMENT so a purged row's id is never handed out again: feedback
    # buttons carry the id, and an old button must not rate a newer question.
    conn.execute(
        """
        CREATE TABLE questions (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            asked_at    TEXT    NOT NULL,
            language    TEXT    NOT NULL,
            chat_type   TEXT    NOT NULL,
            user_hash   TEXT,
            question    TEXT    NOT NULL,
            answered    INTEGER NOT NULL CHECK (answered IN (0, 1)),
            reason      TEXT    NOT NULL,
            passages    TEXT    NOT NULL DEFAULT '[]',
            missions    TEXT    NOT NULL DEFAULT '[]',
            latency_ms  INTEGER,
            feedback    TEXT,
            feedback_at TEXT
        )
        """
    )
    conn.execute("CREATE INDEX questions_by_time ON questions (asked_at)")
    conn.execute(
        """
        CREATE TABLE inline_choices (
            id        INTEGER PRIMARY KEY AUTOINCREMENT,
            chosen_at TEXT NOT NULL,
            user_hash TEXT,
            result_id TEXT NOT NULL,
            query     TEXT NOT NULL
        )
        """
    )
    conn.execute("CREATE INDEX inline_choices_by_time ON inline_choices (chosen_at)")


def _create_user_preferences(conn: sqlite3.Connection) -> None:
    # What a user chose with /lang, keyed like the log by the salted user hash (the raw id is
    # never stored). A row exists only while a choice is set: "automatic" deletes it.
    conn.execute(
        """
        CREATE TABLE user_preferences (
            user_hash  TEXT PRIMARY KEY,
            language   TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) WITHOUT ROWID
        """
    )


def _create_rate_events_and_processed_updates(conn: sqlite3.Connection) -> None:
    # Shared state that once lived in process memory: the per-user sliding window
    # (one row per counted question, epoch seconds) and the Telegram update ids
    # already claimed or handled, so a redelivered update gets no second reply.
    conn.execute("CREATE TABLE rate_events (user_key TEXT NOT NULL, at REAL NOT NULL)")
    conn.execute("CREATE INDEX rate_events_by_key ON rate_events (user_key, at)")
    conn.execute(
        """
        CREATE TABLE processed_updates (
            update_id  INTEGER PRIMARY KEY,
            owner      TEXT NOT NULL,
            claimed_at REAL NOT NULL,
            done_at    REAL
        )
        """
    )


MIGRATIONS: tuple[Migration, ...] = (
    _create_questions_and_inline_choices,
    _create_user_preferences,
    _create_rate_events_and_processed_updates,
)


def schema_version(conn: sqlite3.Connection) -> int:
    """Return how many migrations the database says it has applied."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def apply_migrations(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Apply the migrations the database lacks and return the resulting version.

    ``conn`` must be in autocommit mode (``isolation_level=None``) so the
    explicit transactions here are the only ones. ``BEGIN IMMEDIATE`` takes
    the write lock before the version is read, so two processes opening a fresh
    file at once cannot both run the same step.

    Raises:
        SchemaVersionError: the file is newer than ``migrations`` knows.
    """
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = schema_version(conn)
            if version > len(migrations):
                raise SchemaVersionError(
                    f"question log schema is version {version}, this bot knows only up to "
                    f"{len(migrations)}; run a newer bot or point BOT_DB_PATH at another file"
                )
            if version == len(migrations):
                conn.execute("COMMIT")
                return version
            migrations[version](conn)
            # PRAGMA takes no parameters; the value is our own integer.
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
