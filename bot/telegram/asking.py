"""The one path every question takes: limit, engine ("typing…" if slow), render, send.

Private messages, ``/ask``, ``/cite``, mentions, replies to the bot and
example buttons all end here, so they behave the same: each question that
reaches the engine is recorded in the question log here, and the answer's
buttons (mission cards, the English original, feedback) are put together here.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import re
from collections.abc import Callable
from concurrent.futures import Executor
from html import escape
from typing import TypeVar

from telegram import InlineKeyboardMarkup, Message, MessageEntity, Update, User

from bot.answering import Answer
from bot.i18n import t
from bot.pressdesk import ChatType
from bot.rendering import render_answer_html, render_citation_text
from bot.storage import StorageError, hash_user
from bot.telegram.answer_buttons import answer_keyboard_rows
from bot.telegram.context import BotContext
from bot.telegram.feedback import feedback_row
from bot.telegram.languages import DEFAULT_LANGUAGE, ui_language, user_languages
from bot.telegram.question_logging import chat_type_of, record_answer
from bot.telegram.sending import ReplyTarget, send_html, send_typing
from config import TRACE_LEVEL

log = logging.getLogger(__name__)

T = TypeVar("T")


async def run_blocking(pool: Executor | None, function: Callable[..., T], *args: object) -> T:
    """Run a blocking engine call in ``pool`` so the event loop keeps serving other updates."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(pool, functools.partial(function, *args))


async def with_typing_if_slow(context: BotContext, target: ReplyTarget, pending: asyncio.Future[T]) -> T:
    """Await ``pending``, showing "typing…" only if it is not ready within ``BOT_TYPING_AFTER_SECONDS``.

    Most answers take milliseconds: a typing action before each would double
    the requests a burst of questions costs and show nothing anyone could see.
    ``BOT_TYPING_AFTER_SECONDS=0`` shows it before every answer.
    """
    done, _ = await asyncio.wait({pending}, timeout=context.settings.typing_after_seconds)
    if not done:
        await send_typing(context.bot, target)
    return await pending


def user_tag(context: BotContext, user: User | None) -> str:
    """How log lines name a user: the start of their salted hash (as in the question log), never the id."""
    if user is None:
        return "unknown"
    return hash_user(user.id, context.settings.user_hash_salt.get_secret_value())[:12]


def without_bot_mention(text: str, bot_username: str) -> str:
    """The question with the bot's ``@name`` taken out ("@bot what is X?" -> "what is X?")."""
    pattern = re.compile(rf"@{re.escape(bot_username)}\b", re.IGNORECASE)
    return " ".join(pattern.sub(" ", text).split())


def without_text_mention(message: Message, bot_id: int) -> str:
    """The message text without a text mention of the bot ("MFA Answers, what is X?" -> "what is X?").

    A text mention shows the bot's display name, which is no part of the question
    (and, capitalised, would read as a name the material never uses).
    """
    text = message.text or ""
    for entity, shown in message.parse_entities([MessageEntity.TEXT_MENTION]).items():
        if entity.user is not None and entity.user.id == bot_id:
            text = text.replace(shown, " ", 1)
    return re.sub(r"^[\s,;:—–-]+", "", text)


def topics_in(context: BotContext, lang: str) -> list[str]:
    """The topics of the material in ``lang``, or in English when that language lists none."""
    return context.engine.topics(lang) or context.engine.topics(DEFAULT_LANGUAGE)


def answer_markup(
    answer: Answer, lang: str, row_id: int | None, chat_type: ChatType
) -> InlineKeyboardMarkup | None:
    """The keyboard under an answer: its own buttons, then feedback in private chats.

    Feedback needs the question's row id in the log; without it (a failed
    write) the answer goes out without rating buttons.
    """
    rows = answer_keyboard_rows(answer, lang)
    if answer.answered and row_id is not None and chat_type is ChatType.PRIVATE:
        rows.append(feedback_row(row_id, lang))
    return InlineKeyboardMarkup(rows) if rows else None


async def answer_question(
    context: BotContext,
    target: ReplyTarget,
    user: User | None,
    question: str,
    *,
    citation: bool = False,
) -> None:
    """Answer ``question`` from ``user`` at ``target``, unless they exceed their per-minute limit.

    An empty question (a bare ``/ask``, ``/cite`` or mention) gets a hint on how
    to ask. With ``citation`` (``/cite``) the reply is copy-ready plain text with
    full citations and no buttons.
    """
    if not question.strip():
        if citation:
            hint = t(ui_language(context, user), "press.cite.usage")
        else:
            hint = t(ui_language(context, user), "telegram.ask_usage", bot=context.bot.username)
        await send_html(context.bot, target, escape(hint))
        return
    if user is not None and not _within_limit(context, user.id):
        seconds = context.limiter.seconds_until_free(user.id)
        notice = t(ui_language(context, user), "telegram.rate_limited", seconds=seconds)
        await send_html(context.bot, target, escape(notice))
        return
    if log.isEnabledFor(TRACE_LEVEL):  # the operator opted in to question texts (BOT_LOG_LEVEL=TRACE)
        log.log(TRACE_LEVEL, "question from user %s: %r", user_tag(context, user), question)
    languages = user_languages(context, user)  # hint: the /lang choice, else the Telegram language
    engine = context.engine  # one engine for the whole reply, even if /reload swaps it meanwhile
    pending = asyncio.ensure_future(
        run_blocking(context.bot_data.question_pool, engine.answer, question, None, languages.hint)
    )
    answer = await with_typing_if_slow(context, target, pending)
    row_id = record_answer(context, answer, target, user)
    site = context.settings.official_site_url
    if citation:
        plain = render_citation_text(answer, site, engine.mission_lookup)
        await send_html(context.bot, target, escape(plain, quote=False))
        return
    markup = answer_markup(answer, languages.interface, row_id, chat_type_of(target))
    await send_html(
        context.bot,
        target,
        render_answer_html(answer, engine.options.official_site_url, engine.mission_lookup),
        markup,
    )


def _within_limit(context: BotContext, user_id: int) -> bool:
    """Count the question against the user's limit; a store that is down lets it through.

    The limit protects the bot from a loop of questions; losing a real question
    because the database blinked would be the worse failure.
    """
    try:
        return context.limiter.try_acquire(user_id)
    except StorageError as exc:
        log.warning("rate limit not checked, the database failed: %s", exc)
        return True


async def answer_message(update: Update, context: BotContext) -> None:
    """Answer a text question: any text in a private chat, an addressed message in a group."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    question = without_bot_mention(without_text_mention(message, context.bot.id), context.bot.username)
    await answer_question(context, ReplyTarget.replying_to(message), update.effective_user, question)
