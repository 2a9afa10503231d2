"""What follows a command in a message: ``/ask@bot  What is…`` -> ``What is…``.

One reading for every command: the first word (the command, with or without
``@botname``) is dropped, the rest is kept verbatim but for surrounding blanks.
"""

from __future__ import annotations

from telegram import Update


def command_argument(update: Update) -> str:
    """The text after the command, stripped; "" when there is none (or no text at all)."""
    message = update.effective_message
    parts = (message.text if message and message.text else "").split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def command_arguments(update: Update) -> list[str]:
    """The words after the command (``/export 2026-11-01 2026-11-28`` -> two dates)."""
    return command_argument(update).split()
