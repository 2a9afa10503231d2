"""Which language the bot speaks to a user: their /lang choice, else what Telegram says.

The rule (issue 5), for the interface (buttons, help, hints, command replies):
the language the user chose with /lang; else their Telegram language if it is
served; else English.

For answers the question's own text comes first: a question clearly written
in English, Russian or Belarusian is answered in that language, whatever was
chosen, because that is the language the asker just used. Only when the text
does not decide (a name, an abbreviation, digits, one word both Cyrillic
languages share) does the choice settle it, before the Telegram language:
``language_hint`` is what the engine's detector falls back to.

The choice is kept in the bot's store (``bot.storage.preferences``), reached
through the typed ``context.bot_data.preferences``: one store per running
Application, read on every update so replicas agree, and nothing module-global.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import User

from bot.i18n import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from bot.storage import UserPreferences, UserPreferencesError
from bot.telegram.context import BotContext
from corpus import served_language_or_default

__all__ = [
    "DEFAULT_LANGUAGE",
    "SUPPORTED_LANGUAGES",
    "UserLanguages",
    "chosen_language",
    "language_hint",
    "preferences_of",
    "preferred_language",
    "supported_or_default",
    "ui_language",
    "user_languages",
]

log = logging.getLogger(__name__)


supported_or_default = served_language_or_default  # the old name, used across the adapter


def preferences_of(context: BotContext) -> UserPreferences | None:
    """The preferences the Application opened in ``post_init``, if any."""
    return context.bot_data.preferences


def chosen_language(context: BotContext, user: User | None) -> str | None:
    """The language ``user`` chose with /lang, or None (no choice, no store, or the store failed).

    A failing database must not cost a reply: the error is logged and the
    user is served as if they had not chosen.
    """
    store = preferences_of(context)
    if user is None or store is None:
        return None
    try:
        return store.language_of(user.id)
    except UserPreferencesError as exc:
        log.warning("cannot read a user's language choice: %s", exc)
        return None


def ui_language(context: BotContext, user: User | None) -> str:
    """The language of the interface for ``user``: their /lang choice, their Telegram language, English."""
    return chosen_language(context, user) or supported_or_default(user.language_code if user else None)


def preferred_language(context: BotContext, user: User | None) -> str | None:
    """The language ``user`` chose with /lang in this bot, or None."""
    return chosen_language(context, user)


def language_hint(context: BotContext, user: User | None) -> str | None:
    """What the engine falls back to when a question's text does not show its language.

    The /lang choice, else the user's Telegram ``language_code`` (the detector
    maps and checks it); pass it as ``Engine.answer(..., user_language_code=)``.
    """
    return preferred_language(context, user) or (user.language_code if user else None)


@dataclass(frozen=True)
class UserLanguages:
    """Both languages a question needs: the engine's fallback (``language_hint``) and the interface's."""

    hint: str | None
    interface: str


def user_languages(context: BotContext, user: User | None) -> UserLanguages:
    """``language_hint`` and ``ui_language`` of ``user`` from one read of their /lang choice.

    Every question needs both, and the choice lives in the database: one read instead of two.
    """
    chosen = chosen_language(context, user)
    telegram_code = user.language_code if user else None
    return UserLanguages(chosen or telegram_code, chosen or supported_or_default(telegram_code))
