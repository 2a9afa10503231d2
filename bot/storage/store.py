"""The one storage interface: what the bot keeps outside its process memory.

Everything a second replica must see lives behind ``Store``: the question log
and its feedback, inline choices, user preferences, the per-user rate limit,
the processed Telegram ``update_id``s, and the press desk's curation (button
offers, the change history, settled question forms, digest choices, and the
lock that lets one change of the corpus files run at a time). Two implementations exist
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
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Protocol, runtime_checkable

from bot.storage.curation_records import Action, Candidate, Change, FileEdit, Offer, Phrasing, TopicChoice
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

    # --- press-desk curation --------------------------------------------------------------
    def insert_offer(self, at: datetime, admin_hash: str | None, phrasings: Sequence[Phrasing]) -> int:
        """Store the group a row of curation buttons stands for; return the id the buttons carry."""

    def offer(self, offer_id: int) -> Offer | None:
        """The offer ``offer_id``, or None (forged, or purged)."""

    def set_offer_choices(
        self, offer_id: int, candidates: Sequence[Candidate] | None, topics: Sequence[TopicChoice] | None
    ) -> Offer | None:
        """Replace the candidates and/or topics an offer listed (None keeps them); None if it is gone."""

    def await_offer_reply(self, offer_id: int, admin_hash: str, message_id: int) -> None:
        """Note that ``admin_hash``'s reply to ``message_id`` names a new topic for the offer."""

    def offer_awaiting_reply(self, admin_hash: str, message_id: int) -> Offer | None:
        """The unsettled offer whose prompt ``message_id`` the admin is replying to, if any."""

    def purge_offers_before(self, cutoff: datetime) -> int:
        """Delete offers created before ``cutoff`` (they quote asked questions); return how many."""

    def insert_change(
        self,
        at: datetime,
        admin_hash: str | None,
        action: Action,
        edit: FileEdit,
        forms: Sequence[str],
        offer_id: int | None,
    ) -> Change:
        """Record a change, the question forms it settles and the offer it answered, in one transaction."""

    def insert_undo(self, at: datetime, admin_hash: str | None, undone: Change, edit: FileEdit) -> Change:
        """Record the undo of ``undone``, mark it undone and forget what it settled, in one transaction."""

    def change(self, change_id: int) -> Change | None:
        """One change by id, with the forms it settled."""

    def changes(self, limit: int) -> list[Change]:
        """The latest ``limit`` changes (undos included), newest first."""

    def last_undoable_change(self) -> Change | None:
        """The newest change that is neither an undo nor undone already."""

    def latest_change_id(self) -> int:
        """The id of the newest change (undos included), 0 before the first: what replicas poll."""

    def settled_forms(self) -> dict[str, datetime]:
        """Each settled question form and the latest moment a change settled it."""

    def digest_choice(self, admin_hash: str) -> bool | None:
        """Whether the admin chose to get the weekly digest; None when they never chose."""

    def set_digest_choice(self, admin_hash: str, enabled: bool, at: datetime) -> None:
        """Store the admin's /digest on|off."""

    def claim_digest(self, admin_hash: str, period: str, at: datetime) -> bool:
        """Claim sending ``period``'s digest to the admin; False when a replica claimed it already."""

    def release_digest(self, admin_hash: str, period: str) -> None:
        """Drop a claim whose digest could not be sent, so a later run may send it."""

    def change_lock(self, timeout: float) -> AbstractContextManager[None]:
        """Hold the press desk's change lock: one change of the corpus files at a time.

        PostgreSQL: a transaction-level advisory lock, so it holds across every
        replica on the database; SQLite: an exclusive lock on a file beside the
        database, so it holds across processes on the host. Raises
        ``ChangeLockTimeoutError`` when not taken within ``timeout`` seconds.
        """
