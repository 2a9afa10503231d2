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


def _create_curation_tables(conn: sqlite3.Connection) -> None:
    # The press desk's edits of the material (issue 13). ``curation_offers`` holds what an
    # /unanswered button stands for, so a button carries only a row id and an action: the
    # phrasings and the candidate passages stay here, never in the (forgeable) button data.
    conn.execute(
        """
        CREATE TABLE curation_offers (
            id                INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at        TEXT    NOT NULL,
            admin_hash        TEXT,
            payload           TEXT    NOT NULL,
            prompt_message_id INTEGER,
            change_id         INTEGER
        )
        """
    )
    conn.execute("CREATE INDEX curation_offers_by_prompt ON curation_offers (admin_hash, prompt_message_id)")
    # Every change an admin made, with the whole file before and after, so /undo restores it
    # exactly. ``admin_hash`` is NULL for the command line; ``undo_of`` marks an undo.
    conn.execute(
        """
        CREATE TABLE curation_changes (
            id         INTEGER PRIMARY KEY AUTOINCREMENT,
            changed_at TEXT    NOT NULL,
            admin_hash TEXT,
            action     TEXT    NOT NULL,
            summary    TEXT    NOT NULL,
            target     TEXT    NOT NULL,
            before     TEXT,
            after      TEXT,
            undone_at  TEXT,
            undo_of    INTEGER REFERENCES curation_changes (id)
        )
        """
    )
    # Question forms (normalised as /unanswered groups them) a change settled: declines asked
    # before ``settled_at`` no longer show as gaps. Undoing the change deletes its rows.
    conn.execute(
        """
        CREATE TABLE curation_settled (
            form       TEXT    NOT NULL,
            change_id  INTEGER NOT NULL REFERENCES curation_changes (id),
            settled_at TEXT    NOT NULL,
            PRIMARY KEY (form, change_id)
        ) WITHOUT ROWID
        """
    )
    # Whether an admin receives the weekly digest; no row means the BOT_WEEKLY_DIGEST default.
    conn.execute(
        """
        CREATE TABLE admin_digest (
            admin_hash TEXT PRIMARY KEY,
            enabled    INTEGER NOT NULL CHECK (enabled IN (0, 1)),
            updated_at TEXT    NOT NULL
        ) WITHOUT ROWID
        """
    )


def _create_digest_sends(conn: sqlite3.Connection) -> None:
    # Which admin got which week's digest: every replica runs the weekly job, and the first
    # to claim (admin, week) sends it, so an admin gets one digest, not one per replica.
    conn.execute(
        """
        CREATE TABLE digest_sends (
            admin_hash TEXT NOT NULL,
            period     TEXT NOT NULL,
            claimed_at TEXT NOT NULL,
            PRIMARY KEY (admin_hash, period)
        ) WITHOUT ROWID
        """
    )


MIGRATIONS: tuple[Migration, ...] = (
    _create_questions_and_inline_choices,
    _create_user_preferences,
    _create_rate_events_and_processed_updates,
    _create_curation_tables,
    _create_digest_sends,
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
