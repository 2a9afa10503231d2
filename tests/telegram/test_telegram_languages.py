"""Languages in Telegram: /lang stored per user, replies in the question's language, the English original."""

from __future__ import annotations

import sqlite3
from html import escape
from pathlib import Path
from typing import Any

import pytest

from bot.i18n import t
from bot.pressdesk.log import hash_user
from bot.rendering import render_answer_html, render_passage_html
from bot.telegram.answer_buttons import original_buttons
from tests.fake_bot_api import ALICE, BORIS, BOT_USER, RecordedCall
from tests.telegram_fixtures import BotHarness, running_bot

# A long, distinctive id: finding its digits in the database file would mean it leaked.
LENA: dict[str, Any] = {"id": 731955208466, "is_bot": False, "first_name": "Lena", "language_code": "en"}
SALT = "language-test-salt"
POLICY_EN = "What are the priorities of the foreign policy of Belarus?"
POLICY_RU = "Каковы приоритеты внешней политики Беларуси?"
POLICY_BE = "Якія прыярытэты знешняй палітыкі Беларусі?"
SHORT = "EU?"  # Latin letters, but only an abbreviation: the text does not show a language


def buttons(call: RecordedCall) -> list[dict[str, Any]]:
    """Every button under a sent message, row by row."""
    return [b for row in call.params.get("reply_markup", {}).get("inline_keyboard", []) for b in row]


async def choose(harness: BotHarness, user: dict[str, Any], choice: str) -> RecordedCall:
    """Send /lang as ``user``, press ``lang:<choice>`` and return the edited confirmation."""
    api = harness.api
    sent_before = len(api.calls_of("sendMessage"))
    edits_before = len(api.calls_of("editMessageText"))
    await api.push_message("/lang", user=user)
    offer = (await harness.replies(user["id"], count=sent_before + 1))[-1]
    [button] = [b for b in buttons(offer) if b["callback_data"] == f"lang:{choice}"]
    await api.push_callback_query(button["callback_data"], offer.result, user=user)
    return (await api.wait_for("editMessageText", count=edits_before + 1))[-1]


async def reply_to(harness: BotHarness, user: dict[str, Any], text: str) -> RecordedCall:
    before = len(harness.api.calls_of("sendMessage"))
    await harness.api.push_message(text, user=user)
    return (await harness.replies(user["id"], count=before + 1))[-1]


