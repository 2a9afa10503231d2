"""The Telegram adapter: the only package that imports ``telegram``.

``build_application`` wires the core engine into python-telegram-bot; ``run``
starts it by long polling or webhook (``python -m bot run``).

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
    from bot.telegram.runner import WebhookOptions, run, webhook_options

__all__ = [
    "BotApplication",
    "BotContext",
    "BotData",
    "EngineLoader",
    "TelegramSetupError",
    "WebhookOptions",
    "build_application",
    "run",
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
    "run": "runner",
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
