"""The typed context every handler receives: the long-lived services of the bot.

The engine (model and index) is loaded once in ``post_init`` and reached through
``context.engine`` — a typed attribute, not a key in an untyped ``bot_data``
dict, so a typo is a type error and not a ``KeyError`` at 3 a.m.
(python-telegram-bot's ``examples/contexttypesbot.py``).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.telegram.rate_limit import SlidingWindowLimiter

if TYPE_CHECKING:
    from bot.answering import Engine
    from bot.curation import Curator
    from bot.pressdesk import QuestionLog
    from bot.storage import Store, UserPreferences
    from config import Settings


class AdapterError(Exception):
    """Base of the Telegram adapter's own errors.

    ::

        AdapterError
        ├── TelegramSetupError       the bot cannot start (token, Bot API, webhook, job queue)
        └── ServicesNotReadyError    a handler ran before post_init loaded the services (a bug)

    Errors of the core keep their own trees (``corpus.errors``, ``index.errors``,
    ``bot.storage.errors``); Telegram's own (``telegram.error``) are caught narrowly
    where they are expected, and anything else reaches the one error handler
    (``bot.telegram.errors``), which logs it and apologises to the user.
    """


class TelegramSetupError(AdapterError):
    """The bot cannot start: no token, a token the server rejects, or an incomplete webhook setup."""


class ServicesNotReadyError(AdapterError, RuntimeError):
    """A handler ran before ``post_init`` loaded the engine (a wiring bug)."""


class BotData:
    """Everything the handlers share, created once per Application.

    Two thread pools keep slow work apart: full answers run in
    ``question_pool`` and inline retrieval in ``inline_pool``, so a burst of
    questions can never make an inline query wait for a free thread.

    ``engine`` is replaced whole by ``/reload`` (one assignment, so a handler
    that read it keeps a consistent engine); ``reload_lock`` lets only one
    reload run at a time. ``store`` is the database every replica shares
    (``BOT_DATABASE_URL``); ``question_log``, ``preferences`` and ``limiter``
    keep their state in it, nothing in this process.
    """

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.engine: Engine | None = None
        self.limiter: SlidingWindowLimiter | None = None
        self.question_pool: ThreadPoolExecutor | None = None
        self.inline_pool: ThreadPoolExecutor | None = None
        self.store: Store | None = None
        self.question_log: QuestionLog | None = None
        self.preferences: UserPreferences | None = None
        self.curator: Curator | None = None
        self.warming: asyncio.Future[None] | None = None  # ``Engine.warm`` after start, in a thread
        self.reload_lock = asyncio.Lock()


class BotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """The context handlers receive, with typed access to the shared services."""

    @property
    def engine(self) -> Engine:
        """The answer engine; loaded in ``post_init`` before any update is handled."""
        if self.bot_data.engine is None:
            raise ServicesNotReadyError("the engine is not loaded yet")
        return self.bot_data.engine

    @property
    def settings(self) -> Settings:
        """The settings the application was built with."""
        if self.bot_data.settings is None:
            raise ServicesNotReadyError("the settings are not attached yet")
        return self.bot_data.settings

    @property
    def limiter(self) -> SlidingWindowLimiter:
        """The per-user questions-per-minute limit."""
        if self.bot_data.limiter is None:
            raise ServicesNotReadyError("the rate limiter is not created yet")
        return self.bot_data.limiter


CONTEXT_TYPES = ContextTypes(context=BotContext, bot_data=BotData)
BotApplication = Application[ExtBot[None], BotContext, dict[Any, Any], dict[Any, Any], BotData, Any]