def stored_rows(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT user_hash, language FROM user_preferences").fetchall()


async def test_lang_offers_each_language_in_its_own_name_and_automatic(bot_harness: BotHarness) -> None:
    await bot_harness.api.push_message("/lang", user=BORIS)
    [offer] = await bot_harness.replies(BORIS["id"])
    current = t("ru", "language.automatic_described")
    assert offer.params["text"] == escape(t("ru", "language.choose", current=current))
    assert [(b["text"], b["callback_data"]) for b in buttons(offer)] == [
        ("English", "lang:en"),
        ("Русский", "lang:ru"),
        ("Беларуская", "lang:be"),
        (t("ru", "language.automatic"), "lang:auto"),
    ]


@pytest.mark.parametrize(("choice", "name"), [("en", "English"), ("ru", "Русский"), ("be", "Беларуская")])
async def test_choosing_a_language_confirms_in_that_language(
    bot_harness: BotHarness, choice: str, name: str
) -> None:
    confirmation = await choose(bot_harness, BORIS, choice)
    assert confirmation.params["text"] == escape(t(choice, "language.chosen", language=name))
    assert confirmation.params["parse_mode"] == "HTML"


async def test_the_choice_is_stored_under_a_hash_and_survives_a_restart(engine: Any, tmp_path: Path) -> None:
    db_path = tmp_path / "bot.sqlite3"
    async with running_bot(engine, db_path=db_path, user_hash_salt=SALT) as harness:
        await choose(harness, LENA, "be")
    assert stored_rows(db_path) == [(hash_user(LENA["id"], SALT), "be")]
    file_bytes = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert str(LENA["id"]).encode() not in file_bytes
    assert LENA["id"].to_bytes(8, "big") not in file_bytes
    async with running_bot(engine, db_path=db_path, user_hash_salt=SALT) as harness:
        help_reply = await reply_to(harness, LENA, "/help")
        hint = await reply_to(harness, LENA, "/weather")
    assert help_reply.params["text"] == escape(t("be", "telegram.help", bot=BOT_USER["username"]))
    assert hint.params["text"] == escape(t("be", "telegram.unknown_command"))


async def test_automatic_forgets_the_choice(engine: Any, tmp_path: Path) -> None:
    db_path = tmp_path / "bot.sqlite3"
    async with running_bot(engine, db_path=db_path, user_hash_salt=SALT) as harness:
        await choose(harness, LENA, "ru")
        confirmation = await choose(harness, LENA, "auto")
        help_reply = await reply_to(harness, LENA, "/help")
    assert confirmation.params["text"] == escape(t("en", "language.chosen_automatic"))
    assert help_reply.params["text"] == escape(t("en", "telegram.help", bot=BOT_USER["username"]))
    assert stored_rows(db_path) == []


async def test_lang_names_the_current_choice(bot_harness: BotHarness) -> None:
    await choose(bot_harness, ALICE, "ru")
    offer = await reply_to(bot_harness, ALICE, "/lang")
    assert offer.params["text"] == escape(t("ru", "language.choose", current="Русский"))


async def test_the_choice_sets_the_language_of_inline_mode(bot_harness: BotHarness) -> None:
    await choose(bot_harness, ALICE, "be")
    query = await bot_harness.api.push_inline_query("", user=ALICE)
    [call] = await bot_harness.api.wait_for(
        "answerInlineQuery", lambda c: c.params["inline_query_id"] == query["id"]
    )
    assert call.params["button"]["text"] == t("be", "telegram.inline.open_private_chat")


async def test_the_choice_decides_a_question_whose_text_does_not(bot_harness: BotHarness) -> None:
    await choose(bot_harness, ALICE, "be")
    reply = await reply_to(bot_harness, ALICE, SHORT)
    expected = bot_harness.engine.answer(SHORT, user_language_code="be")
    assert expected.lang == "be" and bot_harness.engine.answer(SHORT, user_language_code="en").lang == "en"
    assert reply.params["text"] == render_answer_html(expected, bot_harness.settings.official_site_url)


async def test_a_question_clearly_in_english_is_answered_in_english_whatever_was_chosen(
    bot_harness: BotHarness,
) -> None:
    await choose(bot_harness, ALICE, "ru")
    reply = await reply_to(bot_harness, ALICE, POLICY_EN)
    expected = bot_harness.engine.answer(POLICY_EN, user_language_code="ru")
    assert expected.lang == "en"
    assert reply.params["text"] == render_answer_html(expected, bot_harness.settings.official_site_url)


@pytest.mark.parametrize(("question", "lang"), [(POLICY_RU, "ru"), (POLICY_BE, "be")])
async def test_russian_and_belarusian_questions_get_replies_in_their_language(
    bot_harness: BotHarness, question: str, lang: str
) -> None:
    reply = await reply_to(bot_harness, ALICE, question)  # Alice's Telegram is in English
    expected = bot_harness.engine.answer(question, user_language_code="en")
    assert expected.lang == lang and expected.passages[0].language == lang
    assert reply.params["text"] == render_answer_html(expected, bot_harness.settings.official_site_url)


async def test_the_english_original_button_sends_the_official_passage(bot_harness: BotHarness) -> None:
    reply = await reply_to(bot_harness, BORIS, POLICY_RU)
    answer = bot_harness.engine.answer(POLICY_RU, user_language_code="ru")
    expected_rows = original_buttons(answer.passages, "ru")
    originals = [b for b in buttons(reply) if b["callback_data"].startswith("orig:")]
    assert expected_rows and [b["text"] for b in originals] == [row[0].text for row in expected_rows]
    first = answer.passages[0]
    assert first.is_translation and originals[0]["callback_data"] == f"orig:{first.original_passage_id}"
    await bot_harness.api.push_callback_query(originals[0]["callback_data"], reply.result, user=BORIS)
    shown = (await bot_harness.replies(BORIS["id"], count=2))[-1]
    original = bot_harness.engine.passage(first.original_passage_id)
    assert original is not None and original.language == "en" and not original.is_translation
    header = f"<b>{escape(t('ru', 'language.original_header'))}</b>"
    assert shown.params["text"] == f"{header}\n{render_passage_html(original, 'ru')}"


async def test_an_english_answer_has_no_original_button(bot_harness: BotHarness) -> None:
    reply = await reply_to(bot_harness, ALICE, POLICY_EN)
    assert not [b for b in buttons(reply) if b["callback_data"].startswith("orig:")]
