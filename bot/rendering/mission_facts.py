"""The fact lines of a mission card: contacts with their sources, notes, disputes, notices.

Every contact says where it was seen ("per germany.mfa.gov.by"), because the
records merge several harvests and a visitor should know which page to check.
Texts come from the record's ``LocalText`` in the card's language only: a text
the record lacks in that language is left out rather than shown in English.
Whether any shown text is our translation is reported back, so the card can say
so once at its foot. Pure: no Telegram, no I/O beyond the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

from bot.i18n import t
from corpus import Contact, LocalText, Mission, Source

_Link = tuple[str, str]
_Line = tuple[str | None, str, _Link | None]
_CONTACT_FIELDS = (
    ("address", "address"),
    ("phone", "phones"),
    ("email", "email"),
    ("hours", "hours"),
    ("rules", "rules"),
)


@dataclass
class ShownTexts:
    """Collects whether a card showed a text that is our translation."""

    lang: str
    translated: bool = field(default=False)

    def pick(self, text: LocalText | None) -> str | None:
        """The text in the card's language (None if the record lacks it), noting translations."""
        if text is None:
            return None
        value = text.get(self.lang)
        if value and text.is_translation(self.lang):
            self.translated = True
        return value


def source_host(source: Source) -> str:
    """A short name for a source: the site's host, or the source's name."""
    if source.url:
        return (urlparse(source.url).hostname or source.url).removeprefix("www.")
    return source.name or ""


def _seen(source: Source, lang: str) -> str:
    host = source_host(source)
    if source.date:
        return t(lang, "mission.seen_on_dated", source=host, date=source.date)
    return t(lang, "mission.seen_on", source=host)


def _contact_text(contact: Contact, texts: ShownTexts) -> str | None:
    purpose = texts.pick(contact.text)
    if contact.kind in ("hours", "rules"):
        body = purpose
    else:
        body = f"{contact.value} — {purpose}" if purpose else contact.value
    return f"{body} ({_seen(contact.source, texts.lang)})" if body else None


def contact_lines(mission: Mission, texts: ShownTexts) -> list[_Line]:
    """Address, phones, e-mails and hours, one line per kind, each value with its source."""
    lines: list[_Line] = []
    for kind, key in _CONTACT_FIELDS:
        values = [v for v in (_contact_text(c, texts) for c in mission.contacts_of(kind)) if v]
        if values:
            lines.append((t(texts.lang, f"mission.field.{key}"), "; ".join(values), None))
    return lines


def website_lines(mission: Mission, lang: str) -> list[_Line]:
    """The official site when known, otherwise the Ministry's list (or site, for foreign missions)."""
    label = t(lang, "mission.field.website")
    sites = mission.contacts_of("website")
    lines: list[_Line] = []
    if sites:
        site = sites[0]
        assert site.value is not None  # the schema requires a value for websites
        own_page = (urlparse(site.value).hostname or "").removeprefix("www.") == source_host(site.source)
        text = site.value if own_page else f"{site.value} ({_seen(site.source, lang)})"
        lines.append((label, text, (site.value, site.value)))
        if not mission.has_contacts:
            lines.append((None, t(lang, "mission.no_contacts_website"), None))
        return lines
    foreign = mission.direction == "foreign_in_belarus"
    url = t(lang, "mission.ministry_url" if foreign else "mission.list_url")
    if mission.has_contacts:
        key = "mission.no_website_foreign" if foreign else "mission.no_website"
        lines.append((label, t(lang, key, url=url), (url, url)))
    else:
        key = "mission.no_contacts_foreign" if foreign else "mission.no_contacts"
        lines.append((None, t(lang, key, url=url), (url, url)))
    return lines


def note_lines(mission: Mission, texts: ShownTexts) -> list[_Line]:
    """What helps the reader act: the status note and, where sources disagree, the disputes."""
    lines: list[_Line] = []
    note = texts.pick(mission.status.note)
    if note:
        lines.append((t(texts.lang, "mission.field.note"), note, None))
    for dispute in mission.disputes:
        text = texts.pick(dispute)
        if text:
            lines.append((t(texts.lang, "mission.field.dispute"), text, None))
    return lines


def notice_lines(mission: Mission, texts: ShownTexts) -> list[_Line]:
    """General consular facts that apply to the mission, each with its source."""
    lines: list[_Line] = []
    for notice in mission.notices:
        text = texts.pick(notice.text)
        if not text:
            continue
        url = notice.source.url
        body = f"{text} ({_seen(notice.source, texts.lang)})"
        host = source_host(notice.source)
        lines.append((t(texts.lang, "mission.field.notice"), body, (url, host) if url else None))
    return lines
