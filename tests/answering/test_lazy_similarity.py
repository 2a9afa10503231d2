"""Serving, the subject-free text is embedded only when a decision reads its cosine: same decisions."""

from __future__ import annotations

import pytest

from bot.answering.normalisation import without_subject


@pytest.mark.parametrize(
    "question",
    [
        "What is the legal basis of Belarus's partnership with Russia?",  # decided by the bank
        "Does Belarus see the European Union as an important trade partner?",
        "What does Belarus think of wind farms in the Arctic?",  # declined
        "How does Belarus approach cooperation with far-away regions?",
    ],
)
def test_serving_decisions_equal_those_of_exact_evidence(engine, question: str):
    normalised = engine.normalise(question, "en")
    subject_free = without_subject(normalised.text)
    exact = engine.assessor.assess(normalised.text, subject_free, "en")
    served = engine.assessor.assess(normalised.text, subject_free, "en", stop_at_topic=True)
    assert [h.passage.id for h in served.hits] == [h.passage.id for h in exact.hits]
    assert served.decisions == exact.decisions


@pytest.mark.parametrize("similarity", [0.0, 0.99])
def test_every_decision_that_reads_the_passage_cosine_is_named_a_passage_rule(similarity: float):
    from bot.answering.decision import PASSAGE_RULE_REASONS, Evidence, Thresholds, decide

    evidence = Evidence(True, passage_similarity=similarity, bank_margin=1.0)
    assert decide(evidence, Thresholds()).because in PASSAGE_RULE_REASONS
