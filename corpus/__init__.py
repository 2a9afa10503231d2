"""The material the bot may quote: documents, mission records and their passages."""

from corpus.chunking import MAX_PASSAGE_CHARS, chunk_document, is_heading, split_sentences
from corpus.countries import (
    country_code_of,
    country_display_name,
    country_names,
    english_country_name,
    is_country_code,
    subdivision_names,
    translated_country_name,
)
from corpus.document import Document, parse_document, read_document
from corpus.errors import CorpusError, DocumentError, MissionDataError, QuestionBankError, TopicError
from corpus.languages import (
    CYRILLIC_LETTER,
    DEFAULT_LANGUAGE,
    SERVED_LANGUAGES,
    has_cyrillic,
    served_language,
    served_language_or_default,
)
from corpus.loader import MISSIONS_DIR, Corpus, load_corpus, load_documents
from corpus.mission_passages import MISSIONS_SOURCE_NAME, mission_passage
from corpus.missions_schema import (
    DIRECTIONS,
    MISSION_KINDS,
    Contact,
    Head,
    LocalText,
    Mission,
    Names,
    Notice,
    PlaceName,
    Source,
    Status,
    load_missions,
)
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
    "CYRILLIC_LETTER",
    "DEFAULT_LANGUAGE",
    "DIRECTIONS",
    "MAX_PASSAGE_CHARS",
    "MISSIONS_DIR",
    "MISSIONS_SOURCE_NAME",
    "MISSION_KINDS",
    "QUESTION_KIND",
    "RECORD_KIND",
    "SERVED_LANGUAGES",
    "BankQuestion",
    "Contact",
    "Corpus",
    "CorpusError",
    "Document",
    "DocumentError",
    "Head",
    "LocalText",
    "Mission",
    "MissionDataError",
    "Names",
    "Notice",
    "Passage",
    "PlaceName",
    "QuestionBankError",
    "Source",
    "Status",
    "Topic",
    "TopicError",
    "TopicReply",
    "bank_passages",
    "chunk_document",
    "country_code_of",
    "country_display_name",
    "country_names",
    "english_country_name",
    "has_cyrillic",
    "is_country_code",
    "is_heading",
    "load_corpus",
    "load_documents",
    "load_missions",
    "load_question_bank",
    "load_topics",
    "mission_passage",
    "parse_document",
    "parse_question_bank",
    "parse_topics",
    "read_document",
    "served_language",
    "served_language_or_default",
    "split_sentences",
    "subdivision_names",
    "translated_country_name",
]
