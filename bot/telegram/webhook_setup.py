"""``python -m bot set-webhook``: register the webhook with Telegram, once per deploy.

Replicas never call ``setWebhook`` (Telegram's server makes concurrent calls
conflict, and a changed parameter restarts delivery); this command does, from
a deploy job. It reads ``getWebhookInfo`` first and calls ``setWebhook`` only
when the URL, the update types or ``max_connections`` differ (or with
``--force``, e.g. after rotating ``BOT_WEBHOOK_SECRET``, which Telegram never
reports back). Pending updates are never dropped: they are people's questions.
"""

from __future__ import annotations

from telegram import Bot, Update

from bot.telegram.app import TelegramSetupError
from bot.telegram.runner import webhook_options
from config import Settings

__all__ = ["MAX_CONNECTIONS", "register_webhook"]

# Telegram's default; each connection is one chat's update in flight across all replicas.
MAX_CONNECTIONS = 40


async def register_webhook(settings: Settings, *, force: bool = False) -> str:
    """Make Telegram deliver to ``BOT_WEBHOOK_URL``; return what was done, for the operator.

    Raises:
        TelegramSetupError: no token, or no webhook URL and secret configured.
    """
    options = webhook_options(settings)
    if options is None:
        raise TelegramSetupError("BOT_WEBHOOK_URL is not set: there is no webhook to register")
    if settings.telegram_bot_token is None:
        raise TelegramSetupError("TELEGRAM_BOT_TOKEN is not set: get a token from @BotFather")
    bot = Bot(settings.telegram_bot_token.get_secret_value(), base_url=settings.telegram_bot_api_url)
    async with bot:
        info = await bot.get_webhook_info()
        wanted_updates = sorted(Update.ALL_TYPES)
        same = (
            info.url == options.webhook_url
            and info.max_connections == MAX_CONNECTIONS
            and sorted(info.allowed_updates or ()) == wanted_updates
        )
        if same and not force:
            return f"webhook already set to {options.webhook_url}"
        await bot.set_webhook(
            options.webhook_url,
            secret_token=options.secret_token,
            allowed_updates=wanted_updates,
            max_connections=MAX_CONNECTIONS,
            drop_pending_updates=False,
        )
    return f"webhook set to {options.webhook_url}"
