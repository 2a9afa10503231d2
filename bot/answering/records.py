"""The engine's reply, as plain records every adapter renders in its own way."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from corpus import Mission

if TYPE_CHECKING:  # annotation only: the records stay importable without the mission lookup
    from bot.missions import MissionQuery

# Why the engine answered as it did: the one list of reasons (the question log stores these too).
Reason = Literal["ok", "not_covered", "empty", "no_words", "too_long", "unreadable", "missions"]


@dataclass(frozen=True)
class QuotedPassage:
    """A passage quoted verbatim, with its best sentence and its source."""

    passage_id: str
    text: str
    sentences: tuple[str, ...]
    best_sentence: str | None
    title: str
    section: str | None
    source_name: str
    source_url: str
    date: str
    language: str
    is_translation: bool
    original_passage_id: str | None
    original_url: str | None
    score: float
    mission_id: str | None = None


@dataclass(frozen=True)
class TopicNote:
    """A known out-of-scope topic the question is about, and where to turn (``corpus/topics``)."""

    id: str
    reply: str  # "consular", "uncovered" or "greeting"
    label: str  # the topic's name in the asker's language
    pointer: str  # a page of the ministry's site
    # Consular topics: the country where the asker says they are (ISO code) and the
    # Belarusian missions serving it ("I live in Poland, how do I renew my passport?").
    country_code: str | None = None
    missions: tuple[Mission, ...] = ()


@dataclass(frozen=True)
class Answer:
    """What the bot replies to one question."""

    question: str
    lang: str
    answered: bool
    reason: Reason
    passages: tuple[QuotedPassage, ...] = ()
    missions: MissionQuery | None = None  # set exactly when reason == "missions"
    latency_ms: float = 0.0
    topic: TopicNote | None = None  # set on a decline when the question is about a known topic
    # e.g. {"length": 10000, "limit": 1000} for too_long; {"because": "bank"} for the decision's rule
    details: dict[str, int | str] = field(default_factory=dict, compare=False)
