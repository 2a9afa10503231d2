"""The Telegram adapter: the only package that imports ``telegram``.

``build_application`` wires the core engine into python-telegram-bot; ``run``
starts it by long polling or as a webhook replica (``python -m bot run``,
``serve_replica``); ``register_webhook`` is ``python -m bot set-webhook``.

The names below load on first use (PEP 562 ``__getattr__``): importing one
small module of the adapter (say ``bot.telegram.rate_limit``) must not pull in
every handler and python-telegram-bot's whole stack with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.telegram.app import EngineLoader, TelegramSetupError, build_application
    from bot.telegram.context import BotApplication, BotContext, BotData
    from bot.telegram.replica import serve_replica
    from bot.telegram.runner import WebhookOptions, run, webhook_options
    from bot.telegram.webhook_setup import register_webhook

__all__ = [
    "BotApplication",
    "BotContext",
    "BotData",
    "EngineLoader",
    "TelegramSetupError",
    "WebhookOptions",
    "build_application",
    "register_webhook",
    "run",
    "serve_replica",
    "webhook_options",
]

_HOMES = {
    "BotApplication": "context",
    "BotContext": "context",
    "BotData": "context",
    "EngineLoader": "app",
    "TelegramSetupError": "app",
    "WebhookOptions": "runner",
    "build_application": "app",
    "register_webhook": "webhook_setup",
    "run": "runner",
    "serve_replica": "replica",
    "webhook_options": "runner",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
