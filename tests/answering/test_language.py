"""The language of a question: its text first, then the user's Telegram language, then English."""

from __future__ import annotations

import dataclasses

import pytest

from bot.answering.language import LanguageDecision, detect_language, detect_language_details, served_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Кітай", "be"),
        ("Китай", "ru"),
        ("China", "en"),
        ("What is the CSTO?", "en"),
        ("Што такое АДКБ?", "be"),
        ("Что такое ОДКБ?", "ru"),
        ("Адносіны з ЗША", "be"),
        ("Отношения с США", "ru"),
        ("Беларусь і ЕС", "be"),
        ("Еўрасаюз", "be"),
        ("Як справы", "be"),
        ("Как дела", "ru"),
        ("Куды ехаць", "be"),
        ("Куда ехать", "ru"),
        ("сям’я", "be"),
        ("Кiтай", "be"),  # Latin "i" typed for the Belarusian "і"
        ("Беларусь в ОДКБ", "ru"),  # lingua alone calls this Belarusian
    ],
)
def test_short_question_is_detected_from_its_letters(text: str, lang: str) -> None:
    assert detect_language_details(text) == LanguageDecision(lang, "script")


@pytest.mark.parametrize(("text", "lang"), [("Гандлёвы партнёр", "be"), ("Союзное государство", "ru")])
def test_phrase_without_telling_letters_is_left_to_the_detector(text: str, lang: str) -> None:
    assert detect_language_details(text) == LanguageDecision(lang, "detector")


@pytest.mark.parametrize(
    ("text", "user_code", "expected"),
    [
        ("Кітай", "ru", LanguageDecision("be", "script")),
        ("Отношения с Китаем", "be", LanguageDecision("ru", "script")),
        ("What about China?", "ru", LanguageDecision("en", "script")),
        ("2024", "be-BY", LanguageDecision("be", "user")),
        ("USA", "ru", LanguageDecision("ru", "user")),
        ("ЕАЭС?", "be", LanguageDecision("be", "user")),
        ("Беларусь", "be", LanguageDecision("be", "user")),
        ("🙂", "ru_RU", LanguageDecision("ru", "user")),
        ("2024", None, LanguageDecision("en", "default")),
        ("🙂", "uk", LanguageDecision("en", "default")),
        ("USA", "de", LanguageDecision("en", "default")),
        ("", None, LanguageDecision("en", "default")),
    ],
)
def test_fallback_order_is_text_then_user_language_then_english(
    text: str, user_code: str | None, expected: LanguageDecision
) -> None:
    assert detect_language_details(text, user_code) == expected


@pytest.mark.parametrize("user_code", [None, "en", "uk"])
def test_cyrillic_text_that_does_not_decide_falls_back_to_russian_not_english(user_code: str | None) -> None:
    assert detect_language_details("ЕАЭС?", user_code) == LanguageDecision("ru", "default")


def test_caller_default_is_used_when_nothing_decides() -> None:
    assert detect_language("12345", None, default="be") == "be"


def test_detect_language_returns_the_decided_language() -> None:
    assert detect_language("Адносіны з Кітаем", "en") == "be"


@pytest.mark.parametrize(
    ("code", "served"),
    [("ru", "ru"), ("be-BY", "be"), ("en_US", "en"), ("RU", "ru"), ("uk", None), ("", None), (None, None)],
)
def test_telegram_language_code_maps_to_a_served_language(code: str | None, served: str | None) -> None:
    assert served_language(code) == served


def test_decision_is_immutable() -> None:
    decision = detect_language_details("Кітай")
    with pytest.raises(dataclasses.FrozenInstanceError):
        decision.lang = "ru"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("добры вечар", "be"),
        ("навошта нам еаэс", "be"),
        ("што наконт кітая", "be"),
        ("чаму беларусь у адкб", "be"),
        ("надзор за выборами", "ru"),
        ("подземный переход", "ru"),
        ("как у нас с китаем", "ru"),
    ],
)
def test_chat_belarusian_without_i_or_u_is_told_from_russian(text: str, lang: str) -> None:
    assert detect_language(text) == lang
