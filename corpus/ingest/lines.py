"""Lines of laid-out text (a PDF page, a plain-text file) back into headings and paragraphs.

Such text has lost its structure: a paragraph is a run of lines, and only
blank lines, short last lines and unpunctuated one-line titles say where one
ends. These rules are the ones a reader uses; the words are never changed
(a hyphen at a line end is kept, only the line break goes).
"""

from __future__ import annotations

import re

from corpus.ingest.extracted import Block

_MAX_HEADING_WORDS = 12
_SENTENCE_END = (".", "!", "?", "…", ":", ";", "»", '"', "”", ")")
_PAGE_CHROME = re.compile(r"^(?:\d{1,4}|page \d+( of \d+)?|стр\. \d+|старонка \d+|- \d+ -)$", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0]+")
# A line shorter than this share of the block's longest line, ending a sentence, ends its paragraph.
_SHORT_LINE_SHARE = 0.8


def _is_heading_line(line: str) -> bool:
    return len(line.split()) <= _MAX_HEADING_WORDS and not line.endswith(_SENTENCE_END)


def _join(lines: list[str]) -> str:
    text = lines[0]
    for line in lines[1:]:
        if text.endswith("-") and line[:1].islower():
            text += line  # a word broken at the line end: keep its hyphen, drop the break
        else:
            text += " " + line
    return text


def _split_block(lines: list[str]) -> list[Block]:
    """One run of lines without blank lines: headings and paragraphs by line shape."""
    blocks: list[Block] = []
    widest = max(len(line) for line in lines)
    current: list[str] = []
    for number, line in enumerate(lines):
        single = not current and (number + 1 == len(lines) or _is_heading_line(line))
        if single and _is_heading_line(line) and len(lines) > 1:
            blocks.append(Block("heading", line))
            continue
        current.append(line)
        if line.endswith(_SENTENCE_END) and len(line) < _SHORT_LINE_SHARE * widest:
            blocks.append(Block("paragraph", _join(current)))
            current = []
    if current:
        text = _join(current)
        blocks.append(Block("heading" if len(current) == 1 and _is_heading_line(text) else "paragraph", text))
    return blocks


def blocks_from_lines(text: str) -> list[Block]:
    """Headings and paragraphs of laid-out text; page numbers are dropped."""
    blocks: list[Block] = []
    run: list[str] = []
    for raw in [*text.splitlines(), ""]:
        line = _SPACES.sub(" ", raw).strip()
        if line and _PAGE_CHROME.match(line):
            continue
        if line:
            run.append(line)
        elif run:
            blocks.extend(_split_block(run))
            run = []
    return blocks
