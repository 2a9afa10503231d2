"""``reciprocal_rank_fusion``: Σ w / (k + rank), ranks from 1, ties in order of first appearance."""

from __future__ import annotations

import pytest

from index.fusion import reciprocal_rank_fusion


def test_an_item_in_both_lists_gets_both_shares() -> None:
    fused = dict(reciprocal_rank_fusion([["a", "b"], ["b", "c"]], [1.0, 1.0], k=5))
    assert fused == pytest.approx({"a": 1 / 6, "b": 1 / 7 + 1 / 6, "c": 1 / 7})


def test_agreement_beats_one_first_place() -> None:
    ranked = [item for item, _ in reciprocal_rank_fusion([["a", "b"], ["b", "c"]], [1.0, 1.0], k=5)]
    assert ranked == ["b", "a", "c"]


def test_a_weight_scales_that_list_s_share() -> None:
    fused = dict(reciprocal_rank_fusion([["a"], ["b"]], [0.5, 1.0], k=5))
    assert fused["a"] == pytest.approx(0.5 / 6) and fused["b"] == pytest.approx(1 / 6)
    assert [item for item, _ in reciprocal_rank_fusion([["a"], ["b"]], [0.5, 1.0], k=5)] == ["b", "a"]


def test_ties_keep_the_order_of_first_appearance() -> None:
    ranked = reciprocal_rank_fusion([["x", "y"], ["y", "x"]], [1.0, 1.0], k=5)
    assert [item for item, _ in ranked] == ["x", "y"]


@pytest.mark.parametrize(("k", "winner"), [(5, "top"), (60, "steady")])
def test_a_large_k_flattens_the_top_ranks(k: int, winner: str) -> None:
    # "top" is first in one list and absent from the other; "steady" is third in both.
    dense = ["top", "p", "steady"]
    lexical = ["q", "r", "steady"]
    ranked = reciprocal_rank_fusion([dense, lexical], [1.0, 0.3], k=k)
    assert ranked[0][0] == winner


def test_empty_rankings_fuse_to_nothing() -> None:
    assert reciprocal_rank_fusion([[], []], [1.0, 1.0], k=5) == []


def test_rankings_and_weights_must_pair_up() -> None:
    with pytest.raises(ValueError, match="2 rankings but 1 weights"):
        reciprocal_rank_fusion([["a"], ["b"]], [1.0], k=5)
