"""Inline mode: quotes from retrieval, pages of ten, topics, an honest "not covered"."""

from __future__ import annotations

import asyncio
import threading
import time
from html import escape
from typing import Any

from bot.answering.records import Answer
from bot.i18n import t
from bot.rendering.html_split import html_to_text
from tests.fake_bot_api import ALICE, BORIS, RecordedCall
from tests.html_assertions import assert_well_formed_html
from tests.telegram_fixtures import BotHarness, every_passage, running_bot

BROAD_QUERY = "foreign policy of Belarus"


async def inline_answer(harness: BotHarness, query: dict[str, Any]) -> RecordedCall:
    [call] = await harness.api.wait_for(
        "answerInlineQuery", lambda c: c.params["inline_query_id"] == query["id"]
    )
    return call


async def test_inline_query_returns_quotes_with_their_source(bot_harness: BotHarness) -> None:
    query = await bot_harness.api.push_inline_query(BROAD_QUERY)
    answer = (await inline_answer(bot_harness, query)).params
    expected = bot_harness.engine.search_passages(BROAD_QUERY, None, 10, 0)
    assert [r["id"] for r in answer["results"]] == [f"p:{p.passage_id}" for p in expected]
    first, passage = answer["results"][0], expected[0]
    assert passage.source_name in first["title"]
    assert first["description"] and first["description"][:20] in (passage.best_sentence or passage.text)
    message = first["input_message_content"]["message_text"]
    assert "<blockquote>" in message and f'href="{escape(passage.source_url)}"' in message
    assert_well_formed_html(message)


async def test_inline_answer_caches_and_offers_a_private_chat(bot_harness: BotHarness) -> None:
    query = await bot_harness.api.push_inline_query(BROAD_QUERY)
    answer = (await inline_answer(bot_harness, query)).params
    assert answer["cache_time"] >= 60
    assert answer["button"] == {
        "text": t("en", "telegram.inline.open_private_chat"),
        "start_parameter": "inline",
    }


class EveryPassageMatches:
    """The real engine, except that every inline query matches every passage of the corpus.

    The shipped material is small and the engine's coverage threshold strict, so
    no real query covers more than ten passages; pagination needs more.
    """

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.passages = every_passage(engine)

    def search_passages(self, query: str, lang: str | None, limit: int, offset: int) -> list[Any]:
        return self.passages[offset : offset + limit]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)


async def test_inline_results_come_in_pages_of_ten_until_the_last(engine: Any) -> None:
    engine = EveryPassageMatches(engine)
    total = len(engine.passages)
    assert total > 20
    pages: list[dict[str, Any]] = []
    offset: str | None = ""
    async with running_bot(engine) as harness:
        while offset is not None:
            query = await harness.api.push_inline_query(BROAD_QUERY, offset=offset)
            page = (await inline_answer(harness, query)).params
            pages.append(page)
            offset = page["next_offset"] or None
    ids = [r["id"] for page in pages for r in page["results"]]
    assert [len(p["results"]) for p in pages[:-1]] == [10] * (len(pages) - 1)
    assert [p["next_offset"] for p in pages] == [str(10 * n) for n in range(1, len(pages))] + [""]
    assert ids == [f"p:{p.passage_id}" for p in engine.passages]


async def test_empty_inline_query_shows_the_topics(bot_harness: BotHarness) -> None:
    query = await bot_harness.api.push_inline_query("", user=BORIS)
    answer = (await inline_answer(bot_harness, query)).params
    topics = bot_harness.engine.topics("ru") or bot_harness.engine.topics("en")
    assert [r["title"] for r in answer["results"]] == topics[:10]
    assert answer["next_offset"] == ("10" if len(topics) > 10 else "")
    button = answer["results"][0]["reply_markup"]["inline_keyboard"][0][0]
    assert button["switch_inline_query_current_chat"] == topics[0]


async def test_uncovered_inline_query_returns_one_article_linking_the_official_site(
    bot_harness: BotHarness,
) -> None:
    query = await bot_harness.api.push_inline_query("football results of the weekend")
    answer = (await inline_answer(bot_harness, query)).params
    site = bot_harness.settings.official_site_url
    [article] = answer["results"]
    assert article["title"] == t("en", "telegram.inline.not_covered_title")
    assert html_to_text(article["input_message_content"]["message_text"]) == t(
        "en", "reply.not_covered", site=site
    )
    assert article["reply_markup"]["inline_keyboard"][0][0]["url"] == site
    assert answer["next_offset"] == ""


async def test_inline_query_past_the_last_page_returns_nothing_more(bot_harness: BotHarness) -> None:
    query = await bot_harness.api.push_inline_query(BROAD_QUERY, offset="500")
    answer = (await inline_answer(bot_harness, query)).params
    assert (answer["results"], answer["next_offset"]) == ([], "")


class SlowAnswers:
    """The real engine, except that ``answer`` waits until the test releases it."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.release = threading.Event()
        self.started = threading.Event()

    def answer(self, *args: Any, **kwargs: Any) -> Answer:
        self.started.set()
        self.release.wait(timeout=30)
        return self._engine.answer(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)


async def test_a_slow_question_does_not_hold_up_an_inline_query(engine: Any) -> None:
    slow = SlowAnswers(engine)
    async with running_bot(slow) as harness:
        await harness.api.push_message("What are the priorities of the foreign policy of Belarus?")
        await asyncio.to_thread(slow.started.wait, 10)
        started = time.monotonic()
        query = await harness.api.push_inline_query(BROAD_QUERY)
        await inline_answer(harness, query)
        inline_seconds = time.monotonic() - started
        assert harness.api.calls_of("sendMessage") == []  # the question is still being answered
        slow.release.set()
        await harness.replies(ALICE["id"])
    assert inline_seconds < 1.5
