"""``python -m bot add SOURCE`` and ``python -m bot sync --sitemap URL``: grow the material.

Thin adapter over ``corpus.ingest``: parse the options, call one core
function, print what changed, then bring the index up to date (only texts
whose hash is new are embedded; the figure is printed) so the next start or
``/reload`` serves the new material at once. Each document that changed is
recorded in the press desk's history (``Curator.add_document``, in the bot's
database), so running replicas reload within their poll interval, ``history``
lists it and ``undo`` takes it back. Errors (no text, unserved
language, duplicate, unreachable site map) reach ``bot.cli.main``, which
prints them as one line and exits with code 2; nothing was written then.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.cli.curation import curation_store, guarded, refused
from bot.curation import CurationError, Curator
from config import Settings

Command = Callable[[Settings, argparse.Namespace], int]


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _add_source_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--kind", choices=["official", "translation"], default="official", help="default: official"
    )
    parser.add_argument("--translation-of", metavar="ID", help="id of the original (with --kind translation)")
    parser.add_argument("--source-name", help="publisher to cite (default: the site's name or host)")
    parser.add_argument("--no-index", action="store_true", help="write the documents, leave the index as is")


def add_parsers(commands: Any) -> dict[str, Command]:  # noqa: ANN401 - argparse's private subparsers action
    """Register ``add`` and ``sync`` on the CLI's sub-command parsers; return their handlers."""
    add = commands.add_parser("add", help="add a file (HTML, PDF, DOCX, Markdown, text) or a web page")
    add.add_argument("source", metavar="SOURCE", help="a file path or an http(s) URL")
    add.add_argument("--url", help="where the public reads this file (required for files without one)")
    add.add_argument("--title", help="title to use instead of the one found in the source")
    add.add_argument("--date", type=_date, help="publication date (default: the source's own)")
    _add_source_options(add)
    sync = commands.add_parser("sync", help="add, update and withdraw documents from a site map")
    sync.add_argument("--sitemap", required=True, metavar="URL", help="sitemap.xml or a site-map index")
    sync.add_argument(
        "--allow-host", action="append", required=True, metavar="HOST", help="a host to fetch (repeatable)"
    )
    sync.add_argument("--delay", type=float, default=1.0, help="seconds between requests (default 1)")
    sync.add_argument("--no-progress", action="store_true", help="no progress bar")
    _add_source_options(sync)
    return {"add": guarded(add_command), "sync": guarded(sync_command)}


def _facts(args: argparse.Namespace) -> Any:  # noqa: ANN401 - corpus.ingest.SourceFacts, imported lazily
    from corpus.ingest import SourceFacts  # noqa: PLC0415 - keeps trafilatura out of ask/chat

    if args.kind == "translation" and not args.translation_of:
        raise SystemExit("error: --kind translation needs --translation-of ID (the original's id)")
    return SourceFacts(
        source_url=getattr(args, "url", None),
        kind=args.kind,
        translation_of=args.translation_of,
        source_name=args.source_name,
        title=getattr(args, "title", None),
        date=getattr(args, "date", None),
    )


def add_command(settings: Settings, args: argparse.Namespace) -> int:
    """Add one source and print what it became."""
    from corpus.ingest import DocumentFolder, add_file, add_url  # noqa: PLC0415

    folder = DocumentFolder(settings.corpus_dir / "documents")
    facts, today = _facts(args), dt.date.today()
    source: str = args.source

    def add() -> Any:  # noqa: ANN401 - corpus.ingest.DocumentChange, imported lazily
        if source.startswith(("http://", "https://")):
            return add_url(source, facts, folder, today)
        return add_file(Path(source), facts, folder, today)

    with curation_store(settings) as store:
        try:
            change, record = Curator(settings.corpus_dir, store).add_document(add)
        except CurationError as exc:
            return refused(exc)
    print(change.describe())
    print(f"  file: {change.path}")
    if record is not None:
        print(f"  press-desk change #{record.id}: replicas reload at their next poll; `undo` takes it back")
    if change.action != "unchanged" and not args.no_index:
        print(refresh_index(settings).line())
    return 0


def sync_command(settings: Settings, args: argparse.Namespace) -> int:
    """Sync the documents with a site map and print the summary."""
    from corpus.ingest import PoliteFetcher, sync_sitemap  # noqa: PLC0415

    def progress(entries: Iterable[Any]) -> Iterable[Any]:
        from tqdm import tqdm  # noqa: PLC0415

        bar: Iterable[Any] = tqdm(
            list(entries), desc="pages", unit="page", file=sys.stderr, disable=args.no_progress
        )
        return bar

    started = time.perf_counter()
    with PoliteFetcher(frozenset(args.allow_host), args.delay) as fetcher:
        summary = sync_sitemap(
            args.sitemap, settings.corpus_dir, fetcher, _facts(args), dt.date.today(), progress
        )
    print("\n".join(summary.lines()))
    print(f"sync took {time.perf_counter() - started:.1f} s")
    with curation_store(settings) as store:
        try:
            records = Curator(settings.corpus_dir, store).record_documents(
                [*summary.added, *summary.updated, *summary.withdrawn]
            )
        except CurationError as exc:
            return refused(exc)
    if records:
        print(f"press-desk changes #{records[0].id}-#{records[-1].id}: replicas reload at their next poll")
    if summary.changed and not args.no_index:
        print(refresh_index(settings).line())
    return 0


@dataclass(frozen=True)
class IndexRefresh:
    """What bringing the index up to date cost."""

    passages: int
    vectors: int
    embedded: int
    seconds: float

    def line(self) -> str:
        reused = self.vectors - self.embedded
        return (
            f"index: {self.passages} passages, {self.vectors} vectors; embedded {self.embedded} new texts, "
            f"{reused} vectors reused; {self.seconds:.1f} s"
        )


def refresh_index(settings: Settings) -> IndexRefresh:
    """Rebuild the index for the current corpus, embedding only new texts."""
    from corpus import load_corpus  # noqa: PLC0415
    from index import CountingEncoder, Embedder, open_index  # noqa: PLC0415

    started = time.perf_counter()
    corpus = load_corpus(settings.corpus_dir)
    embedder = Embedder.for_index(
        settings.model_name, settings.index_dir, settings.query_prefix, settings.passage_prefix
    )
    encoder = CountingEncoder(embedder.passages)
    passages = corpus.indexed_passages
    index = open_index(
        passages, corpus.content_hash, encoder, settings.index_dir, embedder.export_query_model
    )
    return IndexRefresh(
        len(passages), index.manifest.vector_count, encoder.embedded, time.perf_counter() - started
    )
