"""Ingestion: official material (web pages, PDFs, Word files, text, site maps) into corpus documents.

Why here, in ``corpus``: extracting a source's text and writing its front
matter are facts about the material, not about answering; so this package
imports only ``corpus`` (and its extraction libraries), never ``index`` or
``bot``. Rebuilding the index and reloading the engine after an addition
are the adapters' business (``bot/cli/ingest.py``, ``bot/telegram/ingesting.py``),
which call ``add_*`` or ``sync_sitemap`` and then the usual index build.

The flow: a source's bytes -> ``extract_source`` (trafilatura, pypdf,
python-docx, Markdown/plain text) -> ``Extracted`` blocks -> ``compose_document``
(language detected, front matter filled, validated by ``corpus.Document``)
-> ``DocumentFolder.save`` (new file, update in place, or duplicate refused).
"""

from corpus.ingest.adding import add_bytes, add_file, add_page, add_url
from corpus.ingest.errors import (
    DuplicateError,
    FetchError,
    IngestError,
    NoTextError,
    UnreadableSourceError,
    UnservedLanguageError,
)
from corpus.ingest.extracted import Block, Extracted
from corpus.ingest.fetch import FetchedPage, PoliteFetcher, Validators
from corpus.ingest.folder import DocumentChange, DocumentFolder
from corpus.ingest.frontmatter import SourceFacts, compose_document, render_document
from corpus.ingest.language import detect_document_language
from corpus.ingest.sitemap import Sitemap, SitemapEntry, parse_sitemap
from corpus.ingest.sources import SUPPORTED_SUFFIXES, extract_source
from corpus.ingest.state import STATE_FILE, SyncState
from corpus.ingest.sync import SyncSummary, list_pages, sync_sitemap

__all__ = [
    "STATE_FILE",
    "SUPPORTED_SUFFIXES",
    "Block",
    "DocumentChange",
    "DocumentFolder",
    "DuplicateError",
    "Extracted",
    "FetchError",
    "FetchedPage",
    "IngestError",
    "NoTextError",
    "PoliteFetcher",
    "Sitemap",
    "SitemapEntry",
    "SourceFacts",
    "SyncState",
    "SyncSummary",
    "UnreadableSourceError",
    "UnservedLanguageError",
    "Validators",
    "add_bytes",
    "add_file",
    "add_page",
    "add_url",
    "compose_document",
    "detect_document_language",
    "extract_source",
    "list_pages",
    "parse_sitemap",
    "render_document",
    "sync_sitemap",
]
