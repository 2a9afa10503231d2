"""Bring a typed question to the form the index reads: Cyrillic where meant, typos corrected.

Runs before everything that reads the question (the mission lookup included),
so "posolstvo belarusi v armenii" and "embasy in estonia" get the same
handling as their clean spellings, and the reply comes in the asker's
language: a Russian question typed in Latin letters is answered in Russian.

Steps, each measured on the dev golden set (``python -m bot eval``) and kept
because it helped there:

1. Latin-script Russian or Belarusian to Cyrillic (``index.transliteration``);
2. the language, from the (converted) text (``bot.answering.language``);
3. spelling correction against the material's vocabulary (``index.spelling``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.answering.language import detect_language
from index import SpellingCorrector, expand_chat_shorthand, latin_to_cyrillic

__all__ = ["SUBJECT_WORDS", "NormalisedQuestion", "normalise_question", "without_subject"]

# The subject of the whole material: naming it is no evidence for any passage.
# Every passage is about Belarus, so "What is the GDP of Belarus?" resembles every
# passage through the word "Belarus" alone; the question with these words taken
# out ("What is the GDP of ?") resembles none. The engine embeds that subject-free
# question (cached like any query) for the passage similarity of the decision.
SUBJECT_WORDS = re.compile(
    r"\b(?:belarus\w*|byelorussia\w*|minsk|republic|беларус\w*|белорус\w*|минск\w*|мінск\w*|"
    r"республик\w*|рэспублік\w*)\b",
    re.IGNORECASE,
)


def without_subject(question: str) -> str:
    """The question with the material's subject words blanked out."""
    return " ".join(SUBJECT_WORDS.sub(" ", question).split())


@dataclass(frozen=True)
class NormalisedQuestion:
    """The question as the index should read it, its language and what was done to it."""

    text: str
    language: str
    transliterated: bool = False
    corrected_words: int = 0


def _material_knows(speller: SpellingCorrector | None) -> Callable[[str, str], bool]:
    """Whether the material knows a word; for Belarusian any case of it (its vocabulary is small)."""
    if speller is None:
        return lambda _word, _lang: False
    return lambda word, lang: speller.knows(word, lang) or (lang == "be" and speller.knows_stem(word, lang))


def normalise_question(
    text: str,
    speller: SpellingCorrector | None,
    lang: str | None = None,
    user_language_code: str | None = None,
    transliterate: bool = True,
) -> NormalisedQuestion:
    """Transliterate, detect the language, correct typos.

    Args:
        text: the cleaned question (``clean_question``).
        speller: the corrector built from the material, or None to skip the step.
        lang: the language when the caller knows it (it then decides the reply).
        user_language_code: the user's Telegram language, the detector's last resort.
        transliterate: whether to try Latin-script Russian and Belarusian.
    """
    converted = None
    if transliterate and lang != "en":
        converted = latin_to_cyrillic(text, _material_knows(speller))
    if converted is not None:
        text = converted.text
    language = lang or (converted.language if converted else detect_language(text, user_language_code))
    if language == "en":
        text = expand_chat_shorthand(text)
    corrected = 0
    if speller is not None:
        text, corrected = speller.correct(text, language)
    return NormalisedQuestion(text, language, converted is not None, corrected)
