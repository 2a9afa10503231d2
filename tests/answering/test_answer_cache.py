"""Answers remembered by normalised question and language: the same answer, without the work again."""

from __future__ import annotations

from dataclasses import replace

from bot.answering import Answer, Engine
from bot.answering.answer_cache import AnswerCache
from index import CachedQueries


def _vectors(engine: Engine) -> CachedQueries:
    """The engine's cache of question vectors (the real engine always has one)."""
    queries = engine.searcher.queries
    assert isinstance(queries, CachedQueries)
    return queries


def _answer(question: str, reason: str = "ok") -> Answer:
    return Answer(question=question, lang="en", answered=True, reason="ok", details={"because": reason})


def test_remembered_answer_is_returned_for_the_new_wording_and_latency() -> None:
    cache = AnswerCache()
    cache.put("eu?", "en", replace(_answer("EU?"), latency_ms=12.0))
    found = cache.get("eu?", "en", "eu ?", 0.5)
    assert found is not None
    assert (found.question, found.latency_ms, found.details) == ("eu ?", 0.5, {"because": "ok"})
    assert cache.get("eu?", "ru", "eu ?", 0.5) is None  # the language is part of the key


def test_changing_a_returned_answer_does_not_change_the_remembered_one() -> None:
    cache = AnswerCache()
    cache.put("eu?", "en", _answer("EU?"))
    first = cache.get("eu?", "en", "EU?", 0.0)
    assert first is not None
    first.details["because"] = "changed"
    again = cache.get("eu?", "en", "EU?", 0.0)
    assert again is not None and again.details == {"because": "ok"}


def test_cache_forgets_the_least_recently_used_answer_beyond_its_size() -> None:
    cache = AnswerCache(size=2)
    cache.put("a", "en", _answer("a"))
    cache.put("b", "en", _answer("b"))
    assert cache.get("a", "en", "a", 0.0) is not None  # "a" is now the most recently used
    cache.put("c", "en", _answer("c"))
    assert len(cache) == 2
    assert cache.get("b", "en", "b", 0.0) is None
    assert cache.get("a", "en", "a", 0.0) is not None and cache.get("c", "en", "c", 0.0) is not None


def test_repeated_question_gets_the_same_answer_without_embedding_it_again(engine: Engine) -> None:
    question = "What does Belarus say about the Eurasian Economic Union?"
    engine.answers.clear()
    first = engine.answer(question)
    _vectors(engine).clear_cache()
    again = engine.answer(question)
    assert again == replace(first, latency_ms=again.latency_ms)
    assert again.details == first.details
    assert not _vectors(engine).is_cached(question)  # served from the answer cache


def test_wordings_that_normalise_alike_share_one_answer(engine: Engine) -> None:
    engine.answers.clear()
    first = engine.answer("What does Belarus say about the Eurasian Economic Union?")
    spaced = engine.answer("  What does Belarus say about the Eurasian Economic Union?  ")
    assert len(engine.answers) == 1
    assert spaced.passages == first.passages and spaced.reason == first.reason


def test_switching_a_step_off_forgets_the_remembered_answers(engine: Engine) -> None:
    fresh = Engine(engine.corpus, engine.searcher, engine.options, engine.embedder)
    fresh.answer("sotrudnichestvo s Kitaem")
    assert len(fresh.answers) == 1
    fresh.without({"transliteration"})
    assert len(fresh.answers) == 0


def test_question_about_a_known_out_of_scope_topic_is_declined_without_a_search(engine: Engine) -> None:
    question = "What is the position of Belarus on NATO enlargement?"
    engine.answers.clear()
    _vectors(engine).clear_cache()
    answer = engine.answer(question)
    assert not answer.answered and answer.topic is not None
    assert not _vectors(engine).is_cached(question)  # the topic decided: nothing was embedded
