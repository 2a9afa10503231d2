"""/lang: a user chooses English, Russian, Belarusian or "automatic"; the choice is kept in the bot's store.

What the choice changes is written down in ``bot.telegram.languages``: the
interface always, answers when a question's text does not show its language.
The command menu is not changed per user: Telegram shows it by the app's
language, and a chat-scoped menu would replace the admins' own menu
(``app.register_commands``).

The store is opened in ``post_init`` and closed in ``post_shutdown`` through
``open_preferences`` / ``close_preferences``, self-contained so ``app.py``
only calls them.
"""

from __future__ import annotations

import logging
import re
from html import escape

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode

from bot.i18n import SUPPORTED_LANGUAGES, t
from bot.storage import UserPreferences, UserPreferencesError
from bot.telegram.answer_buttons import acknowledge_press
from bot.telegram.context import BotApplication, BotContext, ServicesNotReadyError
from bot.telegram.languages import (
    preferences_of,
    preferred_language,
    ui_language,
)
from bot.telegram.sending import ReplyTarget, send_html

__all__ = [
    "AUTOMATIC",
    "LANGUAGE_PATTERN",
    "choose_language",
    "close_preferences",
    "lang_command",
    "language_keyboard",
    "menu_command",
    "open_preferences",
]

log = logging.getLogger(__name__)

AUTOMATIC = "auto"
LANGUAGE_PATTERN = re.compile(rf"^lang:({'|'.join(SUPPORTED_LANGUAGES)}|{AUTOMATIC})$")


def menu_command(lang: str) -> BotCommand:
    """The /lang entry of the command menu in ``lang``."""
    return BotCommand("lang", t(lang, "language.command"))


def language_keyboard(lang: str) -> InlineKeyboardMarkup:
    """Each language named in itself on one row; "automatic" (in ``lang``) below."""
    languages = [
        InlineKeyboardButton(t(code, "language_name"), callback_data=f"lang:{code}")
        for code in SUPPORTED_LANGUAGES
    ]
    automatic = InlineKeyboardButton(t(lang, "language.automatic"), callback_data=f"lang:{AUTOMATIC}")
    return InlineKeyboardMarkup([languages, [automatic]])


async def lang_command(update: Update, context: BotContext) -> None:
    """Offer the languages, saying which one is in use now."""
    message = update.effective_message
    if message is None:
        return
    user = update.effective_user
    lang = ui_language(context, user)
    chosen = preferred_language(context, user)
    current = t(chosen, "language_name") if chosen else t(lang, "language.automatic_described")
    text = escape(t(lang, "language.choose", current=current))
    await send_html(context.bot, ReplyTarget.replying_to(message), text, language_keyboard(lang))


async def choose_language(update: Update, context: BotContext) -> None:
    """Store the pressed language (or forget the choice) and confirm in the new language."""
    press = await acknowledge_press(update, LANGUAGE_PATTERN)
    if press is None:
        return
    user = press.user
    choice = None if press.match.group(1) == AUTOMATIC else press.match.group(1)
    stored = _stored(context, user.id, choice)
    lang = ui_language(context, user)  # the new choice once stored, or the Telegram language again
    if not stored:
        text = t(lang, "language.unavailable")
    elif choice:
        text = t(lang, "language.chosen", language=t(lang, "language_name"))
    else:
        text = t(lang, "language.chosen_automatic")
    await press.query.edit_message_text(escape(text), parse_mode=ParseMode.HTML)


def _stored(context: BotContext, user_id: int, choice: str | None) -> bool:
    """Store the choice; False (logged) when there is no open store or the write failed."""
    store = preferences_of(context)
    if store is None:
        log.warning("cannot store a language choice: the user preferences are not open")
        return False
    try:
        store.set_language(user_id, choice)
    except UserPreferencesError as exc:
        log.warning("cannot store a language choice: %s", exc)
        return False
    return True


def open_preferences(application: BotApplication) -> UserPreferences:
    """Open the preferences on the bot's store and keep them in the typed bot data (``post_init``)."""
    data = application.bot_data
    if data.settings is None or data.store is None:
        raise ServicesNotReadyError("post_init opens the store before the preferences")
    data.preferences = UserPreferences(data.store, data.settings.user_hash_salt.get_secret_value())
    return data.preferences


def close_preferences(application: BotApplication) -> None:
    """Close the preferences (``post_shutdown``); nothing to do when none were opened."""
    store, application.bot_data.preferences = application.bot_data.preferences, None
    if store is not None:
        store.close()
