"""Log set-up for every command: plain lines, or JSON lines with ``BOT_LOG_FORMAT=json``.

Privacy at every level (issue 15): python-telegram-bot logs whole updates at
DEBUG (user ids, names, message texts) and httpx/httpcore log request details,
so those libraries are held at INFO or above unless the operator chose
``BOT_LOG_LEVEL=TRACE``, a level below DEBUG that exists for that purpose. The
bot's own lines name users only by salted hash, and log a question's text only
at TRACE (``bot.telegram.asking``).

JSON lines are for log collectors (Loki, Elasticsearch, CloudWatch): one object
per record with ``ts``, ``level``, ``logger``, ``message``, the replica name
and, on errors, the traceback. The formatter is a dozen lines on the standard
library's ``json``, so the format needs no extra dependency. Token redaction
(``bot.telegram.log_redaction``) works on the record before either formatter runs.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from config import TRACE_LEVEL

__all__ = ["USER_DATA_LOGGERS", "JsonLinesFormatter", "cap_library_logs", "configure_logging"]

TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
NOISY_LOGGERS = (
    "httpx",
    "httpcore",
    "sentence_transformers",
    "transformers",
    "faiss",
    "bm25s",
    "aiohttp.access",
)
# Loggers whose DEBUG lines carry updates or request bodies: user ids and texts.
USER_DATA_LOGGERS = ("telegram", "httpx", "httpcore", "hpack", "aiohttp", "apscheduler")


class JsonLinesFormatter(logging.Formatter):
    """Format a record as one JSON object on one line."""

    def __init__(self, replica: str = "") -> None:
        super().__init__()
        self._replica = replica

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if self._replica:
            entry["replica"] = self._replica
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(level: str, log_format: str = "text", replica: str = "") -> None:
    """Send logs to stderr at ``level`` as text lines or JSON lines; quieten chatty libraries."""
    handler = logging.StreamHandler()
    formatter = JsonLinesFormatter(replica) if log_format == "json" else logging.Formatter(TEXT_FORMAT)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    logging.addLevelName(TRACE_LEVEL, "TRACE")
    root.setLevel(level)
    cap_library_logs(level)


def cap_library_logs(level: str) -> None:
    """Quieten the chatty libraries and, below TRACE, hold the user-data ones at INFO."""
    for noisy in NOISY_LOGGERS:
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger(noisy).level))
    if level == "TRACE":
        return
    for name in USER_DATA_LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(max(logging.INFO, logger.level))
