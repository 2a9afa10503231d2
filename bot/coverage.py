"""Decide whether the material answers a question, from the evidence on the top hit.

The evidence is one number per hit: the cosine similarity of the question to
the passage (or its best sentence) plus half the IDF-weighted share of the
question's words found in the passage. IDF weighting makes "Belarus" or
"policy" count for little and words absent from the material (weather,
football) count for a lot, so a question that only shares the country's name
with the material scores low. For languages the embedding model was not
trained on (the default MiniLM is English-only) its cosine is noise, so the
word evidence alone decides, against its own threshold.

The thresholds are calibrated on the golden sets: ``python -m bot eval``
prints the in-scope answered and out-of-scope refused rates they give.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.search import Hit


@dataclass(frozen=True)
class CoverageThresholds:
    """Thresholds of the "not covered" decision (see the module docstring)."""

    overlap_weight: float = 0.5
    with_model: float = 0.43
    words_only: float = 0.13
    related_share: float = 0.85
    record_overlap: float = 0.5


DEFAULT_THRESHOLDS = CoverageThresholds()


def coverage_score(hit: Hit, model_knows_language: bool, limits: CoverageThresholds = DEFAULT_THRESHOLDS) -> float:
    """How strongly ``hit`` answers the question (comparable within one language)."""
    words = limits.overlap_weight * hit.term_overlap if hit.lexical > 0 else 0.0
    if model_knows_language:
        return hit.dense + words
    return 2 * words


def is_covered(hit: Hit, model_knows_language: bool, limits: CoverageThresholds = DEFAULT_THRESHOLDS) -> bool:
    """True when ``hit`` really answers the question rather than merely resembling it."""
    threshold = limits.with_model if model_knows_language else limits.words_only
    if hit.passage.is_record and hit.term_overlap < limits.record_overlap:
        return False  # a record answers only a question that names what it lists
    return coverage_score(hit, model_knows_language, limits) >= threshold


def related_hits(hits: tuple[Hit, ...], model_knows_language: bool, limits: CoverageThresholds = DEFAULT_THRESHOLDS) -> list[Hit]:
    """Further passages worth quoting after the best one: covered and nearly as strong."""
    if not hits:
        return []
    best = coverage_score(hits[0], model_knows_language, limits)
    return [
        hit
        for hit in hits[1:]
        if is_covered(hit, model_knows_language, limits)
        and hit.term_overlap > 0
        and coverage_score(hit, model_knows_language, limits) >= limits.related_share * best
    ]
