"""Private chats: questions, commands, example buttons and hints, through the real Application."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from html import escape
from typing import Any

import pytest

from bot.i18n import t
from bot.rendering import render_answer_html
from bot.rendering.html_split import html_to_text
from bot.telegram.callbacks import example_questions
from config import DEFAULT_TYPING_AFTER_SECONDS
from tests.fake_bot_api import ALICE, BORIS, BOT_USER, FakeBotApi, private_chat
from tests.fakes import SlowEngine
from tests.html_assertions import assert_well_formed_html
from tests.telegram_fixtures import BotHarness, running_bot

# Answered by a passage of two sentences, so the reply marks the best one in bold.
IN_SCOPE = "What does Belarus think about the European Union?"
OUT_OF_SCOPE = "Will it rain in Minsk tomorrow afternoon?"


async def test_private_question_gets_a_quote_with_its_source(bot_harness: BotHarness) -> None:
    await bot_harness.api.push_message(IN_SCOPE)
    [reply] = await bot_harness.replies(ALICE["id"])
    text = reply.params["text"]
    assert reply.params["parse_mode"] == "HTML"
    assert "<blockquote>" in text and "<b>" in text and '<a href="http' in text
    assert_well_formed_html(text)


async def test_typing_action_precedes_a_slow_answer(engine: Any) -> None:
    async with running_bot(SlowEngine(engine, 2 * DEFAULT_TYPING_AFTER_SECONDS)) as harness:
        await harness.api.push_message(IN_SCOPE)
        [reply] = await harness.replies(ALICE["id"])
    [typing] = harness.api.calls_of("sendChatAction")
    assert typing.params == {"chat_id": ALICE["id"], "action": "typing"}
    assert harness.api.calls.index(typing) < harness.api.calls.index(reply)


async def test_an_answer_ready_at_once_is_sent_without_a_typing_action(engine: Any) -> None:
    engine.answer(IN_SCOPE)  # warm: the timed answer is then milliseconds
    async with running_bot(engine) as harness:
        await harness.api.push_message(IN_SCOPE)
        await harness.replies(ALICE["id"])
    assert harness.api.calls_of("sendChatAction") == []


async def test_private_reply_does_not_quote_the_question(bot_harness: BotHarness) -> None:
    await bot_harness.api.push_message(IN_SCOPE)
    [reply] = await bot_harness.replies(ALICE["id"])
    assert "reply_parameters" not in reply.params


async def test_uncovered_question_gets_an_honest_reply_with_the_official_site(
    bot_harness: BotHarness,
) -> None:
    await bot_harness.api.push_message(OUT_OF_SCOPE)
    [reply] = await bot_harness.replies(ALICE["id"])
    site = bot_harness.settings.official_site_url
    assert reply.params["text"] == escape(t("en", "reply.not_covered", site=site))


async def test_start_greets_and_offers_three_example_questions(bot_harness: BotHarness) -> None:
    await bot_harness.api.push_message("/start")
    [reply] = await bot_harness.replies(ALICE["id"])
    buttons = [row[0] for row in reply.params["reply_markup"]["inline_keyboard"]]
    assert reply.params["text"] == escape(t("en", "telegram.greeting"))
    assert [b["text"] for b in buttons] == example_questions("en")
    assert len(buttons) == 3
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)


@pytest.mark.parametrize("position", [0, 1, 2])
@pytest.mark.parametrize("lang", ["en", "ru", "be"])
def test_every_example_question_is_answered_by_the_engine(engine: Any, lang: str, position: int) -> None:
    question = example_questions(lang)[position]
    answer = engine.answer(question, user_language_code=lang)
    assert (answer.answered, answer.lang) == (True, lang), question


async def test_pressing_an_example_button_answers_that_question(bot_harness: BotHarness) -> None:
    api = bot_harness.api
    await api.push_message("/start")
    [greeting] = await bot_harness.replies(ALICE["id"])
    second = greeting.result["reply_markup"]["inline_keyboard"][1][0]
    callback = await api.push_callback_query(second["callback_data"], greeting.result)
    _, answer = await bot_harness.replies(ALICE["id"], count=2)
    expected = bot_harness.engine.answer(second["text"], user_language_code="en")
    assert api.calls_of("answerCallbackQuery")[0].params["callback_query_id"] == callback["id"]
    assert answer.params["text"] == render_answer_html(expected, bot_harness.settings.official_site_url)


async def test_start_from_the_inline_deep_link_greets(bot_harness: BotHarness) -> None:
    await bot_harness.api.push_message("/start inline")
    [reply] = await bot_harness.replies(ALICE["id"])
    assert reply.params["text"] == escape(t("en", "telegram.greeting"))


async def test_help_explains_private_inline_and_group_use(bot_harness: BotHarness) -> None:
    await bot_harness.api.push_message("/help")
    [reply] = await bot_harness.replies(ALICE["id"])
    text = html_to_text(reply.params["text"])
    assert f"@{BOT_USER['username']}" in text and "/ask" in text


async def test_topics_lists_what_the_material_covers(bot_harness: BotHarness) -> None:
    await bot_harness.api.push_message("/topics")
    [reply] = await bot_harness.replies(ALICE["id"])
    topics = bot_harness.engine.topics("en")
    text = html_to_text(reply.params["text"])
    assert topics and all(topic in text for topic in topics)
    assert_well_formed_html(reply.params["text"])


async def test_about_names_the_sources_and_the_date(bot_harness: BotHarness) -> None:
    await bot_harness.api.push_message("/about")
    [reply] = await bot_harness.replies(ALICE["id"])
    sources = bot_harness.engine.sources()
    text = html_to_text(reply.params["text"])
    assert sources and all(s.title in text and s.source_url in reply.params["text"] for s in sources)
    assert max(s.date for s in sources) in text


async def test_interface_follows_the_users_telegram_language(bot_harness: BotHarness) -> None:
    await bot_harness.api.push_message("/help", user=BORIS)
    [reply] = await bot_harness.replies(BORIS["id"])
    assert reply.params["text"] == escape(t("ru", "telegram.help", bot=BOT_USER["username"]))


PushNonText = Callable[[FakeBotApi], Awaitable[object]]


@pytest.mark.parametrize(
    "push",
    [FakeBotApi.push_sticker, FakeBotApi.push_photo, FakeBotApi.push_voice, FakeBotApi.push_document],
    ids=["sticker", "photo", "voice", "document"],
)
async def test_non_text_message_gets_a_text_only_hint(bot_harness: BotHarness, push: PushNonText) -> None:
    await push(bot_harness.api)
    [reply] = await bot_harness.replies(ALICE["id"])
    assert reply.params["text"] == escape(t("en", "telegram.text_only"))


async def test_unknown_command_points_to_help(bot_harness: BotHarness) -> None:
    await bot_harness.api.push_message("/weather Minsk")
    [reply] = await bot_harness.replies(ALICE["id"])
    assert reply.params["text"] == escape(t("en", "telegram.unknown_command"))
    assert "/help" in reply.params["text"]


async def test_commands_are_registered_in_three_languages(bot_harness: BotHarness) -> None:
    calls = bot_harness.api.calls_of("setMyCommands")
    by_language = {c.params.get("language_code"): c.params["commands"] for c in calls}
    assert set(by_language) == {None, "ru", "be"}
    assert [c["command"] for c in by_language["ru"]] == [
        "start",
        "help",
        "ask",
        "topics",
        "about",
        "missions",
        "lang",
        "cite",
    ]
    assert by_language["be"][1]["description"] == t("be", "telegram.commands.help")


async def test_unparsable_html_is_resent_as_plain_text(bot_harness: BotHarness) -> None:
    api = bot_harness.api
    api.fail_with("sendMessage", 400, "Bad Request: can't parse entities: unsupported start tag")
    await api.push_message(IN_SCOPE)
    [plain] = await bot_harness.replies(ALICE["id"])
    [refused] = [c for c in api.calls_of("sendMessage", include_errors=True) if c.error_code]
    assert "parse_mode" not in plain.params
    assert plain.params["text"] == html_to_text(refused.params["text"])


async def test_other_telegram_errors_reach_the_error_handler_which_apologises(
    bot_harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    api = bot_harness.api
    api.fail_with("sendMessage", 400, "Bad Request: message thread not found")
    with caplog.at_level(logging.ERROR, logger="bot.telegram.errors"):
        await api.push_message(IN_SCOPE)
        [apology] = await bot_harness.replies(ALICE["id"])
    assert apology.params["text"] == escape(t("en", "telegram.apology"))
    [record] = [r for r in caplog.records if r.name == "bot.telegram.errors"]
    assert record.exc_info is not None and "thread not found" in str(record.exc_info[1]).lower()
    await api.push_message(IN_SCOPE)  # the bot keeps running
    _, answer = await bot_harness.replies(ALICE["id"], count=2)
    assert "<blockquote>" in answer.params["text"]


async def test_edited_messages_are_not_answered_again(bot_harness: BotHarness) -> None:
    api = bot_harness.api
    edited = api.new_message(private_chat(ALICE), ALICE, IN_SCOPE)
    await api.push_update({"edited_message": {**edited, "edit_date": edited["date"] + 5}})
    await api.push_message("/help")  # processed after the edit: a barrier for the assertion
    [reply] = await bot_harness.replies(ALICE["id"])
    assert reply.params["text"] == escape(t("en", "telegram.help", bot=BOT_USER["username"]))
    assert api.calls_of("sendChatAction") == []
