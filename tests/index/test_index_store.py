"""The index artifact: manifest, save/load, reuse of vectors, and rebuilds of stale or broken indexes."""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from config import PROJECT_ROOT
from corpus import Corpus, Passage, load_corpus
from index import (
    SCHEMA_VERSION,
    IndexUnreadableError,
    PassageTable,
    build_index,
    count_words,
    load_index,
    open_index,
    passage_table,
    text_analysis,
)
from index.search import HybridSearcher
from index.store import embedding_units, lexical_terms, lexical_text
from tests.fakes import HashingEncoder


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    """The shipped corpus, loaded when a test first needs it (not at collection)."""
    return load_corpus(PROJECT_ROOT / "corpus")


def distinct_texts(passages) -> set[str]:
    """Every text the index embeds (a passage, or one sentence of it), each counted once."""
    return {text for passage in passages for _, text in embedding_units(passage)}


@pytest.fixture
def built(tmp_path: Path, corpus: Corpus):
    encoder = HashingEncoder()
    index = build_index(corpus.passages, corpus.content_hash, encoder, tmp_path / "index")
    return tmp_path / "index", encoder, index


def test_manifest_records_model_corpus_and_counts(built, corpus):
    directory, encoder, _index = built
    manifest = json.loads((directory / "manifest.json").read_text())
    assert manifest["schema_version"] == SCHEMA_VERSION
    assert manifest["model_name"] == encoder.name
    assert manifest["dimension"] == encoder.dimension
    assert manifest["corpus_hash"] == corpus.content_hash
    assert manifest["passage_count"] == len(corpus.passages)
    assert manifest["vector_count"] > manifest["passage_count"]  # sentences of long passages too
    assert manifest["built_at"] and manifest["build_seconds"] >= 0


def test_saved_index_loads_back_identically(built):
    directory, _, index = built
    loaded = load_index(directory)
    assert loaded.manifest == index.manifest
    assert loaded.passages == index.passages


def test_no_pickle_files_in_the_artifact(built):
    directory, _, _ = built
    for path in directory.rglob("*"):
        if path.is_file():
            assert not path.read_bytes().startswith(b"\x80"), f"{path} looks like a pickle"


def test_current_index_is_loaded_without_embedding_anything(built, corpus):
    directory, _, _ = built
    encoder = HashingEncoder()
    open_index(corpus.passages, corpus.content_hash, encoder, directory)
    assert encoder.encoded_texts == 0


def test_changed_corpus_rebuilds_and_embeds_only_the_changed_passage(built, caplog, corpus):
    directory, _, _ = built
    changed = list(corpus.passages)
    changed[0] = replace(
        changed[0],
        text=changed[0].text + " An added sentence.",
        sentences=(changed[0].text + " An added sentence.",),
    )
    encoder = HashingEncoder()
    with caplog.at_level(logging.WARNING):
        index = open_index(changed, "another-hash", encoder, directory)
    assert "corpus changed" in caplog.text
    assert encoder.encoded_texts == 1
    assert index.manifest.corpus_hash == "another-hash"


def test_other_model_forces_a_full_rebuild(built, caplog, corpus):
    directory, _, _ = built
    encoder = HashingEncoder()
    encoder.name = "another-model"
    with caplog.at_level(logging.WARNING):
        index = open_index(corpus.passages, corpus.content_hash, encoder, directory)
    assert "configured model is 'another-model'" in caplog.text
    assert index.manifest.model_name == "another-model"
    assert encoder.encoded_texts == len(distinct_texts(corpus.passages))


@pytest.mark.parametrize(
    "damage", ["delete_manifest", "garble_manifest", "delete_dense", "truncate_passages"]
)
def test_missing_or_damaged_index_is_rebuilt_not_used(built, damage: str, caplog, corpus):
    directory, _, _ = built
    if damage == "delete_manifest":
        (directory / "manifest.json").unlink()
    elif damage == "garble_manifest":
        (directory / "manifest.json").write_text("{not json")
    elif damage == "delete_dense":
        (directory / "documents" / "dense.faiss").unlink()
    else:
        (directory / "documents" / "passages.json").write_text("")
    with pytest.raises(IndexUnreadableError):
        load_index(directory)
    with caplog.at_level(logging.WARNING):
        index = open_index(corpus.passages, corpus.content_hash, HashingEncoder(), directory)
    assert "rebuilding the index" in caplog.text
    assert load_index(directory).manifest == index.manifest


def test_a_text_repeated_within_one_build_is_embedded_once(tmp_path: Path, corpus):
    passages = corpus.passages[:3]
    copies = [replace(p, id=f"{p.id}-copy", position=p.position + 100) for p in passages]
    encoder = HashingEncoder()
    index = build_index([*passages, *copies], "with copies", encoder, tmp_path / "index")
    assert encoder.encoded_texts == len(distinct_texts(passages))
    assert index.manifest.vector_count == 2 * sum(len(embedding_units(p)) for p in passages)


def test_changed_corpus_rebuild_analyses_only_the_changed_passage(built, caplog, corpus):
    directory, _, _ = built
    changed = list(corpus.passages)
    changed[0] = replace(changed[0], text=changed[0].text + " An added sentence.")
    with caplog.at_level(logging.INFO, logger="index.store"):
        build_index(changed, "another-hash", HashingEncoder(), directory)
    documents = sum(1 for p in changed if not p.is_record)
    assert f"analysing 1 of {documents} passages ({documents - 1} reused)" in caplog.text


