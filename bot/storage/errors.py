"""Errors of the storage package, and where the other stores' errors hang.

::

    StorageError                      the database file cannot be opened, migrated, read or written
    ├── StorageUnavailableError       the server is out of reach right now (worth a retry)
    ├── SchemaVersionError            a newer bot wrote the file
    ├── ChangeLockTimeoutError        another replica or process held the curation change lock too long
    ├── UserPreferencesError          the preferences table (bot.storage.preferences)
    └── QuestionLogError              the question log (bot.pressdesk, which builds on storage)
        └── CurationStoreError        the curation tables (bot.pressdesk)

Callers that open the file at start catch ``StorageError``; handlers catch the
narrow error of the store they use.
"""

from __future__ import annotations


class StorageError(Exception):
    """Base of every storage error: the database file cannot be opened, migrated, read or written."""


class SchemaVersionError(StorageError):
    """The database was written by a newer version of the bot than this one."""


class StorageUnavailableError(StorageError):
    """The database is out of reach right now (server down, pool exhausted): worth a retry."""


class ChangeLockTimeoutError(StorageError):
    """The press desk's change lock stayed taken (another change is running) past the wait allowed."""
