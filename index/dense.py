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
# A rebuild keeps the previous IVF cells while the row count is within this share of the
# one they were trained on (the cell count, 4*sqrt(n), then moves by under 5%); beyond, k-means again.
CELLS_KEPT_WITHIN = 0.1


class DenseIndex:
    """Vectors searchable by cosine similarity."""

    def __init__(self, index: faiss.Index) -> None:
        self._index = index

    @classmethod
    def from_vectors(
        cls,
        vectors: np.ndarray,
        dimension: int,
        cells_of: np.ndarray | None = None,
        row_cells: np.ndarray | None = None,
    ) -> DenseIndex:
        """Index ``vectors``; ``cells_of``: the previous build's IVF centroids (``centroids``), reused
        when that build had within ``CELLS_KEPT_WITHIN`` as many rows, so a small update assigns rows
        to the known cells instead of running k-means again (most of a one-page rebuild's time).
        ``row_cells``: with kept centroids, the cell each row was in before (``row_cells``; -1 for
        a new row), so that only new rows are compared with the centroids.
        """
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
        if cells_of is not None and abs(len(cells_of) - cells) <= CELLS_KEPT_WITHIN * cells / 2:
            quantizer = faiss.IndexFlatIP(dimension)
            quantizer.add(np.ascontiguousarray(cells_of, dtype=np.float32))
            ivf = faiss.IndexIVFFlat(quantizer, dimension, len(cells_of), faiss.METRIC_INNER_PRODUCT)
            ivf.is_trained = True
            if row_cells is not None and len(row_cells) == len(vectors):
                ivf.make_direct_map()
                assigned = np.ascontiguousarray(row_cells, dtype=np.int64)
                new = np.flatnonzero(assigned < 0)
                if len(new):
                    assigned[new] = quantizer.search(vectors[new], 1)[1][:, 0]
                ivf.add_core(len(vectors), faiss.swig_ptr(vectors), None, faiss.swig_ptr(assigned))
                ivf.nprobe = CELLS_SCANNED
                return cls(ivf)
        else:
            ivf = faiss.IndexIVFFlat(
                faiss.IndexFlatIP(dimension), dimension, cells, faiss.METRIC_INNER_PRODUCT
            )
            sample = np.random.default_rng(0).choice(
                len(vectors), min(len(vectors), 40 * cells), replace=False
            )
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

    def centroids(self) -> np.ndarray | None:
        """The IVF cells' centroids, or None for a flat index."""
        if not isinstance(self._index, faiss.IndexIVF):
            return None
        quantizer = faiss.downcast_index(self._index.quantizer)
        return np.asarray(quantizer.reconstruct_n(0, self._index.nlist), dtype=np.float32)

    def row_cells(self) -> np.ndarray | None:
        """The IVF cell of every row, in row order (from the direct map), or None for a flat index."""
        if not isinstance(self._index, faiss.IndexIVF):
            return None
        located = faiss.vector_to_array(self._index.direct_map.array)
        if len(located) != self.size:
            return None
        return np.asarray(located >> 32, dtype=np.int64)

    def reconstruct_all(self) -> np.ndarray:
        """All stored vectors, in row order (flat indexes keep them exactly)."""
        return np.asarray(self._index.reconstruct_n(0, self.size), dtype=np.float32)

    def vector(self, row: int) -> np.ndarray:
        return np.asarray(self._index.reconstruct(int(row)), dtype=np.float32)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> DenseIndex:
        # Memory-mapped: a start reads no vectors, and the pages a search touches are the
        # file's, shared with other processes. FAISS maps a flat index's codes with
        # IO_FLAG_MMAP_IFC and an IVF index's lists with IO_FLAG_MMAP (each refuses the other).
        index = None
        for flags in (faiss.IO_FLAG_MMAP_IFC, faiss.IO_FLAG_MMAP):
            try:
                index = faiss.read_index(str(path), flags)
                break
            except RuntimeError as exc:
                failure = exc
        if index is None:
            raise IndexUnreadableError(f"{path}: not a readable FAISS index") from failure
        if isinstance(index, faiss.IndexIVF):
            index.nprobe = CELLS_SCANNED
            if index.direct_map.type == faiss.DirectMap.NoMap:  # type: ignore[attr-defined]  # swig; saved with it
                index.make_direct_map()
        return cls(index)
