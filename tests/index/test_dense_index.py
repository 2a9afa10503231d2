"""The FAISS side: memory-mapped loading, and IVF cells kept by a rebuild after a small change."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from index import dense
from index.dense import DenseIndex


def unit_vectors(count: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(count, 32)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.fixture
def small_exact_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """An IVF index from a few thousand rows, so the test trains in milliseconds."""
    monkeypatch.setattr(dense, "EXACT_LIMIT", 500)


@pytest.mark.parametrize("rows", [300, 3000])
def test_saved_index_loads_memory_mapped_with_the_same_results(
    tmp_path: Path, rows: int, small_exact_limit
) -> None:
    vectors = unit_vectors(rows, 1)
    built = DenseIndex.from_vectors(vectors, 32)
    built.save(tmp_path / "dense.faiss")
    loaded = DenseIndex.load(tmp_path / "dense.faiss")
    for query in vectors[:5]:
        assert [a.tolist() for a in loaded.search(query, 10)] == [a.tolist() for a in built.search(query, 10)]
    assert np.array_equal(loaded.reconstruct_all(), vectors)


def test_rebuild_after_a_small_change_keeps_the_ivf_cells(small_exact_limit) -> None:
    vectors = unit_vectors(3000, 2)
    first = DenseIndex.from_vectors(vectors, 32)
    changed = np.concatenate([vectors, unit_vectors(3, 3)])
    cells = first.centroids()
    assert cells is not None
    again = DenseIndex.from_vectors(changed, 32, cells)
    assert np.array_equal(again.centroids(), cells)  # type: ignore[arg-type]  # None fails the test
    _, rows = again.search(changed[-1], 1)
    assert rows.tolist() == [len(changed) - 1]


def test_rebuild_after_a_large_change_trains_new_cells(small_exact_limit) -> None:
    cells = DenseIndex.from_vectors(unit_vectors(3000, 2), 32).centroids()
    grown = DenseIndex.from_vectors(unit_vectors(6000, 4), 32, cells).centroids()
    assert cells is not None and grown is not None
    assert len(grown) != len(cells)


def test_flat_index_has_no_cells() -> None:
    assert DenseIndex.from_vectors(unit_vectors(10, 5), 32).centroids() is None


def test_rows_given_their_previous_cells_land_where_assigning_them_would_put_them(
    tmp_path: Path, small_exact_limit
) -> None:
    vectors = unit_vectors(3000, 3)
    first = DenseIndex.from_vectors(vectors, 32)
    first.save(tmp_path / "dense.faiss")
    before = DenseIndex.load(tmp_path / "dense.faiss")  # as a rebuild reads it
    changed = vectors.copy()
    changed[10:20] = unit_vectors(10, 4)  # ten new texts; the rest reused with their cells
    cells = before.row_cells()
    assert cells is not None
    known = cells.copy()
    known[10:20] = -1
    centroids = before.centroids()
    given = DenseIndex.from_vectors(changed, 32, centroids, known)
    assigned = DenseIndex.from_vectors(changed, 32, centroids)  # every row compared with the centroids
    given_cells, assigned_cells = given.row_cells(), assigned.row_cells()
    assert given_cells is not None and assigned_cells is not None
    assert np.array_equal(given_cells, assigned_cells)
    assert np.array_equal(given.reconstruct_all(), changed)
    for query in changed[:20]:
        assert [a.tolist() for a in given.search(query, 10)] == [
            a.tolist() for a in assigned.search(query, 10)
        ]
