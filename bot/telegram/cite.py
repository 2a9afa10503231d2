"""``/cite question``: the answer as copy-ready plain text with full citations, for letters.

Anyone may use it (press staff mostly). The reply has no buttons and no
formatting: only the verbatim quote and "Source: title. Publisher, date. URL",
escaped for Telegram so that pasting gives back exactly the text
(``bot.rendering.citation``). The question takes the same path as any other
(``asking.answer_question``), so it is rate-limited and logged alike.
"""

from __future__ import annotations

from telegram import Update

from bot.telegram.arguments import command_argument
from bot.telegram.asking import answer_question
from bot.telegram.context import BotContext
from bot.telegram.sending import ReplyTarget


async def cite_command(update: Update, context: BotContext) -> None:
    """Answer the question after /cite as plain text with full citations."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    question = command_argument(update)
    await answer_question(
        context, ReplyTarget.replying_to(message), update.effective_user, question, citation=True
    )
