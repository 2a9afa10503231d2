"""Which words of a question can name its subject, and which only say something about it.

A key subject the material never mentions is evidence for declining
(``HybridSearcher.unknown_share``): "Does Belarus sell *weapons* to Africa?".
But a chat question's unknown word is as often an adverb, a particle or a
short adjective that says *how* it asks about a subject the material covers:
"насколько *тесно* Беларусь работает с Китаем", "с китаем у нас *прям*
дружба?", "Беларусь *нужна* Евросоюзу?". Those words name no subject.

A word is a *predicate word* (``is_predicate_word``) when no reading of it can
name a subject; a word the dictionary does not know is never one (it may be a
name). Per language, from a maintained dictionary where one exists:

- English: lemminflect (a lexicon of English lemmas by part of speech bundled
  in the package, 1 MB, loaded on first use in 0.3 s; chosen because it needs
  no model download, unlike spaCy's or NLTK's taggers), the readings of
  ``getAllLemmas``: a word that is only an adverb ("closely") is one;
- Russian: pymorphy3 with the OpenCorpora dictionary (``index.
  russian_morphology``), every parse: adverbs, particles, interjections,
  predicatives, short adjectives and participles, gerunds;
- Belarusian: no maintained morphological dictionary is packaged for Python
  (pymorphy3 has Russian and Ukrainian only), so verb endings that no noun or
  full adjective takes are matched by rule (the infinitive ``-ць``/``-чы`` but
  not the noun's ``-сць``, the reflexive ``-цца``/``-ся``, the present
  ``-ае``/``-яе``/``-уе``/``-юць``/``-уць``/``-іць``, the imperative
  ``-ай``/``-ей``) and the indefinite ``-небудзь``; a word spelt without the
  letters only Belarusian has (і, ў, ё, the apostrophe) is also looked up in
  the Russian dictionary, as many adverbs are spelt alike ("навек", "проста";
  dev, 2026-12-02: one more right answer, nothing lost).

Verbs name no subject either ("лежит", "decide"), but in English and Russian
they often are the subject of a near-topic question ("Will Belarus and Russia
*merge*?", "Почему *освободили* заключенных?"): counted light they cost more
declines than they won answers, so there a verb counts in full. Measured with
``python -m bot calibrate --dry-run`` on the dev part (2026-12-02, 1,254
questions; cross-validated in-scope answered / declined): no predicate words
0.907 / 0.948; verbs too, weighed 0.5, 0.908 / 0.945; without English and
Russian verbs 0.912 / 0.959; and without Belarusian verb endings as well
0.910 / 0.948.
"""

from __future__ import annotations

from functools import cache

import lemminflect

from index.russian_morphology import russian_classes
from index.text_analysis import analysed_words

__all__ = ["is_predicate_word", "load_english_lexicon", "predicate_terms"]

# Parts of speech that can name a subject, per dictionary.
_ENGLISH_SUBJECT = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})
_RUSSIAN_SUBJECT = frozenset({"NOUN", "ADJF", "NUMR", "LATN", "UNKN", "VERB", "INFN"})
_BELARUSIAN_VERB_ENDINGS = (
    "ць",
    "чы",
    "цца",
    "ся",
    "ае",
    "яе",
    "уе",
    "юць",
    "уць",
    "аюць",
    "яюць",
    "іць",
    "ыць",
    "ай",
    "ей",
)
_BELARUSIAN_NOUN_ENDINGS = ("сць", "зь", "ццё")
_BELARUSIAN_ONLY = frozenset("іўё'")


def load_english_lexicon() -> None:
    """Load lemminflect's lexicon now (``Engine.warm``) rather than on the first question that needs it."""
    lemminflect.getAllLemmas("warm")


@cache
def _english_predicate(word: str) -> bool:
    readings = lemminflect.getAllLemmas(word)
    return bool(readings) and not (set(readings) & _ENGLISH_SUBJECT)


def _russian_predicate(word: str) -> bool:
    classes = russian_classes(word)
    return bool(classes) and not (classes & _RUSSIAN_SUBJECT)


def _belarusian_predicate(word: str) -> bool:
    if word.endswith("небудзь"):
        return True
    if not _BELARUSIAN_ONLY.intersection(word) and _russian_predicate(word):
        return True  # a word both languages spell alike ("навек", "проста"): Russian's dictionary
    if len(word) < 4 or word.endswith(_BELARUSIAN_NOUN_ENDINGS):
        return False
    return word.endswith(_BELARUSIAN_VERB_ENDINGS)


def is_predicate_word(word: str, language: str) -> bool:
    """Whether the lower-case ``word`` of ``language`` ("en", "ru", "be") cannot name a subject.

    Args:
        word: one word as the question spells it, lower case.
        language: the language of its script and text (``index.text_analysis``).

    Returns:
        True for a verb, adverb, particle or short adjective by every reading
        the language's dictionary (or, for Belarusian, its verb endings) gives;
        False for a possible noun or adjective and for a word nobody knows.
    """
    if language == "ru":
        return _russian_predicate(word)
    if language == "be":
        return _belarusian_predicate(word)
    return _english_predicate(word)


def predicate_terms(text: str, language: str) -> frozenset[str]:
    """The terms of ``text`` every word of which is a predicate word (``is_predicate_word``)."""
    subject: set[str] = set()
    predicate: set[str] = set()
    for word, word_language, terms in analysed_words(text, language):
        (predicate if is_predicate_word(word, word_language) else subject).update(terms)
    return frozenset(predicate - subject)
