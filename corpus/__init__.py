"""The material the bot may quote: documents, mission records and their passages."""

from corpus.chunking import MAX_PASSAGE_CHARS, chunk_document, split_sentences
from corpus.document import Document, parse_document, read_document
from corpus.errors import CorpusError, DocumentError, QuestionBankError, TopicError
from corpus.loader import Corpus, load_corpus, load_documents
from corpus.passage import RECORD_KIND, Passage
from corpus.question_bank import QUESTION_KIND, BankQuestion, bank_passages, load_question_bank, parse_question_bank
from corpus.topics import Topic, TopicReply, load_topics, parse_topics

__all__ = [
    "MAX_PASSAGE_CHARS",
    "BankQuestion",
    "QUESTION_KIND",
    "bank_passages",
    "QuestionBankError",
    "Topic",
    "TopicError",
    "TopicReply",
    "load_question_bank",
    "load_topics",
    "parse_question_bank",
    "parse_topics",
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
