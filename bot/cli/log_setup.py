"""Logging for every command: one format, the operator's level, and no user data below TRACE.

Privacy at every level (issue 15): python-telegram-bot logs whole updates at
DEBUG (user ids, names, message texts) and httpx/httpcore log request details,
so those libraries are held at INFO or above unless the operator chose
``BOT_LOG_LEVEL=TRACE``, a level below DEBUG that exists for that purpose. The
bot's own lines name users only by salted hash, and log a question's text only
at TRACE (``bot.telegram.asking``).
"""

from __future__ import annotations

import logging

from config import TRACE_LEVEL

__all__ = ["USER_DATA_LOGGERS", "cap_library_logs", "configure_logging"]

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# Loggers whose DEBUG lines carry updates or request bodies: user ids and texts.
USER_DATA_LOGGERS = ("telegram", "httpx", "httpcore", "hpack", "aiohttp", "apscheduler")
# Chatty at INFO with nothing an operator needs (model loading, progress, every HTTP request).
QUIET_LOGGERS = ("httpx", "sentence_transformers", "transformers", "faiss", "bm25s")


def configure_logging(level: str) -> None:
    """Log to stderr at ``level`` ("TRACE", "DEBUG", "INFO", ...), libraries capped as above."""
    logging.addLevelName(TRACE_LEVEL, "TRACE")
    logging.basicConfig(level=logging.getLevelName(level), format=LOG_FORMAT)
    cap_library_logs(level)


def cap_library_logs(level: str) -> None:
    """Hold the quiet libraries at WARNING and, below TRACE, the user-data ones at INFO."""
    for name in QUIET_LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(max(logging.WARNING, logger.level))
    if level == "TRACE":
        return
    for name in USER_DATA_LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(max(logging.INFO, logger.level))
