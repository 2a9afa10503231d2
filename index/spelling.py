"""Spelling correction against the vocabulary of the material, the question bank and the mission names.

Typed questions carry typos ("multilaterlism", "chna", "приорететы") that BM25
cannot match. symspellpy (the maintained Python port of SymSpell: symmetric
delete lookup, microseconds a word) suggests the nearest word of *our*
vocabulary, per language, so a typo becomes a word the index knows.

A word is left alone when a general dictionary already knows it (English:
symspellpy's frequency dictionary; Russian: pymorphy3's dictionary), so a
correct word the material lacks ("weather", "погода") is never bent into one
it has and an off-topic question does not turn on-topic. Belarusian has no
such dictionary on PyPI, so only longer words are corrected there, by one edit
(two from ten letters). Abbreviations, numbers and short words are never touched.

The words of the material are counted when the index is built
(``count_words``, kept in the artifact's ``words.json``): counting 100,000
passages at every start took 1.3 s. SymSpell's table of deletes is built for
a language the first time a word of it needs a suggestion, not at start: most
questions have no typo, and building it for a large vocabulary takes seconds.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from index.russian_morphology import load_russian_dictionary, russian_word_known
from index.text_analysis import is_stop_word, stem_word

if TYPE_CHECKING:
    from symspellpy import SymSpell

__all__ = ["SpellingCorrector", "common_english_words", "count_words", "english_word_known"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
MIN_LENGTH = 4  # shorter words are too often another word one edit away
MIN_LENGTH_WITHOUT_DICTIONARY = 6  # Belarusian: no general dictionary to rule out real words
LONG_WORD = 8  # from this length two edits are allowed
# Belarusian: two edits only from this length ("інвестыцыное" for "інвестыцыйнае": a
# Russian-keyboard "о" for the akanne "а" and a dropped "й"); long words seldom lie two
# edits from another word of the material.
LONG_WORD_WITHOUT_DICTIONARY = 10
# A vocabulary word the general dictionary lacks, seen at most this often, is a typo of a
# word one edit away seen TYPO_RATIO times as often (``SpellingCorrector._rare_typo``).
RARE_COUNT = 2
TYPO_RATIO = 10
# Corpus count from which an English word counts as correctly spelt (the
# dictionary also holds common misspellings with small counts).
MIN_ENGLISH_COUNT = 20_000


@cache
def _english_counts() -> dict[str, int]:
    import symspellpy  # noqa: PLC0415 - only to locate its data file

    path = Path(symspellpy.__file__).with_name("frequency_dictionary_en_82_765.txt")
    counts: dict[str, int] = {}
    for line in path.read_text("utf-8").splitlines():
        word, _, count = line.partition(" ")
        if count:
            counts[word] = int(count)
    return counts


# A vocabulary word the general dictionary lacks, seen at most this often, is a typo of a
# word one edit away seen TYPO_RATIO times as often (``SpellingCorrector._rare_typo``).
RARE_COUNT = 2
TYPO_RATIO = 10
# Corpus count from which a dictionary word counts as English when telling English
# from Russian typed in Latin letters: the dictionary also lists rare words that
# are transliterations too ("privet", a shrub: 158,777; "qwerty": 662,907), while
# everyday English words are far above (with: 3.2e9, relations: 5.5e7, hello: 3.3e7).
MIN_COMMON_ENGLISH_COUNT = 1_000_000


@cache
def common_english_words() -> frozenset[str]:
    """The everyday words of symspellpy's English frequency dictionary (lowercase)."""
    return frozenset(w for w, count in _english_counts().items() if count >= MIN_COMMON_ENGLISH_COUNT)


def english_word_known(word: str) -> bool:
    """Whether ``word`` is a correctly spelt English word (symspellpy's dictionary)."""
    return _english_counts().get(word.lower(), 0) >= MIN_ENGLISH_COUNT


_GENERAL: dict[str, Callable[[str], bool]] = {"en": english_word_known, "ru": russian_word_known}


def count_words(texts: Iterable[str]) -> Counter[str]:
    """The words of ``texts`` as the corrector reads them (lowercase, ё as е), each with its count."""
    # One pass over the joined texts (a newline ends a word as a text's end does):
    # the same words in the same order as text by text, at a fraction of the calls.
    joined = "\n".join(texts).lower().replace("ё", "е")
    return Counter(_WORD.findall(joined))


