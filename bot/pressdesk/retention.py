"""The daily retention job: delete logged questions older than ``BOT_RETENTION_DAYS``.

Kept apart from the log so the Telegram adapter schedules one plain coroutine
(``job_queue.run_daily(callback, time=PURGE_TIME_UTC)``, the callback awaiting
``purge_expired_async(log, settings.retention_days)``) and the CLI or a cron
job can call ``purge_expired`` without an event loop. It is also worth
running once at start, so a bot that was down for a while does not wait a day.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, time

from bot.pressdesk.log import QuestionLog

_LOGGER = logging.getLogger(__name__)

# Early morning in Minsk (UTC+3), when the fewest questions arrive.
PURGE_TIME_UTC = time(hour=0, minute=30, tzinfo=UTC)


def purge_expired(log: QuestionLog, retention_days: int, now: datetime | None = None) -> int:
    """Delete rows older than ``retention_days`` days, log how many, and return the count."""
    deleted = log.purge_older_than(retention_days, now=now)
    _LOGGER.info("question log retention: removed %d rows older than %d days", deleted, retention_days)
    return deleted


async def purge_expired_async(log: QuestionLog, retention_days: int) -> int:
    """Run ``purge_expired`` in a worker thread so the event loop keeps answering."""
    return await asyncio.to_thread(purge_expired, log, retention_days)
