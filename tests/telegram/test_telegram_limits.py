"""Limits and faults: per-user limit, Telegram's 429, replies longer than one message."""

from __future__ import annotations

import dataclasses
import time
from typing import Any

from bot.answering.records import Answer
from bot.i18n import t
from bot.rendering import render_answer_html
from bot.rendering.html_split import html_to_text, split_html
from tests.fake_bot_api import ALICE, BORIS
from tests.html_assertions import assert_well_formed_html, utf16_length
from tests.telegram_fixtures import BotHarness, every_passage, running_bot

QUESTION = "What are the priorities of the foreign policy of Belarus?"


class CountingEngine:
    """The real engine, counting the questions it is asked."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self.questions = 0

    def answer(self, question: str, lang: str | None = None, user_language_code: str | None = None) -> Answer:
        self.questions += 1
        return self._engine.answer(question, lang, user_language_code)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)


async def test_questions_over_the_per_user_limit_get_a_polite_notice(engine: Any) -> None:
    engine = CountingEngine(engine)
    async with running_bot(engine, questions_per_minute=2) as harness:
        for _ in range(3):
            await harness.api.push_message(QUESTION)
        replies = await harness.replies(ALICE["id"], count=3)
        await harness.api.push_message(QUESTION, user=BORIS)
        [other_user] = await harness.replies(BORIS["id"])
    notices = [r for r in replies if "<blockquote>" not in r.params["text"]]
    [notice] = notices
    assert html_to_text(notice.params["text"]) == t("en", "telegram.rate_limited", seconds=60)
    assert "<blockquote>" in other_user.params["text"]
    assert engine.questions == 3  # two of Alice's and Boris's: the refused question never ran


async def test_a_429_from_telegram_delays_the_reply_but_never_loses_it(bot_harness: BotHarness) -> None:
    api = bot_harness.api
    api.fail_with_retry_after("sendMessage", times=1, retry_after=1)
    started = time.monotonic()
    await api.push_message(QUESTION)
    [reply] = await bot_harness.replies(ALICE["id"])
    attempts = api.calls_of("sendMessage", include_errors=True)
    assert [a.error_code for a in attempts] == [429, None]
    assert attempts[1].at - attempts[0].at >= 1.0
    assert attempts[0].params["text"] == reply.params["text"]
    assert time.monotonic() - started >= 1.0


class ManyPassages:
    """The real engine, except that ``answer`` quotes the first twenty passages of the corpus.

    Real answers quote at most three passages, which fit one message; only a
    reply this long shows the splitting at work.
    """

    def __init__(self, engine: Any) -> None:
        self._engine = engine
        self._passages = tuple(every_passage(engine)[:20])

    def answer(self, question: str, lang: str | None = None, user_language_code: str | None = None) -> Answer:
        answer = self._engine.answer(question, lang, user_language_code)
        return dataclasses.replace(answer, passages=self._passages)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)


async def test_a_long_reply_is_split_into_valid_messages_of_at_most_4096(engine: Any) -> None:
    engine = ManyPassages(engine)
    expected_html = render_answer_html(engine.answer(QUESTION, None, "en"), engine.options.official_site_url)
    assert utf16_length(expected_html) > 4096  # the point of the test: it cannot go in one message
    expected_parts = len(split_html(expected_html))
    async with running_bot(engine) as harness:
        await harness.api.push_message(QUESTION)
        parts = await harness.replies(ALICE["id"], count=expected_parts)
    texts = [p.params["text"] for p in parts]
    assert len(texts) == expected_parts >= 2
    assert "reply_parameters" not in parts[1].params
    for text in texts:
        assert utf16_length(text) <= 4096
        assert_well_formed_html(text)
    assert "".join(html_to_text(x) for x in texts).strip() == html_to_text(expected_html).strip()
