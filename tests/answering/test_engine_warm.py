"""``Engine.warm``: what the first question in each language would make is made beforehand."""

from __future__ import annotations

from bot.answering.engine import Engine
from bot.answering.reload import reload_engine


def test_warm_builds_each_languages_speller_and_frequencies_before_any_question(engine: Engine) -> None:
    fresh = Engine.load(engine.options, engine.embedder)
    speller, documents = fresh.speller, fresh.searcher._parts["documents"]
    assert speller is not None
    assert speller._spellers == {} and documents._frequencies == {}  # lazy: nothing made at load
    fresh.warm()
    assert set(speller._spellers) == {"en", "ru", "be"}
    assert set(speller._stems) == {"en", "ru", "be"}
    assert set(documents._frequencies) == {"en", "ru", "be"}


def test_a_warmed_engine_answers_as_a_cold_one(engine: Engine) -> None:
    cold, warmed = Engine.load(engine.options, engine.embedder), Engine.load(engine.options, engine.embedder)
    warmed.warm()
    for question in ("Союзное государство", "pryjarytety zniešniaj palityki", "multilaterlism"):
        one, other = cold.answer(question), warmed.answer(question)
        assert (one.answered, one.lang, [p.passage_id for p in one.passages]) == (
            other.answered,
            other.lang,
            [p.passage_id for p in other.passages],
        )


def test_a_reloaded_engine_comes_warmed(engine: Engine) -> None:
    reloaded = reload_engine(engine)
    assert reloaded.speller is not None and set(reloaded.speller._spellers) == {"en", "ru", "be"}
