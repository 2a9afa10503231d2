"""The answer-or-decline decision, on hand-built evidence: each rule and its threshold.

Documents and mission records are decided by the one ``decide`` with the one
``Thresholds`` record, so a change to a threshold or a rule shows here, not
only as a drift in the golden-set figures.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answering import SOURCES, THRESHOLDS_FILE, Evidence, Thresholds, decide, load_thresholds
from bot.answering.assessment import Assessment
from bot.answering.decision import Decision
from bot.devtools.calibration import GRID
from corpus import Passage
from index import Hit

LIMITS = Thresholds(
    max_unknown=0.6,
    max_unknown_with_model=0.7,
    bank_overlap=0.5,
    bank_dense=0.8,
    bank_margin=0.02,
    overlap_weight=0.5,
    with_model=0.35,
    words_only=0.1,
    record_overlap=0.5,
    sure_overlap=0.67,
    related_share=0.85,
)


def test_known_out_of_scope_topic_declines_even_with_a_perfect_bank_match():
    evidence = Evidence(model_knows_language=False, bank_overlap=1.0, passage_overlap=1.0, topic="nato")
    assert decide(evidence, LIMITS) == Decision(False, "topic")


def test_a_question_asking_for_a_figure_is_declined_by_a_passage_without_one():
    asks = Evidence(model_knows_language=True, bank_overlap=1.0, asks_figure=True)
    assert decide(asks, LIMITS) == Decision(False, "figure")
    with_figure = Evidence(
        model_knows_language=True, bank_overlap=1.0, asks_figure=True, passage_has_figure=True
    )
    assert decide(with_figure, LIMITS).because == "bank"


def test_a_name_the_material_never_uses_declines_even_with_a_bank_match():
    evidence = Evidence(model_knows_language=True, bank_overlap=0.9, bank_dense=0.95, unknown_name="Taiwan")
    assert decide(evidence, LIMITS) == Decision(False, "unknown_name")


def test_key_subject_unknown_to_material_and_bank_declines():
    evidence = Evidence(model_knows_language=False, bank_overlap=0.55, unknown_share=0.61)
    assert decide(evidence, LIMITS).because == "unknown_subject"


def test_languages_the_model_knows_tolerate_more_unknown_words():
    evidence = Evidence(model_knows_language=True, bank_dense=0.85, unknown_share=0.65)
    assert decide(evidence, LIMITS).because == "bank_dense"


def test_bank_overlap_at_its_threshold_answers():
    assert decide(Evidence(model_knows_language=False, bank_overlap=0.5), LIMITS).because == "bank"
    assert not decide(Evidence(model_knows_language=False, bank_overlap=0.49), LIMITS).answer


def test_bank_cosine_counts_only_where_the_model_knows_the_language():
    assert not decide(Evidence(model_knows_language=False, bank_dense=0.95), LIMITS).answer
    assert decide(Evidence(model_knows_language=True, bank_dense=0.95), LIMITS).answer


@pytest.mark.parametrize(("margin", "because"), [(0.02, "bank_dense"), (0.019, "no_margin")])
def test_dense_evidence_needs_the_passage_s_bank_questions_to_stand_out(margin: float, because: str):
    # "Is Belarus a member of the UN Security Council?" is as near the bank questions of
    # several passages: none of them answers it.
    evidence = Evidence(
        model_knows_language=True, bank_dense=0.95, passage_similarity=0.9, bank_margin=margin
    )
    assert decide(evidence, LIMITS).because == because


def test_a_bank_word_match_needs_no_margin():
    assert decide(Evidence(True, bank_overlap=0.9, bank_margin=-0.2), LIMITS).because == "bank"


def test_passage_evidence_with_the_model_adds_similarity_and_weighted_overlap():
    evidence = Evidence(model_knows_language=True, passage_similarity=0.25, passage_overlap=0.2)
    assert decide(evidence, LIMITS).because == "passage"  # 0.25 + 0.5 * 0.2 = 0.35
    assert not decide(
        Evidence(model_knows_language=True, passage_similarity=0.24, passage_overlap=0.2), LIMITS
    ).answer


def test_passage_evidence_without_the_model_is_twice_the_weighted_overlap():
    assert decide(Evidence(model_knows_language=False, passage_overlap=0.1), LIMITS).answer  # 2 * 0.05
    assert decide(Evidence(model_knows_language=False, passage_overlap=0.09), LIMITS).because == "weak"


@pytest.mark.parametrize(("overlap", "answer"), [(0.49, False), (0.5, True)])
def test_a_mission_record_answers_only_a_question_naming_half_of_what_it_lists(overlap: float, answer: bool):
    evidence = Evidence(True, passage_overlap=overlap, passage_similarity=0.9, is_record=True)
    assert decide(evidence, LIMITS).answer is answer


def test_most_of_the_question_s_words_in_a_record_answer_without_the_cosine():
    assert decide(Evidence(True, passage_overlap=0.67, is_record=True), LIMITS) == Decision(True, "record")
    assert not decide(Evidence(True, passage_overlap=0.66, is_record=True), LIMITS).answer


def test_a_record_is_not_declined_for_holding_numbers_and_names():
    evidence = Evidence(True, passage_overlap=0.8, asks_figure=True, unknown_name="Warszawa", is_record=True)
    assert decide(evidence, LIMITS).answer


def _hit(score: float, overlap: float) -> Hit:
    passage = Passage(
        id=f"doc#{score}",
        doc_id="doc",
        family="doc",
        position=1,
        text="Belarus pursues a multi-vector foreign policy.",
        sentences=("Belarus pursues a multi-vector foreign policy.",),
        title="Foreign policy",
        section=None,
        language="en",
        kind="official",
        source_name="MFA",
        source_url="https://mfa.gov.by/en/",
        date="2025-01-01",
    )
    return Hit(passage=passage, score=score, dense=0.5, lexical=1.0, term_overlap=overlap, best_sentence=0)


def test_further_passages_must_be_accepted_share_words_and_be_nearly_as_strong():
    hits = (_hit(1.0, 0.4), _hit(0.9, 0.3), _hit(0.8, 0.3), _hit(0.95, 0.0), _hit(0.95, 0.4))
    evidence = tuple(Evidence(True, passage_overlap=h.term_overlap) for h in hits)
    decisions = (*[Decision(True, "bank")] * 4, Decision(False, "weak"))
    assessment = Assessment(hits, evidence, decisions, None, LIMITS)
    assert assessment.chosen(2) == [hits[0], hits[1]]
    assert Assessment((), (), (), None, LIMITS).chosen(2) == []


def test_thresholds_are_read_from_the_calibration_file(tmp_path: Path):
    path = tmp_path / "thresholds.json"
    path.write_text(json.dumps({"thresholds": {"bank_overlap": 0.42, "unknown_field": 1}}), "utf-8")
    assert load_thresholds(path).bank_overlap == 0.42
    assert load_thresholds(tmp_path / "missing.json") == Thresholds()


def test_shipped_thresholds_say_how_they_were_fitted_and_where_each_comes_from():
    data = json.loads(THRESHOLDS_FILE.read_text("utf-8"))
    assert data["fitted"]["on"] == "tests/golden/dev"
    assert set(data["thresholds"]) == set(Thresholds().to_dict()) == set(SOURCES)


def test_every_threshold_marked_fitted_is_searched_by_calibration_and_no_other():
    fitted = {name for name, source in SOURCES.items() if source.startswith("fitted")}
    assert fitted == set(GRID)


@pytest.mark.parametrize(
    "rule",
    [
        "topic",
        "figure",
        "unknown_name",
        "unknown_subject",
        "bank",
        "no_margin",
        "bank_dense",
        "passage",
        "weak",
    ],
)
def test_every_rule_can_decide(rule: str):
    cases = {
        "topic": Evidence(False, topic="elections"),
        "figure": Evidence(False, asks_figure=True),
        "unknown_name": Evidence(False, unknown_name="Ryanair"),
        "unknown_subject": Evidence(False, unknown_share=0.9),
        "bank": Evidence(False, bank_overlap=0.9),
        "no_margin": Evidence(True, bank_dense=0.9, bank_margin=0.0),
        "bank_dense": Evidence(True, bank_dense=0.9),
        "passage": Evidence(False, passage_overlap=0.9),
        "weak": Evidence(False),
    }
    assert decide(cases[rule], LIMITS).because == rule
