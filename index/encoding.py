"""The ``Encoder`` protocol, and question vectors cached by text.

Everything that embeds text talks to ``Encoder``: the real model
(``index.encoder``), its ONNX export, and a test's deterministic fake.
``CachedQueries`` puts an LRU in front of the questions' encoder: a repeated
question never pays for the model twice.

Why an LRU of 4,096 questions: a vector is 384 floats (1.5 KB), so the cache
stays under 7 MB, and the press desk's logs show far fewer distinct questions
per day than that. The cache lives with the ``Embedder``, so a ``/reload`` that
keeps the model keeps the cache too (vectors depend on the model only).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from threading import Lock
from typing import Protocol

import numpy as np

QUERY_CACHE_SIZE = 4096


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
