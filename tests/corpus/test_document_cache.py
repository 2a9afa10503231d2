"""The document cache: unchanged files are not parsed again, changed ones are, a damaged cache is ignored."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from config import PROJECT_ROOT
from corpus import document_cache, load_corpus
from corpus.document_cache import DocumentCache, stamps_of


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    copy = tmp_path / "corpus"
    shutil.copytree(
        PROJECT_ROOT / "corpus", copy, ignore=shutil.ignore_patterns("*.py", "__pycache__", "ingest")
    )
    return copy


def test_cached_load_gives_the_corpus_of_a_plain_load(corpus_dir: Path, tmp_path: Path) -> None:
    plain = load_corpus(corpus_dir)
    first = load_corpus(corpus_dir, cache=tmp_path / "cache.jsonl")
    second = load_corpus(corpus_dir, cache=tmp_path / "cache.jsonl")
    assert first == plain
    assert second == plain
    assert second.content_hash == plain.content_hash


def test_unchanged_files_are_taken_from_the_cache(corpus_dir: Path, tmp_path: Path) -> None:
    load_corpus(corpus_dir, cache=tmp_path / "cache.jsonl")
    cache = DocumentCache(tmp_path / "cache.jsonl")
    documents = sorted((corpus_dir / "documents").glob("*.md"))
    for path in documents:
        cache.document(path, lambda p: pytest.fail(f"{p} was read again"))
    assert (cache.hits, cache.misses) == (len(documents), 0)


def test_a_changed_file_is_read_and_cut_again(corpus_dir: Path, tmp_path: Path) -> None:
    load_corpus(corpus_dir, cache=tmp_path / "cache.jsonl")
    path = sorted((corpus_dir / "documents").glob("*.md"))[0]
    path.write_text(path.read_text("utf-8") + "\nA sentence added after the cache was written.\n", "utf-8")
    status = path.stat()
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
    reloaded = load_corpus(corpus_dir, cache=tmp_path / "cache.jsonl")
    assert reloaded == load_corpus(corpus_dir)
    assert any("A sentence added after the cache was written." in p.text for p in reloaded.passages)


@pytest.mark.parametrize("content", ["{not json\n", '{"document_cache": 0}\n{"file": 1}\n', ""])
def test_a_damaged_or_foreign_cache_is_ignored_and_rewritten(
    corpus_dir: Path, tmp_path: Path, content: str
) -> None:
    cache = tmp_path / "cache.jsonl"
    cache.write_text(content, "utf-8")
    assert load_corpus(corpus_dir, cache=cache) == load_corpus(corpus_dir)
    assert DocumentCache(cache).document(
        sorted((corpus_dir / "documents").glob("*.md"))[0], lambda p: pytest.fail("not cached")
    )


def test_a_load_with_no_file_changed_decodes_no_document_until_asked(
    corpus_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = load_corpus(corpus_dir)
    load_corpus(corpus_dir, cache=tmp_path / "cache.jsonl")
    decoded: list[object] = []
    real = document_cache._entry

    def counting(stored: dict[str, object]) -> object:
        decoded.append(stored)
        return real(stored)

    monkeypatch.setattr(document_cache, "_entry", counting)
    cached = load_corpus(corpus_dir, cache=tmp_path / "cache.jsonl")
    assert cached.content_hash == plain.content_hash  # from the cache's summary line alone
    assert (len(cached.documents), len(cached.passages)) == (len(plain.documents), len(plain.passages))
    assert cached.questions == plain.questions and cached.missions == plain.missions
    assert decoded == []
    assert cached == plain  # documents and passages made on first use, as a plain load makes them
    assert len(decoded) == len(list((corpus_dir / "documents").glob("*.md")))


def test_a_deferred_corpus_keeps_the_material_it_was_loaded_with(corpus_dir: Path, tmp_path: Path) -> None:
    before = load_corpus(corpus_dir)
    load_corpus(corpus_dir, cache=tmp_path / "cache.jsonl")
    deferred = load_corpus(corpus_dir, cache=tmp_path / "cache.jsonl")
    path = sorted((corpus_dir / "documents").glob("*.md"))[0]
    path.write_text(path.read_text("utf-8") + "\nA sentence added after the start.\n", "utf-8")
    after = load_corpus(corpus_dir, cache=tmp_path / "cache.jsonl")  # rewrites the cache
    assert after.content_hash != before.content_hash
    assert deferred.passages == before.passages  # not the rewritten cache's
    assert deferred.content_hash == before.content_hash


def test_a_cache_whose_files_changed_is_no_snapshot(corpus_dir: Path, tmp_path: Path) -> None:
    load_corpus(corpus_dir, cache=tmp_path / "cache.jsonl")
    stamps = stamps_of(corpus_dir / "documents")
    assert DocumentCache(tmp_path / "cache.jsonl").snapshot(stamps) is not None
    (corpus_dir / "documents" / "added.md").write_text("---\n", "utf-8")
    assert DocumentCache(tmp_path / "cache.jsonl").snapshot(stamps_of(corpus_dir / "documents")) is None
    removed = dict(list(stamps.items())[1:])
    assert DocumentCache(tmp_path / "cache.jsonl").snapshot(removed) is None
