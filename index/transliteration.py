"""Russian and Belarusian typed in Latin letters, back to Cyrillic.

People type "otnosheniya s rossiey" on a phone without a Cyrillic layout, and
Belarusians write łacinka ("supracoŭnictva z Kitajem"). Read as English, such a
question finds nothing and gets an English reply. Here a Latin-script question
is tried as each reading and the one whose words a dictionary knows wins:

- **English**: symspellpy's English frequency dictionary (82,765 words, shipped
  with the package) says which words are English;
- **Russian**: cyrtranslit (maintained, bi-directional, handles the informal
  "sh/ch/zh/ya/yu" spellings people type) converts, and pymorphy3's Russian
  dictionary (pymorphy3-dicts-ru) says which of the results are Russian words;
- **Belarusian**: łacinka, written with its own letters (ł, ŭ, ć, ś, ź, ń, č,
  š, ž), is converted by the table below, since no maintained PyPI package
  converts łacinka to Cyrillic (cyrtranslit's "by" table is a transliteration
  scheme, not łacinka: it turns "Kitajem" into "Кітайем");
  plain-ASCII Belarusian ("adnosiny z Rasijaj") goes through the same table
  with the usual sh/ch/zh digraphs, a hard "l" (no "ł" on the keyboard; "li"/"lj"
  + vowel is soft) and "u" after a vowel as "ў" ("poudzien"). A Belarusian
  reading counts the words the Belarusian vocabulary of the material and the
  question bank knows, in any case (the caller matches stems: "hlabalny" meets
  "глабальных").

The plain-ASCII rules, the stem match and "i" as a function word of both were
kept because they helped (2026-12-02): 87 chat questions typed in Latin letters,
written for the purpose, 9 -> 4 in the wrong reply language; the dev part's
figures unchanged (reply language 0.997).

A reading wins only with more known words than English has (ties stay
English), so "relations with Russia" stays English.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import cyrtranslit

from index.russian_morphology import russian_word_known
from index.spelling import common_english_words

__all__ = ["Transliteration", "lacinka_to_cyrillic", "latin_to_cyrillic"]

_LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F'’]+")
_LACINKA_LETTERS = re.compile(r"[łŭćśźńčšžŁŬĆŚŹŃČŠŽ]")
_ANY_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_ANY_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
# Words that count for no reading: too short to tell languages apart...
MIN_WORD = 3
# ...except the short function words of typed Russian and Belarusian, which
# English lacks: "belarus v odkb" is Russian by its "v".
_RUSSIAN_FUNCTION_WORDS = frozenset(
    [
        "i",  # "и"; English "I" rarely comes without several English words around it
        "v",
        "vo",
        "s",
        "so",
        "k",
        "ko",
        "iz",
        "ot",
        "do",
        "za",
        "na",
        "po",
        "pro",
        "ne",
        "ni",
        "kak",
        "chto",
        "eto",
        "dlya",
        "ili",
    ]
)
# ...and the short function words of English that typed Russian and Belarusian lack ("in" is
# "v" or "u" there, "of" nothing): "belarusian consulat in beiroot" is English with two typos.
# Not "a", "to", "on", "do": Russian "а", "то", "он", "до" are typed so.
_ENGLISH_FUNCTION_WORDS = frozenset(["in", "of", "is", "an", "at"])
_BELARUSIAN_FUNCTION_WORDS = frozenset(
    [
        "i",
        "u",
        "ŭ",
        "z",
        "ad",
        "da",
        "za",
        "na",
        "pa",
        "pra",
        "ne",
        "ni",
        "jak",
        "shto",
        "što",
        "heta",
        "ci",
        "dla",
        "albo",
    ]
)


@dataclass(frozen=True)
class Transliteration:
    """A Latin-script question read as Russian or Belarusian."""

    text: str
    language: str  # "ru" or "be"


# Łacinka: iotated vowels after a consonant soften it ("ia" -> я); at the start
# of a word, after a vowel or an apostrophe "j" + vowel is the iotated vowel;
# "l" is soft (ль, ля...) and "ł" hard (л, ла...).
_IOTATED = {"a": "я", "e": "е", "o": "ё", "u": "ю", "i": "і"}
_PLAIN = {
    "a": "а",
    "b": "б",
    "c": "ц",
    "ć": "ць",
    "č": "ч",
    "d": "д",
    "e": "э",
    "f": "ф",
    "g": "г",
    "h": "г",
    "i": "і",
    "j": "й",
    "k": "к",
    "ł": "л",
    "m": "м",
    "n": "н",
    "ń": "нь",
    "o": "о",
    "p": "п",
    "r": "р",
    "s": "с",
    "ś": "сь",
    "š": "ш",
    "t": "т",
    "u": "у",
    "ŭ": "ў",
    "v": "в",
    "w": "в",
    "y": "ы",
    "z": "з",
    "ź": "зь",
    "ž": "ж",
    "x": "кс",
    "q": "к",
    "ḫ": "х",
}
_VOWELS = set("aeiouy")
_ASCII_DIGRAPHS = (("shch", "šč"), ("sh", "š"), ("zh", "ž"), ("ch", "č"), ("kh", "ḫ"), ("w", "ŭ"))


def _lacinka_word(word: str, ascii_digraphs: bool) -> str:
    lower = word.lower().replace("’", "'")
    if ascii_digraphs:
        for digraph, letter in _ASCII_DIGRAPHS:
            lower = lower.replace(digraph, letter)
    else:
        lower = lower.replace("ch", "ḫ")
    out: list[str] = []
    i = 0
    while i < len(lower):
        ch = lower[i]
        nxt = lower[i + 1] if i + 1 < len(lower) else ""
        previous = lower[i - 1] if i else ""
        if ch == "j" and nxt in _IOTATED and (not previous or previous in _VOWELS or previous in "'ŭ"):
            out.append(_IOTATED[nxt])
            i += 2
            continue
        if ch == "j" and nxt in _IOTATED:  # consonant + j + vowel: the separating apostrophe
            out.append("'" + _IOTATED[nxt])
            i += 2
            continue
        if ch == "i" and nxt in ("a", "e", "o", "u") and previous and previous not in _VOWELS:
            out.append(_IOTATED[nxt])
            i += 2
            continue
        if ascii_digraphs and ch == "u" and previous in _VOWELS:
            out.append("ў")  # typed Belarusian has no ŭ: "poudzien" is поўдзень
            i += 1
            continue
        if ascii_digraphs and ch == "l":
            out.append("л")  # typed Belarusian has no ł: "l" is hard, "li"/"lj" + vowel soft
            i += 1
            continue
        if ch == "l":
            if nxt in ("a", "e", "o", "u"):
                out.append("л" + _IOTATED[nxt])
                i += 2
                continue
            out.append("л" if nxt == "i" else "ль")
        elif ch == "'":
            out.append("'")
        else:
            out.append(_PLAIN.get(ch, ch))
        i += 1
    text = "".join(out)
    return (
        text.capitalize()
        if word[:1].isupper() and not word.isupper()
        else (text.upper() if word.isupper() and len(word) > 1 else text)
    )


def lacinka_to_cyrillic(text: str, ascii_digraphs: bool = False) -> str:
    """Belarusian łacinka (or plain-ASCII Belarusian with ``ascii_digraphs``) in Cyrillic letters."""
    return _LATIN_WORD.sub(lambda m: _lacinka_word(m.group(), ascii_digraphs), text)


def _lacinka_reading(word: str, material_knows: Callable[[str, str], bool]) -> str:
    """One łacinka word; a plain "l" read hard ("ł") where only that reading is a known word.

    Writers mix the two: "Biełaruś" with its "ł", then "hlabalnuju", "ŭklad"
    typed without it, where łacinka's soft "la" would give "глябальную".
    """
    proper = _lacinka_word(word, ascii_digraphs=False)
    if "l" not in word.lower() or material_knows(proper.lower(), "be"):
        return proper
    hard = _lacinka_word(word.replace("l", "ł").replace("L", "Ł"), ascii_digraphs=False)
    return hard if material_knows(hard.lower(), "be") else proper


def _lacinka_text(text: str, material_knows: Callable[[str, str], bool]) -> str:
    return _LATIN_WORD.sub(lambda match: _lacinka_reading(match.group(), material_knows), text)


def _known_share(words: list[str], known: Callable[[str], bool]) -> int:
    return sum(1 for word in words if len(word) >= MIN_WORD and known(word))


def _russian_known(word: str, material_knows: Callable[[str, str], bool]) -> bool:
    return russian_word_known(word) or material_knows(word, "ru")


# Informal spellings of "ц" that cyrtranslit's table reads otherwise: "c" (not in
# "ch") and "ts"/"tc" ("turcii", "turtsii" -> "турции"; cyrtranslit gives "туркии",
# "туртсии"). Both are ambiguous ("sovetskiy" is "советский", "konsul" keeps its
# "к"), so a variant is taken only where the dictionary knows it and the plain
# reading is unknown.
_TSE_SPELLINGS = (re.compile(r"c(?!h)"), re.compile(r"t[sc](?!h)"))
# "й" typed as "i" after a vowel ("kitai", "shveicarii", "sait"; cyrtranslit gives "китаи",
# "швеикарии", "саит"): also taken only where the dictionary knows the word, and it may
# come with a "ц" spelling ("shveicarii" -> "швейцарии").
_SHORT_I_SPELLING = re.compile(r"(?<=[aeouy])i(?=[^aeiouy]|$)")
# "ia", "iu" after a consonant for "я", "ю" (Polish-style: "biala" is Бяла, cyrtranslit "биала").
_SOFT_VOWEL_SPELLINGS = (
    (re.compile(r"(?<=[bcdfghklmnprstvz])ia"), "ya"),
    (re.compile(r"(?<=[bcdfghklmnprstvz])iu"), "yu"),
)
# A word-initial "e" for "э" ("ekonomika", "eksport"; cyrtranslit gives "е"), and the
# pronoun "eto"/"etot" whose "ето" reading pymorphy3 also knows (a rare dialect form), so
# the dictionary test alone would keep it.
_INITIAL_E_SPELLING = re.compile(r"^e")
_E_PRONOUN = re.compile(r"^et(?:o|ot|a|i|om|ogo|oy|oi|ih|ix|im|u)$")
# "shch"/"sch" for "щ" ("obshchie", "obschie"; cyrtranslit gives "обшчие", "обсчие"), taken
# where the dictionary knows the word ("rasschet" keeps its "сч").
_SHCHA_SPELLING = re.compile(r"s?shch|sch")
_SPELLINGS = (
    (_SHCHA_SPELLING, "щ"),
    (_INITIAL_E_SPELLING, "э"),
    (_TSE_SPELLINGS[0], "ц"),
    (_TSE_SPELLINGS[1], "ц"),
    (_SHORT_I_SPELLING, "j"),
    *_SOFT_VOWEL_SPELLINGS,
)


def _spelling_variants(word: str) -> list[str]:
    """The word with each combination of the informal spellings above read otherwise, fewest first."""
    variants = [word]
    for pattern, letter in _SPELLINGS:
        variants += [pattern.sub(letter, v) for v in variants if pattern.search(v)]
    return list(dict.fromkeys(variants[1:]))


def _russian_reading(word: str, material_knows: Callable[[str, str], bool]) -> str:
    """The Cyrillic of one Latin-typed Russian word: cyrtranslit's, or a known variant of it ("ц", "й")."""
    if _E_PRONOUN.match(word.lower()):
        return str(cyrtranslit.to_cyrillic("э" + word[1:], "ru"))
    plain = str(cyrtranslit.to_cyrillic(word, "ru"))
    if _russian_known(plain.lower(), material_knows):
        return plain
    for spelling in _spelling_variants(word.lower()):
        variant = str(cyrtranslit.to_cyrillic(spelling, "ru"))
        if _russian_known(variant.lower(), material_knows):
            return variant
    return plain


