"""``python -m bot.devtools.scale WORK --pages N``: grow a corpus from a generated site and time it.

The whole operator path at scale, on real text: generate N team-written
pages (``bot.devtools.sitegen``), serve them on loopback
(``bot.devtools.site_server``), ``sync`` them into ``WORK/corpus`` (beside a
copy of the shipped material), build the index with the real model, then
change one page, sync again and rebuild: the cost of an incremental update.
Prints each figure; then ``python -m bot bench --corpus WORK/corpus
--index-dir WORK/index`` measures replies over the result.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import shutil
import time
from pathlib import Path

from bot.cli.ingest import CountingEncoder
from bot.devtools.site_server import LoopbackSite
from bot.devtools.sitegen import generate_site
from config import PROJECT_ROOT, load_settings
from corpus import load_corpus
from corpus.ingest import PoliteFetcher, SourceFacts, sync_sitemap
from index import SentenceTransformerEncoder, build_index


def _sync(site: LoopbackSite, corpus_dir: Path) -> tuple[float, int, int, int]:
    started = time.perf_counter()
    with PoliteFetcher(frozenset({site.host}), 0.0) as fetcher:
        summary = sync_sitemap(site.url("/sitemap.xml"), corpus_dir, fetcher, SourceFacts(), dt.date.today())
    return time.perf_counter() - started, len(summary.added), len(summary.updated), summary.not_modified


def _build(corpus_dir: Path, index_dir: Path, encoder: CountingEncoder) -> tuple[float, int, int]:
    started = time.perf_counter()
    corpus = load_corpus(corpus_dir)
    index = build_index(corpus.passages, corpus.content_hash, encoder, index_dir)  # type: ignore[arg-type]
    return time.perf_counter() - started, len(corpus.passages), index.manifest.vector_count


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.devtools.scale", description=__doc__.splitlines()[0])
    parser.add_argument("work", type=Path, help="folder for the site, the corpus and the index")
    parser.add_argument("--pages", type=int, default=1000, help="pages to generate (about 10 passages each)")
    args = parser.parse_args()
    work: Path = args.work
    settings = load_settings()
    corpus_dir, index_dir = work / "corpus", work / "index"
    shutil.rmtree(work / "site", ignore_errors=True)
    shutil.rmtree(corpus_dir, ignore_errors=True)
    for folder in ("documents", "missions"):
        shutil.copytree(PROJECT_ROOT / "corpus" / folder, corpus_dir / folder)
    with LoopbackSite() as site:
        generated = generate_site(work / "site", args.pages, site.base_url)
        site.put_folder(work / "site")
        seconds, added, _, _ = _sync(site, corpus_dir)
        print(f"sync, first run: {added} pages added in {seconds:.1f} s ({added / seconds:.1f} pages/s)")
        encoder = CountingEncoder(
            SentenceTransformerEncoder(settings.model_name, settings.query_prefix, settings.passage_prefix)
        )
        seconds, passages, vectors = _build(corpus_dir, index_dir, encoder)
        print(
            f"index build, cold: {passages} passages ({vectors} vectors, {encoder.embedded} distinct texts "
            f"embedded) in {seconds:.1f} s: {passages / seconds:.1f} passages/s, "
            f"{encoder.embedded / seconds:.1f} texts/s"
        )
        changed = work / "site" / generated.page_paths[0].strip("/") / "index.html"
        page = changed.read_text(encoding="utf-8")
        site.put(generated.page_paths[0], page.replace("</p>", " This sentence was added by the update.</p>", 1))
        seconds, _, updated, not_modified = _sync(site, corpus_dir)
        print(f"re-sync after one page changed: {updated} updated, {not_modified} answered 304, {seconds:.1f} s")
        encoder.embedded = 0
        seconds, passages, _ = _build(corpus_dir, index_dir, encoder)
        print(f"index rebuild after it: {encoder.embedded} texts embedded, {seconds:.1f} s for {passages} passages")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this run: {peak:.0f} MB")


if __name__ == "__main__":
    main()
