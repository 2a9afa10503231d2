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

The choice is stored in SQLite (``bot.storage.preferences``). ``ui_language``
is called with only a ``User`` from many handlers, so the open store is
attached to the Application's bot, which every ``User`` of an update carries
(``user.get_bot()``): one store per running Application, nothing global shared
between two bots in one process.
"""

from __future__ import annotations

import logging

from telegram import Bot, User

from bot.i18n import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from bot.storage import UserPreferences, UserPreferencesError
from bot.telegram.context import BotContext

__all__ = [
    "DEFAULT_LANGUAGE",
    "SUPPORTED_LANGUAGES",
    "attach_preferences",
    "chosen_language",
    "detach_preferences",
    "language_hint",
    "preferences_of",
    "preferred_language",
    "supported_or_default",
    "ui_language",
]

log = logging.getLogger(__name__)

# id(bot) -> the preferences store its Application opened in post_init. Keyed by id: a
# Bot's hash changes once it has fetched its own user, and Bot has no room for attributes.
_STORES: dict[int, UserPreferences] = {}


def supported_or_default(code: str | None) -> str:
    """Map a language code such as ``ru-RU`` or ``be`` to a supported one, else English."""
    base = (code or "").lower().replace("_", "-").split("-")[0]
    return base if base in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


def attach_preferences(bot: Bot, preferences: UserPreferences) -> None:
    """Make ``preferences`` the store of the users ``bot`` talks to (in ``post_init``)."""
    _STORES[id(bot)] = preferences


def detach_preferences(bot: Bot) -> UserPreferences | None:
    """Forget the store of ``bot`` (in ``post_shutdown``) and return it for closing."""
    return _STORES.pop(id(bot), None)


def preferences_of(bot: Bot) -> UserPreferences | None:
    """The store attached to ``bot``, if its Application opened one."""
    return _STORES.get(id(bot))


def _bot_of(user: User) -> Bot | None:
    try:
        return user.get_bot()
    except RuntimeError:  # a User built by hand, not received in an update
        return None


def chosen_language(user: User | None, bot: Bot | None = None) -> str | None:
    """The language ``user`` chose with /lang, or None (no choice, no store, or the store failed).

    A failing database must not cost a reply: the error is logged and the
    user is served as if they had not chosen.
    """
    if user is None:
        return None
    bot = bot or _bot_of(user)
    store = preferences_of(bot) if bot is not None else None
    if store is None:
        return None
    try:
        return store.language_of(user.id)
    except UserPreferencesError as exc:
        log.warning("cannot read a user's language choice: %s", exc)
        return None


def ui_language(user: User | None) -> str:
    """The language of the interface for ``user``: their /lang choice, their Telegram language, English."""
    return chosen_language(user) or supported_or_default(user.language_code if user else None)


def preferred_language(context: BotContext, user: User | None) -> str | None:
    """The language ``user`` chose with /lang in this bot, or None."""
    return chosen_language(user, context.bot)


def language_hint(context: BotContext, user: User | None) -> str | None:
    """What the engine falls back to when a question's text does not show its language.

    The /lang choice, else the user's Telegram ``language_code`` (the detector
    maps and checks it); pass it as ``Engine.answer(..., user_language_code=)``.
    """
    return preferred_language(context, user) or (user.language_code if user else None)
