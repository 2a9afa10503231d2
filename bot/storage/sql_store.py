"""The statements both back ends share, written once with ``?`` placeholders.

``SQLiteStore`` and ``PostgresStore`` differ in how they connect, lock and
type time stamps (``bot.storage.sql_base``); the SQL of the question log,
preferences, rate limit and update claims is the same text here, the curation
tables' in ``bot.storage.curation_sql``. PostgreSQL's driver gets ``%s``
placeholders by a plain replacement: no statement contains a literal question mark.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from bot.storage.curation_sql import CurationStatements
from bot.storage.records import ChatType, ClaimOutcome, Feedback, QuestionRow, StoredQuestion

__all__ = ["SqlStore"]

_QUESTION_COLUMNS = (
    "id, asked_at, language, chat_type, user_hash, question, answered, reason, "
    "passages, missions, latency_ms, feedback, feedback_at"
)


class SqlStore(CurationStatements):
    """The shared statements of ``Store``; subclasses connect, lock and convert time stamps."""

    # --- question log -----------------------------------------------------------

    def insert_question(self, row: QuestionRow) -> int:
        values = (
            self._time(row.asked_at),
            row.language,
            row.chat_type,
            row.user_hash,
            row.question,
            int(row.answered),
            row.reason,
            json.dumps(list(row.passages), ensure_ascii=False),
            json.dumps(list(row.missions), ensure_ascii=False),
            row.latency_ms,
        )
        with self._transaction() as session:
            found = session.execute(
                "INSERT INTO questions (asked_at, language, chat_type, user_hash, question, "
                "answered, reason, passages, missions, latency_ms) VALUES (?,?,?,?,?,?,?,?,?,?) "
                "RETURNING id",
                values,
            ).fetchone()
        return int(found[0])

    def set_feedback(self, row_id: int, user_hash: str, feedback: str, at: datetime) -> bool:
        with self._transaction() as session:
            cursor = session.execute(
                "UPDATE questions SET feedback = ?, feedback_at = ? WHERE id = ? AND user_hash = ?",
                (feedback, self._time(at), row_id, user_hash),
            )
            return cursor.rowcount == 1

    def insert_inline_choice(self, at: datetime, user_hash: str | None, result_id: str, query: str) -> int:
        with self._transaction() as session:
            found = session.execute(
                "INSERT INTO inline_choices (chosen_at, user_hash, result_id, query) VALUES (?,?,?,?) "
                "RETURNING id",
                (self._time(at), user_hash, result_id, query),
            ).fetchone()
        return int(found[0])

    def purge_before(self, cutoff: datetime) -> int:
        stamp = self._time(cutoff)
        with self._transaction() as session:
            deleted = session.execute("DELETE FROM questions WHERE asked_at < ?", (stamp,)).rowcount
            deleted += session.execute("DELETE FROM inline_choices WHERE chosen_at < ?", (stamp,)).rowcount
        return deleted

    def _select(self, where: str, params: Sequence[object]) -> list[StoredQuestion]:
        with self._reading() as session:
            rows = session.execute(
                f"SELECT {_QUESTION_COLUMNS} FROM questions WHERE {where} ORDER BY asked_at, id", params
            ).fetchall()
        return [self._logged(row) for row in rows]

    def _logged(self, row: Sequence[Any]) -> StoredQuestion:
        return StoredQuestion(
            id=int(row[0]),
            asked_at=self._read_time(row[1]),
            language=row[2],
            chat_type=ChatType(row[3]),
            user_hash=row[4],
            question=row[5],
            answered=bool(row[6]),
            reason=row[7],
            passages=tuple(json.loads(row[8])),
            missions=tuple(json.loads(row[9])),
            latency_ms=None if row[10] is None else int(row[10]),
            feedback=None if row[11] is None else Feedback(row[11]),
            feedback_at=self._read_time(row[12]) if row[12] is not None else None,
        )

    def questions_between(
        self, since: datetime, until: datetime, *, include_end: bool = False
    ) -> list[StoredQuestion]:
        end = "<=" if include_end else "<"
        return self._select(f"asked_at >= ? AND asked_at {end} ?", (self._time(since), self._time(until)))

    def gap_questions(
        self, excluded_reasons: Sequence[str], not_helpful: str, since: datetime | None
    ) -> list[StoredQuestion]:
        reasons = list(excluded_reasons) or [""]
        placeholders = ",".join("?" * len(reasons))
        where = f"((answered = 0 AND reason NOT IN ({placeholders})) OR feedback = ?)"
        params: list[object] = [*reasons, not_helpful]
        if since is not None:
            where += " AND asked_at >= ?"
            params.append(self._time(since))
        return self._select(where, params)

    def inline_choices_between(self, since: datetime, until: datetime) -> int:
        with self._reading() as session:
            row = session.execute(
                "SELECT COUNT(*) FROM inline_choices WHERE chosen_at >= ? AND chosen_at <= ?",
                (self._time(since), self._time(until)),
            ).fetchone()
        return int(row[0])

    # --- user preferences -------------------------------------------------------

    def language_of(self, user_hash: str) -> str | None:
        with self._reading() as session:
            row = session.execute(
                "SELECT language FROM user_preferences WHERE user_hash = ?", (user_hash,)
            ).fetchone()
        return None if row is None else str(row[0])

    def set_language(self, user_hash: str, language: str | None, at: datetime) -> None:
        with self._transaction() as session:
            if language is None:
                session.execute("DELETE FROM user_preferences WHERE user_hash = ?", (user_hash,))
                return
            session.execute(
                "INSERT INTO user_preferences (user_hash, language, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT (user_hash) DO UPDATE SET language = excluded.language, "
                "updated_at = excluded.updated_at",
                (user_hash, language, self._time(at)),
            )

    # --- rate limit ---------------------------------------------------------------

    def rate_acquire(self, key: str, now: float, limit: int, window: float) -> float:
        with self._transaction() as session:
            self._lock_key(session, key)
            session.execute("DELETE FROM rate_events WHERE user_key = ? AND at <= ?", (key, now - window))
            count, oldest = session.execute(
                "SELECT COUNT(*), MIN(at) FROM rate_events WHERE user_key = ?", (key,)
            ).fetchone()
            if int(count) >= limit:
                return max(float(oldest) + window - now, 1e-3)
            session.execute("INSERT INTO rate_events (user_key, at) VALUES (?, ?)", (key, now))
            return 0.0

    def rate_wait(self, key: str, now: float, limit: int, window: float) -> float:
        with self._reading() as session:
            found = session.execute(
                "SELECT at FROM rate_events WHERE user_key = ? AND at > ? ORDER BY at DESC LIMIT ?",
                (key, now - window, limit),
            ).fetchall()
        if len(found) < limit:
            return 0.0
        return max(float(found[-1][0]) + window - now, 1e-3)

    def purge_rate_events_before(self, cutoff: float) -> int:
        with self._transaction() as session:
            return session.execute("DELETE FROM rate_events WHERE at <= ?", (cutoff,)).rowcount

    def rate_tracked_keys(self) -> int:
        with self._reading() as session:
            return int(session.execute("SELECT COUNT(DISTINCT user_key) FROM rate_events").fetchone()[0])

    # --- processed updates -------------------------------------------------------------

    def claim_update(self, update_id: int, owner: str, now: float, lease: float) -> ClaimOutcome:
        # One statement decides: a new id is inserted; an unfinished claim older than the
        # lease (its replica died or hung) is taken over; anything else is left alone.
        with self._transaction() as session:
            taken = session.execute(
                "INSERT INTO processed_updates (update_id, owner, claimed_at) VALUES (?, ?, ?) "
                "ON CONFLICT (update_id) DO UPDATE SET owner = excluded.owner, "
                "claimed_at = excluded.claimed_at "
                "WHERE processed_updates.done_at IS NULL AND processed_updates.claimed_at < ? "
                "RETURNING update_id",
                (update_id, owner, now, now - lease),
            ).fetchone()
            if taken is not None:
                return ClaimOutcome.CLAIMED
            row = session.execute(
                "SELECT done_at FROM processed_updates WHERE update_id = ?", (update_id,)
            ).fetchone()
        return ClaimOutcome.DONE if row is not None and row[0] is not None else ClaimOutcome.BUSY

    def finish_update(self, update_id: int, now: float) -> None:
        with self._transaction() as session:
            session.execute("UPDATE processed_updates SET done_at = ? WHERE update_id = ?", (now, update_id))

    def release_update(self, update_id: int) -> None:
        with self._transaction() as session:
            session.execute(
                "DELETE FROM processed_updates WHERE update_id = ? AND done_at IS NULL", (update_id,)
            )

    def purge_updates_before(self, cutoff: float) -> int:
        with self._transaction() as session:
            return session.execute("DELETE FROM processed_updates WHERE claimed_at < ?", (cutoff,)).rowcount
