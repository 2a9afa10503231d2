"""Recognise the known out-of-scope topics (``corpus/topics``) in a question.

Triggers are matched on the same stemmed terms as the search
(``index.text_analysis.tokenize``), so every inflected form matches: "санкции",
"санкций", "санкциями". A trigger phrase matches when its terms follow one
another in the question. Triggers of all three languages are tried on every
question: a Russian question may name "NATO" in Latin letters.

A topic marked ``whole`` (greetings) matches only when every term of the
question is one of its triggers or a word the material and the bank never use
("thanks a lot", not "hello, what about China?").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from corpus import Topic
from index.text_analysis import tokenize

__all__ = ["TopicMatcher"]


def _plain(term: str) -> str:
    """A concept term without its language tag ("china:ru" -> "china:"), so languages meet."""
    head, colon, _ = term.partition(":")
    return head + colon


@dataclass(frozen=True)
class _Compiled:
    topic: Topic
    phrases: tuple[tuple[str, ...], ...]
    words: frozenset[str]


class TopicMatcher:
    """Finds the first known out-of-scope topic a question is about."""

    def __init__(self, topics: tuple[Topic, ...]) -> None:
        compiled = []
        for topic in topics:
            phrases = {
                tuple(_plain(term) for term in tokenize(trigger, language))
                for language, triggers in topic.triggers.items()
                for trigger in triggers
            }
            phrases.discard(())
            compiled.append(_Compiled(topic, tuple(sorted(phrases)), frozenset(t for p in phrases for t in p)))
        # Whole-question topics (greetings) are tried last: a question naming NATO is about NATO.
        self._topics = sorted(compiled, key=lambda c: c.topic.whole)

    def match(self, question: str, language: str, known: Callable[[str], bool]) -> Topic | None:
        """The topic ``question`` is about, or None.

        ``known(term)`` says whether the material or the bank uses a term.
        """
        raw = tokenize(question, language)
        terms = [_plain(term) for term in raw]
        if not terms:
            return None
        for compiled in self._topics:
            if compiled.topic.whole:
                hits = [t in compiled.words for t in terms]
                if any(hits) and all(hit or not known(term) for hit, term in zip(hits, raw)):
                    return compiled.topic
                continue
            for phrase in compiled.phrases:
                size = len(phrase)
                if any(tuple(terms[i : i + size]) == phrase for i in range(len(terms) - size + 1)):
                    return compiled.topic
        return None
