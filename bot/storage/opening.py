"""Choose and open the back end named by ``BOT_DATABASE_URL``.

``sqlite:///relative/path`` or ``sqlite:////absolute/path`` opens the embedded
file (the default, derived from ``BOT_DB_PATH``); ``postgresql://…`` (or
``postgres://…``) opens the shared server. The PostgreSQL module, and with it
psycopg, is imported only when asked for.
"""

from __future__ import annotations

from pathlib import Path

from bot.storage.errors import StorageError
from bot.storage.sqlite_store import SQLiteStore
from bot.storage.store import Store

__all__ = ["is_postgres_url", "open_store", "sqlite_path_of", "sqlite_url"]

_SQLITE = "sqlite:///"
_POSTGRES = ("postgresql://", "postgres://")


def sqlite_url(path: Path) -> str:
    """The ``BOT_DATABASE_URL`` of the SQLite file at ``path``."""
    return _SQLITE + str(path)


def is_postgres_url(url: str) -> bool:
    """True for a ``postgresql://`` or ``postgres://`` URL."""
    return url.startswith(_POSTGRES)


def sqlite_path_of(url: str) -> Path | None:
    """The file of a ``sqlite:///`` URL, or None for another scheme."""
    return Path(url[len(_SQLITE) :]) if url.startswith(_SQLITE) else None


def open_store(url: str) -> Store:
    """Open (creating and migrating) the store at ``url``.

    Raises:
        StorageError: an unknown scheme, or the database cannot be opened or migrated.
    """
    path = sqlite_path_of(url)
    if path is not None:
        if url == _SQLITE:
            raise StorageError("BOT_DATABASE_URL sqlite:/// needs a file path after the three slashes")
        return SQLiteStore(path)
    if is_postgres_url(url):
        from bot.storage.postgres_store import PostgresStore  # noqa: PLC0415 - psycopg only when used

        return PostgresStore(url)
    raise StorageError("BOT_DATABASE_URL must start with sqlite:/// or postgresql://")
