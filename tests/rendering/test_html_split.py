"""split_html cuts long Telegram HTML at good boundaries without breaking markup."""

from __future__ import annotations

import re

import pytest

from bot.rendering.html_split import HtmlSplitError, html_to_text, split_html
from tests.html_assertions import assert_well_formed_html, utf16_length

SENTENCE = "Belarus pursues a multi-vector foreign policy &amp; values good-neighbourliness. "
QUOTE = (
    "<blockquote>" + SENTENCE * 6 + "<b>" + SENTENCE * 3 + "</b>" + SENTENCE * 4 + "</blockquote>\n"
    '<a href="https://mfa.gov.by/en/foreign_policy/priorities/?a=1&amp;b=2">Foreign policy '
    "priorities — the Ministry of Foreign Affairs</a>"
)
DOCUMENTS = {
    "paragraphs": "\n\n".join([QUOTE] * 4),
    "one_long_paragraph": "<b>Priorities</b>\n" + SENTENCE * 40,
    "nested_tags": "<blockquote><i>" + SENTENCE * 30 + "<u>" + SENTENCE * 10 + "</u></i></blockquote>",
    "long_link": '<a href="https://mfa.gov.by/">' + "word " * 400 + "</a>",
    "no_spaces": "<code>" + "x" * 1500 + "</code>",
    "entities_only": "&amp;&lt;&gt;&quot;" * 300,
    "emoji": "🇧🇾 " * 400 + "Мінск — сталіца. " * 30,
}


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
@pytest.mark.parametrize("limit", [120, 333, 1000, 4096])
def test_every_part_fits_is_well_formed_and_keeps_the_text(name: str, limit: int) -> None:
    original = DOCUMENTS[name]
    parts = split_html(original, limit)
    assert parts
    for part in parts:
        assert utf16_length(part) <= limit
        assert_well_formed_html(part)
        assert html_to_text(part).strip()
    assert "".join(html_to_text(p) for p in parts).strip() == html_to_text(original).strip()


def test_short_text_is_returned_unchanged() -> None:
    assert split_html("<b>Hi</b> &amp; bye") == ["<b>Hi</b> &amp; bye"]


def test_empty_text_gives_no_parts() -> None:
    assert split_html("") == []


def test_cuts_at_a_paragraph_boundary_when_one_fits() -> None:
    first, second = "First paragraph. " * 10, "Second paragraph. " * 10
    parts = split_html(f"{first}\n\n{second}", limit=len(first) + 30)
    assert parts == [f"{first}\n\n", second]


def test_cuts_after_a_sentence_rather_than_mid_sentence() -> None:
    text = "One short sentence here. " + "Another sentence that goes on and on. " * 5
    parts = split_html(text, limit=100)
    assert all(p.rstrip().endswith(".") for p in parts)


def test_cuts_between_words_when_no_sentence_ends() -> None:
    parts = split_html("word " * 100, limit=48)
    assert all(not p.startswith("ord") for p in parts)
    assert all(re.fullmatch(r"(word ?)+", p) for p in parts)


def test_tags_open_at_a_cut_are_closed_and_reopened_with_attributes() -> None:
    link = '<blockquote><a href="https://x.by/?q=1&amp;r=2">'
    text = link + "Link text goes on. " * 20 + "</a></blockquote>"
    parts = split_html(text, limit=200)
    assert len(parts) > 1
    assert all(p.startswith(link) for p in parts)
    assert all(p.endswith("</a></blockquote>") for p in parts)


def test_no_part_ends_with_an_empty_element() -> None:
    text = ("Plain sentence number one. " * 3 + "<b>" + "Bold words follow here. " * 3 + "</b>") * 5
    for part in split_html(text, limit=90):
        assert "<b></b>" not in part


def test_entities_are_never_cut() -> None:
    parts = split_html("&amp;" * 50, limit=12)
    assert all(re.fullmatch(r"(&amp;)+", p) for p in parts)
    assert sum(p.count("&amp;") for p in parts) == 50


def test_trailing_whitespace_only_remainder_is_dropped() -> None:
    parts = split_html("word " * 30 + " " * 200, limit=100)
    assert all(p.strip() for p in parts)


def test_a_tag_longer_than_the_limit_is_an_error() -> None:
    with pytest.raises(HtmlSplitError):
        split_html('<a href="https://mfa.gov.by/' + "x" * 200 + '">x</a> and more', limit=100)


@pytest.mark.parametrize(
    ("markup", "text"),
    [("<b>a</b> &amp; <i>b</i>", "a & b"), ("&lt;script&gt;", "<script>"), ("", "")],
)
def test_html_to_text_drops_tags_and_decodes_entities(markup: str, text: str) -> None:
    assert html_to_text(markup) == text
