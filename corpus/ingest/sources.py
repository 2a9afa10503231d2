"""Which extractor reads a source: by its declared type, its file suffix, then its first bytes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from corpus.ingest.docx_file import extract_docx
from corpus.ingest.errors import UnreadableSourceError
from corpus.ingest.extracted import Extracted
from corpus.ingest.pdf_file import extract_pdf
from corpus.ingest.text_file import extract_markdown, extract_plain_text
from corpus.ingest.webpage import extract_html

SUPPORTED_SUFFIXES = (".html", ".htm", ".pdf", ".docx", ".md", ".markdown", ".txt")
_BY_SUFFIX: dict[str, str] = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}
_BY_CONTENT_TYPE = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "text/markdown": "markdown",
    "text/plain": "text",
}


def source_format(data: bytes, name: str, content_type: str | None = None) -> str:
    """``html``, ``pdf``, ``docx``, ``markdown`` or ``text``.

    Raises:
        UnreadableSourceError: the type is none of these (an old .doc, an image, an archive).
    """
    declared = (content_type or "").split(";")[0].strip().lower()
    if declared in _BY_CONTENT_TYPE:
        return _BY_CONTENT_TYPE[declared]
    suffix = PurePath(name).suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    head = data[:512].lstrip().lower()
    if head.startswith(b"%pdf"):
        return "pdf"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if head.startswith(b"pk\x03\x04"):
        return "docx"
    kinds = ", ".join(SUPPORTED_SUFFIXES)
    raise UnreadableSourceError(f"{name}: not a kind of file that can be added (these can: {kinds})")


def extract_source(
    data: bytes, name: str, content_type: str | None = None, url: str | None = None
) -> Extracted:
    """The main text of a file or fetched page.

    Raises:
        UnreadableSourceError, NoTextError: as the extractor for its format says.
    """
    readers: dict[str, Callable[[bytes], Extracted]] = {
        "html": lambda raw: extract_html(raw, url),
        "pdf": extract_pdf,
        "docx": extract_docx,
        "markdown": extract_markdown,
        "text": extract_plain_text,
    }
    if not data.strip():
        raise UnreadableSourceError(f"{name}: the file is empty")
    return readers[source_format(data, name, content_type)](data)
