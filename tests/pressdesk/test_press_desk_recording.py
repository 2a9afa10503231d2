"""Recording questions in the question log through the real bot: what is stored and what never is."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.pressdesk.log import QuestionLog, hash_user
from bot.pressdesk.records import ChatType, QuestionRecord
from bot.pressdesk.retention import PURGE_TIME_UTC
from bot.telegram import TelegramSetupError
from bot.telegram.question_logging import RETENTION_JOB_NAME
from tests.fake_bot_api import ALICE, BORIS, BOT_USER, FORUM_CHAT, GROUP_CHAT
from tests.press_desk_fixtures import (
    CAROL,
    IN_SCOPE,
    OUT_OF_SCOPE,
    SALT,
    eventually,
    feedback_rows,
    logged,
    press_settings,
    question_log_of,
    reply_to,
)
from tests.telegram_fixtures import BotHarness, running_bot

BOT = BOT_USER["username"]


async def test_private_question_is_recorded_with_language_passages_latency_and_user_hash(
    press_bot: BotHarness,
) -> None:
    await reply_to(press_bot, ALICE, IN_SCOPE)
    [row] = logged(press_bot)
    expected = press_bot.engine.answer(IN_SCOPE, user_language_code="en")
    assert (row.question, row.language, row.chat_type, row.answered, row.reason) == (
        IN_SCOPE,
        "en",
        ChatType.PRIVATE,
        True,
        "ok",
    )
    assert row.passages and row.passages[0].startswith(expected.passages[0].title)
    assert row.latency_ms is not None and row.latency_ms >= 0
    assert row.user_hash == hash_user(ALICE["id"], SALT)
    assert datetime.now(UTC) - row.asked_at < timedelta(minutes=1)


async def test_declined_question_is_recorded_as_not_answered(press_bot: BotHarness) -> None:
    await reply_to(press_bot, ALICE, OUT_OF_SCOPE)
    [row] = logged(press_bot)
    assert (row.question, row.answered, row.reason, row.passages) == (OUT_OF_SCOPE, False, "not_covered", ())


async def test_mission_question_is_recorded_with_the_mission_ids(press_bot: BotHarness) -> None:
    question = "Where is the Belarusian embassy in Germany?"
    await reply_to(press_bot, ALICE, question)
    [row] = logged(press_bot)
    answer = press_bot.engine.answer(question, user_language_code="en")
    assert row.reason == "missions" and row.missions == tuple(m.id for m in answer.missions.matches)


@pytest.mark.parametrize(
    ("chat", "text", "chat_type"),
    [
        (GROUP_CHAT, f"/ask {IN_SCOPE}", ChatType.GROUP),
        (GROUP_CHAT, f"@{BOT} {IN_SCOPE}", ChatType.GROUP),
        (FORUM_CHAT, f"/ask@{BOT} {IN_SCOPE}", ChatType.SUPERGROUP),
    ],
    ids=["ask", "mention", "supergroup"],
)
async def test_addressed_group_question_is_recorded_with_its_chat_type(
    press_bot: BotHarness, chat: dict[str, Any], text: str, chat_type: ChatType
) -> None:
    await press_bot.api.push_message(text, chat=chat, user=BORIS)
    await press_bot.replies(chat["id"])
    [row] = logged(press_bot)
    assert (row.question, row.chat_type, row.user_hash) == (IN_SCOPE, chat_type, hash_user(BORIS["id"], SALT))


async def test_reply_to_the_bot_in_a_group_is_recorded(press_bot: BotHarness) -> None:
    api = press_bot.api
    await api.push_message("/help", chat=GROUP_CHAT)
    [help_reply] = await press_bot.replies(GROUP_CHAT["id"])
    await api.push_message(IN_SCOPE, chat=GROUP_CHAT, user=BORIS, reply_to=help_reply.result)
    await press_bot.replies(GROUP_CHAT["id"], count=2)
    assert [(row.question, row.chat_type) for row in logged(press_bot)] == [(IN_SCOPE, ChatType.GROUP)]


async def test_group_messages_not_addressed_to_the_bot_are_never_recorded(press_bot: BotHarness) -> None:
    api = press_bot.api
    for text in (
        IN_SCOPE,
        OUT_OF_SCOPE,
        f"@other_helper_bot {IN_SCOPE}",
        f"/ask@other_helper_bot {IN_SCOPE}",
    ):
        await api.push_message(text, chat=GROUP_CHAT, user=BORIS)
    await api.push_message(f"/ask {OUT_OF_SCOPE}", chat=GROUP_CHAT, user=BORIS)
    [reply] = await press_bot.replies(GROUP_CHAT["id"])
    assert [row.question for row in logged(press_bot)] == [OUT_OF_SCOPE]
    assert "other_helper_bot" not in reply.params["text"]


async def test_commands_and_rate_limit_notices_are_not_questions(engine: Any, tmp_path: Path) -> None:
    async with running_bot(engine, **press_settings(tmp_path, questions_per_minute=1)) as bot:
        for text in ("/help", "/topics", IN_SCOPE, IN_SCOPE):
            await bot.api.push_message(text)
        await bot.replies(ALICE["id"], count=4, timeout=30)
        assert [row.question for row in logged(bot)] == [IN_SCOPE]


async def test_only_a_salted_hash_of_the_user_id_reaches_the_database_file(
    press_bot: BotHarness, tmp_path: Path
) -> None:
    await reply_to(press_bot, CAROL, IN_SCOPE)
    [row] = logged(press_bot)
    stored = b"".join(path.read_bytes() for path in tmp_path.glob("questions.sqlite3*"))
    assert row.user_hash == hash_user(CAROL["id"], SALT) != hash_user(CAROL["id"], "another salt")
    assert str(CAROL["id"]).encode() not in stored
    assert row.user_hash is not None and row.user_hash.encode() in stored


async def test_chosen_inline_result_is_recorded(press_bot: BotHarness) -> None:
    await press_bot.api.push_chosen_inline_result("p:policy-priorities#3", "foreign policy", user=CAROL)
    database = question_log_of(press_bot).path
    assert database is not None

    def choices() -> list[tuple[str, str, str]]:
        with sqlite3.connect(database) as conn:
            return conn.execute("SELECT result_id, query, user_hash FROM inline_choices").fetchall()

    await eventually(lambda: bool(choices()))
    assert choices() == [("p:policy-priorities#3", "foreign policy", hash_user(CAROL["id"], SALT))]
    assert question_log_of(press_bot).stats().last_day.inline_choices == 1


async def test_a_failed_log_write_still_answers_without_feedback_buttons(press_bot: BotHarness) -> None:
    question_log_of(press_bot).close()  # every later write raises QuestionLogError
    reply = await reply_to(press_bot, ALICE, IN_SCOPE)
    assert "<blockquote>" in reply.params["text"]
    assert feedback_rows(reply) == []


def _seed(path: Path, *ages_in_days: int) -> None:
    with QuestionLog(path, SALT) as question_log:
        for age in ages_in_days:
            asked_at = datetime.now(UTC) - timedelta(days=age)
            question_log.record(
                QuestionRecord(
                    f"asked {age} days ago", "en", ChatType.PRIVATE, True, "ok", user_id=1, asked_at=asked_at
                )
            )


async def test_rows_past_retention_are_purged_when_the_bot_starts(engine: Any, tmp_path: Path) -> None:
    settings = press_settings(tmp_path, retention_days=30)
    _seed(settings["db_path"], 45, 31, 29, 1)
    async with running_bot(engine, **settings) as bot:
        assert [row.question for row in logged(bot)] == ["asked 29 days ago", "asked 1 days ago"]


async def test_daily_retention_job_is_scheduled_and_purges(engine: Any, tmp_path: Path) -> None:
    async with running_bot(engine, **press_settings(tmp_path, retention_days=30)) as bot:
        job_queue = bot.application.job_queue
        assert job_queue is not None
        [job] = job_queue.get_jobs_by_name(RETENTION_JOB_NAME)
        next_run = job.next_t
        assert next_run is not None and next_run.astimezone(UTC).timetz() == PURGE_TIME_UTC
        assert timedelta(0) < next_run - datetime.now(UTC) <= timedelta(days=1)
        path = question_log_of(bot).path
        assert path is not None
        _seed(path, 40, 2)
        await job.run(bot.application)
        assert [row.question for row in logged(bot)] == ["asked 2 days ago"]


async def test_an_unusable_database_path_stops_the_start_with_a_clear_error(
    engine: Any, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log's folder should be", encoding="utf-8")
    with pytest.raises(TelegramSetupError, match="BOT_DB_PATH"):
        async with running_bot(engine, **press_settings(tmp_path, db_path=blocker / "q.sqlite3")):
            pass
