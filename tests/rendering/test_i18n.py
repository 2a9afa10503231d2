"""Every message exists in every language, with the same placeholders, and none is empty."""

from __future__ import annotations

import string

import pytest

from bot.i18n import (
    SUPPORTED_LANGUAGES,
    MessageFormatError,
    MessageKeyError,
    all_keys,
    t,
    template,
)

ENGLISH_KEYS = sorted(all_keys("en"))
TRANSLATIONS = [lang for lang in SUPPORTED_LANGUAGES if lang != "en"]


def _placeholders(message: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(message) if field is not None}


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_translation_has_every_english_key(lang: str) -> None:
    assert sorted(set(ENGLISH_KEYS) - all_keys(lang)) == []


@pytest.mark.parametrize("lang", TRANSLATIONS)
def test_translation_has_no_key_english_lacks(lang: str) -> None:
    assert sorted(all_keys(lang) - set(ENGLISH_KEYS)) == []


@pytest.mark.parametrize("lang", TRANSLATIONS)
@pytest.mark.parametrize("key", ENGLISH_KEYS)
def test_translation_keeps_the_placeholders_of_english(lang: str, key: str) -> None:
    if key not in all_keys(lang):
        pytest.fail(f"{lang}.yaml lacks {key}")
    assert _placeholders(template(lang, key)) == _placeholders(template("en", key))


@pytest.mark.parametrize("lang", SUPPORTED_LANGUAGES)
def test_no_message_is_empty(lang: str) -> None:
    assert sorted(key for key in all_keys(lang) if not template(lang, key).strip()) == []


def test_language_names_are_each_in_their_own_language() -> None:
    assert [t(lang, "language_name") for lang in SUPPORTED_LANGUAGES] == ["English", "Русский", "Беларуская"]


def test_placeholders_are_filled() -> None:
    assert "https://mfa.gov.by/" in t("ru", "reply.not_covered", site="https://mfa.gov.by/")


def test_unknown_language_gets_english() -> None:
    assert t("uk", "reply.source") == t("en", "reply.source")


def test_missing_key_raises_a_key_error_naming_it() -> None:
    with pytest.raises(MessageKeyError, match=r"reply\.no_such_message"):
        t("be", "reply.no_such_message")


def test_message_key_error_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        t("en", "no.such.key")


def test_a_section_is_not_a_message() -> None:
    with pytest.raises(MessageKeyError):
        t("en", "reply")


def test_missing_parameter_raises_a_format_error() -> None:
    with pytest.raises(MessageFormatError, match="too_long"):
        t("en", "reply.too_long", length=5)


def test_message_with_placeholders_is_never_returned_unfilled() -> None:
    with pytest.raises(MessageFormatError):
        t("be", "reply.not_covered")


def test_template_keeps_the_placeholders() -> None:
    assert "{site}" in template("ru", "reply.not_covered")
