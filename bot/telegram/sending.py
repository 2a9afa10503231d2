"""Send Telegram-HTML replies: split to fit, threaded, with a narrow plain-text fallback."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ChatAction, ChatType, ParseMode
from telegram.error import BadRequest, TelegramError

from bot.rendering import html_to_text, split_html

log = logging.getLogger(__name__)

# Replies carry source links; a preview card of the ministry's home page under
# every quote would push the quote itself off the screen.
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass(frozen=True)
class ReplyTarget:
    """Where a reply goes: the chat, its forum topic, and the message it answers.

    ``chat_type`` is Telegram's ``Chat.type`` ("private", "group", ...) when
    known: the question log records it and feedback buttons go to private chats only.
    """

    chat_id: int
    thread_id: int | None = None
    quote_message_id: int | None = None
    chat_type: str | None = None

    @classmethod
    def replying_to(cls, message: Message) -> ReplyTarget:
        """Reply in ``message``'s chat and topic; quote it in groups, where many people talk."""
        thread_id = message.message_thread_id if message.is_topic_message else None
        quote = None if message.chat.type == ChatType.PRIVATE else message.message_id
        return cls(message.chat.id, thread_id, quote, message.chat.type)


async def send_html(
    bot: Bot, target: ReplyTarget, text_html: str, reply_markup: InlineKeyboardMarkup | None = None
) -> list[Message]:
    """Send ``text_html`` as one or more messages of at most 4,096 characters.

    Only the first part quotes the asker's message (the rest follow it in the
    same topic); the keyboard goes under the last part, where the reader ends.
    """
    parts = split_html(text_html)
    sent = []
    for number, part in enumerate(parts):
        quote = target.quote_message_id if number == 0 else None
        markup = reply_markup if number == len(parts) - 1 else None
        sent.append(await _send_part(bot, target, part, quote, markup))
    return sent


async def _send_part(
    bot: Bot,
    target: ReplyTarget,
    part: str,
    quote: int | None,
    markup: InlineKeyboardMarkup | None,
) -> Message:
    reply = ReplyParameters(quote, allow_sending_without_reply=True) if quote else None
    try:
        return await bot.send_message(
            target.chat_id,
            part,
            parse_mode=ParseMode.HTML,
            message_thread_id=target.thread_id,
            reply_parameters=reply,
            reply_markup=markup,
            link_preview_options=NO_PREVIEW,
        )
    except BadRequest as exc:
        # Only malformed markup is ours to repair; every other refusal is a real error.
        if "can't parse entities" not in exc.message.lower():
            raise
        log.warning("Telegram refused our HTML (%s); sending the part as plain text", exc.message)
        return await bot.send_message(
            target.chat_id,
            html_to_text(part),
            parse_mode=None,
            message_thread_id=target.thread_id,
            reply_parameters=reply,
            reply_markup=markup,
            link_preview_options=NO_PREVIEW,
        )


async def send_typing(bot: Bot, target: ReplyTarget) -> None:
    """Show "typing…" while the answer is prepared; a failure here must not cost the answer."""
    try:
        await bot.send_chat_action(target.chat_id, ChatAction.TYPING, message_thread_id=target.thread_id)
    except TelegramError as exc:  # cosmetic: the reply itself still goes out
        log.info("could not send the typing action: %s", exc)
