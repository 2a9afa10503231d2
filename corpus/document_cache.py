"""Parsed documents and their passages, remembered by each file's size and modification time.

Reading a large corpus is mostly parsing front matter and cutting passages:
at 100,000 passages (11,000 generated pages, ``bot.devtools.scale``) that is
many seconds of a bot's start, repeated for files that did not change. The
cache keeps, per document file, its ``(size, mtime_ns)`` stamp, the validated
``Document`` and its passages in one JSON-lines file; a file whose stamp
differs (or that the cache does not have) is read and cut again, and the cache
is rewritten when anything changed. A ``stat`` per file is the whole cost of
an unchanged corpus.

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
from collections.abc import Callable
from pathlib import Path

from pydantic import ValidationError

from corpus.document import Document
from corpus.passage import Passage

__all__ = ["CACHE_VERSION", "DocumentCache"]

log = logging.getLogger(__name__)

# Raised when what a cached entry holds changes shape (Document or Passage fields, chunking).
CACHE_VERSION = 1
_HEADER = {"document_cache": CACHE_VERSION}

Entry = tuple[Document, tuple[Passage, ...]]


def _stamp(path: Path) -> str:
    status = path.stat()
    return f"{status.st_size}:{status.st_mtime_ns}"


class DocumentCache:
    """Documents read before, by absolute path and stamp; ``save`` writes back what changed."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._stored = self._read()
        self._current: dict[str, tuple[str, Entry]] = {}
        self.hits = 0
        self.misses = 0

    def _read(self) -> dict[str, tuple[str, dict[str, object]]]:
        try:
            with self.path.open(encoding="utf-8") as lines:
                if json.loads(next(lines, "null")) != _HEADER:
                    return {}
                stored = {}
                for line in lines:
                    entry = json.loads(line)
                    stored[entry["file"]] = (entry["stamp"], entry)
                return stored
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("document cache %s ignored: %s", self.path, exc)
            return {}

    def document(self, path: Path, read: Callable[[Path], Entry]) -> Entry:
        """The document at ``path`` and its passages: cached if its stamp is unchanged, else ``read``."""
        key = os.path.abspath(path)  # no syscalls: resolve() took 3 s for 11,000 files
        stamp = _stamp(path)
        stored = self._stored.get(key)
        if stored is not None and stored[0] == stamp:
            try:
                entry = stored[1]
                document = Document.model_validate(entry["document"])
                passages = tuple(Passage.from_dict(p) for p in entry["passages"])  # type: ignore[attr-defined]  # JSON list
            except (ValidationError, KeyError, TypeError, ValueError):
                pass  # a damaged entry: read the file
            else:
                self.hits += 1
                self._current[key] = (stamp, (document, passages))
                return document, passages
        self.misses += 1
        result = read(path)
        self._current[key] = (stamp, result)
        return result

    def save(self) -> None:
        """Write the entries used by this load (dropping files gone since), if anything differs."""
        if self.misses == 0 and set(self._current) == set(self._stored):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
        with partial.open("w", encoding="utf-8") as out:
            out.write(json.dumps(_HEADER) + "\n")
            for key, (stamp, (document, passages)) in self._current.items():
                entry = {
                    "file": key,
                    "stamp": stamp,
                    "document": document.model_dump(mode="json"),
                    "passages": [p.to_dict() for p in passages],
                }
                out.write(json.dumps(entry, ensure_ascii=False) + "\n")
        partial.replace(self.path)
