"""Shared fixtures: the real engine (loaded once per session) and the bot running against the fake Bot API.

Helpers that are not fixtures (``running_bot``, ``BotHarness``, the press-desk
settings) live in ``tests/telegram_fixtures.py`` and ``tests/press_desk_fixtures.py``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.answering import Engine
from tests.fake_bot_api import FakeBotApi
from tests.press_desk_fixtures import press_settings
from tests.telegram_fixtures import BotHarness, running_bot, shared_engine


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The real answer engine (MiniLM, FAISS, BM25 over the shipped corpus), shared by all tests."""
    return shared_engine()


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeBotApi]:
    """A fake Bot API server on a free loopback port."""
    api = FakeBotApi()
    await api.start()
    yield api
    await api.close()


@pytest.fixture
async def bot_harness(engine: Engine) -> AsyncIterator[BotHarness]:
    """The bot, running with the real engine against a fresh fake server."""
    async with running_bot(engine) as harness:
        yield harness


@pytest.fixture
async def press_bot(engine: Engine, tmp_path: Path) -> AsyncIterator[BotHarness]:
    """The bot with the real engine, ALICE as admin and a fresh question log in ``tmp_path``."""
    async with running_bot(engine, **press_settings(tmp_path)) as harness:
        yield harness
