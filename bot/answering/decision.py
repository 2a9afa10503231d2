"""Answer or decline: one decision from named evidence, with thresholds a script re-fits.

For a ministry a wrong quote is worse than an honest decline: it reads as the
ministry's answer. So the engine quotes the best passage only when named
evidence says it answers the question. The evidence (``Evidence``), in the
order the rules read it:

1. ``topic``: the question is about a known out-of-scope topic (NATO,
   sanctions, visas... ``corpus/topics``): decline, with that topic's pointer.
2. ``unknown_share``: the IDF-weighted share of the question's terms that
   appear nowhere in the material or the question bank. A key subject the
   material never names ("GDP", "Crimea", "pizza") weighs most: above
   ``max_unknown``, decline. Where the model knows the language its own
   threshold (``max_unknown_with_model``) applies: there the dense evidence
   understands words the material does not use ("stance", "toward").
3. ``bank_overlap``: the share of the question's terms found in the best
   bank question of the top passage (question to question). At or above
   ``bank_overlap``: answer.
4. ``bank_dense``: the cosine between the question and the top passage's
   best English bank question (only where the model knows the language). At
   or above ``bank_dense``: answer.
5. The passage itself: the cosine of the subject-free question to the
   passage plus ``overlap_weight`` × its term overlap (``with_model``), or,
   where the model does not know the language, twice the weighted overlap
   alone (``words_only``). At or above: answer.
6. Otherwise decline.

Every threshold comes from ``python -m bot calibrate``
(``bot.devtools.calibration``): a grid search on the dev golden set with
5-fold cross-validation, scoring +1 for a right quote or a right decline and
−2 for a wrong quote; it writes ``thresholds.json`` beside this module.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from functools import cache
from pathlib import Path

__all__ = ["THRESHOLDS_FILE", "Decision", "Evidence", "Thresholds", "decide", "load_thresholds"]

THRESHOLDS_FILE = Path(__file__).with_name("thresholds.json")


@dataclass(frozen=True)
class Evidence:
    """What is known about the best passage for one question."""

    model_knows_language: bool
    passage_overlap: float = 0.0  # IDF-weighted share of the (subject-free) terms found in the passage
    passage_similarity: float = 0.0  # cosine of the subject-free question to the passage (model languages)
    bank_overlap: float = 0.0  # share of the terms found in the passage's best bank question
    bank_dense: float = 0.0  # cosine to the passage's best English bank question (model languages)
    unknown_share: float = 0.0  # share of the terms neither the material nor the bank uses
    topic: str | None = None  # id of a matched out-of-scope topic


@dataclass(frozen=True)
class Thresholds:
    """The decision's thresholds (see the module docstring; fitted by ``python -m bot calibrate``)."""

    max_unknown: float = 0.5
    max_unknown_with_model: float = 0.5
    bank_overlap: float = 0.6
    bank_dense: float = 0.75
    overlap_weight: float = 0.5
    with_model: float = 0.335
    words_only: float = 0.08

    @classmethod
    def from_dict(cls, data: dict[str, float]) -> Thresholds:
        names = {f.name for f in fields(cls)}
        return cls(**{k: float(v) for k, v in data.items() if k in names})

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


@dataclass(frozen=True)
class Decision:
    """Answer or not, and the rule that decided."""

    answer: bool
    because: str  # "topic", "unknown_subject", "bank", "bank_dense", "passage" or "weak"


@cache
def load_thresholds(path: Path = THRESHOLDS_FILE) -> Thresholds:
    """The fitted thresholds (the defaults above when the file is missing)."""
    try:
        return Thresholds.from_dict(json.loads(path.read_text("utf-8"))["thresholds"])
    except (OSError, ValueError, KeyError, TypeError):
        return Thresholds()


def passage_score(evidence: Evidence, limits: Thresholds) -> float:
    """The passage's own evidence on the scale of its threshold (``with_model`` or ``words_only``)."""
    words = limits.overlap_weight * evidence.passage_overlap
    if not evidence.model_knows_language:
        return 2 * words
    return evidence.passage_similarity + words


def decide(evidence: Evidence, limits: Thresholds | None = None) -> Decision:
    """Answer with the best passage, or decline, from ``evidence`` (rules in the module docstring)."""
    limits = limits or load_thresholds()
    if evidence.topic is not None:
        return Decision(False, "topic")
    max_unknown = limits.max_unknown_with_model if evidence.model_knows_language else limits.max_unknown
    if evidence.unknown_share > max_unknown:
        return Decision(False, "unknown_subject")
    if evidence.bank_overlap >= limits.bank_overlap:
        return Decision(True, "bank")
    if evidence.model_knows_language and evidence.bank_dense >= limits.bank_dense:
        return Decision(True, "bank_dense")
    threshold = limits.with_model if evidence.model_knows_language else limits.words_only
    if passage_score(evidence, limits) >= threshold:
        return Decision(True, "passage")
    return Decision(False, "weak")
