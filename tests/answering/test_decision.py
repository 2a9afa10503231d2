"""The answer-or-decline decision, on hand-built evidence: each rule and its threshold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.answering.decision import THRESHOLDS_FILE, Evidence, Thresholds, decide, load_thresholds

LIMITS = Thresholds(
    max_unknown=0.6,
    max_unknown_with_model=0.7,
    bank_overlap=0.5,
    bank_dense=0.8,
    overlap_weight=0.5,
    with_model=0.35,
    words_only=0.1,
)


def test_known_out_of_scope_topic_declines_even_with_a_perfect_bank_match():
    evidence = Evidence(model_knows_language=False, bank_overlap=1.0, passage_overlap=1.0, topic="nato")
    assert decide(evidence, LIMITS).because == "topic"
    assert not decide(evidence, LIMITS).answer


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


def test_passage_evidence_with_the_model_adds_similarity_and_weighted_overlap():
    evidence = Evidence(model_knows_language=True, passage_similarity=0.25, passage_overlap=0.2)
    assert decide(evidence, LIMITS).because == "passage"  # 0.25 + 0.5 * 0.2 = 0.35
    assert not decide(
        Evidence(model_knows_language=True, passage_similarity=0.24, passage_overlap=0.2), LIMITS
    ).answer


def test_passage_evidence_without_the_model_is_twice_the_weighted_overlap():
    assert decide(Evidence(model_knows_language=False, passage_overlap=0.1), LIMITS).answer  # 2 * 0.05
    assert decide(Evidence(model_knows_language=False, passage_overlap=0.09), LIMITS).because == "weak"


def test_thresholds_are_read_from_the_calibration_file(tmp_path: Path):
    path = tmp_path / "thresholds.json"
    path.write_text(json.dumps({"thresholds": {"bank_overlap": 0.42, "unknown_field": 1}}), "utf-8")
    assert load_thresholds(path).bank_overlap == 0.42
    assert load_thresholds(tmp_path / "missing.json") == Thresholds()


def test_shipped_thresholds_say_how_they_were_fitted():
    data = json.loads(THRESHOLDS_FILE.read_text("utf-8"))
    assert data["fitted"]["on"] == "tests/golden/dev"
    assert set(data["thresholds"]) == set(Thresholds().to_dict())


@pytest.mark.parametrize("rule", ["topic", "unknown_subject", "bank", "bank_dense", "passage", "weak"])
def test_every_rule_can_decide(rule: str):
    cases = {
        "topic": Evidence(False, topic="elections"),
        "unknown_subject": Evidence(False, unknown_share=0.9),
        "bank": Evidence(False, bank_overlap=0.9),
        "bank_dense": Evidence(True, bank_dense=0.9),
        "passage": Evidence(False, passage_overlap=0.9),
        "weak": Evidence(False),
    }
    assert decide(cases[rule], LIMITS).because == rule
