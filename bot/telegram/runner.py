"""``python -m bot run``: start the Telegram bot by long polling or as a webhook replica.

Long polling needs nothing but the token: one process. Webhook mode starts when
``BOT_WEBHOOK_URL`` is set; it then requires ``BOT_WEBHOOK_SECRET``, which
Telegram sends back in the ``X-Telegram-Bot-Api-Secret-Token`` header of every
update; the replica's server (``bot.telegram.webhook_server``) answers 403 to
any request without it, so nobody who merely guesses the URL can feed the bot
updates. A replica does not register the webhook: ``python -m bot set-webhook``
does, once per deploy.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from telegram import Update
from telegram.error import InvalidToken, NetworkError

from bot.telegram.app import EngineLoader, TelegramSetupError, build_application
from bot.telegram.log_redaction import redact
from bot.telegram.replica import serve_replica

if TYPE_CHECKING:
    from config import Settings

log = logging.getLogger(__name__)

_SECRET_SHAPE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")  # what setWebhook accepts


@dataclass(frozen=True)
class WebhookOptions:
    """Where the webhook server listens and what Telegram is told to call.

    ``webhook_url`` is what ``set-webhook`` registers; the rest is where a replica listens.
    """

    listen: str
    port: int
    url_path: str
    webhook_url: str
    secret_token: str


def webhook_options(settings: Settings) -> WebhookOptions | None:
    """The webhook set-up for ``settings``, or None for long polling.

    Raises:
        TelegramSetupError: a webhook URL without a usable secret token.
    """
    if not settings.webhook_url:
        return None
    if settings.webhook_secret is None:
        raise TelegramSetupError(
            "BOT_WEBHOOK_SECRET must be set when BOT_WEBHOOK_URL is: Telegram sends it with "
            "every update and requests without it are refused"
        )
    secret = settings.webhook_secret.get_secret_value()
    if not _SECRET_SHAPE.match(secret):
        raise TelegramSetupError("BOT_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -")
    path = settings.webhook_path.strip("/")
    base = settings.webhook_url.rstrip("/")
    public_url = base if base.endswith(f"/{path}") else f"{base}/{path}"
    return WebhookOptions(settings.webhook_listen, settings.webhook_port, path, public_url, secret)


def run(settings: Settings, engine_loader: EngineLoader) -> None:
    """Run the bot until it is stopped (Ctrl+C or SIGTERM).

    Raises:
        TelegramSetupError: missing token, a token the Bot API rejects, a Bot API
            server out of reach at start, or an incomplete webhook set-up. The
            message never contains the token.
    """
    options = webhook_options(settings)  # fail before anything starts
    try:
        if options is None:
            log.info("starting the Telegram bot with long polling at %s", settings.telegram_bot_api_url)
            application = build_application(settings, engine_loader)
            application.run_polling(allowed_updates=Update.ALL_TYPES, poll_interval=settings.poll_interval)
        else:
            log.info("starting a webhook replica on %s:%d", options.listen, options.port)
            asyncio.run(serve_replica(settings, engine_loader, options))
    except InvalidToken:
        # python-telegram-bot's own message quotes the token: replace it, drop the chain.
        raise TelegramSetupError(
            f"TELEGRAM_BOT_TOKEN was rejected by the Bot API server at {settings.telegram_bot_api_url}"
        ) from None
    except NetworkError as exc:  # raised only while starting; once running, PTB retries by itself
        raise TelegramSetupError(
            f"cannot reach the Bot API server at {settings.telegram_bot_api_url}: {redact(str(exc))}"
        ) from None
