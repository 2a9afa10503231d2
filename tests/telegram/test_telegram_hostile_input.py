"""Hostile and stale input through the real Application: every press answered, no handler crashes.

The property-based tests (hypothesis) start the bot once per example and push
a batch of generated updates into it, so each example runs python-telegram-bot's
real HTTP stack against the fake Bot API like the other Telegram tests.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.i18n import t
from bot.telegram.inline import MAX_OFFSET, PAGE_SIZE, parse_offset
from tests.fake_bot_api import ALICE, GROUP_CHAT, FakeBotApi, private_chat
from tests.telegram_fixtures import running_bot

FORGED_CALLBACK_DATA = [
    "fb:9999999999999999999:h",  # a row id beyond SQLite's integers (was an OverflowError)
    "fb:0:h",
    "fb:-1:h",
    "fb:12:x",
    "fb:١٢:h",  # Arabic-Indic digits: \\d would take them
    "fb:",
    "ex:99:en",
    "ex:²:en",
    "ex:1:zz",
    "m:en:no-such-mission",
    "m:zz:#0123456789abcdef",
    "m:",
    "orig:no-such-passage",
    "orig:",
    "lang:xx",
    "lang:",
    "",
    " ",
    "hello",
    "\x00\x01",
    "😀" * 16,
    "x" * 64,
    "fb:1:h:extra",
]
HOSTILE_OFFSETS = [
    "²",
    "①",
    "-1",
    "+5",
    " 10",
    "1e3",
    "0x10",
    "٣",
    "99999999999999999999",
    "10.5",
    "NaN",
    "∞",
]


@contextmanager
def handler_errors() -> Iterator[list[logging.LogRecord]]:
    """Collect what the bot's error handler logs (a handler that crashed) while the block runs."""
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    collector = Collect(logging.ERROR)
    logger = logging.getLogger("bot.telegram.errors")
    logger.addHandler(collector)
    try:
        yield records
    finally:
        logger.removeHandler(collector)


def button_message(api: FakeBotApi, chat: dict[str, Any]) -> dict[str, Any]:
    """A message of the bot's, under which a button was pressed."""
    return api.new_message(chat, {"id": 7357000001, "is_bot": True, "first_name": "bot"}, "an old answer")


async def press_all(engine: Any, data: list[str], chat: dict[str, Any] | None = None) -> FakeBotApi:
    """Press a button with each of ``data`` and wait until every press is answered."""
    async with running_bot(engine) as harness:
        api = harness.api
        ids = []
        for item in data:
            callback = await api.push_callback_query(item, button_message(api, chat or private_chat(ALICE)))
            ids.append(callback["id"])
        answered = await api.wait_for("answerCallbackQuery", count=len(data), timeout=60)
        await asyncio.sleep(0.2)  # any second answer of the same press would come now
        answered = api.calls_of("answerCallbackQuery")
    assert sorted(c.params["callback_query_id"] for c in answered) == sorted(ids)
    return api


async def test_every_forged_or_stale_button_press_is_answered_once(engine: Any) -> None:
    with handler_errors() as errors:
        api = await press_all(engine, FORGED_CALLBACK_DATA)
    assert errors == []
    expired = t("en", "reliability.button_expired")
    texts = {c.params.get("text") for c in api.calls_of("answerCallbackQuery")}
    assert expired in texts


async def test_forged_presses_in_a_group_are_answered_too(engine: Any) -> None:
    with handler_errors() as errors:
        await press_all(engine, FORGED_CALLBACK_DATA[:8], chat=GROUP_CHAT)
    assert errors == []


async def test_a_press_on_an_inline_message_without_a_message_is_answered(engine: Any) -> None:
    async with running_bot(engine) as harness:
        callback = {
            "id": "cb-inline",
            "from": ALICE,
            "inline_message_id": "im1",
            "chat_instance": "c",
            "data": "x",
        }
        await harness.api.push_update({"callback_query": callback})
        [answered] = await harness.api.wait_for("answerCallbackQuery", timeout=20)
    assert answered.params["callback_query_id"] == "cb-inline"


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=64), min_size=1, max_size=25))
def test_any_callback_data_is_answered_once_without_a_crash(engine: Any, data: list[str]) -> None:
    with handler_errors() as errors:
        asyncio.run(press_all(engine, data))
    assert errors == []


@pytest.mark.parametrize("offset", HOSTILE_OFFSETS)
def test_a_hostile_offset_never_raises_and_stays_in_range(offset: str) -> None:
    assert 0 <= parse_offset(offset) <= MAX_OFFSET


@given(st.text())
def test_parse_offset_accepts_any_text(offset: str) -> None:
    position = parse_offset(offset)
    assert 0 <= position <= MAX_OFFSET
    if offset.isascii() and offset.isdigit() and int(offset) <= MAX_OFFSET:
        assert position == int(offset)


