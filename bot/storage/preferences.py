"""What each user chose with /lang, kept in the bot's ``Store``.

The choice lives in the same database as the question log: one thing to back
up, one schema version, one salt. Users are keyed by ``hash_user(id, salt)``
exactly as in the log, so the raw Telegram id never reaches the database and a
rotated salt forgets both at once. Each read goes to the store (one
primary-key lookup), never to a cache: with replicas, a choice made through
one must hold on the next message, whichever replica answers it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from bot.i18n import SUPPORTED_LANGUAGES
from bot.storage.errors import StorageError
from bot.storage.opening import store_or_file
from bot.storage.records import utc
from bot.storage.sqlite_store import SQLiteStore
from bot.storage.store import Store
from bot.storage.users import hash_user

__all__ = ["UserPreferences", "UserPreferencesError"]


class UserPreferencesError(StorageError):
    """The preferences could not be opened, read or written (they share the log's database)."""


class UserPreferences:
    """Per-user settings (today the language of replies and buttons).

    Args:
        store: the bot's open store, or an SQLite file to open for these preferences alone.
        salt: the secret ``BOT_USER_HASH_SALT`` that keys the user hash.

    Raises:
        UserPreferencesError: empty salt, or the file cannot be opened or migrated.
    """

    def __init__(self, store: Store | Path, salt: str) -> None:
        if not salt:
            raise UserPreferencesError("the user hash salt must not be empty (set BOT_USER_HASH_SALT)")
        try:
            self._store, self._owns_store = store_or_file(store)
        except StorageError as exc:
            raise UserPreferencesError(str(exc)) from exc
        self._salt = salt
        self._closed = False

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None when the preferences live on a server."""
        return self._store.path if isinstance(self._store, SQLiteStore) else None

    def _open_store(self) -> Store:
        if self._closed:
            raise UserPreferencesError("the user preferences are closed")
        return self._store

    def language_of(self, user_id: int) -> str | None:
        """The language ``user_id`` chose, or None when they chose none (or chose "automatic")."""
        try:
            language = self._open_store().language_of(hash_user(user_id, self._salt))
        except StorageError as exc:
            raise UserPreferencesError(f"user preferences query failed: {exc}") from exc
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
        moment = datetime.now(UTC) if now is None else utc(now)
        try:
            self._open_store().set_language(hash_user(user_id, self._salt), language, moment)
        except StorageError as exc:
            raise UserPreferencesError(f"user preferences query failed: {exc}") from exc

    def close(self) -> None:
        """Close (the file, when opened here); safe to call twice."""
        if not self._closed:
            self._closed = True
            if self._owns_store:
                self._store.close()

    def __enter__(self) -> UserPreferences:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()
