"""Answer or decline: the one decision, from named evidence, with one set of thresholds.

For a ministry a wrong quote is worse than an honest decline: it reads as the
ministry's answer. So the engine quotes a passage only when named evidence
(``Evidence``) says it answers the question. Documents and mission records are
decided here alike; the rules, in the order they are read:

1. ``topic``: the question is about a known out-of-scope topic (NATO,
   sanctions, visas... ``corpus/topics``): decline, with that topic's pointer.
2. ``figure``: the question asks for a number or a date ("how many", "when",
   "сколько") and the passage holds no digit: a policy text that states no
   figure cannot answer it, however close its words are.
3. ``others_view``: the question asks what another party thinks of Belarus
   ("What is the EU's position on Belarus?"): the material states Belarus's
   own positions only (``question_evidence.asks_others_view``).
4. ``unknown_name``: a name in the question (capitalised inside the sentence,
   in another script, an abbreviation or a figure, or no dictionary word) that
   appears nowhere in the material or the question bank ("Taiwan", "Ryanair",
   "Astravets"): the question is about something the material never names.
5. ``unknown_share``: the IDF-weighted share of the question's terms that
   appear nowhere in the material or the bank. Above ``max_unknown`` (or
   ``max_unknown_with_model`` where the embedding model knows the language and
   understands words the material does not use, "stance", "toward"): decline.
6. ``bank_overlap``: the share of the question's terms found in the best bank
   question of the passage (question to question). At or above: answer.
7. ``bank_dense``: the cosine between the question and the passage's best
   English bank question (model languages only), at or above ``bank_dense``,
   *and* ahead of the best bank question of any other passage by
   ``bank_margin``: a question that is merely near the whole material ("Is
   Belarus a member of the UN Security Council?") is about as close to the bank
   questions of several passages, a question one passage answers stands out.
8. The passage itself: the cosine of the subject-free question to the passage
   plus ``overlap_weight`` × its term overlap (``with_model``), or, where the
   model does not know the language, twice the weighted overlap alone
   (``words_only``). At or above: answer.
9. Otherwise decline (``weak``).

A mission record (``is_record``) answers only a question naming at least
``record_overlap`` of what it lists, and then by rule 8 (or at once when
``sure_overlap`` of the question's weighted words are in it); rules 2 to 7 do
not apply (a record holds numbers and names by nature and has no bank).

Every threshold is a field of ``Thresholds``; ``SOURCES`` says where each comes
from. The fitted ones are re-derived by ``python -m bot calibrate``
(``bot.devtools.calibration``: a grid search on the dev golden part, 5-fold
cross-validated, +1 for a right quote or a right decline and −2 for a wrong
quote, within issue 10's floors in every language), which writes
``thresholds.json`` beside this module.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from functools import cache
from pathlib import Path

__all__ = [
    "SOURCES",
    "THRESHOLDS_FILE",
    "Decision",
    "Evidence",
    "Thresholds",
    "decide",
    "load_thresholds",
    "passage_score",
]

THRESHOLDS_FILE = Path(__file__).with_name("thresholds.json")


@dataclass(frozen=True)
class Evidence:
    """What is known about one passage (or mission record) for one question."""

    model_knows_language: bool
    passage_overlap: float = 0.0  # IDF-weighted share of the (subject-free) terms found in the passage
    passage_similarity: float = 0.0  # cosine of the subject-free question to the passage (model languages)
    bank_overlap: float = 0.0  # share of the terms found in the passage's best bank question
    bank_dense: float = 0.0  # cosine to the passage's best English bank question (model languages)
    bank_margin: float = 1.0  # bank_dense minus the best bank cosine of any other passage
    unknown_share: float = 0.0  # share of the terms neither the material nor the bank uses
    unknown_name: str | None = None  # a name of the question neither the material nor the bank uses
    asks_figure: bool = False  # the question asks for a number or a date
    asks_others_view: bool = False  # the question asks what another party thinks of Belarus
    passage_has_figure: bool = False  # the passage holds a digit
    topic: str | None = None  # id of a matched out-of-scope topic
    is_record: bool = False  # a mission record, not a document passage


@dataclass(frozen=True)
class Thresholds:
    """Every threshold of the decision (rules in the module docstring; provenance in ``SOURCES``)."""

    max_unknown: float = 0.7
    max_unknown_with_model: float = 0.7
    bank_overlap: float = 0.75
    bank_dense: float = 0.75
    bank_margin: float = 0.0
    overlap_weight: float = 0.5
    with_model: float = 0.26
    words_only: float = 0.08
    record_overlap: float = 0.5
    sure_overlap: float = 0.67
    related_share: float = 0.85

    @classmethod
    def from_dict(cls, data: dict[str, float]) -> Thresholds:
        names = {f.name for f in fields(cls)}
        return cls(**{k: float(v) for k, v in data.items() if k in names})

    def to_dict(self) -> dict[str, float]:
        return asdict(self)


FITTED = "fitted by python -m bot calibrate on the dev golden part (5-fold cross-validated)"
# Where each threshold comes from (written into thresholds.json beside the values).
SOURCES: dict[str, str] = {
    "max_unknown": FITTED,
    "max_unknown_with_model": FITTED,
    "bank_overlap": FITTED,
    "bank_dense": FITTED,
    "bank_margin": FITTED,
    "with_model": FITTED,
    "words_only": FITTED,
    "overlap_weight": (
        "fixed at 0.5: the term overlap counts half as much as the cosine; with_model and words_only "
        "are fitted on this scale (a second free weight over-fits the dev part)"
    ),
    "record_overlap": (
        "fixed at 0.5: a record answers a question naming half of what it lists (city, country, kind); "
        "the dev part has no question a record should answer, so calibration cannot fit it"
    ),
    "sure_overlap": (
        "fixed at 0.67: two thirds of the weighted words in a record answer without the cosine "
        "(measured with python -m bot eval: every dev mission question above it is right)"
    ),
    "related_share": (
        "fixed at 0.85: a further passage is quoted when its fused score is this close to the best "
        "one's (eval scores the first quote only, so calibration cannot fit it)"
    ),
}


@dataclass(frozen=True)
class Decision:
    """Answer or not, and the rule that decided."""

    answer: bool
    because: str  # "topic", "figure", "others_view", "unknown_name", "unknown_subject", "bank",
    # "bank_dense", "passage", "record", "record_words" or "weak"


# The reasons of the decisions that read ``Evidence.passage_similarity``: rule 8 and the
# decline after it. Evidence decided otherwise never needs that cosine (``Assessor``).
PASSAGE_RULE_REASONS = frozenset({"passage", "weak"})


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


def _passage_answers(evidence: Evidence, limits: Thresholds) -> bool:
    threshold = limits.with_model if evidence.model_knows_language else limits.words_only
    return passage_score(evidence, limits) >= threshold


def _stands_out(evidence: Evidence, limits: Thresholds) -> bool:
    """Whether the passage's bank questions are nearer than any other passage's (model languages)."""
    return not evidence.model_knows_language or evidence.bank_margin >= limits.bank_margin


def decide(evidence: Evidence, limits: Thresholds | None = None) -> Decision:
    """Answer with the passage, or decline, from ``evidence`` (rules in the module docstring)."""
    limits = limits or load_thresholds()
    if evidence.topic is not None:
        return Decision(False, "topic")
    if evidence.is_record:
        return _decide_record(evidence, limits)
    if evidence.asks_figure and not evidence.passage_has_figure:
        return Decision(False, "figure")
    if evidence.asks_others_view:
        return Decision(False, "others_view")
    if evidence.unknown_name is not None:
        return Decision(False, "unknown_name")
    max_unknown = limits.max_unknown_with_model if evidence.model_knows_language else limits.max_unknown
    if evidence.unknown_share > max_unknown:
        return Decision(False, "unknown_subject")
    if evidence.bank_overlap >= limits.bank_overlap:
        return Decision(True, "bank")
    if not _stands_out(evidence, limits):
        return Decision(False, "no_margin")
    if evidence.model_knows_language and evidence.bank_dense >= limits.bank_dense:
        return Decision(True, "bank_dense")
    if _passage_answers(evidence, limits):
        return Decision(True, "passage")
    return Decision(False, "weak")


def _decide_record(evidence: Evidence, limits: Thresholds) -> Decision:
    if evidence.passage_overlap < limits.record_overlap:
        return Decision(False, "record_words")
    if evidence.model_knows_language and evidence.passage_overlap >= limits.sure_overlap:
        return Decision(True, "record")
    return Decision(_passage_answers(evidence, limits), "record")
