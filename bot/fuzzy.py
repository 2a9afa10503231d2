"""The one seam to rapidfuzz: near-matches of a word or a question among many.

Why rapidfuzz: Levenshtein-based ratios in C++, fast enough to compare a word
against every place name (mission lookup: "Germny" -> "germany") or a question
against thousands of logged ones (``/unanswered`` grouping) on each call; it is
maintained and has no heavy dependencies.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from rapidfuzz import fuzz, process

Scorer = Literal["ratio", "token_set_ratio"]
_SCORERS = {"ratio": fuzz.ratio, "token_set_ratio": fuzz.token_set_ratio}


def closest_matches(
    text: str, choices: Sequence[str], scorer: Scorer, cutoff: float, limit: int | None
) -> list[tuple[str, float, int]]:
    """The ``choices`` scoring at least ``cutoff`` (0-100) against ``text``, best first.

    Returns (choice, score, position in ``choices``) triples.

    ``ratio`` compares the whole strings (typos in one word); ``token_set_ratio``
    compares the sets of words (the same question with words added or reordered).
    """
    return [
        (str(choice), float(score), int(position))
        for choice, score, position in process.extract(
            text, choices, scorer=_SCORERS[scorer], score_cutoff=cutoff, limit=limit
        )
    ]
