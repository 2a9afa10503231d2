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
