"""Other names of the material's subjects (``index.term_concepts``) reach the passage that names them."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("question", "passage"),
    [
        ("What position does Minsk hold in the Moscow-led military alliance?", "policy-priorities#3"),
        ("Якую пазіцыю Мінск займае ў ваенным альянсе на чале з Масквой?", "policy-priorities-be#3"),
        ("Какова позиция Беларуси по отношению к сверхдержаве за океаном?", "policy-priorities-ru#5"),
        ("How deep is Sino-Belarusian partnership?", "policy-priorities#6"),
        ("Чем Беларусь занимается в Женеве и Нью-Йорке?", "policy-priorities-ru#7"),
        ("kakova rol belarusi v EAES", "policy-priorities-ru#3"),  # Latin "EAES" reads "ЕАЕС"
        ("роль Беларуси в ЕАЕС", "policy-priorities-ru#3"),
    ],
)
def test_a_metonym_reaches_the_passage_about_what_it_names(engine, question: str, passage: str):
    answer = engine.answer(question)
    assert answer.answered, answer.details
    assert answer.passages[0].passage_id == passage


def test_the_word_headed_by_is_no_question_about_officials(engine):
    answer = engine.answer("Какую позицию Минск занимает в возглавляемом Москвой военном альянсе?")
    assert answer.details["because"] != "topic"
    officials = engine.answer("Кто возглавляет МИД Беларуси?")
    assert not officials.answered and officials.details["because"] == "topic"