class SpellingCorrector:
    """Corrects words of a question towards the vocabulary of one language."""

    def __init__(self, texts: Mapping[str, Iterable[str]]) -> None:
        self._init({language: count_words(language_texts) for language, language_texts in texts.items()})

    @classmethod
    def from_counts(cls, counts: Mapping[str, Mapping[str, int]]) -> SpellingCorrector:
        """A corrector over words already counted (``count_words``; the index keeps the material's)."""
        corrector = cls.__new__(cls)
        corrector._init(counts)
        return corrector

    def _init(self, counts: Mapping[str, Mapping[str, int]]) -> None:
        self._counts = counts
        self._spellers: dict[str, SymSpell] = {}  # built on first use (``_speller``)
        self._vocabulary = {language: frozenset(words) for language, words in counts.items()}
        self._stems: dict[str, frozenset[str]] = {}  # built on first use (``knows_stem``)

    def _speller(self, language: str) -> SymSpell | None:
        speller = self._spellers.get(language)
        if speller is None and language in self._counts:
            from symspellpy import SymSpell  # noqa: PLC0415 - only when a word needs a suggestion

            speller = SymSpell(max_dictionary_edit_distance=2, prefix_length=7)
            for word, count in self._counts[language].items():
                speller.create_dictionary_entry(word, count)
            self._spellers[language] = speller
        return speller

    def knows(self, word: str, language: str) -> bool:
        """Whether ``word`` (lowercase) is in the vocabulary of ``language``."""
        return word in self._vocabulary.get(language, frozenset())

    def warm(self) -> None:
        """Build every language's speller, stems and the English dictionary now, not on first need."""
        _english_counts()
        common_english_words()
        load_russian_dictionary()
        for language in self._counts:
            self._speller(language)
            self.knows_stem("", language)

    def knows_stem(self, word: str, language: str) -> bool:
        """Whether some vocabulary word of ``language`` has ``word``'s stem (another case of the same word).

        For reading plain-Latin Belarusian, whose words are checked against this
        vocabulary only (Russian has pymorphy3's dictionary): "hlabalny" is read
        "глабальны", a form the material lacks beside its "глабальных".
        """
        stems = self._stems.get(language)
        if stems is None:
            stems = frozenset(stem_word(w, language) for w in self._vocabulary.get(language, ()))
            self._stems[language] = stems
        return stem_word(word, language) in stems

    def correct_word(self, word: str, language: str) -> str | None:
        """The vocabulary word ``word`` is a typo of, or None to keep it."""
        if language not in self._counts or word.isupper() or not word.isalpha():
            return None
        lower = word.lower().replace("ё", "е")
        general = _GENERAL.get(language)
        if len(lower) < (MIN_LENGTH if general else MIN_LENGTH_WITHOUT_DICTIONARY):
            return None
        if general is not None and general(lower):
            return None
        if lower in self._vocabulary[language]:
            return self._rare_typo(lower, language) if general is not None else None
        long_enough = LONG_WORD if general is not None else LONG_WORD_WITHOUT_DICTIONARY
        distance = 2 if len(lower) >= long_enough else 1
        from symspellpy import Verbosity  # noqa: PLC0415 - imported with SymSpell (``_speller``)

        speller = self._speller(language)
        if speller is None:
            return None
        suggestions = speller.lookup(lower, Verbosity.TOP, max_edit_distance=distance)
        if not suggestions or suggestions[0].term == lower or is_stop_word(suggestions[0].term, language):
            # A function word is never the intended one: "колькі" (how many), which Belarusian has no
            # dictionary to know, is one edit from the stop word "толькі" (only) and would lose the
            # question's figure.
            return None
        return str(suggestions[0].term)

    def _rare_typo(self, word: str, language: str) -> str | None:
        """The frequent word a rare vocabulary word is one edit from, when the dictionary lacks it.

        The question bank spells some questions as people mistype them ("сотрудничество
        с росией"), so a typo can be in the vocabulary; a word no general dictionary
        knows, seen at most ``RARE_COUNT`` times, beside one seen ``TYPO_RATIO`` times
        as often, is that word mistyped.
        """
        count = self._counts[language].get(word, 0)
        speller = self._speller(language)
        if count > RARE_COUNT or speller is None:
            return None
        from symspellpy import Verbosity  # noqa: PLC0415 - imported with SymSpell (``_speller``)

        for suggestion in speller.lookup(word, Verbosity.ALL, max_edit_distance=1):
            if suggestion.term != word and suggestion.count >= TYPO_RATIO * max(count, 1):
                return None if is_stop_word(suggestion.term, language) else str(suggestion.term)
        return None

    def correct(self, text: str, language: str) -> tuple[str, int]:
        """``text`` with its typos corrected, and how many words were changed."""
        changed = 0

        def fix(match: re.Match[str]) -> str:
            nonlocal changed
            corrected = self.correct_word(match.group(), language)
            if corrected is None:
                return match.group()
            changed += 1
            return corrected

        return _WORD.sub(fix, text), changed
