"""Calibration: the fit maximises utility only within issue 10's floors, in every language."""

from __future__ import annotations

from bot.answering import Evidence, Thresholds
from bot.devtools.calibration import FLOOR_COST, Case, fit_thresholds, objective, utility
from bot.devtools.evaluation import GoldenItem


def _case(kind: str, bank_overlap: float, right: bool = True) -> Case:
    item = GoldenItem("policy" if kind == "policy" else "out_of_scope", "q", "en", kind)
    return Case(item, Evidence(model_knows_language=False, bank_overlap=bank_overlap), right)


def test_a_language_below_its_answered_floor_costs_more_than_its_utility_gains():
    # Ten answerable questions, weak bank evidence; one near-topic question as strong as the best of them.
    cases = [_case("policy", 0.3 + 0.05 * n) for n in range(10)] + [_case("near_topic", 0.75)]
    strict, loose = Thresholds(bank_overlap=0.8, words_only=9.0), Thresholds(bank_overlap=0.3, words_only=9.0)
    assert utility(cases, strict) == 1.0  # declines all: only the near-topic decline scores
    assert objective(cases, strict) == 1.0 - FLOOR_COST * 9  # 9 of 10 answers short of 0.90
    assert objective(cases, loose) > objective(cases, strict)


def test_the_fit_keeps_every_language_at_its_floor_when_it_can():
    cases = [_case("policy", 0.3 + 0.05 * n) for n in range(10)] + [_case("off_topic", 0.1)]
    fitted = fit_thresholds(cases, Thresholds(words_only=9.0))
    answered = sum(fitted.bank_overlap <= c.evidence.bank_overlap for c in cases[:10] if c.evidence)
    assert answered >= 9 and fitted.bank_overlap > 0.1  # the off-topic question stays declined
