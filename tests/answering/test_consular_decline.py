"""A consular question declined with the consular pages and the mission serving the asker's country."""

from __future__ import annotations

import pytest

from bot.answering import Engine
from bot.rendering import render_answer_html, render_answer_text


@pytest.mark.parametrize(
    ("question", "country", "mission", "words"),
    [
        ("I live in Poland, how do I renew my passport?", "PL", "by-embassy-poland-warsaw", "Where you are"),
        ("паспорт в Германии", "DE", "by-embassy-germany-berlin", "Германия"),
        ("як атрымаць пашпарт у Літве", "LT", "by-embassy-lithuania-vilnius", "Літва"),
    ],
)
def test_a_consular_question_naming_a_country_names_the_belarusian_mission_there(
    engine: Engine, question: str, country: str, mission: str, words: str
):
    answer = engine.answer(question)
    assert not answer.answered and answer.topic is not None and answer.topic.id == "consular"
    assert answer.topic.country_code == country
    assert answer.topic.missions and answer.topic.missions[0].id == mission
    text = render_answer_text(answer, engine.options.official_site_url, engine.mission_lookup)
    assert answer.topic.pointer in text and words in text
    record = engine.mission_lookup(mission)
    assert record is not None
    assert (record.city_names.in_language(answer.lang) or record.city) in text


def test_a_country_without_a_belarusian_mission_gets_the_mission_covering_it(engine: Engine):
    answer = engine.answer("I am in Portugal and lost my passport")
    assert answer.topic is not None and answer.topic.country_code == "PT"
    assert answer.topic.missions
    assert all("Portugal" in {place.en for place in m.covers} for m in answer.topic.missions)


def test_a_consular_question_naming_no_country_names_no_mission(engine: Engine):
    answer = engine.answer("how do i get a visa to belarus")
    assert answer.topic is not None and answer.topic.id == "consular"
    assert answer.topic.missions == () and answer.topic.country_code is None
    assert "Where you are" not in render_answer_text(answer, engine.options.official_site_url)


def test_the_consular_decline_is_escaped_for_telegram(engine: Engine):
    answer = engine.answer("I live in Poland, how do I renew my passport?")
    html = render_answer_html(answer, engine.options.official_site_url, engine.mission_lookup)
    assert "Ministry&#x27;s" in html and "<" not in html.replace("&lt;", "")
    assert "Warsaw" in html
