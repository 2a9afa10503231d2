"""``bot.answering.reload``: a new engine from a corpus copy, the model reused, only changed text embedded."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering.engine import Engine
from bot.answering.reload import reload_engine, summarise_reload, timed_reload
from bot.wiring import engine_options
from config import load_settings
from corpus import CorpusError
from index import Embedder
from index.store import embedding_units
from tests.fakes import HashingEncoder
from tests.press_desk_fixtures import NEW_SENTENCE, break_corpus, copy_corpus, edit_passage


def texts_of(engine: Engine) -> list[str]:
    return [passage.text for passage in engine.corpus.passages]


@pytest.fixture
def encoder() -> HashingEncoder:
    return HashingEncoder()


@pytest.fixture
def engine(tmp_path: Path, encoder: HashingEncoder) -> Engine:
    """An engine over a corpus copy in ``tmp_path`` with a fast deterministic encoder."""
    settings = load_settings(corpus_dir=copy_corpus(tmp_path / "corpus"), index_dir=tmp_path / "index")
    return Engine.load(engine_options(settings), Embedder(encoder))


def test_reload_reuses_the_encoder_and_returns_a_new_engine(engine: Engine, encoder: HashingEncoder) -> None:
    reloaded = reload_engine(engine)
    assert reloaded is not engine and reloaded.options == engine.options
    assert reloaded.embedder is engine.embedder and reloaded.embedder.passages is encoder


def test_reload_of_an_unchanged_corpus_embeds_nothing(engine: Engine, encoder: HashingEncoder) -> None:
    encoder.encoded_texts = 0
    reloaded, summary = timed_reload(engine)
    assert encoder.encoded_texts == 0
    assert texts_of(reloaded) == texts_of(engine)
    assert (summary.changed, summary.added, summary.removed) == (False, 0, 0)
    assert summary.passages == len(engine.corpus.passages) and summary.seconds >= 0


def test_reload_embeds_only_the_changed_passage(engine: Engine, encoder: HashingEncoder) -> None:
    edit_passage(engine.options.corpus_dir)
    encoder.encoded_texts = 0
    reloaded, summary = timed_reload(engine)
    [changed] = [p for p in reloaded.corpus.passages if NEW_SENTENCE in p.text]
    new_sentences = [text for _, text in embedding_units(changed) if NEW_SENTENCE in text]
    assert encoder.encoded_texts == len(new_sentences)
    assert (summary.added, summary.removed, summary.changed) == (1, 1, True)
    assert reloaded.passage(changed.id) is not None and NEW_SENTENCE in reloaded.passage(changed.id).text


def test_reload_leaves_the_running_engine_untouched(engine: Engine) -> None:
    before = texts_of(engine)
    edit_passage(engine.options.corpus_dir)
    reload_engine(engine)
    assert texts_of(engine) == before
    assert not any(NEW_SENTENCE in p.text for p in engine.searcher.index.passages)


def test_broken_corpus_raises_and_leaves_the_index_on_disk_alone(engine: Engine) -> None:
    manifest = engine.options.index_dir / "manifest.json"
    saved = manifest.read_text(encoding="utf-8")
    edit_passage(engine.options.corpus_dir)
    break_corpus(engine.options.corpus_dir)
    with pytest.raises(CorpusError, match=r"broken\.en\.md"):
        reload_engine(engine)
    assert manifest.read_text(encoding="utf-8") == saved


def test_summary_counts_added_and_removed_passages(engine: Engine) -> None:
    [belarusian] = [d for d in engine.corpus.documents if d.path.endswith("policy_priorities.be.md")]
    Path(belarusian.path).unlink()
    reloaded = reload_engine(engine)
    summary = summarise_reload(engine, reloaded, 1.234)
    removed = [p for p in engine.corpus.passages if p.doc_id == belarusian.id]
    assert removed and (summary.added, summary.removed, summary.seconds) == (0, len(removed), 1.23)
    assert summary.documents == len(engine.corpus.documents) - 1
