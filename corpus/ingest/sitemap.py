"""Read a site map (the sitemaps.org XML format): page addresses, or further site maps.

Parsed with defusedxml, since the file comes from the network: it refuses
entity-expansion and external-entity tricks that the standard parser
would follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from corpus.ingest.errors import FetchError


@dataclass(frozen=True)
class SitemapEntry:
    """One ``<loc>`` of a site map, with its ``<lastmod>`` when given."""

    url: str
    lastmod: str | None = None


@dataclass(frozen=True)
class Sitemap:
    """A parsed site map: pages (a ``urlset``) or more site maps (a ``sitemapindex``)."""

    pages: tuple[SitemapEntry, ...]
    sitemaps: tuple[SitemapEntry, ...]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _entries(root: Element, kind: str) -> tuple[SitemapEntry, ...]:
    entries = []
    for element in root:
        if _local(element.tag) != kind:
            continue
        fields = {_local(child.tag): (child.text or "").strip() for child in element}
        if fields.get("loc"):
            entries.append(SitemapEntry(fields["loc"], fields.get("lastmod") or None))
    return tuple(entries)


def parse_sitemap(data: bytes, url: str) -> Sitemap:
    """Parse site-map XML.

    Raises:
        FetchError: not site-map XML.
    """
    try:
        root = ElementTree.fromstring(data)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise FetchError(f"{url}: not a readable site map ({exc})") from exc
    kind = _local(root.tag)
    if kind == "urlset":
        return Sitemap(_entries(root, "url"), ())
    if kind == "sitemapindex":
        return Sitemap((), _entries(root, "sitemap"))
    raise FetchError(f"{url}: not a site map (its root element is <{kind}>, not <urlset> or <sitemapindex>)")
