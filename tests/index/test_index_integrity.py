"""A damaged index file is never used: the manifest's checksums find it and the index is rebuilt.

Built with the deterministic ``HashingEncoder`` (the point is the files, not the
model), so a rebuild must give exactly the rankings of the undamaged index.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pytest

from config import PROJECT_ROOT
from corpus import load_corpus
from index import IndexDamagedError, build_index, integrity, load_index, open_index
from index.integrity import file_checksums
from index.passage_table import TABLE_FILES
from index.search import HybridSearcher
from tests.fakes import HashingEncoder

CORPUS = load_corpus(PROJECT_ROOT / "corpus")
QUESTIONS = [
    ("What are the priorities of the foreign policy of Belarus?", "en", False),
    ("Как Беларусь сотрудничает с Китаем?", "ru", False),
    ("Embassy of Belarus in Germany", "en", True),
]


def rankings(directory: Path) -> list[list[tuple[str, float]]]:
    """What search returns for ``QUESTIONS`` from the index in ``directory``."""
    searcher = HybridSearcher(load_index(directory), HashingEncoder())
    return [
        [(hit.passage.id, round(hit.score, 6)) for hit in searcher.search(q, lang, records=records).hits]
        for q, lang, records in QUESTIONS
    ]


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("pristine") / "index"
    build_index(CORPUS.passages, CORPUS.content_hash, HashingEncoder(), directory)
    return directory


@pytest.fixture
def index_copy(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "index"
    shutil.copytree(pristine, copy)
    return copy


def flip_a_byte(path: Path) -> None:
    """Invert one byte in the middle of ``path`` (or add one to an empty file)."""
    data = bytearray(path.read_bytes())
    if not data:  # an empty file (an empty part's passages) can only gain a byte
        data.append(0)
    else:
        data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def index_files(directory: Path) -> list[str]:
    return sorted(file_checksums(directory))


PART_FILES = [
    "dense.faiss",
    "lexical/data.csc.index.npy",
    "lexical/doc_terms_counts.npy",
    "lexical/doc_terms_ids.npy",
    "lexical/doc_terms_indptr.npy",
    "lexical/indices.csc.index.npy",
    "lexical/indptr.csc.index.npy",
    "lexical/params.index.json",
    "lexical/vocab.index.json",
    "lexical/vocabulary.json",
    "lexical_keys.json",
    *TABLE_FILES,
    "rows.npz",
    "vector_keys.json",
]
# The shipped corpus has no question bank yet: that part's BM25 index is its vocabulary alone.
EMPTY_PART_FILES = [
    "dense.faiss",
    "lexical/doc_terms_counts.npy",
    "lexical/doc_terms_ids.npy",
    "lexical/doc_terms_indptr.npy",
    "lexical/vocabulary.json",
    "lexical_keys.json",
    *TABLE_FILES,
    "rows.npz",
    "vector_keys.json",
]
EVERY_FILE = sorted(
    [f"{part}/{name}" for part in ("documents", "records") for name in PART_FILES]
    + [f"questions/{name}" for name in EMPTY_PART_FILES]
    + ["words.json"]
)


def test_the_manifest_lists_a_checksum_of_every_file(pristine: Path) -> None:
    manifest = load_index(pristine).manifest
    on_disk = sorted(p.relative_to(pristine).as_posix() for p in pristine.rglob("*") if p.is_file())
    assert sorted(manifest.files) == [name for name in on_disk if name != "manifest.json"]
    assert all(len(checksum) == 64 for checksum in manifest.files.values())


def test_the_damage_tests_cover_every_file_of_the_index(pristine: Path) -> None:
    assert index_files(pristine) == EVERY_FILE


@pytest.mark.parametrize("name", EVERY_FILE)
def test_a_flipped_byte_is_found_and_rebuilt_to_the_same_rankings(
    name: str, index_copy: Path, pristine: Path, caplog: pytest.LogCaptureFixture
) -> None:
    flip_a_byte(index_copy / name)
    with pytest.raises(IndexDamagedError) as caught:
        load_index(index_copy)
    assert caught.value.files == [name]
    with caplog.at_level(logging.WARNING, logger="index.store"):
        open_index(CORPUS.passages, CORPUS.content_hash, HashingEncoder(), index_copy)
    assert "rebuilding the index" in caplog.text and name in caplog.text
    assert rankings(index_copy) == rankings(pristine)


def test_a_truncated_rows_file_means_a_rebuild_not_a_bad_zip_traceback(
    index_copy: Path, pristine: Path
) -> None:
    rows = index_copy / "documents" / "rows.npz"
    rows.write_bytes(rows.read_bytes()[:100])
    index = open_index(CORPUS.passages, CORPUS.content_hash, HashingEncoder(), index_copy)
    assert index.manifest.files == load_index(index_copy).manifest.files
    assert rankings(index_copy) == rankings(pristine)


def test_a_deleted_file_means_a_rebuild(index_copy: Path, pristine: Path) -> None:
    (index_copy / "records" / "vector_keys.json").unlink()
    with pytest.raises(IndexDamagedError, match="missing"):
        load_index(index_copy)
    open_index(CORPUS.passages, CORPUS.content_hash, HashingEncoder(), index_copy)
    assert rankings(index_copy) == rankings(pristine)


def test_a_rebuild_after_damage_reuses_nothing_of_the_damaged_file(index_copy: Path) -> None:
    flip_a_byte(index_copy / "documents" / "dense.faiss")
    encoder = HashingEncoder()
    open_index(CORPUS.passages, CORPUS.content_hash, encoder, index_copy)
    documents = [p for p in CORPUS.passages if not p.is_record]
    assert encoder.encoded_texts >= len(documents)  # the documents' vectors were embedded again


def digests_counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the files hashed from now on (``index.integrity`` reads a file only to hash it)."""
    hashed: list[str] = []
    real = integrity._digest

    def counting(path: Path) -> str:
        hashed.append(path.name)
        return real(path)

    monkeypatch.setattr(integrity, "_digest", counting)
    return hashed


