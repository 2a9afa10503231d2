"""Typed records crossing the storage boundary, and its errors.

The store never sees a raw Telegram user id: callers (the press desk's log, the
preferences, the rate limiter) hash it first, so a ``QuestionRow`` carries only
``user_hash``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.pressdesk.records import QuestionLogError

__all__ = ["ClaimOutcome", "QuestionRow", "StorageError", "StorageUnavailableError"]


class StorageError(QuestionLogError):
    """The database could not be opened, migrated, read or written.

    A ``QuestionLogError`` so the handlers' existing "log it and still answer"
    paths cover every back end.
    """


class StorageUnavailableError(StorageError):
    """The database is out of reach right now (server down, pool exhausted): worth a retry."""


class ClaimOutcome(StrEnum):
    """What claiming a Telegram ``update_id`` found in the shared store."""

    CLAIMED = "claimed"  # ours now: handle it
    DONE = "done"  # handled before (a redelivery or a duplicate): do nothing
    BUSY = "busy"  # another replica holds a live claim: ask Telegram to retry later


@dataclass(frozen=True, slots=True)
class QuestionRow:
    """One logged question as written: the user already hashed, the time in UTC."""

    asked_at: datetime
    language: str
    chat_type: str
    user_hash: str | None
    question: str
    answered: bool
    reason: str
    passages: tuple[str, ...]
    missions: tuple[str, ...]
    latency_ms: int | None
