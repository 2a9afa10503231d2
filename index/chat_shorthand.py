"""English chat shorthand spelt out: "do u guys", "how active r we in the cis n eaeu".

People type to a bot as they text. The embedding model was trained on written
English and the material spells words out, so "u", "r", "n" and "abt" are
noise to both: "do u guys treat every country the same or nah" sat at cosine
0.50 to the bank's "Does Belarus treat all countries the same way?". The
shorthand is expanded before the question is analysed and embedded.

A small table rather than a library: the maintained packages for this
(``contractions``) expand "don't" and "won't", which the tokenizers already
handle, and no PyPI package ships a chat-abbreviation table without pulling a
model. Only unambiguous whole words are listed: a letter that is also a word
("i", "a") or an abbreviation the material uses ("EU", "US") is not.
"""

from __future__ import annotations

import re

__all__ = ["expand_chat_shorthand"]

_SHORTHAND = {
    "u": "you",
    "ur": "your",
    "r": "are",
    "n": "and",
    "y": "why",
    "wat": "what",
    "wut": "what",
    "abt": "about",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "tho": "though",
    "pls": "please",
    "plz": "please",
    "govt": "government",
    "gov": "government",
    "intl": "international",
    "ppl": "people",
    "smth": "something",
    "sth": "something",
    "nah": "no",
    "b4": "before",
    "w/": "with",
}
_WORD = re.compile(
    r"(?<![\w/.])(?:"
    + "|".join(re.escape(k) for k in sorted(_SHORTHAND, key=len, reverse=True))
    + r")(?![\w/.])",
    re.IGNORECASE,
)


def expand_chat_shorthand(text: str) -> str:
    """``text`` with English chat shorthand ("u", "r", "abt") written out; lowercase, as typed."""
    return _WORD.sub(lambda match: _SHORTHAND[match.group().lower()], text)
