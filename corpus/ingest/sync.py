"""Keep the corpus in step with a site map: add new pages, update changed ones, withdraw vanished ones.

A page the site map no longer lists, or that answers 404/410, is *withdrawn*:
its document is kept with ``status: withdrawn`` (the loader never quotes it)
so that nothing disappears without a trace. A site map that cannot be read
stops the sync before anything changes: an empty list must not withdraw
the whole site.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from corpus.ingest.adding import add_page
from corpus.ingest.errors import FetchError, IngestError
from corpus.ingest.fetch import PoliteFetcher, Validators
from corpus.ingest.folder import DocumentChange, DocumentFolder
from corpus.ingest.frontmatter import SourceFacts
from corpus.ingest.sitemap import SitemapEntry, parse_sitemap
from corpus.ingest.state import PageState, SyncState

MAX_SITEMAP_DEPTH = 3
Progress = Callable[[Iterable[SitemapEntry]], Iterable[SitemapEntry]]


@dataclass
class SyncSummary:
    """What one sync did, for the operator."""

    listed: int = 0
    not_allowed: int = 0
    added: list[DocumentChange] = field(default_factory=list)
    updated: list[DocumentChange] = field(default_factory=list)
    unchanged: int = 0
    not_modified: int = 0
    withdrawn: list[DocumentChange] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (url, why) kept out of the corpus

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.withdrawn)

    def lines(self) -> list[str]:
        """The summary printed at the end of a sync."""
        lines = [
            f"site map: {self.listed} pages listed, {self.not_allowed} not allowed (host or robots.txt)",
            f"added {len(self.added)}, updated {len(self.updated)}, unchanged {self.unchanged} "
            f"({self.not_modified} answered 304 Not Modified), withdrawn {len(self.withdrawn)}, "
            f"skipped {len(self.skipped)}",
        ]
        lines += [f"  {change.describe()}" for change in (*self.added, *self.updated, *self.withdrawn)]
        lines += [f"  skipped {url}: {why}" for url, why in self.skipped]
        return lines


def list_pages(fetcher: PoliteFetcher, sitemap_url: str, depth: int = 0) -> list[SitemapEntry]:
    """Every page of a site map, following site-map indexes (allowed hosts only).

    Raises:
        FetchError: a site map cannot be fetched or read.
    """
    page = fetcher.fetch(sitemap_url)
    if page.content is None:
        raise FetchError(f"{sitemap_url}: the site map cannot be fetched (HTTP {page.status})")
    sitemap = parse_sitemap(page.content, sitemap_url)
    pages = list(sitemap.pages)
    for child in sitemap.sitemaps:
        if depth + 1 >= MAX_SITEMAP_DEPTH:
            raise FetchError(f"{child.url}: site-map indexes nested deeper than {MAX_SITEMAP_DEPTH}")
        if fetcher.allowed(child.url):
            pages.extend(list_pages(fetcher, child.url, depth + 1))
    return list({entry.url: entry for entry in pages}.values())


def sync_sitemap(
    sitemap_url: str,
    corpus_dir: Path,
    fetcher: PoliteFetcher,
    facts: SourceFacts,
    today: dt.date,
    progress: Progress = lambda entries: entries,
) -> SyncSummary:
    """Bring ``corpus_dir/documents`` in step with the pages the site map lists.

    Raises:
        FetchError: the site map itself cannot be fetched or read (nothing changed then).
    """
    state = SyncState.load(corpus_dir)
    folder = DocumentFolder(Path(corpus_dir) / "documents")
    known = state.pages(sitemap_url)
    entries = list_pages(fetcher, sitemap_url)
    summary = SyncSummary(listed=len(entries))
    allowed = [entry for entry in entries if fetcher.allowed(entry.url)]
    summary.not_allowed = len(entries) - len(allowed)
    seen: set[str] = set()
    for entry in progress(allowed):
        seen.add(entry.url)
        _sync_page(entry, known, folder, fetcher, facts, today, summary)
    for url in sorted(set(known) - seen):
        change = folder.withdraw(url, today)
        if change is not None:
            summary.withdrawn.append(change)
        del known[url]
    state.save()
    return summary


def _sync_page(
    entry: SitemapEntry,
    known: dict[str, PageState],
    folder: DocumentFolder,
    fetcher: PoliteFetcher,
    facts: SourceFacts,
    today: dt.date,
    summary: SyncSummary,
) -> None:
    previous = known.get(entry.url)
    has_document = previous is not None and folder.by_source(entry.url) is not None
    validators = Validators(previous.etag, previous.last_modified) if previous and has_document else None
    try:
        page = fetcher.fetch(entry.url, validators)
    except FetchError as exc:
        summary.skipped.append((entry.url, str(exc)))
        return  # kept as it was: a network error is not a withdrawal
    if page.not_modified:
        summary.unchanged += 1
        summary.not_modified += 1
        return
    if page.gone:
        known.pop(entry.url, None)
        change = folder.withdraw(entry.url, today)
        if change is not None:
            summary.withdrawn.append(change)
        return
    try:
        change = add_page(page, facts, folder, today)
    except IngestError as exc:
        summary.skipped.append((entry.url, str(exc)))
        return
    known[entry.url] = PageState(change.document.id, page.validators.etag, page.validators.last_modified)
    if change.action == "added":
        summary.added.append(change)
    elif change.action == "updated":
        summary.updated.append(change)
    else:
        summary.unchanged += 1
