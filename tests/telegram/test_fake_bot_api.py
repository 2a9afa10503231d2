"""The fake Bot API server speaks well enough for python-telegram-bot's real Bot."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, InputFile
from telegram.error import InvalidToken, RetryAfter

from tests.fake_bot_api import ALICE, BOT_USER, GROUP_CHAT, TEST_TOKEN, FakeBotApi, entities_for


@pytest.fixture
async def bot(fake_api: FakeBotApi, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Bot]:
    # Opt in to PTB v23's timedelta retry_after, as the adapter does, so a 429 does not warn.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    async with Bot(TEST_TOKEN, base_url=fake_api.base_url) as real_bot:
        yield real_bot


async def test_get_me_returns_the_fake_bot_user(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username) == (BOT_USER["id"], BOT_USER["username"])


async def test_wrong_token_is_rejected_as_invalid(fake_api: FakeBotApi) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("111111:" + "x" * 35, base_url=fake_api.base_url):
            pass


async def test_send_message_is_recorded_with_decoded_parameters(bot: Bot, fake_api: FakeBotApi) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])
    sent = await bot.send_message(ALICE["id"], "<b>42</b>", parse_mode="HTML", reply_markup=markup)
    [call] = fake_api.calls_of("sendMessage")
    assert call.params["chat_id"] == ALICE["id"]
    assert call.params["text"] == "<b>42</b>"
    assert call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "go"
    assert sent.text == "<b>42</b>" and sent.chat.id == ALICE["id"]


async def test_multipart_document_upload_is_recorded_with_its_bytes(bot: Bot, fake_api: FakeBotApi) -> None:
    await bot.send_document(ALICE["id"], InputFile(b"a,b\n1,2\n", filename="log.csv"))
    [call] = fake_api.calls_of("sendDocument")
    assert call.params["document"] == b"a,b\n1,2\n"


async def test_get_updates_serves_pushed_updates_and_respects_offsets(bot: Bot, fake_api: FakeBotApi) -> None:
    first = await fake_api.push_update({"message": fake_api.new_message(GROUP_CHAT, ALICE, "one")})
    await fake_api.push_update({"message": fake_api.new_message(GROUP_CHAT, ALICE, "two")})
    both = await bot.get_updates(timeout=0)
    after_first = await bot.get_updates(offset=first["update_id"] + 1, timeout=0)
    assert [u.message.text for u in both] == ["one", "two"]
    assert [u.message.text for u in after_first] == ["two"]


async def test_get_updates_long_polls_until_an_update_arrives(bot: Bot, fake_api: FakeBotApi) -> None:
    async def push_later() -> None:
        await asyncio.sleep(0.3)
        await fake_api.push_message("late")

    pusher = asyncio.create_task(push_later())
    started = time.monotonic()
    updates = await bot.get_updates(timeout=5)
    await pusher
    assert [u.message.text for u in updates] == ["late"]
    assert 0.2 < time.monotonic() - started < 4


async def test_get_updates_returns_empty_after_its_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9


async def test_injected_429_becomes_retry_after_then_clears(bot: Bot, fake_api: FakeBotApi) -> None:
    fake_api.fail_with_retry_after("sendMessage", times=1, retry_after=1)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(ALICE["id"], "x")
    await bot.send_message(ALICE["id"], "y")
    assert caught.value.retry_after.total_seconds() == 1
    assert [c.params["text"] for c in fake_api.calls_of("sendMessage")] == ["y"]
    assert len(fake_api.calls_of("sendMessage", include_errors=True)) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/ask@mfa_answers_test_bot hi", [("bot_command", 0, 25)]),
        ("hi @mfa_answers_test_bot", [("mention", 3, 21)]),
        ("🇧🇾 @mfa_answers_test_bot", [("mention", 5, 21)]),
        ("no entities here", []),
    ],
)
def test_entities_are_computed_in_utf16_units(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert [(e["type"], e["offset"], e["length"]) for e in entities_for(text)] == expected


async def test_pushed_updates_parse_as_ptb_objects(bot: Bot, fake_api: FakeBotApi) -> None:
    topic = await fake_api.push_message("@mfa_answers_test_bot hi", chat=GROUP_CHAT, thread_id=7)
    await fake_api.push_inline_query("visa", offset="10")
    await fake_api.push_callback_query("ex:0:en", topic)
    await fake_api.push_sticker()
    message, inline, callback, sticker = await bot.get_updates(timeout=0)
    assert message.message.is_topic_message and message.message.message_thread_id == 7
    assert message.message.parse_entities() != {}
    assert (inline.inline_query.query, inline.inline_query.offset) == ("visa", "10")
    assert callback.callback_query.data == "ex:0:en"
    assert sticker.message.sticker is not None


async def test_wait_for_reports_recent_calls_on_timeout(fake_api: FakeBotApi) -> None:
    with pytest.raises(AssertionError, match="sendMessage x1 not called"):
        await fake_api.wait_for("sendMessage", timeout=0.1)
