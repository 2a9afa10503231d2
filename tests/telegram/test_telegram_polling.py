"""Long polling confirms an update to Telegram only after the bot has answered it."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.telegram.polling import HOLD_SECONDS, UpdatesInHand
from tests.fakes import SlowEngine
from tests.telegram_fixtures import running_bot

ASKERS: list[dict[str, Any]] = [
    {"id": 6000 + n, "is_bot": False, "first_name": f"Asker {n}", "language_code": "en"} for n in range(6)
]


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


def test_the_offset_stays_at_the_oldest_update_being_handled() -> None:
    in_hand = UpdatesInHand()
    assert in_hand.new_among([1, 2, 3]) == {1, 2, 3}
    in_hand.handled(2)
    in_hand.handled(3)
    assert in_hand.offset(requested=4) == 1  # 1 is still being handled: not confirmed
    in_hand.handled(1)
    assert in_hand.offset(requested=4) == 4


def test_updates_already_in_hand_are_not_handled_twice() -> None:
    in_hand = UpdatesInHand()
    in_hand.new_among([1, 2])
    in_hand.handled(2)
    assert in_hand.new_among([1, 2, 3]) == {3}  # Telegram sends 1 and 2 again: both are dropped


def test_an_update_held_too_long_is_confirmed_anyway() -> None:
    now = [0.0]
    in_hand = UpdatesInHand(clock=lambda: now[0])
    in_hand.new_among([1, 2])
    in_hand.handled(2)
    now[0] = HOLD_SECONDS + 1
    assert in_hand.offset(requested=3) == 3
    assert in_hand.new_among([1]) == set()  # still in hand: confirmed, yet never handled twice


async def test_a_handled_update_wakes_the_next_poll() -> None:
    in_hand = UpdatesInHand()
    in_hand.new_among([1])
    in_hand.handled(1)
    await asyncio.wait_for(in_hand.wait_for_progress(timeout=30), timeout=1)
