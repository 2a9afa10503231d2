"""What the engine replies: verbatim quotes with sources, honest refusals, and no crash on bad input."""

from __future__ import annotations

import re
from html import escape

import pytest

from bot.rendering import render_answer_html, render_answer_text, render_passage_html
from tests.html_assertions import assert_well_formed_html

TAG = re.compile(r"</?([a-z]+)[^>]*>")
ALLOWED_TAGS = {"blockquote", "b", "i", "a"}


def _policy_text(engine) -> str:
    return " ".join(p.text for p in engine.corpus.passages if not p.is_record)


def test_policy_question_is_answered_with_a_verbatim_quote_and_its_source(engine):
    answer = engine.answer("How does Belarus see its relations with Beijing?")
    assert answer.answered and answer.reason == "ok"
    best = answer.passages[0]
    assert "People’s Republic of China" in best.text
    assert best.text in _policy_text(engine)
    assert best.source_url.startswith("https://mfa.gov.by/")
    reply = render_answer_text(answer, engine.options.official_site_url, engine.mission_lookup)
    assert best.title in reply and best.source_url in reply


def test_best_sentence_is_the_one_that_answers(engine):
    answer = engine.answer("What is the far arc region?")
    best = answer.passages[0]
    assert best.best_sentence is not None and "far arc" in best.best_sentence
    assert best.best_sentence in best.text
    assert f"<b>{escape(best.best_sentence)}</b>" in render_answer_html(
        answer, engine.options.official_site_url, engine.mission_lookup
    )


def test_at_most_two_further_passages_are_quoted(engine):
    for question in (
        "Belarus foreign policy",
        "integration and trade with the EU",
        "relations with partners",
    ):
        answer = engine.answer(question)
        assert len(answer.passages) <= 3


@pytest.mark.parametrize(
    "question",
    [
        "Колькі зараз часу?",  # "колькі" is no typo of the stop word "толькі"
        "час",  # one common word of a longer bank question is not that question
        "anyone there?",
    ],
)
def test_a_chat_word_the_bank_happens_to_use_does_not_get_a_quote(engine, question: str):
    assert not engine.answer(question).answered


@pytest.mark.parametrize(
    "question",
    [
        "Who won the football match last night?",
        "What is the price of petrol in Minsk?",
        "qwpeoiru zxmcnv asdkjh",
    ],
)
def test_question_outside_the_material_gets_an_honest_refusal(engine, question: str):
    answer = engine.answer(question)
    assert not answer.answered and answer.reason == "not_covered"
    reply = render_answer_text(answer, engine.options.official_site_url, engine.mission_lookup)
    assert "does not cover" in reply and engine.options.official_site_url in reply


@pytest.mark.parametrize(
    ("raw", "reason", "words"),
    [
        ("", "empty", "type a question"),
        ("   \n\t ", "empty", "type a question"),
        ("😀🇧🇾🙏", "no_words", "could not find a question"),
        ("What about the EU? " * 600, "too_long", "too long"),
        ("\x00\x01\x02\x03\x04\x05\x06binary\x07\x08\x0b\x0c\x0e\x0f\x10", "unreadable", "readable text"),
    ],
)
def test_bad_input_gets_a_clear_reply(engine, raw: str, reason: str, words: str):
    answer = engine.answer(raw)
    assert not answer.answered and answer.reason == reason
    assert words in render_answer_text(answer, engine.options.official_site_url, engine.mission_lookup)
    assert_well_formed_html(
        render_answer_html(answer, engine.options.official_site_url, engine.mission_lookup)
    )


@pytest.mark.parametrize(
    "question",
    [
        "<b>What about China?</b>",
        "<script>alert('x')</script> relations with Russia",
        "**EU** trade [click](javascript:alert(1)) & <i>investment</i>",
        "relations with the USA </blockquote><a href='http://evil'>x</a>",
    ],
)
def test_markup_in_a_question_is_neither_obeyed_nor_echoed_as_markup(engine, question: str):
    answer = engine.answer(question)
    assert answer.answered, "the words of the question still count"
    html = render_answer_html(answer, engine.options.official_site_url, engine.mission_lookup)
    assert_well_formed_html(html)
    assert set(TAG.findall(html)) <= ALLOWED_TAGS
    assert "evil" not in html and "javascript" not in html


def test_russian_question_quotes_the_russian_translation_and_links_the_original(engine):
    answer = engine.answer("Какие отношения у Беларуси с Китаем?")
    assert answer.lang == "ru" and answer.answered
    quote = answer.passages[0]
    assert quote.language == "ru" and quote.is_translation
    assert quote.original_passage_id and quote.original_url
    original = engine.passage(quote.original_passage_id)
    assert original is not None and "People’s Republic of China" in original.text
    reply = render_answer_text(answer, engine.options.official_site_url, engine.mission_lookup)
    assert "Неофициальный перевод" in reply and quote.original_url in reply


def test_belarusian_question_is_answered_in_belarusian(engine):
    answer = engine.answer("Якія адносіны Беларусі з Еўрапейскім саюзам?")
    assert answer.lang == "be" and answer.answered
    assert answer.passages[0].language == "be"
    assert "Еўрапейскі саюз" in answer.passages[0].text


def test_rendered_html_escapes_corpus_text(engine):
    tricky = [p for p in engine.corpus.passages if "“" in p.text or "&" in p.text or "<" in p.text]
    assert tricky, "the corpus has quotes or ampersands to escape"
    for passage in tricky:
        quoted = engine.passage(passage.id)
        assert quoted is not None
        assert_well_formed_html(render_passage_html(quoted, "en"))


def test_repeated_question_reuses_the_query_vector(engine):
    queries = engine.searcher.queries
    question = "Is Belarus a member of the CSTO military bloc?"
    queries.clear_cache()
    assert not queries.is_cached(question)
    first = engine.answer(question)
    assert queries.is_cached(question)
    assert engine.answer(question).passages == first.passages


@pytest.mark.parametrize("question", ["Belarus", "Беларусь?", "Republic of Belarus"])
def test_naming_only_the_subject_asks_for_a_real_question(engine, question: str):
    answer = engine.answer(question)
    assert not answer.answered and answer.reason == "no_words"
