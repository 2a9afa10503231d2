"""``python -m bot bench --corpus DIR``: reply speed and memory over a real corpus folder.

Unlike the synthetic figures of ``bot.devtools.benchmark`` (vectors given,
words shuffled), this serves a corpus of real text, such as the one
``python -m bot.devtools.scale`` grows from a generated site, with its index
built by the real model. The index is opened as the bot opens it (built
first only if missing or stale, and then the build is timed); questions are
the golden sets' and the mission questions, embedded by the real model.
"""

from __future__ import annotations

import os
import resource
import time
from dataclasses import replace
from pathlib import Path

from bot.answering import Engine, EngineOptions
from bot.devtools.benchmark import benchmark_questions, first_answer_seconds, percentiles, time_answers
from config import Settings
from corpus import load_corpus
from index import CountingEncoder, Embedder, document_cache_path, open_index


def run_corpus_benchmark(
    settings: Settings, options: EngineOptions, corpus_dir: Path, index_dir: Path, questions: int
) -> None:
    """Print build (if needed), reply latency, start-to-first-answer and peak RSS for ``corpus_dir``."""
    options = replace(options, corpus_dir=corpus_dir, index_dir=index_dir)
    started = time.perf_counter()
    corpus = load_corpus(corpus_dir, cache=document_cache_path(index_dir))
    seconds = time.perf_counter() - started
    print(
        f"corpus {corpus_dir}: {len(corpus.documents)} documents, "
        f"{len(corpus.passages)} passages ({seconds:.1f} s)"
    )
    embedder = Embedder.sentence_transformer(options.model_name, options.query_prefix, options.passage_prefix)
    encoder = CountingEncoder(embedder.passages)
    started = time.perf_counter()
    index = open_index(
        corpus.indexed_passages, corpus.content_hash, encoder, index_dir, embedder.export_query_model
    )
    seconds = time.perf_counter() - started
    if encoder.embedded:
        print(f"index built: {encoder.embedded} texts embedded in {seconds:.1f} s")
    else:
        print(f"index opened ({index.manifest.vector_count} vectors) in {seconds:.1f} s")
    del index, corpus
    engine = Engine.load(options, embedder)
    queries = embedder.queries(index_dir)
    asked = benchmark_questions(engine, questions)
    started = time.perf_counter()
    engine.warm()  # as the bot does once it serves (in a background thread)
    print(
        f"engine warmed in {time.perf_counter() - started:.1f} s (Engine.warm: the bot does it after start)"
    )
    time_answers(engine, asked[:20])
    queries.clear_cache()
    count = len(engine.corpus.passages)
    print(f"load average before timing: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    print(f"reply latency at {count} passages: {percentiles(time_answers(engine, asked))}")
    print(f"reply latency, repeated questions:   {percentiles(time_answers(engine, asked[:200]))}")
    child = settings.model_copy(update={"corpus_dir": corpus_dir, "index_dir": index_dir})
    elapsed, peak_mb = first_answer_seconds(child)
    print(f"process start to first answer (ask): {elapsed:6.2f} s, peak RSS {peak_mb:.0f} MB")
    print(f"load average after: {' '.join(f'{v:.1f}' for v in os.getloadavg())}")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this benchmark:          {own:.0f} MB")
