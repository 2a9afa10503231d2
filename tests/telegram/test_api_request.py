"""The Bot API client (aiohttp under python-telegram-bot): answers, uploads, and failures as PTB's errors."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InputFile
from telegram.error import BadRequest, NetworkError, TimedOut

from bot.telegram.api_request import CountingRequest
from tests.fake_bot_api import ALICE, TEST_TOKEN, FakeBotApi


@pytest.fixture
async def bot(fake_api: FakeBotApi) -> AsyncIterator[Bot]:
    request = CountingRequest(read_timeout=0.5)
    async with Bot(TEST_TOKEN, base_url=fake_api.base_url, request=request) as real_bot:
        yield real_bot


async def test_message_is_sent_with_its_parameters_and_answered(bot: Bot, fake_api: FakeBotApi) -> None:
    sent = await bot.send_message(ALICE["id"], "<b>Ministry</b> «цытата»", parse_mode="HTML")
    [call] = fake_api.calls_of("sendMessage")
    assert call.params["text"] == "<b>Ministry</b> «цытата»" and call.params["parse_mode"] == "HTML"
    assert sent.chat.id == ALICE["id"]


async def test_document_is_uploaded_as_multipart(bot: Bot, fake_api: FakeBotApi) -> None:
    await bot.send_document(ALICE["id"], InputFile(b"a,b\n1,2\n", filename="questions.csv"), caption="CSV")
    [call] = fake_api.calls_of("sendDocument")
    assert call.params["caption"] == "CSV"
    assert "document" in call.params


async def test_bot_api_error_becomes_python_telegram_bots_error(bot: Bot, fake_api: FakeBotApi) -> None:
    fake_api.fail_with("sendMessage", 400, "Bad Request: chat not found")
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(ALICE["id"], "hello")


async def test_answer_slower_than_the_read_timeout_is_timed_out(bot: Bot, fake_api: FakeBotApi) -> None:
    fake_api.hang("sendMessage", 2.0)
    with pytest.raises(TimedOut):
        await bot.send_message(ALICE["id"], "hello")


async def test_dropped_connection_is_a_network_error(bot: Bot, fake_api: FakeBotApi) -> None:
    fake_api.drop_connection("sendMessage")
    with pytest.raises(NetworkError) as raised:
        await bot.send_message(ALICE["id"], "hello")
    assert not isinstance(raised.value, BadRequest | TimedOut)  # transient: delivery retries it


async def test_request_after_shutdown_is_refused_until_initialised_again(fake_api: FakeBotApi) -> None:
    request = CountingRequest()
    async with Bot(TEST_TOKEN, base_url=fake_api.base_url, request=request) as first:
        await first.get_me()
    async with Bot(TEST_TOKEN, base_url=fake_api.base_url, request=request) as again:
        assert (await again.get_me()).is_bot
