"""Passages are whole sentences, never headings or navigation, and know their source."""

from __future__ import annotations

import datetime as dt

import pytest

from config import PROJECT_ROOT
from corpus import MAX_PASSAGE_CHARS, Document, chunk_document, read_document, split_sentences


@pytest.fixture(scope="module")
def policy() -> Document:
    """The shipped policy document, read when a test first needs it (not at collection)."""
    return read_document(PROJECT_ROOT / "corpus" / "documents" / "policy_priorities.en.md")


NAVIGATION = [
    "Font size:",
    "Go to",
    "All Missions",
    "Official Internet Resources",
    "Belarusian Diplomatic Missions abroad",
]


def _document(body: str) -> Document:
    return Document(
        id="doc",
        title="Doc title",
        language="en",
        kind="official",
        source_name="Ministry",
        source_url="https://example.org",
        date=dt.date(2026, 1, 1),
        body=body,
    )


def test_policy_page_makes_one_passage_per_policy_paragraph(policy: Document):
    passages = chunk_document(policy)
    assert len(passages) == 7
    assert passages[0].text.startswith("Belarus is following common approaches")
    assert passages[-1].text.endswith("overcoming dividing lines.")


@pytest.mark.parametrize("navigation", NAVIGATION)
def test_navigation_lines_never_become_passages(navigation: str, policy: Document):
    assert all(navigation not in p.text for p in chunk_document(policy))


def test_page_title_is_not_a_passage_but_every_passage_knows_it(policy: Document):
    passages = chunk_document(policy)
    assert all(p.text != policy.title for p in passages)
    assert {p.title for p in passages} == {policy.title}
    assert {p.source_url for p in passages} == {policy.source_url}


def test_passages_quote_the_page_verbatim(policy: Document):
    flat_body = " ".join(policy.body.split())
    for passage in chunk_document(policy):
        assert passage.text in flat_body


def test_long_paragraph_is_cut_between_sentences_only():
    sentence = "This sentence is about the long-standing cooperation between many partners abroad."
    paragraph = " ".join([sentence] * 20)
    passages = chunk_document(_document(paragraph))
    assert len(passages) > 1
    for passage in passages:
        assert len(passage.text) <= MAX_PASSAGE_CHARS
        assert passage.text.startswith("This sentence") and passage.text.endswith("abroad.")


def test_headings_label_the_passages_below_them():
    body = (
        "# Trade\n\nTrade with partners grows every year.\n\n"
        "Neighbours\n\nNeighbours matter to us a great deal."
    )
    passages = chunk_document(_document(body))
    assert [(p.section, p.text) for p in passages] == [
        ("Trade", "Trade with partners grows every year."),
        ("Neighbours", "Neighbours matter to us a great deal."),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One thing. Another thing!", ("One thing.", "Another thing!")),
        ("Meet Mr. Smith today. Then go.", ("Meet Mr. Smith today.", "Then go.")),
        ("Это первое. Это второе?", ("Это первое.", "Это второе?")),
        ("He said “yes.” Then left.", ("He said “yes.”", "Then left.")),
    ],
)
def test_sentences_split_at_their_ends_only(text: str, expected: tuple[str, ...]):
    assert split_sentences(text) == expected
