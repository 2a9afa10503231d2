"""``python -m bot bench``: speed and memory figures on this machine.

Prints: index build time; reply latency p50/p95/p99 over distinct questions
with a warm model (search and composition included); the query embedding alone
(the floor); the CPU time of both per question (all threads: on a shared machine
it moves far less with other jobs' load than wall-clock latency does); a
repeated question (served from the engine's answer cache); time
from process start to first answer and that process's peak RSS; and the same
latency figures on a synthetic corpus (default 50,000 passages).

The synthetic passages are built from the real material's words and the
vectors from real sentence embeddings plus noise, so search costs what it
would at that size without embedding 50,000 texts first (which would measure
the model's throughput, not the bot's latency). Questions are always embedded
by the real model.
"""

from __future__ import annotations

import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import psutil

from bot.answering import Engine, EngineOptions
from bot.devtools.evaluation import DEFAULT_GOLDEN_DIR, load_part
from bot.rendering import render_answer_text
from config import Settings
from corpus import Corpus, Passage, load_corpus
from index import CachedQueries, Embedder, HybridSearcher, build_index

FIRST_ANSWER_QUESTION = "What does Belarus think about the European Union?"


def percentiles(samples_ms: Sequence[float]) -> str:
    ordered = sorted(samples_ms)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]

    return f"p50 {at(0.50):6.2f} ms   p95 {at(0.95):6.2f} ms   p99 {at(0.99):6.2f} ms   (n={len(ordered)})"


def benchmark_questions(engine: Engine, count: int) -> list[str]:
    """Distinct questions: the dev golden part (never the held-out test part), then mission questions."""
    questions = [item.question for item in load_part(DEFAULT_GOLDEN_DIR / "dev")]
    if engine.missions is not None:
        countries = sorted({m.country for m in engine.missions.missions})
        questions += [f"Where is the embassy in {country}?" for country in countries]
        questions += [f"What does Belarus say about relations with {country}?" for country in countries]
    seen: dict[str, None] = dict.fromkeys(questions)
    return list(seen)[:count]


def time_answers(engine: Engine, questions: Sequence[str]) -> list[float]:
    samples = []
    for question in questions:
        started = time.perf_counter()
        render_answer_text(engine.answer(question), engine.options.official_site_url, engine.mission_lookup)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def first_answer_seconds(settings: Settings) -> tuple[float, float]:
    """Wall time of a fresh ``python -m bot ask`` with a built index, and its peak RSS in MB."""
    env = {**os.environ, "BOT_INDEX_DIR": str(settings.index_dir), "BOT_CORPUS_DIR": str(settings.corpus_dir)}
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", FIRST_ANSWER_QUESTION],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Poll the child's own RSS: RUSAGE_CHILDREN would also count the forked copy of this big process.
    watched, peak = psutil.Process(child.pid), 0
    while child.poll() is None:
        try:
            peak = max(peak, watched.memory_info().rss)
        except psutil.Error:
            break
        time.sleep(0.02)
    elapsed = time.perf_counter() - started
    if child.wait() != 0:
        raise RuntimeError("python -m bot ask failed")
    return elapsed, peak / 2**20


