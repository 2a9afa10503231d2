"""Questions are embedded by the ONNX export of the model, which gives the model's own vectors."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from config import PROJECT_ROOT
from index.encoder import SentenceTransformerEncoder
from index.query_model import MODEL_FILE, QUERY_MODEL_DIR, OnnxQueryModel

TEXTS = [
    "What does Belarus think about the European Union?",
    "Какие отношения у Беларуси с Китаем?",
    "Якія адносіны Беларусі з Еўрапейскім саюзам?",
    "UN",
    "consulate in Brest phone " * 80,  # longer than the model's 256 tokens: truncated alike
]


@pytest.fixture(scope="module")
def export_dir(engine) -> Path:
    return Path(engine.options.index_dir) / QUERY_MODEL_DIR


def test_index_carries_an_onnx_export_of_its_model(engine, export_dir: Path):
    model = OnnxQueryModel.load(export_dir, engine.options.model_name)
    assert model is not None and model.dimension == 384
    assert engine.embedder.query_runtime(engine.options.index_dir) == "onnxruntime"


def test_onnx_vectors_equal_the_sentence_transformers_vectors(engine, export_dir: Path):
    reference = SentenceTransformerEncoder(engine.options.model_name)
    expected = reference.model.encode(TEXTS, normalize_embeddings=True)
    exported = OnnxQueryModel.load(export_dir, engine.options.model_name).embed(TEXTS)
    assert np.min(np.sum(expected * exported, axis=1)) > 0.9999


def test_export_of_another_model_is_not_used(export_dir: Path):
    assert OnnxQueryModel.load(export_dir, "some-other-model") is None


def test_damaged_export_is_ignored_so_the_model_itself_answers(engine, export_dir: Path, tmp_path: Path):
    damaged = tmp_path / QUERY_MODEL_DIR
    shutil.copytree(export_dir, damaged)
    (damaged / MODEL_FILE).write_bytes(b"not an onnx graph")
    assert OnnxQueryModel.load(damaged, engine.options.model_name) is None


def test_answering_with_a_current_index_never_imports_sentence_transformers(engine):
    script = (
        "import sys\n"
        "from bot.wiring import load_engine\n"
        "from config import load_settings\n"
        "answer = load_engine(load_settings()).answer('How does Belarus see the European Union?')\n"
        "print(answer.answered, 'sentence_transformers' in sys.modules, 'torch' in sys.modules)\n"
    )
    env = {**os.environ, "BOT_INDEX_DIR": str(engine.options.index_dir)}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False", "False"]
