"""Everything the bot keeps outside its process: one ``Store`` interface, two back ends.

``open_store(BOT_DATABASE_URL)`` gives an ``SQLiteStore`` (one process, the
default) or a ``PostgresStore`` (replicas). SQL dialects stay inside this
package; callers pass hashed user keys and typed records.
"""

from bot.storage.hashing import hash_user
from bot.storage.opening import is_postgres_url, open_store, sqlite_path_of, sqlite_url
from bot.storage.records import ClaimOutcome, QuestionRow, StorageError, StorageUnavailableError
from bot.storage.sqlite_store import SQLiteStore
from bot.storage.store import Store

__all__ = [
    "ClaimOutcome",
    "QuestionRow",
    "SQLiteStore",
    "StorageError",
    "StorageUnavailableError",
    "Store",
    "hash_user",
    "is_postgres_url",
    "open_store",
    "sqlite_path_of",
    "sqlite_url",
]
