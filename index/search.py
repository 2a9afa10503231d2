"""Hybrid search: dense (cosine) and lexical (BM25) rankings fused by reciprocal rank.

Why reciprocal rank fusion (RRF): cosine similarities and BM25 scores live on
unrelated scales that shift with every corpus change, so adding them needs a
calibration that goes stale; RRF uses only each passage's rank in each list
(score = Σ wᵢ / (k + rankᵢ)) and so needs none. The raw cosine and BM25 values
are kept on each hit because the "not covered" decision needs absolute evidence,
which ranks cannot give.

The dense side searches passage rows and sentence rows and keeps each passage's
best row: a question often paraphrases one sentence of a longer passage. The
dense weight is lowered for languages the embedding model was not trained on
(the default MiniLM is English-only), where its ranking is mostly noise.

Language: a passage is eligible when it is in the asker's language, or when its
document family has no version in that language (so the original answers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from corpus import Passage
from index.encoder import Encoder
from index.store import WHOLE_PASSAGE, SearchIndex, lexical_text
from index.text_analysis import tokenize

RRF_K = 10
DENSE_ROWS = 128


@dataclass(frozen=True)
class Hit:
    """One passage found for a query, with the evidence for it."""

    passage: Passage
    score: float  # fused reciprocal-rank score (orders hits)
    dense: float  # best cosine similarity among the passage's rows
    lexical: float  # BM25 score
    term_overlap: float  # IDF-weighted share of the query's terms found in the passage
    best_sentence: int  # number of the sentence that answers best


@dataclass(frozen=True)
class SearchResult:
    """Hits for one query, best first."""

    query: str
    language: str
    terms: tuple[str, ...]
    hits: tuple[Hit, ...]


class HybridSearcher:
    """Searches one loaded index with one encoder."""

    def __init__(self, index: SearchIndex, encoder: Encoder, model_languages: Sequence[str] = ("en",)) -> None:
        self.index = index
        self._encoder = encoder
        self._model_languages = frozenset(model_languages)
        passages = index.passages
        self._first_row = np.full(len(passages), -1, dtype=np.int64)
        for row in range(len(index.row_passage) - 1, -1, -1):
            self._first_row[index.row_passage[row]] = row
        self._terms = [frozenset(tokenize(lexical_text(p), p.language)) for p in passages]
        document_frequency: dict[str, int] = {}
        for terms in self._terms:
            for term in terms:
                document_frequency[term] = document_frequency.get(term, 0) + 1
        total = len(passages) + 1
        self._idf = {t: float(np.log(total / (df + 0.5))) for t, df in document_frequency.items()}
        self._unknown_idf = float(np.log(total / 0.5))
        families: dict[str, set[str]] = {}
        for passage in passages:
            families.setdefault(passage.family, set()).add(passage.language)
        self._languages = sorted({p.language for p in passages})
        self._eligible = {
            lang: np.array([p.language == lang or lang not in families[p.family] for p in passages])
            for lang in self._languages
        }

    def _eligible_mask(self, language: str) -> np.ndarray:
        mask = self._eligible.get(language)
        if mask is None:  # a language with no material: everything is the original
            mask = np.ones(len(self.index.passages), dtype=bool)
        return mask

    def dense_weight(self, language: str) -> float:
        if "*" in self._model_languages or language in self._model_languages:
            return 1.0
        return 0.35

    def search(self, query: str, language: str, limit: int = 5) -> SearchResult:
        """Rank eligible passages for ``query`` written in ``language``."""
        terms = tuple(tokenize(query, language))
        eligible = self._eligible_mask(language)
        vector = self._encoder.encode_query(query)
        dense_best, dense_row = self._dense_candidates(vector, eligible)
        lexical = self.index.lexical.scores(terms)
        lexical_order = [int(i) for i in np.argsort(-lexical, kind="stable") if lexical[i] > 0 and eligible[i]]
        dense_order = sorted(dense_best, key=lambda p: -dense_best[p])
        fused: dict[int, float] = {}
        weight = self.dense_weight(language)
        for rank, number in enumerate(dense_order[:DENSE_ROWS]):
            fused[number] = fused.get(number, 0.0) + weight / (RRF_K + rank + 1)
        for rank, number in enumerate(lexical_order[:DENSE_ROWS]):
            fused[number] = fused.get(number, 0.0) + 1.0 / (RRF_K + rank + 1)
        ranked = sorted(fused, key=lambda n: -fused[n])[:limit]
        query_terms = frozenset(terms)
        weights = {t: self._idf.get(t, self._unknown_idf) for t in query_terms}
        total_weight = sum(weights.values()) or 1.0
        hits = tuple(
            Hit(
                passage=self.index.passages[n],
                score=fused[n],
                dense=float(dense_best.get(n, self._cosine(vector, self._first_row[n]))),
                lexical=float(lexical[n]),
                term_overlap=sum(weights[t] for t in query_terms & self._terms[n]) / total_weight,
                best_sentence=self._best_sentence(vector, n, dense_row.get(n)),
            )
            for n in ranked
        )
        return SearchResult(query=query, language=language, terms=terms, hits=hits)

    def informative(self, term: str) -> bool:
        """A term that is rare in the material (or absent from it) carries meaning."""
        return self._idf.get(term, self._unknown_idf) > 1.0

    def _dense_candidates(self, vector: np.ndarray, eligible: np.ndarray) -> tuple[dict[int, float], dict[int, int]]:
        """Best cosine per eligible passage among the nearest rows, and which row gave it."""
        scores, rows = self.index.dense.search(vector, DENSE_ROWS)
        best: dict[int, float] = {}
        best_row: dict[int, int] = {}
        for score, row in zip(scores.tolist(), rows.tolist()):
            number = int(self.index.row_passage[row])
            if eligible[number] and score > best.get(number, -2.0):
                best[number] = score
                best_row[number] = row
        return best, best_row

    def _cosine(self, vector: np.ndarray, row: int) -> float:
        return float(np.dot(self.index.dense.vector(row), vector))

    def _best_sentence(self, vector: np.ndarray, number: int, row: int | None) -> int:
        """The sentence closest to the query: from the winning row, else by comparing each sentence."""
        passage = self.index.passages[number]
        if len(passage.sentences) <= 1:
            return 0
        if row is not None and self.index.row_sentence[row] != WHOLE_PASSAGE:
            return int(self.index.row_sentence[row])
        first = int(self._first_row[number])
        similarities = [self._cosine(vector, first + 1 + i) for i in range(len(passage.sentences))]
        return int(np.argmax(similarities))
