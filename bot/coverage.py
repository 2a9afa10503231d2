"""Decide whether the material answers a question, from the evidence on the top hit.

Calibrated on the golden sets (``python -m bot eval`` prints the rates): a hit
counts as an answer when the embedding model is confident on its own, or
moderately confident while the question's informative words (IDF-weighted, so
"Belarus" or "policy" count little and words absent from the material count
a lot) are found in the passage. For languages the model was not trained on
(the default MiniLM is English-only) the lexical evidence must carry the
decision, so it needs a higher word overlap.
"""

from __future__ import annotations

from dataclasses import dataclass

from index.search import Hit


@dataclass(frozen=True)
class CoverageThresholds:
    """Thresholds of the "not covered" decision (see the module docstring)."""

    dense_sure: float = 0.60
    dense_floor: float = 0.30
    overlap_with_dense: float = 0.45
    overlap_alone: float = 0.60
    related_score_share: float = 0.75
    related_dense_margin: float = 0.08


DEFAULT_THRESHOLDS = CoverageThresholds()


def is_covered(hit: Hit, model_knows_language: bool, limits: CoverageThresholds = DEFAULT_THRESHOLDS) -> bool:
    """True when ``hit`` really answers the question rather than merely resembling it."""
    if model_knows_language:
        if hit.dense >= limits.dense_sure:
            return True
        return hit.dense >= limits.dense_floor and hit.term_overlap >= limits.overlap_with_dense
    return hit.term_overlap >= limits.overlap_alone and hit.lexical > 0


def related_hits(hits: tuple[Hit, ...], model_knows_language: bool, limits: CoverageThresholds = DEFAULT_THRESHOLDS) -> list[Hit]:
    """Further passages worth quoting after the best one: close in score and covered themselves."""
    if not hits:
        return []
    best = hits[0]
    return [
        hit
        for hit in hits[1:]
        if hit.score >= limits.related_score_share * best.score
        and hit.dense >= best.dense - limits.related_dense_margin
        and is_covered(hit, model_knows_language, limits)
    ]
