"""Everything the bot keeps outside its process: one ``Store`` interface, two back ends.

``open_store(BOT_DATABASE_URL)`` gives an ``SQLiteStore`` (one process, the
default) or a ``PostgresStore`` (replicas; imported only when asked for, with
psycopg). The question log and the curation tables (``bot.pressdesk``), the
preferences, the rate limit and the webhook's update claims reach the database
only through here, as the typed records of ``records`` and ``curation_records``;
SQL dialects stay inside this package. The error tree is drawn in ``bot.storage.errors``.
"""

from bot.storage.curation_records import Action, Candidate, Change, FileEdit, Offer, Phrasing, TopicChoice
from bot.storage.database import BUSY_TIMEOUT_S, connect, enable_wal, open_database
from bot.storage.errors import (
    ChangeLockTimeoutError,
    SchemaVersionError,
    StorageError,
    StorageUnavailableError,
)
from bot.storage.opening import is_postgres_url, open_store, sqlite_path_of, sqlite_url, store_or_file
from bot.storage.preferences import UserPreferences, UserPreferencesError
from bot.storage.records import ChatType, ClaimOutcome, Feedback, QuestionRow, StoredQuestion, utc
from bot.storage.schema import MIGRATIONS, Migration, apply_migrations, schema_version
from bot.storage.sqlite_store import SQLiteStore
from bot.storage.store import Store
from bot.storage.users import hash_user

__all__ = [
    "BUSY_TIMEOUT_S",
    "MIGRATIONS",
    "Action",
    "Candidate",
    "Change",
    "ChangeLockTimeoutError",
    "ChatType",
    "ClaimOutcome",
    "Feedback",
    "FileEdit",
    "Migration",
    "Offer",
    "Phrasing",
    "QuestionRow",
    "SQLiteStore",
    "SchemaVersionError",
    "StorageError",
    "StorageUnavailableError",
    "Store",
    "StoredQuestion",
    "TopicChoice",
    "UserPreferences",
    "UserPreferencesError",
    "apply_migrations",
    "connect",
    "enable_wal",
    "hash_user",
    "is_postgres_url",
    "open_database",
    "open_store",
    "schema_version",
    "sqlite_path_of",
    "sqlite_url",
    "store_or_file",
    "utc",
]
