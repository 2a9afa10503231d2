"""Text of a PDF, by pypdf.

Why pypdf: pure Python and maintained, so it installs everywhere the bot does
(no poppler binary); its layout mode keeps the vertical gaps between
paragraphs as blank lines, which ``corpus.ingest.lines`` turns back into
headings and paragraphs. A scanned PDF (images only) yields no text and is
refused: the bot quotes words, it does not guess them from pictures.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from collections.abc import Mapping

import pypdf
from pypdf.errors import PdfReadError

from corpus.ingest.errors import NoTextError, UnreadableSourceError
from corpus.ingest.extracted import Extracted
from corpus.ingest.lines import blocks_from_lines

_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})(\d{2})")


def _pdf_date(value: object) -> dt.date | None:
    match = _PDF_DATE.match(str(value or ""))
    if match is None:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def extract_pdf(data: bytes) -> Extracted:
    """Extract the text of every page, its title and its date from the document properties.

    Raises:
        UnreadableSourceError: not a PDF, damaged, or encrypted.
        NoTextError: the pages carry no text (a scan).
    """
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # it warns about every odd object
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableSourceError("the PDF is encrypted; save an unprotected copy and add that")
        pages = [page.extract_text(extraction_mode="layout") for page in reader.pages]
        metadata: Mapping[str, object] = reader.metadata or {}
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise UnreadableSourceError(f"not a readable PDF ({exc})") from exc
    blocks = [block for page in pages for block in blocks_from_lines(page)]
    if not any(block.kind == "paragraph" for block in blocks):
        raise NoTextError("the PDF has no text layer (a scan?); only text can be quoted")
    title = str(metadata.get("/Title") or "").strip() or None
    return Extracted(
        blocks=tuple(blocks),
        title=title,
        date=_pdf_date(metadata.get("/ModDate") or metadata.get("/CreationDate")),
    )
