"""Questions embedded at the same moment share one model call; a lone question goes straight through."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from index.encoding import SharedBatches
from tests.fakes import HashingEncoder


class GatedEncoder:
    """A deterministic encoder whose first call waits for a gate, recording every call's texts."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.fake = HashingEncoder()
        self.calls: list[list[str]] = []
        self.entered = threading.Event()
        self.gate = threading.Event()
        self.fail_on = fail_on

    @property
    def name(self) -> str:
        return self.fake.name

    @property
    def dimension(self) -> int:
        return self.fake.dimension

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        if len(self.calls) == 1:
            self.entered.set()
            self.gate.wait(10)
        if self.fail_on in texts:
            raise RuntimeError("the model failed")
        return self.fake.encode(texts)


def _wait_until_queued(shared: SharedBatches, count: int) -> None:
    for _ in range(1000):
        with shared._lock:  # the test looks at the queue it fills
            if len(shared._queue) >= count:
                return
        threading.Event().wait(0.01)
    raise AssertionError("the calls never queued")


def test_lone_call_is_embedded_at_once_with_its_own_texts() -> None:
    inner = GatedEncoder()
    inner.gate.set()
    shared = SharedBatches(inner)
    vectors = shared.encode(["EU?", "embassy in Poland"])
    assert inner.calls == [["EU?", "embassy in Poland"]]
    assert np.array_equal(vectors, inner.fake.encode(["EU?", "embassy in Poland"]))


def test_calls_arriving_while_the_model_runs_share_the_next_model_call() -> None:
    inner = GatedEncoder()
    shared = SharedBatches(inner, max_texts=4)
    with ThreadPoolExecutor(3) as pool:
        first = pool.submit(shared.encode, ["first"])
        assert inner.entered.wait(10)
        second = pool.submit(shared.encode, ["second", "EU?"])
        third = pool.submit(shared.encode, ["EU?"])
        _wait_until_queued(shared, 2)
        inner.gate.set()
        results = [first.result(10), second.result(10), third.result(10)]
    assert inner.calls == [["first"], ["second", "EU?"]]  # one shared call, "EU?" embedded once
    for texts, vectors in zip([["first"], ["second", "EU?"], ["EU?"]], results, strict=True):
        assert np.array_equal(vectors, inner.fake.encode(texts))


def test_a_shared_call_holds_at_most_max_texts() -> None:
    inner = GatedEncoder()
    shared = SharedBatches(inner, max_texts=2)
    with ThreadPoolExecutor(4) as pool:
        first = pool.submit(shared.encode, ["first"])
        assert inner.entered.wait(10)
        waiting = [pool.submit(shared.encode, [f"q{n}"]) for n in range(3)]
        _wait_until_queued(shared, 3)
        inner.gate.set()
        first.result(10)
        for future in waiting:
            future.result(10)
    assert [len(call) for call in inner.calls] == [1, 2, 1]


def test_model_failure_reaches_every_caller_of_the_shared_call() -> None:
    inner = GatedEncoder(fail_on="broken")
    shared = SharedBatches(inner)
    with ThreadPoolExecutor(3) as pool:
        first = pool.submit(shared.encode, ["first"])
        assert inner.entered.wait(10)
        broken = pool.submit(shared.encode, ["broken"])
        beside = pool.submit(shared.encode, ["beside"])
        _wait_until_queued(shared, 2)
        inner.gate.set()
        first.result(10)
        for future in (broken, beside):
            with pytest.raises(RuntimeError, match="the model failed"):
                future.result(10)
    assert shared.encode(["after"]).shape == (1, inner.dimension)  # the next call runs again
