"""What an extractor hands on: the source's own text in blocks, and what it says about itself."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["heading", "paragraph"]


@dataclass(frozen=True)
class Block:
    """One heading or paragraph, worded exactly as in the source.

    A paragraph may hold several lines (the items of a list, the rows of a
    table); the chunker joins them into one passage.
    """

    kind: BlockKind
    text: str
    level: int = 2  # heading level, 1 for the page's main heading


@dataclass(frozen=True)
class Extracted:
    """The main text of one source, with the metadata found in it (any of it may be missing)."""

    blocks: tuple[Block, ...]
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    site_name: str | None = None
    language_hint: str | None = None  # what the source declares (<html lang>, document properties)

    @property
    def text(self) -> str:
        """All the words, for language detection and duplicate checks."""
        return "\n\n".join(block.text for block in self.blocks)

    @property
    def paragraphs(self) -> tuple[Block, ...]:
        return tuple(block for block in self.blocks if block.kind == "paragraph")
