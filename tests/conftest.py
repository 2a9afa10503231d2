"""Shared fixtures: the real engine (loaded once per session), the bot against the fake Bot API, PostgreSQL.

Helpers that are not fixtures (``running_bot``, ``BotHarness``, the press-desk
settings, the PostgreSQL server) live in ``tests/telegram_fixtures.py``,
``tests/press_desk_fixtures.py`` and ``tests/postgres_server.py``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.answering import Engine
from bot.storage import SQLiteStore, Store, sqlite_url
from bot.storage.postgres_store import PostgresStore
from tests.fake_bot_api import FakeBotApi
from tests.ingest_fixtures import fixture_site  # noqa: F401 - the loopback site of the ingestion tests
from tests.postgres_server import (
    PostgresServer,
    drop_schema,
    new_schema_url,
    remove_scratch_server,
    server_from_environment,
    start_scratch_server,
)
from tests.press_desk_fixtures import press_settings
from tests.telegram_fixtures import BotHarness, free_port, running_bot, shared_engine


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


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The PostgreSQL server of this run: the one CI started, else a scratch one. Never skipped."""
    attached = server_from_environment()
    if attached is not None:
        yield attached
        return
    try:
        server = start_scratch_server(free_port())
    except Exception as exc:  # any failure here must fail the tests, loudly
        pytest.fail(f"cannot start PostgreSQL for the storage tests (run scripts/start_postgres.sh): {exc}")
    yield server
    remove_scratch_server(server)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A URL of a fresh, empty schema in the test server (dropped afterwards)."""
    name, url = new_schema_url(postgres_server)
    yield url
    drop_schema(postgres_server, name)


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An open, migrated store of each back end: every storage test runs on both."""
    opened: Store
    if request.param == "sqlite":
        opened = SQLiteStore(tmp_path / "store.sqlite3")
    else:
        opened = PostgresStore(request.getfixturevalue("postgres_url"))
    yield opened
    opened.close()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A ``BOT_DATABASE_URL`` of each back end, for tests that open it more than once (as replicas do)."""
    if request.param == "sqlite":
        return sqlite_url(tmp_path / "shared.sqlite3")
    return str(request.getfixturevalue("postgres_url"))
