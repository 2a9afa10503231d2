"""Inline-keyboard buttons: pressing an example question under /start answers it.

The examples live in the message catalogue (``telegram.examples``), written
and translated with the rest of the interface; a test checks that the engine
answers each of them. ``callback_data`` is limited to 64 bytes by Telegram, so
a button carries the example's position and the interface language
("ex:1:be"), never the question itself.
"""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot.i18n import t
from bot.telegram.asking import answer_question
from bot.telegram.context import BotContext
from bot.telegram.languages import supported_or_default
from bot.telegram.sending import ReplyTarget

EXAMPLE_PATTERN = re.compile(r"^ex:(\d{1,2}):([a-z]{2})$")
EXAMPLE_KEYS = ("telegram.examples.q1", "telegram.examples.q2", "telegram.examples.q3")


def example_questions(lang: str) -> list[str]:
    """The example questions offered under /start, in ``lang``."""
    return [t(lang, key) for key in EXAMPLE_KEYS]


def example_callback_data(position: int, lang: str) -> str:
    """The callback data of the button for example question number ``position``."""
    return f"ex:{position}:{lang}"


def example_keyboard(questions: list[str], lang: str) -> InlineKeyboardMarkup:
    """One button per example question, one per row so long questions stay readable."""
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(q, callback_data=example_callback_data(n, lang))]
            for n, q in enumerate(questions)
        ]
    )


async def answer_example_button(update: Update, context: BotContext) -> None:
    """Answer the example question whose button was pressed."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    await query.answer()  # stop the button's spinner at once; the answer follows as a message
    match = EXAMPLE_PATTERN.match(query.data)
    if match is None or query.message is None:
        return
    position, lang = int(match.group(1)), supported_or_default(match.group(2))
    questions = example_questions(lang)
    if position >= len(questions):
        return  # a button from an older version of the bot
    message = query.message
    thread_id = (
        message.message_thread_id if isinstance(message, Message) and message.is_topic_message else None
    )
    target = ReplyTarget(message.chat.id, thread_id, chat_type=message.chat.type)
    await answer_question(context, target, query.from_user, questions[position])
