"""Run the real bot Application against the fake Bot API server, with the real engine.

``running_bot`` starts the Application exactly as ``Application.run_polling``
does (initialize, post_init, start polling, start) but inside the test's event
loop, so a test can push updates and await what the bot sent. The engine (real
model and index) is loaded once per test session and shared by every test.
"""

from __future__ import annotations

import functools
import itertools
import socket
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.telegram import build_application
from bot.telegram.context import BotApplication
from config import Settings, load_settings
from tests.fake_bot_api import TEST_TOKEN, FakeBotApi, RecordedCall

if TYPE_CHECKING:
    from bot.answering.engine import Engine
    from bot.answering.records import QuotedPassage

# getUpdates long-poll length in tests: short, so stopping the bot never waits long.
POLL_TIMEOUT_SECONDS = 1


@functools.cache
def shared_engine() -> Engine:
    """The real engine, loaded once per process however many test modules ask for it."""
    from bot.wiring import load_engine

    return load_engine(load_settings())


def every_passage(engine: Engine) -> list[QuotedPassage]:
    """Every passage of the real corpus as the engine quotes it, in corpus order."""
    quoted = (engine.passage(p.id) for p in engine.corpus.passages)
    return [p for p in quoted if p is not None]


@dataclass
class BotHarness:
    """A running bot and the fake Telegram it talks to."""

    api: FakeBotApi
    application: BotApplication
    engine: Any
    settings: Settings

    async def replies(self, chat_id: int, count: int = 1, timeout: float = 20.0) -> list[RecordedCall]:
        """Wait for ``count`` messages the bot sent to ``chat_id``."""
        return await self.api.wait_for(
            "sendMessage", lambda c: c.params.get("chat_id") == chat_id, count, timeout
        )


def free_port() -> int:
    """A loopback port nothing listens on (free when probed)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@functools.cache
def _scratch_folder() -> tempfile.TemporaryDirectory[str]:
    # Removed when the test process ends; one per process, shared by every bot started.
    return tempfile.TemporaryDirectory(prefix="bot-tests-")


_DB_NUMBERS = itertools.count(1)


def scratch_db_path() -> Path:
    """A fresh question-log path outside the project, so tests never write var/."""
    return Path(_scratch_folder().name) / f"questions-{next(_DB_NUMBERS)}.sqlite3"


def bot_settings(api: FakeBotApi, **overrides: Any) -> Settings:
    """Settings pointing the bot at the fake server, with a fresh question log of its own."""
    overrides.setdefault("db_path", scratch_db_path())
    return load_settings(telegram_bot_token=TEST_TOKEN, telegram_bot_api_url=api.base_url, **overrides)


@asynccontextmanager
async def started(application: BotApplication) -> AsyncIterator[BotApplication]:
    """Start ``application`` the way ``run_polling`` does, and stop it the same way."""
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    assert application.updater is not None
    await application.updater.start_polling(timeout=POLL_TIMEOUT_SECONDS)
    await application.start()
    try:
        yield application
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
        if application.post_shutdown:
            await application.post_shutdown(application)


@asynccontextmanager
async def running_bot(engine: Any, **overrides: Any) -> AsyncIterator[BotHarness]:
    """A fake Bot API server and the real Application polling it, ``engine`` answering."""
    api = FakeBotApi()
    await api.start()
    settings = bot_settings(api, **overrides)
    application = build_application(settings, lambda _settings: engine)
    try:
        async with started(application):
            yield BotHarness(api, application, engine, settings)
    finally:
        await api.close()
