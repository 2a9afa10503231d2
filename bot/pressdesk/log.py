"""The press desk's question log: every answered or declined question, and its reports.

Where the rows live is the storage package's business (``bot.storage.Store``:
an SQLite file for one process, PostgreSQL for replicas); this module hashes
user ids, checks values and turns rows into the ``/stats``, ``/unanswered`` and
export reports, with no SQL of its own.

Privacy: Telegram user ids are stored only as ``hash_user(id, salt)``
(HMAC-SHA256 keyed with the secret ``BOT_USER_HASH_SALT``); the raw id never
reaches the database. Group messages not addressed to the bot must never be
passed to ``record``: the adapter filters them, this log cannot tell. Old rows
are deleted by ``purge_older_than`` (see ``bot.pressdesk.retention``).

Writes (``record``, ``set_feedback``, ``record_inline_choice``) are one short
statement each: handlers may call them on the event loop. The admin methods
and ``purge_older_than`` take up to seconds on a big log (20,000 rows on
SQLite: stats 0.4 s, export 0.8 s, unanswered 4 s when all 6,000 declines
differ); call them through ``asyncio.to_thread``.

Errors surface as ``QuestionLogError``; the adapter should log them and still
send the answer: a failed log write must not cost a reply.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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
from bot.storage import (
    QuestionRow,
    SchemaVersionError,
    SQLiteStore,
    StorageError,
    Store,
    hash_user,
    store_or_file,
)


def _now(now: datetime | None) -> datetime:
    return datetime.now(UTC) if now is None else as_utc(now)


def _is_settled(row: LoggedQuestion, settled: Mapping[str, datetime]) -> bool:
    moment = settled.get(normalise_question(row.question))
    return moment is not None and row.asked_at <= moment


@contextmanager
def _as_log_errors() -> Iterator[None]:
    """Report the store's failures as ``QuestionLogError``, the error the adapters catch."""
    try:
        yield
    except (QuestionLogError, SchemaVersionError):
        raise
    except StorageError as exc:
        raise QuestionLogError(str(exc)) from exc


class QuestionLog:
    """Asked questions, feedback and chosen inline results, kept in a ``Store``.

    Args:
        store: an open store (shared with the preferences and the rate limit),
            or the path of an SQLite file to open for this log alone.
        salt: the secret ``BOT_USER_HASH_SALT`` that keys the user hash.

    Use as a context manager or call ``close()``; a store passed in is closed
    by its opener, a file opened here is closed by ``close()``.

    Raises:
        QuestionLogError: the salt is empty, or the file cannot be opened,
            switched to WAL or migrated (``SchemaVersionError`` when newer).
    """

    def __init__(self, store: Store | Path, salt: str) -> None:
        if not salt:
            raise QuestionLogError("the user hash salt must not be empty (set BOT_USER_HASH_SALT)")
        with _as_log_errors():
            self._store, self._owns_store = store_or_file(store)
        self._salt = salt
        self._closed = False

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None when the log lives on a server."""
        return self._store.path if isinstance(self._store, SQLiteStore) else None

    @property
    def store(self) -> Store:
        """The store the rows live in."""
        return self._open_store()

    def _open_store(self) -> Store:
        if self._closed:
            raise QuestionLogError("the question log is closed")
        return self._store

    def _user_hash(self, user_id: int | None) -> str | None:
        return None if user_id is None else hash_user(user_id, self._salt)

    # --- writes -----------------------------------------------------------------

    def record(self, entry: QuestionRecord) -> int:
        """Store one answered or declined question and return its row id.

        The id is what a feedback button's ``callback_data`` should carry for
        ``set_feedback``; ids are never reused, even after a purge.
        """
        row = QuestionRow(
            asked_at=_now(entry.asked_at),
            language=entry.language,
            chat_type=entry.chat_type,
            user_hash=self._user_hash(entry.user_id),
            question=entry.question,
            answered=entry.answered,
            reason=entry.reason,
            passages=tuple(entry.passages),
            missions=tuple(entry.missions),
            latency_ms=None if entry.latency_ms is None else round(entry.latency_ms),
        )
        with _as_log_errors():
            return self._open_store().insert_question(row)

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
        with _as_log_errors():
            return self._open_store().set_feedback(
                row_id, hash_user(user_id, self._salt), feedback.value, _now(now)
            )

    def record_inline_choice(
        self, result_id: str, query: str, user_id: int, now: datetime | None = None
    ) -> int:
        """Store a chosen inline result (Telegram's ``ChosenInlineResult``) and return its row id.

        Telegram sends these only when inline feedback is enabled in @BotFather
        (``/setinlinefeedback``); inline queries themselves arrive per keystroke
        and should not be passed to ``record``.
        """
        with _as_log_errors():
            return self._open_store().insert_inline_choice(
                _now(now), self._user_hash(user_id), result_id, query
            )

    def purge_older_than(self, days: int, now: datetime | None = None) -> int:
        """Delete questions and inline choices older than ``days`` days; return rows deleted."""
        if days < 1:
            raise ValueError(f"retention must be at least one day, got {days}")
        with _as_log_errors():
            return self._open_store().purge_before(_now(now) - timedelta(days=days))

    # --- reads ------------------------------------------------------------------

    def questions(self, since: datetime, until: datetime) -> list[LoggedQuestion]:
        """Return the questions asked in ``[since, until)``, oldest first."""
        with _as_log_errors():
            return self._open_store().questions_between(as_utc(since), as_utc(until))

    def stats(self, now: datetime | None = None, top_topics: int = DEFAULT_TOP_TOPICS) -> Stats:
        """Return the ``/stats`` figures for the last 24 hours and the last 7 days before ``now``."""
        store = self._open_store()
        moment = _now(now)
        day_start, week_start = moment - timedelta(days=1), moment - timedelta(days=7)
        with _as_log_errors():
            week = store.questions_between(week_start, moment, include_end=True)
            day_choices = store.inline_choices_between(day_start, moment)
            week_choices = store.inline_choices_between(week_start, moment)
        day = [row for row in week if row.asked_at >= day_start]
        return Stats(
            generated_at=moment,
            last_day=summarise_period(day, day_start, day_choices, top_topics),
            last_week=summarise_period(week, week_start, week_choices, top_topics),
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
        with _as_log_errors():
            rows = self._open_store().gap_questions(
                sorted(str(reason) for reason in NOT_A_GAP_REASONS),
                Feedback.NOT_HELPFUL.value,
                None if since is None else as_utc(since),
            )
        if settled:
            rows = [row for row in rows if not _is_settled(row, settled)]
        return group_questions(rows)[:limit]

    def export_csv(self, since: datetime, until: datetime, delimiter: str = ",") -> bytes:
        """Return the questions asked in ``[since, until)`` as CSV bytes (see ``bot.pressdesk.export``)."""
        return render_csv(self.questions(since, until), delimiter=delimiter)

    # --- lifetime ---------------------------------------------------------------

    def close(self) -> None:
        """Close the log (and the file it opened itself); safe to call twice.

        Later calls raise ``QuestionLogError``.
        """
        if self._closed:
            return
        self._closed = True
        if self._owns_store:
            self._store.close()

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
