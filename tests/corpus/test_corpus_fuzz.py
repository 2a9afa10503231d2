"""Any front matter and any mission file either loads or fails with the corpus's own error.

A mistyped value must never escape as a bare ``ValueError`` or ``TypeError``
(``date: 2026-13-45`` did): property-based tests (hypothesis) feed the
parsers arbitrary YAML values and arbitrary text.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus.document import Document, parse_document
from corpus.errors import CorpusError, DocumentError
from corpus.missions_schema import load_missions

FIELDS = ["id", "title", "language", "kind", "source_name", "source_url", "date", "translation_of", "note"]
GOOD = {
    "id": "policy.en",
    "title": "Foreign policy",
    "language": "en",
    "kind": "official",
    "source_name": "MFA",
    "source_url": "https://mfa.gov.by/en/",
    "date": "2026-11-28",
}
DATE_LIKE = st.from_regex(r"\A[0-9]{1,4}-[0-9]{1,2}-[0-9]{1,2}\Z") | st.from_regex(r"\A[0-9]{4}-[0-9]{2}\Z")
SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30) | DATE_LIKE
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)


def document_text(meta: dict[str, Any], body: str = "Some text of the document.\n") -> str:
    return f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{body}"


def parses_or_names_the_file(text: str) -> Document | None:
    """The document, or None after checking that its error names the file."""
    document, error = parsed(text, Path("documents/fuzz.en.md"))
    assert error is None or str(error).startswith("documents/fuzz.en.md: "), error
    return document


def parsed(text: str, path: Path) -> tuple[Document | None, DocumentError | None]:
    """Parse, keeping a ``DocumentError`` (any other exception fails the test)."""
    try:
        return parse_document(text, path), None
    except DocumentError as exc:
        return None, exc


def missions_error(folder: Path) -> CorpusError | None:
    """Load the mission files, keeping a ``CorpusError`` (any other exception fails the test)."""
    try:
        load_missions(folder)
    except CorpusError as exc:
        return exc
    return None


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), VALUES, max_size=len(FIELDS)))
def test_any_front_matter_values_load_or_raise_a_document_error(changes: dict[str, Any]) -> None:
    parses_or_names_the_file(document_text({**GOOD, **changes}))


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(FIELDS), VALUES)
def test_a_bad_value_is_reported_under_its_field(field: str, value: Any) -> None:
    _, error = parsed(document_text({**GOOD, field: value}), Path("fuzz.md"))
    assert error is None or field in str(error) or "front matter" in str(error), error


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.text(max_size=100))
def test_any_header_text_loads_or_raises_a_document_error(header: str, body: str) -> None:
    parses_or_names_the_file(f"---\n{header}\n---\n{body}")


@settings(max_examples=300, deadline=None)
@given(DATE_LIKE)
def test_an_unquoted_date_of_any_shape_is_a_field_error_or_a_date(date: str) -> None:
    text = f"---\n{yaml.safe_dump({k: v for k, v in GOOD.items() if k != 'date'})}date: {date}\n---\nText.\n"
    document = parses_or_names_the_file(text)
    if document is None:
        return
    assert document.date.isoformat() == date


MISSION_FIELDS = [
    "id",
    "kind",
    "direction",
    "country",
    "city",
    "name",
    "checked",
    "status",
    "head",
    "sources",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from(MISSION_FIELDS), VALUES, max_size=6), min_size=1, max_size=3))
def test_any_mission_records_load_or_raise_a_corpus_error_naming_file_and_record(
    records: list[dict[str, Any]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "belarus_abroad.yaml"
        path.write_text(yaml.safe_dump(records, allow_unicode=True), "utf-8")
        error = missions_error(Path(folder))
    assert error is None or str(error).startswith(f"{path}: "), error


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_mission_file_text_loads_or_raises_a_corpus_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "foreign_in_belarus.yaml"
        path.write_text(text, "utf-8")
        error = missions_error(Path(folder))
    assert error is None or str(error).startswith(f"{path}: "), error
