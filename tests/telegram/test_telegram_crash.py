"""kill -9 during a burst: after a restart every question is answered (polling confirms only handled ones)."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path
from typing import Any

from tests.fake_bot_api import FakeBotApi
from tests.telegram.test_telegram_run import start_bot

ASKERS: list[dict[str, Any]] = [
    {"id": 8000 + n, "is_bot": False, "first_name": f"Asker {n}", "language_code": "en"} for n in range(20)
]
QUESTIONS = [
    "What are the priorities of the foreign policy of Belarus?",
    "How does Belarus cooperate with China?",
    "What is the Union State?",
    "Where is the embassy of Belarus in Germany?",
]


def answered(api: FakeBotApi) -> dict[int, int]:
    """How many messages each asker received."""
    ids = {asker["id"] for asker in ASKERS}
    counts = dict.fromkeys(ids, 0)
    for call in api.calls_of("sendMessage"):
        if call.params.get("chat_id") in ids:
            counts[call.params["chat_id"]] += 1
    return counts


async def kill_during_burst_and_restart(api: FakeBotApi, folder: Path, kill_after: int) -> dict[int, int]:
    """Push a burst, kill -9 the bot after ``kill_after`` replies, restart it, wait for every reply."""
    first = await start_bot(api, folder / "first.log")
    try:
        await api.wait_for("setMyCommands", count=3, timeout=180)  # the engine is loaded
        for number, asker in enumerate(ASKERS):
            await api.push_message(QUESTIONS[number % len(QUESTIONS)], user=asker)
        await api.wait_for("sendMessage", count=kill_after, timeout=60)
    finally:
        first.send_signal(signal.SIGKILL)
        await first.wait()
    commands = len(api.calls_of("setMyCommands"))
    second = await start_bot(api, folder / "second.log")
    try:
        await api.wait_for("setMyCommands", count=commands + 3, timeout=180)
        ids = {asker["id"] for asker in ASKERS}
        await api.wait_for(
            "sendMessage", lambda c: c.params.get("chat_id") in ids, count=len(ASKERS), timeout=60
        )
        await asyncio.sleep(1.0)  # a repeated answer would come now
    finally:
        second.send_signal(signal.SIGINT)
        await asyncio.wait_for(second.wait(), 30)
    return answered(api)


async def test_a_crash_during_a_burst_loses_no_question(fake_api: FakeBotApi, tmp_path: Path) -> None:
    counts = await kill_during_burst_and_restart(fake_api, tmp_path, kill_after=3)
    assert [asker for asker, received in counts.items() if received == 0] == []
