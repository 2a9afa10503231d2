"""Clean what a user typed into a question, or say why it is not one.

Users paste all sorts of things: nothing, emoji, whole articles, binary junk,
HTML or Markdown. Each gets a clear reason so the reply can explain, and the
text used for retrieval has markup removed (the reply still escapes it).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

MAX_QUESTION_CHARS = 1000
_CODE_BLOCK = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_MARKDOWN_LINK = re.compile(r"\[([^\]]{0,200})\]\([^)]{0,500}\)")
_TAG = re.compile(r"</?[A-Za-z][^<>]{0,200}>")
_MARKDOWN = re.compile(r"[*_`~|>#\[\]]+")
_URL = re.compile(r"https?://\S+")
_WHITESPACE = re.compile(r"\s+")

Problem = Literal["empty", "no_words", "too_long", "unreadable"]


@dataclass(frozen=True)
class CleanQuestion:
    """A question ready for retrieval, or the problem that stops it."""

    text: str
    problem: Problem | None = None
    length: int = 0


def _unreadable_share(text: str) -> float:
    """Share of characters that are control, private-use, unassigned or replacement characters."""
    bad = sum(
        1
        for ch in text
        if ch == "\ufffd" or (unicodedata.category(ch) in {"Cc", "Co", "Cn", "Cs"} and ch not in "\n\r\t")
    )
    return bad / max(len(text), 1)


def clean_question(raw: str | bytes | None) -> CleanQuestion:
    """Normalise a typed question; flag empty, wordless, too long or binary input."""
    if raw is None:
        return CleanQuestion("", "empty")
    if isinstance(raw, bytes):
        raw = raw.decode("utf-8", errors="replace")
    length = len(raw)
    if not raw.strip():
        return CleanQuestion("", "empty", length)
    if _unreadable_share(raw) > 0.1:
        return CleanQuestion("", "unreadable", length)
    if length > MAX_QUESTION_CHARS:
        return CleanQuestion("", "too_long", length)
    text = unicodedata.normalize("NFC", raw)
    text = _CODE_BLOCK.sub(" ", text)
    text = _MARKDOWN_LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)  # before links: a link inside a tag would take the tag's end with it
    text = _URL.sub(" ", text)
    text = _MARKDOWN.sub(" ", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    text = _WHITESPACE.sub(" ", text).strip()
    if not any(ch.isalnum() for ch in text):
        return CleanQuestion("", "no_words", length)
    return CleanQuestion(text, None, length)
