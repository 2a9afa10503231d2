"""Group chats: which messages are addressed to the bot; the rest is ignored.

A message is addressed to the bot when it mentions the bot (``@name`` or a
text mention) or replies to one of the bot's messages; ``/ask`` is handled by
the command handler. Everything else in a group is none of the bot's business
and never reaches the engine (or a log).
"""

from __future__ import annotations

from telegram import Message, MessageEntity
from telegram.ext import filters


def _mentions_bot(message: Message) -> bool:
    bot = message.get_bot()
    username = f"@{bot.username}".lower()
    for entity, text in message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION]).items():
        if entity.type == MessageEntity.MENTION and text.lower() == username:
            return True
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot.id:
            return True
    return False


def _replies_to_bot(message: Message) -> bool:
    replied = message.reply_to_message
    return bool(replied and replied.from_user and replied.from_user.id == message.get_bot().id)


class _AddressedToBot(filters.MessageFilter):
    """Messages that mention the bot or reply to one of its messages."""

    def filter(self, message: Message) -> bool:
        return _replies_to_bot(message) or _mentions_bot(message)


ADDRESSED_TO_BOT = _AddressedToBot(name="ADDRESSED_TO_BOT")