class SyntheticEncoder:
    """Passage vectors from real sentence embeddings plus noise (questions stay with the real model)."""

    def __init__(self, model_name: str, basis: np.ndarray, seed: int = 7) -> None:
        self._basis = basis
        self._random = np.random.default_rng(seed)
        self.name = f"synthetic+{model_name}"
        self.dimension = int(basis.shape[1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        picks = self._basis[self._random.integers(0, len(self._basis), len(texts))]
        noisy = picks + self._random.normal(0, 0.08, picks.shape).astype(np.float32)
        return np.asarray(noisy / np.linalg.norm(noisy, axis=1, keepdims=True), dtype=np.float32)


def synthetic_passages(source: Sequence[Passage], count: int, seed: int = 11) -> list[Passage]:
    """``count`` passages of 2–3 sentences made of the material's sentences with shuffled words."""
    rng = random.Random(seed)
    sentences = [s for p in source if not p.is_record for s in p.sentences]
    passages = []
    for number in range(count):
        picked = []
        for sentence in rng.sample(sentences, rng.randint(2, 3)):
            words = sentence.rstrip(".").split()
            rng.shuffle(words)
            picked.append(" ".join(words).capitalize() + ".")
        passages.append(
            Passage(
                id=f"synthetic#{number}",
                doc_id="synthetic",
                family="synthetic",
                position=number + 1,
                text=" ".join(picked),
                sentences=tuple(picked),
                title="Synthetic document",
                section=None,
                language="en",
                kind="official",
                source_name="benchmark",
                source_url="https://example.org",
                date="2026-01-01",
            )
        )
    return passages


def run_benchmark(settings: Settings, options: EngineOptions, questions: int, synthetic: int) -> None:
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}")
    corpus = load_corpus(options.corpus_dir)
    embedder = Embedder.sentence_transformer(options.model_name, options.query_prefix, options.passage_prefix)
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        build_index(
            corpus.indexed_passages,
            corpus.content_hash,
            embedder.passages,
            Path(scratch) / "index",
            embedder.export_query_model,
        )
        seconds = time.perf_counter() - started
        print(f"index build (real corpus, {len(corpus.passages)} passages, cold): {seconds:6.2f} s")
    engine = Engine.load(options, embedder)
    queries = embedder.queries(options.index_dir)
    asked = benchmark_questions(engine, questions)
    engine.warm()  # as the bot does once it serves (in a background thread)
    time_answers(engine, asked)  # warm-up: first calls allocate
    queries.clear_cache()
    engine.answers.clear()
    cpu_started = time.process_time()
    print(f"reply latency, distinct questions:        {percentiles(time_answers(engine, asked))}")
    reply_cpu = (time.process_time() - cpu_started) * 1000 / len(asked)
    floor = []
    cpu_started = time.process_time()
    for question in asked:
        started = time.perf_counter()
        queries.uncached.encode([question])
        floor.append((time.perf_counter() - started) * 1000)
    floor_cpu = (time.process_time() - cpu_started) * 1000 / len(asked)
    runtime = embedder.query_runtime(options.index_dir)
    print(f"query embedding alone (the floor, {runtime}): {percentiles(floor)}")
    # CPU time (all threads) does not grow with other jobs' load the way wall-clock latency does.
    print(f"CPU per question: reply {reply_cpu:6.2f} ms, one query embedding {floor_cpu:6.2f} ms")
    print(f"reply latency, repeated questions:        {percentiles(time_answers(engine, asked[:200]))}")
    elapsed, peak_mb = first_answer_seconds(settings)
    print(f"process start to first answer (ask):      {elapsed:6.2f} s, peak RSS {peak_mb:.0f} MB")
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this benchmark so far:        {own_peak:.0f} MB")
    if synthetic:
        _synthetic(engine, queries, corpus, options, asked, synthetic)


def _synthetic(
    engine: Engine,
    queries: CachedQueries,
    corpus: Corpus,
    options: EngineOptions,
    asked: Sequence[str],
    count: int,
) -> None:
    basis = engine.searcher.index.parts["documents"].dense.reconstruct_all()
    fake = SyntheticEncoder(options.model_name, basis)
    passages = synthetic_passages(corpus.passages, count)
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        index = build_index(passages, "synthetic", fake, Path(scratch) / "index")
        print(
            f"index build, {count} synthetic passages (vectors given): {time.perf_counter() - started:6.2f} s"
        )
        big = Engine(
            corpus, HybridSearcher(index, queries, options.model_languages), options, engine.embedder
        )
        big.warm()
        time_answers(big, asked[:20])
        queries.clear_cache()
        big.answers.clear()
        print(f"reply latency at {count} passages:       {percentiles(time_answers(big, asked))}")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this benchmark:               {peak_mb:.0f} MB")
