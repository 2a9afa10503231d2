"""The core: a question in, an ``Answer`` out. No rendering, storage or Telegram.

``Engine`` owns the corpus, the index and the mission directory; ``Answer`` and
``QuotedPassage`` are the plain records every adapter renders in its own way;
``reload_engine`` builds a fresh engine for ``/reload``. ``decide`` is the one
answer-or-decline decision, from named ``Evidence`` and fitted ``Thresholds``.
"""

from bot.answering.assessment import Assessment
from bot.answering.decision import (
    SOURCES,
    THRESHOLDS_FILE,
    Decision,
    Evidence,
    Thresholds,
    decide,
    load_thresholds,
)
from bot.answering.engine import MAX_FURTHER_PASSAGES, Engine, EngineOptions, SourceInfo
from bot.answering.language import (
    SERVED_LANGUAGES,
    LanguageDecision,
    detect_language,
    detect_language_details,
    served_language,
)
from bot.answering.normalisation import NormalisedQuestion, normalise_question, without_subject
from bot.answering.questions import MAX_QUESTION_CHARS, CleanQuestion, clean_question
from bot.answering.records import Answer, QuotedPassage, Reason, TopicNote
from bot.answering.reload import ReloadSummary, reload_engine, summarise_reload, timed_reload

__all__ = [
    "MAX_FURTHER_PASSAGES",
    "MAX_QUESTION_CHARS",
    "SERVED_LANGUAGES",
    "SOURCES",
    "THRESHOLDS_FILE",
    "Answer",
    "Assessment",
    "CleanQuestion",
    "Decision",
    "Engine",
    "EngineOptions",
    "Evidence",
    "LanguageDecision",
    "NormalisedQuestion",
    "QuotedPassage",
    "Reason",
    "ReloadSummary",
    "SourceInfo",
    "Thresholds",
    "TopicNote",
    "clean_question",
    "decide",
    "detect_language",
    "detect_language_details",
    "load_thresholds",
    "normalise_question",
    "reload_engine",
    "served_language",
    "summarise_reload",
    "timed_reload",
    "without_subject",
]
