"""The one seam to pycountry: ISO 3166 country codes and names, in English, Russian and Belarusian.

Why pycountry: it ships the ISO 3166-1 list with the Debian iso-codes gettext
catalogues, so country names in Russian and Belarusian come from a maintained
source instead of a hand-made table. The mission schema validates codes with it,
the mission lookup learns country names from it, and the cards show names in
the reply language.
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator
from functools import cache

import pycountry


def is_country_code(code: str) -> bool:
    """Whether ``code`` is an upper-case ISO 3166-1 alpha-2 code."""
    return code == code.upper() and pycountry.countries.get(alpha_2=code) is not None


def english_country_name(code: str | None) -> str | None:
    """The common English name of the country ``code`` ("Russia", not "Russian Federation")."""
    country = pycountry.countries.get(alpha_2=code) if code else None
    if country is None:
        return None
    return str(getattr(country, "common_name", None) or country.name)


def country_code_of(name: str) -> str | None:
    """The alpha-2 code of the country called ``name`` in English (any of its ISO names), if any."""
    try:
        return str(pycountry.countries.lookup(name).alpha_2)
    except LookupError:
        return None


@cache
def _translations(lang: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return gettext.NullTranslations()


def translated_country_name(english: str, lang: str) -> str:
    """``english`` (an ISO English country name) in ``lang``, from the iso-codes catalogue."""
    return _translations(lang).gettext(english)


def country_display_name(code: str, lang: str | None, fallback: str | None = None) -> str:
    """The country's short name in ``lang`` (pycountry's translations); English fallback."""
    english = english_country_name(code)
    if english is None:
        return fallback or code
    if lang in ("ru", "be"):
        return translated_country_name(english, lang)
    return fallback or english


@cache
def _subdivision_translations(lang: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return gettext.NullTranslations()


def subdivision_names(code: str) -> list[tuple[str, str | None, str | None]]:
    """The country's first-level subdivisions (ISO 3166-2): (ISO name, Russian, Belarusian).

    A Russian or Belarusian name the catalogue lacks is None, never the ISO name
    again. The mission lookup uses them to recognise a region that no consular
    district in the records names ("Люблинское воеводство").
    """
    catalogues = (_subdivision_translations("ru"), _subdivision_translations("be"))
    found = []
    for subdivision in pycountry.subdivisions:
        if subdivision.country_code != code or subdivision.parent_code is not None:
            continue
        name = str(subdivision.name)
        ru, be = (c.gettext(name) for c in catalogues)
        found.append((name, ru if ru != name else None, be if be != name else None))
    return found


@cache
def subdivision_iso_names() -> frozenset[str]:
    """Every ISO 3166-2 subdivision name ("Lubelskie", "Perm Krai"), of any country and level."""
    return frozenset(str(subdivision.name) for subdivision in pycountry.subdivisions)


def country_names() -> Iterator[tuple[str, set[str]]]:
    """Every country's code and its ISO names: English (name, official, common), Russian, Belarusian."""
    catalogues = [_translations("ru"), _translations("be")]
    for country in pycountry.countries:
        english = {
            country.name,
            *(getattr(country, a) for a in ("official_name", "common_name") if hasattr(country, a)),
        }
        names = set(english)
        for name in english:
            names.update(c.gettext(name) for c in catalogues)
        yield country.alpha_2, names
