"""Private chats: hints for what is not a question (stickers, photos, unknown commands)."""

from __future__ import annotations

from html import escape

from telegram import Update

from bot.i18n import t
from bot.telegram.context import BotContext
from bot.telegram.languages import ui_language
from bot.telegram.sending import ReplyTarget, send_html


async def hint_text_only(update: Update, context: BotContext) -> None:
    """Tell the sender of a sticker, photo, voice or document that only text is answered."""
    await _hint(update, context, "telegram.text_only")


async def hint_unknown_command(update: Update, context: BotContext) -> None:
    """Point the sender of an unknown command to /help."""
    await _hint(update, context, "telegram.unknown_command")


async def _hint(update: Update, context: BotContext, key: str) -> None:
    message = update.effective_message
    if message is None:
        return
    text = t(ui_language(context, update.effective_user), key)
    await send_html(context.bot, ReplyTarget.replying_to(message), escape(text))
