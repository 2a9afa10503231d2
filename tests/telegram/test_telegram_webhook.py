"""Webhook mode in one process: the replica's own server, its secret check, claims and endpoints."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest

from bot.cli.logs import JsonLinesFormatter
from bot.telegram import TelegramSetupError, build_application, run
from bot.telegram.replica import serve_replica
from bot.telegram.runner import WebhookOptions, webhook_options
from bot.telegram.webhook_setup import register_webhook
from config import Settings, load_settings
from tests.fake_bot_api import ALICE, TEST_TOKEN, private_chat
from tests.fake_telegram import FakeTelegram
from tests.telegram_fixtures import bot_settings, free_port

SECRET = "s3cret_Webhook-token"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass
class Replica:
    api: FakeTelegram
    options: WebhookOptions
    settings: Settings
    engine: Any

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.options.port}/{path}"


def _webhook_settings(api: FakeTelegram, **overrides: Any) -> Settings:
    return bot_settings(
        api,
        webhook_url="https://bot.example.org/",
        webhook_listen="127.0.0.1",
        webhook_port=free_port(),
        webhook_path="tg-hook",
        webhook_secret=SECRET,
        replica_name="solo",
        **{"user_hash_salt": "webhook-test-salt", **overrides},
    )


@pytest.fixture
async def replica(engine: Any) -> AsyncIterator[Replica]:
    """One replica serving in this event loop, on SQLite, against the fake Telegram."""
    api = FakeTelegram()
    await api.start()
    settings = _webhook_settings(api)
    options = webhook_options(settings)
    assert options is not None
    stop = asyncio.Event()
    serving = asyncio.create_task(serve_replica(settings, lambda _s: engine, options, stop))
    served = Replica(api, options, settings, engine)
    try:
        for _ in range(200):
            if await _status(served.url("readyz")) == 200:
                break
            await asyncio.sleep(0.05)
        yield served
    finally:
        stop.set()
        await serving
        await api.close()


async def _status(url: str) -> int | None:
    try:
        async with aiohttp.ClientSession() as session, session.get(url) as response:
            return response.status
    except aiohttp.ClientError:
        return None


async def post_update(replica: Replica, update: dict[str, Any], secret: str | None = SECRET) -> int:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    async with (
        aiohttp.ClientSession() as session,
        session.post(replica.url(replica.options.url_path), json=update, headers=headers) as response,
    ):
        return response.status


def private_update(update_id: int, text: str, api: FakeTelegram) -> dict[str, Any]:
    return {"update_id": update_id, "message": api.new_message(private_chat(ALICE), ALICE, text)}


async def test_a_replica_does_not_register_the_webhook(replica: Replica) -> None:
    assert replica.api.calls_of("setWebhook") == []


@pytest.mark.parametrize("secret", [None, "", "wrong-secret"], ids=["missing", "empty", "wrong"])
async def test_webhook_refuses_an_update_without_the_right_secret(
    replica: Replica, secret: str | None
) -> None:
    assert await post_update(replica, private_update(1, "/help", replica.api), secret) == 403
    assert await post_update(replica, private_update(2, "/about", replica.api)) == 200
    [reply] = replica.api.calls_of("sendMessage")
    assert replica.engine.sources()[0].title in reply.params["text"]  # /about, not /help


async def test_webhook_answers_before_it_acknowledges(replica: Replica) -> None:
    question = "What are the priorities of the foreign policy of Belarus?"
    assert await post_update(replica, private_update(3, question, replica.api)) == 200
    # No waiting: the 200 came only after the reply was sent.
    [reply] = replica.api.calls_of("sendMessage")
    assert "<blockquote>" in reply.params["text"]


async def test_a_redelivered_update_gets_no_second_reply(replica: Replica) -> None:
    update = private_update(4, "What are the priorities of the foreign policy of Belarus?", replica.api)
    assert [await post_update(replica, update), await post_update(replica, update)] == [200, 200]
    assert len(replica.api.calls_of("sendMessage")) == 1


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        json.dumps({"message": {}}),
        json.dumps([1, 2]),
        json.dumps({"update_id": 77, "message": {"chat": "not a chat"}}),
    ],
)
async def test_a_malformed_delivery_gets_400_so_telegram_does_not_retry_it(
    replica: Replica, body: str
) -> None:
    async with aiohttp.ClientSession() as session:
        url = replica.url(replica.options.url_path)
        async with session.post(url, data=body, headers={SECRET_HEADER: SECRET}) as response:
            assert response.status == 400


async def test_healthz_and_readyz_report_a_ready_replica(replica: Replica) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.get(replica.url("healthz")) as response:
            assert response.status == 200
        async with session.get(replica.url("readyz")) as response:
            body = await response.json()
    assert response.status == 200
    assert body == {"ready": True, "engine": "loaded", "database": "ok", "draining": False, "replica": "solo"}


async def test_metrics_count_questions_by_language_and_outcome_without_user_ids(replica: Replica) -> None:
    await post_update(
        replica, private_update(5, "What are the priorities of the foreign policy of Belarus?", replica.api)
    )
    async with aiohttp.ClientSession() as session, session.get(replica.url("metrics")) as response:
        text = await response.text()
    assert response.status == 200
    assert 'bot_questions_total{language="en",outcome="ok"}' in text
    assert "bot_question_seconds_bucket" in text
    assert 'bot_webhook_updates_total{outcome="handled"}' in text
    quotable = len(replica.engine.searcher.index.passages)  # the bank's question rows are not passages
    assert 0 < quotable < replica.engine.searcher.index.manifest.passage_count
    assert f"bot_index_passages {float(quotable)}" in text
    assert "bot_telegram_api_errors_total" in text or "bot_telegram_api_errors" in text
    assert str(ALICE["id"]) not in text


async def test_bot_api_errors_are_counted(replica: Replica) -> None:
    replica.api.fail_with_retry_after("sendMessage", times=1, retry_after=1)
    await post_update(replica, private_update(6, "/about", replica.api))
    async with aiohttp.ClientSession() as session, session.get(replica.url("metrics")) as response:
        text = await response.text()
    assert 'bot_telegram_api_errors_total{code="429",method="sendMessage"}' in text
    assert len(replica.api.calls_of("sendMessage")) == 1  # retried after the wait, delivered once


async def test_set_webhook_registers_once_then_reports_it_is_set() -> None:
    api = FakeTelegram()
    await api.start()
    try:
        settings = _webhook_settings(api)
        assert await register_webhook(settings) == "webhook set to https://bot.example.org/tg-hook"
        assert await register_webhook(settings) == "webhook already set to https://bot.example.org/tg-hook"
        [call] = api.calls_of("setWebhook")
        assert call.params["secret_token"] == SECRET
        assert not call.params.get("drop_pending_updates")
        assert (
            await register_webhook(settings, force=True) == "webhook set to https://bot.example.org/tg-hook"
        )
    finally:
        await api.close()


async def test_a_replica_refuses_the_default_salt() -> None:
    api = FakeTelegram()
    await api.start()
    try:
        settings = _webhook_settings(api, user_hash_salt="change-me")
        options = webhook_options(settings)
        assert options is not None
        with pytest.raises(TelegramSetupError, match="BOT_USER_HASH_SALT is the default"):
            await serve_replica(settings, lambda _s: pytest.fail("must not load the engine"), options)
        assert api.calls == []  # refused before talking to Telegram
    finally:
        await api.close()


def test_json_log_lines_are_one_object_each() -> None:
    record = logging.LogRecord("bot.x", logging.WARNING, __file__, 1, "cannot claim %d", (7,), None)
    line = JsonLinesFormatter("r2").format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "cannot claim 7" and entry["level"] == "WARNING" and entry["replica"] == "r2"


def test_polling_is_the_default() -> None:
    assert webhook_options(load_settings(telegram_bot_token=TEST_TOKEN)) is None


@pytest.mark.parametrize(
    ("base", "path", "expected"),
    [
        ("https://bot.example.org", "telegram", "https://bot.example.org/telegram"),
        ("https://bot.example.org/", "/telegram/", "https://bot.example.org/telegram"),
        ("https://bot.example.org/telegram", "telegram", "https://bot.example.org/telegram"),
    ],
)
def test_webhook_url_ends_with_the_path(base: str, path: str, expected: str) -> None:
    settings = load_settings(webhook_url=base, webhook_path=path, webhook_secret=SECRET)
    options = webhook_options(settings)
    assert options is not None and options.webhook_url == expected
    assert options.url_path == "telegram"


def test_webhook_without_a_secret_is_a_clear_start_up_error() -> None:
    settings = load_settings(telegram_bot_token=TEST_TOKEN, webhook_url="https://bot.example.org")
    with pytest.raises(TelegramSetupError, match="BOT_WEBHOOK_SECRET must be set"):
        run(settings, engine_loader=lambda _settings: pytest.fail("must not load the engine"))


def test_webhook_secret_telegram_would_refuse_is_a_clear_error() -> None:
    settings = load_settings(webhook_url="https://bot.example.org", webhook_secret="has spaces!")
    with pytest.raises(TelegramSetupError, match="A-Z, a-z, 0-9, _ and -"):
        webhook_options(settings)


def test_missing_token_is_a_clear_start_up_error() -> None:
    settings = load_settings(telegram_bot_token=None)
    with pytest.raises(TelegramSetupError, match="TELEGRAM_BOT_TOKEN is not set"):
        build_application(settings, lambda _settings: pytest.fail("must not load the engine"))


def test_database_url_defaults_to_the_sqlite_file(tmp_path: Any) -> None:
    settings = load_settings(db_path=tmp_path / "q.sqlite3")
    assert settings.store_url == f"sqlite:///{tmp_path / 'q.sqlite3'}"
    chosen = load_settings(database_url="postgresql://bot:pw@db:5432/bot")
    assert chosen.store_url == "postgresql://bot:pw@db:5432/bot"


def test_a_database_url_of_another_kind_is_refused_without_echoing_it() -> None:
    from config import SettingsError

    with pytest.raises(SettingsError, match="BOT_DATABASE_URL must start with") as caught:
        load_settings(database_url="mysql://root:topsecret@db/bot")
    assert "topsecret" not in str(caught.value)
