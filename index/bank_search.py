"""Question-to-question matching against the question bank (``corpus/questions``).

A question is compared with the questions each passage is known to answer:
BM25 over the bank questions of the asker's language (the same terms as the
passage search: stems, concepts, phrases), and the cosine between the question
and the bank's English questions for the languages the embedding model knows
(all-MiniLM-L6-v2 is English-only, so a Russian vector says little). Each
passage ("target": document family and position) gets its best question.

Two kinds of evidence come out, for ranking and for the answer-or-decline
decision (``bot.answering.decision``):

- ``overlap``: the IDF-weighted share of the question's terms found in the
  target's best bank question (IDF over the bank questions of the language):
  the question-to-question version of ``Hit.term_overlap``;
- ``dense``: the best cosine to one of the target's English bank questions.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.store import IndexPart, lexical_terms
from index.text_analysis import is_concept_term

__all__ = ["BankMatch", "BankSearcher"]

# The vocabulary language whose vectors the dense side compares with.
DENSE_BANK_LANGUAGE = "en"


@dataclass(frozen=True)
class BankMatch:
    """The best bank question of one target passage, with its evidence."""

    family: str
    position: int
    question: str  # the best-matching bank question (lexically, else densely)
    lexical: float  # its BM25 score
    overlap: float  # IDF-weighted share of the query's terms it contains
    dense: float  # best cosine to the target's English bank questions (0.0 when not compared)


def _idf(documents: list[frozenset[str]]) -> tuple[dict[str, float], float]:
    frequency: dict[str, int] = {}
    for terms in documents:
        for term in terms:
            frequency[term] = frequency.get(term, 0) + 1
    total = len(documents) + 1
    return {t: float(np.log(total / (df + 0.5))) for t, df in frequency.items()}, float(np.log(total / 0.5))


class BankSearcher:
    """Ranks target passages by how closely one of their bank questions matches a query."""

    def __init__(self, part: IndexPart) -> None:
        self.part = part
        questions = part.passages
        self.terms = [frozenset(lexical_terms(q.text, q.language)) for q in questions]
        self.languages = np.array([q.language for q in questions], dtype=object)
        self.targets = [(q.family, q.position) for q in questions]
        self.idf = {
            lang: _idf([t for t, q in zip(self.terms, questions, strict=True) if q.language == lang])
            for lang in {q.language for q in questions}
        }
        by_language: dict[str, set[str]] = {}
        for terms, question in zip(self.terms, questions, strict=True):
            by_language.setdefault(question.language, set()).update(terms)
        self.vocabulary = {lang: frozenset(terms) for lang, terms in by_language.items()}
        vectors = (
            part.dense.reconstruct_all()
            if part.dense.size
            else np.zeros((0, part.dense.dimension), np.float32)
        )
        # One row per question: the row of the whole text (each bank question is one sentence).
        first = {int(p): row for row, p in reversed(list(enumerate(part.row_passage.tolist())))}
        self.dense_rows = np.array(
            [first[n] for n, q in enumerate(questions) if q.language == DENSE_BANK_LANGUAGE and n in first],
            dtype=np.int64,
        )
        self.dense_numbers = np.array(
            [n for n, q in enumerate(questions) if q.language == DENSE_BANK_LANGUAGE and n in first],
            dtype=np.int64,
        )
        self.dense_vectors = vectors[self.dense_rows] if len(self.dense_rows) else vectors[:0]

    @property
    def empty(self) -> bool:
        return not self.part.passages

    def knows(self, term: str, language: str) -> bool:
        """Whether any bank question of ``language`` has ``term``."""
        return term in self.vocabulary.get(language, frozenset())

    def search(
        self, terms: tuple[str, ...], overlap_terms: frozenset[str], language: str, vector: np.ndarray | None
    ) -> list[BankMatch]:
        """Targets with a matching bank question, best first (lexical rank, then dense)."""
        if self.empty:
            return []
        idf, unknown = self.idf.get(language, ({}, 0.0))
        weights = {t: idf.get(t, unknown) for t in overlap_terms}
        total = sum(weights.values()) or 1.0
        scores = self.part.lexical.scores(terms + tuple(t for t in terms if is_concept_term(t)))
        scores = np.where(self.languages == language, scores, 0.0)
        best: dict[tuple[str, int], BankMatch] = {}
        for number in np.flatnonzero(scores > 0)[np.argsort(-scores[scores > 0], kind="stable")].tolist():
            target = self.targets[number]
            if target in best:
                continue
            overlap = sum(weights[t] for t in overlap_terms & self.terms[number]) / total
            best[target] = BankMatch(
                target[0], target[1], self.part.passages[number].text, float(scores[number]), overlap, 0.0
            )
        if vector is not None and len(self.dense_numbers):
            cosines = self.dense_vectors @ vector
            by_target: dict[tuple[str, int], tuple[float, int]] = {}
            for cosine, number in zip(cosines.tolist(), self.dense_numbers.tolist(), strict=True):
                target = self.targets[number]
                if cosine > by_target.get(target, (-2.0, 0))[0]:
                    by_target[target] = (cosine, number)
            for target, (cosine, number) in by_target.items():
                match = best.get(target)
                if match is None:
                    best[target] = BankMatch(
                        target[0], target[1], self.part.passages[number].text, 0.0, 0.0, cosine
                    )
                else:
                    best[target] = BankMatch(
                        match.family, match.position, match.question, match.lexical, match.overlap, cosine
                    )
        return sorted(best.values(), key=lambda m: (-m.lexical, -m.dense))

    @staticmethod
    def dense_order(matches: list[BankMatch]) -> list[BankMatch]:
        """The same matches ordered by their dense evidence alone."""
        return sorted((m for m in matches if m.dense > 0), key=lambda m: -m.dense)
