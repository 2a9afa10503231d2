"""Every Bot API call the bot makes goes through here: flood limits, 429s and transient failures.

Why a subclass of python-telegram-bot's ``AIORateLimiter`` and not a loop around
``send_message``: the rate limiter is the one place every request passes
(messages, edits, button answers, inline answers, documents), so retrying here
covers them all, and the handlers keep doing one thing: answer.

The limits, and where they come from (https://core.telegram.org/bots/faq,
"My bot is hitting limits, how do I avoid this?"):

- *One chat*: "avoid sending more than one message per second"; *a group*: "not
  more than 20 messages per minute". The group limit is enforced here
  (``AIORateLimiter``'s group limiter); a private chat is one person asking, and
  the per-user question limit (``rate_limit.SlidingWindowLimiter``) keeps that slow.
- *Overall*: "about 30 messages per second" is Telegram's advice "if you're
  sending bulk notifications to multiple users". The bot sends no bulk
  notifications: every message answers someone who wrote first, and Telegram
  answers a bot that goes too fast with 429 and ``retry_after``, which is
  honoured below (all requests pause for that long, then the call is repeated).
  So replies get no overall cap of their own (``OVERALL_MAX_RATE = 0``); a cap
  of 30/s made 200 people asking at once wait half a minute (issue 15).
- ``sendChatAction`` ("typing…") is cosmetic: it bypasses the limits and is
  never retried, so it can never delay an answer.

Transient failures (HTTP 5xx, connection errors, timeouts: python-telegram-bot's
``NetworkError`` other than ``BadRequest``) are retried ``TRANSIENT_RETRIES``
times with capped exponential backoff and jitter (the "equal jitter" of AWS's
"Exponential Backoff and Jitter"): 20 to 40 s of waiting in all, plus the
request timeouts, so a reply survives a Bot API outage of half a minute. Only when the retries are spent does
the error reach the handler, and so the error handler's apology: an apology is
never sent while the answer is still being retried.

Duplicate risk: a timeout or a dropped connection after the request was sent
does not say whether Telegram delivered the message. Retrying then may show
the user the same reply twice; not retrying may show nothing. For a bot that
answers questions a rare duplicate is the lesser harm, so such calls are
retried. A 5xx and a refused connection mean the request was not processed,
and retrying them cannot duplicate.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

OVERALL_MAX_RATE = 0  # no overall cap on replies: see the module docstring
GROUP_MAX_RATE = 20  # messages per minute in one group (Bot FAQ)
GROUP_TIME_PERIOD = 60.0
FLOOD_RETRIES = 5  # 429 answers honoured per call before it is given up
TRANSIENT_RETRIES = 7
FIRST_DELAY_SECONDS = 0.5
MAX_DELAY_SECONDS = 12.0
UNLIMITED_ENDPOINTS = frozenset({"sendChatAction"})

JSONResult = Any  # bool | JSONDict | list[JSONDict], as python-telegram-bot types it


def backoff_delay(retry: int, rng: Callable[[], float] = random.random) -> float:
    """Seconds to wait before retry number ``retry`` (0-based): half fixed, half random.

    ``0.5 · 2^retry`` capped at ``MAX_DELAY_SECONDS``; the random half keeps a
    thousand replies that failed together from all coming back at the same instant.
    """
    ceiling = min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2.0**retry)
    return float(ceiling / 2 + rng() * ceiling / 2)


def is_transient(error: Exception) -> bool:
    """Whether ``error`` may go away by itself: a 5xx, a lost connection or a timeout."""
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


class ReplyRateLimiter(AIORateLimiter):
    """``AIORateLimiter`` with Telegram's per-group limit, no overall cap, and transient retries."""

    def __init__(
        self,
        transient_retries: int = TRANSIENT_RETRIES,
        sleep: Callable[[float], Coroutine[Any, Any, None]] = asyncio.sleep,
    ) -> None:
        super().__init__(
            overall_max_rate=OVERALL_MAX_RATE,
            group_max_rate=GROUP_MAX_RATE,
            group_time_period=GROUP_TIME_PERIOD,
            max_retries=FLOOD_RETRIES,
        )
        self._transient_retries = transient_retries
        self._sleep = sleep

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,  # noqa: ANN401 - python-telegram-bot's own annotation of the positional arguments
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        """Send one request: through the limits, repeating it after 429s and transient failures."""
        if endpoint in UNLIMITED_ENDPOINTS:
            return await callback(*args, **kwargs)
        for retry in range(self._transient_retries + 1):
            try:
                return await super().process_request(callback, args, kwargs, endpoint, data, rate_limit_args)
            except NetworkError as exc:
                if not is_transient(exc) or retry == self._transient_retries:
                    raise
                delay = backoff_delay(retry)
                log.warning(
                    "%s failed (%s: %s); retry %d of %d in %.1f s",
                    endpoint,
                    type(exc).__name__,
                    exc.message,
                    retry + 1,
                    self._transient_retries,
                    delay,
                )
                await self._sleep(delay)
        raise AssertionError("unreachable: the loop returns or raises")  # pragma: no cover
