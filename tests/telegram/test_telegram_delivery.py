"""Delivery under faults: 5xx, hangs, dropped connections and 429s, through the fake Bot API."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

import pytest
from telegram.error import BadRequest, Forbidden, NetworkError, TimedOut

from bot.i18n import t
from bot.rendering.html_split import html_to_text
from bot.telegram.delivery import (
    MAX_DELAY_SECONDS,
    TRANSIENT_RETRIES,
    ReplyRateLimiter,
    backoff_delay,
    is_transient,
)
from tests.fake_bot_api import ALICE, DROPPED, HUNG, FakeBotApi, Fault
from tests.telegram_fixtures import BotHarness

QUESTION = "What are the priorities of the foreign policy of Belarus?"
# Longer than python-telegram-bot's default read timeout (5 s): the client gives up first.
HANG_SECONDS = 6.0


def answers_to_alice(api: FakeBotApi) -> list[str]:
    """The texts of every message Alice received."""
    return [c.params["text"] for c in api.calls_of("sendMessage") if c.params.get("chat_id") == ALICE["id"]]


def is_apology(text: str) -> bool:
    return html_to_text(text) == t("en", "telegram.apology")


async def test_three_502s_then_a_hang_still_deliver_the_answer_exactly_once(bot_harness: BotHarness) -> None:
    api = bot_harness.api
    api.fail_with_server_error("sendMessage", times=3)
    api.hang("sendMessage", HANG_SECONDS)
    await api.push_message(QUESTION)
    [reply] = await bot_harness.replies(ALICE["id"], timeout=60)
    attempts = [c.error_code for c in api.calls_of("sendMessage", include_errors=True)]
    assert attempts == [502, 502, 502, HUNG, None]
    assert "<blockquote>" in reply.params["text"]
    assert not any(is_apology(text) for text in answers_to_alice(api))


async def test_a_dropped_connection_is_retried_and_the_answer_arrives_once(bot_harness: BotHarness) -> None:
    api = bot_harness.api
    api.drop_connection("sendMessage")
    await api.push_message(QUESTION)
    [reply] = await bot_harness.replies(ALICE["id"], timeout=30)
    attempts = [c.error_code for c in api.calls_of("sendMessage", include_errors=True)]
    assert attempts == [DROPPED, None]
    assert answers_to_alice(api) == [reply.params["text"]]


async def test_an_outage_of_the_whole_bot_api_delays_replies_without_losing_them(
    bot_harness: BotHarness,
) -> None:
    api = bot_harness.api
    api.inject("sendMessage", Fault(outage=HANG_SECONDS))  # the first answer starts it
    await api.push_message(QUESTION)
    await api.push_message("What does Belarus think about the European Union?")
    replies = await bot_harness.replies(ALICE["id"], count=2, timeout=60)
    assert all("<blockquote>" in r.params["text"] for r in replies)
    assert len(answers_to_alice(api)) == 2


async def test_a_429_on_a_button_answer_is_honoured(bot_harness: BotHarness) -> None:
    api = bot_harness.api
    api.fail_with_retry_after("answerCallbackQuery", retry_after=1)
    message = api.new_message({"id": ALICE["id"], "type": "private"}, ALICE, "old")
    await api.push_callback_query("no-such-button", message)
    [answered] = await api.wait_for("answerCallbackQuery", timeout=20)
    assert answered.params["text"] == t("en", "reliability.button_expired")


async def test_a_refusal_is_not_retried(bot_harness: BotHarness) -> None:
    api = bot_harness.api
    api.fail_with("sendMessage", 403, "Forbidden: bot was blocked by the user", times=2)
    await api.push_message(QUESTION)  # the answer and then the apology are refused, once each
    # Only then the barrier: a remembered answer is sent at once, and the two updates are
    # handled concurrently, so a sticker pushed now could take one of the two refusals.
    for _ in range(400):
        if len(api.calls_of("sendMessage", include_errors=True)) >= 2:
            break
        await asyncio.sleep(0.05)
    await api.push_sticker()  # a later update the bot answers: a barrier
    await api.wait_for("sendMessage", timeout=20)
    assert [c.error_code for c in api.calls_of("sendMessage", include_errors=True)] == [403, 403, None]


class FailingCall:
    """A request callback that raises ``errors`` one per call, then succeeds."""

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> bool:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return True


async def no_sleep(_seconds: float) -> None:
    return None


async def send_through(limiter: ReplyRateLimiter, call: FailingCall, endpoint: str = "sendMessage") -> Any:
    request: Callable[..., Coroutine[Any, Any, Any]] = call
    return await limiter.process_request(request, (), {}, endpoint, {"chat_id": 1}, None)


async def test_transient_errors_are_retried_a_bounded_number_of_times() -> None:
    limiter = ReplyRateLimiter(sleep=no_sleep)
    call = FailingCall(*[NetworkError("Bad Gateway")] * (TRANSIENT_RETRIES + 1))
    with pytest.raises(NetworkError):
        await send_through(limiter, call)
    assert call.calls == TRANSIENT_RETRIES + 1


async def test_timeouts_and_5xx_are_retried_until_the_call_goes_through() -> None:
    limiter = ReplyRateLimiter(sleep=no_sleep)
    call = FailingCall(NetworkError("Bad Gateway"), TimedOut(), NetworkError("Internal Server Error (500)"))
    assert await send_through(limiter, call) is True
    assert call.calls == 4


async def test_a_bad_request_is_raised_at_once() -> None:
    limiter = ReplyRateLimiter(sleep=no_sleep)
    call = FailingCall(BadRequest("Bad Request: chat not found"))
    with pytest.raises(BadRequest):
        await send_through(limiter, call)
    assert call.calls == 1


async def test_the_typing_action_is_never_retried() -> None:
    limiter = ReplyRateLimiter(sleep=no_sleep)
    call = FailingCall(NetworkError("Bad Gateway"))
    with pytest.raises(NetworkError):
        await send_through(limiter, call, "sendChatAction")
    assert call.calls == 1


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (NetworkError("Bad Gateway"), True),
        (TimedOut(), True),
        (BadRequest("Bad Request: message is too long"), False),
        (Forbidden("Forbidden: bot was blocked by the user"), False),
    ],
)
def test_only_network_failures_count_as_transient(error: Exception, transient: bool) -> None:
    assert is_transient(error) is transient


@pytest.mark.parametrize("retry", range(12))
def test_backoff_grows_and_stays_capped(retry: int) -> None:
    low, high = backoff_delay(retry, lambda: 0.0), backoff_delay(retry, lambda: 1.0)
    assert 0 < low <= high <= MAX_DELAY_SECONDS
    assert low == high / 2
