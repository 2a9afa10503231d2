"""A fake Telegram that delivers webhooks the way the real Bot API server does.

``FakeTelegram`` is the loopback fake Bot API (``tests.fake_bot_api``) plus the
webhook bookkeeping (``setWebhook`` / ``getWebhookInfo``), the arrival time of
every call, and a hold that keeps chosen calls waiting (a replica stuck
mid-update). ``WebhookDeliverer`` mirrors tdlib's ``WebhookActor`` (research
notes §1a): one FIFO per chat and the next update of a chat only after the
previous one was acknowledged; updates of different chats in parallel up to
``max_connections``; the secret header on every POST; a retry on any non-2xx
answer, a timeout or a reset, after ``Retry-After`` when the bot sends one,
else after a doubling back-off (scaled down for tests). Each attempt goes to
the next target, so a list of replica URLs makes it the round-robin balancer.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from tests.fake_bot_api import FakeBotApi, RecordedCall, _read_params

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class FakeTelegram(FakeBotApi):
    """The fake Bot API with webhook registration, call times and holds."""

    def __init__(self) -> None:
        super().__init__()
        self.webhook: dict[str, Any] = {}
        self.arrived_at: list[float] = []  # time.monotonic() of each call in ``calls``
        self._holds: dict[tuple[str, int], asyncio.Event] = {}
        self.held: list[RecordedCall] = []

    def hold(self, method: str, chat_id: int) -> asyncio.Event:
        """Keep calls of ``method`` to ``chat_id`` waiting until the returned event is set."""
        release = asyncio.Event()
        self._holds[(method, chat_id)] = release
        return release

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if not self._holds or method == "getUpdates" or request.match_info["token"] != self.token:
            return await super()._handle(request)
        params = await _read_params(request)  # read once: the body cannot be read again
        chat_id = params.get("chat_id")
        release = self._holds.get((method, int(chat_id))) if chat_id is not None else None
        if release is not None:
            # The call has reached "Telegram": like the real server, it completes even if
            # the caller dies meanwhile (the held request is answered after release).
            self.held.append(RecordedCall(method, params))
            await release.wait()
        result = self._result_for(method, params)
        await self._record(RecordedCall(method, params, result))
        return web.json_response({"ok": True, "result": result})

    async def _record(self, call: RecordedCall) -> None:
        self.arrived_at.append(time.monotonic())
        await super()._record(call)

    def _result_for(self, method: str, params: dict[str, Any]) -> Any:
        if method == "setWebhook":
            self.webhook = {
                "url": params.get("url", ""),
                "max_connections": int(params.get("max_connections") or 40),
                "allowed_updates": params.get("allowed_updates") or [],
                "secret_token": params.get("secret_token"),
            }
            return True
        if method == "getWebhookInfo":
            info = {key: value for key, value in self.webhook.items() if key != "secret_token"}
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0, **info}
        return super()._result_for(method, params)

    def replies_to(self, chat_id: int) -> list[RecordedCall]:
        """Every successful sendMessage to ``chat_id``."""
        return [c for c in self.calls_of("sendMessage") if c.params.get("chat_id") == chat_id]


def chat_key(update: dict[str, Any]) -> int:
    """The queue an update waits in: its chat, else its sender, else itself."""
    for kind in ("message", "edited_message", "channel_post"):
        if kind in update:
            return int(update[kind]["chat"]["id"])
    for kind in ("callback_query", "inline_query", "chosen_inline_result"):
        if kind in update:
            return int(update[kind]["from"]["id"])
    return int(update["update_id"])


@dataclass
class Delivery:
    """One update's way to the bot: every attempt, and when it was acknowledged."""

    update: dict[str, Any]
    queued_at: float
    attempts: list[tuple[str, str]] = field(default_factory=list)  # (target, status or error)
    acked_at: float | None = None
    started_at: float | None = None  # when the first attempt began (the chat's turn came)
    in_flight_to: str | None = None  # the target of the attempt under way

    @property
    def update_id(self) -> int:
        return int(self.update["update_id"])


