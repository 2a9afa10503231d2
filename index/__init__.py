"""Embedding, FAISS and BM25 indexes of the passages, and hybrid search over them.

Passages in, a ``SearchIndex`` artifact on disk (a folder of named files and a
JSON manifest), and ``HybridSearcher`` returning ``Hit`` records with the
evidence the answer-or-decline decision needs. The error tree is drawn in
``index.errors``.
"""

from index.bank_search import BankMatch, BankSearcher
from index.chat_shorthand import expand_chat_shorthand
from index.counting import CountingEncoder
from index.encoder import Embedder, OnnxPassageEncoder, SentenceTransformerEncoder, resolve_model_location
from index.encoding import QUERY_CACHE_SIZE, CachedQueries, Encoder
from index.errors import IndexDamagedError, IndexError_, IndexUnreadableError, ModelLoadError, RetrievalError
from index.manifest import SCHEMA_VERSION, IndexManifest
from index.passage_table import PassageTable
from index.query_model import QUERY_MODEL_DIR
from index.russian_morphology import russian_word_known
from index.search import Hit, HybridSearcher, SearchResult
from index.spelling import SpellingCorrector, count_words, english_word_known
from index.store import SearchIndex, build_index, document_cache_path, load_index, open_index
from index.text_analysis import ANALYZER_VERSION, is_concept_term, tokenize
from index.transliteration import Transliteration, lacinka_to_cyrillic, latin_to_cyrillic

__all__ = [
    "ANALYZER_VERSION",
    "QUERY_CACHE_SIZE",
    "QUERY_MODEL_DIR",
    "SCHEMA_VERSION",
    "BankMatch",
    "BankSearcher",
    "CachedQueries",
    "CountingEncoder",
    "Embedder",
    "Encoder",
    "Hit",
    "HybridSearcher",
    "IndexDamagedError",
    "IndexError_",
    "IndexManifest",
    "IndexUnreadableError",
    "ModelLoadError",
    "OnnxPassageEncoder",
    "PassageTable",
    "RetrievalError",
    "SearchIndex",
    "SearchResult",
    "SentenceTransformerEncoder",
    "SpellingCorrector",
    "Transliteration",
    "build_index",
    "count_words",
    "document_cache_path",
    "english_word_known",
    "expand_chat_shorthand",
    "is_concept_term",
    "lacinka_to_cyrillic",
    "latin_to_cyrillic",
    "load_index",
    "open_index",
    "resolve_model_location",
    "russian_word_known",
    "tokenize",
]
