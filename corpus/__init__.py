"""The material the bot may quote: documents, mission records and their passages."""

from corpus.chunking import MAX_PASSAGE_CHARS, chunk_document, split_sentences
from corpus.document import Document, parse_document, read_document
from corpus.errors import CorpusError, DocumentError
from corpus.loader import Corpus, load_corpus, load_documents
from corpus.passage import RECORD_KIND, Passage

__all__ = [
    "MAX_PASSAGE_CHARS",
    "RECORD_KIND",
    "Corpus",
    "CorpusError",
    "Document",
    "DocumentError",
    "Passage",
    "chunk_document",
    "load_corpus",
    "load_documents",
    "parse_document",
    "read_document",
    "split_sentences",
]
