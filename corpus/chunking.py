"""Cut documents into quotable passages.

A passage is a paragraph, or a few whole sentences of a long paragraph (about
600 characters at most), and is never cut inside a sentence: the bot quotes
passages verbatim, so a cut sentence would misquote the ministry. Headings and
the page title only label the passages under them; navigation lines listed as
``boilerplate`` are dropped.
"""

from __future__ import annotations

import re

from corpus.document import Document
from corpus.passage import Passage

MAX_PASSAGE_CHARS = 600
_MAX_HEADING_WORDS = 12
_SENTENCE_END = re.compile(r"(?:(?<=[.!?…])|(?<=[.!?…][\"'”»)]))\s+(?=[\"'“«(]?[A-ZА-ЯЁІЎ0-9])")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|No|Art|vs|e\.g|i\.e|etc|U\.S|г|гг|т\.е|т\.д|т\.п|им|ул|вул|просп)\.)$",
    re.IGNORECASE,
)


def split_sentences(text: str) -> tuple[str, ...]:
    """Split a paragraph into sentences, keeping each sentence's exact wording."""
    pieces = _SENTENCE_END.split(text.strip())
    sentences: list[str] = []
    for piece in pieces:
        if sentences and _ABBREVIATIONS.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {piece}"
        else:
            sentences.append(piece)
    return tuple(s.strip() for s in sentences if s.strip())


def is_heading(paragraph: str) -> bool:
    """A single short line without closing punctuation is a heading, not a passage."""
    if paragraph.startswith("#"):
        return True
    if "\n" in paragraph.strip():
        return False
    line = paragraph.strip()
    return len(line.split()) <= _MAX_HEADING_WORDS and not line.endswith((".", "!", "?", "…", ":", ";"))


def _paragraphs(document: Document) -> list[str]:
    boilerplate = {line.strip() for line in document.boilerplate}
    kept_lines = [line for line in document.body.splitlines() if line.strip() not in boilerplate]
    text = "\n".join(kept_lines)
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _pack_sentences(sentences: tuple[str, ...], limit: int) -> list[tuple[str, ...]]:
    """Group consecutive whole sentences into runs of at most ``limit`` characters."""
    groups: list[list[str]] = []
    for sentence in sentences:
        if groups and len(" ".join(groups[-1])) + 1 + len(sentence) <= limit:
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
    return [tuple(group) for group in groups]


def chunk_document(document: Document, max_chars: int = MAX_PASSAGE_CHARS) -> list[Passage]:
    """Make the passages of one document, in reading order."""
    passages: list[Passage] = []
    section: str | None = None
    family = document.translation_of or document.id
    for paragraph in _paragraphs(document):
        if is_heading(paragraph):
            heading = paragraph.lstrip("#").strip()
            section = None if heading == document.title else heading
            continue
        flat = " ".join(line.strip() for line in paragraph.splitlines())
        sentences = split_sentences(flat)
        runs = [sentences] if len(flat) <= max_chars else _pack_sentences(sentences, max_chars)
        for run in runs:
            text = flat if len(runs) == 1 else " ".join(run)
            passages.append(
                Passage(
                    id=f"{document.id}#{len(passages) + 1}",
                    doc_id=document.id,
                    family=family,
                    position=len(passages) + 1,
                    text=text,
                    sentences=run,
                    title=document.title,
                    section=section,
                    language=document.language,
                    kind=document.kind,
                    source_name=document.source_name,
                    source_url=document.source_url,
                    date=document.date.isoformat(),
                )
            )
    return passages
