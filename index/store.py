"""Build, save and load the index artifact: a folder of named files and a manifest.

``manifest.json`` at the top, ``words.json`` (the documents' words and their
counts per language, for spelling correction: counting them took 1.3 s of
every start at 100,000 passages), then one folder per part (``documents/``,
``records/``, ``questions/`` for the question bank) holding the passages
column by column (``passage_*``, ``index.passage_table``), ``dense.faiss``
(one row per passage and one per sentence of a multi-sentence passage),
``rows.npz`` (which passage and sentence each row is), ``vector_keys.json``
(a hash per row, so a rebuild re-embeds only changed text), ``lexical/``
(BM25 and each passage's analysed terms) and ``lexical_keys.json`` (a hash per
passage of what was analysed, so a rebuild analyses only changed passages).
No pickle.

A start whose corpus hash matches the manifest reads nothing of the material
again: the passages, the analysed terms and the vectors come from arrays that
are memory-mapped (FAISS ``IO_FLAG_MMAP``, numpy ``mmap_mode``), and a
``Passage`` is made only for what a question quotes, so the start costs the
stamps of the files (``index.integrity``) and the page faults of what a
question touches.

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
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import numpy as np

from corpus import QUESTION_KIND, RECORD_KIND, Passage
from index.dense import DenseIndex
from index.encoding import Encoder
from index.errors import IndexDamagedError, IndexUnreadableError
from index.integrity import damaged_files, file_checksums, record_verified
from index.lexical import LexicalIndex
from index.manifest import SCHEMA_VERSION, IndexManifest
from index.passage_table import PassageTable
from index.phrases import with_phrases
from index.query_model import QUERY_MODEL_DIR, OnnxQueryModel
from index.spelling import count_words
from index.text_analysis import ANALYZER_VERSION, tokenize

log = logging.getLogger(__name__)

WORDS_FILE = "words.json"
DENSE_FILE = "dense.faiss"
ROWS_FILE = "rows.npz"
KEYS_FILE = "vector_keys.json"
LEXICAL_KEYS_FILE = "lexical_keys.json"
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

    passages: PassageTable
    dense: DenseIndex
    lexical: LexicalIndex
    row_passage: np.ndarray  # row -> passage number within the part
    row_sentence: np.ndarray  # row -> sentence number in the passage, or WHOLE_PASSAGE


@dataclass(frozen=True)
class SearchIndex:
    """A loaded index: its manifest, its parts and the documents' word counts."""

    manifest: IndexManifest
    parts: dict[str, IndexPart]
    # language -> word -> count in the document passages (``index.spelling.count_words``)
    word_counts: dict[str, dict[str, int]]

    @property
    def passages(self) -> tuple[Passage, ...]:
        """The quotable passages (documents and records; bank questions are not quoted).

        Makes every ``Passage``: for tools and tests; the bot asks ``passage`` for one.
        """
        return tuple(p for name, part in self.parts.items() if name != "questions" for p in part.passages)

    @property
    def passage_count(self) -> int:
        """How many quotable passages there are (documents and records)."""
        return sum(len(part.passages) for name, part in self.parts.items() if name != "questions")

    def passage(self, passage_id: str) -> Passage | None:
        """The quotable passage with this id, or None."""
        for name in ("documents", "records"):
            table = self.parts[name].passages
            number = table.number_of(passage_id)
            if number is not None:
                return table[number]
        return None


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


def _lexical_key(passage: Passage) -> str:
    text = f"{ANALYZER_VERSION}\x1f{passage.language}\x1f{lexical_text(passage)}"
    return hashlib.sha256(text.encode()).hexdigest()


_Loaded = TypeVar("_Loaded")


def _previous_parts(
    directory: Path, keys_file: str, name: str, load: Callable[[Path], _Loaded]
) -> Iterator[tuple[str, list[str], _Loaded]]:
    """Each readable part of the previous build: its name, its keys (``keys_file``) and ``load(name)``."""
    for part in PART_NAMES:
        try:
            keys = json.loads((directory / part / keys_file).read_text("utf-8"))
            loaded = load(directory / part / name)
        except (OSError, ValueError, IndexUnreadableError):
            continue
        yield part, keys, loaded


