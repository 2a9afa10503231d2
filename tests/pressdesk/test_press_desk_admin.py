"""Admin commands through the real bot: /stats, /unanswered, /export, and refusals for everyone else."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from html import escape
from typing import Any

import pytest

from bot.i18n import t
from bot.pressdesk.export import CSV_COLUMNS
from bot.pressdesk.records import ChatType, Feedback, QuestionRecord
from bot.rendering.html_split import html_to_text
from tests.fake_bot_api import ALICE, GROUP_CHAT
from tests.press_desk_fixtures import ADMIN, NOT_ADMIN, question_log_of, reply_to
from tests.telegram_fixtures import BotHarness, running_bot

ADMIN_COMMANDS = ["/stats", "/unanswered", "/export", "/reload", "/history", "/undo", "/digest on"]
TOPIC = "Priorities of the foreign policy of the Republic of Belarus § Multilateral diplomacy"


def record(
    harness: BotHarness,
    question: str,
    *,
    answered: bool = True,
    language: str = "en",
    age: timedelta = timedelta(hours=1),
    feedback: Feedback | None = None,
    reason: str | None = None,
    passages: tuple[str, ...] = (),
    missions: tuple[str, ...] = (),
) -> int:
    """Put one question straight into the running bot's log, as if asked ``age`` ago."""
    question_log = question_log_of(harness)
    row_id = question_log.record(
        QuestionRecord(
            question,
            language,
            ChatType.PRIVATE,
            answered,
            reason or ("ok" if answered else "not_covered"),
            user_id=ALICE["id"],
            passages=passages,
            missions=missions,
            latency_ms=40,
            asked_at=datetime.now(UTC) - age,
        )
    )
    if feedback is not None:
        assert question_log.set_feedback(row_id, ALICE["id"], feedback)
    return row_id


@pytest.mark.parametrize("command", ADMIN_COMMANDS)
async def test_admin_commands_are_refused_politely_to_everyone_else(
    press_bot: BotHarness, command: str
) -> None:
    engine = press_bot.application.bot_data.engine
    reply = await reply_to(press_bot, NOT_ADMIN, command)
    assert reply.params["text"] == escape(t("ru", "press.admin.refused"))
    assert press_bot.api.calls_of("sendDocument") == []
    assert press_bot.application.bot_data.engine is engine


@pytest.mark.parametrize("command", ADMIN_COMMANDS)
async def test_admin_commands_in_a_group_point_the_admin_to_a_private_chat(
    press_bot: BotHarness, command: str
) -> None:
    await press_bot.api.push_message(command, chat=GROUP_CHAT, user=ADMIN)
    [reply] = await press_bot.replies(GROUP_CHAT["id"])
    assert reply.params["text"] == escape(t("en", "press.admin.private_only"))


async def test_stats_shows_the_day_and_the_week(press_bot: BotHarness) -> None:
    record(press_bot, "q1", passages=(TOPIC,), feedback=Feedback.HELPFUL)
    record(press_bot, "q2", passages=(TOPIC,), language="ru", feedback=Feedback.NOT_HELPFUL)
    record(press_bot, "q3", answered=False, language="ru")
    record(press_bot, "q4", missions=("by-embassy-de",), age=timedelta(days=3))
    record(press_bot, "too old", age=timedelta(days=8))
    reply = await reply_to(press_bot, ADMIN, "/stats")
    text = html_to_text(reply.params["text"])
    day, week = text.split(t("en", "press.stats.last_week"))
    assert "Questions: 3" in day and "Answered: 2 (67%)" in day and "By language: ru 2, en 1" in day
    assert "Rated helpful: 1 of 2 rated (50%); not helpful: 1; outdated: 0" in day
    assert f"• {TOPIC} — 2" in day and "by-embassy-de" not in day
    assert "Questions: 4" in week and "Answered: 3 (75%)" in week
    assert "• mission by-embassy-de — 1" in week


async def test_stats_of_an_empty_log_shows_zeros_not_errors(press_bot: BotHarness) -> None:
    reply = await reply_to(press_bot, ADMIN, "/stats")
    text = html_to_text(reply.params["text"])
    assert text.count("Questions: 0") == 2 and "Answered: 0 (n/a)" in text


async def test_stats_counts_questions_the_bot_answered_itself(press_bot: BotHarness) -> None:
    await reply_to(press_bot, ADMIN, "What are the priorities of the foreign policy of Belarus?")
    reply = await reply_to(press_bot, ADMIN, "/stats", count=2)
    assert "Questions: 1" in html_to_text(reply.params["text"])


async def test_unanswered_groups_near_duplicates_and_counts_not_helpful(press_bot: BotHarness) -> None:
    for wording in (
        "Will it rain in Minsk tomorrow?",
        "will it rain in minsk tomorrow afternoon",
        "Will it rain in Minsk tomorrow?",
    ):
        record(press_bot, wording, answered=False)
    record(press_bot, "What is the visa regime with <Lithuania>?", feedback=Feedback.NOT_HELPFUL)
    record(press_bot, "What are the priorities?", feedback=Feedback.HELPFUL)
    record(press_bot, "?", answered=False, reason="no_words")
    reply = await reply_to(press_bot, ADMIN, "/unanswered")
    html = reply.params["text"]
    text = html_to_text(html)
    assert "1. 3× “Will it rain in Minsk tomorrow?”" in text
    assert "declined: 3, not helpful: 0; wordings: 2" in text
    assert "2. 1× “What is the visa regime with <Lithuania>?”" in text and "&lt;Lithuania&gt;" in html
    assert "priorities" not in text and "3." not in text


