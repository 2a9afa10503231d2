"""What each user chose with /lang, stored in the press desk's SQLite file.

The choice lives in the same database as the question log (``BOT_DB_PATH``),
in a table added by a migration in ``bot.storage.schema``: one file to
back up, one schema version, one salt. Users are keyed by
``hash_user(id, salt)`` exactly as in the log, so the raw Telegram id never
reaches the file and a rotated salt forgets both at once.

Concurrency follows ``QuestionLog``: one connection (``check_same_thread=False``)
guarded by a lock; a primary-key read or write takes microseconds, so handlers
call it directly on the event loop. WAL mode lets the question log's readers
and this writer work side by side.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from bot.i18n import SUPPORTED_LANGUAGES
from bot.storage.database import open_database
from bot.storage.errors import StorageError
from bot.storage.users import hash_user

__all__ = ["UserPreferences", "UserPreferencesError"]


class UserPreferencesError(StorageError):
    """The preferences table could not be opened, read or written (it shares the log's file)."""


class UserPreferences:
    """Per-user settings (today the language of replies and buttons).

    Args:
        path: the SQLite file, created with its parent directories if missing.
        salt: the secret ``BOT_USER_HASH_SALT`` that keys the user hash.

    Raises:
        UserPreferencesError: empty salt, or the file cannot be opened or migrated
            (a ``SchemaVersionError`` when a newer bot wrote it).
    """

    def __init__(self, path: Path, salt: str) -> None:
        if not salt:
            raise UserPreferencesError("the user hash salt must not be empty (set BOT_USER_HASH_SALT)")
        self._path = Path(path)
        self._salt = salt
        self._lock = threading.Lock()
        self._closed = False
        self._conn = open_database(self._path, UserPreferencesError, "the preferences in")

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    @contextmanager
    def _using(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._closed:
                raise UserPreferencesError("the user preferences are closed")
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise UserPreferencesError(f"user preferences query failed: {exc}") from exc

    def language_of(self, user_id: int) -> str | None:
        """The language ``user_id`` chose, or None when they chose none (or chose "automatic")."""
        with self._using() as conn:
            row = conn.execute(
                "SELECT language FROM user_preferences WHERE user_hash = ?",
                (hash_user(user_id, self._salt),),
            ).fetchone()
        language = row[0] if row else None
        return language if language in SUPPORTED_LANGUAGES else None  # a language since retired

    def set_language(self, user_id: int, language: str | None, now: datetime | None = None) -> None:
        """Store ``user_id``'s choice; None forgets it (back to "automatic").

        Raises:
            UserPreferencesError: ``language`` is not one the bot serves, or the write failed.
        """
        if language is not None and language not in SUPPORTED_LANGUAGES:
            raise UserPreferencesError(
                f"unsupported language {language!r}; choose one of {SUPPORTED_LANGUAGES}"
            )
        user_hash = hash_user(user_id, self._salt)
        with self._using() as conn:
            if language is None:
                conn.execute("DELETE FROM user_preferences WHERE user_hash = ?", (user_hash,))
                return
            stamp = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
            conn.execute(
                "INSERT INTO user_preferences (user_hash, language, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (user_hash) DO UPDATE SET language = excluded.language, "
                "updated_at = excluded.updated_at",
                (user_hash, language, stamp),
            )

    def close(self) -> None:
        """Close the database; safe to call twice."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._conn.close()

    def __enter__(self) -> UserPreferences:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()
