"""Add one source (a file's bytes, a fetched page) to the documents folder."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from corpus.ingest.errors import IngestError, UnreadableSourceError
from corpus.ingest.fetch import FetchedPage, PoliteFetcher, host_of
from corpus.ingest.folder import DocumentChange, DocumentFolder
from corpus.ingest.frontmatter import SourceFacts, compose_document
from corpus.ingest.naming import id_for_file, id_for_url
from corpus.ingest.sources import extract_source


def add_bytes(
    data: bytes,
    name: str,
    facts: SourceFacts,
    folder: DocumentFolder,
    today: dt.date,
    *,
    content_type: str | None = None,
    page_url: str | None = None,
) -> DocumentChange:
    """Extract ``data`` (a file called ``name``, or the page at ``page_url``) and save it as a document.

    Raises:
        IngestError: the source yields no quotable text in a served language, has no
            web address, or duplicates another document; nothing is written then.
    """
    extracted = extract_source(data, name, content_type, url=page_url)
    url = facts.source_url or page_url or extracted.url
    if not url:
        raise IngestError(f"{name}: give the web address where the public can read this text (--url)")
    existing = folder.by_source(url)
    if existing is not None:
        document_id, path = existing.id, Path(existing.path)
    else:
        wanted = id_for_url(url) if page_url else id_for_file(name)
        document_id = folder.new_id(wanted, url)
        path = folder.path_for(document_id)
    document = compose_document(
        extracted, SourceFacts(**{**facts.__dict__, "source_url": url}), document_id, today, path
    )
    return folder.save(document)


def add_file(path: Path, facts: SourceFacts, folder: DocumentFolder, today: dt.date) -> DocumentChange:
    """Add a local file (HTML, PDF, DOCX, Markdown or plain text)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableSourceError(f"{path}: cannot be read: {exc.strerror}") from exc
    return add_bytes(data, path.name, facts, folder, today)


def add_page(page: FetchedPage, facts: SourceFacts, folder: DocumentFolder, today: dt.date) -> DocumentChange:
    """Add a fetched page under its own address."""
    if page.content is None:
        raise UnreadableSourceError(f"{page.url}: the server sent no page (HTTP {page.status})")
    name = page.url.rsplit("/", 1)[-1] or "index.html"
    return add_bytes(
        page.content, name, facts, folder, today, content_type=page.content_type, page_url=page.url
    )


def add_url(url: str, facts: SourceFacts, folder: DocumentFolder, today: dt.date) -> DocumentChange:
    """Fetch one page (robots.txt respected) and add it.

    Raises:
        FetchError: the page cannot be fetched or robots.txt forbids it.
        IngestError: as ``add_bytes``.
    """
    with PoliteFetcher(frozenset({host_of(url)}), delay_seconds=0.0) as fetcher:
        page = fetcher.fetch(url)
    if page.gone:
        raise UnreadableSourceError(f"{url}: the server says there is no such page (HTTP {page.status})")
    return add_page(page, facts, folder, today)
