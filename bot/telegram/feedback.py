"""Feedback buttons under private-chat answers: helpful, not helpful, outdated.

A button carries the question's row id in the log and a one-letter rating
("fb:1234:h"), far inside Telegram's 64 bytes; row ids are never reused, so an
old button can never rate a newer question. Pressing one stores the rating
(the last press wins), answers the press with a short thank-you and marks the
chosen button with a check, keeping every other row of the keyboard (mission
and "original" buttons) as it was.

Buttons go under answers only: a decline ("not covered") is already counted
by ``/unanswered``, and rating a refusal "outdated" would mean nothing.
"""

from __future__ import annotations

import logging
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot.i18n import t
from bot.pressdesk import Feedback, QuestionLogError
from bot.telegram.context import BotContext
from bot.telegram.languages import ui_language

log = logging.getLogger(__name__)

FEEDBACK_PREFIX = "fb"
FEEDBACK_PATTERN = re.compile(rf"^{FEEDBACK_PREFIX}:(\d{{1,19}}):([hno])$")
FEEDBACK_CODES: dict[str, Feedback] = {
    "h": Feedback.HELPFUL,
    "n": Feedback.NOT_HELPFUL,
    "o": Feedback.OUTDATED,
}
_CODE_OF = {feedback: code for code, feedback in FEEDBACK_CODES.items()}


def feedback_callback_data(row_id: int, feedback: Feedback) -> str:
    """The callback data of the button rating question ``row_id`` with ``feedback``."""
    return f"{FEEDBACK_PREFIX}:{row_id}:{_CODE_OF[feedback]}"


def feedback_row(row_id: int, lang: str, chosen: Feedback | None = None) -> list[InlineKeyboardButton]:
    """The three rating buttons for question ``row_id``; ``chosen`` is shown with a check."""
    row = []
    for feedback in FEEDBACK_CODES.values():
        label = t(lang, f"press.feedback.{feedback.value}")
        if feedback is chosen:
            label = t(lang, "press.feedback.chosen", label=label)
        row.append(InlineKeyboardButton(label, callback_data=feedback_callback_data(row_id, feedback)))
    return row


def _is_feedback_row(row: tuple[InlineKeyboardButton, ...] | list[InlineKeyboardButton]) -> bool:
    return any(
        isinstance(button.callback_data, str) and FEEDBACK_PATTERN.match(button.callback_data)
        for button in row
    )


def with_feedback_chosen(
    markup: InlineKeyboardMarkup | None, row_id: int, lang: str, chosen: Feedback
) -> InlineKeyboardMarkup:
    """``markup`` with its rating row redrawn to show ``chosen``; other rows unchanged."""
    rows = [list(row) for row in markup.inline_keyboard] if markup else []
    redrawn = feedback_row(row_id, lang, chosen)
    if not any(_is_feedback_row(row) for row in rows):
        return InlineKeyboardMarkup([*rows, redrawn])
    return InlineKeyboardMarkup([redrawn if _is_feedback_row(row) else row for row in rows])


def _store(context: BotContext, row_id: int, user_id: int, feedback: Feedback) -> str:
    """Store the rating and return the acknowledgement's message key."""
    question_log = context.bot_data.question_log
    if question_log is None:
        return "press.feedback.failed"
    try:
        stored = question_log.set_feedback(row_id, user_id, feedback)  # one UPDATE: fast enough here
    except QuestionLogError as exc:
        log.error("could not store feedback on question %d: %s", row_id, exc)
        return "press.feedback.failed"
    return "press.feedback.thanks" if stored else "press.feedback.expired"


async def answer_feedback_button(update: Update, context: BotContext) -> None:
    """Store the rating of the pressed button, thank the presser and mark their choice."""
    query = update.callback_query
    if query is None or query.data is None:
        return
    match = FEEDBACK_PATTERN.match(query.data)
    if match is None:
        await query.answer()
        return
    row_id, feedback = int(match.group(1)), FEEDBACK_CODES[match.group(2)]
    lang = ui_language(context, query.from_user)
    key = _store(context, row_id, query.from_user.id, feedback)
    await query.answer(t(lang, key))
    message = query.message
    if key != "press.feedback.thanks" or not isinstance(message, Message):
        return  # nothing stored, or the message is too old to edit
    try:
        await query.edit_message_reply_markup(
            with_feedback_chosen(message.reply_markup, row_id, lang, feedback)
        )
    except BadRequest as exc:
        # Pressing the already chosen button again changes nothing, which Telegram refuses.
        if "message is not modified" not in exc.message.lower():
            raise
