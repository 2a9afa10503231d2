"""Build the python-telegram-bot Application: services, handlers, limits.

Nothing here does I/O when called: the question log is opened, the engine
loaded and the command menu registered in ``post_init``, after the Bot API has
confirmed the token; the thread pools and the log are closed in ``post_shutdown``.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ChosenInlineResultHandler,
    CommandHandler,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.storage import StorageError, open_store
from bot.telegram import (
    admin,
    answer_buttons,
    asking,
    callbacks,
    cite,
    commands,
    curation,
    curation_buttons,
    curation_follow,
    digest,
    feedback,
    groups,
    ingesting,
    inline,
    language_choice,
    missions,
    private,
    reloading,
)
from bot.telegram.api_request import CountingRequest
from bot.telegram.context import CONTEXT_TYPES, BotApplication, ServicesNotReadyError, TelegramSetupError
from bot.telegram.delivery import ReplyRateLimiter
from bot.telegram.errors import apologise_for_error
from bot.telegram.languages import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES
from bot.telegram.log_redaction import redact_secrets_in_logs
from bot.telegram.metrics import describe_index
from bot.telegram.polling import ConfirmAfterHandlingRequest, TrackingUpdateProcessor, UpdatesInHand
from bot.telegram.question_logging import (
    close_curator,
    close_question_log,
    open_curator,
    open_question_log,
    record_chosen_inline_result,
    start_retention,
)
from bot.telegram.rate_limit import SlidingWindowLimiter
from config import DEFAULT_USER_HASH_SALT

if TYPE_CHECKING:
    from bot.answering import Engine
    from config import Settings

EngineLoader = Callable[["Settings"], "Engine"]

log = logging.getLogger(__name__)

QUESTION_THREADS = 2  # the machine has two cores; more threads would only queue on them
INLINE_THREADS = 2


def refuse_default_salt(settings: Settings) -> None:
    """Refuse to serve Telegram users with the salt everyone can read in the source.

    With the published default, anyone holding an export could recompute a
    user's hash from their Telegram id; the console chat logs no user ids.
    """
    if settings.user_hash_salt.get_secret_value() == DEFAULT_USER_HASH_SALT:
        raise TelegramSetupError(
            f"BOT_USER_HASH_SALT is still the default {DEFAULT_USER_HASH_SALT!r}: set it to a long "
            "random secret (e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`) before starting the "
            "Telegram bot; user ids are stored only as hashes salted with it"
        )


def build_application(
    settings: Settings, engine_loader: EngineLoader, *, polling: bool = True
) -> BotApplication:
    """Build the Application for ``settings``; ``engine_loader`` runs once, in ``post_init``.

    ``polling=False`` builds it without an ``Updater``, for the replicas' own
    webhook server (``bot.telegram.webhook_server``), which feeds updates in.
    """
    if settings.telegram_bot_token is None:
        raise TelegramSetupError("TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather")
    refuse_default_salt(settings)
    token = settings.telegram_bot_token.get_secret_value()
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
    redact_secrets_in_logs(token, secret)
    # Opt in to python-telegram-bot v23's timedelta durations (RetryAfter.retry_after):
    # without it every flood-control answer raises a deprecation warning.
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    # No ``Defaults``: with them, python-telegram-bot 22.8 turns an empty ``next_offset``
    # into "[]" (it mistakes "" for an empty list of poll options), so inline pagination
    # would never end (python-telegram-bot issue #4295). Parse mode and link previews are
    # passed explicitly by the senders instead.
    in_hand = UpdatesInHand()  # polling confirms an update once it is handled (bot.telegram.polling)
    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.telegram_bot_api_url)
        .context_types(CONTEXT_TYPES)
        .rate_limiter(ReplyRateLimiter())
        .request(CountingRequest())
        .get_updates_request(ConfirmAfterHandlingRequest(in_hand))
        .concurrent_updates(TrackingUpdateProcessor(in_hand))
        .post_init(_post_init(engine_loader))
        .post_shutdown(_post_shutdown)
    )
    if not polling:
        builder = builder.updater(None)
    if settings.telegram_bot_file_url:
        builder = builder.base_file_url(settings.telegram_bot_file_url)
    application: BotApplication = builder.build()  # type: ignore[assignment]
    application.bot_data.settings = settings
    add_handlers(application)
    return application


def add_handlers(application: BotApplication) -> None:
    """Route updates: commands anywhere, questions in private chats, addressed messages in groups."""
    new_message = filters.UpdateType.MESSAGE  # edits and channel posts are not questions
    private_chat = filters.ChatType.PRIVATE & new_message
    for name, callback in (
        ("start", commands.start),
        ("help", commands.help_command),
        ("ask", commands.ask_command),
        ("topics", commands.topics_command),
        ("about", commands.about_command),
        ("cite", cite.cite_command),
        ("stats", admin.stats_command),
        ("unanswered", admin.unanswered_command),
        ("export", admin.export_command),
        ("reload", reloading.reload_command),
        ("add", ingesting.add_command),
        ("history", curation.history_command),
        ("undo", curation.undo_command),
        ("digest", digest.digest_command),
        ("missions", missions.missions_command),
        ("lang", language_choice.lang_command),
    ):
        application.add_handler(CommandHandler(name, callback, filters=new_message))
    # A reply may name a new out-of-scope topic (press desk); any other reply is a question.
    application.add_handler(
        MessageHandler(
            private_chat & filters.TEXT & ~filters.COMMAND & filters.REPLY, curation.reply_or_answer
        )
    )
    application.add_handler(
        MessageHandler(private_chat & filters.TEXT & ~filters.COMMAND, asking.answer_message)
    )
    application.add_handler(
        MessageHandler(
            filters.ChatType.GROUPS & new_message & filters.TEXT & ~filters.COMMAND & groups.ADDRESSED_TO_BOT,
            asking.answer_message,
        )
    )
    application.add_handler(MessageHandler(private_chat & filters.COMMAND, private.hint_unknown_command))
    application.add_handler(MessageHandler(private_chat & filters.Document.ALL, ingesting.add_document))
    application.add_handler(
        MessageHandler(private_chat & ~filters.TEXT & ~filters.StatusUpdate.ALL, private.hint_text_only)
    )
    application.add_handler(InlineQueryHandler(inline.answer_inline_query))
    application.add_handler(ChosenInlineResultHandler(record_chosen_inline_result))
    application.add_handler(
        CallbackQueryHandler(feedback.answer_feedback_button, pattern=feedback.FEEDBACK_PATTERN)
    )
    application.add_handler(
        CallbackQueryHandler(callbacks.answer_example_button, pattern=callbacks.EXAMPLE_PATTERN)
    )
    for button, pattern in (
        (missions.mission_card_button, answer_buttons.MISSION_PATTERN),
        (answer_buttons.show_original, answer_buttons.ORIGINAL_PATTERN),
        (language_choice.choose_language, language_choice.LANGUAGE_PATTERN),
        (curation.curation_button, curation_buttons.CURATION_PATTERN),
    ):
        application.add_handler(CallbackQueryHandler(button, pattern=pattern))
    # Last: every press no handler above took (old buttons, forged data) is still answered.
    application.add_handler(CallbackQueryHandler(callbacks.answer_expired_button))
    application.add_error_handler(apologise_for_error)


def _post_init(engine_loader: EngineLoader) -> Callable[[BotApplication], Coroutine[Any, Any, None]]:
    async def post_init(application: BotApplication) -> None:
        data = application.bot_data
        settings = data.settings
        if settings is None:
            raise ServicesNotReadyError("build_application attaches the settings before post_init")
        data.question_pool = ThreadPoolExecutor(QUESTION_THREADS, thread_name_prefix="question")
        data.inline_pool = ThreadPoolExecutor(INLINE_THREADS, thread_name_prefix="inline")
        try:
            data.store = await asyncio.to_thread(open_store, settings.store_url)
        except StorageError as exc:
            setting = "BOT_DATABASE_URL" if settings.database_url is not None else "BOT_DB_PATH"
            raise TelegramSetupError(f"cannot open the database ({setting}): {exc}") from exc
        salt = settings.user_hash_salt.get_secret_value()
        data.limiter = SlidingWindowLimiter(data.store, salt, settings.questions_per_minute, 60.0)
        data.question_log = open_question_log(data.store, settings)
        language_choice.open_preferences(application)  # the same store
        await start_retention(application, data.question_log, settings.retention_days)
        data.curator = open_curator(data.store, settings)  # the same store: shared by the replicas
        digest.start_digest(application)
        curation_follow.start_following_changes(application)  # other replicas' changes: reload
        data.engine = await asyncio.to_thread(engine_loader, settings)
        describe_index(data.engine)
        data.warming = _warm_in_background(data.engine)
        await register_commands(application.bot, settings.admin_id_set)

    return post_init


def _warm_in_background(engine: Engine) -> asyncio.Future[None]:
    """``engine.warm()`` in a worker thread while the bot already answers; a failure is logged only."""
    warming = asyncio.get_running_loop().run_in_executor(None, engine.warm)

    def report(done: asyncio.Future[None]) -> None:
        if not done.cancelled() and done.exception() is not None:
            log.warning("warming the engine failed; parts are made on first need: %s", done.exception())

    warming.add_done_callback(report)
    return warming


async def _post_shutdown(application: BotApplication) -> None:
    for pool in (application.bot_data.question_pool, application.bot_data.inline_pool):
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
    close_question_log(application)
    close_curator(application)
    language_choice.close_preferences(application)
    store, application.bot_data.store = application.bot_data.store, None
    if store is not None:
        store.close()


def public_commands(lang: str) -> list[BotCommand]:
    """The menu everyone sees: the chat commands and /cite."""
    return [
        *commands.bot_commands(lang),
        missions.menu_command(lang),
        language_choice.menu_command(lang),
        *admin.public_press_commands(lang),
    ]


async def register_commands(bot: Bot, admin_ids: frozenset[int] = frozenset()) -> None:
    """Publish the command menu: English by default, Russian and Belarusian by user language.

    Admins also see the admin commands, in the menu of their own chat with the
    bot only (``BotCommandScopeChat``); Telegram refuses that scope for an admin
    who has never opened the bot, which is logged and does not stop the start.
    """
    for lang in SUPPORTED_LANGUAGES:
        code = None if lang == DEFAULT_LANGUAGE else lang
        await bot.set_my_commands(public_commands(lang), language_code=code)
    for number, admin_id in enumerate(sorted(admin_ids), start=1):
        try:
            for lang in SUPPORTED_LANGUAGES:
                code = None if lang == DEFAULT_LANGUAGE else lang
                menu = [*public_commands(lang), *admin.admin_commands(lang)]
                await bot.set_my_commands(menu, scope=BotCommandScopeChat(admin_id), language_code=code)
        except TelegramError as exc:
            # The admin's place in BOT_ADMIN_IDS, not their id: logs never carry raw user ids.
            log.warning("could not show the admin commands to admin number %d: %s", number, exc)
