"""The one seam to FAISS: exact inner-product search over normalised vectors.

Rows are passages and their single sentences (see ``index.build``); with
normalised vectors the inner product is the cosine similarity, which also feeds
the "not covered" decision. A flat index is exact and, at this corpus size and
up to ~10^5 rows, fast enough (the benchmark measures it at 50,000 passages).
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from index.errors import IndexUnreadableError


class DenseIndex:
    """Vectors searchable by cosine similarity."""

    def __init__(self, index: faiss.Index) -> None:
        self._index = index

    @classmethod
    def from_vectors(cls, vectors: np.ndarray, dimension: int) -> "DenseIndex":
        index = faiss.IndexFlatIP(dimension)
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index)

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    @property
    def dimension(self) -> int:
        return int(self._index.d)

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Return (similarities, row numbers) of the ``k`` nearest rows, best first."""
        k = min(k, self.size)
        if k == 0:
            return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.int64)
        scores, rows = self._index.search(query.reshape(1, -1).astype(np.float32), k)
        keep = rows[0] >= 0
        return scores[0][keep], rows[0][keep]

    def reconstruct_all(self) -> np.ndarray:
        """All stored vectors, in row order (flat indexes keep them exactly)."""
        return self._index.reconstruct_n(0, self.size)

    def vector(self, row: int) -> np.ndarray:
        return self._index.reconstruct(int(row))

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> "DenseIndex":
        try:
            return cls(faiss.read_index(str(path)))
        except RuntimeError as exc:
            raise IndexUnreadableError(f"{path}: not a readable FAISS index") from exc


def set_threads(count: int) -> None:
    """Cap FAISS's OpenMP threads (the machine has two cores shared with the model)."""
    faiss.omp_set_num_threads(count)
