"""``python -m bot.devtools.scale WORK --pages N``: grow a corpus from a generated site and time it.

The whole operator path at scale, on real text: generate N team-written
pages (``bot.devtools.sitegen``), serve them on loopback
(``bot.devtools.site_server``), ``sync`` them into ``WORK/corpus`` (beside a
copy of the shipped material), build the index with the real model, then
change one page, sync again and rebuild: the cost of an incremental update.
Prints each figure; then ``python -m bot bench --corpus WORK/corpus
--index-dir WORK/index`` measures replies over the result.

``--stand-in-vectors INDEX`` is for sizes the real model cannot embed in the
time at hand on two shared cores (100,000 passages would take hours): texts
that INDEX already holds (a smaller run over the same pages: the generator is
seeded, so its pages are the first of this run) keep their real vectors, and
every other text gets a real vector of the site's text plus noise, as
``bot.devtools.benchmark.SyntheticEncoder`` does. The text, the lexical
index, the vector count and the FAISS structure are those of the real size;
only those vectors' directions are stand-ins. A note in the index folder
says so, and the manifest names the configured model so that the bot opens
the index as it would a real one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.devtools.site_server import LoopbackSite
from bot.devtools.sitegen import generate_site
from config import PROJECT_ROOT, load_settings
from corpus import load_corpus
from corpus.ingest import PoliteFetcher, SourceFacts, sync_sitemap  # its own package surface
from index import CountingEncoder, Embedder, Encoder, build_index, document_cache_path, load_index

STAND_IN_NOTE = "STAND-IN-VECTORS.txt"
STAND_IN = " (stand-in vectors)"


class StandInEncoder:
    """Real vectors of the site's text plus noise, under the configured model's name (see the module doc)."""

    def __init__(self, model_name: str, basis: np.ndarray, seed: int = 7) -> None:
        self._basis = basis
        self._random = np.random.default_rng(seed)
        self._name = model_name

    @property
    def name(self) -> str:
        return self._name

    @property
    def dimension(self) -> int:
        return int(self._basis.shape[1])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        picks = self._basis[self._random.integers(0, len(self._basis), len(texts))]
        noisy = picks + self._random.normal(0, 0.08, picks.shape).astype(np.float32)
        vectors: np.ndarray = (noisy / np.linalg.norm(noisy, axis=1, keepdims=True)).astype(np.float32)
        return vectors


def _load() -> str:
    """The machine's load average (1, 5, 15 min): timings on a shared machine mean little without it."""
    return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())


def _sync(site: LoopbackSite, corpus_dir: Path) -> tuple[float, int, int, int]:
    started = time.perf_counter()
    with PoliteFetcher(frozenset({site.host}), 0.0) as fetcher:
        summary = sync_sitemap(site.url("/sitemap.xml"), corpus_dir, fetcher, SourceFacts(), dt.date.today())
    return time.perf_counter() - started, len(summary.added), len(summary.updated), summary.not_modified


def _build(
    corpus_dir: Path, index_dir: Path, encoder: CountingEncoder, embedder: Embedder
) -> tuple[float, int, int]:
    started = time.perf_counter()
    corpus = load_corpus(corpus_dir, cache=document_cache_path(index_dir))
    passages = corpus.indexed_passages
    index = build_index(passages, corpus.content_hash, encoder, index_dir, embedder.export_query_model)
    return time.perf_counter() - started, len(passages), index.manifest.vector_count


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.devtools.scale", description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path, help="folder for the site, the corpus and the index")
    parser.add_argument("--pages", type=int, default=1000, help="pages to generate (about 10 passages each)")
    parser.add_argument("--stand-in-vectors", type=Path, metavar="INDEX", help="see the module doc")
    args = parser.parse_args()
    work: Path = args.work
    settings = load_settings()
    corpus_dir, index_dir = work / "corpus", work / "index"
    shutil.rmtree(work / "site", ignore_errors=True)
    shutil.rmtree(corpus_dir, ignore_errors=True)
    shutil.copytree(
        PROJECT_ROOT / "corpus", corpus_dir, ignore=shutil.ignore_patterns("*.py", "__pycache__", "ingest")
    )
    with LoopbackSite() as site:
        generated = generate_site(work / "site", args.pages, site.base_url)
        site.put_folder(work / "site")
        seconds, added, _, _ = _sync(site, corpus_dir)
        rate = added / seconds
        print(f"sync, first run: {added} pages added in {seconds:.1f} s ({rate:.1f} pages/s; {_load()})")
        embedder = Embedder.sentence_transformer(
            settings.model_name, settings.query_prefix, settings.passage_prefix
        )
        encoder = CountingEncoder(embedder.passages)
        if args.stand_in_vectors is not None:
            shutil.rmtree(index_dir, ignore_errors=True)
            shutil.copytree(args.stand_in_vectors, index_dir)  # its real vectors are reused by text
            basis = load_index(index_dir).parts["documents"].dense.reconstruct_all()
            stand_in: Encoder = StandInEncoder(settings.model_name, basis)
            encoder = CountingEncoder(stand_in)
        seconds, passages, vectors = _build(corpus_dir, index_dir, encoder, embedder)
        note = f"{encoder.embedded} of {vectors} vectors are stand-ins (bot.devtools.scale)\n"
        print(
            f"index build, cold{STAND_IN if args.stand_in_vectors else ''}: {passages} passages "
            f"({vectors} vectors, {encoder.embedded} distinct texts "
            f"embedded) in {seconds:.1f} s: {passages / seconds:.1f} passages/s, "
            f"{encoder.embedded / seconds:.1f} texts/s; {_load()}"
        )
        changed = work / "site" / generated.page_paths[0].strip("/") / "index.html"
        page = changed.read_text(encoding="utf-8")
        site.put(
            generated.page_paths[0], page.replace("</p>", " This sentence was added by the update.</p>", 1)
        )
        seconds, _, updated, not_modified = _sync(site, corpus_dir)
        print(
            f"re-sync after one page changed: {updated} updated, {not_modified} answered 304, "
            f"{seconds:.1f} s; {_load()}"
        )
        encoder.embedded = 0
        seconds, passages, _ = _build(corpus_dir, index_dir, encoder, embedder)
        print(
            f"index rebuild after it: {encoder.embedded} texts embedded, "
            f"{seconds:.1f} s for {passages} passages (unchanged passages' vectors and terms reused); "
            f"{_load()}"
        )
    if args.stand_in_vectors is not None:  # after the last build: a build replaces the whole folder
        (index_dir / STAND_IN_NOTE).write_text(note, encoding="utf-8")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this run: {peak:.0f} MB")


if __name__ == "__main__":
    main()
