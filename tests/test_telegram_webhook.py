"""Webhook mode: the real webhook server refuses updates without the secret token."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.telegram import TelegramSetupError, build_application, run
from bot.telegram.runner import WebhookOptions, webhook_options
from config import load_settings
from tests.fake_bot_api import ALICE, TEST_TOKEN, FakeBotApi, private_chat
from tests.telegram_fixtures import BotHarness, bot_settings, free_port

SECRET = "s3cret_Webhook-token"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@pytest.fixture
async def webhook_bot(engine: Any) -> AsyncIterator[tuple[BotHarness, WebhookOptions]]:
    """The real Application serving its webhook on loopback, as ``run_webhook`` starts it."""
    api = FakeBotApi()
    await api.start()
    settings = bot_settings(
        api,
        webhook_url="https://bot.example.org/",
        webhook_listen="127.0.0.1",
        webhook_port=free_port(),
        webhook_path="tg-hook",
        webhook_secret=SECRET,
    )
    options = webhook_options(settings)
    assert options is not None
    application = build_application(settings, lambda _settings: engine)
    await application.initialize()
    assert application.post_init is not None and application.post_shutdown is not None
    await application.post_init(application)
    await application.updater.start_webhook(**dataclasses.asdict(options))
    await application.start()
    try:
        yield BotHarness(api, application, engine, settings), options
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()
        await application.post_shutdown(application)
        await api.close()


async def post_update(options: WebhookOptions, update: dict[str, Any], secret: str | None) -> int:
    headers = {SECRET_HEADER: secret} if secret is not None else {}
    url = f"http://127.0.0.1:{options.port}/{options.url_path}"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=update, headers=headers) as response,
    ):
        return response.status


def private_update(update_id: int, text: str, api: FakeBotApi) -> dict[str, Any]:
    return {"update_id": update_id, "message": api.new_message(private_chat(ALICE), ALICE, text)}


async def test_webhook_is_registered_with_the_secret_token(
    webhook_bot: tuple[BotHarness, WebhookOptions],
) -> None:
    harness, _ = webhook_bot
    [call] = harness.api.calls_of("setWebhook")
    assert call.params["url"] == "https://bot.example.org/tg-hook"
    assert call.params["secret_token"] == SECRET


@pytest.mark.parametrize("secret", [None, "", "wrong-secret"], ids=["missing", "empty", "wrong"])
async def test_webhook_refuses_an_update_without_the_right_secret(
    webhook_bot: tuple[BotHarness, WebhookOptions], secret: str | None
) -> None:
    harness, options = webhook_bot
    assert await post_update(options, private_update(1, "/help", harness.api), secret) == 403
    assert await post_update(options, private_update(2, "/about", harness.api), SECRET) == 200
    [reply] = await harness.replies(ALICE["id"])
    assert harness.engine.sources()[0].title in reply.params["text"]  # /about, not /help


async def test_webhook_update_with_the_secret_is_answered(
    webhook_bot: tuple[BotHarness, WebhookOptions],
) -> None:
    harness, options = webhook_bot
    question = "What are the priorities of the foreign policy of Belarus?"
    assert await post_update(options, private_update(3, question, harness.api), SECRET) == 200
    [reply] = await harness.replies(ALICE["id"])
    assert "<blockquote>" in reply.params["text"]


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
