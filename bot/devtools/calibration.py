"""Re-fit the answer-or-decline thresholds (``bot.answering.decision``) on the dev golden part.

The decision has one ``Thresholds`` record; those marked fitted in
``bot.answering.SOURCES`` are searched over ``GRID`` here, the others are
carried into ``thresholds.json`` with the reason they are fixed.

``python -m bot calibrate`` asks every dev question once, keeps the evidence on
its best passage (``Evidence``) and whether that passage is the right one, and
then searches the thresholds without asking again:

- utility: +1 for a right quote, +1 for a right decline, −2 for a wrong quote
  (a quote that does not answer reads as the ministry's answer, so it costs
  more than an honest decline), 0 for declining an answerable question;
- floors: issue 10's targets are constraints, not preferences. In every
  language at least ``FLOORS["policy"]`` of the in-scope questions answered,
  ``FLOORS["near_topic"]`` of the near-topic ones declined and all off-topic
  and junk ones declined; each question a language falls short of a floor
  costs ``FLOOR_COST``. So precision is bought with declines only while every
  language keeps its recall floor, and the other way round (without them the
  fit, fed many hard near-topic questions, declined a tenth of the English
  questions it could answer);
- coordinate ascent: each threshold in turn over its grid, three rounds; a tie
  takes the middle of the best range, the value farthest from either edge;
- k-fold cross-validation (default 5): the figures printed for the held-out
  folds say how well thresholds fitted this way carry to unseen questions;
  the thresholds written are then fitted on the whole dev part.

Questions the decision never sees (mission lookups, empty questions) keep their
outcome. The test part is never read here.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bot.answering import SOURCES, THRESHOLDS_FILE, Evidence, Thresholds, decide

if TYPE_CHECKING:
    from bot.answering import Engine

from bot.devtools.evaluation import DEFAULT_GOLDEN_DIR, GoldenItem, _passage_matches, load_part

__all__ = ["GRID", "Case", "calibrate", "collect_cases", "fit_thresholds"]

WRONG_QUOTE_COST = 2.0
# Issue 10's targets, per language: in-scope answered, near-topic declined, off-topic declined.
FLOORS = {"policy": 0.90, "near_topic": 0.95, "off_topic": 1.0}
FLOOR_COST = 10.0  # per question below a floor: dearer than any wrong quote
# A question short of a decline floor is a quote where the material says nothing: as with a
# wrong quote against a decline (``WRONG_QUOTE_COST``), it costs more than a missing answer.
# Without it the fit of 2026-12-02 (dev grown with the 02b batch) gave up two off-topic
# questions for Belarusian recall, against issue 10's "off-topic 1.00".
DECLINE_FLOOR_WEIGHT = 3.0
ROUNDS = 3
GRID: dict[str, list[float]] = {
    "max_unknown": [round(0.2 + 0.05 * i, 2) for i in range(17)],
    "max_unknown_with_model": [round(0.2 + 0.05 * i, 2) for i in range(17)],
    "bank_overlap": [round(0.2 + 0.05 * i, 2) for i in range(17)],
    "bank_dense": [round(0.5 + 0.025 * i, 3) for i in range(21)],
    "bank_margin": [round(-0.05 + 0.01 * i, 2) for i in range(21)],
    "with_model": [round(0.2 + 0.02 * i, 2) for i in range(21)],
    "words_only": [round(0.02 + 0.02 * i, 2) for i in range(25)],
}


@dataclass(frozen=True)
class Case:
    """One dev question as the decision sees it."""

    item: GoldenItem
    evidence: Evidence | None  # None: the decision is not asked (fixed outcome)
    right_passage: bool  # the best passage is the one that answers (policy questions)
    fixed_answered: bool = False  # the outcome when ``evidence`` is None


def collect_cases(engine: Engine, directory: Path | None = None) -> list[Case]:
    """Ask each dev policy and out-of-scope question once and keep the evidence on its best passage."""
    items = [i for i in load_part(Path(directory or DEFAULT_GOLDEN_DIR) / "dev") if i.set != "missions"]
    cases = []
    for item in items:
        answer = engine.answer(item.question)
        assessed = engine.assess(item.question) if answer.reason in ("ok", "not_covered") else None
        if assessed is None or not assessed[1].hits or answer.details.get("because") == "record":
            cases.append(Case(item, None, False, answer.answered))
            continue
        top = assessed[1].hits[0].passage
        right = item.set == "policy" and _passage_matches(engine, top, item.expect)
        cases.append(Case(item, assessed[1].evidence[0], right))
    return cases


def utility(cases: list[Case], limits: Thresholds) -> float:
    total = 0.0
    for case in cases:
        answered = decide(case.evidence, limits).answer if case.evidence is not None else case.fixed_answered
        if case.item.set == "policy":
            total += (1.0 if case.right_passage else -WRONG_QUOTE_COST) if answered else 0.0
        else:
            total += -WRONG_QUOTE_COST if answered else 1.0
    return total


def _shortfall(cases: list[Case], limits: Thresholds) -> float:
    """Questions each language would need to get right more to reach ``FLOORS``."""

    def answered(case: Case) -> bool:
        return decide(case.evidence, limits).answer if case.evidence is not None else case.fixed_answered

    total = 0.0
    for language in {c.item.language for c in cases}:
        mine = [c for c in cases if c.item.language == language]
        groups = {
            "policy": [c for c in mine if c.item.set == "policy"],
            "near_topic": [c for c in mine if c.item.set != "policy" and c.item.kind == "near_topic"],
            "off_topic": [c for c in mine if c.item.set != "policy" and c.item.kind in ("off_topic", "junk")],
        }
        for group, members in groups.items():
            right = sum(answered(c) == (group == "policy") for c in members)
            weight = 1.0 if group == "policy" else DECLINE_FLOOR_WEIGHT
            total += weight * max(0.0, FLOORS[group] * len(members) - right)
    return total


def objective(cases: list[Case], limits: Thresholds) -> float:
    """What the fit maximises: ``utility`` less ``FLOOR_COST`` per question below the floor."""
    return utility(cases, limits) - FLOOR_COST * _shortfall(cases, limits)


def fit_thresholds(cases: list[Case], start: Thresholds | None = None) -> Thresholds:
    """Coordinate ascent of ``utility`` over ``GRID`` (see the module docstring)."""
    limits = start or Thresholds()
    for _ in range(ROUNDS):
        for name, values in GRID.items():
            scored = [(objective(cases, replace(limits, **{name: value})), value) for value in values]
            best = max(score for score, _ in scored)
            best_values = [value for score, value in scored if score == best]
            limits = replace(limits, **{name: best_values[len(best_values) // 2]})
    return limits


def _rates(cases: list[Case], limits: Thresholds) -> dict[str, float]:
    policy = [c for c in cases if c.item.set == "policy"]
    other = [c for c in cases if c.item.set != "policy"]

    def answered(case: Case) -> bool:
        return decide(case.evidence, limits).answer if case.evidence is not None else case.fixed_answered

    return {
        "in-scope answered": sum(answered(c) for c in policy) / max(len(policy), 1),
        "right quote": sum(answered(c) and c.right_passage for c in policy) / max(len(policy), 1),
        "wrong quote": sum(answered(c) and not c.right_passage for c in policy) / max(len(policy), 1),
        "declined": sum(not answered(c) for c in other) / max(len(other), 1),
    }


def cross_validate(cases: list[Case], folds: int, seed: int = 10) -> dict[str, float]:
    """Mean held-out-fold rates of thresholds fitted on the other folds."""
    shuffled = cases[:]
    random.Random(seed).shuffle(shuffled)
    totals: dict[str, float] = {}
    for fold in range(folds):
        held = shuffled[fold::folds]
        train = [c for n, c in enumerate(shuffled) if n % folds != fold]
        for key, value in _rates(held, fit_thresholds(train)).items():
            totals[key] = totals.get(key, 0.0) + value / folds
    return totals


def calibrate(
    engine: Engine,
    directory: Path | None = None,
    folds: int = 5,
    write: bool = True,
    path: Path = THRESHOLDS_FILE,
) -> Thresholds:
    """Fit the thresholds on the dev part, print the cross-validated figures, write ``thresholds.json``."""
    cases = collect_cases(engine, directory)
    held_out = cross_validate(cases, folds)
    limits = fit_thresholds(cases)
    print(f"dev questions: {len(cases)} ({sum(c.item.set == 'policy' for c in cases)} policy)")
    print(
        f"{folds}-fold cross-validation, held-out folds: "
        + ", ".join(f"{k} {v:.3f}" for k, v in held_out.items())
    )
    print("fitted on all dev: " + ", ".join(f"{k} {v:.3f}" for k, v in _rates(cases, limits).items()))
    print("thresholds: " + ", ".join(f"{k}={v}" for k, v in limits.to_dict().items()))
    if write:
        payload = {
            "thresholds": limits.to_dict(),
            "sources": SOURCES,
            "fitted": {
                "on": "tests/golden/dev",
                "date": date.today().isoformat(),
                "questions": len(cases),
                "folds": folds,
                "cross_validated": {k: round(v, 4) for k, v in held_out.items()},
                "by": "python -m bot calibrate (bot/devtools/calibration.py)",
            },
        }
        path.write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
        print(f"written: {path}")
    return limits
