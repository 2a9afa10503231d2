"""Which language the bot's own words (buttons, help, hints) use for a user.

Answers choose their language from the question itself (the engine detects
it); the interface around them follows the user's Telegram language, falling
back to English, as issue 5 orders.
"""

from __future__ import annotations

from telegram import User

from bot.i18n import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES

__all__ = ["DEFAULT_LANGUAGE", "SUPPORTED_LANGUAGES", "supported_or_default", "ui_language"]


def supported_or_default(code: str | None) -> str:
    """Map a language code such as ``ru-RU`` or ``be`` to a supported one, else English."""
    base = (code or "").lower().replace("_", "-").split("-")[0]
    return base if base in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


def ui_language(user: User | None) -> str:
    """The language of the interface for ``user`` (their Telegram language, else English)."""
    return supported_or_default(user.language_code if user else None)
