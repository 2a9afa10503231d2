"""Text of a Markdown or plain-text file.

Markdown headings (``#``) are sections; paragraphs are separated by blank
lines, as Markdown writes them. A plain-text file is laid-out text and goes
through ``corpus.ingest.lines``. A Markdown file that already has front matter
is a corpus document: add it by copying it into ``corpus/documents/``.
"""

from __future__ import annotations

import re

from corpus.ingest.errors import NoTextError, UnreadableSourceError
from corpus.ingest.extracted import Block, Extracted
from corpus.ingest.lines import blocks_from_lines

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableSourceError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def _first_heading(blocks: list[Block]) -> str | None:
    return next((block.text for block in blocks if block.kind == "heading"), None)


def extract_markdown(data: bytes) -> Extracted:
    """Headings and paragraphs of a Markdown file; its first heading is the title."""
    text = _decode(data)
    if text.startswith("---\n"):
        raise UnreadableSourceError(
            "this Markdown file already has front matter: it is a corpus document, copy it into "
            "corpus/documents/ instead"
        )
    blocks: list[Block] = []
    for paragraph in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in paragraph.strip().splitlines() if line.strip()]
        for line in [ln for ln in lines if _HEADING.match(ln)]:
            match = _HEADING.match(line)
            assert match is not None
            blocks.append(Block("heading", match.group(2), len(match.group(1))))
        body = [ln for ln in lines if not _HEADING.match(ln)]
        if body:
            blocks.append(Block("paragraph", "\n".join(body)))
    if not any(block.kind == "paragraph" for block in blocks):
        raise NoTextError("the file has no paragraphs of text")
    return Extracted(blocks=tuple(blocks), title=_first_heading(blocks))


def extract_plain_text(data: bytes) -> Extracted:
    """Headings and paragraphs of a plain-text file; its first line, if a heading, is the title."""
    blocks = blocks_from_lines(_decode(data))
    if not any(block.kind == "paragraph" for block in blocks):
        raise NoTextError("the file has no paragraphs of text")
    return Extracted(blocks=tuple(blocks), title=_first_heading(blocks))
