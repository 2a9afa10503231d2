"""The language of a whole document, and whether the bot serves it.

Not ``bot.answering.language``: that one decides short questions among the
three served languages only (and may lean on the user's Telegram language),
while a document is long and may be in any language, so the question here
is also "is it one we serve at all?". lingua-language-detector (the detector
the bot already uses, accurate on long text) chooses among the served
languages and their neighbours a ministry publishes in; a text in a
neighbour's language is refused rather than filed under a served one
(a Ukrainian page must not become "Russian").
"""

from __future__ import annotations

from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from corpus import SERVED_LANGUAGES
from corpus.ingest.errors import UnservedLanguageError

_CANDIDATES = (
    Language.ENGLISH,
    Language.RUSSIAN,
    Language.BELARUSIAN,
    Language.UKRAINIAN,
    Language.POLISH,
    Language.LITHUANIAN,
    Language.LATVIAN,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
    Language.ITALIAN,
    Language.CHINESE,
    Language.TURKISH,
    Language.KAZAKH,
    Language.BULGARIAN,
    Language.SERBIAN,
)
# Enough text for a confident decision; longer texts only cost time.
_SAMPLE_CHARS = 4000


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_CANDIDATES).build()


def detect_document_language(text: str) -> str:
    """The ISO 639-1 code of the text's language, one of ``SERVED_LANGUAGES``.

    Raises:
        UnservedLanguageError: the text is in another language, or in none that can be told.
    """
    language = _detector().detect_language_of(text[:_SAMPLE_CHARS])
    if language is None:
        raise UnservedLanguageError("the language of the text cannot be told")
    code = language.iso_code_639_1.name.lower()
    if code not in SERVED_LANGUAGES:
        served = ", ".join(SERVED_LANGUAGES)
        raise UnservedLanguageError(f"the text is in {language.name.title()}; the bot serves {served} only")
    return code
