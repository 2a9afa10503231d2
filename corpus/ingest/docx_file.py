"""Text of a Word document (.docx), by python-docx.

Why python-docx: the maintained reader of the Office Open XML format; it
gives each paragraph with its style, so "Heading N" and "Title" paragraphs
become sections exactly as their author marked them, and tables row by row.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import docx
from docx.opc.exceptions import PackageNotFoundError

from corpus.ingest.errors import NoTextError, UnreadableSourceError
from corpus.ingest.extracted import Block, Extracted


def _heading_level(style_name: str) -> int | None:
    if style_name == "Title":
        return 1
    if style_name.startswith("Heading"):
        number = style_name.removeprefix("Heading").strip()
        return int(number) + 1 if number.isdigit() else 2
    return None


def extract_docx(data: bytes) -> Extracted:
    """Extract the paragraphs, headings, tables, title and date of a .docx file.

    Raises:
        UnreadableSourceError: not a .docx file (an old .doc, say) or damaged.
        NoTextError: the document has no paragraphs of text.
    """
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableSourceError(f"not a readable .docx file ({exc}); save it as .docx or PDF") from exc
    blocks: list[Block] = []
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        level = _heading_level(paragraph.style.name if paragraph.style is not None else "")
        blocks.append(Block("heading", text, level) if level else Block("paragraph", text))
    for table in document.tables:
        rows = [" | ".join(" ".join(cell.text.split()) for cell in row.cells) for row in table.rows]
        if lines := [row for row in rows if row.strip(" |")]:
            blocks.append(Block("paragraph", "\n".join(lines)))
    if not any(block.kind == "paragraph" for block in blocks):
        raise NoTextError("the document has no paragraphs of text")
    properties = document.core_properties
    stamp = properties.modified or properties.created
    title = (properties.title or "").strip() or None
    if title is None:
        title = next((b.text for b in blocks if b.kind == "heading" and b.level == 1), None)
    return Extracted(
        blocks=tuple(blocks),
        title=title,
        date=stamp.date() if isinstance(stamp, dt.datetime) else None,
        language_hint=(properties.language or "")[:2].lower() or None,
    )
