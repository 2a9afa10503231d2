"""One webhook replica's life: listen, load, serve, drain on SIGTERM, close.

The server starts listening first, so ``/healthz`` answers and ``/readyz``
says "loading" while the model and index load (an orchestrator's startup probe
waits on it); deliveries meanwhile get 503 and Telegram retries them. The
replica never calls ``setWebhook``: ``python -m bot set-webhook`` does, once per
deploy (``bot.telegram.webhook_setup``).
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from bot.telegram.app import EngineLoader, TelegramSetupError, build_application
from bot.telegram.webhook_server import WebhookServer, install_stop_signals, replica_name

if TYPE_CHECKING:
    from bot.telegram.runner import WebhookOptions
    from config import Settings

__all__ = ["serve_replica"]

log = logging.getLogger(__name__)

DEFAULT_SALT = "change-me"  # the settings default: fine for a console trial, never for Telegram


async def serve_replica(
    settings: Settings,
    engine_loader: EngineLoader,
    options: WebhookOptions,
    stop: asyncio.Event | None = None,
) -> None:
    """Serve the webhook until ``stop`` is set (by SIGTERM or SIGINT when not given).

    Raises:
        TelegramSetupError: ``BOT_USER_HASH_SALT`` is still the default. A replica
            serves real users, and with the published default anyone holding a copy
            of the database could hash every possible Telegram id and read back who
            asked what. A salt generated and kept in the database would not help:
            it would sit next to the hashes it is meant to protect.
    """
    if settings.user_hash_salt.get_secret_value() == DEFAULT_SALT:
        raise TelegramSetupError(
            "BOT_USER_HASH_SALT is the default 'change-me': set a long random secret "
            "(e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`) before serving Telegram"
        )
    if stop is None:
        stop = asyncio.Event()
        install_stop_signals(stop)
    application = build_application(settings, engine_loader, polling=False)
    server = WebhookServer(
        application,
        secret=options.secret_token,
        path=options.url_path,
        listen=options.listen,
        port=options.port,
        replica=replica_name(settings.replica_name),
        lease_seconds=settings.update_lease_seconds,
        deadline_seconds=settings.update_deadline_seconds,
    )
    await server.start()
    started = False
    try:
        await application.initialize()
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        started = True
        log.info("replica %s ready", server.replica)
        await stop.wait()
        log.info("replica %s draining", server.replica)
    finally:
        await server.drain_and_stop()
        if started:
            await application.stop()
        await application.shutdown()
        if application.post_shutdown is not None:
            await application.post_shutdown(application)
        log.info("replica %s stopped", server.replica)
