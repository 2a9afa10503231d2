"""Keep the bot token (and the webhook secret) out of every log line.

httpx logs each request URL, and a Bot API URL contains the token
(``.../bot<token>/sendMessage``); python-telegram-bot even puts the token in
the message of ``InvalidToken``. A filter on one handler would miss handlers
added later (the CLI's, pytest's), so the redaction wraps the log-record
factory instead: every record is cleaned once, when it is created, before any
handler sees it — message, arguments, traceback and stack alike.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

REDACTED = "[REDACTED]"

_lock = threading.Lock()
_secrets: set[str] = set()
_previous_factory: Any = None


def redact(text: str) -> str:
    """``text`` with every registered secret replaced by ``[REDACTED]``."""
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


def redact_secrets_in_logs(*secrets: str | None) -> None:
    """Register ``secrets`` and make sure every log record created from now on is redacted."""
    global _previous_factory
    with _lock:
        _secrets.update(s for s in secrets if s)
        if _previous_factory is None:
            _previous_factory = logging.getLogRecordFactory()
            logging.setLogRecordFactory(_redacting_factory)


def stop_redacting() -> None:
    """Restore the original record factory and forget the secrets (for tests)."""
    global _previous_factory
    with _lock:
        if _previous_factory is not None:
            logging.setLogRecordFactory(_previous_factory)
            _previous_factory = None
        _secrets.clear()


def _redacting_factory(*args: object, **kwargs: object) -> logging.LogRecord:
    record: logging.LogRecord = _previous_factory(*args, **kwargs)
    if not _secrets:
        return record
    try:
        message = record.getMessage()
    except (TypeError, ValueError):  # a malformed call: logging reports it later, as usual
        return record
    cleaned = redact(message)
    if cleaned != message:
        record.msg, record.args = cleaned, None
    if record.exc_info and record.exc_info[1] is not None:
        # Formatters reuse exc_text when set, so the traceback is rendered once, redacted.
        record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    return record
