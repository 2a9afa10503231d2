"""Typed records crossing the storage boundary.

The store never sees a raw Telegram user id: callers (the press desk's log, the
preferences, the rate limiter) hash it first, so rows carry only ``user_hash``.
A question is written as a ``QuestionRow`` and read back as a ``StoredQuestion``,
the one record of a logged question (the press desk calls it ``LoggedQuestion``);
its ``ChatType`` and ``Feedback`` vocabularies live here with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

__all__ = ["ChatType", "ClaimOutcome", "Feedback", "QuestionRow", "StoredQuestion", "utc"]


def utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime is refused because its zone would be a guess."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"datetime {moment.isoformat()} has no time zone; pass an aware datetime")
    return moment.astimezone(UTC)


class ChatType(StrEnum):
    """Where a question was asked; values match Telegram's ``Chat.type`` plus two of ours."""

    PRIVATE = "private"
    GROUP = "group"
    SUPERGROUP = "supergroup"
    INLINE = "inline"
    CLI = "cli"


class Feedback(StrEnum):
    """The three feedback buttons under a private-chat answer."""

    HELPFUL = "helpful"
    NOT_HELPFUL = "not_helpful"
    OUTDATED = "outdated"


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
    chat_type: ChatType
    user_hash: str | None
    question: str
    answered: bool
    reason: str
    passages: tuple[str, ...]
    missions: tuple[str, ...]
    latency_ms: int | None


@dataclass(frozen=True, slots=True)
class StoredQuestion:
    """One question as stored: what the adapter recorded plus id, hash and feedback."""

    id: int
    asked_at: datetime
    language: str
    chat_type: ChatType
    user_hash: str | None
    question: str
    answered: bool
    reason: str
    passages: tuple[str, ...]
    missions: tuple[str, ...]
    latency_ms: int | None
    feedback: Feedback | None
    feedback_at: datetime | None
