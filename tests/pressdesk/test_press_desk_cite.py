"""/cite: copy-ready plain text with full citations, through the real bot and as a renderer."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from html import escape, unescape
from typing import Any

import pytest

from bot.i18n import t
from bot.pressdesk.records import ChatType
from bot.rendering import render_answer_text
from bot.rendering.citation import citation_line, render_citation_text
from tests.fake_bot_api import ALICE, BORIS, GROUP_CHAT
from tests.press_desk_fixtures import IN_SCOPE, IN_SCOPE_RU, OUT_OF_SCOPE, keyboard, logged, reply_to
from tests.telegram_fixtures import BotHarness

HTML_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def has_emoji(text: str) -> bool:
    """Pictographs and symbols Telegram shows as emoji (category So), or a variation selector."""
    return any(unicodedata.category(char) == "So" or char == "\ufe0f" for char in text)


async def test_cite_gives_the_quote_with_title_url_and_date_as_plain_text(press_bot: BotHarness) -> None:
    reply = await reply_to(press_bot, ALICE, f"/cite {IN_SCOPE}")
    sent = reply.params["text"]
    text = unescape(sent)
    answer = press_bot.engine.answer(IN_SCOPE, user_language_code="en")
    first = answer.passages[0]
    assert text.startswith(f"“{first.text}”\nSource: {first.title}")
    for passage in answer.passages:
        assert passage.title in text and passage.source_url in text and passage.date in text
    assert not HTML_TAG.search(sent) and not has_emoji(text) and "*" not in text
    assert keyboard(reply) == []


async def test_cite_in_russian_cites_the_translation_and_its_original(press_bot: BotHarness) -> None:
    reply = await reply_to(press_bot, BORIS, f"/cite {IN_SCOPE_RU}")
    text = unescape(reply.params["text"])
    first = press_bot.engine.answer(IN_SCOPE_RU, user_language_code="ru").passages[0]
    assert first.is_translation and first.original_url
    assert citation_line(first, "ru") in text and first.original_url in text
    assert text.startswith("“") and "Источник: " in text


async def test_cite_of_an_uncovered_question_says_so_plainly(press_bot: BotHarness) -> None:
    reply = await reply_to(press_bot, ALICE, f"/cite {OUT_OF_SCOPE}")
    site = press_bot.settings.official_site_url
    assert unescape(reply.params["text"]) == t("en", "reply.not_covered", site=site)


async def test_cite_without_a_question_explains_itself(press_bot: BotHarness) -> None:
    reply = await reply_to(press_bot, ALICE, "/cite")
    assert reply.params["text"] == escape(t("en", "press.cite.usage"))
    assert logged(press_bot) == []


async def test_cite_works_in_groups_and_is_recorded_like_any_question(press_bot: BotHarness) -> None:
    await press_bot.api.push_message(f"/cite {IN_SCOPE}", chat=GROUP_CHAT, user=BORIS)
    [reply] = await press_bot.replies(GROUP_CHAT["id"])
    assert "Source: " in unescape(reply.params["text"])
    assert [(row.question, row.chat_type) for row in logged(press_bot)] == [(IN_SCOPE, ChatType.GROUP)]


def test_citation_names_section_publisher_date_and_url(engine: Any) -> None:
    passage = engine.answer(IN_SCOPE, user_language_code="en").passages[0]
    with_section = dataclasses.replace(passage, section="Multilateral diplomacy")
    assert citation_line(with_section, "en") == (
        f"Source: {passage.title} — Multilateral diplomacy. {passage.source_name}, "
        f"{passage.date}. {passage.source_url}"
    )


@pytest.mark.parametrize(
    "question",
    ["Where is the Belarusian embassy in Germany?", "", "x" * 5000],
    ids=["mission", "empty", "too-long"],
)
def test_mission_answers_and_declines_are_cited_as_the_chat_reply(engine: Any, question: str) -> None:
    answer = engine.answer(question, user_language_code="en")
    site = engine.options.official_site_url
    cited = render_citation_text(answer, site, engine.mission_lookup)
    assert cited == render_answer_text(answer, site, engine.mission_lookup)
    assert not has_emoji(cited)
