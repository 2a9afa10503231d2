"""The one seam to FAISS: inner-product search over normalised vectors.

Rows are passages and their single sentences (see ``index.store``); with
normalised vectors the inner product is the cosine similarity, which also feeds
the "not covered" decision. Up to ``EXACT_LIMIT`` rows a flat index is exact and
fast; above it an inverted-file index (k-means cells, a few of them scanned per
query) keeps a query in the low milliseconds (a flat scan of 175,000 rows costs
tens of ms on two cores) at a small recall cost that the lexical side of the
hybrid search covers. It trains in seconds, where an HNSW graph took minutes
to build here. Both keep the vectors, so ``reconstruct`` works for either.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from index.errors import IndexUnreadableError

EXACT_LIMIT = 20_000  # rows; below this a flat scan is exact and still fast
CELLS_SCANNED = 24  # IVF cells searched per query (faiss ``nprobe``)


class DenseIndex:
    """Vectors searchable by cosine similarity."""

    def __init__(self, index: faiss.Index) -> None:
        self._index = index

    @classmethod
    def from_vectors(cls, vectors: np.ndarray, dimension: int) -> DenseIndex:
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if len(vectors) <= EXACT_LIMIT:
            flat = faiss.IndexFlatIP(dimension)
            flat.add(vectors)
            return cls(flat)
        # FAISS's rules of thumb for IVF (wiki, "Guidelines to choose an index"): on the order
        # of 4*sqrt(n) cells, and 30 to 256 training points per cell (we take 40) so k-means
        # sees enough of each. CELLS_SCANNED (24 of them) trades recall for time; its effect
        # shows in ``python -m bot bench`` (the synthetic 50,000-passage figures).
        cells = int(4 * np.sqrt(len(vectors)))
        ivf = faiss.IndexIVFFlat(faiss.IndexFlatIP(dimension), dimension, cells, faiss.METRIC_INNER_PRODUCT)
        sample = np.random.default_rng(0).choice(len(vectors), min(len(vectors), 40 * cells), replace=False)
        ivf.train(vectors[np.sort(sample)])
        ivf.add(vectors)
        ivf.nprobe = CELLS_SCANNED
        ivf.make_direct_map()
        return cls(ivf)

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
        return np.asarray(self._index.reconstruct_n(0, self.size), dtype=np.float32)

    def vector(self, row: int) -> np.ndarray:
        return np.asarray(self._index.reconstruct(int(row)), dtype=np.float32)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        try:
            # Memory-mapped (flat codes and inverted lists): a start reads no vectors, and
            # the pages a search touches are the file's, shared with other processes.
            index = faiss.read_index(str(path), faiss.IO_FLAG_MMAP | faiss.IO_FLAG_MMAP_IFC)
        except RuntimeError as exc:
            raise IndexUnreadableError(f"{path}: not a readable FAISS index") from exc
        if isinstance(index, faiss.IndexIVF):
            index.nprobe = CELLS_SCANNED
            if index.direct_map.type == faiss.DirectMap.NoMap:  # type: ignore[attr-defined]  # swig; saved with it
                index.make_direct_map()
        return cls(index)
