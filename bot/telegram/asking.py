"""The one path every question takes: limit, "typing…", engine, render, send.

Private messages, ``/ask``, mentions, replies to the bot and example buttons
all end here, so they behave the same and a later change (logging a question,
feedback buttons) has one place to go.
"""

from __future__ import annotations

import asyncio
import functools
import re
from collections.abc import Callable
from concurrent.futures import Executor
from html import escape
from typing import TypeVar

from telegram import Update, User

from bot.i18n import t
from bot.render_html import render_answer_html
from bot.telegram.context import BotContext
from bot.telegram.languages import DEFAULT_LANGUAGE, ui_language
from bot.telegram.sending import ReplyTarget, send_html, send_typing

T = TypeVar("T")


async def run_blocking(pool: Executor | None, function: Callable[..., T], *args: object) -> T:
    """Run a blocking engine call in ``pool`` so the event loop keeps serving other updates."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(pool, functools.partial(function, *args))


def without_bot_mention(text: str, bot_username: str) -> str:
    """The question with the bot's ``@name`` taken out ("@bot what is X?" -> "what is X?")."""
    pattern = re.compile(rf"@{re.escape(bot_username)}\b", re.IGNORECASE)
    return " ".join(pattern.sub(" ", text).split())


def topics_in(context: BotContext, lang: str) -> list[str]:
    """The topics of the material in ``lang``, or in English when that language lists none."""
    return context.engine.topics(lang) or context.engine.topics(DEFAULT_LANGUAGE)


async def answer_question(
    context: BotContext, target: ReplyTarget, user: User | None, question: str
) -> None:
    """Answer ``question`` from ``user`` at ``target``, unless they exceed their per-minute limit.

    An empty question (a bare ``/ask`` or a bare mention) gets a hint on how to ask.
    """
    if not question.strip():
        hint = t(ui_language(user), "telegram.ask_usage", bot=context.bot.username)
        await send_html(context.bot, target, escape(hint))
        return
    if user is not None and not context.limiter.try_acquire(user.id):
        seconds = context.limiter.seconds_until_free(user.id)
        notice = t(ui_language(user), "telegram.rate_limited", seconds=seconds)
        await send_html(context.bot, target, escape(notice))
        return
    await send_typing(context.bot, target)
    language_code = user.language_code if user else None
    answer = await run_blocking(
        context.bot_data.question_pool, context.engine.answer, question, None, language_code
    )
    await send_html(context.bot, target, render_answer_html(answer, context.settings.official_site_url))


async def answer_message(update: Update, context: BotContext) -> None:
    """Answer a text question: any text in a private chat, an addressed message in a group."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    question = without_bot_mention(message.text, context.bot.username)
    await answer_question(context, ReplyTarget.replying_to(message), update.effective_user, question)
