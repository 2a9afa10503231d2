"""Groups and supergroups: only /ask, mentions and replies to the bot get answers."""

from __future__ import annotations

from html import escape
from typing import Any

import pytest

from bot.i18n import t
from config import DEFAULT_TYPING_AFTER_SECONDS
from tests.fake_bot_api import ALICE, BORIS, BOT_USER, FORUM_CHAT, GROUP_CHAT
from tests.fakes import SlowEngine
from tests.html_assertions import assert_well_formed_html
from tests.telegram_fixtures import BotHarness, running_bot

QUESTION = "What are the priorities of the foreign policy of Belarus?"
BOT = BOT_USER["username"]


def assert_quoted_answer_to(reply_params: dict[str, Any], message: dict[str, Any]) -> None:
    """The reply is an HTML quote threaded to the asker's message."""
    assert reply_params["reply_parameters"]["message_id"] == message["message_id"]
    assert "<blockquote>" in reply_params["text"]
    assert_well_formed_html(reply_params["text"])


@pytest.mark.parametrize(
    "text",
    [f"/ask {QUESTION}", f"/ask@{BOT} {QUESTION}", f"@{BOT} {QUESTION}", f"{QUESTION} @{BOT}"],
    ids=["ask", "ask-at-bot", "mention-first", "mention-last"],
)
async def test_addressed_group_message_gets_a_threaded_answer(bot_harness: BotHarness, text: str) -> None:
    asked = await bot_harness.api.push_message(text, chat=GROUP_CHAT)
    [reply] = await bot_harness.replies(GROUP_CHAT["id"])
    assert_quoted_answer_to(reply.params, asked)


async def test_text_mention_of_the_bot_gets_an_answer(bot_harness: BotHarness) -> None:
    mention = {"type": "text_mention", "offset": 0, "length": 11, "user": BOT_USER}
    asked = await bot_harness.api.push_message(
        f"MFA Answers, {QUESTION}", chat=GROUP_CHAT, entities=[mention]
    )
    [reply] = await bot_harness.replies(GROUP_CHAT["id"])
    assert_quoted_answer_to(reply.params, asked)


async def test_reply_to_the_bots_message_gets_an_answer(bot_harness: BotHarness) -> None:
    api = bot_harness.api
    await api.push_message("/help", chat=GROUP_CHAT)
    [help_reply] = await bot_harness.replies(GROUP_CHAT["id"])
    follow_up = await api.push_message(QUESTION, chat=GROUP_CHAT, user=BORIS, reply_to=help_reply.result)
    _, answer = await bot_harness.replies(GROUP_CHAT["id"], count=2)
    assert_quoted_answer_to(answer.params, follow_up)


@pytest.mark.parametrize(
    "text",
    [QUESTION, f"/ask@other_helper_bot {QUESTION}", "/weather", f"@other_helper_bot {QUESTION}"],
    ids=["plain", "ask-other-bot", "unknown-command", "mention-other-bot"],
)
async def test_group_messages_not_addressed_to_the_bot_are_ignored(
    bot_harness: BotHarness, text: str
) -> None:
    api = bot_harness.api
    ignored = await api.push_message(text, chat=GROUP_CHAT)
    await api.push_sticker()  # a private update processed after it: a barrier for the assertion
    await bot_harness.replies(ALICE["id"])
    another_users_message = api.new_message(GROUP_CHAT, BORIS, "hello")
    await api.push_message(QUESTION, chat=GROUP_CHAT, reply_to=another_users_message)
    await api.push_message(f"/ask {QUESTION}", chat=GROUP_CHAT)
    [only] = await bot_harness.replies(GROUP_CHAT["id"])
    assert only.params["reply_parameters"]["message_id"] != ignored["message_id"]
    assert len(api.calls_of("sendMessage")) == 2
    # "typing…" only for the /ask (and only if that answer was slow), never for the ignored ones
    assert {c.params["chat_id"] for c in api.calls_of("sendChatAction")} <= {GROUP_CHAT["id"]}


async def test_ask_without_a_question_explains_how_to_ask(bot_harness: BotHarness) -> None:
    await bot_harness.api.push_message(f"/ask@{BOT}", chat=GROUP_CHAT)
    [reply] = await bot_harness.replies(GROUP_CHAT["id"])
    assert reply.params["text"] == escape(t("en", "telegram.ask_usage", bot=BOT))


async def test_bare_mention_explains_how_to_ask(bot_harness: BotHarness) -> None:
    await bot_harness.api.push_message(f"@{BOT}", chat=GROUP_CHAT, user=BORIS)
    [reply] = await bot_harness.replies(GROUP_CHAT["id"])
    assert reply.params["text"] == escape(t("ru", "telegram.ask_usage", bot=BOT))


async def test_forum_topic_question_is_answered_in_the_same_topic(engine: Any) -> None:
    async with running_bot(
        SlowEngine(engine, 2 * DEFAULT_TYPING_AFTER_SECONDS)
    ) as bot_harness:  # slow: typing too
        asked = await bot_harness.api.push_message(f"/ask {QUESTION}", chat=FORUM_CHAT, thread_id=77)
        [reply] = await bot_harness.replies(FORUM_CHAT["id"])
    [typing] = bot_harness.api.calls_of("sendChatAction")
    assert reply.params["message_thread_id"] == 77
    assert typing.params["message_thread_id"] == 77
    assert_quoted_answer_to(reply.params, asked)


async def test_non_text_group_messages_get_no_hint(bot_harness: BotHarness) -> None:
    api = bot_harness.api
    photo = [{"file_id": "ph1", "file_unique_id": "ph1u", "width": 90, "height": 90}]
    await api.push_message(chat=GROUP_CHAT, photo=photo)
    await api.push_message(f"/ask {QUESTION}", chat=GROUP_CHAT)
    await bot_harness.replies(GROUP_CHAT["id"])
    assert len(api.calls_of("sendMessage")) == 1
