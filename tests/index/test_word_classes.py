"""Words that cannot name a subject (adverbs, particles, short adjectives) weigh less among unknown words."""

from __future__ import annotations

import pytest

from index.word_classes import is_predicate_word, predicate_terms

PREDICATE_WORDS = [
    ("closely", "en"),
    ("тесно", "ru"),
    ("прям", "ru"),
    ("нужен", "ru"),
    ("настроена", "ru"),
    ("супрацьстаіць", "be"),
    ("выдзяляе", "be"),
    ("небудзь", "be"),
    ("навек", "be"),  # spelt as in Russian: Russian's dictionary says it is an adverb
]
SUBJECT_WORDS = [
    ("weapons", "en"),
    ("tractors", "en"),
    ("merge", "en"),  # a verb: in English and Russian verbs count in full (module docstring)
    ("космосе", "ru"),
    ("оружие", "ru"),
    ("объединятся", "ru"),
    ("логика", "ru"),
    ("маладосць", "be"),
    ("зброю", "be"),
    ("qwpeoiru", "en"),  # nobody knows it: it may be a name
    ("ыывапр", "ru"),
]


@pytest.mark.parametrize(("word", "language"), PREDICATE_WORDS)
def test_adverbs_particles_and_belarusian_verb_forms_are_predicate_words(word: str, language: str) -> None:
    assert is_predicate_word(word, language)


@pytest.mark.parametrize(("word", "language"), SUBJECT_WORDS)
def test_nouns_verbs_and_unknown_words_can_name_a_subject(word: str, language: str) -> None:
    assert not is_predicate_word(word, language)


def test_predicate_terms_are_the_stems_of_predicate_words_only() -> None:
    terms = predicate_terms("Насколько тесно Беларусь работает с Китаем?", "ru")
    assert terms == {"тесн"}


def test_a_term_also_spelt_by_a_subject_word_is_no_predicate_term() -> None:
    assert predicate_terms("Does Belarus sell weapons to Africa?", "en") == frozenset()


def test_an_unknown_adverb_weighs_less_than_an_unknown_noun_in_the_unknown_share(engine) -> None:
    searcher = engine.searcher
    adverb = searcher.unknown_share("Насколько восхитительно Беларусь работает с Китаем?", "ru")
    noun = searcher.unknown_share("Насколько космос Беларусь работает с Китаем?", "ru")
    assert 0 < adverb < noun


def test_a_metonym_is_no_unknown_word(engine) -> None:
    assert engine.searcher.unknown_share("как строятся отношения с Первопрестольной", "ru") == 0.0


def test_a_russian_word_in_a_belarusian_question_is_known_from_the_russian_material(engine) -> None:
    searcher = engine.searcher
    assert searcher.unknown_share("як у нас з Еўропай па торговле", "be") == 0.0
    assert searcher.unknown_share("а што з інтэграцыяй на постсавецкім пространстве", "be") == 0.0
    assert searcher.unknown_share("як у нас з Еўропай па космасе", "be") > 0.0
