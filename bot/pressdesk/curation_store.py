"""The press desk's curation tables: button offers, the change history, settled questions, digests.

They live in the bot's ``Store`` beside the question log (an SQLite file for
one process, PostgreSQL for replicas; the SQL is in ``bot.storage``), so
every replica sees the same offers, history and digest choices: a button
offered by one replica and pressed on another finds its offer, and ``/undo``
sees a change made anywhere. This module hashes admin ids, fills in the time
and turns storage failures into ``CurationStoreError``; it has no SQL.

Admins are stored as ``hash_user(id, salt)`` like every user; the command line
as NULL. Pending button choices are in the database, not in memory, so a
button pressed after a restart still means what it meant, and a forged one
finds nothing. Every call is a few indexed rows, fast enough for the event
loop; the multi-row writes (a change with its settled forms, an undo) are one
transaction each.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType

from bot.pressdesk.records import QuestionLogError
from bot.storage import (
    Action,
    Candidate,
    Change,
    ChangeLockTimeoutError,
    FileEdit,
    Offer,
    Phrasing,
    StorageError,
    Store,
    TopicChoice,
    hash_user,
    store_or_file,
    utc,
)

__all__ = ["CHANGE_LOCK_TIMEOUT_S", "ChangeInProgressError", "CurationStore", "CurationStoreError"]

# Longest wait for another admin's change (a corpus validation takes a few seconds),
# inside the webhook's 25 s deadline per update.
CHANGE_LOCK_TIMEOUT_S = 20.0


class CurationStoreError(QuestionLogError):
    """The curation tables could not be opened, read or written (they share the log's database)."""


class ChangeInProgressError(CurationStoreError):
    """Another change (on this replica or another) held the change lock for too long."""


def _now(now: datetime | None) -> datetime:
    return datetime.now(UTC) if now is None else utc(now)


@contextmanager
def _as_curation_errors() -> Iterator[None]:
    try:
        yield
    except CurationStoreError:
        raise
    except ChangeLockTimeoutError as exc:
        raise ChangeInProgressError(str(exc)) from exc
    except StorageError as exc:
        raise CurationStoreError(f"curation store query failed: {exc}") from exc


class CurationStore:
    """Offers, changes, settled forms and digest choices in the bot's ``Store``.

    Args:
        store: the bot's open store (shared with the question log), or the path
            of an SQLite file to open for these tables alone.
        salt: the secret ``BOT_USER_HASH_SALT`` that keys the admin hash.

    A store passed in is closed by its opener; a file opened here by ``close()``.

    Raises:
        CurationStoreError: empty salt, or the file cannot be opened or migrated.
    """

    def __init__(self, store: Store | Path, salt: str) -> None:
        if not salt:
            raise CurationStoreError("the user hash salt must not be empty (set BOT_USER_HASH_SALT)")
        with _as_curation_errors():
            self._store, self._owns_store = store_or_file(store)
        self._salt = salt
        self._closed = False

    def admin_hash(self, admin_id: int | None) -> str | None:
        """The stored form of an admin id (None, the command line, stays None)."""
        return None if admin_id is None else hash_user(admin_id, self._salt)

    def _open(self) -> Store:
        if self._closed:
            raise CurationStoreError("the curation store is closed")
        return self._store

    @contextmanager
    def change_lock(self, timeout: float = CHANGE_LOCK_TIMEOUT_S) -> Iterator[None]:
        """Hold the lock that lets one change of the corpus files run at a time, everywhere.

        What it guarantees: while it is held, no other holder of the lock on
        the same database (another thread, another process on this host with
        SQLite, another replica with PostgreSQL) runs, so a change's read of a
        corpus file, its validation, its atomic write and its record happen as
        one step and no second change can read the old file and overwrite the
        first one's edit. The lock is released when the block ends or its
        holder dies. It does not cover the reload that follows: a reload reads
        the files as they are, so running it after the lock is released still
        picks up this change (and any later one), and other admins need not
        wait for the index to be rebuilt. Nor does it stop a hand edit of the files.

        Raises:
            ChangeInProgressError: another change held it longer than ``timeout`` seconds.
        """
        store = self._open()
        with _as_curation_errors(), store.change_lock(timeout):
            yield

    # --- offers -------------------------------------------------------------------------

    def create_offer(
        self, admin_id: int | None, phrasings: Iterable[Phrasing], now: datetime | None = None
    ) -> int:
        """Store the group a row of buttons stands for and return the id the buttons carry."""
        with _as_curation_errors():
            return self._open().insert_offer(_now(now), self.admin_hash(admin_id), tuple(phrasings))

    def offer(self, offer_id: int) -> Offer | None:
        """The offer a button names, or None when there is none (forged, or purged)."""
        with _as_curation_errors():
            return self._open().offer(offer_id)

    def set_choices(
        self,
        offer_id: int,
        candidates: Iterable[Candidate] | None = None,
        topics: Iterable[TopicChoice] | None = None,
    ) -> Offer | None:
        """Remember what a list of choices showed, so its buttons can carry only a number."""
        listed = None if candidates is None else tuple(candidates)
        filed = None if topics is None else tuple(topics)
        with _as_curation_errors():
            return self._open().set_offer_choices(offer_id, listed, filed)

    def await_reply(self, offer_id: int, admin_id: int, message_id: int) -> None:
        """Note that ``admin_id``'s reply to message ``message_id`` names a new topic for the offer."""
        admin = hash_user(admin_id, self._salt)
        with _as_curation_errors():
            self._open().await_offer_reply(offer_id, admin, message_id)

    def offer_awaiting_reply(self, admin_id: int, message_id: int) -> Offer | None:
        """The open offer whose new-topic prompt ``admin_id`` is replying to, if any."""
        with _as_curation_errors():
            return self._open().offer_awaiting_reply(hash_user(admin_id, self._salt), message_id)

    def purge_offers_older_than(self, days: int, now: datetime | None = None) -> int:
        """Delete offers older than ``days`` (they hold asked questions, kept no longer than the log)."""
        if days < 1:
            raise ValueError(f"retention must be at least one day, got {days}")
        with _as_curation_errors():
            return self._open().purge_offers_before(_now(now) - timedelta(days=days))

    # --- changes --------------------------------------------------------------------------

    def record_change(
        self,
        admin_id: int | None,
        action: Action,
        edit: FileEdit,
        forms: Iterable[str] = (),
        offer_id: int | None = None,
        now: datetime | None = None,
    ) -> Change:
        """Record a change, the question forms it settles and the offer it answered, at once."""
        with _as_curation_errors():
            return self._open().insert_change(
                _now(now), self.admin_hash(admin_id), action, edit, tuple(forms), offer_id
            )

    def record_undo(
        self, admin_id: int | None, undone: Change, edit: FileEdit, now: datetime | None = None
    ) -> Change:
        """Mark ``undone`` reverted, forget what it settled, and record the undo itself."""
        with _as_curation_errors():
            return self._open().insert_undo(_now(now), self.admin_hash(admin_id), undone, edit)

    def change(self, change_id: int) -> Change | None:
        """One change by id, with the forms it settled."""
        with _as_curation_errors():
            return self._open().change(change_id)

    def changes(self, limit: int = 10) -> list[Change]:
        """The latest changes (undos included), newest first."""
        with _as_curation_errors():
            return self._open().changes(limit)

    def last_undoable(self) -> Change | None:
        """The newest change that is neither an undo nor undone already."""
        with _as_curation_errors():
            return self._open().last_undoable_change()

    def latest_change_id(self) -> int:
        """The newest change's id (0 before the first), wherever it was made."""
        with _as_curation_errors():
            return self._open().latest_change_id()

    def settled_forms(self) -> dict[str, datetime]:
        """Each settled question form and the latest moment a change settled it."""
        with _as_curation_errors():
            return self._open().settled_forms()

    # --- weekly digest ----------------------------------------------------------------------

    def digest_enabled(self, admin_id: int, default: bool) -> bool:
        """Whether ``admin_id`` gets the weekly digest (their /digest choice, else ``default``)."""
        with _as_curation_errors():
            chosen = self._open().digest_choice(hash_user(admin_id, self._salt))
        return default if chosen is None else chosen

    def set_digest(self, admin_id: int, enabled: bool, now: datetime | None = None) -> None:
        """Store ``admin_id``'s /digest on|off."""
        with _as_curation_errors():
            self._open().set_digest_choice(hash_user(admin_id, self._salt), enabled, _now(now))

    def claim_digest(self, admin_id: int, period: str, now: datetime | None = None) -> bool:
        """Claim sending ``period``'s digest (``"2026-W49"``) to ``admin_id``; False if claimed already.

        Every replica runs the weekly job; the first claim wins, so each admin
        gets the digest once, not once per replica.
        """
        with _as_curation_errors():
            return self._open().claim_digest(hash_user(admin_id, self._salt), period, _now(now))

    def release_digest(self, admin_id: int, period: str) -> None:
        """Give a claim back after the digest could not be sent."""
        with _as_curation_errors():
            self._open().release_digest(hash_user(admin_id, self._salt), period)

    # --- lifetime -----------------------------------------------------------------------------

    def close(self) -> None:
        """Close (the file, when opened here); safe to call twice."""
        if not self._closed:
            self._closed = True
            if self._owns_store:
                self._store.close()

    def __enter__(self) -> CurationStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()
