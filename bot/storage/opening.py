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

__all__ = ["is_postgres_url", "open_store", "sqlite_path_of", "sqlite_url", "store_or_file"]

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


def store_or_file(source: Store | Path) -> tuple[Store, bool]:
    """The store for ``source`` (an open store, or an SQLite file opened now); True if opened here.

    The press desk's log and curation tables accept either; the one that opened
    the file closes it, a store passed in is closed by its opener.

    Raises:
        StorageError: the file cannot be opened or migrated.
    """
    if isinstance(source, Store):
        return source, False
    return SQLiteStore(Path(source)), True
