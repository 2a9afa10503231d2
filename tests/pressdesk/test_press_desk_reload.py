"""/reload through the real bot: the new material is swapped in while questions keep being answered.

Each test serves a copy of the shipped corpus (and of its index) from
``tmp_path`` with the session's real encoder, so the shipped files are never
touched and no model is loaded twice.
"""

from __future__ import annotations

import asyncio
import shutil
import threading
from collections.abc import AsyncIterator
from dataclasses import replace
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from bot.answering.engine import Engine
from bot.answering.reload import timed_reload
from bot.i18n import t
from bot.rendering.html_split import html_to_text
from bot.telegram import reloading
from tests.fake_bot_api import RecordedCall
from tests.press_desk_fixtures import (
    ADMIN,
    NEW_SENTENCE,
    OLD_SENTENCE,
    break_corpus,
    copy_corpus,
    edit_passage,
    eventually,
    logged,
    press_settings,
)
from tests.telegram_fixtures import BotHarness, running_bot

QUESTION = "How does Belarus cooperate with China?"
ASKERS: list[dict[str, Any]] = [
    {"id": 3000 + n, "is_bot": False, "first_name": f"Asker {n}", "language_code": "en"} for n in range(10)
]
RELOAD_REPLY_PREFIXES = ("Material reloaded", t("en", "press.reload.failed"))


@pytest.fixture
async def reload_bot(engine: Engine, tmp_path: Path) -> AsyncIterator[BotHarness]:
    """The bot serving a corpus copy in ``tmp_path``, its index copied beside it."""
    corpus_dir = copy_corpus(tmp_path / "corpus")
    index_dir = tmp_path / "index"
    shutil.copytree(engine.options.index_dir, index_dir)
    options = replace(engine.options, corpus_dir=corpus_dir, index_dir=index_dir)
    engine = await asyncio.to_thread(Engine.load, options, engine.embedder)
    settings = press_settings(tmp_path, corpus_dir=corpus_dir, index_dir=index_dir)
    async with running_bot(engine, **settings) as harness:
        yield harness


async def reload_outcome(harness: BotHarness, count: int = 1) -> list[str]:
    """Wait for ``count`` final /reload replies (done or failed) and return their plain texts."""
    calls = await harness.api.wait_for(
        "sendMessage",
        lambda c: (
            c.params["chat_id"] == ADMIN["id"]
            and html_to_text(c.params["text"]).startswith(RELOAD_REPLY_PREFIXES)
        ),
        count,
        timeout=60,
    )
    return [html_to_text(c.params["text"]) for c in calls]


async def ask_everyone(harness: BotHarness) -> None:
    for asker in ASKERS:
        await harness.api.push_message(QUESTION, user=asker)


async def answers(harness: BotHarness) -> list[RecordedCall]:
    """The one reply each asker gets."""
    return [(await harness.replies(asker["id"], timeout=60))[0] for asker in ASKERS]


def quotes(call: RecordedCall, sentence: str) -> bool:
    return sentence in unescape(call.params["text"])


async def test_reload_during_ten_questions_loses_none_and_then_serves_the_change(
    reload_bot: BotHarness,
) -> None:
    old_engine = reload_bot.application.bot_data.engine
    edit_passage(old_engine.options.corpus_dir)
    await reload_bot.api.push_message("/reload", user=ADMIN)
    await ask_everyone(reload_bot)
    replies = await answers(reload_bot)
    [outcome] = await reload_outcome(reload_bot)
    assert all(quotes(r, OLD_SENTENCE) != quotes(r, NEW_SENTENCE) for r in replies)  # one version each
    assert outcome.startswith("Material reloaded") and "1 new or changed" in outcome
    assert reload_bot.application.bot_data.engine is not old_engine
    await reload_bot.api.push_message(QUESTION, user=ASKERS[0])
    [_, latest] = await reload_bot.replies(ASKERS[0]["id"], count=2, timeout=30)
    assert quotes(latest, NEW_SENTENCE)
    assert len(logged(reload_bot)) == len(ASKERS) + 1


async def test_questions_are_answered_by_the_old_engine_while_the_reload_runs(
    reload_bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def held_reload(current: Engine) -> Any:
        release.wait(60)  # the reload stays in progress until every question is answered
        return timed_reload(current)

    monkeypatch.setattr(reloading, "timed_reload", held_reload)
    edit_passage(reload_bot.application.bot_data.engine.options.corpus_dir)
    await reload_bot.api.push_message("/reload", user=ADMIN)
    await reload_bot.api.wait_for("sendMessage", lambda c: c.params["chat_id"] == ADMIN["id"])
    await ask_everyone(reload_bot)
    replies = await answers(reload_bot)
    release.set()
    [outcome] = await reload_outcome(reload_bot)
    assert all(quotes(r, OLD_SENTENCE) for r in replies)
    assert outcome.startswith("Material reloaded")
    await reload_bot.api.push_message(QUESTION, user=ASKERS[1])
    [_, latest] = await reload_bot.replies(ASKERS[1]["id"], count=2, timeout=30)
    assert quotes(latest, NEW_SENTENCE)


async def test_a_second_reload_waits_for_the_first(
    reload_bot: BotHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()

    def held_reload(current: Engine) -> Any:
        release.wait(60)
        return timed_reload(current)

    monkeypatch.setattr(reloading, "timed_reload", held_reload)
    await reload_bot.api.push_message("/reload", user=ADMIN)
    await eventually(reload_bot.application.bot_data.reload_lock.locked)
    await reload_bot.api.push_message("/reload", user=ADMIN)
    notices = await reload_bot.replies(ADMIN["id"], count=2)
    release.set()
    outcomes = await reload_outcome(reload_bot, count=2)
    assert [html_to_text(n.params["text"]) for n in notices] == [
        t("en", "press.reload.started"),
        t("en", "press.reload.busy"),
    ]
    assert all(outcome.startswith("Material reloaded") for outcome in outcomes)


async def test_broken_corpus_keeps_the_old_engine_serving_and_reports_the_error(
    reload_bot: BotHarness,
) -> None:
    old_engine = reload_bot.application.bot_data.engine
    edit_passage(old_engine.options.corpus_dir)
    break_corpus(old_engine.options.corpus_dir)
    await reload_bot.api.push_message("/reload", user=ADMIN)
    [outcome] = await reload_outcome(reload_bot)
    assert outcome.startswith(t("en", "press.reload.failed"))
    assert "broken.en.md" in outcome and "id: Field required" in outcome
    assert reload_bot.application.bot_data.engine is old_engine
    await reload_bot.api.push_message(QUESTION, user=ASKERS[2])
    [answer] = await reload_bot.replies(ASKERS[2]["id"], timeout=30)
    assert quotes(answer, OLD_SENTENCE)


async def test_reload_of_an_unchanged_corpus_says_nothing_changed(reload_bot: BotHarness) -> None:
    old_engine = reload_bot.application.bot_data.engine
    await reload_bot.api.push_message("/reload", user=ADMIN)
    [outcome] = await reload_outcome(reload_bot)
    passages = len(old_engine.corpus.passages)
    assert outcome.startswith("Material reloaded") and f"nothing changed ({passages} passages)" in outcome
    assert reload_bot.application.bot_data.engine is not old_engine
