"""Deterministic stand-ins for heavy parts, for tests where the real model is not the point."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

import numpy as np


class HashingEncoder:
    """Bag-of-words vectors from hashed lowercase words: same words, same direction.

    Counts how many texts it embedded, so tests can prove unchanged passages are
    not embedded again.
    """

    name = "hashing-test-encoder"
    dimension = 64

    def __init__(self) -> None:
        self.encoded_texts = 0

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dimension, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            vector[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension] += 1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.encoded_texts += len(texts)
        return (
            np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dimension), np.float32)
        )
