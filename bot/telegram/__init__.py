"""The Telegram adapter: the only package that imports ``telegram``.

``build_application`` wires the core engine into python-telegram-bot; ``run``
starts it by long polling or webhook (``python -m bot run``).
"""

from bot.telegram.app import TelegramSetupError, build_application
from bot.telegram.runner import run

__all__ = ["TelegramSetupError", "build_application", "run"]
