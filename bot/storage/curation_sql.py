"""The press desk's curation tables, written once for both back ends (``?`` placeholders).

Button offers, the change history, the question forms a change settled and
the admins' digest choices live in the bot's one database (``BOT_DATABASE_URL``),
beside the question log, so every replica sees the same ones: an offer made
by one replica is found when its button is pressed on another, ``/undo`` sees
a change made anywhere, and the digest choice is the same wherever it is read.
The tables come from the fourth migration of each dialect (``bot.storage.schema``,
``bot.storage.postgres_schema``). Admins arrive already hashed (NULL for the
command line). Every multi-row write is one transaction.
"""

from __future__ import annotations

import json
from abc import abstractmethod
from collections.abc import Sequence
from contextlib import AbstractContextManager
from datetime import datetime
from typing import Any

from bot.storage.curation_records import Action, Candidate, Change, FileEdit, Offer, Phrasing, TopicChoice
from bot.storage.sql_base import Session, SqlBackend

__all__ = ["CurationStatements"]

_OFFER_COLUMNS = "id, created_at, payload, change_id"
_CHANGE_COLUMNS = "id, changed_at, admin_hash, action, summary, target, before, after, undone_at, undo_of"


def _offer_payload(
    phrasings: Sequence[Phrasing], candidates: Sequence[Candidate], topics: Sequence[TopicChoice]
) -> str:
    return json.dumps(
        {
            "phrasings": [[p.text, p.language] for p in phrasings],
            "candidates": [[c.passage_id, c.title, c.opening] for c in candidates],
            "topics": [[topic.id, topic.label] for topic in topics],
        },
        ensure_ascii=False,
    )


