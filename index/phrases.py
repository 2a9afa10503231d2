"""Add two-word phrase terms to the lexical terms.

"Union State", "United States", "European Union" and "Eurasian Economic Union"
share their single words; only the pair says which is meant. Each pair of
neighbouring stems (after stopwords are gone) becomes one more term, so a
question that names the phrase prefers the passage that contains it.
"""

from __future__ import annotations

import itertools

from index.text_analysis import is_concept_term

PHRASE_JOINER = "_"


def with_phrases(terms: list[str]) -> list[str]:
    """The terms followed by a phrase term for each pair of neighbouring word stems."""
    words = [term for term in terms if not is_concept_term(term)]
    return terms + [f"{a}{PHRASE_JOINER}{b}" for a, b in itertools.pairwise(words)]
