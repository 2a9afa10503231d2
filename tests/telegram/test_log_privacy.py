"""Privacy in the logs at every level: no raw user id, and question texts only at TRACE.

The bot runs with the CLI's own logging caps (``bot.cli.logs``) while every
record of every logger is collected, so a library's DEBUG line would be caught too.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import pytest

from bot.cli.logs import NOISY_LOGGERS, USER_DATA_LOGGERS, cap_library_logs
from bot.telegram import TelegramSetupError, build_application
from config import TRACE_LEVEL, load_settings
from tests.cli.test_cli import run_bot
from tests.fake_bot_api import TEST_TOKEN, FakeBotApi
from tests.telegram_fixtures import running_bot

SECRET_ASKER: dict[str, Any] = {
    "id": 987_654_321,
    "is_bot": False,
    "first_name": "Zoë",
    "language_code": "en",
}
QUESTION = "What does Belarus say about the Eurasian Economic Union?"


@pytest.fixture
def every_record() -> Iterator[list[logging.LogRecord]]:
    """All records of all loggers while the test runs, logger levels restored afterwards."""
    names = ("", *USER_DATA_LOGGERS, *NOISY_LOGGERS)
    levels = {name: logging.getLogger(name).level for name in names}
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    collector = Collect(logging.NOTSET)
    logging.getLogger().addHandler(collector)
    try:
        yield records
    finally:
        logging.getLogger().removeHandler(collector)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


async def ask_at(level: str, engine: Any, records: list[logging.LogRecord]) -> str:
    """Answer one question with logging at ``level``; return every log line, formatted."""
    logging.addLevelName(TRACE_LEVEL, "TRACE")
    logging.getLogger().setLevel(logging.getLevelName(level))
    cap_library_logs(level)
    async with running_bot(engine) as harness:
        await harness.api.push_message(QUESTION, user=SECRET_ASKER)
        await harness.replies(SECRET_ASKER["id"])
    formatter = logging.Formatter("%(name)s %(levelname)s %(message)s")
    return "\n".join(formatter.format(record) for record in records)


@pytest.mark.parametrize("level", ["DEBUG", "INFO"])
async def test_no_user_id_or_question_text_in_the_log(
    level: str, engine: Any, every_record: list[logging.LogRecord]
) -> None:
    text = await ask_at(level, engine, every_record)
    assert every_record, "nothing was logged: the test would prove nothing"
    assert not re.search(rf"\b{SECRET_ASKER['id']}\b", text)
    assert QUESTION not in text and "Zoë" not in text


async def test_question_texts_are_logged_at_trace_with_a_hashed_user(
    engine: Any, every_record: list[logging.LogRecord]
) -> None:
    await ask_at("TRACE", engine, every_record)
    [line] = [r.getMessage() for r in every_record if r.name == "bot.telegram.asking"]
    assert QUESTION in line
    assert str(SECRET_ASKER["id"]) not in line


def test_the_default_salt_is_refused_for_telegram(fake_api: FakeBotApi) -> None:
    settings = load_settings(telegram_bot_token=TEST_TOKEN, telegram_bot_api_url=fake_api.base_url)
    with pytest.raises(TelegramSetupError, match="BOT_USER_HASH_SALT"):
        build_application(settings, lambda _settings: pytest.fail("must not load the engine"))


def test_the_cli_refuses_to_start_telegram_with_the_default_salt() -> None:
    token = "123456789:AAHfiqksKZ8WmR2zSjiQ7_v4TMAKdiHm9T0"
    result = run_bot(["run"], {"TELEGRAM_BOT_TOKEN": token, "BOT_USER_HASH_SALT": "change-me"}, timeout=120)
    assert result.returncode == 2
    assert "BOT_USER_HASH_SALT" in result.stderr and "Traceback" not in result.stderr
    assert token not in result.stderr
