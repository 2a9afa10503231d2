"""The one seam to bm25s: BM25 over language-aware terms, and the passages' analysed terms.

Terms come from ``index.text_analysis.tokenize`` (stemming for English and
Russian, a light stemmer for Belarusian), so one index serves all three
languages: their terms rarely collide, and the language preference is applied
after scoring.

Why bm25s rather than our own scipy.sparse matrix: bm25s precomputes each
(term, passage) BM25 weight into a compressed sparse column matrix and a query
sums the columns of its own terms only (its ``get_scores``: slices of
``indptr``, then ``np.add.at``), so a question costs its terms' postings, not
the corpus; it saves that matrix as plain ``.npy`` files that load
memory-mapped; and it is maintained and already locked. A scipy matrix would
do the same work with code of ours to keep.

Beside BM25 the index keeps what search needs of each passage's analysis, so
a start never tokenises the corpus again: the passage-term matrix (CSR: term
ids and counts per passage, ``doc_terms_*.npy``, memory-mapped), from which
document frequencies per language and a passage's term set come, and the
vocabulary in id order. A rebuild takes the terms of unchanged passages back
from that matrix (``terms_with_counts``) instead of analysing them again.
No pickle.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from index.errors import IndexUnreadableError

VOCABULARY_FILE = "vocabulary.json"
_MATRIX = ("indptr", "ids", "counts")


def _matrix_file(name: str) -> str:
    return f"doc_terms_{name}.npy"


def _passage_term_matrix(ids: list[list[int]], vocabulary_size: int) -> tuple[np.ndarray, ...]:
    """CSR of the passages' distinct term ids (ascending) with their counts."""
    lengths = np.fromiter((len(doc) for doc in ids), dtype=np.int64, count=len(ids))
    flat = np.fromiter((term for doc in ids for term in doc), dtype=np.int64, count=int(lengths.sum()))
    passage = np.repeat(np.arange(len(ids), dtype=np.int64), lengths)
    keys, counts = np.unique(passage * max(vocabulary_size, 1) + flat, return_counts=True)
    owners = keys // max(vocabulary_size, 1)
    indptr = np.searchsorted(owners, np.arange(len(ids) + 1, dtype=np.int64)).astype(np.int64)
    return indptr, (keys % max(vocabulary_size, 1)).astype(np.int32), counts.astype(np.int32)


class LexicalIndex:
    """BM25 scores of every passage for a list of query terms, and each passage's terms."""

    def __init__(
        self,
        retriever: bm25s.BM25 | None,
        terms: list[str],
        size: int,
        matrix: tuple[np.ndarray, ...],
    ) -> None:
        self._retriever = retriever
        self._terms = terms  # id -> term
        self._vocabulary = {term: number for number, term in enumerate(terms)}
        self._indptr, self._ids, self._counts = matrix
        self.size = size

    @classmethod
    def from_terms(cls, documents: Sequence[Sequence[str]]) -> LexicalIndex:
        vocabulary: dict[str, int] = {}
        ids = [[vocabulary.setdefault(term, len(vocabulary)) for term in terms] for terms in documents]
        matrix = _passage_term_matrix(ids, len(vocabulary))
        if not ids:  # an empty part (e.g. no mission records): nothing to score
            return cls(None, [], 0, matrix)
        retriever = bm25s.BM25()
        retriever.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocabulary), show_progress=False)
        return cls(retriever, list(vocabulary), len(documents), matrix)

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every passage (zeros when no term is known)."""
        known = [self._vocabulary[t] for t in terms if t in self._vocabulary]
        if not known or self._retriever is None:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(known), dtype=np.float32)

    def knows(self, term: str) -> bool:
        return term in self._vocabulary

    def term_id(self, term: str) -> int | None:
        """The term's number in this index, or None when no passage has it."""
        return self._vocabulary.get(term)

    def terms_of(self, passage: int) -> frozenset[str]:
        """The distinct terms of one passage, as analysed when the index was built."""
        start, end = int(self._indptr[passage]), int(self._indptr[passage + 1])
        return frozenset(self._terms[term] for term in self._ids[start:end].tolist())

    def terms_with_counts(self, passage: int) -> list[str]:
        """One passage's terms, each as often as it occurs (the order of analysis is not kept)."""
        start, end = int(self._indptr[passage]), int(self._indptr[passage + 1])
        ids, counts = self._ids[start:end].tolist(), self._counts[start:end].tolist()
        return [self._terms[term] for term, count in zip(ids, counts, strict=True) for _ in range(count)]

    def document_frequencies(self, passages: np.ndarray | None = None) -> np.ndarray:
        """For every term id, how many of the selected passages (a boolean mask; all by default) have it."""
        if passages is None:
            return np.bincount(self._ids, minlength=len(self._terms))
        lengths = np.diff(self._indptr)
        return np.bincount(self._ids[np.repeat(passages, lengths)], minlength=len(self._terms))

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        if self._retriever is not None:
            self._retriever.save(str(directory), show_progress=False)
        for name, array in zip(_MATRIX, (self._indptr, self._ids, self._counts), strict=True):
            np.save(directory / _matrix_file(name), array, allow_pickle=False)
        (directory / VOCABULARY_FILE).write_text(
            json.dumps({"size": self.size, "terms": self._terms}, ensure_ascii=False), "utf-8"
        )

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        """Load a saved index; its arrays are memory-mapped (read on demand, shared between processes)."""
        try:
            stored = json.loads((directory / VOCABULARY_FILE).read_text("utf-8"))
            retriever = (
                bm25s.BM25.load(str(directory), load_corpus=False, mmap=True) if stored["size"] else None
            )
            # Plain ndarray views of the maps: a slice of an ``np.memmap`` builds another memmap
            # object, about 20 us each, several per passage quoted.
            matrix = tuple(
                np.asarray(np.load(directory / _matrix_file(name), mmap_mode="r", allow_pickle=False))
                for name in _MATRIX
            )
            if retriever is not None:
                retriever.scores = {
                    key: np.asarray(value) if isinstance(value, np.memmap) else value
                    for key, value in retriever.scores.items()
                }
            terms = stored["terms"]
            if not isinstance(terms, list) or len(matrix[0]) != int(stored["size"]) + 1:
                raise ValueError("the passage-term matrix does not fit the vocabulary")
        except (OSError, ValueError, KeyError) as exc:
            raise IndexUnreadableError(f"{directory}: BM25 index cannot be read ({exc})") from exc
        return cls(retriever, terms, int(stored["size"]), matrix)
