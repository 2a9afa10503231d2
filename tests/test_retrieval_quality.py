"""The golden sets, against the real model: the targets of the answer engine hold.

``python -m bot eval`` prints the same figures.
"""

from __future__ import annotations

import pytest

from bot.devtools.evaluation import load_golden, run_evaluation

HIT_AT_1_TARGET = {"en": 0.90, "ru": 0.85, "be": 0.85}


@pytest.fixture(scope="module")
def scores(engine):
    return run_evaluation(engine)


def test_golden_sets_are_large_enough():
    golden = load_golden()
    in_scope = {
        lang: sum(1 for g in golden if g.expect and g.language == lang) for lang in ("en", "ru", "be")
    }
    out_of_scope = sum(1 for g in golden if g.expect is None)
    assert in_scope["en"] >= 40 and in_scope["ru"] >= 20 and in_scope["be"] >= 15
    assert out_of_scope >= 15


def test_golden_questions_paraphrase_rather_than_copy(engine):
    """No in-scope question may repeat six consecutive words of its passage."""
    for item in load_golden():
        if item.expect is None:
            continue
        words = item.question.lower().split()
        passages = [p.text.lower() for p in engine.corpus.passages if item.expect in p.text]
        for start in range(len(words) - 5):
            run = " ".join(words[start : start + 6])
            assert all(run not in text for text in passages), f"copies the passage: {item.question!r}"


@pytest.mark.parametrize("language", ["en", "ru", "be"])
def test_hit_at_1_meets_its_target(scores, language: str):
    assert scores[language].hit_at_1 >= HIT_AT_1_TARGET[language], scores[language].misses


def test_out_of_scope_questions_are_refused(scores):
    assert scores["all"].refused_rate >= 0.90, [m for s in scores.values() for m in s.misses]


def test_in_scope_questions_are_answered(scores):
    assert scores["all"].answered_rate >= 0.95
    for language in ("en", "ru", "be"):
        assert scores[language].answered_rate >= 0.90, scores[language].misses
