"""Typed records that cross the question log's boundary, and its errors.

The Telegram adapter builds a ``QuestionRecord`` per answered or declined
question and receives ``Stats`` / ``UnansweredGroup`` records back for the
admin commands. Nothing here touches SQLite, so the records can be imported by
any layer without opening a database. A logged question is the storage's own
record (``LoggedQuestion`` is ``bot.storage.StoredQuestion``), and so are its
``ChatType`` and ``Feedback`` and the curation's ``Phrasing``: one definition each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

# The storage's records (one definition each), offered here under the press desk's names.
from bot.storage import (
    Action,
    Candidate,
    Change,
    ChatType,
    Feedback,
    FileEdit,
    Offer,
    Phrasing,
    SchemaVersionError,  # the old import path
    StorageError,
    StoredQuestion,
    TopicChoice,
)
from bot.storage import utc as as_utc  # "naive datetimes are refused": one definition

__all__ = [
    "NOT_A_GAP_REASONS",
    "Action",
    "Candidate",
    "Change",
    "ChatType",
    "Count",
    "Feedback",
    "FileEdit",
    "LoggedQuestion",
    "Offer",
    "PeriodStats",
    "Phrasing",
    "PressDeskError",
    "QuestionLogError",
    "QuestionRecord",
    "SchemaVersionError",
    "Stats",
    "TopicChoice",
    "TopicCount",
    "UnansweredGroup",
    "as_utc",
]

if TYPE_CHECKING:  # only for annotations; records stay importable without the engine
    from bot.answering import Answer, Reason


class PressDeskError(Exception):
    """Base of the press desk's errors.

    ::

        PressDeskError
        ├── QuestionLogError       the log cannot be opened, migrated, read or written (also a StorageError)
        └── ExportPeriodError      /export's arguments name no period (also a ValueError)

    The adapter logs a ``QuestionLogError`` and still sends the answer; an
    ``ExportPeriodError`` becomes the command's usage message.
    """


class QuestionLogError(PressDeskError, StorageError):
    """The question log could not be opened, migrated, read or written."""


# Declines caused by the shape of the message, not by a gap in the material:
# press staff cannot fix them by editing the corpus, so /unanswered skips them.
NOT_A_GAP_REASONS: frozenset[Reason] = frozenset({"empty", "no_words", "too_long", "unreadable"})


@dataclass(frozen=True, slots=True)
class QuestionRecord:
    """One question the bot answered or declined, as the adapter reports it.

    ``user_id`` is the raw Telegram user id (None for the CLI); the log hashes
    it with its salt before anything is written, so callers never hash.
    ``passages`` holds labels a press officer recognises (passage titles, or
    ``"title § heading"``); ``missions`` holds mission ids. Both feed the
    "most asked topics" in ``/stats``. ``asked_at`` defaults to now (UTC).
    """

    question: str
    language: str
    chat_type: ChatType
    answered: bool
    reason: str
    user_id: int | None = None
    passages: tuple[str, ...] = ()
    missions: tuple[str, ...] = ()
    latency_ms: float | None = None
    asked_at: datetime | None = None

    @classmethod
    def from_answer(
        cls,
        answer: Answer,
        chat_type: ChatType | str,
        user_id: int | None,
        asked_at: datetime | None = None,
    ) -> QuestionRecord:
        """Build the record for an engine ``Answer`` (the usual way adapters create one).

        Passages are labelled ``"title § section"`` (or just the title) in the
        language quoted; missions are the ids of the matched missions.
        """
        passages = tuple(
            dict.fromkeys(f"{p.title} § {p.section}" if p.section else p.title for p in answer.passages)
        )
        matches = answer.missions.matches if answer.missions is not None else ()
        return cls(
            question=answer.question,
            language=answer.lang,
            chat_type=ChatType(chat_type),
            answered=answer.answered,
            reason=answer.reason,
            user_id=user_id,
            passages=passages,
            missions=tuple(dict.fromkeys(str(m.id) for m in matches)),
            latency_ms=answer.latency_ms,
            asked_at=asked_at,
        )

    def __post_init__(self) -> None:
        # Coerce the forgiving inputs (plain strings, lists) once, here, so the
        # log and its readers can rely on the declared types.
        object.__setattr__(self, "chat_type", ChatType(self.chat_type))
        object.__setattr__(self, "passages", tuple(str(p) for p in self.passages))
        object.__setattr__(self, "missions", tuple(str(m) for m in self.missions))
        if not self.reason:
            raise ValueError("reason must be a non-empty string such as 'ok' or 'not_covered'")
        if self.latency_ms is not None:
            if self.latency_ms < 0:
                raise ValueError(f"latency_ms must not be negative, got {self.latency_ms}")
            object.__setattr__(self, "latency_ms", round(self.latency_ms))
        if self.asked_at is not None:
            object.__setattr__(self, "asked_at", as_utc(self.asked_at))


LoggedQuestion = StoredQuestion  # a question as stored: the storage's record, under the press desk's name


@dataclass(frozen=True, slots=True)
class Count:
    """How many questions carry one label (a language, say)."""

    label: str
    count: int


@dataclass(frozen=True, slots=True)
class TopicCount:
    """How often one passage or mission was used in answers."""

    kind: Literal["passage", "mission"]
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class PeriodStats:
    """Figures for the questions asked from ``since`` up to the report time."""

    since: datetime
    questions: int
    answered: int
    by_language: tuple[Count, ...]
    helpful: int
    not_helpful: int
    outdated: int
    top_topics: tuple[TopicCount, ...]
    inline_choices: int

    @property
    def rated(self) -> int:
        """Questions that received any feedback."""
        return self.helpful + self.not_helpful + self.outdated

    @property
    def answered_share(self) -> float | None:
        """Answered / asked, or None when nobody asked anything."""
        return self.answered / self.questions if self.questions else None

    @property
    def helpful_share(self) -> float | None:
        """Helpful / rated (outdated counts as not helpful), or None when nothing was rated."""
        return self.helpful / self.rated if self.rated else None


@dataclass(frozen=True, slots=True)
class Stats:
    """What ``/stats`` shows: the last day and the last seven days."""

    generated_at: datetime
    last_day: PeriodStats
    last_week: PeriodStats


@dataclass(frozen=True, slots=True)
class UnansweredGroup:
    """Near-duplicate declined or "not helpful" questions counted together.

    ``wording`` is the most common original wording in the group; ``variants``
    is how many differently-worded forms were merged into it. ``phrasings``
    holds the distinct wordings, most asked first (what a fix teaches the
    bank), and ``answered_with`` the passages the "not helpful" answers quoted.
    """

    wording: str
    count: int
    declined: int
    not_helpful: int
    variants: int
    language: str
    last_asked: datetime
    examples: tuple[str, ...] = field(default=())
    phrasings: tuple[Phrasing, ...] = field(default=())
    answered_with: tuple[str, ...] = field(default=())
