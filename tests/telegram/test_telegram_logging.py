"""The bot token never reaches a log line, even at DEBUG level, even in a traceback."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from bot.telegram.log_redaction import REDACTED, redact, redact_secrets_in_logs, stop_redacting
from tests.fake_bot_api import ALICE, TEST_TOKEN
from tests.telegram_fixtures import BotHarness

SECRET = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789"


@pytest.fixture
def redacting() -> Iterator[None]:
    redact_secrets_in_logs(SECRET)
    yield
    stop_redacting()


def test_secret_in_a_message_argument_is_redacted(redacting: None, caplog: pytest.LogCaptureFixture) -> None:
    logging.getLogger("httpx").warning("HTTP Request: POST %s", f"https://api.telegram.org/bot{SECRET}/getMe")
    assert SECRET not in caplog.text
    assert f"/bot{REDACTED}/getMe" in caplog.text


def test_secret_in_a_traceback_is_redacted(redacting: None, caplog: pytest.LogCaptureFixture) -> None:
    try:
        raise RuntimeError(f"The token `{SECRET}` was rejected by the server.")
    except RuntimeError:
        logging.getLogger("telegram.ext.Application").exception("failed")
    assert "was rejected" in caplog.text
    assert SECRET not in caplog.text


def test_log_records_without_secrets_keep_their_arguments(
    redacting: None, caplog: pytest.LogCaptureFixture
) -> None:
    logging.getLogger("bot").warning("answered %d questions", 3)
    [record] = caplog.records
    assert (record.msg, record.args) == ("answered %d questions", (3,))


def test_redaction_stops_when_asked(caplog: pytest.LogCaptureFixture) -> None:
    redact_secrets_in_logs(SECRET)
    stop_redacting()
    logging.getLogger("bot").warning("token %s", SECRET)
    assert SECRET in caplog.text and redact(SECRET) == SECRET


async def test_running_bot_at_debug_level_never_logs_the_token(
    bot_harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    # The Bot API client logs each request URL (with the token in it) at DEBUG; an earlier
    # in-process CLI run may have quietened the library loggers, so open it here.
    caplog.set_level(logging.DEBUG, logger="bot.telegram.api_request")
    bot_harness.api.fail_with("sendMessage", 400, "Bad Request: chat not found")
    await bot_harness.api.push_message("What are the priorities of the foreign policy of Belarus?")
    await bot_harness.replies(ALICE["id"])  # the apology after the logged error
    await bot_harness.api.push_inline_query("foreign policy")
    await bot_harness.api.wait_for("answerInlineQuery")
    assert "error while handling update" in caplog.text  # a traceback was logged ...
    assert f"/bot{REDACTED}/sendMessage" in caplog.text  # ... and request URLs were
    assert TEST_TOKEN not in caplog.text
    assert all(TEST_TOKEN not in record.getMessage() for record in caplog.records)
