"""Log set-up for every command: plain lines, or JSON lines with ``BOT_LOG_FORMAT=json``.

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

__all__ = ["JsonLinesFormatter", "configure_logging"]

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
    root.setLevel(level)
    for noisy in NOISY_LOGGERS:
        logging.getLogger(noisy).setLevel(max(logging.WARNING, logging.getLogger(noisy).level))