@dataclass(frozen=True)
class _AnalysedTerms:
    """Terms of the previous build's passages, by lexical key: a rebuild analyses only new text."""

    where: dict[str, tuple[LexicalIndex, int]]

    @classmethod
    def previous(cls, directory: Path) -> _AnalysedTerms:
        where: dict[str, tuple[LexicalIndex, int]] = {}
        for _name, keys, lexical in _previous_parts(
            directory, LEXICAL_KEYS_FILE, LEXICAL_DIR, LexicalIndex.load
        ):
            if lexical.size == len(keys):
                where.update((key, (lexical, n)) for n, key in enumerate(keys))
        return cls(where)

    def terms(self, passages: Sequence[Passage], keys: list[str]) -> list[list[str]]:
        fresh = [n for n, key in enumerate(keys) if key not in self.where]
        if fresh:
            log.info("analysing %d of %d passages (%d reused)", len(fresh), len(keys), len(keys) - len(fresh))
        terms: list[list[str]] = []
        for passage, key in zip(passages, keys, strict=True):
            found = self.where.get(key)
            if found is None:
                terms.append(lexical_terms(lexical_text(passage), passage.language))
            else:
                terms.append(found[0].terms_with_counts(found[1]))
        return terms


def document_cache_path(directory: Path) -> Path:
    """Where the corpus' ``DocumentCache`` for the index in ``directory`` lives: beside it, not in it.

    Outside the artifact because it changes whenever a document does, while the
    artifact is immutable between builds (its files are checksummed).
    """
    directory = Path(directory)
    return directory.with_name(f"{directory.name}-documents.jsonl")


def _vector_key(model_name: str, text: str) -> str:
    return hashlib.sha256(f"{model_name}\x1f{text}".encode()).hexdigest()


@dataclass(frozen=True)
class _PreviousVectors:
    """The previous build's vectors by key, so unchanged text is not embedded again, and its IVF layout.

    Each part's vectors stay one matrix (``where`` gives matrix and row), so a
    rebuild copies them by fancy indexing, not one row at a time; and each
    row's IVF cell is kept, so a part that keeps its cells does not assign
    100,000s of unchanged vectors to them again (FAISS ``add``: 8 s of a
    one-page update at 100,000 passages).
    """

    matrices: tuple[np.ndarray, ...]
    lists: tuple[np.ndarray | None, ...]  # per matrix: each row's IVF cell (None: a flat index)
    part_of: tuple[str, ...]  # per matrix: the part it was
    where: dict[str, tuple[int, int]]  # key -> (matrix, row)
    cells: dict[str, np.ndarray]  # part -> its IVF centroids

    @classmethod
    def of(cls, directory: Path, dimension: int) -> _PreviousVectors:
        matrices: list[np.ndarray] = []
        lists: list[np.ndarray | None] = []
        part_of: list[str] = []
        where: dict[str, tuple[int, int]] = {}
        cells: dict[str, np.ndarray] = {}
        for name, keys, dense in _previous_parts(directory, KEYS_FILE, DENSE_FILE, DenseIndex.load):
            if dense.dimension == dimension and dense.size == len(keys):
                number = len(matrices)
                matrices.append(dense.reconstruct_all())
                lists.append(dense.row_cells())
                part_of.append(name)
                where.update((key, (number, row)) for row, key in enumerate(keys))
                centroids = dense.centroids()
                if centroids is not None:
                    cells[name] = centroids
        return cls(tuple(matrices), tuple(lists), tuple(part_of), where, cells)

    def gather(self, keys: list[str], dimension: int, part: str) -> tuple[np.ndarray, np.ndarray, list[int]]:
        """Vectors of ``keys`` known before, their IVF cells in ``part`` (-1: none), the rows missing."""
        vectors = np.zeros((len(keys), dimension), dtype=np.float32)
        cells = np.full(len(keys), -1, dtype=np.int64)
        missing: list[int] = []
        new_rows: list[list[int]] = [[] for _ in self.matrices]
        old_rows: list[list[int]] = [[] for _ in self.matrices]
        for row, key in enumerate(keys):
            found = self.where.get(key)
            if found is None:
                missing.append(row)
            else:
                new_rows[found[0]].append(row)
                old_rows[found[0]].append(found[1])
        for number, matrix in enumerate(self.matrices):
            if new_rows[number]:
                vectors[new_rows[number]] = matrix[old_rows[number]]
                row_cells = self.lists[number]
                if row_cells is not None and self.part_of[number] == part:
                    cells[new_rows[number]] = row_cells[old_rows[number]]
        return vectors, cells, missing


