"""Reload the material without a restart: a new ``Engine`` from the same options and encoder.

Press staff fix a gap in the corpus and want the bot to quote the fix at once.
A reload reads the corpus folder again, brings the index up to date and
returns a *new* engine; the caller swaps it in with one assignment. Nothing of
the running engine is changed, so questions already being answered finish on
the old engine and every later one sees the new one: there is no moment at
which half of the material is old.

Why it is cheap: the embedding model is the slow part of a start, and a reload
reuses the running engine's encoder instead of loading a second copy. An
unchanged corpus reopens the saved index (its manifest's corpus hash still
fits); a changed one is rebuilt by ``index.store.build_index``, which re-embeds
only the texts whose hash is new and renames the finished folder into place,
so the old engine, holding its index in memory, never sees a half-written one.

A broken corpus raises ``CorpusError`` before the index folder is touched; the
caller keeps serving with the old engine and shows the error.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from bot.answering.engine import Engine


@dataclass(frozen=True)
class ReloadSummary:
    """What a reload changed, for the admin who asked for it."""

    seconds: float
    documents: int
    missions: int
    passages: int
    added: int  # passages whose text or citation is new (edited passages count here)
    removed: int  # passages of the old material that are gone (edited ones count here too)

    @property
    def changed(self) -> bool:
        """Whether the material differs from what was served before."""
        return bool(self.added or self.removed)


def reload_engine(current: Engine) -> Engine:
    """Load the corpus again from ``current.options`` and return a new engine over it.

    Args:
        current: the engine serving now; its options and encoder are reused,
            and it is not modified.

    Returns:
        A new engine, warmed (``Engine.warm``); unchanged passages keep their stored vectors.

    Raises:
        CorpusError: the material is malformed (the message names the file).
        RetrievalError: the index folder cannot be written or read.
    """
    engine = Engine.load(current.options, current.embedder)
    engine.warm()  # here, off the serving path: no question to the new engine pays for it
    return engine


def summarise_reload(old: Engine, new: Engine, seconds: float) -> ReloadSummary:
    """Compare the material of ``old`` and ``new`` by passage content hashes."""
    before = {passage.content_hash for passage in old.corpus.passages}
    after = {passage.content_hash for passage in new.corpus.passages}
    return ReloadSummary(
        seconds=round(seconds, 2),
        documents=len(new.corpus.documents),
        missions=len(new.corpus.missions),
        passages=len(new.corpus.passages),
        added=len(after - before),
        removed=len(before - after),
    )


def timed_reload(current: Engine) -> tuple[Engine, ReloadSummary]:
    """``reload_engine`` plus its ``ReloadSummary``; blocking, run it in a worker thread."""
    started = time.perf_counter()
    new = reload_engine(current)
    return new, summarise_reload(current, new, time.perf_counter() - started)
