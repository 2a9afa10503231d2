"""Parsed documents and their passages, remembered by each file's size and modification time.

Reading a large corpus is mostly parsing front matter and cutting passages:
at 100,000 passages (10,000 generated pages, ``bot.devtools.scale``) that is
many seconds of a bot's start, repeated for files that did not change. The
cache keeps, per document file, its ``(size, mtime_ns)`` stamp, the validated
``Document`` and its passages in one JSON-lines file; a file whose stamp
differs (or that the cache does not have) is read and cut again, and the cache
is rewritten when anything changed.

Its second line is a summary of every file (``FileSummary``: stamp, whether
the document is current, its passages' content hashes, its family's last
position), so a start whose files all carry their cached stamps
(``snapshot``) learns the corpus hash and what the question bank needs without
decoding a document: decoding 100,000 passages' JSON and making them took
~2 s of every start, while a bot whose index fits its corpus quotes from the
index. The documents and passages themselves are decoded when first asked for
(``Snapshot.entries``), from the file as it was when the summary was read (it
stays open: a rewrite replaces the file, it does not change the open one).

The cache only spares work: what it returns is what reading the file gave
when the stamp was taken, and the index still compares the passages' content
hash with its manifest. An edit that keeps both the size and the nanosecond
modification time is the one change it cannot see (``touch`` the file, or
delete the cache, to force a re-read). A damaged or foreign cache file is
ignored and rewritten, never trusted.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from corpus.document import Document
from corpus.passage import Passage

__all__ = ["CACHE_VERSION", "DocumentCache", "FileSummary", "Snapshot", "stamps_of"]

log = logging.getLogger(__name__)

# Raised when what a cached entry holds changes shape (Document or Passage fields, chunking).
CACHE_VERSION = 2
_HEADER = {"document_cache": CACHE_VERSION}

Entry = tuple[Document, tuple[Passage, ...]]


def _stamp(status: os.stat_result) -> str:
    return f"{status.st_size}:{status.st_mtime_ns}"


def stamps_of(directory: Path) -> dict[str, str]:
    """The stamp of every ``*.md`` file of ``directory`` by absolute path, in name order.

    One ``scandir`` and a ``stat`` per file, no ``Path`` objects: the whole cost
    of checking 10,000 unchanged documents.
    """
    base = os.path.abspath(directory)
    with os.scandir(base) as entries:
        found = [(entry.name, entry) for entry in entries if entry.name.endswith(".md")]
    found.sort(key=lambda pair: pair[0])
    stamps: dict[str, str] = {}
    for name, entry in found:
        if not name.startswith(".") and entry.is_file():
            stamps[os.path.join(base, name)] = _stamp(entry.stat())
    return stamps


@dataclass(frozen=True)
class FileSummary:
    """What a start needs of one cached document without decoding it."""

    stamp: str
    current: bool  # not withdrawn: its passages are quotable
    hashes: str  # the passages' content hashes (hex), one after another
    family: str | None  # the family whose passage count it gives the question bank (originals only)
    last_position: int  # its last passage's position

    @property
    def passage_count(self) -> int:
        return len(self.hashes) // 64

    @classmethod
    def of(cls, stamp: str, document: Document, passages: tuple[Passage, ...]) -> FileSummary:
        counted = passages and not passages[0].is_translation and not passages[0].is_record
        return cls(
            stamp=stamp,
            current=document.is_current,
            hashes="".join(p.content_hash for p in passages),
            family=passages[0].family if counted else None,
            last_position=max((p.position for p in passages), default=0),
        )

    def as_list(self) -> list[object]:
        return [self.stamp, self.current, self.hashes, self.family, self.last_position]

    @classmethod
    def from_list(cls, stored: list[Any]) -> FileSummary:
        stamp, current, hashes, family, last_position = stored
        if not (isinstance(stamp, str) and isinstance(hashes, str) and len(hashes) % 64 == 0):
            raise ValueError("malformed file summary")
        return cls(stamp, bool(current), hashes, family, int(last_position))


def _entry(stored: dict[str, Any]) -> Entry:
    document = Document.model_validate(stored["document"])
    return document, tuple(Passage.from_dict(p) for p in stored["passages"])


class Snapshot:
    """Every document file unchanged since the cache was written: summaries now, entries on demand."""

    def __init__(self, summaries: dict[str, FileSummary], stream: IO[str]) -> None:
        self.summaries = summaries
        self._stream: IO[str] | None = stream
        self._entries: tuple[Entry, ...] | None = None
        self._lock = threading.Lock()  # two threads may ask at once (a bot answering while reloading)

    def entries(self) -> tuple[Entry, ...]:
        """Each file's document and passages, in name order (decoded on the first call).

        Raises:
            OSError, ValueError: the cache file was damaged after its summary was read.
        """
        with self._lock:
            if self._entries is None:
                stream = self._stream
                if stream is None:
                    raise ValueError("document cache closed")
                with stream:
                    entries = [_entry(json.loads(line)) for line in stream]
                self._stream = None
                if len(entries) != len(self.summaries):
                    raise ValueError("the document cache has fewer entries than its summary")
                self._entries = tuple(entries)
            return self._entries

    def __del__(self) -> None:
        # A corpus dropped before anything asked for its documents (a reload, a test) lets go
        # of the old file here; until then its space stays allocated even if the cache was replaced.
        if self._stream is not None:
            self._stream.close()


class DocumentCache:
    """Documents read before, by absolute path and stamp; ``save`` writes back what changed."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._summaries, self._stream = self._read_summaries()
        self._stored: dict[str, dict[str, Any]] | None = None  # decoded entries, on first miss of a summary
        self._current: dict[str, tuple[str, Entry]] = {}
        self.hits = 0
        self.misses = 0

    def _read_summaries(self) -> tuple[dict[str, FileSummary], IO[str] | None]:
        try:
            stream = self.path.open(encoding="utf-8")
        except FileNotFoundError:
            return {}, None
        except OSError as exc:
            log.warning("document cache %s ignored: %s", self.path, exc)
            return {}, None
        try:
            if json.loads(next(stream, "null")) != _HEADER:
                stream.close()
                return {}, None
            stored = json.loads(next(stream, "null"))
            summaries = {key: FileSummary.from_list(value) for key, value in stored["files"]}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            stream.close()
            log.warning("document cache %s ignored: %s", self.path, exc)
            return {}, None
        return summaries, stream

    def snapshot(self, stamps: dict[str, str]) -> Snapshot | None:
        """The cached corpus if ``stamps`` (``stamps_of``) are exactly the cached files' stamps, else None."""
        if self._stream is None or len(stamps) != len(self._summaries):
            return None
        if any(
            self._summaries.get(key, None) is None or self._summaries[key].stamp != stamp
            for key, stamp in stamps.items()
        ):
            return None
        if list(stamps) != list(self._summaries):
            return None
        stream, self._stream = self._stream, None
        return Snapshot(self._summaries, stream)

    def _stored_entries(self) -> dict[str, dict[str, Any]]:
        if self._stored is None:
            self._stored = {}
            stream, self._stream = self._stream, None
            if stream is not None:
                try:
                    with stream:
                        for key, line in zip(self._summaries, stream, strict=False):
                            self._stored[key] = json.loads(line)
                except (OSError, ValueError) as exc:
                    log.warning("document cache %s ignored: %s", self.path, exc)
                    self._stored = {}
        return self._stored

    def document(self, path: Path, read: Callable[[Path], Entry]) -> Entry:
        """The document at ``path`` and its passages: cached if its stamp is unchanged, else ``read``."""
        key = os.path.abspath(path)  # no syscalls: resolve() took 3 s for 11,000 files
        stamp = _stamp(path.stat())
        summary = self._summaries.get(key)
        if summary is not None and summary.stamp == stamp:
            stored = self._stored_entries().get(key)
            try:
                if stored is None:
                    raise KeyError(key)
                entry = _entry(stored)
            except (ValidationError, KeyError, TypeError, ValueError):
                pass  # a damaged entry: read the file
            else:
                self.hits += 1
                self._current[key] = (stamp, entry)
                return entry
        self.misses += 1
        result = read(path)
        self._current[key] = (stamp, result)
        return result

    def close(self) -> None:
        """Let go of the cache file (a load that took no ``snapshot`` and read no entry)."""
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def __del__(self) -> None:
        self.close()

    def save(self) -> None:
        """Write the entries used by this load (dropping files gone since), if anything differs."""
        self.close()
        if self.misses == 0 and set(self._current) == set(self._summaries):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        ordered = sorted(self._current.items())
        summaries = [[key, FileSummary.of(stamp, *entry).as_list()] for key, (stamp, entry) in ordered]
        with partial.open("w", encoding="utf-8") as out:
            out.write(json.dumps(_HEADER) + "\n")
            out.write(json.dumps({"files": summaries}, ensure_ascii=False) + "\n")
            for _key, (_stamp_text, (document, passages)) in ordered:
                entry = {
                    "document": document.model_dump(mode="json"),
                    "passages": [p.to_dict() for p in passages],
                }
                out.write(json.dumps(entry, ensure_ascii=False) + "\n")
        partial.replace(self.path)
