"""The press desk's question log: every answered or declined question, in SQLite.

Privacy: Telegram user ids are stored only as ``hash_user(id, salt)``
(HMAC-SHA256 keyed with the secret ``BOT_USER_HASH_SALT``); the raw id never
reaches the file. Group messages not addressed to the bot must never be passed
to ``record``: the adapter filters them, this log cannot tell. Old rows are
deleted by ``purge_older_than`` (see ``bot.pressdesk.retention``) with SQLite's
``secure_delete`` on, so purged text is overwritten, not left in free pages.

Concurrency, and why this design: SQLite allows one writer at a time anyway,
and a single-row insert in WAL mode with ``synchronous=NORMAL`` takes well
under a millisecond, less than a hop to a worker thread would cost. So writes
(``record``, ``set_feedback``, ``record_inline_choice``) are short synchronous
calls on one connection opened with ``check_same_thread=False`` and guarded
by a lock: handlers may call them directly on the event loop, and any thread
may call them too. Reads for the admin commands (``stats``, ``unanswered``,
``export_csv``, ``questions``) open their own short-lived connection: in WAL
mode readers never block the writer, so a long export running in
``asyncio.to_thread`` does not hold up questions being recorded. The admin
methods and ``purge_older_than`` take up to seconds on a big log (20,000 rows:
stats 0.4 s, export 0.8 s, unanswered 4 s when all 6,000 declines differ);
call them through ``asyncio.to_thread``.

Errors from SQLite surface as ``QuestionLogError``; the adapter should log
them and still send the answer: a failed log write must not cost a reply.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType

from bot.pressdesk.export import render_csv
from bot.pressdesk.grouping import group_questions, normalise_question
from bot.pressdesk.records import (
    NOT_A_GAP_REASONS,
    ChatType,
    Feedback,
    LoggedQuestion,
    QuestionLogError,
    QuestionRecord,
    Stats,
    UnansweredGroup,
    as_utc,
)
from bot.pressdesk.stats import DEFAULT_TOP_TOPICS, summarise_period
from bot.storage import connect, hash_user, open_database

_LOGGER = logging.getLogger(__name__)
CHECKPOINT_TIMEOUT_S = 1.0
# Fixed-width UTC stamps sort as text in time order, so range queries use the index.
_STAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
_QUESTION_COLUMNS = (
    "id, asked_at, language, chat_type, user_hash, question, answered, reason, "
    "passages, missions, latency_ms, feedback, feedback_at"
)


def _stamp(moment: datetime) -> str:
    return as_utc(moment).strftime(_STAMP_FORMAT)


def _parse_stamp(text: str) -> datetime:
    # fromisoformat reads the trailing "Z" (Python 3.11+) and is far faster than strptime.
    return datetime.fromisoformat(text)


def _now(now: datetime | None) -> datetime:
    return datetime.now(UTC) if now is None else as_utc(now)


def _to_logged_question(row: sqlite3.Row) -> LoggedQuestion:
    return LoggedQuestion(
        id=row["id"],
        asked_at=_parse_stamp(row["asked_at"]),
        language=row["language"],
        chat_type=ChatType(row["chat_type"]),
        user_hash=row["user_hash"],
        question=row["question"],
        answered=bool(row["answered"]),
        reason=row["reason"],
        passages=tuple(json.loads(row["passages"])),
        missions=tuple(json.loads(row["missions"])),
        latency_ms=row["latency_ms"],
        feedback=Feedback(row["feedback"]) if row["feedback"] is not None else None,
        feedback_at=_parse_stamp(row["feedback_at"]) if row["feedback_at"] is not None else None,
    )


def _is_settled(row: LoggedQuestion, settled: Mapping[str, datetime]) -> bool:
    moment = settled.get(normalise_question(row.question))
    return moment is not None and row.asked_at <= moment


class QuestionLog:
    """A SQLite file of asked questions, feedback and chosen inline results.

    Opening creates the parent directories and the file, switches it to WAL
    and applies pending schema migrations. Use as a context manager or call
    ``close()``; create it in the Application's ``post_init``.
    """

    def __init__(self, path: Path, salt: str) -> None:
        """Open (creating and migrating if needed) the log at ``path``.

        Raises:
            QuestionLogError: the salt is empty, or the file cannot be opened,
                switched to WAL or migrated (``SchemaVersionError`` when newer).
        """
        if not salt:
            raise QuestionLogError("the user hash salt must not be empty (set BOT_USER_HASH_SALT)")
        self._path = Path(path)
        self._salt = salt
        self._lock = threading.Lock()
        self._closed = False
        self._writer = open_database(self._path, QuestionLogError, "the question log")

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    def _connect(self) -> sqlite3.Connection:
        return connect(self._path)

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._closed:
                raise QuestionLogError("the question log is closed")
            try:
                yield self._writer
            except sqlite3.Error as exc:
                raise QuestionLogError(f"question log write failed: {exc}") from exc

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        if self._closed:
            raise QuestionLogError("the question log is closed")
        try:
            conn = self._connect()
        except sqlite3.Error as exc:
            raise QuestionLogError(f"cannot read the question log: {exc}") from exc
        try:
            conn.execute("PRAGMA query_only = ON")
            yield conn
        except sqlite3.Error as exc:
            raise QuestionLogError(f"question log read failed: {exc}") from exc
        finally:
            conn.close()

    def _user_hash(self, user_id: int | None) -> str | None:
        return None if user_id is None else hash_user(user_id, self._salt)

    # --- writes -----------------------------------------------------------------

    def record(self, entry: QuestionRecord) -> int:
        """Store one answered or declined question and return its row id.

        The id is what a feedback button's ``callback_data`` should carry for
        ``set_feedback``; ids are never reused, even after a purge.
        """
        values = (
            _stamp(_now(entry.asked_at)),
            entry.language,
            entry.chat_type.value,
            self._user_hash(entry.user_id),
            entry.question,
            int(entry.answered),
            entry.reason,
            json.dumps(list(entry.passages), ensure_ascii=False),
            json.dumps(list(entry.missions), ensure_ascii=False),
            entry.latency_ms,
        )
        with self._writing() as conn:
            cursor = conn.execute(
                "INSERT INTO questions (asked_at, language, chat_type, user_hash, question, "
                "answered, reason, passages, missions, latency_ms) VALUES (?,?,?,?,?,?,?,?,?,?)",
                values,
            )
            return int(cursor.lastrowid or 0)

    def set_feedback(
        self, row_id: int, user_id: int, value: Feedback | str, now: datetime | None = None
    ) -> bool:
        """Store the feedback ``user_id`` gave on question ``row_id``; the last press wins.

        Only the person who asked may rate: the log measures whether the answer
        helped the asker. Buttons appear in private chats, where the presser is
        the asker anyway; the check keeps a stranger from overwriting someone's
        rating should buttons ever show in a group.

        Returns:
            True when stored; False when the row is gone (purged), unknown, or
            was asked by someone else (or from the CLI).

        Raises:
            QuestionLogError: ``value`` is not one of ``Feedback``'s values.
        """
        try:
            feedback = Feedback(value)
        except ValueError as exc:
            raise QuestionLogError(f"unknown feedback value {value!r}") from exc
        with self._writing() as conn:
            cursor = conn.execute(
                "UPDATE questions SET feedback = ?, feedback_at = ? WHERE id = ? AND user_hash = ?",
                (feedback.value, _stamp(_now(now)), row_id, self._user_hash(user_id)),
            )
            return cursor.rowcount == 1

    def record_inline_choice(
        self, result_id: str, query: str, user_id: int, now: datetime | None = None
    ) -> int:
        """Store a chosen inline result (Telegram's ``ChosenInlineResult``) and return its row id.

        Telegram sends these only when inline feedback is enabled in @BotFather
        (``/setinlinefeedback``); inline queries themselves arrive per keystroke
        and should not be passed to ``record``.
        """
        with self._writing() as conn:
            cursor = conn.execute(
                "INSERT INTO inline_choices (chosen_at, user_hash, result_id, query) VALUES (?,?,?,?)",
                (_stamp(_now(now)), self._user_hash(user_id), result_id, query),
            )
            return int(cursor.lastrowid or 0)

    def purge_older_than(self, days: int, now: datetime | None = None) -> int:
        """Delete questions and inline choices older than ``days`` days; return rows deleted.

        The WAL is checkpointed and truncated afterwards so the overwritten
        pages reach the main file and no old copy stays in the journal.
        """
        if days < 1:
            raise ValueError(f"retention must be at least one day, got {days}")
        cutoff = _stamp(_now(now) - timedelta(days=days))
        with self._writing() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                deleted = conn.execute("DELETE FROM questions WHERE asked_at < ?", (cutoff,)).rowcount
                deleted += conn.execute("DELETE FROM inline_choices WHERE chosen_at < ?", (cutoff,)).rowcount
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        self._checkpoint()
        return deleted

    def _checkpoint(self) -> None:
        # On its own connection and outside the lock: a TRUNCATE checkpoint
        # waits for readers, and questions must keep being recorded meanwhile.
        # If it cannot finish now, the next automatic checkpoint does the job.
        try:
            conn = sqlite3.connect(self._path, timeout=CHECKPOINT_TIMEOUT_S)
            try:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                conn.close()
        except sqlite3.Error as exc:
            # The purge itself is committed; only the early overwrite is delayed.
            _LOGGER.warning("question log checkpoint after purge failed: %s", exc)

    # --- reads ------------------------------------------------------------------

    def _select(self, where: str, params: Sequence[object]) -> list[LoggedQuestion]:
        with self._reading() as conn:
            rows = conn.execute(
                f"SELECT {_QUESTION_COLUMNS} FROM questions WHERE {where} ORDER BY asked_at, id",
                params,
            ).fetchall()
        return [_to_logged_question(row) for row in rows]

    def questions(self, since: datetime, until: datetime) -> list[LoggedQuestion]:
        """Return the questions asked in ``[since, until)``, oldest first."""
        return self._select("asked_at >= ? AND asked_at < ?", (_stamp(since), _stamp(until)))

    def _inline_choice_count(self, since: datetime, until: datetime) -> int:
        with self._reading() as conn:
            row = conn.execute(
                "SELECT COUNT(*) FROM inline_choices WHERE chosen_at >= ? AND chosen_at <= ?",
                (_stamp(since), _stamp(until)),
            ).fetchone()
        return int(row[0])

    def stats(self, now: datetime | None = None, top_topics: int = DEFAULT_TOP_TOPICS) -> Stats:
        """Return the ``/stats`` figures for the last 24 hours and the last 7 days before ``now``."""
        moment = _now(now)
        day_start, week_start = moment - timedelta(days=1), moment - timedelta(days=7)
        week = self._select("asked_at >= ? AND asked_at <= ?", (_stamp(week_start), _stamp(moment)))
        day = [row for row in week if row.asked_at >= day_start]
        return Stats(
            generated_at=moment,
            last_day=summarise_period(
                day, day_start, self._inline_choice_count(day_start, moment), top_topics
            ),
            last_week=summarise_period(
                week, week_start, self._inline_choice_count(week_start, moment), top_topics
            ),
        )

    def unanswered(
        self,
        limit: int = 10,
        since: datetime | None = None,
        settled: Mapping[str, datetime] | None = None,
    ) -> list[UnansweredGroup]:
        """Return the most frequent declined or "not helpful" questions, near-duplicates grouped.

        Declines caused by the message's shape (empty, too long, unreadable)
        are left out: no corpus edit fixes them. ``since=None`` means every
        retained row. ``settled`` maps normalised question forms (see
        ``normalise_question``) to the moment a press-desk change dealt with
        them: rows of such a form asked before it are left out. See
        ``bot.pressdesk.grouping`` for how groups are formed.
        """
        gap_reasons = sorted(str(reason) for reason in NOT_A_GAP_REASONS)
        placeholders = ",".join("?" * len(gap_reasons))
        where = f"((answered = 0 AND reason NOT IN ({placeholders})) OR feedback = ?)"
        params: list[object] = [*gap_reasons, Feedback.NOT_HELPFUL.value]
        if since is not None:
            where += " AND asked_at >= ?"
            params.append(_stamp(since))
        rows = self._select(where, params)
        if settled:
            rows = [row for row in rows if not _is_settled(row, settled)]
        return group_questions(rows)[:limit]

    def export_csv(self, since: datetime, until: datetime, delimiter: str = ",") -> bytes:
        """Return the questions asked in ``[since, until)`` as CSV bytes (see ``bot.pressdesk.export``)."""
        return render_csv(self.questions(since, until), delimiter=delimiter)

    # --- lifetime ---------------------------------------------------------------

    def close(self) -> None:
        """Close the database; safe to call twice. Later calls raise ``QuestionLogError``."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            with contextlib.suppress(sqlite3.Error):  # an optimisation hint only; closing matters more
                self._writer.execute("PRAGMA optimize")
            self._writer.close()

    def __enter__(self) -> QuestionLog:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


__all__ = [
    "ChatType",
    "Feedback",
    "LoggedQuestion",
    "QuestionLog",
    "QuestionLogError",
    "QuestionRecord",
    "Stats",
    "UnansweredGroup",
    "hash_user",
]
