"""Build, save and load the index artifact: a folder of named files and a manifest.

``manifest.json`` at the top, then one folder per part (``documents/``,
``records/``, ``questions/`` for the question bank) holding ``passages.jsonl``,
``dense.faiss`` (one row per passage and one per sentence of a multi-sentence
passage), ``rows.npz`` (which passage and sentence each row is),
``vector_keys.json`` (a hash per row, so a rebuild re-embeds only changed text)
and ``lexical/`` (BM25). No pickle.

A build writes into a sibling folder and swaps it in with renames, so a reader
never sees a half-written index and the bot can rebuild while it serves.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from corpus import QUESTION_KIND, RECORD_KIND, Passage
from index.dense import DenseIndex
from index.encoding import Encoder
from index.errors import IndexUnreadableError
from index.lexical import LexicalIndex
from index.manifest import SCHEMA_VERSION, IndexManifest
from index.phrases import with_phrases
from index.query_model import QUERY_MODEL_DIR, OnnxQueryModel
from index.text_analysis import ANALYZER_VERSION, tokenize

log = logging.getLogger(__name__)

PASSAGES_FILE = "passages.jsonl"
DENSE_FILE = "dense.faiss"
ROWS_FILE = "rows.npz"
KEYS_FILE = "vector_keys.json"
LEXICAL_DIR = "lexical"
PART_NAMES = ("documents", "records", "questions")
WHOLE_PASSAGE = -1
# Writes an ONNX query export of the model into a folder; False when the model cannot be exported.
QueryModelExport = Callable[[Path], bool]


@dataclass(frozen=True)
class IndexPart:
    """Passages of one kind (documents, mission records or bank questions) with their own indexes.

    Documents and records are indexed apart so that neither skews the other's
    statistics: 200 embassy records naming "Russia" must not make "Russia" a
    common, low-weight word for the policy text.
    """

    passages: tuple[Passage, ...]
    dense: DenseIndex
    lexical: LexicalIndex
    row_passage: np.ndarray  # row -> passage number within the part
    row_sentence: np.ndarray  # row -> sentence number in the passage, or WHOLE_PASSAGE


@dataclass(frozen=True)
class SearchIndex:
    """A loaded index: its manifest and its parts."""

    manifest: IndexManifest
    parts: dict[str, IndexPart]

    @property
    def passages(self) -> tuple[Passage, ...]:
        """The quotable passages (documents and records; bank questions are not quoted)."""
        return tuple(p for name, part in self.parts.items() if name != "questions" for p in part.passages)


def embedding_units(passage: Passage) -> list[tuple[int, str]]:
    """What is embedded for a passage: the passage itself and, if it has several, each sentence."""
    units = [(WHOLE_PASSAGE, lexical_text(passage) if passage.is_record else passage.text)]
    if len(passage.sentences) > 1:
        units.extend(enumerate(passage.sentences))
    return units


def lexical_text(passage: Passage) -> str:
    """The text the lexical index sees: the section heading carries words too."""
    return f"{passage.section}. {passage.text}" if passage.section else passage.text


def lexical_terms(text: str, language: str) -> list[str]:
    """What BM25 indexes and looks up: stemmed words, concepts and two-word phrases."""
    return with_phrases(tokenize(text, language))


def _vector_key(model_name: str, text: str) -> str:
    return hashlib.sha256(f"{model_name}\x1f{text}".encode()).hexdigest()


def _reusable_vectors(directory: Path, dimension: int) -> dict[str, np.ndarray]:
    """Vectors of the previous build, by key, so unchanged text is not embedded again."""
    reusable: dict[str, np.ndarray] = {}
    for name in PART_NAMES:
        try:
            keys = json.loads((directory / name / KEYS_FILE).read_text("utf-8"))
            dense = DenseIndex.load(directory / name / DENSE_FILE)
        except (OSError, ValueError, IndexUnreadableError):
            continue
        if dense.dimension == dimension and dense.size == len(keys):
            vectors = dense.reconstruct_all()
            reusable.update((key, vectors[row]) for row, key in enumerate(keys))
    return reusable


def _embed(
    units: list[str], keys: list[str], encoder: Encoder, reusable: dict[str, np.ndarray]
) -> np.ndarray:
    vectors = np.zeros((len(units), encoder.dimension), dtype=np.float32)
    missing = [row for row, key in enumerate(keys) if key not in reusable]
    for row, key in enumerate(keys):
        if key in reusable:
            vectors[row] = reusable[key]
    if missing:
        log.info("embedding %d of %d texts (%d reused)", len(missing), len(units), len(units) - len(missing))
        vectors[missing] = encoder.encode([units[row] for row in missing])
    return vectors


def _build_part(
    passages: Sequence[Passage], encoder: Encoder, reusable: dict[str, np.ndarray], directory: Path
) -> IndexPart:
    rows = [
        (n, sentence, text)
        for n, passage in enumerate(passages)
        for sentence, text in embedding_units(passage)
    ]
    keys = [_vector_key(encoder.name, text) for _, _, text in rows]
    vectors = _embed([text for _, _, text in rows], keys, encoder, reusable)
    vectors = vectors if len(rows) else np.zeros((0, encoder.dimension), dtype=np.float32)
    part = IndexPart(
        passages=tuple(passages),
        dense=DenseIndex.from_vectors(vectors, encoder.dimension),
        lexical=LexicalIndex.from_terms([lexical_terms(lexical_text(p), p.language) for p in passages]),
        row_passage=np.asarray([r[0] for r in rows], dtype=np.int32),
        row_sentence=np.asarray([r[1] for r in rows], dtype=np.int32),
    )
    directory.mkdir(parents=True)
    with (directory / PASSAGES_FILE).open("w", encoding="utf-8") as out:
        for passage in passages:
            out.write(json.dumps(passage.to_dict(), ensure_ascii=False) + "\n")
    part.dense.save(directory / DENSE_FILE)
    np.savez(directory / ROWS_FILE, passage=part.row_passage, sentence=part.row_sentence)
    (directory / KEYS_FILE).write_text(json.dumps(keys), "utf-8")
    part.lexical.save(directory / LEXICAL_DIR)
    return part


def build_index(
    passages: Sequence[Passage],
    corpus_hash: str,
    encoder: Encoder,
    directory: Path,
    export_query_model: QueryModelExport | None = None,
) -> SearchIndex:
    """Embed and index the passages into ``directory``, replacing what was there atomically.

    Args:
        passages: what to index (documents and mission records are kept apart).
        corpus_hash: the material's hash, recorded so a changed corpus is noticed.
        encoder: embeds the passages; vectors of unchanged texts are reused.
        directory: the index folder; the new index is built beside it and renamed in.
        export_query_model: writes the model's ONNX query export into a folder
            (``Embedder.export_query_model``); the previous export is kept when it
            is this model's. None: the index carries no query export.
    """
    started = time.perf_counter()
    directory = Path(directory)
    reusable = _reusable_vectors(directory, encoder.dimension)
    staging = directory.with_name(f"{directory.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    split = {
        "documents": [p for p in passages if p.kind not in (RECORD_KIND, QUESTION_KIND)],
        "records": [p for p in passages if p.kind == RECORD_KIND],
        "questions": [p for p in passages if p.kind == QUESTION_KIND],
    }
    parts = {name: _build_part(split[name], encoder, reusable, staging / name) for name in PART_NAMES}
    manifest = IndexManifest(
        schema_version=SCHEMA_VERSION,
        model_name=encoder.name,
        dimension=encoder.dimension,
        corpus_hash=corpus_hash,
        analyzer_version=ANALYZER_VERSION,
        passage_count=len(passages),
        vector_count=sum(part.dense.size for part in parts.values()),
        built_at=datetime.now(UTC).isoformat(timespec="seconds"),
        build_seconds=round(time.perf_counter() - started, 3),
    )
    manifest.save(staging)
    if export_query_model is not None:
        _carry_query_model(encoder.name, export_query_model, directory, staging)
    _swap_in(staging, directory)
    log.info(
        "index built: %d passages, %d vectors in %.2f s",
        len(passages),
        manifest.vector_count,
        manifest.build_seconds,
    )
    return SearchIndex(manifest, parts)


def _carry_query_model(model_name: str, export: QueryModelExport, directory: Path, staging: Path) -> None:
    """Give the new index the ONNX query export: the previous one if it is this model's, else a new one."""
    previous = directory / QUERY_MODEL_DIR
    if OnnxQueryModel.load(previous, model_name) is not None:
        shutil.copytree(previous, staging / QUERY_MODEL_DIR)
    else:
        export(staging / QUERY_MODEL_DIR)


