"""Long polling confirms an update to Telegram only after the bot has answered it."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import pytest

from bot.telegram.polling import HandledBatches
from tests.telegram_fixtures import running_bot

ASKERS = [
    {"id": 6000 + n, "is_bot": False, "first_name": f"Asker {n}", "language_code": "en"} for n in range(6)
]


class SlowEngine:
    """The real engine, taking ``seconds`` longer over each answer."""

    def __init__(self, engine: Any, seconds: float) -> None:
        self._engine = engine
        self._seconds = seconds

    def answer(self, *args: Any) -> Any:
        time.sleep(self._seconds)
        return self._engine.answer(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)


async def test_an_update_is_confirmed_only_after_its_answer_was_sent(engine: Any) -> None:
    async with running_bot(SlowEngine(engine, 0.6)) as harness:
        api = harness.api
        pushed = []
        for asker in ASKERS:
            pushed.append((await api.push_message("What is the Union State?", user=asker))["message_id"])
        replies = [(await harness.replies(asker["id"], timeout=30))[0] for asker in ASKERS]
        await api.push_message("And the CSTO?", user=ASKERS[0])  # one more poll after the last answer
        await harness.replies(ASKERS[0]["id"], count=2, timeout=30)
    polls = list(zip(api.get_updates_offsets, api.get_updates_at, strict=True))
    for update_id, reply in enumerate(replies, start=1):  # the fake numbers updates from 1
        confirmed_at = min(at for offset, at in polls if offset > update_id)
        assert confirmed_at >= reply.at, f"update {update_id} confirmed before it was answered"


async def test_a_handled_batch_releases_the_next_poll_at_once() -> None:
    batches = HandledBatches()
    batches.fetched([1, 2])
    batches.handled(1)
    batches.handled(2)
    await asyncio.wait_for(batches.wait(timeout=30), timeout=1)
    assert batches.unfinished == 0


async def test_an_update_still_running_after_the_wait_is_confirmed_anyway(
    caplog: pytest.LogCaptureFixture,
) -> None:
    batches = HandledBatches()
    batches.fetched([1, 2])
    batches.handled(1)
    with caplog.at_level(logging.WARNING, logger="bot.telegram.polling"):
        await batches.wait(timeout=0.05)
    assert batches.unfinished == 0
    assert "1 updates still being handled" in caplog.text
