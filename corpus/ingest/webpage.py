"""Main text of a web page, by trafilatura.

Why trafilatura: it is the maintained, benchmarked main-content extractor for
HTML (used by research crawls at scale); it drops navigation, headers,
footers and cookie banners, keeps headings, lists and tables apart from
paragraphs, and reads the page's date with htmldate (meta tags, time
elements, the visible text), so no site-specific rules are needed here.
The text it keeps is the page's own words, whitespace normalised.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import trafilatura
from trafilatura.settings import Document as ExtractedPage

from corpus.ingest.errors import NoTextError
from corpus.ingest.extracted import Block, Extracted

_LANG_ATTRIBUTE = re.compile(rb"<html[^>]*\blang=[\"']?([A-Za-z]{2})", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def _text_of(element: Any) -> str:  # noqa: ANN401 - an lxml element (trafilatura's tree)
    return _SPACES.sub(" ", "".join(element.itertext())).strip()


def _blocks(body: Any) -> list[Block]:  # noqa: ANN401 - an lxml element (trafilatura's tree)
    """Headings and paragraphs in page order; a paragraph repeated word for word is kept once.

    (trafilatura's fallback extractors can return a short page's text twice.)
    """
    blocks: list[Block] = []
    for element in body:
        tag = element.tag
        if tag == "head":
            level = int(str(element.get("rend", "h2")).lstrip("h") or 2)
            if text := _text_of(element):
                blocks.append(Block("heading", text, level))
        elif tag == "list":
            items = [_text_of(item) for item in element.iter("item")]
            if lines := [item for item in items if item]:
                blocks.append(Block("paragraph", "\n".join(lines)))
        elif tag == "table":
            rows = [" | ".join(_text_of(cell) for cell in row.iter("cell")) for row in element.iter("row")]
            if lines := [row for row in rows if row.strip(" |")]:
                blocks.append(Block("paragraph", "\n".join(lines)))
        elif text := _text_of(element):
            blocks.append(Block("paragraph", text))
    seen: set[str] = set()
    unique = []
    for block in blocks:
        if block.kind == "paragraph" and block.text in seen:
            continue
        seen.add(block.text)
        unique.append(block)
    return unique


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def extract_html(data: bytes, url: str | None = None) -> Extracted:
    """Extract the main text, title, date and site name of one HTML page.

    Raises:
        NoTextError: the page has no main text (only navigation, or empty).
    """
    html = data.decode("utf-8", errors="replace")
    found = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_formatting=False,
        include_tables=True,
        include_links=False,
        include_comments=False,
        include_images=False,
        favor_precision=True,  # a page of links alone is navigation, not text: yield nothing
    )
    if not isinstance(found, ExtractedPage) or found.body is None:
        raise NoTextError("the page has no main text (only navigation or nothing at all)")
    blocks = _blocks(found.body)
    if not any(block.kind == "paragraph" for block in blocks):
        raise NoTextError("the page has no paragraphs of text, only headings or navigation")
    declared = _LANG_ATTRIBUTE.search(data[:4096])
    return Extracted(
        blocks=tuple(blocks),
        title=found.title or None,
        date=_date(found.date),
        url=found.url or url,
        site_name=found.sitename or None,
        language_hint=declared.group(1).decode("ascii").lower() if declared else None,
    )