def _swap_in(staging: Path, directory: Path) -> None:
    retired = directory.with_name(f"{directory.name}.retired-{os.getpid()}")
    if directory.exists():
        directory.rename(retired)
    staging.rename(directory)
    shutil.rmtree(retired, ignore_errors=True)


def _load_part(directory: Path) -> IndexPart:
    try:
        with (directory / PASSAGES_FILE).open(encoding="utf-8") as lines:
            passages = tuple(Passage.from_dict(json.loads(line)) for line in lines if line.strip())
        with np.load(directory / ROWS_FILE, allow_pickle=False) as rows:
            row_passage, row_sentence = rows["passage"], rows["sentence"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise IndexUnreadableError(f"{directory}: index files cannot be read ({exc})") from exc
    part = IndexPart(
        passages,
        DenseIndex.load(directory / DENSE_FILE),
        LexicalIndex.load(directory / LEXICAL_DIR),
        row_passage,
        row_sentence,
    )
    if not (len(passages) == part.lexical.size and part.dense.size == len(row_passage) == len(row_sentence)):
        raise IndexUnreadableError(f"{directory}: index files disagree with each other")
    return part


def load_index(directory: Path) -> SearchIndex:
    """Load a saved index; ``IndexUnreadableError`` when files are missing or damaged."""
    directory = Path(directory)
    manifest = IndexManifest.load(directory)
    parts = {name: _load_part(directory / name) for name in PART_NAMES}
    total_passages = sum(len(part.passages) for part in parts.values())  # bank questions included
    total_vectors = sum(part.dense.size for part in parts.values())
    dimensions = {part.dense.dimension for part in parts.values()}
    if (total_passages, total_vectors, dimensions) != (
        manifest.passage_count,
        manifest.vector_count,
        {manifest.dimension},
    ):
        raise IndexUnreadableError(f"{directory}: index files disagree with the manifest")
    return SearchIndex(manifest, parts)


def open_index(
    passages: Sequence[Passage],
    corpus_hash: str,
    encoder: Encoder,
    directory: Path,
    export_query_model: QueryModelExport | None = None,
) -> SearchIndex:
    """Load the index if it fits this corpus and model; otherwise say why and rebuild it (``build_index``)."""
    try:
        index = load_index(directory)
        reason = index.manifest.staleness(corpus_hash, encoder.name, ANALYZER_VERSION)
    except IndexUnreadableError as exc:
        reason = str(exc)
    if reason is None:
        return index
    log.warning("rebuilding the index: %s", reason)
    return build_index(passages, corpus_hash, encoder, directory, export_query_model)
