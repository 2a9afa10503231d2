"""The HTTP client for Bot API calls, counting failures for ``/metrics``.

python-telegram-bot's own ``HTTPXRequest`` does the work; this subclass only
looks at each answer's status before python-telegram-bot turns it into an
exception (a 429 into ``RetryAfter``, which the rate limiter retries).
"""

from __future__ import annotations

from typing import Any

from telegram.request import HTTPXRequest

from bot.telegram.metrics import API_ERRORS, API_FLOOD_WAITS

__all__ = ["CountingRequest"]

FLOOD_CONTROL = 429


class CountingRequest(HTTPXRequest):
    """``HTTPXRequest`` that counts Bot API errors by method and status code."""

    async def do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:  # noqa: ANN401 - python-telegram-bot's own parameters, passed through
        code, payload = await super().do_request(url, method, *args, **kwargs)
        if code >= 300:
            # The URL ends with the method name; the token before it never becomes a label.
            API_ERRORS.labels(method=url.rsplit("/", 1)[-1][:64], code=str(code)).inc()
            if code == FLOOD_CONTROL:
                API_FLOOD_WAITS.inc()
        return code, payload
