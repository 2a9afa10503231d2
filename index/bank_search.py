"""Question-to-question matching against the question bank (``corpus/questions``).

A question is compared with the questions each passage is known to answer:
a weighted term match over the bank questions of the asker's language (the
same terms as the passage search: stems, concepts, phrases; see
``BankSearcher._scores``), and the cosine between the question
and the bank's English questions for the languages the embedding model knows
(all-MiniLM-L6-v2 is English-only, so a Russian vector says little). Each
passage ("target": document family and position) gets its best question.

Two kinds of evidence come out, for ranking and for the answer-or-decline
decision (``bot.answering.decision``):

- ``overlap``: the IDF-weighted share of the question's terms found in the
  target's best bank question (IDF over the bank questions of the language):
  the question-to-question version of ``Hit.term_overlap``;
- ``dense``: the best cosine to one of the target's English bank questions.

Why not BM25 over the bank questions (as before 2026-12-02): BM25's IDF counts
questions, so the more ways the bank asks about the EU, the less "EU" weighs,
and a frame word used once ("role", "роль") outweighs it: growing the bank
made it worse at telling passages apart. The score here weighs each shared
term by its IDF over *targets* (how many passages' questions use it,
``_target_idf``), names twice, less a quarter of the question's own unmatched
weight (a bank question saying much more than was asked fits less). Measured
on the dev golden set (``python -m bot eval --part dev``, 352 policy questions,
with the bank grown to 917 questions): hit@1 0.969 -> 0.983, right quote 0.898
-> 0.912, wrong quote 0.028 -> 0.020, near-topic declined 1.000 both.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from index.store import IndexPart, lexical_terms
from index.text_analysis import is_concept_term

__all__ = ["BankMatch", "BankSearcher"]

# How much of its overlap a bank question naming a place or organisation (a concept term)
# keeps for a question that names none of its names (``BankSearcher.search``). Measured with
# ``python -m bot calibrate --dry-run`` (2026-12-02, 1,477 dev questions, cross-validated
# right quote / declined): 1.0 (no such rule) 0.944 / 0.977; 0.5 0.943 / 0.982; 0 0.938 / 0.977.
UNNAMED_SUBJECT_FACTOR = 0.5

# The vocabulary language whose vectors the dense side compares with.
DENSE_BANK_LANGUAGE = "en"
# Share of a bank question's unmatched term weight taken off its score (``BankSearcher._scores``).
# Swept on the dev part with the 1,184-question bank (2026-12-02): 0 gives right quote 0.926
# and wrong quote 0.020, 0.25 gives 0.929 / 0.017, 0.5 gives 0.923 / 0.017 (the same at
# ``index.search.BANK_WEIGHT`` 1.5, 2.5 and 4, so that weight stays).
UNMATCHED_PENALTY = 0.25


@dataclass(frozen=True)
class BankMatch:
    """The best bank question of one target passage, with its evidence."""

    family: str
    position: int
    question: str  # the best-matching bank question (lexically, else densely)
    lexical: float  # its term-match score (``BankSearcher._scores``)
    overlap: float  # IDF-weighted share of the query's terms it contains
    dense: float  # best cosine to the target's English bank questions (0.0 when not compared)


def _target_idf(
    terms: list[frozenset[str]], targets: list[tuple[str, int]]
) -> tuple[dict[str, float], float]:
    """IDF over target passages: a term's document frequency is the number of targets whose questions use it.

    A bank with fifty ways of asking about the EU repeats "EU" in fifty questions,
    which per-question IDF would count as a common word, while a frame word used
    once ("role") would count as rare; which passage a term points to is what
    tells passages apart, so a term is rare when few *targets* use it.
    """
    users: dict[str, set[tuple[str, int]]] = {}
    for question_terms, target in zip(terms, targets, strict=True):
        for term in question_terms:
            users.setdefault(term, set()).add(target)
    total = len(set(targets)) + 1
    return {t: float(np.log(total / (len(u) + 0.5))) for t, u in users.items()}, float(np.log(total / 0.5))


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
        questions = tuple(part.passages)  # the team's question bank: small, read whole once
        self.terms = [frozenset(lexical_terms(q.text, q.language)) for q in questions]
        self._texts = [q.text for q in questions]  # kept: the table decodes a passage per access
        self.languages = np.array([q.language for q in questions], dtype=object)
        self.targets = [(q.family, q.position) for q in questions]
        self.target_count = {
            lang: len({t for t, q in zip(self.targets, questions, strict=True) if q.language == lang})
            for lang in {q.language for q in questions}
        }
        self.idf = {
            lang: _idf([t for t, q in zip(self.terms, questions, strict=True) if q.language == lang])
            for lang in {q.language for q in questions}
        }
        self.target_idf = {
            lang: _target_idf(
                [t for t, q in zip(self.terms, questions, strict=True) if q.language == lang],
                [g for g, q in zip(self.targets, questions, strict=True) if q.language == lang],
            )
            for lang in {q.language for q in questions}
        }
        # Postings per term: the questions using it, for the target-IDF score (``_scores``).
        postings: dict[str, list[int]] = {}
        for number, question_terms in enumerate(self.terms):
            for term in question_terms:
                postings.setdefault(term, []).append(number)
        self.postings = {t: np.array(n, dtype=np.int64) for t, n in postings.items()}
        self.question_weight = np.array(
            [
                sum(self.target_idf[q.language][0].get(t, 0.0) for t in terms)
                for terms, q in zip(self.terms, questions, strict=True)
            ],
            dtype=np.float32,
        )
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
        # The dense questions grouped by target, so the best cosine per target is one
        # vectorised pass (``_best_dense``) rather than a Python loop over every question.
        dense_targets = sorted({self.targets[n] for n in self.dense_numbers.tolist()})
        target_of = {target: i for i, target in enumerate(dense_targets)}
        self._dense_group = np.array(
            [target_of[self.targets[n]] for n in self.dense_numbers.tolist()], np.int64
        )
        self._dense_targets = dense_targets

    def _best_dense(self, vector: np.ndarray) -> dict[tuple[str, int], tuple[float, int]]:
        """Per target, its nearest English bank question: (cosine, question number)."""
        cosines = self.dense_vectors @ vector
        best = np.full(len(self._dense_targets), -2.0)
        np.maximum.at(best, self._dense_group, cosines)
        winners: dict[tuple[str, int], tuple[float, int]] = {}
        for row in np.flatnonzero(cosines >= best[self._dense_group]).tolist():
            target = self._dense_targets[int(self._dense_group[row])]
            if target not in winners:  # the first of equal cosines, as the loop before
                winners[target] = (float(cosines[row]), int(self.dense_numbers[row]))
        return winners

    @property
    def empty(self) -> bool:
        return not self.part.passages

    def knows(self, term: str, language: str) -> bool:
        """Whether any bank question of ``language`` has ``term``."""
        return term in self.vocabulary.get(language, frozenset())

    def search(
        self, terms: tuple[str, ...], overlap_terms: frozenset[str], language: str, vector: np.ndarray | None
    ) -> list[BankMatch]:
        """Targets with a matching bank question, best first (term-match score, then dense)."""
        if self.empty:
            return []
        idf, unknown = self.idf.get(language, ({}, 0.0))
        weights = {t: idf.get(t, unknown) for t in overlap_terms}
        total = sum(weights.values()) or 1.0
        scores = self._scores(terms, language)
        asked_names = {t for t in (*terms, *overlap_terms) if is_concept_term(t)}
        best: dict[tuple[str, int], BankMatch] = {}
        targets = self.target_count.get(language, 0)
        for number in np.flatnonzero(scores > 0)[np.argsort(-scores[scores > 0], kind="stable")].tolist():
            target = self.targets[number]
            if target in best:
                if len(best) == targets:
                    break  # every target has its best question: the rest score lower
                continue
            overlap = sum(weights[t] for t in overlap_terms & self.terms[number]) / total
            if len(overlap_terms) == 1 and not any(is_concept_term(t) for t in overlap_terms):
                # One common word found in a longer bank question ("час" in "чаму Мінск увесь час
                # прапануе ініцыятывы", "anyone" in "does russia matter more than anyone else")
                # is all of the question but little of that bank question: weigh the share of
                # the bank question it covers too. A name alone ("Beijing", "ЕАЭС") keeps its share.
                own = sum(idf.get(t, unknown) for t in self.terms[number]) or 1.0
                overlap *= min(1.0, total / own)
            named = {t for t in self.terms[number] if is_concept_term(t)}
            if named and not named & asked_names:
                # "whats the basis of dealing with eu countries" is about the EU: a question
                # naming no place or organisation of it ("how does it deal with other
                # countries?") shares its frame words, not its subject.
                overlap *= UNNAMED_SUBJECT_FACTOR
            best[target] = BankMatch(
                target[0], target[1], self._texts[number], float(scores[number]), overlap, 0.0
            )
        if vector is not None and len(self.dense_numbers):
            for target, (cosine, number) in self._best_dense(vector).items():
                match = best.get(target)
                if match is None:
                    best[target] = BankMatch(target[0], target[1], self._texts[number], 0.0, 0.0, cosine)
                else:
                    best[target] = BankMatch(
                        match.family, match.position, match.question, match.lexical, match.overlap, cosine
                    )
        return sorted(best.values(), key=lambda m: (-m.lexical, -m.dense))

    def _scores(self, terms: tuple[str, ...], language: str) -> np.ndarray:
        """Each question's score: target IDF of the query terms it shares, less a share of those it lacks.

        Names (concept terms) count twice, as in the passage search. The
        penalty (``UNMATCHED_PENALTY`` of the question's own terms the query
        lacks) prefers the bank question that says no more than was asked.
        """
        idf, _ = self.target_idf.get(language, ({}, 0.0))
        matched = np.zeros(len(self.terms), dtype=np.float32)
        for term in set(terms):
            numbers = self.postings.get(term)
            if numbers is not None and term in idf:
                matched[numbers] += idf[term] * (2.0 if is_concept_term(term) else 1.0)
        scores = matched - UNMATCHED_PENALTY * np.maximum(self.question_weight - matched, 0.0)
        return np.where((self.languages == language) & (matched > 0), np.maximum(scores, 1e-6), 0.0)

    @staticmethod
    def dense_order(matches: list[BankMatch]) -> list[BankMatch]:
        """The same matches ordered by their dense evidence alone."""
        return sorted((m for m in matches if m.dense > 0), key=lambda m: -m.dense)
