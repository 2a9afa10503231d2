"""Write a corpus file only after the whole corpus validates with it, and never half-way.

A change is first applied to a scratch copy of the corpus folder, which is
loaded exactly as the engine loads it (``corpus.load_corpus``: documents,
missions, and whatever else the loader validates, such as the question bank
and the out-of-scope topics). Only if that succeeds is the real file replaced:
written to a temporary file beside it, flushed to disk, then renamed over the
old one (``os.replace`` is atomic on POSIX), so a reader or a crash sees the
old file or the new one, never a mix.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from bot.curation.records import ChangeRefusedError
from bot.pressdesk import FileEdit
from corpus import CorpusError, load_corpus

Validator = Callable[[Path], object]
_NOT_MATERIAL = shutil.ignore_patterns("*.py", "*.pyc", "__pycache__", ".*")


def read_text(corpus_dir: Path, relative: str) -> str | None:
    """A corpus file's text, or None when it does not exist."""
    path = corpus_dir / relative
    return path.read_text("utf-8") if path.is_file() else None


def validate_edit(corpus_dir: Path, edit: FileEdit, validate: Validator = load_corpus) -> None:
    """Load a scratch copy of the corpus with ``edit`` applied; refuse the edit if it fails.

    Raises:
        ChangeRefusedError: the corpus would not load; the message is the
            loader's, naming the real file rather than the scratch copy.
    """
    with tempfile.TemporaryDirectory(prefix="corpus-check-") as scratch:
        staged = Path(scratch) / "corpus"
        shutil.copytree(corpus_dir, staged, ignore=_NOT_MATERIAL)
        _put(staged / edit.path, edit.after)
        try:
            validate(staged)
        except CorpusError as exc:
            reason = str(exc).replace(str(staged), str(corpus_dir))
            raise ChangeRefusedError(f"the change would break the material: {reason}") from exc


def _put(path: Path, text: str | None) -> None:
    if text is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def write_atomically(path: Path, text: str | None) -> None:
    """Replace ``path`` with ``text`` (None deletes it) via a temporary file and a rename."""
    if text is None:
        path.unlink(missing_ok=True)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def apply_edit(corpus_dir: Path, edit: FileEdit, validate: Validator = load_corpus) -> None:
    """Validate ``edit`` against the whole corpus, then write it atomically.

    Raises:
        ChangeRefusedError: the corpus would not load with the edit; nothing was written.
    """
    validate_edit(corpus_dir, edit, validate)
    write_atomically(corpus_dir / edit.path, edit.after)
