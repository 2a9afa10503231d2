"""What the question itself says: a figure asked for, a name the material never uses, the subject words."""

from __future__ import annotations

import pytest

from bot.answering import without_subject
from bot.answering.question_evidence import (
    AskedPart,
    asked_part,
    asks_for_figure,
    asks_others_view,
    unknown_name,
)

# Terms of the material or the bank in these tests (as ``tokenize`` writes them).
KNOWN = {"china:en", "china:ru", "union", "state", "treati", "eu", "europe:en", "un:en", "secur", "council"}


def known(term: str) -> bool:
    return term in KNOWN


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("How much does Belarus pay Russia for gas?", "en"),
        ("When was the Union State treaty signed?", "en"),
        ("In which year did Belarus join the CIS?", "en"),
        ("Сколько Беларусь экспортирует в Евросоюз?", "ru"),
        ("Когда был подписан договор?", "ru"),
        ("Колькі палітвязняў у Беларусі?", "be"),
        ("Калі быў падпісаны дагавор?", "be"),
    ],
)
def test_questions_asking_for_a_number_or_a_date_are_recognised(question: str, language: str):
    assert asks_for_figure(question, language)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("What kind of partnership does Belarus have with China?", "en"),
        ("What does Belarus do when the UN meets?", "en"),
        ("Как Беларусь относится к Китаю?", "ru"),
        ("Ці супрацоўнічае Беларусь з Кітаем, калі так, то як?", "be"),
    ],
)
def test_questions_asking_for_no_figure_are_not(question: str, language: str):
    assert not asks_for_figure(question, language)


@pytest.mark.parametrize(
    ("question", "language", "name"),
    [
        ("What is Belarus's position on Taiwan?", "en", "Taiwan"),
        ("Is Belarus a member of the WTO?", "en", "WTO"),
        ("What happened at the border in 2021?", "en", "2021"),
        ("Что случилось с самолетом Ryanair в Минске?", "ru", "Ryanair"),
        ("Инвестирует ли Китай в парк Великий камень?", "ru", "Великий"),
    ],
)
def test_a_name_neither_the_material_nor_the_bank_uses_is_found(question: str, language: str, name: str):
    assert unknown_name(question, language, known) == name


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Taiwan is not named, but a sentence may start with any word", "en"),
        ("What does the Union State treaty say?", "en"),
        ("Belarus and the EU", "en"),
        ("Is Belarus on the UN Security Council?", "en"),
        ("what about taiwan", "en"),  # typed in lower case: no name to see
        ("Беларусь и Китай", "ru"),
    ],
)
def test_known_names_capitals_at_the_start_and_the_subject_are_no_unknown_name(question: str, language: str):
    assert unknown_name(question, language, known) is None


@pytest.mark.parametrize(
    ("question", "subject_free"),
    [
        ("What is the GDP of Belarus?", "What is the GDP of ?"),
        ("Какой ВВП у Республики Беларусь?", "Какой ВВП у ?"),
        ("Belarusian embassy in Minsk", "embassy in"),
    ],
)
def test_the_subject_words_are_taken_out_of_the_question(question: str, subject_free: str):
    assert without_subject(question) == subject_free


def _names_subject(text: str) -> bool:
    """A stand-in for ``HybridSearcher.names_subject``: frame words alone name nothing."""
    frame = {"what", "does", "the", "ministry", "say", "officially", "about", "it"}
    frame |= {"что", "об", "этом", "пишет", "министерство"}
    return any(word.strip("?.,").lower() not in frame for word in text.split())


def test_a_story_told_before_the_question_is_kept_apart_from_what_is_asked():
    split = asked_part("My grandmother tells old stories. Is Russia a strategic partner?", _names_subject)
    assert split.asked == "Is Russia a strategic partner?"
    assert split.story == "My grandmother tells old stories."


def test_a_question_naming_no_subject_of_its_own_takes_the_sentence_before_it():
    story = "My grandfather says we are one people with Russia."
    split = asked_part(f"I live in Gomel. {story} What does the ministry officially say?", _names_subject)
    assert split.asked == f"{story} What does the ministry officially say?"
    assert split.story == "I live in Gomel."


def test_a_question_reported_inside_a_sentence_starts_at_its_question_word():
    asked = "считается ли Евросоюз партнером. Что об этом пишет министерство?"
    split = asked_part(f"Коллега торгует сыром и спрашивает, {asked}", _names_subject)
    assert split.asked == asked
    assert split.story == "Коллега торгует сыром и спрашивает,"


@pytest.mark.parametrize(
    "question",
    ["Is Russia a strategic partner?", "What about the U.S. and China?", "Belarus and China, partners?"],
)
def test_a_question_of_one_sentence_has_no_story(question: str):
    assert asked_part(question, _names_subject) == AskedPart(question)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("What is the EU's official position on Belarus?", "en"),
        ("how do the americans view minsk", "en"),
        ("Как Китай относится к Беларуси?", "ru"),
        ("Якую пазіцыю займае ЕС па Беларусі?", "be"),
    ],
)
def test_a_question_about_another_partys_view_of_belarus_is_recognised(question: str, language: str):
    assert asks_others_view(question, language)


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("What is Belarus's position on the EU?", "en"),
        ("What is the position of Belarus on the EU?", "en"),
        ("What is the official position on Belarus-China relations?", "en"),
        ("отношение Беларуси к ЕС", "ru"),
        ("Як Беларусь ставіцца да ЕС?", "be"),
    ],
)
def test_belarus_own_position_is_not_another_partys_view(question: str, language: str):
    assert not asks_others_view(question, language)


def test_the_engine_declines_another_partys_view_of_belarus(engine):
    answer = engine.answer("What is the EU's official position on Belarus?")
    assert not answer.answered and answer.details.get("because") == "others_view"
