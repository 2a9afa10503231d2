"""Recognise the known out-of-scope topics (``corpus/topics``) in a question.

Triggers are matched on the same stemmed terms as the search
(``index.text_analysis.tokenize``), so every inflected form matches: "санкции",
"санкций", "санкциями". A trigger phrase matches when its terms follow one
another in the question. Triggers of all three languages are tried on every
question: a Russian question may name "NATO" in Latin letters.

A phrase may have up to ``MAX_GAP`` other terms between its own ("вступит ли
Беларусь в Евросоюз" holds "вступить в Евросоюз"), and the engine matches on the
question without the material's subject words (``without_subject``).

A topic marked ``whole`` (greetings) matches only when every term of the
question is one of its triggers or a word the material and the bank never use
("thanks a lot", not "hello, what about China?").

A topic marked ``aside`` (particular countries the material does not name)
gives way when the question also names a subject the material covers (a
concept term it uses: the EU, the CIS, China): "I export furniture to Poland
and Germany; how does the government see the EU?" is a question about the EU
with a story around it, "relations with Poland" is about Poland.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from corpus import Topic
from index import tokenize

__all__ = ["MAX_GAP", "TopicMatcher"]

MAX_GAP = 1


def _plain(term: str) -> str:
    """A concept term without its language tag ("china:ru" -> "china:"), so languages meet."""
    head, colon, _ = term.partition(":")
    return head + colon


@dataclass(frozen=True)
class _Compiled:
    topic: Topic
    phrases: tuple[tuple[str, ...], ...]
    words: frozenset[str]
    first_terms: frozenset[str]  # a question holding none of these cannot match


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
            words = frozenset(t for p in phrases for t in p)
            compiled.append(_Compiled(topic, tuple(sorted(phrases)), words, frozenset(p[0] for p in phrases)))
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
        present = set(terms)
        for compiled in self._topics:
            if present.isdisjoint(compiled.first_terms):
                continue
            if compiled.topic.aside and any(":" in term and known(term) for term in raw):
                continue  # a concept term ("europe:en") the material uses: the question is about it
            if compiled.topic.whole:
                hits = [t in compiled.words for t in terms]
                if any(hits) and all(hit or not known(term) for hit, term in zip(hits, raw, strict=True)):
                    return compiled.topic
                continue
            if any(_contains(terms, phrase) for phrase in compiled.phrases):
                return compiled.topic
        return None


def _contains(terms: list[str], phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase``'s terms occur in order in ``terms``, at most ``MAX_GAP`` apart."""
    for start, term in enumerate(terms):
        if term != phrase[0]:
            continue
        position = start
        for wanted in phrase[1:]:
            window = terms[position + 1 : position + 2 + MAX_GAP]
            if wanted not in window:
                break
            position += 1 + window.index(wanted)
        else:
            return True
    return False
