"""The question log in the running bot: open, record, purge daily, record chosen inline results.

Only what reaches ``asking.answer_question`` is recorded: private messages,
``/ask``, ``/cite``, mentions and replies to the bot. Group messages not
addressed to the bot are filtered out before any handler runs
(``groups.ADDRESSED_TO_BOT``), so they never reach this module.

A failed write is logged and forgotten: the person asking still gets the
answer (``QuestionLog``'s contract), only without feedback buttons.

Inline feedback: Telegram sends a ``ChosenInlineResult`` when someone picks one
of the bot's inline results, but only after the bot's owner has turned inline
feedback on in @BotFather (``/setinlinefeedback``, then choose the bot and a
share; "100%" reports every choice). Without it ``record_chosen_inline_result``
is simply never called and ``/stats`` shows no inline choices.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Update, User

from bot.answering import Answer
from bot.curation import Curator
from bot.pressdesk import (
    PURGE_TIME_UTC,
    ChatType,
    CurationStore,
    QuestionLog,
    QuestionLogError,
    QuestionRecord,
    purge_expired_async,
)
from bot.storage import Store
from bot.telegram.context import BotApplication, BotContext, TelegramSetupError
from bot.telegram.metrics import observe_answer
from bot.telegram.sending import ReplyTarget
from config import DEFAULT_USER_HASH_SALT, Settings

log = logging.getLogger(__name__)

RETENTION_JOB_NAME = "question-log-retention"
_CHAT_TYPES = {ChatType.PRIVATE.value, ChatType.GROUP.value, ChatType.SUPERGROUP.value}


def open_question_log(store: Store, settings: Settings) -> QuestionLog:
    """The log on the bot's ``store``, salted with ``BOT_USER_HASH_SALT``."""
    salt = settings.user_hash_salt.get_secret_value()
    if salt == DEFAULT_USER_HASH_SALT:
        log.warning("BOT_USER_HASH_SALT is the default: set a long random secret in production")
    question_log = QuestionLog(store, salt)
    log.info("question log open in %s", store.description)
    return question_log


def chat_type_of(target: ReplyTarget) -> ChatType:
    """The chat type to record for a reply going to ``target``.

    Telegram's user ids (private chats) are positive and group ids negative,
    which settles the rare target built without a known type.
    """
    if target.chat_type in _CHAT_TYPES:
        return ChatType(target.chat_type)
    return ChatType.PRIVATE if target.chat_id > 0 else ChatType.GROUP


def record_answer(context: BotContext, answer: Answer, target: ReplyTarget, user: User | None) -> int | None:
    """Record one answered or declined question; return its row id, or None when not stored.

    A single insert takes well under a millisecond in WAL mode, so it runs on
    the event loop (see ``bot.pressdesk.log``).
    """
    observe_answer(answer)
    question_log = context.bot_data.question_log
    if question_log is None:
        return None
    record = QuestionRecord.from_answer(answer, chat_type_of(target), user.id if user else None)
    try:
        return question_log.record(record)
    except QuestionLogError as exc:
        log.error("could not record a question: %s", exc)
        return None


async def record_chosen_inline_result(update: Update, context: BotContext) -> None:
    """Record which inline result someone sent (needs /setinlinefeedback in @BotFather)."""
    chosen = update.chosen_inline_result
    question_log = context.bot_data.question_log
    if chosen is None or question_log is None:
        return
    try:
        question_log.record_inline_choice(chosen.result_id, chosen.query, chosen.from_user.id)
    except QuestionLogError as exc:
        log.error("could not record a chosen inline result: %s", exc)


async def _purge(question_log: QuestionLog, retention_days: int) -> None:
    try:
        await purge_expired_async(question_log, retention_days)
    except QuestionLogError as exc:
        log.error("question log retention failed, will retry at the next run: %s", exc)


async def purge_expired_questions(context: BotContext) -> None:
    """Delete logged questions, and the curation offers quoting them, older than ``BOT_RETENTION_DAYS``."""
    if context.bot_data.question_log is not None:
        await _purge(context.bot_data.question_log, context.settings.retention_days)
    if context.bot_data.curator is not None:
        try:
            store = context.bot_data.curator.store
            await asyncio.to_thread(store.purge_offers_older_than, context.settings.retention_days)
        except QuestionLogError as exc:
            log.error("curation offer retention failed, will retry at the next run: %s", exc)


async def start_retention(
    application: BotApplication, question_log: QuestionLog, retention_days: int
) -> None:
    """Purge once now, then daily at ``PURGE_TIME_UTC`` (call from ``post_init``).

    The purge at start catches up when the bot was down at the usual hour; it
    runs here rather than as a job because the job queue starts only after
    ``post_init``, and a one-off job overdue by more than a second is skipped.
    """
    job_queue = application.job_queue
    if job_queue is None:
        raise TelegramSetupError("the job queue is missing: install python-telegram-bot[job-queue]")
    await _purge(question_log, retention_days)
    job_queue.run_daily(purge_expired_questions, time=PURGE_TIME_UTC, name=RETENTION_JOB_NAME)


def open_curator(store: Store, settings: Settings) -> Curator:
    """The press desk's curator over ``BOT_CORPUS_DIR``; its tables in the bot's ``store``.

    With PostgreSQL every replica shares the offers, the history, the settled
    questions, the digest choices and the change lock.
    """
    curation = CurationStore(store, settings.user_hash_salt.get_secret_value())
    return Curator(settings.corpus_dir, curation)


def close_curator(application: BotApplication) -> None:
    """Let go of the curator at shutdown (the store it uses is the bot's, closed with it)."""
    curator, application.bot_data.curator = application.bot_data.curator, None
    if curator is not None:
        curator.store.close()


def close_question_log(application: BotApplication) -> None:
    """Close the log at shutdown (safe when it never opened)."""
    question_log, application.bot_data.question_log = application.bot_data.question_log, None
    if question_log is not None:
        question_log.close()