def _russian_text(text: str, material_knows: Callable[[str, str], bool]) -> str:
    return _LATIN_WORD.sub(lambda match: _russian_reading(match.group(0), material_knows), text)


def latin_to_cyrillic(text: str, material_knows: Callable[[str, str], bool]) -> Transliteration | None:
    """The Russian or Belarusian reading of a Latin-script ``text``, or None when it reads as English.

    Args:
        text: the cleaned question.
        material_knows: whether a (Cyrillic, lowercase) word of a language
            ("ru" or "be") is one the material, the question bank or the
            mission names use ("одкб", "адносіны").
    """
    if not _ANY_LATIN.search(text) or _ANY_CYRILLIC.search(text):
        return None
    latin_words = [w.lower() for w in _LATIN_WORD.findall(text) if not (w.isupper() and len(w) > 1)]
    if not latin_words:
        return None
    if _LACINKA_LETTERS.search(text):
        return Transliteration(_lacinka_text(text, material_knows), "be")
    # An everyday English word counts for English only ("consulate" is also a
    # Russian word form once transliterated, "консулате"); any other word counts
    # for each reading whose dictionary knows it.
    english = common_english_words()
    long_words = [w.strip("'’") for w in latin_words if len(w.strip("'’")) >= MIN_WORD]
    english_known = sum(1 for w in long_words if w in english)
    english_known += sum(1 for w in latin_words if w in _ENGLISH_FUNCTION_WORDS)
    other = [w for w in long_words if w not in english]
    russian_known = sum(
        1 for w in other if _russian_known(_russian_reading(w, material_knows).lower(), material_knows)
    )
    russian_known += sum(1 for w in latin_words if w in _RUSSIAN_FUNCTION_WORDS)
    belarusian_known_count = sum(
        1 for w in other if material_knows(lacinka_to_cyrillic(w, ascii_digraphs=True).lower(), "be")
    )
    belarusian_known_count += sum(1 for w in latin_words if w in _BELARUSIAN_FUNCTION_WORDS)
    best = max(russian_known, belarusian_known_count)
    if best <= english_known:
        return None
    if belarusian_known_count > russian_known:
        return Transliteration(lacinka_to_cyrillic(text, ascii_digraphs=True), "be")
    return Transliteration(_russian_text(text, material_knows), "ru")
