"""Answers remembered by the normalised question and its language: a crowd asks the same things.

Why it is correct: after ``normalise_question`` everything the engine does
(the mission lookup, the search, the bank, the topics, the decision) reads
only the normalised text, its language and the engine's own material, and an
``Engine`` never changes its material: ``/reload`` and the press desk's fixes
build a *new* engine (``bot.answering.reload``) whose cache starts empty, and
the one switch that changes a running engine (``Engine.without``, for
``eval``) clears it. So a remembered answer is the answer the engine would
compute again; only what belongs to the asking (the question as typed, the
latency, a fresh copy of ``details``) is put back on each copy.

Why it helps: when 200 people ask within seconds, many ask the same short
questions ("EU?", "embassy in Poland"), and typing variants that normalise to
the same text ("eu", "EU ?") land on the same entry. A hit costs the
normalisation (~1 ms) instead of the query embedding and the search (~10 ms
of CPU on this machine, ``python -m bot bench``).

Why 2,048 answers: an answer holds references to passages the engine keeps
anyway, plus a few small records, a few kilobytes at most, so the cache stays
within a few megabytes; and the press desk's logs show far fewer distinct
questions a day than that.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from threading import Lock

from bot.answering.records import Answer

__all__ = ["ANSWER_CACHE_SIZE", "AnswerCache"]

ANSWER_CACHE_SIZE = 2048


class AnswerCache:
    """A bounded, thread-safe LRU of answers keyed on (normalised question, language)."""

    def __init__(self, size: int = ANSWER_CACHE_SIZE) -> None:
        if size < 0:
            raise ValueError("size must be >= 0")
        self._size = size
        self._answers: OrderedDict[tuple[str, str], Answer] = OrderedDict()
        self._lock = Lock()

    def get(self, text: str, language: str, question: str, latency_ms: float) -> Answer | None:
        """The remembered answer to ``text`` in ``language``, as an answer to ``question``; else None."""
        with self._lock:
            answer = self._answers.get((text, language))
            if answer is None:
                return None
            self._answers.move_to_end((text, language))
        return replace(answer, question=question, latency_ms=latency_ms, details=dict(answer.details))

    def put(self, text: str, language: str, answer: Answer) -> None:
        """Remember ``answer`` for ``text`` in ``language``, dropping the least recently used."""
        if not self._size:
            return
        stored = replace(answer, details=dict(answer.details))  # the caller may change its own copy
        with self._lock:
            self._answers[(text, language)] = stored
            self._answers.move_to_end((text, language))
            while len(self._answers) > self._size:
                self._answers.popitem(last=False)

    def clear(self) -> None:
        """Forget every answer."""
        with self._lock:
            self._answers.clear()

    def __len__(self) -> int:
        with self._lock:
            return len(self._answers)
