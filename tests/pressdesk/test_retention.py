"""The daily retention job over a real question log."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.pressdesk.log import QuestionLog
from bot.pressdesk.records import ChatType, QuestionRecord
from bot.pressdesk.retention import purge_expired, purge_expired_async


@pytest.fixture
def log(tmp_path: Path) -> Iterator[QuestionLog]:
    with QuestionLog(tmp_path / "questions.sqlite3", "salt") as opened:
        yield opened


def _asked(log: QuestionLog, moment: datetime) -> None:
    log.record(QuestionRecord("q", "en", ChatType.PRIVATE, True, "ok", user_id=1, asked_at=moment))


def _remaining(log: QuestionLog) -> int:
    return len(log.questions(datetime(2000, 1, 1, tzinfo=UTC), datetime.now(UTC) + timedelta(days=1)))


def test_purge_expired_keeps_rows_inside_the_retention_period(log: QuestionLog) -> None:
    now = datetime(2025, 3, 10, tzinfo=UTC)
    _asked(log, now - timedelta(days=181))
    _asked(log, now - timedelta(days=179))
    assert purge_expired(log, 180, now=now) == 1
    assert _remaining(log) == 1


async def test_purge_expired_async_runs_off_the_event_loop(log: QuestionLog) -> None:
    _asked(log, datetime.now(UTC) - timedelta(days=10))
    _asked(log, datetime.now(UTC))
    assert await purge_expired_async(log, 5) == 1
    assert _remaining(log) == 1