class CurationStatements(SqlBackend):
    """The curation part of ``Store`` over the back end's sessions (see the module docstring)."""

    @abstractmethod
    def change_lock(self, timeout: float) -> AbstractContextManager[None]:
        """Hold the press desk's change lock (the back ends say how far it reaches)."""

    def _offer(self, row: Sequence[Any]) -> Offer:
        payload: dict[str, Any] = json.loads(row[2])
        return Offer(
            id=int(row[0]),
            created_at=self._read_time(row[1]),
            phrasings=tuple(Phrasing(text, language) for text, language in payload["phrasings"]),
            candidates=tuple(Candidate(*item) for item in payload.get("candidates", [])),
            topics=tuple(TopicChoice(*item) for item in payload.get("topics", [])),
            change_id=None if row[3] is None else int(row[3]),
        )

    def _change(self, row: Sequence[Any], forms: tuple[str, ...] = ()) -> Change:
        return Change(
            id=int(row[0]),
            changed_at=self._read_time(row[1]),
            admin_hash=row[2],
            action=Action(row[3]),
            summary=row[4],
            target=row[5],
            before=row[6],
            after=row[7],
            undone_at=None if row[8] is None else self._read_time(row[8]),
            undo_of=None if row[9] is None else int(row[9]),
            forms=forms,
        )

    def _offer_in(self, session: Session, offer_id: int) -> Offer | None:
        row = session.execute(f"SELECT {_OFFER_COLUMNS} FROM curation_offers WHERE id = ?", (offer_id,))
        found = row.fetchone()
        return None if found is None else self._offer(found)

    def _change_in(self, session: Session, change_id: int, forms: tuple[str, ...] = ()) -> Change:
        row = session.execute(f"SELECT {_CHANGE_COLUMNS} FROM curation_changes WHERE id = ?", (change_id,))
        return self._change(row.fetchone(), forms)

    # --- offers -------------------------------------------------------------------------

    def insert_offer(self, at: datetime, admin_hash: str | None, phrasings: Sequence[Phrasing]) -> int:
        with self._transaction() as session:
            found = session.execute(
                "INSERT INTO curation_offers (created_at, admin_hash, payload) VALUES (?, ?, ?) RETURNING id",
                (self._time(at), admin_hash, _offer_payload(phrasings, (), ())),
            ).fetchone()
        return int(found[0])

    def offer(self, offer_id: int) -> Offer | None:
        with self._reading() as session:
            return self._offer_in(session, offer_id)

    def set_offer_choices(
        self,
        offer_id: int,
        candidates: Sequence[Candidate] | None,
        topics: Sequence[TopicChoice] | None,
    ) -> Offer | None:
        with self._transaction() as session:
            # Read and rewrite under one lock: two presses at once must not lose each other's list.
            self._lock_key(session, f"curation-offer:{offer_id}")
            offer = self._offer_in(session, offer_id)
            if offer is None:
                return None
            payload = _offer_payload(
                offer.phrasings,
                offer.candidates if candidates is None else candidates,
                offer.topics if topics is None else topics,
            )
            session.execute("UPDATE curation_offers SET payload = ? WHERE id = ?", (payload, offer_id))
            return self._offer_in(session, offer_id)

    def await_offer_reply(self, offer_id: int, admin_hash: str, message_id: int) -> None:
        with self._transaction() as session:
            session.execute(
                "UPDATE curation_offers SET prompt_message_id = ?, admin_hash = ? WHERE id = ?",
                (message_id, admin_hash, offer_id),
            )

    def offer_awaiting_reply(self, admin_hash: str, message_id: int) -> Offer | None:
        with self._reading() as session:
            found = session.execute(
                f"SELECT {_OFFER_COLUMNS} FROM curation_offers WHERE admin_hash = ? "
                "AND prompt_message_id = ? AND change_id IS NULL ORDER BY id DESC LIMIT 1",
                (admin_hash, message_id),
            ).fetchone()
        return None if found is None else self._offer(found)

    def purge_offers_before(self, cutoff: datetime) -> int:
        with self._transaction() as session:
            return session.execute(
                "DELETE FROM curation_offers WHERE created_at < ?", (self._time(cutoff),)
            ).rowcount

    # --- changes --------------------------------------------------------------------------

    def _insert_change(
        self,
        session: Session,
        at: datetime,
        admin_hash: str | None,
        action: Action,
        edit: FileEdit,
        undo_of: int | None,
    ) -> int:
        values = (self._time(at), admin_hash, action.value, edit.summary, edit.path, edit.before, edit.after)
        found = session.execute(
            "INSERT INTO curation_changes (changed_at, admin_hash, action, summary, target, before, after, "
            "undo_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (*values, undo_of),
        ).fetchone()
        return int(found[0])

    def insert_change(
        self,
        at: datetime,
        admin_hash: str | None,
        action: Action,
        edit: FileEdit,
        forms: Sequence[str],
        offer_id: int | None,
    ) -> Change:
        settled = tuple(dict.fromkeys(form for form in forms if form))
        with self._transaction() as session:
            change_id = self._insert_change(session, at, admin_hash, action, edit, None)
            for form in settled:
                session.execute(
                    "INSERT INTO curation_settled (form, change_id, settled_at) VALUES (?, ?, ?) "
                    "ON CONFLICT DO NOTHING",
                    (form, change_id, self._time(at)),
                )
            if offer_id is not None:
                session.execute(
                    "UPDATE curation_offers SET change_id = ? WHERE id = ?", (change_id, offer_id)
                )
            return self._change_in(session, change_id, settled)

    def insert_undo(self, at: datetime, admin_hash: str | None, undone: Change, edit: FileEdit) -> Change:
        with self._transaction() as session:
            undo_id = self._insert_change(session, at, admin_hash, Action.UNDO, edit, undone.id)
            stamp = self._time(at)
            session.execute("UPDATE curation_changes SET undone_at = ? WHERE id = ?", (stamp, undone.id))
            session.execute("DELETE FROM curation_settled WHERE change_id = ?", (undone.id,))
            session.execute("UPDATE curation_offers SET change_id = NULL WHERE change_id = ?", (undone.id,))
            return self._change_in(session, undo_id)

    def change(self, change_id: int) -> Change | None:
        with self._reading() as session:
            row = session.execute(
                f"SELECT {_CHANGE_COLUMNS} FROM curation_changes WHERE id = ?", (change_id,)
            ).fetchone()
            forms = session.execute(
                "SELECT form FROM curation_settled WHERE change_id = ? ORDER BY form", (change_id,)
            ).fetchall()
        return None if row is None else self._change(row, tuple(str(f[0]) for f in forms))

    def changes(self, limit: int) -> list[Change]:
        with self._reading() as session:
            rows = session.execute(
                f"SELECT {_CHANGE_COLUMNS} FROM curation_changes ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        return [self._change(row) for row in rows]

    def last_undoable_change(self) -> Change | None:
        with self._reading() as session:
            row = session.execute(
                f"SELECT {_CHANGE_COLUMNS} FROM curation_changes WHERE undone_at IS NULL "
                "AND undo_of IS NULL ORDER BY id DESC LIMIT 1"
            ).fetchone()
        return None if row is None else self._change(row)

    def latest_change_id(self) -> int:
        with self._reading() as session:
            row = session.execute("SELECT COALESCE(MAX(id), 0) FROM curation_changes").fetchone()
        return int(row[0])

    def settled_forms(self) -> dict[str, datetime]:
        with self._reading() as session:
            rows = session.execute(
                "SELECT form, MAX(settled_at) FROM curation_settled GROUP BY form"
            ).fetchall()
        return {str(form): self._read_time(stamp) for form, stamp in rows}

    # --- weekly digest ----------------------------------------------------------------------

    def digest_choice(self, admin_hash: str) -> bool | None:
        with self._reading() as session:
            row = session.execute(
                "SELECT enabled FROM admin_digest WHERE admin_hash = ?", (admin_hash,)
            ).fetchone()
        return None if row is None else bool(row[0])

    def set_digest_choice(self, admin_hash: str, enabled: bool, at: datetime) -> None:
        with self._transaction() as session:
            session.execute(
                "INSERT INTO admin_digest (admin_hash, enabled, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (admin_hash) DO UPDATE SET enabled = excluded.enabled, "
                "updated_at = excluded.updated_at",
                (admin_hash, int(enabled), self._time(at)),
            )

    def claim_digest(self, admin_hash: str, period: str, at: datetime) -> bool:
        with self._transaction() as session:
            taken = session.execute(
                "INSERT INTO digest_sends (admin_hash, period, claimed_at) VALUES (?, ?, ?) "
                "ON CONFLICT DO NOTHING RETURNING admin_hash",
                (admin_hash, period, self._time(at)),
            ).fetchone()
        return taken is not None

    def release_digest(self, admin_hash: str, period: str) -> None:
        with self._transaction() as session:
            session.execute(
                "DELETE FROM digest_sends WHERE admin_hash = ? AND period = ?", (admin_hash, period)
            )
