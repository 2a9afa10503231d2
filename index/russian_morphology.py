"""The one seam to pymorphy3: is a word Russian?

pymorphy3 (maintained fork of pymorphy2) with its OpenCorpora dictionary
(pymorphy3-dicts-ru) knows every inflected form of about 400,000 Russian
words; it is loaded once, on first use (0.3 s, 15 MB).
"""

from __future__ import annotations

from functools import cache

import pymorphy3

__all__ = ["load_russian_dictionary", "russian_word_known"]


@cache
def _analyser() -> pymorphy3.MorphAnalyzer:
    return pymorphy3.MorphAnalyzer(lang="ru")


def russian_word_known(word: str) -> bool:
    """Whether pymorphy3's Russian dictionary has ``word`` (any inflected form)."""
    return bool(_analyser().word_is_known(word.lower().replace("ё", "е")))


def load_russian_dictionary() -> None:
    """Load pymorphy3's dictionary now (``Engine.warm``) rather than on the first word that needs it."""
    _analyser()
