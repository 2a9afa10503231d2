"""The one storage interface: what the bot keeps outside its process memory.

Everything a second replica must see lives behind ``Store``: the question log
and its feedback, inline choices, user preferences, the per-user rate limit and
the processed Telegram ``update_id``s. Two implementations exist
(``SQLiteStore`` for one process, ``PostgresStore`` for replicas), chosen by
``BOT_DATABASE_URL`` in ``bot.storage.opening``. Callers pass hashed user keys
and aware datetimes and receive typed records; no SQL dialect leaks out.

Methods are synchronous: each is one short statement or transaction (well under
a millisecond on SQLite, about one loopback round trip on PostgreSQL), so the
Telegram handlers call them on the event loop as they did with SQLite; the long
report reads run in ``asyncio.to_thread``. Every failure is a ``StorageError``
(``StorageUnavailableError`` when the server is out of reach).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol, runtime_checkable

from bot.storage.records import ClaimOutcome, QuestionRow, StoredQuestion

__all__ = ["Store"]


@runtime_checkable
class Store(Protocol):
    """Shared state of the bot (see the module docstring)."""

    @property
    def description(self) -> str:
        """Where the data lives, for logs (a path or a URL without the password)."""

    def ping(self) -> None:
        """Round-trip to the database; raises ``StorageError`` when it is unreachable."""

    def close(self) -> None:
        """Release connections; safe to call twice."""

    # --- question log -----------------------------------------------------------
    def insert_question(self, row: QuestionRow) -> int:
        """Store one question and return its id (never reused, even after a purge)."""

    def set_feedback(self, row_id: int, user_hash: str, feedback: str, at: datetime) -> bool:
        """Set the feedback on ``row_id`` if ``user_hash`` asked it; True when stored."""

    def insert_inline_choice(self, at: datetime, user_hash: str | None, result_id: str, query: str) -> int:
        """Store a chosen inline result and return its id."""

    def purge_before(self, cutoff: datetime) -> int:
        """Delete questions and inline choices older than ``cutoff``; return rows deleted."""

    def questions_between(
        self, since: datetime, until: datetime, *, include_end: bool = False
    ) -> list[StoredQuestion]:
        """Questions asked in ``[since, until)`` (``[since, until]`` with ``include_end``), oldest first."""

    def gap_questions(
        self, excluded_reasons: Sequence[str], not_helpful: str, since: datetime | None
    ) -> list[StoredQuestion]:
        """Declined questions (reason not excluded) or ones rated ``not_helpful``, oldest first."""

    def inline_choices_between(self, since: datetime, until: datetime) -> int:
        """How many inline results were chosen in ``[since, until]``."""

    # --- user preferences -------------------------------------------------------
    def language_of(self, user_hash: str) -> str | None:
        """The language stored for ``user_hash``, or None."""

    def set_language(self, user_hash: str, language: str | None, at: datetime) -> None:
        """Store ``language`` for ``user_hash``; None deletes the choice."""

    # --- per-user rate limit (sliding window) -------------------------------------
    def rate_acquire(self, key: str, now: float, limit: int, window: float) -> float:
        """Count one event for ``key`` at ``now`` (epoch seconds) if fewer than ``limit`` lie in the window.

        Returns 0.0 when counted, else the seconds until the oldest event in the
        window leaves it (the refused event is not counted).
        """

    def rate_wait(self, key: str, now: float, limit: int, window: float) -> float:
        """Seconds until ``key`` may count another event (0.0 when it may now); counts nothing."""

    def purge_rate_events_before(self, cutoff: float) -> int:
        """Forget rate-limit events older than ``cutoff``; return how many."""

    def rate_tracked_keys(self) -> int:
        """How many keys have events stored (memory follows active users only)."""

    # --- processed Telegram updates ---------------------------------------------------
    def claim_update(self, update_id: int, owner: str, now: float, lease: float) -> ClaimOutcome:
        """Claim ``update_id`` for ``owner`` unless it is done or another claim is younger than ``lease``."""

    def finish_update(self, update_id: int, now: float) -> None:
        """Mark ``update_id`` handled: later deliveries of it are duplicates."""

    def release_update(self, update_id: int) -> None:
        """Drop an unfinished claim so the next delivery may claim it at once."""

    def purge_updates_before(self, cutoff: float) -> int:
        """Forget update ids claimed before ``cutoff``; Telegram keeps an update 24 h at most."""
