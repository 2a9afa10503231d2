"""What the last sync saw, kept beside the corpus in ``sync-state.json``.

Per site map: each page's ETag and Last-Modified (for conditional requests)
and the document it became. A page listed before and missing now has
vanished, which only this memory can tell.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from corpus.ingest.errors import IngestError

STATE_FILE = "sync-state.json"
STATE_VERSION = 1


@dataclass
class PageState:
    """One synced page: its validators and the id of its document."""

    doc_id: str | None = None
    etag: str | None = None
    last_modified: str | None = None


@dataclass
class SyncState:
    """Pages by site map, read from and written to one JSON file."""

    path: Path
    sitemaps: dict[str, dict[str, PageState]] = field(default_factory=dict)

    @classmethod
    def load(cls, corpus_dir: Path) -> SyncState:
        path = Path(corpus_dir) / STATE_FILE
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text("utf-8"))
            sitemaps = {
                sitemap: {url: PageState(**page) for url, page in pages.items()}
                for sitemap, pages in data["sitemaps"].items()
            }
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IngestError(f"{path}: unreadable sync state ({exc}); move it away to start afresh") from exc
        return cls(path, sitemaps)

    def pages(self, sitemap: str) -> dict[str, PageState]:
        return self.sitemaps.setdefault(sitemap, {})

    def save(self) -> None:
        data = {
            "version": STATE_VERSION,
            "sitemaps": {
                sitemap: {url: asdict(page) for url, page in sorted(pages.items())}
                for sitemap, pages in self.sitemaps.items()
            },
        }
        scratch = self.path.with_name(f".{self.path.name}.tmp")
        scratch.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", "utf-8")
        os.replace(scratch, self.path)
