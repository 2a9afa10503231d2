"""The one seam to pymorphy3: is a word Russian, and which parts of speech can it be?

pymorphy3 (maintained fork of pymorphy2) with its OpenCorpora dictionary
(pymorphy3-dicts-ru) knows every inflected form of about 400,000 Russian
words; it is loaded once, on first use (0.3 s, 15 MB).
"""

from __future__ import annotations

from functools import cache, lru_cache

import pymorphy3

__all__ = ["load_russian_dictionary", "russian_classes", "russian_word_known"]


@cache
def _analyser() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang="ru")


def russian_word_known(word: str) -> bool:
    """Whether pymorphy3's Russian dictionary has ``word`` (any inflected form)."""
    return bool(_analyser().word_is_known(word.lower().replace("ё", "е")))


@lru_cache(maxsize=65536)
def russian_classes(word: str) -> frozenset[str]:
    """The parts of speech of every dictionary parse of ``word`` (empty when the dictionary lacks it)."""
    normalised = word.lower().replace("ё", "е")
    analyser = _analyser()
    if not analyser.word_is_known(normalised):
        return frozenset()
    return frozenset(str(parse.tag.POS) for parse in analyser.parse(normalised))


def load_russian_dictionary() -> None:
    """Load pymorphy3's dictionary now (``Engine.warm``) rather than on the first word that needs it."""
    _analyser()
