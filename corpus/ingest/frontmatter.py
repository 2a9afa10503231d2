"""Front matter for extracted text, and the document file it makes.

The body is the source's text as extracted: headings as Markdown ``#``
lines, paragraphs separated by blank lines. A lone short line that is not a
heading (a date line, "Share", a caption) would look like a heading to the
chunker, so it is listed under ``boilerplate``: it stays in the body, word
for word, and never becomes a passage or a section label.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml

from corpus import Document, DocumentError, is_heading, parse_document
from corpus.ingest.errors import IngestError, NoTextError
from corpus.ingest.extracted import Extracted
from corpus.ingest.language import detect_document_language

NO_DATE_NOTE = "The source gives no date; this is the day the text was added."
_FIELD_ORDER = (
    "id",
    "title",
    "language",
    "kind",
    "source_name",
    "source_url",
    "date",
    "translation_of",
    "status",
    "withdrawn_on",
    "note",
    "topics",
    "boilerplate",
)


@dataclass(frozen=True)
class SourceFacts:
    """What the operator says about a source; anything left ``None`` is taken from the source."""

    source_url: str | None = None
    kind: Literal["official", "translation"] = "official"
    translation_of: str | None = None
    source_name: str | None = None
    title: str | None = None
    date: dt.date | None = None


def body_text(extracted: Extracted) -> tuple[str, tuple[str, ...]]:
    """The document body and the lines of it to list as boilerplate."""
    pieces: list[str] = []
    boilerplate: list[str] = []
    for block in extracted.blocks:
        if block.kind == "heading":
            pieces.append(f"{'#' * max(1, min(block.level, 6))} {block.text}")
            continue
        pieces.append(block.text)
        if is_heading(block.text) and block.text.strip() not in boilerplate:
            boilerplate.append(block.text.strip())
    return "\n\n".join(pieces) + "\n", tuple(boilerplate)


def _source_name(facts: SourceFacts, extracted: Extracted, url: str) -> str:
    return facts.source_name or extracted.site_name or urlsplit(url).hostname or "unknown source"


def compose_document(
    extracted: Extracted, facts: SourceFacts, document_id: str, today: dt.date, path: Path
) -> Document:
    """The validated document for extracted text and the operator's facts.

    Raises:
        IngestError: no source address, no title, or a field the document model refuses.
        UnservedLanguageError: the text is not in a served language.
    """
    url = facts.source_url or extracted.url
    if not url:
        raise IngestError("the source has no web address: give the URL where the public can read it")
    title = (
        facts.title
        or extracted.title
        or next((b.text for b in extracted.blocks if b.kind == "heading"), None)
    )
    if not title:
        raise NoTextError("the source has no title or heading: give one")
    language = detect_document_language(" ".join(b.text for b in extracted.paragraphs))
    body, boilerplate = body_text(extracted)
    date = facts.date or extracted.date
    meta: dict[str, Any] = {
        "id": document_id,
        "title": title,
        "language": language,
        "kind": facts.kind,
        "source_name": _source_name(facts, extracted, url),
        "source_url": url,
        "date": date or today,
        "translation_of": facts.translation_of,
        "note": None if date else NO_DATE_NOTE,
        "boilerplate": boilerplate,
    }
    return validated(meta, body, path)


def validated(meta: dict[str, Any], body: str, path: Path) -> Document:
    """The document exactly as the loader will read it back from its file."""
    try:
        return parse_document(render_document_text(meta, body), path)
    except DocumentError as exc:
        raise IngestError(str(exc)) from None


def front_matter_fields(document: Document) -> dict[str, Any]:
    """The front-matter fields of a document, without the defaults."""
    data = document.model_dump(exclude={"body", "path"})
    return {name: data[name] for name in _FIELD_ORDER if name in data}


def render_document_text(meta: dict[str, Any], body: str) -> str:
    """The file text: YAML front matter in a fixed order, then the body."""
    defaults: dict[str, Any] = {"status": "current"}
    fields = {
        name: list(value) if isinstance(value, tuple) else value
        for name in _FIELD_ORDER
        if (value := meta.get(name)) not in (None, (), [], defaults.get(name))
    }
    header = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{header}---\n{body}"


def render_document(document: Document) -> str:
    """The file text of a document."""
    return render_document_text(front_matter_fields(document), document.body)
