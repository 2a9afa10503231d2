"""Embedding, FAISS and BM25 indexes of the passages, and hybrid search over them."""

from index.encoder import Encoder, SentenceTransformerEncoder, resolve_model_location
from index.errors import IndexDamagedError, IndexError_, IndexUnreadableError, ModelLoadError
from index.manifest import SCHEMA_VERSION, IndexManifest
from index.search import Hit, HybridSearcher, SearchResult
from index.store import SearchIndex, build_index, load_index, open_index

__all__ = [
    "SCHEMA_VERSION",
    "Encoder",
    "Hit",
    "HybridSearcher",
    "IndexDamagedError",
    "IndexError_",
    "IndexManifest",
    "IndexUnreadableError",
    "ModelLoadError",
    "SearchIndex",
    "SearchResult",
    "SentenceTransformerEncoder",
    "build_index",
    "load_index",
    "open_index",
    "resolve_model_location",
]