def test_terms_reused_by_a_rebuild_score_as_a_fresh_analysis(built, corpus, tmp_path: Path):
    directory, _, _ = built
    reused = build_index(corpus.passages, "again", HashingEncoder(), directory)  # every term reused
    fresh = build_index(corpus.passages, "fresh", HashingEncoder(), tmp_path / "fresh")
    query = lexical_terms("foreign policy priorities of Belarus and China", "en")
    for name in ("documents", "records"):
        assert (
            reused.parts[name].lexical.scores(query).tolist()
            == fresh.parts[name].lexical.scores(query).tolist()
        )
        assert [reused.parts[name].lexical.terms_of(n) for n in range(reused.parts[name].lexical.size)] == [
            fresh.parts[name].lexical.terms_of(n) for n in range(fresh.parts[name].lexical.size)
        ]


def test_loaded_index_holds_each_passages_analysed_terms(built):
    directory, _, _ = built
    part = load_index(directory).parts["documents"]
    assert [part.lexical.terms_of(n) for n in range(len(part.passages))] == [
        frozenset(lexical_terms(lexical_text(p), p.language)) for p in part.passages
    ]


def test_searcher_over_a_loaded_index_analyses_no_passage(built, monkeypatch: pytest.MonkeyPatch):
    """A start reads the analysed terms from the artifact: only the question is tokenised."""
    directory, _, _ = built
    index = load_index(directory)
    analysed: list[str] = []
    real_tokenize = text_analysis.tokenize

    def counting_tokenize(text: str, language: str) -> list[str]:
        analysed.append(text)
        return real_tokenize(text, language)

    monkeypatch.setattr("index.store.tokenize", counting_tokenize)
    searcher = HybridSearcher(index, HashingEncoder())
    bank = len(index.parts["questions"].passages)  # BankSearcher analyses the bank's questions
    assert len(analysed) == bank
    searcher.search("foreign policy priorities", "en")
    assert len(analysed) <= bank + 2  # the question, not the passages


def test_idf_weights_from_the_artifact_match_counting_the_passages(built):
    directory, _, _ = built
    index = load_index(directory)
    state = HybridSearcher(index, HashingEncoder())._parts["documents"]
    passages = index.parts["documents"].passages
    terms = [frozenset(lexical_terms(lexical_text(p), p.language)) for p in passages]
    query = frozenset(lexical_terms("foreign policy of Belarus towards China and the unknownword", "en"))
    in_english = [t for t, p in zip(terms, passages, strict=True) if p.language == "en"]
    total = len(in_english) + 1
    frequency = {term: sum(term in t for t in in_english) for term in query}
    expected = {
        term: float(np.log(total / (df + 0.5))) if df else float(np.log(total / 0.5))
        for term, df in frequency.items()
    }
    assert 0 in frequency.values()  # an unknown word is weighed too
    assert state.weights(query, "en") == expected


def test_loading_and_searching_make_a_passage_only_for_what_is_quoted(built, monkeypatch: pytest.MonkeyPatch):
    """A start decodes no passage (they stay in the memory-mapped table); a search, those it returns."""
    directory, _, _ = built
    made: list[str] = []
    real = Passage

    def counting(**fields: object) -> Passage:
        made.append(str(fields["id"]))
        return real(**fields)  # type: ignore[arg-type]

    monkeypatch.setattr(passage_table, "Passage", counting)
    index = load_index(directory)
    searcher = HybridSearcher(index, HashingEncoder())
    bank = len(index.parts["questions"].passages)  # the question bank is read whole (team-written, small)
    assert len(made) == bank
    hits = searcher.search("foreign policy priorities", "en", limit=3).hits
    assert 0 < len(made) - bank <= len(hits) * 2  # each hit's passage (and its bank target's)


def test_passage_table_gives_back_every_field_of_every_passage(corpus, tmp_path: Path):
    passages = [
        *corpus.passages,
        replace(corpus.passages[0], id="x#1", section=None, text="Ünïcødé — «текст»."),
    ]
    PassageTable.from_passages(passages).save(tmp_path)
    table = PassageTable.load(tmp_path)
    assert list(table) == passages
    assert table[-1] == passages[-1] and table[1:3] == tuple(passages[1:3])
    assert table.column("language").tolist() == [p.language for p in passages]
    assert table.number_of("x#1") == len(passages) - 1 and table.number_of("nowhere") is None


def test_passage_files_that_disagree_mean_an_unreadable_index(built):
    directory, _, _ = built
    np.save(directory / "documents" / "passage_first_string.npy", np.zeros(3, dtype=np.int64))
    with pytest.raises(IndexUnreadableError, match="disagree"):
        PassageTable.load(directory / "documents")


def test_an_index_of_the_previous_schema_is_rebuilt_reusing_its_vectors(built, caplog, corpus):
    directory, _, _ = built
    manifest = json.loads((directory / "manifest.json").read_text())
    manifest["schema_version"] = SCHEMA_VERSION - 1
    (directory / "manifest.json").write_text(json.dumps(manifest))
    encoder = HashingEncoder()
    with caplog.at_level(logging.WARNING):
        index = open_index(corpus.passages, corpus.content_hash, encoder, directory)
    assert f"index schema {SCHEMA_VERSION - 1}, current {SCHEMA_VERSION}" in caplog.text
    assert index.manifest.schema_version == SCHEMA_VERSION
    assert encoder.encoded_texts == 0  # same model: every vector came back from the old files
    assert load_index(directory).passages == index.passages


def test_the_documents_word_counts_come_with_the_index(built, corpus):
    directory, _, _ = built
    counts = load_index(directory).word_counts
    english = [p.text for p in corpus.passages if not p.is_record and p.language == "en"]
    assert counts["en"] == dict(count_words(english))  # the records' texts are not the material's words
