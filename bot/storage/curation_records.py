"""Typed records of the press desk's curation: offers behind buttons, recorded changes, choices.

They cross four packages (the curation core writes them, the store keeps
them, the press desk and the adapters show them), so they live at the
lowest of them, the storage boundary, and import nothing but the standard
library; ``bot.pressdesk`` offers them under the same names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

__all__ = ["Action", "Candidate", "Change", "FileEdit", "Offer", "Phrasing", "TopicChoice"]


@dataclass(frozen=True, slots=True)
class Phrasing:
    """One wording of a question and the language it was asked in (what the bank stores)."""

    text: str
    language: str


class Action(StrEnum):
    """What an admin change did."""

    PASSAGE = "passage"  # phrasings added to a passage's question bank
    TOPIC = "topic"  # phrasings added to a known out-of-scope topic's triggers
    NEW_TOPIC = "new_topic"  # a new out-of-scope topic with a pointer
    IGNORE = "ignore"  # the group hidden from /unanswered, nothing written
    DOCUMENT = "document"  # a document added, updated or withdrawn by `add`, `sync` or /add
    UNDO = "undo"  # an earlier change reverted


@dataclass(frozen=True, slots=True)
class Candidate:
    """A passage that might answer a group: what the admin sees on its button."""

    passage_id: str
    title: str
    opening: str  # the passage's first words


@dataclass(frozen=True, slots=True)
class TopicChoice:
    """A known out-of-scope topic an admin may file a group under."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class FileEdit:
    """A whole corpus file before and after an edit (``before`` None: the file is new).

    ``path`` is relative to the corpus folder, in POSIX form, so a recorded
    change still applies when the folder moves.
    """

    path: str
    before: str | None
    after: str | None
    summary: str


@dataclass(frozen=True, slots=True)
class Offer:
    """What the buttons under one ``/unanswered`` group stand for, kept server-side.

    A button carries only the offer's id and an action letter; the phrasings,
    the candidates shown and the topics listed are read back from here, so a
    forged button can at most point at an offer that already exists.
    """

    id: int
    created_at: datetime
    phrasings: tuple[Phrasing, ...]
    candidates: tuple[Candidate, ...] = ()
    topics: tuple[TopicChoice, ...] = ()
    change_id: int | None = None  # set once a change settled the group

    @property
    def wording(self) -> str:
        """The group's most asked wording."""
        return self.phrasings[0].text if self.phrasings else ""

    @property
    def language(self) -> str:
        """The language of the most asked wording."""
        return self.phrasings[0].language if self.phrasings else "en"


@dataclass(frozen=True, slots=True)
class Change:
    """One recorded admin change: who (hashed), when, what, and the file before and after."""

    id: int
    changed_at: datetime
    admin_hash: str | None  # None: made from the command line
    action: Action
    summary: str
    target: str  # corpus file (relative path), or "" when nothing was written
    before: str | None
    after: str | None
    undone_at: datetime | None = None
    undo_of: int | None = None
    forms: tuple[str, ...] = field(default=())

    @property
    def undone(self) -> bool:
        """Whether a later /undo reverted this change."""
        return self.undone_at is not None
