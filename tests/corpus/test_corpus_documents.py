"""The shipped documents load, keep the policy text word for word, and bad files are named."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from config import PROJECT_ROOT
from corpus import DocumentError, load_documents, read_document

DOCUMENTS = PROJECT_ROOT / "corpus" / "documents"
# sha256 of ../shared/seed/policy_priorities.en.txt, the page as published.
SEED_SHA256 = "d11be96e287ebf8f3839ac1972b70a16e208dd28eb1fcb4ba69b6c7c16353c4e"

GOOD_HEADER = """---
id: sample
title: "Sample"
language: en
kind: official
source_name: "Ministry"
source_url: "https://example.org/page"
date: 2026-01-01
---
"""


def test_policy_page_body_is_the_published_page_word_for_word():
    document = read_document(DOCUMENTS / "policy_priorities.en.md")
    assert hashlib.sha256(document.body.encode("utf-8")).hexdigest() == SEED_SHA256


def test_shipped_documents_load_with_translations_linked_to_the_original():
    documents = {d.id: d for d in load_documents(DOCUMENTS)}
    assert documents["policy-priorities"].kind == "official"
    translations = [d for d in documents.values() if d.kind == "translation"]
    assert {d.language for d in translations} >= {"ru", "be"}
    assert all(d.translation_of == "policy-priorities" for d in translations)


BODY = "A sentence of policy text.\n"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("no front matter at all\n", "missing front matter"),
        ("---\ntitle: x\n", "not closed"),
        ("---\n[unclosed\n---\n" + BODY, "not valid YAML"),
        (GOOD_HEADER.replace("language: en\n", "") + BODY, "language"),
        (GOOD_HEADER.replace("https://example.org/page", "example.org") + BODY, "source_url"),
        (GOOD_HEADER.replace("kind: official", "kind: rumour") + BODY, "kind"),
        (GOOD_HEADER.replace("date: 2026-01-01", "date: yesterday") + BODY, "date"),
        (GOOD_HEADER.replace("title:", "colour: red\ntitle:") + BODY, "colour"),
        (GOOD_HEADER, "no text after the front matter"),
    ],
)
def test_malformed_document_names_the_file_and_the_problem(tmp_path: Path, text: str, problem: str):
    path = tmp_path / "broken.md"
    path.write_text(text, "utf-8")
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert "broken.md" in str(caught.value)
    assert problem in str(caught.value)


def test_binary_file_is_a_clear_error(tmp_path: Path):
    path = tmp_path / "binary.md"
    path.write_bytes(b"---\n\xff\xfe\x00\x01")
    with pytest.raises(DocumentError, match=r"binary\.md: not UTF-8"):
        read_document(path)


def test_duplicate_ids_stop_the_load(tmp_path: Path):
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(GOOD_HEADER + BODY, "utf-8")
    with pytest.raises(DocumentError, match="also used by"):
        load_documents(tmp_path)


def test_translation_of_an_unknown_document_is_refused(tmp_path: Path):
    header = GOOD_HEADER.replace("kind: official", "kind: translation\ntranslation_of: nowhere")
    (tmp_path / "t.md").write_text(header + BODY, "utf-8")
    with pytest.raises(DocumentError, match="translation_of 'nowhere' names no document"):
        load_documents(tmp_path)
