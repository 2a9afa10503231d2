"""Long polling that confirms an update to Telegram only once it is handled.

What polling can promise about a crash, and what it cannot:

- Telegram keeps an update until a ``getUpdates`` asks for an offset beyond it;
  that call *confirms* it. python-telegram-bot asks for the next batch with the
  offset after the last update it fetched, as soon as that batch is queued, so
  a crash (kill -9, power loss) lost every update fetched but not yet answered:
  5 to 14 of a burst of 20 (issue 15).
- Here each ``getUpdates`` asks for the offset of the oldest update still being
  handled, and the updates already in hand that Telegram sends again are
  dropped before python-telegram-bot sees them. New updates keep coming (no
  update waits for a slow one), and a crash loses nothing Telegram still has:
  at the next start every unanswered update is fetched again.
- An update still unfinished after ``HOLD_SECONDS`` (a reply stuck retrying
  through a long Bot API outage) is confirmed anyway, so that a hundred stuck
  updates (``getUpdates``' limit) cannot stop polling; a crash loses those.
- The price is the other direction: updates that were answered but not yet
  confirmed when the process died (those newer than the oldest unfinished one)
  are answered again after the restart. For a question bot a repeated answer
  is the lesser harm. Exactly-once needs a record of handled update ids that
  outlives the process: the webhook replicas' claim table.
- A graceful stop (Ctrl+C, SIGTERM) finishes the updates in hand first, as
  python-telegram-bot does, so it loses and repeats nothing.

Why hooks and not an own polling loop: python-telegram-bot's ``Updater`` keeps
its retries, back-off and shutdown handling; only the ``getUpdates`` request
(``ApplicationBuilder.get_updates_request``) and the update processor
(``concurrent_updates``) are replaced, both documented extension points.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram._utils.types import ODVInput
from telegram.ext import SimpleUpdateProcessor
from telegram.request import BaseRequest, RequestData
from telegram.request._requestparameter import RequestParameter

from bot.telegram.api_request import AiohttpRequest

# A reply retrying through an outage takes up to about a minute (bot.telegram.delivery).
HOLD_SECONDS = 90.0
# While updates are in hand Telegram answers getUpdates at once (they are still
# pending there), so with nothing new in an answer the next call waits this long
# or until an update is handled: new updates arrive at most this much later.
BUSY_POLL_SECONDS = 0.3
# As many updates handled at once as python-telegram-bot's ``concurrent_updates(True)``.
CONCURRENT_UPDATES = 256


class UpdatesInHand:
    """The updates fetched and not yet confirmed: those being handled and those handled."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._unfinished: dict[int, float] = {}  # update id -> when it was fetched
        self._handled: set[int] = set()  # handled, not yet confirmed to Telegram
        self._changed = asyncio.Event()

    def offset(self, requested: int) -> int:
        """The offset to ask for: that of the oldest update still held, else ``requested``."""
        now = self._clock()
        held = [update_id for update_id, at in self._unfinished.items() if now - at < HOLD_SECONDS]
        offset = min([requested, *held])
        self._handled = {update_id for update_id in self._handled if update_id >= offset}  # confirmed now
        return offset

    def new_among(self, update_ids: list[int]) -> set[int]:
        """Which of ``update_ids`` (a getUpdates answer) are new; remember them as being handled."""
        new = {u for u in update_ids if u not in self._unfinished and u not in self._handled}
        now = self._clock()
        self._unfinished.update(dict.fromkeys(new, now))
        return new

    def handled(self, update_id: int) -> None:
        """One update is done (answered, ignored, or failed and logged)."""
        if self._unfinished.pop(update_id, None) is not None:
            self._handled.add(update_id)
        self._changed.set()

    @property
    def unfinished(self) -> int:
        """How many fetched updates are still being handled."""
        return len(self._unfinished)

    async def wait_for_progress(self, timeout: float) -> None:
        """Return when an update was handled since the last call, or after ``timeout``."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._changed.wait(), timeout)
        self._changed.clear()


class TrackingUpdateProcessor(SimpleUpdateProcessor):
    """python-telegram-bot's concurrent processing, telling ``UpdatesInHand`` when each update is done."""

    def __init__(self, in_hand: UpdatesInHand, max_concurrent_updates: int = CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._in_hand = in_hand

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Handle the update, then mark it handled, whatever the outcome."""
        try:
            await coroutine
        finally:
            if isinstance(update, Update):
                self._in_hand.handled(update.update_id)


class ConfirmAfterHandlingRequest(AiohttpRequest):
    """The ``getUpdates`` connection: confirms only handled updates and drops the ones in hand."""

    def __init__(self, in_hand: UpdatesInHand) -> None:
        super().__init__(connections=1)  # python-telegram-bot's own choice for getUpdates
        self._in_hand = in_hand
        self._nothing_new = False

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Ask from the oldest update in hand; pass on only the updates not already in hand."""
        polling = url.endswith("/getUpdates") and request_data is not None
        if polling:
            if self._nothing_new and self._in_hand.unfinished:
                await self._in_hand.wait_for_progress(BUSY_POLL_SECONDS)
            request_data = self._with_offset(request_data)
        code, payload = await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        if polling and code == 200:
            payload = self._only_new(payload)
        return code, payload

    def _with_offset(self, request_data: RequestData | None) -> RequestData | None:
        if request_data is None:
            return None
        parameters = dict(request_data.parameters)
        requested = int(str(parameters.get("offset") or 0))
        offset = self._in_hand.offset(requested)
        if offset == requested:
            return request_data
        parameters["offset"] = offset
        return RequestData([RequestParameter.from_input(key, value) for key, value in parameters.items()])

    def _only_new(self, payload: bytes) -> bytes:
        try:
            answer = json.loads(payload)
            updates = list(answer["result"])
            new = self._in_hand.new_among([int(update["update_id"]) for update in updates])
        except (ValueError, TypeError, KeyError):
            return payload  # not a getUpdates answer we understand: python-telegram-bot reports it
        self._nothing_new = not new
        if len(new) == len(updates):
            return payload
        answer["result"] = [update for update in updates if int(update["update_id"]) in new]
        return json.dumps(answer).encode("utf-8")
