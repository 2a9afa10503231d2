"""Which of the served languages (English, Russian, Belarusian) a question is written in.

The order of evidence, strongest first:

1. **Script.** Latin letters mean English (the only Latin-script language
   served); Cyrillic means Russian or Belarusian.
2. **Spellings only one of the two uses.** ``ў`` and ``і`` (and an apostrophe
   between Cyrillic letters, ``сям’я``) are Belarusian; ``и``, ``щ``, ``ъ`` are
   Russian and rule Belarusian out. So do a few endings (``-ць``/``-ть``) and
   function words (``з``/``с``, ``што``/``что``), and for chat Belarusian typed
   without ``і``/``ў`` ("добры вечар", "навошта нам еаэс"): ``жы``/``шы``/``чы``,
   ``дз`` outside под-/над-, ``цц`` and a few everyday words (kept because it
   helped: dev reply language be 0.987 -> 0.994, 2026-12-02). This settles even one-word
   questions ("Кітай" / "Китай") that statistical detectors get wrong: lingua
   calls "Беларусь в ОДКБ" Belarusian with 0.84 confidence.
3. **The detector.** lingua-language-detector, restricted to the three
   languages, weighs Cyrillic text that carries both kinds of marks (a quoted
   name) or neither, when it is a real phrase and lingua is sure (≥ 0.9 of the
   Russian+Belarusian confidence; below that it errs on phrases like
   "Дальняя дуга").
4. **The user's Telegram language** (``ru``, ``be-BY``...; others such as
   ``uk`` are not served), when the text does not decide: digits, emoji,
   abbreviations ("ЕАЭС?", "USA"), a single word both languages share.
5. **The default** (English), or Russian for Cyrillic text, since Russian is
   what most people in Belarus write and the script already rules English out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from corpus import CYRILLIC_LETTER, SERVED_LANGUAGES, served_language

__all__ = [
    "SERVED_LANGUAGES",
    "LanguageDecision",
    "detect_language",
    "detect_language_details",
    "served_language",
]

CYRILLIC_FALLBACK = "ru"
# lingua's confidence needed to decide Cyrillic text that lacks telling letters.
DETECTOR_MIN_CONFIDENCE = 0.9

DecidedBy = Literal["script", "detector", "user", "default"]

_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[a-zA-Z\u00C0-\u024F]")
_WORD = re.compile(r"[^\W\d_]+")
# What only Belarusian writes: the letters і and ў; a separating apostrophe
# (аб'ява, сям’я); a Latin "i" inside a Cyrillic word (the Belarusian "і" on a
# Latin layout); "-ць"/"-цца" verb endings; function words Russian lacks.
_BELARUSIAN_MARK = re.compile(
    r"[іўІЎ]"
    r"|(?<=[\u0400-\u04FF])['’ʼ](?=[\u0400-\u04FF])"
    r"|(?<=[\u0400-\u04FF])[iI]|[iI](?=[\u0400-\u04FF])"
    r"|\B(?:ць|цца)\b"
    r"|\b(?:з|як|што|дзе|гэта|ці|ды|але|яго|таксама)\b"
    # Chat Belarusian that lacks і/ў ("добры вечар", "навошта нам еаэс"): жы/шы/чы
    # (Russian spells жи/ши and never чы), дз outside the prefixes под-/над-/раз-,
    # the doubled цц, and everyday words Russian spells otherwise.
    r"|[жшчЖШЧ]ы|(?<![оаеОАЕ])дз|цц"
    r"|\b(?:вечар|добры|наконт|навошта|чаму|таму|вельмі|трэба|можна|няма|пра|праз|каля|сябар|сябры|кажа|кажуць|наогул|пытанне)\b"
    r"|\b(?:ЗША|СНД|АДКБ|ААН|МЗС|ЕЎ|НАТА|ШАС)\b",  # abbreviations only Belarusian spells so
    re.IGNORECASE,
)
# What only Russian writes: и, щ, ъ; "-ть"/"-ться"/"-тся"; the prepositions в
# and с (Belarusian has у/ў and з) and common words spelled otherwise in Belarusian.
_RUSSIAN_MARK = re.compile(
    r"[ищъИЩЪ]"
    r"|\B(?:ть|ться|тся)\b"
    r"|\b(?:в|во|с|со|что|как|где|это|когда|его|ее|её|чем|кто)\b"
    r"|\b(?:США|СНГ|ОДКБ|ООН|МИД|ШОС)\b",  # abbreviations only Russian spells so
    re.IGNORECASE,
)

_LINGUA_CODES = {Language.ENGLISH: "en", Language.RUSSIAN: "ru", Language.BELARUSIAN: "be"}


@dataclass(frozen=True)
class LanguageDecision:
    """The language chosen for a text and what settled it."""

    lang: str
    decided_by: DecidedBy


@cache
def _detector() -> LanguageDetector:
    # Built on the first question that needs it (``cache``): the three models load
    # together then, about half a second once, instead of piecemeal on later questions.
    return LanguageDetectorBuilder.from_languages(*_LINGUA_CODES).with_preloaded_language_models().build()


def load_language_models() -> None:
    """Load lingua's models now (``Engine.warm``) rather than on the first question that needs them."""
    _detector()


