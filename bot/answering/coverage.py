"""Decide whether the material answers a question, from the evidence on a hit.

Two pieces of evidence, both calibrated on the golden sets (``python -m bot
eval`` prints the answered and refused rates they give):

- how close the question is to the passage in meaning, *once the material's
  subject is taken out of the question*. Every passage here is about Belarus,
  so "What is the GDP of Belarus?" resembles every passage through the word
  "Belarus" alone; the question with the subject words removed ("What is the
  GDP of ?") resembles none. The engine embeds that subject-free question
  (cached like any query) and passes its best cosine to the passage here;
- the IDF-weighted share of the question's words found in the passage: words
  absent from the material (weather, GDP, football) weigh a lot, "Belarus"
  little.

For languages the embedding model was not trained on (the default MiniLM is
English-only) the cosine is noise, so the word evidence alone decides, against
its own threshold. A mission record answers only a question that names what it
lists (half of the question's weighted words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index import Hit

# The subject of the whole material: naming it is no evidence for any passage.
SUBJECT_WORDS = re.compile(
    r"\b(?:belarus\w*|byelorussia\w*|minsk|republic|беларус\w*|белорус\w*|минск\w*|мінск\w*|"
    r"республик\w*|рэспублік\w*)\b",
    re.IGNORECASE,
)


def without_subject(question: str) -> str:
    """The question with the material's subject words blanked out."""
    return " ".join(SUBJECT_WORDS.sub(" ", question).split())


@dataclass(frozen=True)
class CoverageThresholds:
    """Thresholds of the "not covered" decision (see the module docstring)."""

    overlap_weight: float = 0.5
    with_model: float = 0.335
    words_only: float = 0.08
    sure_overlap: float = 0.67
    related_share: float = 0.85
    record_overlap: float = 0.5


DEFAULT_THRESHOLDS = CoverageThresholds()


def coverage_score(
    hit: Hit,
    model_knows_language: bool,
    subject_free_similarity: float | None = None,
    limits: CoverageThresholds = DEFAULT_THRESHOLDS,
) -> float:
    """How strongly ``hit`` answers the question (comparable within one language)."""
    words = limits.overlap_weight * hit.term_overlap if hit.lexical > 0 else 0.0
    if not model_knows_language:
        return 2 * words
    similarity = hit.dense if subject_free_similarity is None else subject_free_similarity
    return similarity + words


def needs_subject_free_similarity(
    hit: Hit, model_knows_language: bool, limits: CoverageThresholds = DEFAULT_THRESHOLDS
) -> bool:
    """Whether the decision on ``hit`` depends on the subject-free similarity (else it is clear already)."""
    return model_knows_language and not (hit.lexical > 0 and hit.term_overlap >= limits.sure_overlap)


def is_covered(
    hit: Hit,
    model_knows_language: bool,
    subject_free_similarity: float | None = None,
    limits: CoverageThresholds = DEFAULT_THRESHOLDS,
) -> bool:
    """True when ``hit`` really answers the question rather than merely resembling it."""
    if hit.passage.is_record and hit.term_overlap < limits.record_overlap:
        return False
    if model_knows_language and hit.lexical > 0 and hit.term_overlap >= limits.sure_overlap:
        return True  # most of the question's weighted words are in the passage: no cosine needed
    threshold = limits.with_model if model_knows_language else limits.words_only
    return coverage_score(hit, model_knows_language, subject_free_similarity, limits) >= threshold


def related_hits(
    hits: tuple[Hit, ...],
    scores: list[float],
    covered: list[bool],
    limits: CoverageThresholds = DEFAULT_THRESHOLDS,
) -> list[Hit]:
    """Further passages worth quoting after the best one: covered, sharing words, nearly as strong."""
    if not hits:
        return []
    best = scores[0]
    return [
        hit
        for hit, score, ok in zip(hits[1:], scores[1:], covered[1:], strict=True)
        if ok and hit.term_overlap > 0 and score >= limits.related_share * best
    ]