def test_a_start_after_the_build_hashes_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "index"
    build_index(CORPUS.passages, CORPUS.content_hash, HashingEncoder(), directory)
    hashed = digests_counted(monkeypatch)
    load_index(directory)
    assert hashed == []


def test_a_copied_index_is_hashed_once_then_trusted_by_its_stamps(
    index_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed = digests_counted(monkeypatch)
    load_index(index_copy)
    assert len(hashed) == len(EVERY_FILE)  # a copy has new inodes: nothing is trusted
    hashed.clear()
    load_index(index_copy)
    assert hashed == []


def test_a_byte_flipped_after_verification_is_still_found(index_copy: Path) -> None:
    load_index(index_copy)  # every file verified and its stamp remembered
    flip_a_byte(index_copy / "documents" / "dense.faiss")
    with pytest.raises(IndexDamagedError, match=r"dense\.faiss: checksum differs"):
        load_index(index_copy)


def test_damage_with_the_modification_time_set_back_is_still_found(index_copy: Path) -> None:
    load_index(index_copy)
    path = index_copy / "documents" / "lexical" / "doc_terms_ids.npy"
    before = path.stat()
    flip_a_byte(path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the change time cannot be set back
    with pytest.raises(IndexDamagedError) as caught:
        load_index(index_copy)
    assert caught.value.files == ["documents/lexical/doc_terms_ids.npy"]


def test_verify_hashes_every_file_whatever_the_stamps_say(
    index_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_index(index_copy)
    hashed = digests_counted(monkeypatch)
    load_index(index_copy, verify=True)
    assert len(hashed) == len(EVERY_FILE)


def test_a_damaged_stamps_file_means_hashing_again_not_trusting(
    index_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_index(index_copy)
    integrity.verified_stamps_path(index_copy).write_text("{not json", "utf-8")
    flip_a_byte(index_copy / "records" / "passage_codes.npy")
    hashed = digests_counted(monkeypatch)
    with pytest.raises(IndexDamagedError):
        load_index(index_copy)
    assert len(hashed) == len(EVERY_FILE)
