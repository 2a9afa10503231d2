"""An ``Encoder`` that counts what it embeds: how the CLI and the benchmarks show vector reuse.

``build_index`` embeds only texts whose hash is new; wrapping the passages'
encoder in ``CountingEncoder`` makes that visible ("embedded 2 new texts")
without the store having to report it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from index.encoding import Encoder


class CountingEncoder:
    """An ``Encoder`` in front of another, counting the texts it is asked to embed."""

    def __init__(self, encoder: Encoder) -> None:
        self._encoder = encoder
        self.embedded = 0

    @property
    def name(self) -> str:
        return self._encoder.name

    @property
    def dimension(self) -> int:
        return self._encoder.dimension

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded += len(texts)
        return self._encoder.encode(texts)
