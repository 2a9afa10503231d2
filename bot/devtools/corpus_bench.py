"""``python -m bot bench --corpus DIR``: reply speed and memory over a real corpus folder.

Unlike the synthetic figures of ``bot.devtools.benchmark`` (vectors given,
words shuffled), this serves a corpus of real text, such as the one
``python -m bot.devtools.scale`` grows from a generated site, with its index
built by the real model. The index is opened as the bot opens it (built
first only if missing or stale, and then the build is timed); questions are
the golden sets' and the mission questions, embedded by the real model.
"""

from __future__ import annotations

import resource
import time
from dataclasses import replace
from pathlib import Path

from bot.answering.engine import Engine, EngineOptions
from bot.cli.ingest import CountingEncoder
from bot.devtools.benchmark import benchmark_questions, first_answer_seconds, percentiles, time_answers
from config import Settings
from corpus import load_corpus
from index import SentenceTransformerEncoder, open_index


def run_corpus_benchmark(
    settings: Settings, options: EngineOptions, corpus_dir: Path, index_dir: Path, questions: int
) -> None:
    """Print build (if needed), reply latency, start-to-first-answer and peak RSS for ``corpus_dir``."""
    options = replace(options, corpus_dir=corpus_dir, index_dir=index_dir)
    started = time.perf_counter()
    corpus = load_corpus(corpus_dir)
    print(
        f"corpus {corpus_dir}: {len(corpus.documents)} documents, {len(corpus.passages)} passages "
        f"(loaded in {time.perf_counter() - started:.1f} s)"
    )
    encoder = CountingEncoder(
        SentenceTransformerEncoder(options.model_name, options.query_prefix, options.passage_prefix)
    )
    started = time.perf_counter()
    index = open_index(corpus.passages, corpus.content_hash, encoder, index_dir)
    seconds = time.perf_counter() - started
    if encoder.embedded:
        print(
            f"index built: {encoder.embedded} texts embedded in {seconds:.1f} s "
            f"({len(corpus.passages) / seconds:.1f} passages/s)"
        )
    else:
        print(f"index current ({index.manifest.vector_count} vectors), opened in {seconds:.1f} s")
    del index, corpus
    real = SentenceTransformerEncoder(options.model_name, options.query_prefix, options.passage_prefix)
    engine = Engine.load(options, real)
    asked = benchmark_questions(engine, questions)
    time_answers(engine, asked[:20])
    real._query_cache.clear()
    print(
        f"reply latency at {len(engine.corpus.passages)} passages: {percentiles(time_answers(engine, asked))}"
    )
    print(f"reply latency, repeated questions:          {percentiles(time_answers(engine, asked[:200]))}")
    child = settings.model_copy(update={"corpus_dir": corpus_dir, "index_dir": index_dir})
    elapsed, peak_mb = first_answer_seconds(child)
    print(f"process start to first answer (ask):        {elapsed:6.2f} s, peak RSS {peak_mb:.0f} MB")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this benchmark:                 {own:.0f} MB")
