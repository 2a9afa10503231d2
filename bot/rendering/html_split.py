"""Split Telegram-HTML text into messages that each fit Telegram's length limit.

A reply can quote several long passages; Telegram refuses messages over 4,096
characters. Cutting blindly would break a tag (``<a href=...``), an entity
(``&amp;``) or a sentence, so this module cuts at the best boundary that fits —
paragraph, then sentence or line, then word, and only as a last resort between
two characters — closes the tags open at the cut at the end of one part and
reopens them, attributes and all, at the start of the next. Only the markup is
repeated: the visible text of the parts, joined, is exactly the original's.

Lengths are counted in UTF-16 code units of the HTML source, which is never
less than what Telegram counts, so a part that fits here fits there.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

TELEGRAM_MESSAGE_LIMIT = 4096

_ATOM = re.compile(r"<[^<>]*>|&#?[A-Za-z0-9]+;|[^<&]|[<&]", re.DOTALL)
_TAG_NAME = re.compile(r"^</?\s*([A-Za-z][A-Za-z0-9-]*)")
_SENTENCE_END = frozenset(".!?…;")
_CLOSING_PUNCTUATION = frozenset("\"'»”’)]")

# Boundary priorities: higher is a better place to cut.
_PARAGRAPH, _LINE_OR_SENTENCE, _WORD, _ANYWHERE = 3, 2, 1, 0


class HtmlSplitError(ValueError):
    """The text cannot be split within the limit (a single tag longer than the limit)."""


@dataclass(frozen=True, slots=True)
class _Atom:
    """An indivisible piece of the source: a tag, an entity or one character."""

    raw: str
    size: int
    tag: str | None = None  # lower-case tag name for tags
    closes: bool = False
    opens: bool = False


def utf16_length(text: str) -> int:
    """Length as Telegram counts it (message limits, entity offsets): in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _atoms(text: str) -> list[_Atom]:
    atoms = []
    for match in _ATOM.finditer(text):
        raw = match.group()
        name = _TAG_NAME.match(raw) if len(raw) > 2 and raw[0] == "<" else None
        if name:
            closes = raw.startswith("</")
            opens = not closes and not raw.endswith("/>")
            atoms.append(_Atom(raw, utf16_length(raw), name.group(1).lower(), closes, opens))
        else:
            atoms.append(_Atom(raw, utf16_length(raw)))
    return atoms


def _closer(tag: _Atom) -> str:
    return f"</{tag.tag}>"


def split_html(text: str, limit: int = TELEGRAM_MESSAGE_LIMIT) -> list[str]:
    """Split Telegram HTML into well-formed parts of at most ``limit`` UTF-16 units.

    Args:
        text: well-formed Telegram HTML (tags balanced, text escaped).
        limit: the largest part allowed.

    Returns:
        The parts in order; ``[text]`` when it already fits, ``[]`` for "". A
        remainder of only whitespace after the last cut is dropped: Telegram
        refuses an empty message and the reader loses nothing.

    Raises:
        HtmlSplitError: when a single tag plus the tags enclosing it exceed the limit.
    """
    if utf16_length(text) <= limit:
        return [text] if text else []
    atoms = _atoms(text)
    parts: list[str] = []
    start, reopened = 0, list[_Atom]()  # reopened: start tags still open at ``start``
    while start < len(atoms) and _has_visible_text(atoms[start:]):
        end, stack = _best_cut(atoms, start, reopened, limit)
        body = "".join(tag.raw for tag in reopened) + "".join(a.raw for a in atoms[start:end])
        parts.append(body + "".join(_closer(tag) for tag in reversed(stack)))
        start, reopened = end, stack
    return parts


def _has_visible_text(atoms: list[_Atom]) -> bool:
    return any(atom.tag is None and not html.unescape(atom.raw).isspace() for atom in atoms)


def _best_cut(atoms: list[_Atom], start: int, reopened: list[_Atom], limit: int) -> tuple[int, list[_Atom]]:
    """Find where the part beginning at ``start`` should end, and the tags open there."""
    stack = list(reopened)
    size = sum(tag.size for tag in reopened)
    closers = sum(len(_closer(tag)) for tag in reopened)
    best: dict[int, tuple[int, list[_Atom]]] = {}
    previous_char, last_significant = "", ""
    has_content = False  # a part of only whitespace would be refused by Telegram
    priority = _ANYWHERE
    index = start
    while index < len(atoms):
        atom = atoms[index]
        if atom.opens:
            stack.append(atom)
            closers += len(_closer(atom))
        elif atom.closes and stack and stack[-1].tag == atom.tag:
            stack.pop()
            closers -= len(_closer(atom))
        size += atom.size
        if size + closers > limit:
            break
        index += 1
        if atom.tag is None:
            char = html.unescape(atom.raw)
            priority = _boundary_priority(char, previous_char, last_significant)
            previous_char = char
            if not char.isspace():
                has_content = True
                if char not in _CLOSING_PUNCTUATION:
                    last_significant = char
        else:
            # A closing tag is invisible: the point after it is as good as the point
            # before it, and cutting after it spares the next part an empty element.
            priority = priority if atom.closes else _ANYWHERE
        if has_content and not atom.opens:  # never end right after an opening tag
            best[priority] = (index, list(stack))
    else:
        return len(atoms), stack
    if not best:
        raise HtmlSplitError(f"a tag near atom {start} does not fit in {limit} characters")
    return best[max(best)]


def _boundary_priority(char: str, previous_char: str, last_significant: str) -> int:
    """How good a place the point just after ``char`` is for a cut."""
    if char == "\n":
        return _PARAGRAPH if previous_char == "\n" else _LINE_OR_SENTENCE
    if char.isspace():
        return _LINE_OR_SENTENCE if last_significant in _SENTENCE_END else _WORD
    return _ANYWHERE


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []

    def handle_data(self, data: str) -> None:
        self.chunks.append(data)


def html_to_text(text: str) -> str:
    """Return the visible text of Telegram HTML: tags dropped, entities decoded."""
    collector = _TextCollector()
    collector.feed(text)
    collector.close()
    return "".join(collector.chunks)
