"""Feedback buttons under private answers: shown, pressed, acknowledged, redrawn and stored."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import t
from bot.pressdesk.records import Feedback
from bot.telegram.feedback import FEEDBACK_PATTERN, feedback_callback_data, with_feedback_chosen
from tests.fake_bot_api import ALICE, BORIS, GROUP_CHAT
from tests.press_desk_fixtures import (
    IN_SCOPE,
    IN_SCOPE_RU,
    OUT_OF_SCOPE,
    feedback_rows,
    keyboard,
    logged,
    question_log_of,
    reply_to,
)
from tests.telegram_fixtures import BotHarness

LABELS = {
    Feedback.HELPFUL: "Helpful",
    Feedback.NOT_HELPFUL: "Not helpful",
    Feedback.OUTDATED: "Outdated",
}


async def test_private_answer_carries_three_feedback_buttons_for_its_logged_row(
    press_bot: BotHarness,
) -> None:
    reply = await reply_to(press_bot, ALICE, IN_SCOPE)
    [row] = feedback_rows(reply)
    [logged_row] = logged(press_bot)
    assert [button["text"] for button in row] == list(LABELS.values())
    assert [button["callback_data"] for button in row] == [
        f"fb:{logged_row.id}:h",
        f"fb:{logged_row.id}:n",
        f"fb:{logged_row.id}:o",
    ]
    assert keyboard(reply)[-1] == row  # feedback closes the keyboard, under the answer's own buttons


def test_callback_data_fits_telegrams_64_bytes_for_the_largest_row_id() -> None:
    data = feedback_callback_data(2**63 - 1, Feedback.NOT_HELPFUL)
    assert len(data.encode()) <= 64 and FEEDBACK_PATTERN.match(data)


async def test_feedback_labels_follow_the_users_telegram_language(press_bot: BotHarness) -> None:
    reply = await reply_to(press_bot, BORIS, IN_SCOPE)
    [row] = feedback_rows(reply)
    assert [button["text"] for button in row] == [
        t("ru", f"press.feedback.{feedback.value}") for feedback in LABELS
    ]


async def test_declined_question_gets_no_feedback_buttons(press_bot: BotHarness) -> None:
    reply = await reply_to(press_bot, ALICE, OUT_OF_SCOPE)
    assert feedback_rows(reply) == []


async def test_group_answers_get_no_feedback_buttons(press_bot: BotHarness) -> None:
    await press_bot.api.push_message(f"/ask {IN_SCOPE}", chat=GROUP_CHAT)
    [reply] = await press_bot.replies(GROUP_CHAT["id"])
    assert "<blockquote>" in reply.params["text"]
    assert feedback_rows(reply) == []


@pytest.mark.parametrize("feedback", list(Feedback))
async def test_pressing_a_button_acknowledges_marks_it_and_stores_the_rating(
    press_bot: BotHarness, feedback: Feedback
) -> None:
    api = press_bot.api
    reply = await reply_to(press_bot, ALICE, IN_SCOPE)
    [row] = feedback_rows(reply)
    [pressed] = [b for b in row if b["text"] == LABELS[feedback]]
    callback = await api.push_callback_query(pressed["callback_data"], reply.result)
    [ack] = await api.wait_for("answerCallbackQuery")
    [edit] = await api.wait_for("editMessageReplyMarkup")
    assert ack.params == {"callback_query_id": callback["id"], "text": t("en", "press.feedback.thanks")}
    assert (edit.params["chat_id"], edit.params["message_id"]) == (ALICE["id"], reply.result["message_id"])
    [redrawn] = feedback_rows(edit)
    assert [b["text"] for b in redrawn] == [
        f"✓ {label}" if chosen is feedback else label for chosen, label in LABELS.items()
    ]
    assert [row.feedback for row in logged(press_bot)] == [feedback]


async def test_the_last_press_wins(press_bot: BotHarness) -> None:
    api = press_bot.api
    reply = await reply_to(press_bot, ALICE, IN_SCOPE)
    helpful, not_helpful, _ = feedback_rows(reply)[0]
    await api.push_callback_query(helpful["callback_data"], reply.result)
    [first_edit] = await api.wait_for("editMessageReplyMarkup")
    await api.push_callback_query(not_helpful["callback_data"], {**reply.result, **first_edit.result})
    await api.wait_for("editMessageReplyMarkup", count=2)
    assert [row.feedback for row in logged(press_bot)] == [Feedback.NOT_HELPFUL]


async def test_someone_elses_press_is_not_stored_and_changes_nothing(press_bot: BotHarness) -> None:
    api = press_bot.api
    reply = await reply_to(press_bot, ALICE, IN_SCOPE)
    helpful = feedback_rows(reply)[0][0]
    callback = await api.push_callback_query(helpful["callback_data"], reply.result, user=BORIS)
    [ack] = await api.wait_for("answerCallbackQuery")
    assert ack.params == {"callback_query_id": callback["id"], "text": t("ru", "press.feedback.expired")}
    assert api.calls_of("editMessageReplyMarkup") == []
    assert [row.feedback for row in logged(press_bot)] == [None]


async def test_a_button_of_a_purged_question_is_acknowledged_as_expired(press_bot: BotHarness) -> None:
    reply = await reply_to(press_bot, ALICE, IN_SCOPE)
    [row] = logged(press_bot)
    question_log_of(press_bot).purge_older_than(1, now=row.asked_at + timedelta(days=2))
    await press_bot.api.push_callback_query(feedback_rows(reply)[0][0]["callback_data"], reply.result)
    [ack] = await press_bot.api.wait_for("answerCallbackQuery")
    assert ack.params["text"] == t("en", "press.feedback.expired")


async def test_feedback_row_joins_the_answers_own_buttons_and_keeps_them_when_pressed(
    press_bot: BotHarness,
) -> None:
    reply = await reply_to(press_bot, BORIS, IN_SCOPE_RU)  # quotes a translation: "show the original"
    rows = keyboard(reply)
    [feedback] = feedback_rows(reply)
    own = rows[:-1]
    assert own and all(not b["callback_data"].startswith("fb:") for row in own for b in row)
    await press_bot.api.push_callback_query(feedback[0]["callback_data"], reply.result, user=BORIS)
    [edit] = await press_bot.api.wait_for("editMessageReplyMarkup")
    assert keyboard(edit)[:-1] == own


def test_redrawing_a_keyboard_without_a_feedback_row_appends_one() -> None:
    other = InlineKeyboardMarkup([[InlineKeyboardButton("Card", callback_data="m:by-embassy-de")]])
    redrawn = with_feedback_chosen(other, 7, "en", Feedback.OUTDATED)
    rows = redrawn.inline_keyboard
    assert rows[0] == other.inline_keyboard[0]
    assert [b.text for b in rows[1]] == ["Helpful", "Not helpful", "✓ Outdated"]
