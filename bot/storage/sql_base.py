"""What the shared statements need from a back end: a session, a key lock, time stamps.

``SqlStore`` (the question log, preferences, rate limit, update claims) and
``CurationStatements`` (the press desk's curation tables) are written once
with ``?`` placeholders over these abstract methods; ``SQLiteStore`` and
``PostgresStore`` implement them and nothing else dialect-specific leaks out.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any, Protocol

__all__ = ["Cursor", "Session", "SqlBackend"]


class Cursor(Protocol):
    """The part of a DB-API cursor the statements use."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...  # noqa: ANN401 - a row of the driver's own type

    def fetchall(self) -> list[Any]: ...


class Session(Protocol):
    """One connection inside a transaction (or a read), executing ``?``-style SQL."""

    def execute(self, sql: str, params: Sequence[object] = ()) -> Cursor: ...


class SqlBackend(ABC):
    """The connection, locking and time-stamp primitives each back end supplies."""

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[Session]:
        """A session whose statements commit together (or roll back on an error)."""

    @abstractmethod
    def _reading(self) -> AbstractContextManager[Session]:
        """A read-only session."""

    @abstractmethod
    def _lock_key(self, session: Session, key: str) -> None:
        """Serialise the current transaction with every other one locking ``key``."""

    @abstractmethod
    def _time(self, moment: datetime) -> object:
        """``moment`` (aware) as the database stores it."""

    @abstractmethod
    def _read_time(self, value: object) -> datetime:
        """A stored time stamp back as an aware UTC datetime."""
