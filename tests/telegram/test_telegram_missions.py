"""The mission directory in Telegram: /missions, card buttons, closed missions, inline cards."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

import pytest

from bot.i18n import t
from bot.rendering import render_answer_html
from bot.rendering.html_split import html_to_text
from bot.rendering.mission_cards import mission_title, render_card_html, source_label, status_text
from bot.telegram.answer_buttons import (
    MAX_MISSION_BUTTONS,
    callback_data,
    mission_buttons,
    resolve_key,
)
from bot.telegram.missions import missions_for_place
from corpus import country_display_name
from tests.fake_bot_api import ALICE, BORIS, RecordedCall
from tests.html_assertions import assert_well_formed_html
from tests.telegram_fixtures import BotHarness

YANKA: dict[str, Any] = {"id": 1003, "is_bot": False, "first_name": "Янка", "language_code": "be"}
USERS = {"en": ALICE, "ru": BORIS, "be": YANKA}


def keyboard(call: RecordedCall) -> list[dict[str, Any]]:
    """The buttons under a sent message, one per row as the bot lays them out."""
    return [row[0] for row in call.params.get("reply_markup", {}).get("inline_keyboard", [])]


def mission(harness: BotHarness, mission_id: str) -> Any:
    found = harness.engine.missions.get(mission_id)
    assert found is not None, mission_id
    return found


async def press(
    harness: BotHarness, button: dict[str, Any], under: RecordedCall, user: dict[str, Any] = ALICE
) -> RecordedCall:
    """Press ``button`` under the message ``under`` and return the message the bot sends back."""
    before = len(harness.api.calls_of("sendMessage"))
    callback = await harness.api.push_callback_query(button["callback_data"], under.result, user=user)
    sent = await harness.replies(user["id"], count=before + 1)
    answered = harness.api.calls_of("answerCallbackQuery")
    assert callback["id"] in [c.params["callback_query_id"] for c in answered]
    return sent[-1]


@pytest.mark.parametrize("lang", ["en", "ru", "be"])
async def test_missions_without_a_place_explains_how_to_ask(bot_harness: BotHarness, lang: str) -> None:
    user = USERS[lang]
    await bot_harness.api.push_message("/missions", user=user)
    [reply] = await bot_harness.replies(user["id"])
    assert reply.params["text"] == escape(t(lang, "missions_bot.usage"))
    assert "/missions" in reply.params["text"]


@pytest.mark.parametrize("lang", ["en", "ru", "be"])
def test_every_usage_example_is_found_by_the_directory(engine: Any, lang: str) -> None:
    examples = [
        line.split(" — ")[0].removeprefix("/missions ").strip()
        for line in t(lang, "missions_bot.usage").splitlines()
        if line.startswith("/missions ")
    ]
    assert len(examples) == 3
    for place in examples:
        sections = missions_for_place(engine.missions, place, lang)
        assert sections and all(s.query.matches for s in sections), place


async def test_missions_with_a_country_lists_both_directions_labelled(bot_harness: BotHarness) -> None:
    await bot_harness.api.push_message("/missions Germany")
    [reply] = await bot_harness.replies(ALICE["id"])
    text = html_to_text(reply.params["text"])
    abroad = t("en", "missions_bot.abroad_heading", country="Germany")
    foreign = t("en", "missions_bot.foreign_heading", country="Germany")
    assert abroad in text and foreign in text and text.index(abroad) < text.index(foreign)
    berlin, munich = (
        mission(bot_harness, i) for i in ("by-embassy-germany-berlin", "by-consulate-general-germany-munich")
    )
    in_minsk = mission(bot_harness, "germany-embassy-minsk")
    assert mission_title(in_minsk, "en") in text and source_label(in_minsk).split(" — ")[0] in text
    assert [b["text"] for b in keyboard(reply)] == [mission_title(berlin, "en"), mission_title(munich, "en")]
    assert_well_formed_html(reply.params["text"])


@pytest.mark.parametrize(
    ("lang", "place", "expected_id"),
    [
        ("ru", "Германия", "by-embassy-germany-berlin"),
        ("be", "Германія", "by-embassy-germany-berlin"),
        ("ru", "Брест", "poland-consulate-general-brest"),
        ("be", "Брэст", "poland-consulate-general-brest"),
    ],
)
async def test_missions_with_a_russian_or_belarusian_place_answers_in_that_language(
    bot_harness: BotHarness, lang: str, place: str, expected_id: str
) -> None:
    user = USERS[lang]
    await bot_harness.api.push_message(f"/missions {place}", user=user)
    [reply] = await bot_harness.replies(user["id"])
    expected = mission(bot_harness, expected_id)
    assert mission_title(expected, lang) in [b["text"] for b in keyboard(reply)]
    assert all(b["callback_data"].startswith(f"m:{lang}:") for b in keyboard(reply))
    if expected.direction == "belarus_abroad":  # a bare country: both directions, headed in lang
        country = country_display_name("DE", lang)
        assert escape(t(lang, "missions_bot.abroad_heading", country=country)) in reply.params["text"]


async def test_missions_with_an_unknown_place_says_so_escaped(bot_harness: BotHarness) -> None:
    await bot_harness.api.push_message("/missions <Atlantis>")
    [reply] = await bot_harness.replies(ALICE["id"])
    assert reply.params["text"] == escape(t("en", "missions_bot.not_found", place="<Atlantis>"))


async def open_listed_card(harness: BotHarness, command: str, mission_id: str) -> tuple[Any, RecordedCall]:
    """Send ``command``, press the button of ``mission_id`` in the list, return the mission and its card."""
    await harness.api.push_message(command)
    [listing] = await harness.replies(ALICE["id"])
    listed = mission(harness, mission_id)
    button = next(b for b in keyboard(listing) if b["text"] == mission_title(listed, "en"))
    return listed, await press(harness, button, listing)


async def test_pressing_a_listed_mission_sends_its_card_with_its_source(bot_harness: BotHarness) -> None:
    munich, card = await open_listed_card(
        bot_harness, "/missions Germany", "by-consulate-general-germany-munich"
    )
    assert card.params["text"] == render_card_html(munich, "en", bot_harness.engine.missions.get)
    assert t("en", "reply.checked_on", date=munich.checked) in html_to_text(card.params["text"])
    assert card.params["parse_mode"] == "HTML"


async def test_a_question_with_many_matches_gets_one_button_per_listed_mission(
    bot_harness: BotHarness,
) -> None:
    question = "Belarusian missions in Russia"
    await bot_harness.api.push_message(question)
    [listing] = await bot_harness.replies(ALICE["id"])
    matches = bot_harness.engine.answer(question, user_language_code="en").missions.matches
    assert len(matches) > MAX_MISSION_BUTTONS
    mission_rows = [b for b in keyboard(listing) if b["callback_data"].startswith("m:")]
    assert [b["text"] for b in mission_rows] == [
        mission_title(m, "en") for m in matches[:MAX_MISSION_BUTTONS]
    ]
    more = t("en", "mission.more", count=len(matches) - MAX_MISSION_BUTTONS)
    assert more in html_to_text(listing.params["text"])


async def test_a_closed_mission_says_so_and_offers_where_to_turn(bot_harness: BotHarness) -> None:
    await bot_harness.api.push_message("посольство Беларуси в Канаде", user=BORIS)
    [card] = await bot_harness.replies(BORIS["id"])
    ottawa = mission(bot_harness, "by-embassy-canada-ottawa")
    washington = mission(bot_harness, "by-embassy-united-states-washington")
    assert status_text(ottawa, "ru") == t("ru", "mission.status.closed", date="2021-09-01")
    assert escape(status_text(ottawa, "ru") or "") in card.params["text"]
    [button] = [b for b in keyboard(card) if b["callback_data"].startswith("m:")]
    assert button["text"] == mission_title(washington, "ru")
    opened = await press(bot_harness, button, card, user=BORIS)
    assert opened.params["text"] == render_card_html(washington, "ru", bot_harness.engine.missions.get)


async def test_a_closed_mission_opened_from_a_list_says_so_and_invents_no_successor(
    bot_harness: BotHarness,
) -> None:
    closed, card = await open_listed_card(bot_harness, "/missions Brest", "ukraine-consulate-general-brest")
    assert escape(status_text(closed, "en") or "") in card.params["text"]
    assert keyboard(card) == []  # the record names no successor: no button is invented


async def test_a_button_for_a_mission_no_longer_listed_says_so(bot_harness: BotHarness) -> None:
    await bot_harness.api.push_message("/missions Germany")
    [listing] = await bot_harness.replies(ALICE["id"])
    gone = {"text": "gone", "callback_data": "m:en:by-embassy-atlantis-poseidonia"}
    reply = await press(bot_harness, gone, listing)
    url = t("en", "mission.list_url")
    assert reply.params["text"] == escape(t("en", "missions_bot.card_missing", url=url))


async def test_inline_mission_question_returns_card_articles_first(bot_harness: BotHarness) -> None:
    text = "Belarusian embassy in Germany"
    query = await bot_harness.api.push_inline_query(text)
    [call] = await bot_harness.api.wait_for(
        "answerInlineQuery", lambda c: c.params["inline_query_id"] == query["id"]
    )
    results = call.params["results"]
    berlin = mission(bot_harness, "by-embassy-germany-berlin")
    first = results[0]
    assert first["title"] == mission_title(berlin, "en")
    assert first["input_message_content"]["message_text"] == render_card_html(
        berlin, "en", bot_harness.engine.missions.get
    )
    assert first["description"].startswith("Berlin")
    card_ids = [r["id"] for r in results if r["id"].startswith("m:")]
    assert card_ids[:2] == ["m:by-embassy-germany-berlin", "m:by-consulate-general-germany-munich"]
    quoted = [r for r in results if r["id"].startswith("p:")]
    mission_passages = {p.id for p in bot_harness.engine.corpus.passages if p.mission_id}
    assert not any(r["id"].removeprefix("p:") in mission_passages for r in quoted)


async def test_inline_question_about_an_unlisted_mission_says_none_is_listed(bot_harness: BotHarness) -> None:
    query = await bot_harness.api.push_inline_query("посольство Беларуси в Чили", user=BORIS)
    [call] = await bot_harness.api.wait_for(
        "answerInlineQuery", lambda c: c.params["inline_query_id"] == query["id"]
    )
    first = call.params["results"][0]
    answer = bot_harness.engine.answer("посольство Беларуси в Чили", user_language_code="ru")
    assert answer.missions.matches == ()
    assert first["id"] == "missions:none"
    assert first["title"] in html_to_text(
        render_answer_html(
            answer, bot_harness.engine.options.official_site_url, bot_harness.engine.mission_lookup
        )
    )


async def test_inline_question_about_a_covered_country_says_so_before_the_card(
    bot_harness: BotHarness,
) -> None:
    query = await bot_harness.api.push_inline_query("посольство Беларуси в Португалии", user=BORIS)
    [call] = await bot_harness.api.wait_for(
        "answerInlineQuery", lambda c: c.params["inline_query_id"] == query["id"]
    )
    first, card = call.params["results"][:2]
    answer = bot_harness.engine.answer("посольство Беларуси в Португалии", user_language_code="ru")
    assert answer.missions.covering and answer.missions.matches[0].id == "by-embassy-france-paris"
    assert first["id"] == "missions:served" and "Португалия" in first["title"]
    assert card["title"] == mission_title(answer.missions.matches[0], "ru")


def test_every_mission_button_fits_telegrams_64_bytes(engine: Any) -> None:
    rows = mission_buttons(engine.missions.missions, "be")
    assert len(rows) == len(engine.missions.missions)
    assert max(len(str(row[0].callback_data).encode()) for row in rows) <= 64


def test_an_overlong_id_travels_as_a_digest_and_resolves_back() -> None:
    long_id = "by-honorary-consulate-" + "very-long-place-name-" * 4
    data = callback_data("m:ru", long_id)
    assert len(data.encode()) <= 64 and long_id not in data
    key = data.removeprefix("m:ru:")
    assert resolve_key(key, ["by-embassy-germany-berlin", long_id]) == long_id
    assert resolve_key(key, ["by-embassy-germany-berlin"]) is None


def test_missions_and_lang_are_in_the_command_menu_in_three_languages() -> None:
    from bot.telegram.app import public_commands

    for lang in ("en", "ru", "be"):
        menu = {c.command: c.description for c in public_commands(lang)}
        assert menu["missions"] == t(lang, "missions_bot.command")
        assert menu["lang"] == t(lang, "language.command")


def answers_to(query_id: str) -> Callable[[RecordedCall], bool]:
    """Whether a recorded call answers the inline query ``query_id``."""
    return lambda call: bool(call.params["inline_query_id"] == query_id)


async def test_inline_cards_are_paged_before_the_passages(bot_harness: BotHarness) -> None:
    text = "embassies in Minsk"
    found = bot_harness.engine.answer(text, user_language_code="en").missions
    expected = [*found.matches, *found.nearest]  # the embassies, then the other missions in Minsk
    assert len(found.matches) > 20 and found.nearest
    pages: list[dict[str, Any]] = []
    offset: str | None = ""
    while offset is not None:
        query = await bot_harness.api.push_inline_query(text, offset=offset)
        [call] = await bot_harness.api.wait_for("answerInlineQuery", answers_to(query["id"]))
        pages.append(call.params)
        offset = call.params["next_offset"] or None
    ids = [r["id"] for page in pages for r in page["results"]]
    assert ids[: len(expected)] == [f"m:{m.id}" for m in expected]
    assert all(i.startswith("p:") for i in ids[len(expected) :])
    assert [len(p["results"]) for p in pages[: len(expected) // 10]] == [10] * (len(expected) // 10)
