"""The one database file: opening it, its migrations, user hashing and the preferences store.

This is the seam the PostgreSQL back end plugs into: the question log
(``bot.pressdesk``) and the preferences reach the file only through here.
The error tree is drawn in ``bot.storage.errors``.
"""

from bot.storage.database import BUSY_TIMEOUT_S, connect, enable_wal, open_database
from bot.storage.errors import SchemaVersionError, StorageError
from bot.storage.preferences import UserPreferences, UserPreferencesError
from bot.storage.schema import MIGRATIONS, Migration, apply_migrations, schema_version
from bot.storage.users import hash_user

__all__ = [
    "BUSY_TIMEOUT_S",
    "MIGRATIONS",
    "Migration",
    "SchemaVersionError",
    "StorageError",
    "UserPreferences",
    "UserPreferencesError",
    "apply_migrations",
    "connect",
    "enable_wal",
    "hash_user",
    "open_database",
    "schema_version",
]
