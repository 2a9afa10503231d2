"""Document ids and file names made from a source's address or file name.

An id must match ``[a-z0-9][a-z0-9_.-]*`` (it becomes a file name and a
passage id prefix), so Cyrillic slugs are transliterated (the official
Belarusian and Russian romanisations, simplified to ASCII) and everything
else becomes hyphens. A short hash of the source keeps ids of different
sources apart when their slugs agree.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

_LATIN_FOR = "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch _ y _ e iu ia i u g ie"
_CYRILLIC = {
    letter: latin.strip("_")
    for letter, latin in zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіўґє", _LATIN_FOR.split(), strict=True)
}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_MAX_ID_CHARS = 80
_INDEX_NAMES = {"index", "default", "main", "home"}


def _ascii(text: str) -> str:
    letters = [_CYRILLIC.get(char, char) for char in text.lower()]
    decomposed = unicodedata.normalize("NFKD", "".join(letters))
    return decomposed.encode("ascii", "ignore").decode("ascii")


def slug(text: str) -> str:
    """Lowercase ASCII words joined by hyphens (empty when nothing is left)."""
    return _NOT_SLUG.sub("-", _ascii(text).replace("-", " ")).strip("-")[:_MAX_ID_CHARS].strip("-")


def source_hash(source: str) -> str:
    """Six hex digits naming a source, to tell apart ids whose slugs agree."""
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:6]


def id_for_url(url: str) -> str:
    """An id from a page address: its path without the file suffix, e.g. ``ru-consular-visa-fees``."""
    parts = urlsplit(url)
    segments = [unquote(s) for s in parts.path.split("/") if s]
    if segments:
        segments[-1] = PurePosixPath(segments[-1]).stem if "." in segments[-1] else segments[-1]
        if segments[-1].lower() in _INDEX_NAMES:
            segments.pop()
    return slug(" ".join(segments)) or slug(parts.hostname or "") or "page"


def id_for_file(file_name: str) -> str:
    """An id from a file name without its suffix."""
    return slug(PurePosixPath(file_name).stem) or "document"


def file_name_for(document_id: str) -> str:
    """The Markdown file that holds the document with this id."""
    return f"{document_id}.md"
