"""Checks shared by every layer that reads addresses from files or the environment.

Settings, document front matter and mission records all carry web addresses;
one check, so they agree on what an address is. The message never repeats the
value: a settings value may hold a secret (a token in a Bot API URL).
"""

from __future__ import annotations

HTTP_SCHEMES = ("http://", "https://")


def http_url(value: str) -> str:
    """Return ``value`` if it is an http(s) URL; raise ``ValueError`` saying what is wrong otherwise."""
    if not value.startswith(HTTP_SCHEMES):
        raise ValueError("must start with http:// or https://")
    return value
