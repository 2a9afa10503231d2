"""The bot's own words in English, Russian and Belarusian, from one catalogue per language.

Each language has a YAML file in ``bot/messages/`` with the same nested keys;
a message is addressed by its dotted path (``reply.not_covered``) and its
``{placeholders}`` are filled with ``str.format``. One structured file per
language, rather than gettext, because the messages are few, nested by
purpose, and edited by translators who read YAML more easily than ``.po``.

A missing key is a bug, not a reason to show a user another language:
``t`` raises ``MessageKeyError``, and ``tests/rendering/test_i18n.py`` keeps every
catalogue complete. Parameters are inserted as given: callers escape text
from users or the corpus for Telegram HTML *before* passing it in.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

import corpus

__all__ = [
    "DEFAULT_LANGUAGE",
    "MESSAGES_DIR",
    "SUPPORTED_LANGUAGES",
    "MessageCatalogueError",
    "MessageFormatError",
    "MessageKeyError",
    "all_keys",
    "t",
    "template",
]

# The one list lives in corpus.languages (documents, analysers and catalogues share it).
SUPPORTED_LANGUAGES = corpus.SERVED_LANGUAGES
DEFAULT_LANGUAGE = corpus.DEFAULT_LANGUAGE
MESSAGES_DIR = Path(__file__).resolve().parent / "messages"


class MessageCatalogueError(Exception):
    """A message catalogue is missing, malformed, or asked for something it lacks.

    ::

        MessageCatalogueError
        ├── MessageKeyError        no message under the key (also a KeyError)
        └── MessageFormatError     the placeholders do not match the parameters
    """


class MessageKeyError(MessageCatalogueError, KeyError):
    """The catalogue of a language has no message under the requested key."""

    def __str__(self) -> str:  # KeyError would show the message in quotes
        return str(self.args[0]) if self.args else ""


class MessageFormatError(MessageCatalogueError):
    """A message's placeholders do not match the parameters given."""


def _supported(lang: str) -> str:
    return lang if lang in SUPPORTED_LANGUAGES else DEFAULT_LANGUAGE


@cache
def _load(lang: str) -> dict[str, Any]:
    path = MESSAGES_DIR / f"{lang}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise MessageCatalogueError(f"cannot read message catalogue {path}: {exc}") from exc
    if not isinstance(data, dict):
        raise MessageCatalogueError(f"message catalogue {path} must be a mapping of keys to messages")
    return data


def _flatten(tree: dict[str, Any], prefix: str, source: str) -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{dotted}.", source))
        elif isinstance(value, str):
            flat[dotted] = value
        else:
            raise MessageCatalogueError(
                f"{source}: {dotted} must be a text or a section, not {type(value).__name__}"
            )
    return flat


@cache
def _messages(lang: str) -> dict[str, str]:
    return _flatten(_load(lang), "", f"{lang}.yaml")


def all_keys(lang: str) -> set[str]:
    """Return every dotted message key of ``lang``'s catalogue."""
    return set(_messages(_supported(lang)))


def template(lang: str, key: str) -> str:
    """Return the message ``key`` in ``lang`` with its ``{placeholders}`` unfilled.

    Raises:
        MessageKeyError: as ``t``.
    """
    language = _supported(lang)
    try:
        return _messages(language)[key]
    except KeyError:
        raise MessageKeyError(f"no message {key!r} in the {language!r} catalogue") from None


def t(lang: str, key: str, **params: object) -> str:
    """Return the message ``key`` in ``lang`` with ``params`` filled in.

    Args:
        lang: "en", "ru" or "be"; anything else gets English.
        key: the dotted path of the message, e.g. ``"reply.not_covered"``.
        **params: values for the message's ``{placeholders}``.

    Raises:
        MessageKeyError: the catalogue has no message under ``key`` (or ``key``
            names a section rather than a message).
        MessageFormatError: a placeholder of the message was not given (a
            user must never see a raw ``{placeholder}``).
    """
    message = template(lang, key)
    try:
        return message.format(**params)
    except (KeyError, IndexError, ValueError) as exc:
        raise MessageFormatError(
            f"message {key!r} in {_supported(lang)!r} cannot be filled with {sorted(params)}: {exc!r}"
        ) from exc