async def answer_inline(engine: Any, queries: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Push each (query, offset) and return the bot's answerInlineQuery parameters, in push order."""
    async with running_bot(engine) as harness:
        api = harness.api
        pushed = [await api.push_inline_query(query, offset) for query, offset in queries]
        await api.wait_for("answerInlineQuery", count=len(queries), timeout=60)
        by_id = {c.params["inline_query_id"]: c.params for c in api.calls_of("answerInlineQuery")}
    return [by_id[p["id"]] for p in pushed]


async def test_hostile_inline_offsets_are_answered(engine: Any) -> None:
    queries = [("European Union", offset) for offset in HOSTILE_OFFSETS] + [("", o) for o in HOSTILE_OFFSETS]
    with handler_errors() as errors:
        answers = await answer_inline(engine, queries)
    assert errors == []
    assert len(answers) == len(queries)
    assert all(
        a.get("next_offset", "") in {"", str(PAGE_SIZE)} or a["next_offset"].isdigit() for a in answers
    )


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.text(max_size=80), st.text(max_size=12)), min_size=1, max_size=12))
def test_any_inline_query_and_offset_is_answered(engine: Any, queries: list[tuple[str, str]]) -> None:
    with handler_errors() as errors:
        answers = asyncio.run(answer_inline(engine, queries))
    assert errors == [] and len(answers) == len(queries)


# --- update JSON ---------------------------------------------------------------------------------

LANGUAGE_CODES = st.sampled_from([None, "en", "ru", "be", "de", "zh-hans", "", "xx-YY"])
ENTITY_TYPES = st.sampled_from(["bot_command", "mention", "text_mention", "bold", "url", "hashtag", "code"])


def entities() -> st.SearchStrategy[list[dict[str, Any]]]:
    """Entity lists as a buggy or hostile client might send them: any offsets and lengths."""
    entity = st.fixed_dictionaries(
        {
            "type": ENTITY_TYPES,
            "offset": st.integers(min_value=0, max_value=5000),
            "length": st.integers(min_value=0, max_value=5000),
        }
    )
    return st.lists(entity, max_size=4)


def updates() -> st.SearchStrategy[dict[str, Any]]:
    """A message update: any text, language, chat kind, entities, topic and reply."""
    return st.fixed_dictionaries(
        {
            "text": st.text(min_size=1, max_size=600),
            "language_code": LANGUAGE_CODES,
            "chat": st.sampled_from(["private", "group", "supergroup"]),
            "entities": st.none() | entities(),
            "thread_id": st.none() | st.integers(min_value=1, max_value=2**31 - 1),
            "reply_to_bot": st.booleans(),
        }
    )


async def push_updates(engine: Any, specs: list[dict[str, Any]]) -> tuple[FakeBotApi, list[int]]:
    """Push one message per spec, each from a user of its own; return the private askers' ids."""
    async with running_bot(engine) as harness:
        api = harness.api
        private_askers: list[int] = []
        for number, spec in enumerate(specs):
            user: dict[str, Any] = {"id": 50_000 + number, "is_bot": False, "first_name": "Fuzz"}
            if spec["language_code"] is not None:
                user["language_code"] = spec["language_code"]
            kind = spec["chat"]
            chat = (
                private_chat(user)
                if kind == "private"
                else {"id": -70_000 - number, "type": kind, "title": "t"}
            )
            extra: dict[str, Any] = {}
            if spec["entities"] is not None:
                extra["entities"] = spec["entities"]
            if spec["thread_id"] is not None and kind == "supergroup":
                extra["thread_id"] = spec["thread_id"]
            if spec["reply_to_bot"]:
                extra["reply_to"] = button_message(api, chat)
            await api.push_message(spec["text"], chat=chat, user=user, **extra)
            if kind == "private" and not spec["text"].startswith("/") and spec["entities"] is None:
                private_askers.append(int(user["id"]))
        # A last private question, answered after all the others were handled: the barrier.
        await api.push_message("What is the Union State?", user={**ALICE, "id": 49_999})
        await harness.replies(49_999, timeout=60)
        for asker in private_askers:
            await harness.replies(asker, timeout=60)
        await asyncio.sleep(0.2)
    return api, private_askers


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(updates(), min_size=1, max_size=12))
def test_any_message_update_is_handled_without_a_crash(engine: Any, specs: list[dict[str, Any]]) -> None:
    with handler_errors() as errors:
        api, askers = asyncio.run(push_updates(engine, specs))
    assert errors == []
    for asker in askers:  # each private question gets its answer, exactly once
        replies = [c for c in api.calls_of("sendMessage") if c.params.get("chat_id") == asker]
        assert len(replies) == 1, replies
