"""Long story-like questions: the story before the question neither declines it nor answers it.

``question_evidence.asked_part`` keeps the sentences that ask apart from the
story told before them; the decision counts the unknown words, names and
out-of-scope topics of the asked part (``assessment.STORY_WEIGHT``).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("question", "passage"),
    [
        (
            "My grandmother keeps telling stories about the old days. "
            "What is the legal basis of the partnership with Russia?",
            "policy-priorities#2",
        ),
        (
            "Моя соседка всю жизнь проработала на заводе. "
            "А на чем основано сотрудничество Беларуси с Евросоюзом?",
            "policy-priorities-ru#4",
        ),
        (
            "Мая суседка ўсё жыццё працавала на заводзе. "
            "А на чым грунтуецца супрацоўніцтва Беларусі з Еўрасаюзам?",
            "policy-priorities-be#4",
        ),
        # A name in the story (a city, a university) when the question names its own subject.
        (
            "My cousin spent a year in Kyoto and loved it. "
            "What does Belarus say about its part in multilateral diplomacy?",
            "policy-priorities#7",
        ),
        (
            "Я вучуся ў МДЛУ, і выкладчык задаў эсэ. Які агульны падыход Беларусі да замежных партнёраў?",
            "policy-priorities-be#1",
        ),
    ],
)
def test_a_story_the_material_never_mentions_does_not_decline_the_question_after_it(
    engine, question: str, passage: str
):
    answer = engine.answer(question)
    assert answer.answered, answer.details
    assert answer.passages[0].passage_id == passage


@pytest.mark.parametrize(
    "question",
    [
        "I read a lot about relations with Russia. Are Russian soldiers based near Brest?",
        "I follow the news about China closely. Will Chinese firms build a new factory near Minsk?",
        "Я много читаю про отношения с Китаем. Будут ли китайцы строить новый завод под Минском?",
    ],
)
def test_a_story_about_a_covered_subject_does_not_get_an_uncovered_question_answered(engine, question: str):
    assert not engine.answer(question).answered


def test_a_name_in_the_story_counts_when_the_question_names_nothing_of_its_own(engine):
    answer = engine.answer("I keep reading about Taiwan. What is the official position?")
    assert not answer.answered
    assert answer.details["because"] == "unknown_name"


def test_a_story_word_triggers_no_out_of_scope_topic(engine):
    answer = engine.answer(
        "My history teacher says small states do not matter. What does Belarus do at the UN?"
    )
    assert answer.answered and answer.passages[0].passage_id == "policy-priorities#7"


def test_the_story_weighs_nothing_in_the_unknown_share(engine):
    searcher = engine.searcher
    alone = searcher.unknown_share("partnership with Russia", "en")
    told = searcher.unknown_share(
        "partnership with Russia", "en", story="grandmother stories", story_weight=0.0
    )
    counted = searcher.unknown_share("partnership with Russia", "en", story="grandmother stories")
    assert told == alone < counted
