"""Checks that a string is Telegram HTML Telegram would accept: balanced tags, whole entities."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from bot.rendering import utf16_length

_BROKEN_ENTITY = re.compile(r"&(?!#?[A-Za-z0-9]+;)")


class _NestingChecker(HTMLParser):
    """Record nesting errors; Telegram refuses unbalanced or misnested tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unexpected </{tag}>")


def assert_well_formed_html(part: str) -> None:
    """Fail unless every tag in ``part`` is closed in order and every ``&`` starts an entity."""
    checker = _NestingChecker()
    checker.feed(part)
    checker.close()
    assert checker.errors == [] and checker.stack == [], (checker.errors, checker.stack, part)
    assert not _BROKEN_ENTITY.search(part), part
    assert "<" not in checker.rawdata, part  # nothing left unparsed: no tag cut at the end


__all__ = ["assert_well_formed_html", "utf16_length"]  # utf16_length: the bot's own, re-exported
