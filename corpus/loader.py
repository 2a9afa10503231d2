"""Load the whole corpus directory: documents and mission records.

Everything is validated before anything is indexed: one malformed file stops
the build with a message naming it, so nothing is ever skipped silently.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar, overload

from corpus.chunking import chunk_document
from corpus.document import Document, read_document
from corpus.document_cache import DocumentCache, Snapshot, stamps_of
from corpus.errors import CorpusError, DocumentError
from corpus.mission_passages import mission_passage
from corpus.missions_schema import Mission, load_missions
from corpus.passage import Passage
from corpus.place_names import OTHER_NAMES_FILE, OtherNames, load_other_names
from corpus.question_bank import BankQuestion, bank_passages, load_question_bank
from corpus.topics import Topic, load_topics

log = logging.getLogger(__name__)

DOCUMENTS_DIR = "documents"
MISSIONS_DIR = "missions"
QUESTIONS_DIR = "questions"
TOPICS_DIR = "topics"


_T = TypeVar("_T")


class Deferred(Sequence[_T], Generic[_T]):
    """A sequence of known length whose items are made on first use (by one call of ``make``).

    For the documents and passages of a corpus taken whole from the document
    cache (``DocumentCache.snapshot``): a start whose index fits needs neither.
    Equal to any sequence with the same items, as the tuple it stands for is.
    """

    def __init__(self, length: int, make: Callable[[], Sequence[_T]]) -> None:
        self._length = length
        self._make: Callable[[], Sequence[_T]] | None = make
        self._items: tuple[_T, ...] | None = None
        self._lock = threading.Lock()

    def _all(self) -> tuple[_T, ...]:
        if self._items is None:
            with self._lock:
                if self._items is None and self._make is not None:
                    items = tuple(self._make())
                    if len(items) != self._length:
                        raise CorpusError(
                            f"the document cache gave {len(items)} items, its summary {self._length}"
                        )
                    self._items, self._make = items, None
        return self._items if self._items is not None else ()

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[_T, ...]: ...
    def __getitem__(self, index: int | slice) -> _T | tuple[_T, ...]:
        return self._all()[index]

    def __iter__(self) -> Iterator[_T]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == self._length and tuple(other) == self._all()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return f"Deferred({self._length} items{'' if self._items is None else ', made'})"


@dataclass(frozen=True)
class Corpus:
    """The validated material: documents, mission records and their passages."""

    documents: Sequence[Document]
    missions: tuple[Mission, ...]
    passages: Sequence[Passage]
    questions: tuple[BankQuestion, ...] = ()
    topics: tuple[Topic, ...] = ()
    # Documents their publisher withdrew: kept on disk and listed here, never quoted.
    withdrawn: Sequence[Document] = ()
    # The passages' content hashes (hex, in order) when the document cache knew them
    # without making the passages (``load_corpus`` from a ``Snapshot``).
    passage_hashes: str | None = field(default=None, repr=False, compare=False)
    # Other names of countries and mission cities ("Persia", "Питер"), for the mission lookup.
    other_names: OtherNames = field(default_factory=OtherNames)

    @property
    def content_hash(self) -> str:
        """A hash of every passage, bank question and topic: equal hashes mean one index fits both."""
        digest = hashlib.sha256()
        if self.passage_hashes is not None:
            digest.update(self.passage_hashes.encode("ascii"))  # as one update per passage would give
        else:
            for passage in self.passages:
                digest.update(passage.content_hash.encode("ascii"))
        for question in self.questions:
            digest.update(question.content_hash.encode("ascii"))
        for topic in self.topics:
            digest.update(topic.content_hash.encode("ascii"))
        return digest.hexdigest()

    @property
    def indexed_passages(self) -> Sequence[Passage]:
        """What the index is built from: the passages, then the bank questions as rows of their own.

        Made when first read, so that a start whose index fits makes no passage.
        """
        bank = bank_passages(self.questions)
        return Deferred(len(self.passages) + len(bank), lambda: (*self.passages, *bank))


def load_documents(directory: Path, cache: DocumentCache | None = None) -> tuple[Document, ...]:
    """Read every ``*.md`` document, checking ids are unique and translations have originals."""
    return tuple(document for document, _ in _load_entries(directory, cache))


def _read_and_cut(path: Path) -> tuple[Document, tuple[Passage, ...]]:
    """One document file and its passages (none for a withdrawn document: it is never quoted)."""
    document = read_document(path)
    return document, (tuple(chunk_document(document)) if document.is_current else ())


def _load_entries(
    directory: Path, cache: DocumentCache | None
) -> tuple[tuple[Document, tuple[Passage, ...]], ...]:
    if not directory.is_dir():
        raise CorpusError(f"{directory}: the documents folder does not exist")
    paths = sorted(directory.glob("*.md"))
    entries = tuple(
        cache.document(path, _read_and_cut) if cache is not None else _read_and_cut(path) for path in paths
    )
    if not entries:
        raise CorpusError(f"{directory}: no documents (*.md) found")
    documents = [document for document, _ in entries]
    seen: dict[str, str] = {}
    for document in documents:
        if document.id in seen:
            raise DocumentError(f"{document.path}: id '{document.id}' is also used by {seen[document.id]}")
        seen[document.id] = document.path
    for document in documents:
        if document.translation_of and document.translation_of not in seen:
            raise DocumentError(
                f"{document.path}: translation_of '{document.translation_of}' names no document"
            )
    return entries


def _load_missions(directory: Path) -> tuple[Mission, ...]:
    return tuple(load_missions(directory)) if directory.is_dir() else ()


def load_corpus(corpus_dir: Path, cache: Path | None = None) -> Corpus:
    """Load and validate the corpus folder, making the passages the index is built from.

    Args:
        corpus_dir: the material (``documents/``, ``missions/``, ``questions/``, ``topics/``,
            ``places/other_names.yaml``).
        cache: a ``DocumentCache`` file: documents whose file is unchanged since it was
            written are not parsed and cut again (see ``corpus.document_cache``); when no
            document file changed, documents and passages are made only when first used.
    """
    corpus_dir = Path(corpus_dir)
    documents_dir = corpus_dir / DOCUMENTS_DIR
    if cache is not None and documents_dir.is_dir():
        documents_cache = DocumentCache(cache)
        snapshot = documents_cache.snapshot(stamps_of(documents_dir))
        if snapshot is not None:
            return _from_snapshot(corpus_dir, snapshot)
        try:
            entries = _load_entries(documents_dir, documents_cache)
            documents, withdrawn, passages = _checked(documents_dir, entries)
        finally:
            documents_cache.close()
        try:
            documents_cache.save()  # after the checks: a snapshot is always of a valid set of files
        except OSError as exc:  # a read-only deployment still loads; it only loses the shortcut
            log.warning("document cache %s not written: %s", cache, exc.strerror)
    else:
        documents, withdrawn, passages = _checked(documents_dir, _load_entries(documents_dir, None))
    missions = _load_missions(corpus_dir / MISSIONS_DIR)
    passages.extend(mission_passage(mission) for mission in missions)
    counts: dict[str, int] = {}
    for passage in passages:
        if not passage.is_record and not passage.is_translation:
            counts[passage.family] = max(counts.get(passage.family, 0), passage.position)
    questions = load_question_bank(corpus_dir / QUESTIONS_DIR, counts)
    topics = load_topics(corpus_dir / TOPICS_DIR)
    return Corpus(
        documents=documents,
        missions=missions,
        passages=tuple(passages),
        questions=questions,
        topics=topics,
        withdrawn=withdrawn,
        other_names=_other_names(corpus_dir, missions),
    )


def _other_names(corpus_dir: Path, missions: Sequence[Mission]) -> OtherNames:
    """The other names of places, checked against the places the mission records name."""
    other_names = load_other_names(corpus_dir / OTHER_NAMES_FILE)
    if missions:
        other_names.check_places(
            {m.city for m in missions},
            {c.en for m in missions for c in m.covers},
            corpus_dir / OTHER_NAMES_FILE,
        )
    return other_names


def _checked(
    documents_dir: Path, entries: tuple[tuple[Document, tuple[Passage, ...]], ...]
) -> tuple[tuple[Document, ...], tuple[Document, ...], list[Passage]]:
    """The current documents, the withdrawn ones and the passages, after the checks on them."""
    documents = tuple(d for d, _ in entries if d.is_current)
    withdrawn = tuple(d for d, _ in entries if not d.is_current)
    if not documents:
        raise CorpusError(f"{documents_dir}: every document is withdrawn; nothing to quote")
    passages: list[Passage] = []
    for document, document_passages in entries:
        if not document.is_current:
            continue
        if not document_passages:
            raise DocumentError(f"{document.path}: no passage could be made (only headings or navigation?)")
        passages.extend(document_passages)
    return documents, withdrawn, passages


def _from_snapshot(corpus_dir: Path, snapshot: Snapshot) -> Corpus:
    """The corpus of unchanged document files: what the index check needs now, the rest when used.

    The files were checked when the cache was written (``_checked`` runs before
    ``save``), so only the missions, the question bank and the topics are read.
    """
    summaries = list(snapshot.summaries.values())
    missions = _load_missions(corpus_dir / MISSIONS_DIR)
    records = [mission_passage(mission) for mission in missions]
    counts: dict[str, int] = {}
    for summary in summaries:
        if summary.current and summary.family is not None:
            counts[summary.family] = max(counts.get(summary.family, 0), summary.last_position)

    def current(wanted: bool) -> Callable[[], tuple[Document, ...]]:
        return lambda: tuple(d for d, _ in snapshot.entries() if d.is_current == wanted)

    def passages() -> tuple[Passage, ...]:
        return (*(p for d, ps in snapshot.entries() if d.is_current for p in ps), *records)

    current_count = sum(1 for s in summaries if s.current)
    hashes = "".join(s.hashes for s in summaries if s.current) + "".join(p.content_hash for p in records)
    return Corpus(
        documents=Deferred(current_count, current(True)),
        missions=missions,
        passages=Deferred(len(hashes) // 64, passages),
        questions=load_question_bank(corpus_dir / QUESTIONS_DIR, counts),
        topics=load_topics(corpus_dir / TOPICS_DIR),
        withdrawn=Deferred(len(summaries) - current_count, current(False)),
        other_names=_other_names(corpus_dir, missions),
        passage_hashes=hashes,
    )