async def test_unanswered_with_days_leaves_older_questions_out(press_bot: BotHarness) -> None:
    record(press_bot, "Recent gap?", answered=False, age=timedelta(days=1))
    record(press_bot, "Old gap?", answered=False, age=timedelta(days=20))
    reply = await reply_to(press_bot, ADMIN, "/unanswered 7")
    text = html_to_text(reply.params["text"])
    assert "Recent gap?" in text and "Old gap?" not in text


@pytest.mark.parametrize("arguments", ["", " 30"], ids=["all", "days"])
async def test_unanswered_with_nothing_to_fix_says_so(press_bot: BotHarness, arguments: str) -> None:
    record(press_bot, "Answered and fine", feedback=Feedback.HELPFUL)
    reply = await reply_to(press_bot, ADMIN, f"/unanswered{arguments}")
    assert reply.params["text"] == escape(t("en", "press.unanswered.empty"))


async def test_unanswered_with_a_bad_argument_shows_the_usage(press_bot: BotHarness) -> None:
    reply = await reply_to(press_bot, ADMIN, "/unanswered lots")
    assert reply.params["text"] == escape(t("en", "press.unanswered.usage"))


def parse_csv(document: bytes, delimiter: str = ",") -> list[list[str]]:
    assert document.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.reader(io.StringIO(document.decode("utf-8-sig"), newline=""), delimiter=delimiter))


async def test_export_sends_the_last_seven_days_as_a_csv_document(press_bot: BotHarness) -> None:
    record(press_bot, "Как получить визу?", answered=False, language="ru")
    record(press_bot, '=HYPERLINK("http://x")', passages=(TOPIC,), age=timedelta(days=6))
    record(press_bot, "eight days old", age=timedelta(days=8))
    await press_bot.api.push_message("/export", user=ADMIN)
    [sent] = await press_bot.api.wait_for("sendDocument")
    header, *rows = parse_csv(sent.params["document"])
    assert tuple(header) == CSV_COLUMNS and "user_hash" not in header
    by_question = {row[header.index("question")]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_question) == {"Как получить визу?", '\'=HYPERLINK("http://x")'}
    assert by_question["Как получить визу?"]["answered"] == "no"
    assert by_question["Как получить визу?"]["language"] == "ru"
    assert by_question['\'=HYPERLINK("http://x")']["passages"] == TOPIC
    today = datetime.now(UTC)
    week_ago = today - timedelta(days=7)
    assert sent.params["document_filename"] == f"questions_{week_ago:%Y-%m-%d}_{today:%Y-%m-%d}.csv"
    assert sent.params["chat_id"] == ADMIN["id"]
    assert sent.params["caption"].endswith("UTC: 2.")


async def test_export_between_two_dates_includes_both_days(press_bot: BotHarness) -> None:
    today = datetime.now(UTC).date()
    first, last = today - timedelta(days=10), today - timedelta(days=5)
    for age_in_days in (11, 10, 5, 4):
        record(press_bot, f"asked {age_in_days} days ago", age=timedelta(days=age_in_days))
    await press_bot.api.push_message(f"/export {first} {last} ;", user=ADMIN)
    [sent] = await press_bot.api.wait_for("sendDocument")
    header, *rows = parse_csv(sent.params["document"], delimiter=";")
    questions = {row[header.index("question")] for row in rows}
    asked = {age: (datetime.now(UTC) - timedelta(days=age)).date() for age in (11, 10, 5, 4)}
    assert questions == {f"asked {age} days ago" for age, day in asked.items() if first <= day <= last}
    assert sent.params["document_filename"] == f"questions_{first}_{last}.csv"


async def test_export_of_an_empty_period_says_so_instead_of_sending_a_file(press_bot: BotHarness) -> None:
    reply = await reply_to(press_bot, ADMIN, "/export 2020-01-01 2020-01-31")
    assert html_to_text(reply.params["text"]) == t(
        "en", "press.export.empty", since="2020-01-01 00:00", until="2020-01-31 23:59"
    )
    assert press_bot.api.calls_of("sendDocument") == []


@pytest.mark.parametrize(
    "arguments", ["soon", "2026-11-28 2026-11-01", "0", "2026-13-01 2026-12-01", "1 2 3"]
)
async def test_export_with_arguments_it_cannot_read_shows_the_usage(
    press_bot: BotHarness, arguments: str
) -> None:
    reply = await reply_to(press_bot, ADMIN, f"/export {arguments}")
    assert html_to_text(reply.params["text"]).endswith(t("en", "press.export.usage"))
    assert press_bot.api.calls_of("sendDocument") == []


async def test_admins_see_the_admin_commands_in_their_own_chat_menu(press_bot: BotHarness) -> None:
    calls = press_bot.api.calls_of("setMyCommands")
    public = [c for c in calls if "scope" not in c.params]
    scoped = [c for c in calls if "scope" in c.params]
    assert {c.params.get("language_code") for c in scoped} == {None, "ru", "be"}
    assert all(c.params["scope"] == {"type": "chat", "chat_id": ADMIN["id"]} for c in scoped)
    assert all(
        {"stats", "unanswered", "export", "reload"}
        <= {command["command"] for command in c.params["commands"]}
        for c in scoped
    )
    assert all("stats" not in {command["command"] for command in c.params["commands"]} for c in public)
    assert all("cite" in {command["command"] for command in c.params["commands"]} for c in public)


async def test_without_admins_no_admin_menu_is_registered(engine: Any) -> None:
    async with running_bot(engine) as harness:
        assert all("scope" not in c.params for c in harness.api.calls_of("setMyCommands"))
