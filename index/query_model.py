"""The embedding model's query side, run by ONNX Runtime: the one seam to onnxruntime and tokenizers.

Why: importing sentence-transformers (with torch and transformers) takes about
ten seconds on this two-core machine and one short query costs ~27 ms there;
the same network exported to ONNX answers in ~7 ms and imports in half a
second. The index build exports the model it embedded the passages with
(``SentenceTransformerEncoder.export_query_model``) into the index folder and
checks the export reproduces the model's own query vectors before keeping it;
the bot then embeds questions with it and loads sentence-transformers only
when passages must be embedded (a rebuild or a reload that changed text).

Pooling is the model's own: mean over the tokens, then L2 normalisation
(only models built that way are exported).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

QUERY_MODEL_DIR = "query_model"
MODEL_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
SETTINGS_FILE = "query_model.json"


class OnnxQueryModel:
    """Token ids in, mean-pooled normalised vectors out, without torch."""

    def __init__(self, directory: Path) -> None:
        import onnxruntime  # noqa: PLC0415 - only the bot's query path needs it
        from tokenizers import Tokenizer  # noqa: PLC0415

        settings = json.loads((directory / SETTINGS_FILE).read_text("utf-8"))
        self.model_name: str = settings["model_name"]
        self.dimension: int = int(settings["dimension"])
        self._tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
        self._tokenizer.enable_truncation(int(settings["max_length"]))
        self._tokenizer.no_padding()  # pad per batch to its longest text, as sentence-transformers does
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = int(settings.get("threads", 2))
        self._session = onnxruntime.InferenceSession(
            str(directory / MODEL_FILE), options, providers=["CPUExecutionProvider"]
        )

    @classmethod
    def load(cls, directory: Path, model_name: str) -> OnnxQueryModel | None:
        """The exported query model in ``directory`` if there is one for ``model_name``, else None."""
        if not (directory / SETTINGS_FILE).is_file():
            return None
        try:
            model = cls(directory)
        except Exception as exc:
            log.warning("ignoring the exported query model in %s: %s", directory, exc)
            return None
        return model if model.model_name == model_name else None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Normalised vectors of ``texts`` (prefixes already applied)."""
        encodings = self._tokenizer.encode_batch(list(texts))
        length = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), length), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = encoding.attention_mask
        hidden: np.ndarray = self._session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )[0]
        summed = (hidden * mask[..., None]).sum(axis=1) / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        return np.asarray(summed / np.linalg.norm(summed, axis=1, keepdims=True), dtype=np.float32)


def write_settings(directory: Path, model_name: str, dimension: int, max_length: int) -> None:
    (directory / SETTINGS_FILE).write_text(
        json.dumps({"model_name": model_name, "dimension": dimension, "max_length": max_length}, indent=2),
        "utf-8",
    )
