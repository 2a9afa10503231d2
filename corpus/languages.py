"""The languages the material is written in and the bot serves, and how their script is told apart.

The one list: the index analyses these languages, the engine answers in them,
and the message catalogues (``bot.i18n``) exist for each. Adding a language
starts here (see CONTRIBUTING.md).
"""

from __future__ import annotations

import re

SERVED_LANGUAGES: tuple[str, ...] = ("en", "ru", "be")
DEFAULT_LANGUAGE = "en"
# One Cyrillic letter (the Unicode block U+0400-U+04FF holds Russian and Belarusian alike).
CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")


def served_language(code: str | None) -> str | None:
    """Map a language code ("ru", "be-BY", "en_US": Telegram's ``language_code``) to a served one, or None."""
    base = (code or "").strip().lower().replace("_", "-").split("-")[0]
    return base if base in SERVED_LANGUAGES else None


def served_language_or_default(code: str | None) -> str:
    """The served language a code names, else ``DEFAULT_LANGUAGE``."""
    return served_language(code) or DEFAULT_LANGUAGE


def has_cyrillic(text: str) -> bool:
    """Whether ``text`` has at least one Cyrillic letter."""
    return CYRILLIC_LETTER.search(text) is not None
