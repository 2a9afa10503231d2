"""Long polling that confirms a batch of updates only after handling it (or after a bounded wait).

What polling can promise about a crash, and what it cannot:

- Telegram keeps an update until a later ``getUpdates`` asks for an offset
  beyond it; that call *confirms* it. python-telegram-bot asks for the next
  batch as soon as the current one is queued, so a crash (kill -9, power loss)
  used to lose every update fetched but not yet answered: 5 to 14 of a burst
  of 20 (issue 15).
- Here the next ``getUpdates`` waits until every update of the previous batch
  has been handled, at most ``CONFIRM_WAIT_SECONDS``. A crash then loses only
  the updates still being handled after that wait (a reply stuck retrying
  through a Bot API outage, a long ``/reload``), and nothing otherwise.
- The price is the other direction: updates of the unconfirmed batch that
  were already answered when the process died are fetched again at the next
  start and answered a second time. For a question bot a repeated answer is
  the lesser harm than a lost one. Exactly-once needs a record of handled
  update ids that outlives the process: the webhook replicas' claim table.
- A graceful stop (Ctrl+C, SIGTERM) finishes the updates in hand first, as
  python-telegram-bot does, so it loses and repeats nothing.

The wait costs little throughput: while a batch is handled, new updates wait
at Telegram instead of in this process's memory, and the bot is busy anyway.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram._utils.types import ODVInput
from telegram.ext import SimpleUpdateProcessor
from telegram.request import BaseRequest, HTTPXRequest, RequestData

log = logging.getLogger(__name__)

# Answers take milliseconds to a second; a batch still unfinished after this is
# confirmed anyway, so one slow update (a reload, an outage) cannot stop polling.
CONFIRM_WAIT_SECONDS = 10.0
# As many updates handled at once as python-telegram-bot's ``concurrent_updates(True)``.
CONCURRENT_UPDATES = 256


class HandledBatches:
    """Which updates of the last fetched batch are still being handled."""

    def __init__(self) -> None:
        self._unfinished: set[int] = set()
        self._finished = asyncio.Event()
        self._finished.set()

    def fetched(self, update_ids: list[int]) -> None:
        """Remember a batch just returned by ``getUpdates``."""
        self._unfinished.update(update_ids)
        if self._unfinished:
            self._finished.clear()

    def handled(self, update_id: int) -> None:
        """One update is done (answered, ignored, or failed and logged)."""
        self._unfinished.discard(update_id)
        if not self._unfinished:
            self._finished.set()

    async def wait(self, timeout: float) -> None:
        """Return when the last batch is handled, or after ``timeout`` (then it is confirmed unfinished)."""
        try:
            await asyncio.wait_for(self._finished.wait(), timeout)
        except TimeoutError:
            log.warning(
                "%d updates still being handled after %.0f s; confirming them to keep polling",
                len(self._unfinished),
                timeout,
            )
            self._unfinished.clear()
            self._finished.set()

    @property
    def unfinished(self) -> int:
        """How many updates of the last batch are not handled yet."""
        return len(self._unfinished)


class TrackingUpdateProcessor(SimpleUpdateProcessor):
    """python-telegram-bot's concurrent processing, telling ``HandledBatches`` when each update is done."""

    def __init__(self, batches: HandledBatches, max_concurrent_updates: int = CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._batches = batches

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Handle the update, then mark it handled, whatever the outcome."""
        try:
            await coroutine
        finally:
            if isinstance(update, Update):
                self._batches.handled(update.update_id)


class ConfirmAfterHandlingRequest(HTTPXRequest):
    """The ``getUpdates`` connection: it asks for the next batch only once the last one is handled."""

    def __init__(self, batches: HandledBatches, wait_seconds: float = CONFIRM_WAIT_SECONDS) -> None:
        super().__init__(connection_pool_size=1)  # python-telegram-bot's own choice for getUpdates
        self._batches = batches
        self._wait_seconds = wait_seconds

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
        """Wait for the last batch, fetch the next one, and remember its update ids."""
        if url.endswith("/getUpdates"):
            await self._batches.wait(self._wait_seconds)
        code, payload = await super().do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )
        if url.endswith("/getUpdates") and code == 200:
            self._batches.fetched(_update_ids(payload))
        return code, payload


def _update_ids(payload: bytes) -> list[int]:
    """The update ids in a ``getUpdates`` answer; none if it cannot be read (PTB reports that)."""
    try:
        updates = json.loads(payload).get("result") or []
        return [int(update["update_id"]) for update in updates]
    except (ValueError, TypeError, KeyError, AttributeError):
        return []