class WebhookDeliverer:
    """POST updates to ``targets`` as Telegram does (see the module docstring)."""

    def __init__(
        self,
        targets: Sequence[str],
        secret: str,
        *,
        max_connections: int = 40,
        request_timeout: float = 30.0,
        first_backoff: float = 0.1,
        max_backoff: float = 2.0,
        max_retry_after: float = 5.0,
    ) -> None:
        self._targets = itertools.cycle(list(targets))
        self._secret = secret
        self._slots = asyncio.Semaphore(max_connections)
        self._timeout = aiohttp.ClientTimeout(total=request_timeout)
        self._first_backoff = first_backoff
        self._max_backoff = max_backoff
        self._max_retry_after = max_retry_after
        self._queues: dict[int, deque[Delivery]] = {}
        self._workers: dict[int, asyncio.Task[None]] = {}
        self.deliveries: dict[int, Delivery] = {}
        self._session: aiohttp.ClientSession | None = None
        self._acked = asyncio.Condition()

    async def __aenter__(self) -> WebhookDeliverer:
        # A fresh connection per attempt, as a balancer in front of replicas would not pin one.
        self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True, limit=0))
        return self

    async def __aexit__(self, *exc: object) -> None:
        for worker in self._workers.values():
            worker.cancel()
        await asyncio.gather(*self._workers.values(), return_exceptions=True)
        if self._session is not None:
            await self._session.close()

    def send(self, update: dict[str, Any]) -> Delivery:
        """Queue ``update`` behind its chat's earlier ones; delivery starts at once if the chat is idle."""
        delivery = Delivery(update, time.monotonic())
        self.deliveries[delivery.update_id] = delivery
        key = chat_key(update)
        self._queues.setdefault(key, deque()).append(delivery)
        worker = self._workers.get(key)
        if worker is None or worker.done():
            self._workers[key] = asyncio.create_task(self._drain(key))
        return delivery

    async def wait_acked(self, timeout: float) -> None:
        """Wait until every queued update was acknowledged; fail naming those that were not."""

        def all_acked() -> bool:
            return all(d.acked_at is not None for d in self.deliveries.values())

        async with self._acked:
            try:
                await asyncio.wait_for(self._acked.wait_for(all_acked), timeout)
            except TimeoutError:
                pending = [d.update_id for d in self.deliveries.values() if d.acked_at is None]
                raise AssertionError(f"updates not acknowledged within {timeout}s: {pending[:20]}") from None

    async def _drain(self, key: int) -> None:
        queue = self._queues[key]
        while queue:
            delivery = queue[0]
            await self._deliver(delivery)
            queue.popleft()
            async with self._acked:
                self._acked.notify_all()

    async def _deliver(self, delivery: Delivery) -> None:
        assert self._session is not None, "use the deliverer as an async context manager"
        backoff = self._first_backoff
        while True:
            target = next(self._targets)
            wait = backoff
            async with self._slots:
                if delivery.started_at is None:
                    delivery.started_at = time.monotonic()
                delivery.in_flight_to = target
                try:
                    async with self._session.post(
                        target,
                        json=delivery.update,
                        headers={SECRET_HEADER: self._secret},
                        timeout=self._timeout,
                    ) as response:
                        await response.read()
                        delivery.attempts.append((target, str(response.status)))
                        if 200 <= response.status < 300:
                            delivery.acked_at = time.monotonic()
                            return
                        retry_after = response.headers.get("Retry-After")
                        if retry_after is not None:
                            wait = min(float(retry_after), self._max_retry_after)
                except (aiohttp.ClientError, TimeoutError) as exc:
                    delivery.attempts.append((target, type(exc).__name__))
                finally:
                    delivery.in_flight_to = None
            await asyncio.sleep(wait)
            backoff = min(backoff * 2, self._max_backoff)
