"""The replicas' webhook server: acknowledge an update only after it is handled, and once.

Why not python-telegram-bot's ``run_webhook``: its server answers 200 as soon
as the update is queued, before any handler runs, so a replica killed then
loses the update; and it always calls ``setWebhook``, which several replicas
starting together would race on. Here (aiohttp, already the tests' HTTP stack,
so no new web framework) each delivery goes:

1. the secret header is compared in constant time (403 without it);
2. the ``update_id`` is claimed in the shared store: a finished one is a
   duplicate (200, nothing sent), one another replica is working on gets 503
   with ``Retry-After`` (Telegram honours it), a database that is down gets 503;
3. ``Application.process_update`` runs the handlers inside the request, under
   ``BOT_UPDATE_DEADLINE_SECONDS`` (well below Telegram's 60 s);
4. the update is marked done and 200 goes back. A replica killed before that
   leaves a claim that expires after ``BOT_UPDATE_LEASE_SECONDS``; Telegram
   redelivers and another replica answers. The window left, a kill between the
   reply and step 4, can send one reply twice: every bot method call lacks an
   idempotency key (tdlib/telegram-bot-api#126).

Telegram sends a chat's next update only after the previous one is
acknowledged, so acknowledging after handling keeps each chat's order with no
lock across replicas. ``/healthz`` (alive), ``/readyz`` (engine loaded, database
reachable, not draining) and ``/metrics`` share the listen address. SIGTERM
drains: ``/readyz`` turns 503, new deliveries get 503, in-flight ones finish,
then the Application and the store's pool close.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import math
import os
import signal
import socket
import time
from dataclasses import dataclass, field

from aiohttp import web
from telegram import Update

from bot.storage import ClaimOutcome, StorageError, Store
from bot.telegram.context import BotApplication
from bot.telegram.metrics import UPDATE_SECONDS, UPDATES, render_metrics

__all__ = ["WebhookServer", "replica_name"]

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
READY_PING_TIMEOUT_S = 1.0
MAX_BODY_BYTES = 1 << 20  # an update is a few kB; Telegram's own limit on a message is 4096 characters
DRAIN_TIMEOUT_S = 30.0
# Forget handled update ids after 25 h: Telegram drops an update 24 h after it was sent.
UPDATE_ID_RETENTION_S = 25 * 3600
UPDATE_ID_SWEEP_EVERY_S = 600


def replica_name(configured: str) -> str:
    """``BOT_REPLICA_NAME``, else host name and process id (unique per running replica)."""
    return configured or f"{socket.gethostname()}-{os.getpid()}"


@dataclass
class WebhookServer:
    """Serve ``application``'s webhook and the operations endpoints on ``listen``:``port``.

    The Application must be built with ``polling=False`` and already started
    (``initialize``, ``post_init``, ``start``): its bot data holds the store
    and the engine the endpoints look at.
    """

    application: BotApplication
    secret: str
    path: str
    listen: str
    port: int
    replica: str
    lease_seconds: float = 90.0
    deadline_seconds: float = 25.0
    draining: bool = False
    _in_flight: int = 0
    _idle: asyncio.Event = field(default_factory=asyncio.Event)
    _runner: web.AppRunner | None = None
    _last_sweep: float = 0.0

    @property
    def retry_after(self) -> int:
        """Seconds Telegram is asked to wait before redelivering an update another replica holds."""
        return max(1, min(5, math.ceil(self.lease_seconds / 2)))

    def _store(self) -> Store:
        store = self.application.bot_data.store
        if store is None:
            raise StorageError("the store is not open")
        return store

    def web_app(self) -> web.Application:
        """The aiohttp application: the webhook route and the three operations routes."""
        app = web.Application(client_max_size=MAX_BODY_BYTES)
        app.router.add_post(f"/{self.path.strip('/')}", self.receive_update)
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/readyz", self.readyz)
        app.router.add_get("/metrics", self.metrics)
        return app

    async def start(self) -> None:
        """Listen (the Application is already running)."""
        self._idle.set()
        self._runner = web.AppRunner(
            self.web_app(), access_log=None, handle_signals=False, shutdown_timeout=DRAIN_TIMEOUT_S
        )
        await self._runner.setup()
        await web.TCPSite(self._runner, self.listen, self.port).start()
        log.info("replica %s serving the webhook on %s:%d", self.replica, self.listen, self.port)

    async def drain_and_stop(self) -> None:
        """Refuse new deliveries, let the ones in flight finish, then stop listening."""
        self.draining = True
        try:
            await asyncio.wait_for(self._idle.wait(), DRAIN_TIMEOUT_S)
        except TimeoutError:
            log.warning("stopping with %d updates still in flight", self._in_flight)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # --- operations endpoints -------------------------------------------------

    async def healthz(self, _request: web.Request) -> web.Response:
        """Alive: the event loop answers."""
        return web.json_response({"alive": True, "replica": self.replica})

    async def readyz(self, _request: web.Request) -> web.Response:
        """Ready for traffic: engine loaded, database reachable within a second, not draining."""
        engine_loaded = self.application.bot_data.engine is not None
        database = "ok"
        try:
            await asyncio.wait_for(asyncio.to_thread(self._store().ping), READY_PING_TIMEOUT_S)
        except (StorageError, TimeoutError) as exc:
            database = f"unreachable: {type(exc).__name__}"
        ready = engine_loaded and database == "ok" and not self.draining
        body = {
            "ready": ready,
            "engine": "loaded" if engine_loaded else "loading",
            "database": database,
            "draining": self.draining,
            "replica": self.replica,
        }
        return web.json_response(body, status=200 if ready else 503)

    async def metrics(self, _request: web.Request) -> web.Response:
        """Prometheus text format (``prometheus_client``'s default registry)."""
        body, content_type = render_metrics()
        response = web.Response(body=body)
        response.headers["Content-Type"] = content_type
        return response

    # --- the webhook ----------------------------------------------------------

    def _retry_later(self, outcome: str, seconds: int) -> web.Response:
        UPDATES.labels(outcome=outcome).inc()
        return web.Response(status=503, headers={"Retry-After": str(seconds)}, text=outcome)

    async def receive_update(self, request: web.Request) -> web.Response:
        """Handle one delivery from Telegram (see the module docstring for the steps)."""
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode("utf-8"), self.secret.encode("utf-8")):
            UPDATES.labels(outcome="forbidden").inc()
            return web.Response(status=403, text="forbidden")
        if self.draining:
            return self._retry_later("draining", 1)
        if self.application.bot_data.engine is None or self.application.bot_data.store is None:
            return self._retry_later("starting", 1)
        try:
            data = await request.json()
            update_id = int(data["update_id"])
        except (json.JSONDecodeError, KeyError, TypeError, ValueError):
            # A 4xx, not a 5xx: Telegram would retry a 5xx forever with the same body.
            UPDATES.labels(outcome="bad_request").inc()
            return web.Response(status=400, text="not a Telegram update")
        started = time.monotonic()
        self._in_flight += 1
        self._idle.clear()
        try:
            return await self._handle(update_id, data)
        finally:
            self._in_flight -= 1
            if self._in_flight == 0:
                self._idle.set()
            UPDATE_SECONDS.observe(time.monotonic() - started)

    async def _handle(self, update_id: int, data: dict[str, object]) -> web.Response:
        store = self._store()
        now = time.time()
        try:
            outcome = await asyncio.to_thread(
                store.claim_update, update_id, self.replica, now, self.lease_seconds
            )
        except StorageError as exc:
            log.warning("cannot claim update %d, asking Telegram to retry: %s", update_id, exc)
            return self._retry_later("unavailable", self.retry_after)
        if outcome is ClaimOutcome.DONE:
            UPDATES.labels(outcome="duplicate").inc()
            return web.Response(status=200, text="duplicate")
        if outcome is ClaimOutcome.BUSY:
            return self._retry_later("busy", self.retry_after)
        try:
            update = Update.de_json(data, self.application.bot)
        except (KeyError, TypeError, ValueError) as exc:
            # Malformed beyond its update_id: a retry would fail the same way, so acknowledge it.
            log.warning("update %d could not be read, dropped: %s", update_id, exc)
            await self._finish(store, update_id)
            UPDATES.labels(outcome="bad_request").inc()
            return web.Response(status=400, text="not a Telegram update")
        try:
            await asyncio.wait_for(self.application.process_update(update), self.deadline_seconds)
        except TimeoutError:
            log.error(
                "update %d took longer than %.0f s; released for a retry", update_id, self.deadline_seconds
            )
            await self._release(store, update_id)
            return self._retry_later("timeout", 1)
        await self._finish(store, update_id)
        UPDATES.labels(outcome="handled").inc()
        await self._sweep(store, now)
        return web.Response(status=200, text="ok")

    async def _finish(self, store: Store, update_id: int) -> None:
        try:
            await asyncio.to_thread(store.finish_update, update_id, time.time())
        except StorageError as exc:
            # The reply is sent: answering 503 now would make Telegram deliver it again.
            log.error("update %d handled but not marked done: %s", update_id, exc)

    async def _release(self, store: Store, update_id: int) -> None:
        try:
            await asyncio.to_thread(store.release_update, update_id)
        except StorageError as exc:
            log.warning("could not release update %d (its lease will expire): %s", update_id, exc)

    async def _sweep(self, store: Store, now: float) -> None:
        if now - self._last_sweep < UPDATE_ID_SWEEP_EVERY_S:
            return
        self._last_sweep = now
        try:
            await asyncio.to_thread(store.purge_updates_before, now - UPDATE_ID_RETENTION_S)
        except StorageError as exc:
            log.warning("could not forget old update ids: %s", exc)


def install_stop_signals(stop: asyncio.Event) -> None:
    """Set ``stop`` on SIGTERM (what Docker and Kubernetes send) and SIGINT (Ctrl+C)."""
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
