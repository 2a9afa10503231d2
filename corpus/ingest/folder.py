"""The documents folder as ingestion sees it: find by source, spot duplicates, write in place.

A source is known by its web address (``source_url``): adding it again
updates its file in place, keeping the id, the file name and what an operator
wrote by hand (topics, notes, the translation link). Two sources with the
same text are one document: the second is refused as a duplicate, naming the
first. Files are written to a temporary name and renamed, so a reader (a
``/reload`` running meanwhile) never sees half a file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from corpus import Document, chunk_document, read_document
from corpus.ingest.errors import DuplicateError
from corpus.ingest.frontmatter import front_matter_fields, render_document, validated
from corpus.ingest.naming import file_name_for, source_hash

Action = Literal["added", "updated", "unchanged", "withdrawn"]
# Fields a re-added source brings anew; the others are the operator's and are kept.
_FROM_SOURCE = ("title", "language", "date", "source_name", "boilerplate", "note")


@dataclass(frozen=True)
class DocumentChange:
    """What adding (or withdrawing) one source did to the corpus."""

    action: Action
    document: Document
    path: Path
    passages: int
    passages_added: int = 0
    passages_removed: int = 0
    fields_changed: tuple[str, ...] = ()
    # The file's whole text before and after (before None: the file is new): what the press
    # desk's history records, so the change can be followed by other replicas and undone.
    before: str | None = None
    after: str | None = None

    def describe(self) -> str:
        """One line for the operator: what happened to which document."""
        head = f"{self.action}: {self.path.name} ({self.document.language}) «{self.document.title}»"
        details = [f"{self.passages} passages"]
        if self.action == "updated":
            details.append(f"{self.passages_added} new or changed, {self.passages_removed} gone")
            if self.fields_changed:
                details.append("changed: " + ", ".join(self.fields_changed))
        return f"{head}: {'; '.join(details)}"


def text_fingerprint(document: Document) -> str:
    """A hash of the quotable text alone, to recognise the same text under another name."""
    digest = hashlib.sha256()
    for passage in chunk_document(document):
        digest.update(" ".join(passage.text.split()).encode("utf-8") + b"\x1f")
    return digest.hexdigest()


def _passage_texts(document: Document) -> set[str]:
    return {passage.text for passage in chunk_document(document)}


@dataclass
class DocumentFolder:
    """The ``*.md`` documents of one folder, indexed by source address and by text."""

    directory: Path
    _by_url: dict[str, Document] = field(default_factory=dict, init=False)
    _by_text: dict[str, Document] = field(default_factory=dict, init=False)
    _ids: set[str] = field(default_factory=set, init=False)

    def __post_init__(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        for path in sorted(self.directory.glob("*.md")):
            self._remember(read_document(path))

    def _remember(self, document: Document) -> None:
        self._by_url[document.source_url] = document
        self._by_text[text_fingerprint(document)] = document
        self._ids.add(document.id)

    def _forget(self, document: Document) -> None:
        self._by_url.pop(document.source_url, None)
        self._by_text = {key: doc for key, doc in self._by_text.items() if doc.path != document.path}
        self._ids.discard(document.id)

    def by_source(self, url: str) -> Document | None:
        """The document made from ``url``, if any."""
        return self._by_url.get(url)

    @property
    def documents(self) -> tuple[Document, ...]:
        return tuple(self._by_url.values())

    def new_id(self, wanted: str, source: str) -> str:
        """``wanted`` if no document uses it (nor its file name), else ``wanted`` plus the source's hash."""
        taken = wanted in self._ids or (self.directory / file_name_for(wanted)).exists()
        return f"{wanted}-{source_hash(source)}" if taken else wanted

    def path_for(self, document_id: str) -> Path:
        return self.directory / file_name_for(document_id)

    def save(self, document: Document) -> DocumentChange:
        """Add ``document`` or update the one from the same source; refuse a duplicate text.

        Raises:
            DuplicateError: another source's document has the same text.
        """
        twin = self._by_text.get(text_fingerprint(document))
        if twin is not None and twin.source_url != document.source_url:
            raise DuplicateError(
                f"the same text is already in the corpus as {Path(twin.path).name} "
                f"(from {twin.source_url}); nothing was written"
            )
        previous = self.by_source(document.source_url)
        if previous is None:
            after = self._write(document)
            self._remember(document)
            count = len(chunk_document(document))
            return DocumentChange("added", document, Path(document.path), count, after=after)
        return self._update(previous, document)

    def _update(self, previous: Document, fresh: Document) -> DocumentChange:
        meta: dict[str, Any] = front_matter_fields(previous)
        for name in _FROM_SOURCE:
            meta[name] = getattr(fresh, name)
        meta["status"], meta["withdrawn_on"] = "current", None
        merged = validated(meta, fresh.body, Path(previous.path))
        changed = tuple(
            name
            for name in (*_FROM_SOURCE, "status", "body")
            if getattr(previous, name) != getattr(merged, name)
        )
        count = len(chunk_document(merged))
        if not changed:
            return DocumentChange("unchanged", previous, Path(previous.path), count)
        old, new = _passage_texts(previous), _passage_texts(merged)
        before = _file_text(Path(previous.path))
        self._forget(previous)
        after = self._write(merged)
        self._remember(merged)
        return DocumentChange(
            "updated",
            merged,
            Path(merged.path),
            count,
            len(new - old),
            len(old - new),
            changed,
            before=before,
            after=after,
        )

    def withdraw(self, url: str, on: dt.date) -> DocumentChange | None:
        """Mark the document from ``url`` withdrawn (kept, never quoted); None if there is none."""
        previous = self.by_source(url)
        if previous is None or not previous.is_current:
            return None
        meta = {**front_matter_fields(previous), "status": "withdrawn", "withdrawn_on": on}
        document = validated(meta, previous.body, Path(previous.path))
        before = _file_text(Path(previous.path))
        self._forget(previous)
        after = self._write(document)
        self._remember(document)
        return DocumentChange("withdrawn", document, Path(document.path), 0, before=before, after=after)

    def _write(self, document: Document) -> str:
        """Write ``document`` to its file atomically; return the text written."""
        path = Path(document.path)
        text = render_document(document)
        scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        scratch.write_text(text, encoding="utf-8")
        os.replace(scratch, path)
        assert read_document(path) == document, "a written document must read back unchanged"
        return text


def _file_text(path: Path) -> str | None:
    """The file's text as it is on disk (None if it is gone), exactly as an undo must restore it."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
