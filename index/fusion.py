"""Reciprocal rank fusion: several rankings of the same items into one, using ranks only.

Cormack, Clarke & Büttcher (2009), "Reciprocal rank fusion outperforms Condorcet
and individual rank learning methods", SIGIR '09, pp. 758-759: an item's fused
score is the sum over the rankings of ``w / (k + rank)``, ranks counted from 1.
Only ranks enter, so scores on unrelated scales (cosines, BM25) need no
calibration; ``k`` damps the weight of the very top ranks against the rest.

Our constants (``index.search``): ``RRF_K = 5``, not the paper's 60. The paper
fused dozens of TREC runs of 1,000 documents each, where a large ``k`` keeps one
run's top ranks from dominating; here two short lists over a few hundred
passages are fused and the question is which passage comes *first*, so the top
ranks should stay apart. ``python -m bot eval`` shows it on the golden sets
(the figures are at ``index.search.RRF_K``).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

Item = TypeVar("Item", bound=Hashable)


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[Item]], weights: Sequence[float], k: float
) -> list[tuple[Item, float]]:
    """Fuse ``rankings`` (best first) into one: ``score = Σ wᵢ / (k + rankᵢ)``, best first.

    Args:
        rankings: each a list of distinct items, best first; an item may be missing from some.
        weights: one weight per ranking.
        k: the damping constant (Cormack et al. use 60).

    Returns:
        (item, fused score) pairs, best first; ties keep the order in which the
        items first appear (the first ranking's order, then the next one's new items).
    """
    if len(rankings) != len(weights):
        raise ValueError(f"{len(rankings)} rankings but {len(weights)} weights")
    fused: dict[Item, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + weight / (k + rank)
    return sorted(fused.items(), key=lambda pair: -pair[1])
