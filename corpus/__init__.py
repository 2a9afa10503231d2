"""The material the bot may quote: documents, mission records and their passages."""

from corpus.chunking import MAX_PASSAGE_CHARS, chunk_document, split_sentences
from corpus.document import Document, parse_document, read_document
from corpus.errors import CorpusError, DocumentError, QuestionBankError, TopicError
from corpus.loader import Corpus, load_corpus, load_documents
from corpus.passage import RECORD_KIND, Passage
from corpus.question_bank import (
    QUESTION_KIND,
    BankQuestion,
    bank_passages,
    load_question_bank,
    parse_question_bank,
)
from corpus.topics import Topic, TopicReply, load_topics, parse_topics

__all__ = [
    "MAX_PASSAGE_CHARS",
    "QUESTION_KIND",
    "RECORD_KIND",
    "BankQuestion",
    "Corpus",
    "CorpusError",
    "Document",
    "DocumentError",
    "Passage",
    "QuestionBankError",
    "Topic",
    "TopicError",
    "TopicReply",
    "bank_passages",
    "chunk_document",
    "load_corpus",
    "load_documents",
    "load_question_bank",
    "load_topics",
    "parse_document",
    "parse_question_bank",
    "parse_topics",
    "read_document",
    "split_sentences",
]
