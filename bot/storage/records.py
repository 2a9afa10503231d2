"""Typed records crossing the storage boundary.

The store never sees a raw Telegram user id: callers (the press desk's log, the
preferences, the rate limiter) hash it first, so rows carry only ``user_hash``.
The press desk turns a ``StoredQuestion`` into its own ``LoggedQuestion``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

__all__ = ["ClaimOutcome", "QuestionRow", "StoredQuestion", "utc"]


def utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime is refused because its zone would be a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"datetime {moment.isoformat()} has no time zone; pass an aware datetime")
    return moment.astimezone(UTC)


class ClaimOutcome(StrEnum):
    """What claiming a Telegram ``update_id`` found in the shared store."""

    CLAIMED = "claimed"  # ours now: handle it
    DONE = "done"  # handled before (a redelivery or a duplicate): do nothing
    BUSY = "busy"  # another replica holds a live claim: ask Telegram to retry later


@dataclass(frozen=True, slots=True)
class QuestionRow:
    """One question as written: the user already hashed, the time aware."""

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


@dataclass(frozen=True, slots=True)
class StoredQuestion:
    """One question as read back, with its id and feedback."""

    id: int
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
    feedback: str | None
    feedback_at: datetime | None
