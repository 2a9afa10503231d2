"""The ``Encoder`` protocol, question vectors cached by text, and concurrent questions batched.

Everything that embeds text talks to ``Encoder``: the real model
(``index.encoder``), its ONNX export, and a test's deterministic fake.
``CachedQueries`` puts an LRU in front of the questions' encoder: a repeated
question never pays for the model twice. ``SharedBatches`` embeds the
questions of calls made at the same moment in one model call.

Why an LRU of 4,096 questions: a vector is 384 floats (1.5 KB), so the cache
stays under 7 MB, and the press desk's logs show far fewer distinct questions
per day than that. The cache lives with the ``Embedder``, so a ``/reload`` that
keeps the model keeps the cache too (vectors depend on the model only).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from threading import Event, Lock
from typing import Protocol

import numpy as np

QUERY_CACHE_SIZE = 4096
# Texts in one shared model call, at most. Measured on the ONNX export of all-MiniLM-L6-v2
# with two intra-op threads on this 2-core machine (dev golden questions, 2026-12-02): CPU
# per text 9.1 ms alone, 7.6 in twos, 7.8 in fours, 9.0 in eights: past four, padding to
# the longest text costs more than the shared call saves.
SHARED_BATCH_TEXTS = 4


class Encoder(Protocol):
    """Anything that turns texts into L2-normalised float32 row vectors (one row per text).

    The index embeds passages with one and the searcher embeds questions with
    another; a deterministic fake (``tests/fakes.py``) serves tests where the
    real model is not the point.
    """

    @property
    def name(self) -> str:
        """The model's name, recorded in the index manifest (a different name rebuilds the index)."""
        ...

    @property
    def dimension(self) -> int:
        """The length of each vector."""
        ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised row per text, shape ``(len(texts), dimension)``."""
        ...


class CachedQueries:
    """An ``Encoder`` of questions in front of another, remembering the last ``size`` vectors.

    Safe to call from several threads; texts not cached are embedded in one batch
    (two short texts cost little more than one).
    """

    def __init__(self, encoder: Encoder, size: int = QUERY_CACHE_SIZE) -> None:
        self.uncached = encoder
        self._size = size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = Lock()

    @property
    def name(self) -> str:
        return self.uncached.name

    @property
    def dimension(self) -> int:
        return self.uncached.dimension

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, from the cache where it has one."""
        with self._lock:
            found = {text: self._cache.get(text) for text in texts}
            for text, vector in found.items():
                if vector is not None:
                    self._cache.move_to_end(text)
        missing = [text for text, vector in found.items() if vector is None]
        if missing:
            vectors = self.uncached.encode(missing)
            with self._lock:
                for text, vector in zip(missing, vectors, strict=True):
                    found[text] = vector
                    self._cache[text] = vector
                while len(self._cache) > self._size:
                    self._cache.popitem(last=False)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.stack([vector for text in texts if (vector := found[text]) is not None])

    def is_cached(self, text: str) -> bool:
        """Whether ``text``'s vector is in the cache."""
        with self._lock:
            return text in self._cache

    def clear_cache(self) -> None:
        """Forget every cached vector (the benchmark times the model, not the cache)."""
        with self._lock:
            self._cache.clear()


@dataclass
class _Call:
    """One caller's texts waiting for the model, and what it gets back."""

    texts: list[str]
    done: Event = field(default_factory=Event)
    vectors: np.ndarray | None = None
    error: BaseException | None = None
    leads: bool = False  # woken to run the next model call itself


class SharedBatches:
    """An ``Encoder`` in front of another that embeds the texts of concurrent calls in one model call.

    Why: the bot answers questions on several threads at once, and the model
    costs less CPU per text in a small batch than alone (9.1 ms alone, 7.6 ms in
    twos per text on this machine, ``SHARED_BATCH_TEXTS``), while two model calls
    at once on two cores only get in each other's way.

    How, without a timer: a call that finds the model idle runs it at once with
    its own texts, so a lone question waits for nothing. Calls that arrive while
    it runs queue up; when it is done, the first of them is woken to run the
    model for the whole queue (up to ``max_texts`` texts) and the others take
    their rows from that call. A vector may differ from the same text's
    embedded alone only by float rounding (about 1e-7), as in any batch.
    """

    def __init__(self, encoder: Encoder, max_texts: int = SHARED_BATCH_TEXTS) -> None:
        self.inner = encoder
        self._max_texts = max(1, max_texts)
        self._lock = Lock()
        self._queue: list[_Call] = []
        self._busy = False  # a caller is running the model (then, and only then, calls queue)

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, from a model call shared with the calls waiting at the same time."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        call = _Call(list(texts))
        with self._lock:
            self._queue.append(call)
            leads = not self._busy
            self._busy = True
        if not leads:
            call.done.wait()
            if not call.leads:
                return _result(call)
        self._run_queue()
        return _result(call)

    def _run_queue(self) -> None:
        """Embed the calls at the head of the queue (this caller's first), then wake the next leader."""
        with self._lock:
            batch: list[_Call] = []
            size = 0
            while self._queue and (not batch or size + len(self._queue[0].texts) <= self._max_texts):
                size += len(self._queue[0].texts)
                batch.append(self._queue.pop(0))
        unique = list(dict.fromkeys(text for call in batch for text in call.texts))
        try:
            vectors = self.inner.encode(unique)
            row = {text: number for number, text in enumerate(unique)}
            for call in batch:
                call.vectors = vectors[[row[text] for text in call.texts]]
        except BaseException as exc:  # every caller of the batch sees the model's failure
            for call in batch:
                call.error = exc
        finally:
            with self._lock:
                if self._queue:
                    self._queue[0].leads = True
                    self._queue[0].done.set()
                else:
                    self._busy = False
            for call in batch[1:]:
                call.done.set()


def _result(call: _Call) -> np.ndarray:
    if call.error is not None:
        raise call.error
    assert call.vectors is not None  # set whenever error is not
    return call.vectors
