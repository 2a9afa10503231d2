"""What the question itself says about whether the material can answer it.

Two pieces of evidence for declining that do not depend on how close the
question's words or vectors are to a passage (the English dense model makes
loose passages look similar, and a bigger question bank makes more of them
look similar), and so carry to questions nobody has tuned on:

- ``asks_for_figure``: the question asks for a number or a date ("how many",
  "how much", "when", "what year", "сколько", "когда", "колькі"). A passage that
  holds no digit cannot give one.
- ``unknown_name``: a word written as a name (capitalised inside the sentence,
  an abbreviation, a figure, or a word in the other script: "Taiwan", "WTO",
  "1991", "Ryanair" in a Russian question) that neither the material nor the
  question bank uses anywhere. A question about a thing the material never
  names is not answered by a passage about something else. The material's own
  subject (``without_subject``: Belarus, Minsk) is no name here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.answering.normalisation import SUBJECT_WORDS
from index import tokenize

__all__ = ["asks_for_figure", "unknown_name"]

# Question words asking for a quantity anywhere in the question; a date only as
# the question's first word ("калі" is also "if", "when" also a conjunction).
_QUANTITY = {
    "en": re.compile(
        r"\b(?:how\s+(?:many|much|big|large|long|often)|what\s+(?:year|percentage|share|amount)|"
        r"in\s+which\s+year|which\s+year)\b",
        re.IGNORECASE,
    ),
    "ru": re.compile(
        r"(?<!\w)(?:сколько|в\s+каком\s+году|какой\s+процент|какова\s+доля|какой\s+объ[её]м)(?!\w)",
        re.IGNORECASE,
    ),
    "be": re.compile(
        r"(?<!\w)(?:колькі|у\s+якім\s+годзе|які\s+працэнт|якая\s+доля|які\s+аб['’]?ём)(?!\w)",
        re.IGNORECASE,
    ),
}
_DATE_FIRST = {
    "en": re.compile(r"^\W*(?:and\s+|so\s+)?when\b", re.IGNORECASE),
    "ru": re.compile(r"^\W*(?:а\s+|и\s+)?когда(?!\w)", re.IGNORECASE),
    "be": re.compile(r"^\W*(?:а\s+|і\s+)?калі(?!\s+ласка)(?!\w)", re.IGNORECASE),
}
_WORD = re.compile(r"[^\W_][\w'’\-]*")
_SENTENCE_END = re.compile(r"[.!?…:;«»\"“”(]\s*$")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def asks_for_figure(question: str, language: str) -> bool:
    """Whether ``question`` asks for a number or a date (see the module docstring)."""
    quantity = _QUANTITY.get(language)
    date = _DATE_FIRST.get(language)
    return bool((quantity and quantity.search(question)) or (date and date.search(question)))


def _looks_like_name(question: str, start: int, word: str, language: str) -> bool:
    if any(ch.isdigit() for ch in word):
        return True
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return True  # an abbreviation: WTO, МВФ
    if language in ("ru", "be") and _LATIN.search(word) and not _CYRILLIC.search(word):
        return True  # a Latin-script word in a Cyrillic question: Ryanair
    if not word[0].isupper():
        return False
    before = question[:start]
    return bool(before.strip()) and not _SENTENCE_END.search(before)


def unknown_name(question: str, language: str, known: Callable[[str], bool]) -> str | None:
    """The first name in ``question`` whose every term ``known`` rejects, or None.

    Args:
        question: the normalised question (capitals kept).
        language: its language.
        known: whether the material or the bank uses a term (``HybridSearcher.knows_term``).
    """
    for match in _WORD.finditer(question):
        word = match.group()
        if SUBJECT_WORDS.match(word) or not _looks_like_name(question, match.start(), word, language):
            continue
        terms = tokenize(word, language)
        if terms and not any(known(term) for term in terms):
            return word
    return None
