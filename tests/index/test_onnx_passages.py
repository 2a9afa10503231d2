"""Passages embedded by the ONNX export agree with sentence-transformers, on the real model.

The image has no torch: its rebuilds embed passages with ``OnnxPassageEncoder``.
These tests hold that this changes no vector beyond float noise (short and
over-length passages, in all three languages) and no answer to the dev golden
questions.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.answering import Engine
from bot.devtools.evaluation import load_part
from config.settings import PROJECT_ROOT
from index import QUERY_MODEL_DIR, Embedder, OnnxPassageEncoder, SentenceTransformerEncoder

DEV_GOLDEN = PROJECT_ROOT / "tests" / "golden" / "dev"
AGREEMENT = 0.9999  # the cosine the export itself is held to (index.encoder.export_query_model)


def _passages_of(engine: Engine, language: str) -> list[str]:
    return [p.text for p in engine.corpus.passages if p.language == language and not p.is_record]


@pytest.fixture(scope="module")
def onnx_passages(engine: Engine) -> OnnxPassageEncoder:
    return OnnxPassageEncoder(engine.options.index_dir / QUERY_MODEL_DIR, engine.options.model_name)


@pytest.fixture(scope="module")
def sentence_transformer(engine: Engine) -> SentenceTransformerEncoder:
    return SentenceTransformerEncoder(engine.options.model_name)


@pytest.mark.parametrize("language", ["en", "ru", "be"])
@pytest.mark.parametrize("length", ["short", "over_length"])
def test_onnx_passage_vectors_equal_sentence_transformers(
    engine: Engine,
    onnx_passages: OnnxPassageEncoder,
    sentence_transformer: SentenceTransformerEncoder,
    language: str,
    length: str,
) -> None:
    texts = _passages_of(engine, language)
    if length == "over_length":
        # The language's passages run together twice, from each start: over 400 words is
        # past the 256 word pieces both sides keep, and each text is cut in a different place.
        texts = [" ".join((texts[n:] + texts[:n]) * 2) for n in range(len(texts))]
        assert min(len(text.split()) for text in texts) > 400
    expected = sentence_transformer.encode(texts)
    got = onnx_passages.encode(texts)
    assert got.shape == expected.shape
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert float(np.min(np.sum(got * expected, axis=1))) >= AGREEMENT


def test_index_rebuilt_with_onnx_passages_answers_dev_golden_questions_alike(
    engine: Engine, tmp_path: Path
) -> None:
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    shutil.copytree(engine.options.index_dir / QUERY_MODEL_DIR, index_dir / QUERY_MODEL_DIR)
    passages = OnnxPassageEncoder(index_dir / QUERY_MODEL_DIR, engine.options.model_name)
    embedder = Embedder(passages, export=passages.copy_to)
    rebuilt = Engine.load(dataclasses.replace(engine.options, index_dir=index_dir), embedder)
    assert rebuilt.searcher.index.manifest.vector_count == engine.searcher.index.manifest.vector_count
    assert embedder.query_runtime(index_dir) == "onnxruntime"
    questions = [item for item in load_part(DEV_GOLDEN) if item.set == "policy"]
    assert len(questions) > 100

    def top(answering: Engine, question: str, lang: str) -> tuple[bool, list[str]]:
        answer = answering.answer(question, lang=lang)
        return answer.answered, [p.passage_id for p in answer.passages]

    differing = [
        item.question
        for item in questions
        if top(rebuilt, item.question, item.language) != top(engine, item.question, item.language)
    ]
    assert differing == []
