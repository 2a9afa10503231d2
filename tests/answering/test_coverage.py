"""The answer-or-decline decision (``bot.answering.coverage``), pinned with hand-built hits.

Each test moves one piece of evidence across one threshold of ``CoverageThresholds``
(overlap weight 0.5, with the model 0.335, words only 0.08, sure overlap 0.67,
related share 0.85, record overlap 0.5), so a change to a threshold or a rule
shows here, not only as a drift in the golden-set figures.
"""

from __future__ import annotations

import pytest

from bot.answering.coverage import (
    DEFAULT_THRESHOLDS,
    coverage_score,
    is_covered,
    needs_subject_free_similarity,
    related_hits,
    without_subject,
)
from corpus import RECORD_KIND, Passage
from index import Hit


def passage(kind: str = "official") -> Passage:
    return Passage(
        id="doc#1",
        doc_id="doc",
        family="doc",
        position=1,
        text="Belarus pursues a multi-vector foreign policy.",
        sentences=("Belarus pursues a multi-vector foreign policy.",),
        title="Foreign policy",
        section=None,
        language="en",
        kind=kind,
        source_name="MFA",
        source_url="https://mfa.gov.by/en/",
        date="2025-01-01",
    )


def hit(dense: float, overlap: float, lexical: float = 1.0, kind: str = "official") -> Hit:
    return Hit(
        passage=passage(kind),
        score=0.1,
        dense=dense,
        lexical=lexical,
        term_overlap=overlap,
        best_sentence=0,
    )


def test_the_thresholds_are_the_calibrated_ones() -> None:
    limits = DEFAULT_THRESHOLDS
    assert (limits.overlap_weight, limits.with_model, limits.words_only) == (0.5, 0.335, 0.08)
    assert (limits.sure_overlap, limits.related_share, limits.record_overlap) == (0.67, 0.85, 0.5)


@pytest.mark.parametrize(
    ("dense", "overlap", "covered"),
    [(0.30, 0.10, True), (0.25, 0.10, False), (0.335, 0.0, True), (0.33, 0.0, False)],
)
def test_with_the_model_cosine_plus_half_the_overlap_must_reach_0_335(
    dense: float, overlap: float, covered: bool
) -> None:
    assert coverage_score(hit(dense, overlap), True) == pytest.approx(dense + 0.5 * overlap)
    assert is_covered(hit(dense, overlap), True) is covered


def test_most_of_the_question_s_words_in_the_passage_answer_without_the_cosine() -> None:
    sure = hit(dense=0.0, overlap=0.67)
    assert is_covered(sure, True)
    assert not needs_subject_free_similarity(sure, True)
    assert needs_subject_free_similarity(hit(dense=0.0, overlap=0.66), True)


def test_word_overlap_counts_only_when_bm25_found_the_passage() -> None:
    assert coverage_score(hit(dense=0.30, overlap=0.9, lexical=0.0), True) == pytest.approx(0.30)
    assert not is_covered(hit(dense=0.30, overlap=0.9, lexical=0.0), True)


def test_the_subject_free_similarity_replaces_the_cosine() -> None:
    # "What is the GDP of Belarus?" resembles every passage through "Belarus" alone.
    resembling = hit(dense=0.50, overlap=0.2)
    assert is_covered(resembling, True)
    assert not is_covered(resembling, True, subject_free_similarity=0.10)


@pytest.mark.parametrize(("overlap", "covered"), [(0.08, True), (0.07, False)])
def test_without_the_model_the_words_alone_decide_against_0_08(overlap: float, covered: bool) -> None:
    # The cosine of a model not trained on the language is noise: even 0.99 does not help.
    assert coverage_score(hit(dense=0.99, overlap=overlap), False) == pytest.approx(overlap)
    assert is_covered(hit(dense=0.99, overlap=overlap), False) is covered
    assert not needs_subject_free_similarity(hit(dense=0.99, overlap=overlap), False)


@pytest.mark.parametrize(("overlap", "covered"), [(0.49, False), (0.5, True)])
def test_a_mission_record_answers_only_a_question_naming_half_of_what_it_lists(
    overlap: float, covered: bool
) -> None:
    assert is_covered(hit(dense=0.9, overlap=overlap, kind=RECORD_KIND), True) is covered


def test_further_passages_must_be_covered_share_words_and_be_nearly_as_strong() -> None:
    best, strong, weak, wordless, declined = (
        hit(0.6, 0.4),
        hit(0.55, 0.3),
        hit(0.4, 0.3),
        hit(0.7, 0.0),
        hit(0.6, 0.4),
    )
    hits = (best, strong, weak, wordless, declined)
    scores = [coverage_score(h, True) for h in hits]
    covered = [True, True, True, True, False]
    assert scores[1] >= 0.85 * scores[0] > scores[2]
    assert related_hits(hits, scores, covered) == [strong]


def test_no_hits_have_no_related_hits() -> None:
    assert related_hits((), [], []) == []


@pytest.mark.parametrize(
    ("question", "subject_free"),
    [
        ("What is the GDP of Belarus?", "What is the GDP of ?"),
        ("Какой ВВП у Республики Беларусь?", "Какой ВВП у ?"),
        ("Belarusian embassy in Minsk", "embassy in"),
    ],
)
def test_the_subject_words_are_taken_out_of_the_question(question: str, subject_free: str) -> None:
    assert without_subject(question) == subject_free