def _embed(
    units: list[str], keys: list[str], encoder: Encoder, previous: _PreviousVectors, part: str
) -> tuple[np.ndarray, np.ndarray]:
    """Each unit's vector (reused by key, else embedded) and its previous IVF cell in ``part`` (or -1)."""
    vectors, cells, missing = previous.gather(keys, encoder.dimension, part)
    # A text repeated within the build (a sentence every page of a site ends with) is embedded once.
    first_of: dict[str, int] = {}
    for row in missing:
        first_of.setdefault(keys[row], row)
    if missing:
        log.info(
            "embedding %d distinct of %d texts (%d reused)",
            len(first_of),
            len(units),
            len(units) - len(missing),
        )
        fresh = encoder.encode([units[row] for row in first_of.values()])
        position = {key: n for n, key in enumerate(first_of)}
        vectors[missing] = fresh[[position[keys[row]] for row in missing]]
    return vectors, cells


def _build_part(
    name: str,
    passages: Sequence[Passage],
    encoder: Encoder,
    previous: _PreviousVectors,
    analysed: _AnalysedTerms,
    directory: Path,
) -> IndexPart:
    rows = [
        (n, sentence, text)
        for n, passage in enumerate(passages)
        for sentence, text in embedding_units(passage)
    ]
    keys = [_vector_key(encoder.name, text) for _, _, text in rows]
    vectors, row_cells = _embed([text for _, _, text in rows], keys, encoder, previous, name)
    lexical_keys = [_lexical_key(p) for p in passages]
    part = IndexPart(
        passages=PassageTable.from_passages(passages),
        dense=DenseIndex.from_vectors(vectors, encoder.dimension, previous.cells.get(name), row_cells),
        lexical=LexicalIndex.from_terms(analysed.terms(passages, lexical_keys)),
        row_passage=np.asarray([r[0] for r in rows], dtype=np.int32),
        row_sentence=np.asarray([r[1] for r in rows], dtype=np.int32),
    )
    directory.mkdir(parents=True)
    part.passages.save(directory)
    part.dense.save(directory / DENSE_FILE)
    np.savez(directory / ROWS_FILE, passage=part.row_passage, sentence=part.row_sentence)
    (directory / KEYS_FILE).write_text(json.dumps(keys), "utf-8")
    (directory / LEXICAL_KEYS_FILE).write_text(json.dumps(lexical_keys), "utf-8")
    part.lexical.save(directory / LEXICAL_DIR)
    return part


def _split(passages: Sequence[Passage]) -> dict[str, list[Passage]]:
    """The passages of each part, in their order."""
    return {
        "documents": [p for p in passages if p.kind not in (RECORD_KIND, QUESTION_KIND)],
        "records": [p for p in passages if p.kind == RECORD_KIND],
        "questions": [p for p in passages if p.kind == QUESTION_KIND],
    }


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
    previous = _PreviousVectors.of(directory, encoder.dimension)
    analysed = _AnalysedTerms.previous(directory)
    staging = directory.with_name(f"{directory.name}.building-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    split = _split(passages)
    parts = {
        name: _build_part(name, split[name], encoder, previous, analysed, staging / name)
        for name in PART_NAMES
    }
    del previous, analysed  # the previous build's vectors and terms: freed before the swap
    word_counts = _word_counts(split["documents"])
    (staging / WORDS_FILE).write_text(json.dumps(word_counts, ensure_ascii=False), "utf-8")
    if export_query_model is not None:
        _carry_query_model(encoder.name, export_query_model, directory, staging)
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
        files=file_checksums(staging),
    )
    manifest.save(staging)
    _swap_in(staging, directory)
    record_verified(directory, manifest.files)  # just hashed: the next start need not hash them again
    log.info(
        "index built: %d passages, %d vectors in %.2f s",
        len(passages),
        manifest.vector_count,
        manifest.build_seconds,
    )
    return SearchIndex(manifest, parts, word_counts)