def _detector_choice(text: str, candidates: tuple[str, ...]) -> tuple[str, float]:
    """lingua's best language among ``candidates`` and its share of their confidence."""
    values = {
        _LINGUA_CODES[item.language]: item.value
        for item in _detector().compute_language_confidence_values(text)
    }
    total = sum(values.get(lang, 0.0) for lang in candidates) or 1.0
    best = max(candidates, key=lambda lang: values.get(lang, 0.0))
    return best, values.get(best, 0.0) / total


def _is_phrase(text: str) -> bool:
    """True when the text has two or more real words (not abbreviations) to judge by."""
    words = [w for w in _WORD.findall(text) if len(w) >= 2 and not w.isupper()]
    return len(words) >= 2


def _only_abbreviations(text: str) -> bool:
    return all(word.isupper() for word in _WORD.findall(text))


def _fallback(candidates: tuple[str, ...], user: str | None, default: str) -> LanguageDecision:
    if user in candidates:
        return LanguageDecision(user, "user")
    if default in candidates:
        return LanguageDecision(default, "default")
    return LanguageDecision(
        CYRILLIC_FALLBACK if CYRILLIC_FALLBACK in candidates else candidates[0], "default"
    )


def detect_language_details(
    text: str, user_language_code: str | None = None, default: str = "en"
) -> LanguageDecision:
    """Decide the language of ``text`` and say what decided it.

    Args:
        text: the question as the user typed it.
        user_language_code: the user's Telegram ``language_code``, if known.
        default: the language when neither the text nor the user decides.

    Returns:
        A ``LanguageDecision`` whose ``lang`` is one of ``SERVED_LANGUAGES``.
    """
    user = served_language(user_language_code)
    fallback_default = default if default in SERVED_LANGUAGES else "en"
    letters = _LETTER.findall(text)
    cyrillic = sum(1 for ch in letters if CYRILLIC_LETTER.match(ch))
    latin = sum(1 for ch in letters if _LATIN_LETTER.match(ch))
    if not cyrillic and not latin:
        return _fallback(SERVED_LANGUAGES, user, fallback_default)
    if latin > cyrillic:
        if _only_abbreviations(text):  # "USA", "EU?": a Russian speaker may type these too
            return _fallback(SERVED_LANGUAGES, user, fallback_default)
        return LanguageDecision("en", "script")
    belarusian = bool(_BELARUSIAN_MARK.search(text))
    russian = bool(_RUSSIAN_MARK.search(text))
    if belarusian != russian:
        return LanguageDecision("be" if belarusian else "ru", "script")
    candidates = ("ru", "be")
    if belarusian and russian:  # a quoted name, or Ukrainian: let the detector weigh it
        return LanguageDecision(_detector_choice(text, candidates)[0], "detector")
    if _is_phrase(text):
        best, confidence = _detector_choice(text, candidates)
        if confidence >= DETECTOR_MIN_CONFIDENCE:
            return LanguageDecision(best, "detector")
    return _fallback(candidates, user, fallback_default)


def detect_language(text: str, user_language_code: str | None = None, default: str = "en") -> str:
    """Return "en", "ru" or "be" for ``text`` (see ``detect_language_details``)."""
    return detect_language_details(text, user_language_code, default).lang
