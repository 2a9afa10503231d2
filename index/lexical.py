"""The one seam to bm25s: BM25 over language-aware terms.

Terms come from ``index.text_analysis.tokenize`` (stemming for English and
Russian, a light stemmer for Belarusian), so one index serves all three
languages: their terms rarely collide, and the language preference is applied
after scoring. Saved with bm25s' own numpy/JSON files plus our vocabulary: no
pickle.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from index.errors import IndexUnreadableError

VOCABULARY_FILE = "vocabulary.json"


class LexicalIndex:
    """BM25 scores of every passage for a list of query terms."""

    def __init__(self, retriever: bm25s.BM25 | None, vocabulary: dict[str, int], size: int) -> None:
        self._retriever = retriever
        self._vocabulary = vocabulary
        self.size = size

    @classmethod
    def from_terms(cls, documents: Sequence[Sequence[str]]) -> LexicalIndex:
        vocabulary: dict[str, int] = {}
        ids = [[vocabulary.setdefault(term, len(vocabulary)) for term in terms] for terms in documents]
        if not ids:  # an empty part (e.g. no mission records): nothing to score
            return cls(None, {}, 0)
        retriever = bm25s.BM25()
        retriever.index(bm25s.tokenization.Tokenized(ids=ids, vocab=vocabulary), show_progress=False)
        return cls(retriever, vocabulary, len(documents))

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """BM25 score of every passage (zeros when no term is known)."""
        known = [self._vocabulary[t] for t in terms if t in self._vocabulary]
        if not known or self._retriever is None:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(known), dtype=np.float32)

    def knows(self, term: str) -> bool:
        return term in self._vocabulary

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        if self._retriever is not None:
            self._retriever.save(str(directory), show_progress=False)
        (directory / VOCABULARY_FILE).write_text(
            json.dumps({"size": self.size, "terms": self._vocabulary}, ensure_ascii=False), "utf-8"
        )

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        try:
            stored = json.loads((directory / VOCABULARY_FILE).read_text("utf-8"))
            retriever = (
                bm25s.BM25.load(str(directory), load_corpus=False, mmap=False) if stored["size"] else None
            )
        except (OSError, ValueError, KeyError) as exc:
            raise IndexUnreadableError(f"{directory}: BM25 index cannot be read ({exc})") from exc
        return cls(retriever, stored["terms"], int(stored["size"]))
