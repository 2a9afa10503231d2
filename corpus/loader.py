"""Load the whole corpus directory: documents and mission records.

Everything is validated before anything is indexed: one malformed file stops
the build with a message naming it, so nothing is ever skipped silently.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from corpus.chunking import chunk_document
from corpus.document import Document, read_document
from corpus.document_cache import DocumentCache
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


@dataclass(frozen=True)
class Corpus:
    """The validated material: documents, mission records and their passages."""

    documents: tuple[Document, ...]
    missions: tuple[Mission, ...]
    passages: tuple[Passage, ...]
    questions: tuple[BankQuestion, ...] = ()
    topics: tuple[Topic, ...] = ()
    # Documents their publisher withdrew: kept on disk and listed here, never quoted.
    withdrawn: tuple[Document, ...] = ()
    # Other names of countries and mission cities ("Persia", "Питер"), for the mission lookup.
    other_names: OtherNames = field(default_factory=OtherNames)

    @property
    def content_hash(self) -> str:
        """A hash of every passage, bank question and topic: equal hashes mean one index fits both."""
        digest = hashlib.sha256()
        for passage in self.passages:
            digest.update(passage.content_hash.encode("ascii"))
        for question in self.questions:
            digest.update(question.content_hash.encode("ascii"))
        for topic in self.topics:
            digest.update(topic.content_hash.encode("ascii"))
        return digest.hexdigest()

    @property
    def indexed_passages(self) -> tuple[Passage, ...]:
        """What the index is built from: the passages, then the bank questions as rows of their own."""
        return (*self.passages, *bank_passages(self.questions))


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
            written are not parsed and cut again (see ``corpus.document_cache``).
    """
    corpus_dir = Path(corpus_dir)
    documents_cache = DocumentCache(cache) if cache is not None else None
    entries = _load_entries(corpus_dir / DOCUMENTS_DIR, documents_cache)
    if documents_cache is not None:
        try:
            documents_cache.save()
        except OSError as exc:  # a read-only deployment still loads; it only loses the shortcut
            log.warning("document cache %s not written: %s", cache, exc.strerror)
    documents = tuple(d for d, _ in entries if d.is_current)
    withdrawn = tuple(d for d, _ in entries if not d.is_current)
    if not documents:
        raise CorpusError(f"{corpus_dir / DOCUMENTS_DIR}: every document is withdrawn; nothing to quote")
    missions = _load_missions(corpus_dir / MISSIONS_DIR)
    other_names = load_other_names(corpus_dir / OTHER_NAMES_FILE)
    if missions:
        other_names.check_places(
            {m.city for m in missions},
            {c.en for m in missions for c in m.covers},
            corpus_dir / OTHER_NAMES_FILE,
        )
    passages: list[Passage] = []
    for document, document_passages in entries:
        if not document.is_current:
            continue
        if not document_passages:
            raise DocumentError(f"{document.path}: no passage could be made (only headings or navigation?)")
        passages.extend(document_passages)
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
        other_names=other_names,
    )
