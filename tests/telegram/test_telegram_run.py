"""``python -m bot run`` end to end: a real process, the real engine, a loopback Bot API."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

from config import PROJECT_ROOT
from tests.fake_bot_api import ALICE, GROUP_CHAT, TEST_TOKEN, FakeBotApi
from tests.telegram_fixtures import TEST_SALT, free_port

OTHER_TOKEN = "7357000002:AAF_another-token-the-server-rejects_9876"
QUESTION = "What are the priorities of the foreign policy of Belarus?"


async def start_bot(api: FakeBotApi, log_file: Path, **env: str) -> asyncio.subprocess.Process:
    """Start ``python -m bot run`` against ``api``, logging at DEBUG into ``log_file``."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith(("BOT_WEBHOOK", "TELEGRAM_"))
    }
    environment.update(
        {
            "TELEGRAM_BOT_TOKEN": TEST_TOKEN,
            "TELEGRAM_BOT_API_URL": api.base_url,
            "BOT_LOG_LEVEL": "DEBUG",
            "BOT_DB_PATH": str(log_file.with_name("questions.sqlite3")),
            "BOT_USER_HASH_SALT": TEST_SALT,  # the default salt is refused for Telegram
        }
    )
    environment.update(env)
    with log_file.open("wb") as log:
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=log,
            stderr=asyncio.subprocess.STDOUT,
        )


async def test_bot_process_answers_private_group_and_inline_then_stops_cleanly(
    fake_api: FakeBotApi, tmp_path: Path
) -> None:
    log_file = tmp_path / "bot.log"
    process = await start_bot(fake_api, log_file)
    try:
        await fake_api.wait_for("setMyCommands", count=3, timeout=180)  # engine loaded
        await fake_api.push_message(QUESTION)
        await fake_api.push_message(f"/ask {QUESTION}", chat=GROUP_CHAT)
        await fake_api.push_inline_query("foreign policy priorities")
        [private] = await fake_api.sent_texts(ALICE["id"], timeout=30)
        [group] = await fake_api.sent_texts(GROUP_CHAT["id"], timeout=30)
        [inline] = await fake_api.wait_for("answerInlineQuery", timeout=30)
        process.send_signal(signal.SIGINT)
        assert await asyncio.wait_for(process.wait(), 30) == 0
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    log = log_file.read_text(encoding="utf-8", errors="replace")
    assert "<blockquote>" in private and "<blockquote>" in group
    assert inline.params["results"]
    assert "DEBUG" in log  # the log was verbose ...
    assert TEST_TOKEN not in log  # ... and still never showed the token


async def test_bot_process_with_a_rejected_token_exits_with_a_clear_message(
    fake_api: FakeBotApi, tmp_path: Path
) -> None:
    log_file = tmp_path / "bot.log"
    process = await start_bot(fake_api, log_file, TELEGRAM_BOT_TOKEN=OTHER_TOKEN)
    assert await asyncio.wait_for(process.wait(), 120) == 2
    log = log_file.read_text(encoding="utf-8", errors="replace")
    assert "TELEGRAM_BOT_TOKEN was rejected by the Bot API server" in log
    assert OTHER_TOKEN not in log


async def test_bot_process_with_no_bot_api_server_exits_with_a_clear_message(tmp_path: Path) -> None:
    closed = FakeBotApi()  # never started: nothing listens on its port
    closed.port = free_port()
    log_file = tmp_path / "bot.log"
    process = await start_bot(closed, log_file)
    assert await asyncio.wait_for(process.wait(), 120) == 2
    log = log_file.read_text(encoding="utf-8", errors="replace")
    assert f"cannot reach the Bot API server at {closed.base_url}" in log
    assert TEST_TOKEN not in log


async def test_bot_process_in_webhook_mode_without_a_secret_refuses_to_start(
    fake_api: FakeBotApi, tmp_path: Path
) -> None:
    log_file = tmp_path / "bot.log"
    process = await start_bot(fake_api, log_file, BOT_WEBHOOK_URL="https://bot.example.org")
    assert await asyncio.wait_for(process.wait(), 120) == 2
    assert "BOT_WEBHOOK_SECRET must be set" in log_file.read_text(encoding="utf-8")
    assert fake_api.calls == []  # refused before talking to Telegram
