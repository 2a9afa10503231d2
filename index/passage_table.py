"""The passages of one index part, stored column by column and made into ``Passage`` records on demand.

Why not one JSON object per passage (``passages.jsonl``, schema 9): at 100,000
passages a start spent ~2 s decoding that JSON and building 100,000 frozen
dataclasses, while the first answer quotes a handful. Here the texts and
sentences are one UTF-8 byte string with offsets (``.npy``, memory-mapped: a
start reads none of it), the fields most passages share (title, source, date,
language, family...) are a short list of distinct values with a code per
passage (an ``int32`` matrix, memory-mapped), and the ids are one JSON list,
since search needs them all to find a passage by id. Search reads whole
columns (``column``: each passage's language, family, position) without making
a ``Passage``; ``table[n]`` makes one.

Plain numpy and JSON rather than msgpack, Arrow or a database: numpy is
already the index's array format (FAISS rows, BM25 matrices), it memory-maps,
and it is no new dependency. No pickle: object arrays are never saved.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import overload

import numpy as np

from corpus import Passage
from index.errors import IndexUnreadableError

__all__ = ["TABLE_FILES", "PassageTable"]

# Fields stored as a code per passage into a list of their distinct values (None allowed).
CODED_FIELDS = (
    "doc_id",
    "family",
    "title",
    "section",
    "language",
    "kind",
    "source_name",
    "source_url",
    "date",
    "mission_id",
)
_META_FILE = "passages.json"  # ids and the distinct values of each coded field
_CODES_FILE = "passage_codes.npy"  # (passages, coded fields + 1) int32: the codes, then the position
_STRINGS_FILE = "passage_strings.npy"  # uint8: every text and sentence, UTF-8, one after another
_OFFSETS_FILE = "passage_string_offsets.npy"  # int64 (strings + 1): where each string starts
_FIRST_FILE = "passage_first_string.npy"  # int64 (passages + 1): each passage's text; its sentences follow
TABLE_FILES = (_META_FILE, _CODES_FILE, _STRINGS_FILE, _OFFSETS_FILE, _FIRST_FILE)
_POSITION = len(CODED_FIELDS)


class PassageTable(Sequence[Passage]):
    """An immutable sequence of passages backed by columns (see the module doc)."""

    def __init__(
        self,
        ids: list[str],
        values: dict[str, list[str | None]],
        codes: np.ndarray,
        strings: np.ndarray,
        offsets: np.ndarray,
        first: np.ndarray,
    ) -> None:
        self._ids = ids
        self._values = values
        self._codes = codes
        self._strings = strings
        self._offsets = offsets
        self._first = first
        self._number_of: dict[str, int] | None = None

    @classmethod
    def from_passages(cls, passages: Sequence[Passage]) -> PassageTable:
        """The table of ``passages``, in memory (a build; ``save`` writes it)."""
        if isinstance(passages, PassageTable):
            return passages
        values: dict[str, list[str | None]] = {name: [] for name in CODED_FIELDS}
        numbers: dict[str, dict[str | None, int]] = {name: {} for name in CODED_FIELDS}
        codes = np.zeros((len(passages), _POSITION + 1), dtype=np.int32)
        pieces: list[bytes] = []
        first = np.zeros(len(passages) + 1, dtype=np.int64)
        for row, passage in enumerate(passages):
            for column, name in enumerate(CODED_FIELDS):
                value = getattr(passage, name)
                code = numbers[name].get(value)
                if code is None:
                    code = numbers[name][value] = len(values[name])
                    values[name].append(value)
                codes[row, column] = code
            codes[row, _POSITION] = passage.position
            first[row] = len(pieces)
            pieces.append(passage.text.encode("utf-8"))
            pieces.extend(sentence.encode("utf-8") for sentence in passage.sentences)
        first[len(passages)] = len(pieces)
        lengths = np.fromiter((len(piece) for piece in pieces), dtype=np.int64, count=len(pieces))
        offsets = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(lengths, dtype=np.int64)])
        strings = np.frombuffer(b"".join(pieces), dtype=np.uint8)
        return cls([p.id for p in passages], values, codes, strings, offsets, first)

    def save(self, directory: Path) -> None:
        (directory / _META_FILE).write_text(
            json.dumps({"ids": self._ids, "values": self._values}, ensure_ascii=False), "utf-8"
        )
        for name, array in (
            (_CODES_FILE, self._codes),
            (_STRINGS_FILE, self._strings),
            (_OFFSETS_FILE, self._offsets),
            (_FIRST_FILE, self._first),
        ):
            np.save(directory / name, array, allow_pickle=False)

    @classmethod
    def load(cls, directory: Path) -> PassageTable:
        """The saved table; its arrays are memory-mapped, so nothing of the texts is read yet."""
        try:
            meta = json.loads((directory / _META_FILE).read_text("utf-8"))
            ids, values = meta["ids"], meta["values"]
            arrays = [
                np.asarray(np.load(directory / name, mmap_mode="r", allow_pickle=False))
                for name in (_CODES_FILE, _STRINGS_FILE, _OFFSETS_FILE, _FIRST_FILE)
            ]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexUnreadableError(f"{directory}: passages cannot be read ({exc})") from exc
        codes, strings, offsets, first = arrays
        if not (
            isinstance(ids, list)
            and isinstance(values, dict)
            and sorted(values) == sorted(CODED_FIELDS)
            and codes.shape == (len(ids), _POSITION + 1)
            and len(first) == len(ids) + 1
            and (not len(ids) or int(first[-1]) == len(offsets) - 1)
            and int(offsets[-1]) == len(strings)
        ):
            raise IndexUnreadableError(f"{directory}: passage files disagree with each other")
        return cls(ids, values, codes, strings, offsets, first)

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> Passage: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Passage, ...]: ...
    def __getitem__(self, index: int | slice) -> Passage | tuple[Passage, ...]:
        if isinstance(index, slice):
            return tuple(self._passage(n) for n in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._passage(index)

    def __iter__(self) -> Iterator[Passage]:
        return (self._passage(n) for n in range(len(self)))

    def _string(self, number: int) -> str:
        start, end = int(self._offsets[number]), int(self._offsets[number + 1])
        return bytes(self._strings[start:end]).decode("utf-8")

    def _passage(self, number: int) -> Passage:
        codes = self._codes[number].tolist()
        fields = {name: self._values[name][codes[column]] for column, name in enumerate(CODED_FIELDS)}
        text_at, end = int(self._first[number]), int(self._first[number + 1])
        return Passage(
            id=self._ids[number],
            position=codes[_POSITION],
            text=self._string(text_at),
            sentences=tuple(self._string(n) for n in range(text_at + 1, end)),
            **fields,  # the coded fields: str, and None for a missing section or mission
        )

    @property
    def ids(self) -> list[str]:
        """Every passage's id, in order."""
        return self._ids

    def number_of(self, passage_id: str) -> int | None:
        """The passage's number in the table, or None (the id map is built on first use)."""
        if self._number_of is None:
            self._number_of = {passage_id: n for n, passage_id in enumerate(self._ids)}
        return self._number_of.get(passage_id)

    def column(self, name: str) -> np.ndarray:
        """One coded field of every passage (an object array), without making any ``Passage``."""
        position = CODED_FIELDS.index(name)
        values = np.empty(len(self._values[name]), dtype=object)
        values[:] = self._values[name]
        column: np.ndarray = values[np.asarray(self._codes[:, position])]
        return column

    def values(self, name: str) -> list[str | None]:
        """The distinct values of one coded field, in code order (``codes``)."""
        return self._values[name]

    def codes(self, name: str) -> np.ndarray:
        """One coded field as codes: equal codes, equal values (cheaper to group than strings)."""
        return np.asarray(self._codes[:, CODED_FIELDS.index(name)])

    @property
    def positions(self) -> np.ndarray:
        """Every passage's position in its document."""
        return np.asarray(self._codes[:, _POSITION])
