"""The one error handler: log the traceback, apologise briefly, keep running.

python-telegram-bot's ``examples/errorhandlerbot.py`` sends the traceback to a
developer chat; here the traceback goes to the log only — users get a short
apology and never a stack trace, and the log never carries the update's text.
"""

from __future__ import annotations

import logging
from html import escape

from telegram import Message, Update
from telegram.error import TelegramError

from bot.i18n import t
from bot.telegram.context import BotContext
from bot.telegram.languages import ui_language
from bot.telegram.sending import ReplyTarget, send_html

log = logging.getLogger(__name__)


async def apologise_for_error(update: object, context: BotContext) -> None:
    """Log the error with its traceback and send the user a short apology."""
    update_id = update.update_id if isinstance(update, Update) else None
    log.error("error while handling update %s", update_id, exc_info=context.error)
    if not isinstance(update, Update):
        return
    message = update.effective_message
    if not isinstance(message, Message):
        return  # inline queries and inaccessible messages have nowhere to apologise
    apology = t(ui_language(context, update.effective_user), "telegram.apology")
    try:
        await send_html(context.bot, ReplyTarget.replying_to(message), escape(apology))
    except TelegramError as exc:  # e.g. the user blocked the bot: nothing more to do
        log.warning("could not send the apology for update %s: %s", update_id, exc)
