"""The press desk's curation tables: button offers, the change history, settled questions, digests.

They live in the question log's file (``BOT_DB_PATH``, tables added by a
migration in ``bot.storage.schema``; the SQL is here, beside the question log's):
one file to back up, one salt. Admins are stored as ``hash_user(id, salt)``
like every user; the command line as NULL. Pending button choices are here, not in memory, so a button pressed
after a restart still means what it meant, and a forged one finds nothing.

Concurrency follows ``UserPreferences``: one connection guarded by a lock;
every call is a few indexed rows, fast enough for the event loop, and the
multi-row writes (a change with its settled forms, an undo) are one
transaction each.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

from bot.pressdesk.curation_records import Action, Candidate, Change, FileEdit, Offer, TopicChoice
from bot.pressdesk.records import Phrasing, QuestionLogError
from bot.storage import hash_user, open_database

__all__ = ["CurationStore", "CurationStoreError"]

_STAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"  # as the question log: fixed width, sorts as text


class CurationStoreError(QuestionLogError):
    """The curation tables could not be opened, read or written (they share the log's file)."""


def _stamp(moment: datetime | None) -> str:
    return (moment or datetime.now(UTC)).astimezone(UTC).strftime(_STAMP_FORMAT)


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _offer_payload(
    phrasings: Iterable[Phrasing], candidates: Iterable[Candidate], topics: Iterable[TopicChoice]
) -> str:
    return json.dumps(
        {
            "phrasings": [[p.text, p.language] for p in phrasings],
            "candidates": [[c.passage_id, c.title, c.opening] for c in candidates],
            "topics": [[topic.id, topic.label] for topic in topics],
        },
        ensure_ascii=False,
    )


def _to_offer(row: sqlite3.Row) -> Offer:
    payload: dict[str, Any] = json.loads(row["payload"])
    return Offer(
        id=int(row["id"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        phrasings=tuple(Phrasing(text, language) for text, language in payload["phrasings"]),
        candidates=tuple(Candidate(*item) for item in payload.get("candidates", [])),
        topics=tuple(TopicChoice(*item) for item in payload.get("topics", [])),
        change_id=row["change_id"],
    )


def _to_change(row: sqlite3.Row, forms: tuple[str, ...] = ()) -> Change:
    changed_at = _moment(row["changed_at"])
    assert changed_at is not None  # NOT NULL in the schema
    return Change(
        id=int(row["id"]),
        changed_at=changed_at,
        admin_hash=row["admin_hash"],
        action=Action(row["action"]),
        summary=row["summary"],
        target=row["target"],
        before=row["before"],
        after=row["after"],
        undone_at=_moment(row["undone_at"]),
        undo_of=row["undo_of"],
        forms=forms,
    )


class CurationStore:
    """Offers, changes, settled forms and digest choices in the question log's SQLite file.

    Args:
        path: the SQLite file, created and migrated if needed.
        salt: the secret ``BOT_USER_HASH_SALT`` that keys the admin hash.

    Raises:
        CurationStoreError: empty salt, or the file cannot be opened or migrated.
    """

    def __init__(self, path: Path, salt: str) -> None:
        if not salt:
            raise CurationStoreError("the user hash salt must not be empty (set BOT_USER_HASH_SALT)")
        self._path = Path(path)
        self._salt = salt
        self._lock = threading.Lock()
        self._closed = False
        self._conn = open_database(self._path, CurationStoreError, "the curation tables in")

    def admin_hash(self, admin_id: int | None) -> str | None:
        """The stored form of an admin id (None, the command line, stays None)."""
        return None if admin_id is None else hash_user(admin_id, self._salt)

    @contextmanager
    def _using(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._closed:
                raise CurationStoreError("the curation store is closed")
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise CurationStoreError(f"curation store query failed: {exc}") from exc

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._using() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    # --- offers -------------------------------------------------------------------------

    def create_offer(
        self, admin_id: int | None, phrasings: Iterable[Phrasing], now: datetime | None = None
    ) -> int:
        """Store the group a row of buttons stands for and return the id the buttons carry."""
        with self._using() as conn:
            cursor = conn.execute(
                "INSERT INTO curation_offers (created_at, admin_hash, payload) VALUES (?, ?, ?)",
                (_stamp(now), self.admin_hash(admin_id), _offer_payload(phrasings, (), ())),
            )
            return int(cursor.lastrowid or 0)

    def offer(self, offer_id: int) -> Offer | None:
        """The offer a button names, or None when there is none (forged, or purged)."""
        with self._using() as conn:
            row = conn.execute("SELECT * FROM curation_offers WHERE id = ?", (offer_id,)).fetchone()
        return _to_offer(row) if row else None

    def set_choices(
        self,
        offer_id: int,
        candidates: Iterable[Candidate] | None = None,
        topics: Iterable[TopicChoice] | None = None,
    ) -> Offer | None:
        """Remember what a list of choices showed, so its buttons can carry only a number."""
        offer = self.offer(offer_id)
        if offer is None:
            return None
        payload = _offer_payload(
            offer.phrasings,
            offer.candidates if candidates is None else candidates,
            offer.topics if topics is None else topics,
        )
        with self._using() as conn:
            conn.execute("UPDATE curation_offers SET payload = ? WHERE id = ?", (payload, offer_id))
        return self.offer(offer_id)

    def await_reply(self, offer_id: int, admin_id: int, message_id: int) -> None:
        """Note that ``admin_id``'s reply to message ``message_id`` names a new topic for the offer."""
        with self._using() as conn:
            conn.execute(
                "UPDATE curation_offers SET prompt_message_id = ?, admin_hash = ? WHERE id = ?",
                (message_id, self.admin_hash(admin_id), offer_id),
            )

    def offer_awaiting_reply(self, admin_id: int, message_id: int) -> Offer | None:
        """The open offer whose new-topic prompt ``admin_id`` is replying to, if any."""
        with self._using() as conn:
            row = conn.execute(
                "SELECT * FROM curation_offers WHERE admin_hash = ? AND prompt_message_id = ? "
                "AND change_id IS NULL",
                (self.admin_hash(admin_id), message_id),
            ).fetchone()
        return _to_offer(row) if row else None

    def purge_offers_older_than(self, days: int, now: datetime | None = None) -> int:
        """Delete offers older than ``days`` (they hold asked questions, kept no longer than the log)."""
        if days < 1:
            raise ValueError(f"retention must be at least one day, got {days}")
        cutoff = _stamp((now or datetime.now(UTC)) - timedelta(days=days))
        with self._using() as conn:
            return int(conn.execute("DELETE FROM curation_offers WHERE created_at < ?", (cutoff,)).rowcount)

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
        stamp = _stamp(now)
        settled = tuple(dict.fromkeys(f for f in forms if f))
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO curation_changes (changed_at, admin_hash, action, summary, target, before, "
                "after) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    stamp,
                    self.admin_hash(admin_id),
                    action.value,
                    edit.summary,
                    edit.path,
                    edit.before,
                    edit.after,
                ),
            )
            change_id = int(cursor.lastrowid or 0)
            conn.executemany(
                "INSERT OR IGNORE INTO curation_settled (form, change_id, settled_at) VALUES (?, ?, ?)",
                [(form, change_id, stamp) for form in settled],
            )
            if offer_id is not None:
                conn.execute("UPDATE curation_offers SET change_id = ? WHERE id = ?", (change_id, offer_id))
            row = conn.execute("SELECT * FROM curation_changes WHERE id = ?", (change_id,)).fetchone()
        return _to_change(row, settled)

    def record_undo(
        self, admin_id: int | None, undone: Change, edit: FileEdit, now: datetime | None = None
    ) -> Change:
        """Mark ``undone`` reverted, forget what it settled, and record the undo itself."""
        stamp = _stamp(now)
        with self._transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO curation_changes (changed_at, admin_hash, action, summary, target, before, "
                "after, undo_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    stamp,
                    self.admin_hash(admin_id),
                    Action.UNDO.value,
                    edit.summary,
                    edit.path,
                    edit.before,
                    edit.after,
                    undone.id,
                ),
            )
            conn.execute("UPDATE curation_changes SET undone_at = ? WHERE id = ?", (stamp, undone.id))
            conn.execute("DELETE FROM curation_settled WHERE change_id = ?", (undone.id,))
            conn.execute("UPDATE curation_offers SET change_id = NULL WHERE change_id = ?", (undone.id,))
            row = conn.execute("SELECT * FROM curation_changes WHERE id = ?", (cursor.lastrowid,)).fetchone()
        return _to_change(row)

    def change(self, change_id: int) -> Change | None:
        """One change by id, with the forms it settled."""
        with self._using() as conn:
            row = conn.execute("SELECT * FROM curation_changes WHERE id = ?", (change_id,)).fetchone()
            forms = conn.execute(
                "SELECT form FROM curation_settled WHERE change_id = ? ORDER BY form", (change_id,)
            ).fetchall()
        return _to_change(row, tuple(f[0] for f in forms)) if row else None

    def changes(self, limit: int = 10) -> list[Change]:
        """The latest changes (undos included), newest first."""
        with self._using() as conn:
            rows = conn.execute(
                "SELECT * FROM curation_changes ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        return [_to_change(row) for row in rows]

    def last_undoable(self) -> Change | None:
        """The newest change that is neither an undo nor undone already."""
        with self._using() as conn:
            row = conn.execute(
                "SELECT * FROM curation_changes WHERE undone_at IS NULL AND undo_of IS NULL "
                "ORDER BY id DESC LIMIT 1"
            ).fetchone()
        return _to_change(row) if row else None

    def settled_forms(self) -> dict[str, datetime]:
        """Each settled question form and the latest moment a change settled it."""
        with self._using() as conn:
            rows = conn.execute("SELECT form, MAX(settled_at) FROM curation_settled GROUP BY form").fetchall()
        return {form: datetime.fromisoformat(stamp) for form, stamp in rows}

    # --- weekly digest ----------------------------------------------------------------------

    def digest_enabled(self, admin_id: int, default: bool) -> bool:
        """Whether ``admin_id`` gets the weekly digest (their /digest choice, else ``default``)."""
        with self._using() as conn:
            row = conn.execute(
                "SELECT enabled FROM admin_digest WHERE admin_hash = ?", (self.admin_hash(admin_id),)
            ).fetchone()
        return default if row is None else bool(row[0])

    def set_digest(self, admin_id: int, enabled: bool, now: datetime | None = None) -> None:
        """Store ``admin_id``'s /digest on|off."""
        with self._using() as conn:
            conn.execute(
                "INSERT INTO admin_digest (admin_hash, enabled, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (admin_hash) DO UPDATE SET enabled = excluded.enabled, "
                "updated_at = excluded.updated_at",
                (self.admin_hash(admin_id), int(enabled), _stamp(now)),
            )

    # --- lifetime -----------------------------------------------------------------------------

    def close(self) -> None:
        """Close the database; safe to call twice."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._conn.close()

    def __enter__(self) -> CurationStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()