def _word_counts(passages: Sequence[Passage]) -> dict[str, dict[str, int]]:
    """Per language, the words of the passages' texts and how often each occurs."""
    texts: dict[str, list[str]] = {}
    for passage in passages:
        texts.setdefault(passage.language, []).append(passage.text)
    return {language: dict(count_words(language_texts)) for language, language_texts in sorted(texts.items())}


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
    passages = PassageTable.load(directory)
    try:
        with np.load(directory / ROWS_FILE, allow_pickle=False) as rows:
            row_passage, row_sentence = rows["passage"], rows["sentence"]
    except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
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


def load_index(directory: Path, *, verify: bool = False) -> SearchIndex:
    """Load a saved index after checking every file against the manifest's checksums.

    Nothing of the passages is decoded here (``index.passage_table``): a caller
    whose corpus hash is the manifest's has the same passages, and a ``Passage``
    is made when a question needs it.

    Args:
        directory: the index folder.
        verify: hash every file even when its stamp says it was verified unchanged
            (``index.integrity``): for damage a stamp cannot see.

    Raises:
        IndexDamagedError: a file is missing or differs from what was built.
        IndexUnreadableError: no manifest, or files that cannot be read.
    """
    directory = Path(directory)
    manifest = IndexManifest.load(directory)
    damaged = damaged_files(directory, manifest.files, trust_stamps=not verify)
    if damaged:
        raise IndexDamagedError(directory, damaged)
    if manifest.schema_version != SCHEMA_VERSION:  # an older layout: its files are not read at all
        raise IndexUnreadableError(f"index schema {manifest.schema_version}, current {SCHEMA_VERSION}")
    parts = {name: _load_part(directory / name) for name in PART_NAMES}
    try:
        word_counts = json.loads((directory / WORDS_FILE).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexUnreadableError(f"{directory}: word counts cannot be read ({exc})") from exc
    if not isinstance(word_counts, dict):
        raise IndexUnreadableError(f"{directory}: word counts are not a mapping")
    total_passages = sum(len(part.passages) for part in parts.values())  # bank questions included
    total_vectors = sum(part.dense.size for part in parts.values())
    dimensions = {part.dense.dimension for part in parts.values()}
    if (total_passages, total_vectors, dimensions) != (
        manifest.passage_count,
        manifest.vector_count,
        {manifest.dimension},
    ):
        raise IndexUnreadableError(f"{directory}: index files disagree with the manifest")
    return SearchIndex(manifest, parts, word_counts)


def _discard(directory: Path, names: Sequence[str]) -> None:
    for name in names:
        (directory / name).unlink(missing_ok=True)


def open_index(
    passages: Sequence[Passage],
    corpus_hash: str,
    encoder: Encoder,
    directory: Path,
    export_query_model: QueryModelExport | None = None,
    *,
    verify: bool = False,
) -> SearchIndex:
    """Load the index if it fits this corpus and model; otherwise say why and rebuild it (``build_index``).

    ``verify``: hash every file, trusting no stamp (``load_index``).
    """
    try:
        index = load_index(directory, verify=verify)
        reason = index.manifest.staleness(corpus_hash, encoder.name, ANALYZER_VERSION)
    except IndexDamagedError as exc:
        reason = str(exc)
        _discard(Path(directory), exc.files)  # nothing of a damaged file may be reused by the rebuild
    except IndexUnreadableError as exc:
        reason = str(exc)
    if reason is None:
        return index
    log.warning("rebuilding the index: %s", reason)
    return build_index(passages, corpus_hash, encoder, directory, export_query_model)
