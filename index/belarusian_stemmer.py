"""A light suffix-stripping stemmer for Belarusian.

Snowball has no Belarusian stemmer, and a lexicon-based lemmatiser would be a
heavy dependency for a handful of passages, so this module strips inflectional
endings by rule, in the manner of the Snowball Russian algorithm
(https://snowballstem.org/algorithms/russian/stemmer.html): find the region
after the first vowel (RV), remove a reflexive ending, then the longest
noun/adjective/verb ending inside RV, then a leftover ``і``/``ы`` and ``ь``.

What makes Belarusian different, and how it is handled:

* Spelling variants are folded first so that forms meet however they are
  typed: ``ў``→``у`` (``ўзровень``/``узровень``, ``аў``/``ау``), ``ё``→``е``,
  ``э``→``е`` (endings ``-эм``/``-ем``), ``о``→``а`` (akanne: ``горад``/
  ``гарады``), Russian-keyboard ``и``→``і`` and ``щ``→``шч``; apostrophes are
  dropped (``сям'я``, ``сям’я`` and a forgotten ``сямя`` are one word).
* A soft sign before a consonant (the classical spelling's ``значэньне``,
  ``сьвет``, and łacinka's ``ńn`` converted) is dropped, so it meets the
  official ``значэнне``, ``свет``.
* Doubled consonants from assimilation are undoubled at the end of the stem:
  ``Беларуссю`` → ``беларус``, ``развіцця`` → ``развіц``.
* Consonant alternations at the end of the stem are folded to one letter:
  ``к``/``т``/``ц`` (``Амерыка``/``у Амерыцы``, ``свет``/``у свеце``),
  ``г``/``з`` (``Прага``/``у Празе``), ``дз``/``д`` (``Захад``/``на Захадзе``).
  The folded letter is arbitrary; only consistency matters for search.
* Vowel-stem verbs keep their stem vowel out of every form: the endings
  ``-аць``, ``-ае``, ``-аюць``, ``-аючы``... go as a whole, so
  ``развіваць``/``развівае``/``развіваюцца`` meet.
* Nouns whose stem ends in ``й`` (``Кітай``: ``Кітая``, ``Кітаю``, ``Кітаі``)
  would lose the stem vowel to the adjectival ``-ая``/``-аю``; a small list of
  such nouns (and of ``ў``-final cities such as ``Кіеў``, and genitive plurals
  such as ``праблем`` that look like ``-ем`` forms) is handled by lookup.

The stems are search keys, not words: they are meant to be compared with each
other, never shown to anyone.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["stem_belarusian"]

VOWELS = frozenset("аеіоуыэюяё")

_FOLD = str.maketrans(
    {"ў": "у", "ё": "е", "э": "е", "о": "а", "и": "і", "щ": "шч", "'": "", "’": "", "ʼ": ""}
)

# Reflexive endings: the infinitive/3rd person "-ць"+"ся" is spelled "-цца".
_REFLEXIVE = ("цца", "ся")

# Inflectional endings after folding (о→а, э→е, ў→у). Longest match wins.
_ADJECTIVE = (
    "ая",
    "яя",
    "ае",
    "яе",
    "ыя",
    "ія",
    "ага",
    "яга",
    "аму",
    "яму",
    "ую",
    "юю",
    "ай",
    "яй",
    "ых",
    "іх",
    "ым",
    "ім",
    "ымі",
    "імі",
    "аю",
    "яю",
    "ы",
    "і",
)
_NOUN = (
    "а",
    "я",
    "у",
    "ю",
    "е",
    "і",
    "ы",
    "ь",
    "й",
    "ам",
    "ям",
    "ем",
    "ах",
    "ях",
    "амі",
    "ямі",
    "ау",
    "яу",
    "еу",
    "ей",
    "ею",
)
_VERB = (
    "аць",
    "яць",
    "аю",
    "яю",
    "аеш",
    "яеш",
    "ае",
    "яе",
    "аем",
    "яем",
    "аеце",
    "яеце",
    "аюць",
    "яюць",
    "уць",
    "юць",
    "еш",
    "еце",
    "іш",
    "іце",
    "ыш",
    "ыце",
    "аючы",
    "яючы",
    "учы",
    "ючы",
    "ушы",
    "ць",
    # the past tense of vowel-stem verbs ("развіваліся", "працавала", "імкнуліся"), after folding
    "ала",
    "алі",
    "ало",
    "яла",
    "ялі",
    "іла",
    "ілі",
    "ыла",
    "ылі",
    "ела",
    "елі",
    "ула",
    "улі",
)
_ENDINGS = tuple(sorted(set(_ADJECTIVE + _NOUN + _VERB), key=len, reverse=True))

# Stem-final consonant alternations folded to one representative (see module doc).
_FINAL_ALTERNATIONS = (("дз", "д"), ("ц", "к"), ("т", "к"), ("з", "г"))
# Stems shorter than this keep their last letter: folded, "НАТА" ("нат") and "нацый" ("нац")
# were one stem, and "Арганізацыя Аб'яднаных Нацый" read as NATO.
MIN_ALTERNATING_STEM = 4

# Nouns with a stem in "-й" whose case forms spell the й as я/ю/е/і.
_J_STEM_NOUNS = ("кітай", "край", "уругвай", "парагвай", "музей", "гавай")
_J_FORM_ENDINGS = ("й", "я", "ю", "ем", "і", "ям", "ямі", "ях", "яу")
# Nouns whose nominative ends in "ў" but whose other forms have "в".
_W_STEM_NOUNS = {
    "кіеў": "кіев",
    "львоў": "львов",
    "кішынёў": "кішынёв",
    "растоў": "растов",
    "харкаў": "харкав",
}
# Genitive plurals in "-ем" that the ending "-ем" (Кітаем) would cut short.
_EM_GENITIVES = ("праблем", "сістэм", "схем")


# A soft sign before a consonant, as the classical spelling (tarashkevitsa, and the łacinka
# "ń", "ś", "ź" turned into Cyrillic) writes soft assimilation: "значэньне"/"значэнне",
# "сьвет"/"свет". Dropped in every text alike, so both spellings meet.
_SOFT_SIGN_BEFORE_CONSONANT = re.compile(r"ь(?=[бвгджзйклмнпрстфхцчшў])")


def _fold(word: str) -> str:
    return _SOFT_SIGN_BEFORE_CONSONANT.sub("", word.lower()).translate(_FOLD)


def _rv_start(word: str) -> int:
    """Index just after the first vowel; endings are only stripped from there on."""
    for index, char in enumerate(word):
        if char in VOWELS:
            return index + 1
    return len(word)


def _strip_one(word: str, rv: int, endings: tuple[str, ...]) -> str:
    for ending in endings:
        if word.endswith(ending) and len(word) - len(ending) >= rv:
            if ending == "ць" and word[-3] not in VOWELS:
                # Infinitive "-ць" only follows a vowel; "маладосць" is a noun in "-ь".
                continue
            return word[: -len(ending)]
    return word


def _finish(stem: str) -> str:
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] not in VOWELS:
        stem = stem[:-1]
    if len(stem) < MIN_ALTERNATING_STEM:
        return stem
    for tail, replacement in _FINAL_ALTERNATIONS:
        if stem.endswith(tail) and len(stem) > len(tail):
            return stem[: -len(tail)] + replacement
    return stem


def _build_exceptions() -> dict[str, str]:
    exceptions: dict[str, str] = {}
    for noun in _J_STEM_NOUNS:
        folded = _fold(noun)
        for ending in _J_FORM_ENDINGS:
            exceptions[folded[:-1] + ending] = _finish(folded)
    for nominative, stem in _W_STEM_NOUNS.items():
        exceptions[_fold(nominative)] = _finish(_fold(stem))
    for genitive in _EM_GENITIVES:
        exceptions[_fold(genitive)] = _finish(_fold(genitive))
    return exceptions


_EXCEPTIONS = _build_exceptions()


@lru_cache(maxsize=65536)
def stem_belarusian(word: str) -> str:
    """Return the search stem of one Belarusian word.

    Args:
        word: a single word in Cyrillic, any case, apostrophe variants allowed.

    Returns:
        A lowercase stem; words without a vowel after their first letter
        (abbreviations such as ``ЗША``, ``СНД``) come back folded but unstripped.
    """
    folded = _fold(word)
    if folded in _EXCEPTIONS:
        return _EXCEPTIONS[folded]
    rv = _rv_start(folded)
    stem = _strip_one(folded, rv, _REFLEXIVE)
    stripped = _strip_one(stem, rv, _ENDINGS)
    if stripped != folded and stripped.endswith(("і", "ы")) and len(stripped) - 1 >= rv:
        stripped = stripped[:-1]
    if stripped.endswith("ь") and len(stripped) - 1 >= rv:
        stripped = stripped[:-1]
    return _finish(stripped)
