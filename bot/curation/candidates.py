"""Which passages might answer a question the bot declined: the admin's choices.

The engine's own retrieval ranks the passages (the same hybrid search that
answers questions), without the "is it covered" cut that made the bot decline:
the admin judges coverage here. Mission records are left out (the question
bank is for documents), and a passage and its translations count once, since
they share one bank entry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.pressdesk import Candidate

if TYPE_CHECKING:
    from bot.answering import Engine
    from corpus import Passage

CANDIDATES = 3
SEARCH_DEPTH = 12  # hits read to find CANDIDATES distinct document passages
OPENING_WORDS = 8


def passage_label(passage: Passage) -> str:
    """How a passage is named to an admin: its title, and its section when it has one."""
    return f"{passage.title} § {passage.section}" if passage.section else passage.title


def opening(text: str, words: int = OPENING_WORDS) -> str:
    """The first ``words`` words of ``text``, with an ellipsis when there is more."""
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def passage_candidates(
    engine: Engine, question: str, language: str, limit: int = CANDIDATES
) -> list[Candidate]:
    """The best ``limit`` document passages for ``question``, one per bank entry, best first."""
    hits = engine.searcher.search(question, language, limit=SEARCH_DEPTH).hits
    seen: set[tuple[str, int]] = set()
    candidates: list[Candidate] = []
    for hit in hits:
        passage = hit.passage
        key = (passage.family, passage.position)
        if passage.is_record or key in seen:
            continue
        seen.add(key)
        candidates.append(Candidate(passage.id, passage_label(passage), opening(passage.text)))
        if len(candidates) == limit:
            break
    return candidates
