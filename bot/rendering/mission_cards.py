"""Mission contact cards and short lists, as plain text and as Telegram HTML.

A card shows only what the record holds: a field the data lacks is left out,
never filled in, and where no contacts are known the card points to the
mission's website (shown once), the Ministry's list of Belarus's missions, or,
for a foreign mission in Belarus, the Ministry's site. Every card ends with its
source (name and/or URL) and the date the record was checked. All labels, kinds,
status words and head-of-mission titles come from the message catalogue
(``mission.*`` keys); city and country names are in the reply language where the
records or pycountry have them and in English otherwise, never made up. Notes,
addresses and hours are record text, stored in English, and shown as they are.
Every piece of record text is escaped in the HTML forms. Pure: no Telegram
import, no I/O beyond the catalogue.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable, Sequence
from urllib.parse import unquote

from bot.i18n import t
from bot.missions import MissionQuery, head_is_stale
from bot.rendering.mission_facts import ShownTexts, contact_lines, note_lines, notice_lines, website_lines
from corpus import Mission, PlaceName, country_code_of, country_display_name, has_cyrillic

# One line of a card: (label or None, text, link or None); a link is (target URL, the part
# of the text that shows it), as the text may show a decoded URL or only the name.
_Link = tuple[str, str]
_Line = tuple[str | None, str, _Link | None]

# Head-of-mission titles the records use, mapped to catalogue keys; others are shown as written.
_HEAD_TITLES = {
    "ambassador": "ambassador",
    "chargé d'affaires": "charge_d_affaires",
    "chargé d'affaires a.i.": "charge_d_affaires_ai",
    "consul general": "consul_general",
    "honorary consul": "honorary_consul",
    "permanent representative": "permanent_representative",
}
# Organisations hosting Belarus's permanent missions, as the records name them -> catalogue keys.
_ORGANISATION_KEYS = {
    "United Nations": "un",
    "OSCE and United Nations organisations in Vienna": "vienna",
    "United Nations Office and other international organisations in Geneva": "geneva",
}


def _reads_in(text: str, lang: str) -> bool:
    """Whether record text (stored mostly in English) can stand in a ``lang`` sentence."""
    return lang == "en" or has_cyrillic(text)


def _country(mission: Mission, lang: str) -> str:
    if not mission.country_code:
        return mission.country
    return country_display_name(mission.country_code, lang, mission.country if lang == "en" else None)


def _belarus(lang: str) -> str:
    return country_display_name("BY", lang, "Belarus")


def _city(mission: Mission, lang: str) -> str:
    local = {"ru": mission.city_names.ru, "be": mission.city_names.be}.get(lang)
    return local or mission.city


def mission_place(mission: Mission, lang: str) -> str:
    """Where the mission is: its city and the country that city is in ("Brest, Belarus").

    ``country`` is the *sending* country for a foreign mission in Belarus, so the
    place of such a mission is always in Belarus.
    """
    host = _belarus(lang) if mission.direction == "foreign_in_belarus" else _country(mission, lang)
    return f"{_city(mission, lang)}, {host}"


def mission_title(mission: Mission, lang: str) -> str:
    """The mission's name in ``lang``, else a title built from kind, owner and place."""
    own = mission.names.in_language(lang)
    if own:
        return own
    kind = t(lang, f"mission.kind.{mission.kind}")
    place = mission_place(mission, lang)
    if mission.direction == "foreign_in_belarus":
        return t(lang, "mission.title_foreign", kind=kind, country=_country(mission, lang), place=place)
    organisation = mission.organisation
    if organisation and mission.kind == "permanent_mission" and _reads_in(organisation, lang):
        return t(lang, "mission.title_organisation", kind=kind, organisation=organisation, place=place)
    return t(lang, "mission.title_abroad", kind=kind, place=place)


def status_text(mission: Mission, lang: str) -> str | None:
    """'Closed since 2021-09-01', 'Open', ...; None when the record does not establish it."""
    state, since = mission.status.state, mission.status.since
    if state is None:
        return None
    if state in ("suspended", "closed"):
        return (
            t(lang, f"mission.status.{state}", date=since)
            if since
            else t(lang, f"mission.status_undated.{state}")
        )
    return t(lang, f"mission.status.{state}")


def display_url(url: str) -> str:
    """The URL as a reader sees it: percent-escapes of non-Latin letters decoded.

    A Wikipedia-style address is a wall of %D0%9F otherwise; the link target
    stays the original. Decoding is skipped where it would put spaces or control
    characters into the text, so the displayed URL is still one clickable word.
    """
    decoded = unquote(url)
    return decoded if decoded.isprintable() and not any(c.isspace() for c in decoded) else url


def source_label(mission: Mission) -> str:
    """What a card cites: the source's name and/or its URL (never an empty link)."""
    source = mission.source
    parts = [part for part in (source.name, source.url and display_url(source.url)) if part]
    return " — ".join(parts)


def _covered(place: PlaceName, lang: str) -> tuple[str, bool]:
    """The covered place's name in ``lang`` and whether it is a country.

    Regions carry their own Russian and Belarusian names; a region without one
    in ``lang`` keeps its English name (a proper name, not a sentence).
    """
    local = place.get(lang)
    if place.ru or place.be:
        return local or place.en, False
    code = country_code_of(place.en)
    if code is None:
        return place.en, False
    return country_display_name(code, lang, place.en if lang == "en" else None), True


def _covers_line(mission: Mission, lang: str) -> _Line:
    """Countries covered by accreditation ("Also covers"), or a consular district of regions."""
    covered = [_covered(name, lang) for name in mission.covers]
    key = "covers" if all(is_country for _, is_country in covered) else "district"
    return t(lang, f"mission.field.{key}"), ", ".join(name for name, _ in covered), None


def _head_text(mission: Mission, lang: str, today: dt.date) -> str:
    """The head with the date the source named them, flagged past ``HEAD_MAX_AGE_DAYS``."""
    head = mission.head
    assert head is not None
    title = head.title
    if title and title.lower() in _HEAD_TITLES:
        title = t(lang, f"mission.head_title.{_HEAD_TITLES[title.lower()]}")
    text = f"{head.name}, {title}" if title else head.name
    if not head.as_of:
        return text
    key = "mission.head_stale" if head_is_stale(mission, today) else "mission.head_as_of"
    return t(lang, key, head=text, date=head.as_of)


def _turn_to(mission: Mission, lang: str, lookup: Callable[[str], Mission | None] | None) -> str | None:
    target = mission.status.turn_to
    if not target:
        return None
    found = lookup(target) if lookup else None
    if found is None:
        return None if " " not in target else target
    return _list_item(found, lang)  # with its status: the place to turn to may itself be suspended


def _organisation(mission: Mission, lang: str) -> str | None:
    """The organisation's name in ``lang`` from the catalogue; as written only in English."""
    name = mission.organisation
    if not name:
        return None
    key = _ORGANISATION_KEYS.get(name)
    if key:
        return t(lang, f"mission.organisation_name.{key}")
    return name if _reads_in(name, lang) else None


def _card_lines(
    mission: Mission,
    lang: str,
    lookup: Callable[[str], Mission | None] | None,
    today: dt.date | None = None,
) -> list[_Line]:
    def label(key: str) -> str:
        return t(lang, f"mission.{key}")

    texts = ShownTexts(lang)
    lines: list[_Line] = [(None, mission_title(mission, lang), None)]
    if mission.names.in_language(lang):
        # An official name may not say the kind and place: add them (built titles do).
        lines.append(
            (None, f"{t(lang, f'mission.kind.{mission.kind}')} · {mission_place(mission, lang)}", None)
        )
    status = status_text(mission, lang)
    if status:
        lines.append((label("field.status"), status, None))
    turn_to = _turn_to(mission, lang, lookup)
    if turn_to:
        lines.append((label("turn_to"), turn_to, None))
    lines.extend(note_lines(mission, texts))
    lines.extend(contact_lines(mission, texts))
    lines.extend(website_lines(mission, lang))
    if mission.covers:
        lines.append(_covers_line(mission, lang))
    organisation = _organisation(mission, lang)
    if organisation:
        lines.append((label("organisation"), organisation, None))
    if mission.head:
        lines.append((label("field.head"), _head_text(mission, lang, today or dt.date.today()), None))
    lines.extend(notice_lines(mission, texts))
    url = mission.source.url
    checked = t(lang, "reply.checked_on", date=mission.checked)
    lines.append(
        (
            label("field.source"),
            f"{source_label(mission)}, {checked}",
            (url, display_url(url)) if url else None,
        )
    )
    if texts.translated:
        lines.append((None, t(lang, "mission.translated"), None))
    return lines


def render_card_text(
    mission: Mission,
    lang: str,
    lookup: Callable[[str], Mission | None] | None = None,
    today: dt.date | None = None,
) -> str:
    """A plain-text contact card.

    Args:
        mission: the record to show.
        lang: "en", "ru" or "be".
        lookup: finds a mission by id, to name the mission a closed one sends people to
            (``MissionDirectory.get``); without it only a text ``turn_to`` is shown.
        today: the date a head's age is measured to (default: today).
    """
    return "\n".join(
        f"{lbl}: {text}" if lbl else text for lbl, text, _ in _card_lines(mission, lang, lookup, today)
    )


def _html_value(text: str, link: _Link | None) -> str:
    """Escape the text and make the part that shows the link a link."""
    if link is None or link[1] not in text:
        return html.escape(text)
    target, shown = link
    before, after = text.split(shown, 1)
    anchor = f'<a href="{html.escape(target, quote=True)}">{html.escape(shown)}</a>'
    return f"{html.escape(before)}{anchor}{html.escape(after)}"


def render_card_html(
    mission: Mission,
    lang: str,
    lookup: Callable[[str], Mission | None] | None = None,
    today: dt.date | None = None,
) -> str:
    """The same card for Telegram's HTML parse mode: everything escaped, links as <a href>."""
    out = []
    for index, (lbl, text, link) in enumerate(_card_lines(mission, lang, lookup, today)):
        value = _html_value(text, link)
        if index == 0:
            out.append(f"<b>{value}</b>")
        elif lbl:
            out.append(f"<b>{html.escape(lbl)}:</b> {value}")
        else:
            out.append(value)
    return "\n".join(out)


def _list_item(mission: Mission, lang: str) -> str:
    """'Title (closed since 2022-03-23)': the title already has dashes, so status goes in brackets."""
    status = status_text(mission, lang)
    return mission_title(mission, lang) + (f" ({status[0].lower()}{status[1:]})" if status else "")


def _query_city(query: MissionQuery, lang: str) -> str | None:
    if not query.city:
        return None
    local = {"ru": query.city_names.ru, "be": query.city_names.be}.get(lang) if query.city_names else None
    return local or query.city


def _none_listed(query: MissionQuery, lang: str) -> str:
    """'No embassy of Belarus in Portugal is listed ...', in the direction asked about."""
    if query.out_of_scope:
        return t(lang, "mission.out_of_scope")
    kind = t(lang, f"mission.kind_plain.{query.kind or 'any'}")
    city = _query_city(query, lang)
    foreign = (
        country_display_name(query.country_code, lang, query.country if lang == "en" else None)
        if query.country_code
        else (query.country or query.organisation)
    )
    in_belarus = f"{city}, {_belarus(lang)}" if city else _belarus(lang)
    abroad = t(
        lang, "mission.none_listed_abroad", kind=kind, place=", ".join(p for p in (city, foreign) if p) or "—"
    )
    if query.direction == "belarus_abroad":
        return abroad
    if not foreign:
        return t(lang, "mission.none_listed_place", kind=kind, place=in_belarus)
    in_belarus_text = t(lang, "mission.none_listed_foreign", kind=kind, country=foreign, place=in_belarus)
    return in_belarus_text if query.direction == "foreign_in_belarus" else f"{abroad} {in_belarus_text}"


def _pointer_url(query: MissionQuery, lang: str) -> tuple[str, str]:
    """The Ministry's list of Belarus's missions, or its website for anything else."""
    if query.direction == "foreign_in_belarus" or query.out_of_scope:
        return "mission.see_site", t(lang, "mission.ministry_url")
    return "mission.see_list", t(lang, "mission.list_url")


def _list_lines(query: MissionQuery, lang: str) -> list[tuple[str, Sequence[Mission], _Link | None]]:
    """(heading, missions, link in the heading) blocks: the matches, or 'none listed' and the nearest."""
    blocks: list[tuple[str, Sequence[Mission], _Link | None]] = []
    if query.needs_place:
        url = t(lang, "mission.list_url")
        return [
            (t(lang, "mission.ask_for_place"), (), None),
            (t(lang, "mission.see_list", url=url), (), (url, url)),
        ]
    if query.matches:
        blocks.append((t(lang, "mission.several", count=len(query.matches)), query.matches, None))
    else:
        blocks.append((_none_listed(query, lang), (), None))
    if query.nearest:
        names = "; ".join(_list_item(m, lang) for m in query.nearest)
        blocks.append((t(lang, "mission.nearest", names=names), (), None))
    elif not query.matches:
        key, url = _pointer_url(query, lang)
        blocks.append((t(lang, key, url=url), (), (url, url)))
    return blocks


def _items(missions: Sequence[Mission], lang: str, limit: int) -> list[str]:
    items = [f"• {_list_item(m, lang)}" for m in missions[:limit]]
    if len(missions) > limit:
        items.append(t(lang, "mission.more", count=len(missions) - limit))
    return items


def render_mission_list_text(query: MissionQuery, lang: str, limit: int = 12) -> str:
    """A short list of the matches (with status), or 'none listed' and the nearest listed.

    A front end shows one card when there is exactly one match; this list is for
    several matches (each item opening its card) and for no match at all. At most
    ``limit`` items are listed, then "...and N more".
    """
    out = []
    for heading, missions, _ in _list_lines(query, lang):
        out.append(heading)
        out.extend(_items(missions, lang, limit))
    return "\n".join(out)


def render_mission_list_html(query: MissionQuery, lang: str, limit: int = 12) -> str:
    """The same list for Telegram HTML: every piece of text escaped, the list URL linked."""
    out = []
    for heading, missions, link in _list_lines(query, lang):
        out.append(_html_value(heading, link))
        out.extend(html.escape(item) for item in _items(missions, lang, limit))
    return "\n".join(out)


def covering_heading(query: MissionQuery, lang: str) -> str | None:
    """The line before matches that are not simply "the mission asked for".

    'No embassy of Belarus in Luxembourg is listed ... served by:' for matches
    covering the country from abroad; 'Our records do not say which district
    includes Podlaskie ...' for a region no district in the records names.
    """
    place = (
        country_display_name(query.country_code, lang, query.country if lang == "en" else None)
        if query.country_code
        else query.country or "—"
    )
    if query.region is not None and query.matches:
        region = query.region.in_language(lang) or query.region.en or "—"
        return t(lang, "mission.district_unknown", region=region, country=place)
    if not query.covering:
        return None
    kind = t(lang, f"mission.kind_plain.{query.kind or 'any'}")
    return t(lang, "mission.served_from", kind=kind, place=place)


def _mission_reply(
    query: MissionQuery,
    lang: str,
    card: Callable[[Mission], str],
    listing: Callable[[MissionQuery, str], str],
    escape: Callable[[str], str],
) -> str:
    """One card for one match, else the short list; heading and nearest line go through ``escape``."""
    body = card(query.matches[0]) if len(query.matches) == 1 else listing(query, lang)
    heading = covering_heading(query, lang)
    if not heading:
        return body
    also = f"\n{escape(_nearest_line(query, lang))}" if query.nearest and len(query.matches) == 1 else ""
    return f"{escape(heading)}\n{body}{also}"


def render_mission_reply_text(
    query: MissionQuery, lang: str, lookup: Callable[[str], Mission | None] | None = None
) -> str:
    """The reply to a mission question: one card for one match, else the short list.

    When the matches serve the country from another one (``query.covering``), a
    line first says that none is listed in the country itself.
    """
    return _mission_reply(
        query, lang, lambda m: render_card_text(m, lang, lookup), render_mission_list_text, lambda s: s
    )


def _nearest_line(query: MissionQuery, lang: str) -> str:
    return t(lang, "mission.nearest", names="; ".join(_list_item(m, lang) for m in query.nearest))


def render_mission_reply_html(
    query: MissionQuery, lang: str, lookup: Callable[[str], Mission | None] | None = None
) -> str:
    """The same reply in Telegram HTML."""
    return _mission_reply(
        query, lang, lambda m: render_card_html(m, lang, lookup), render_mission_list_html, html.escape
    )


def missions_json(query: MissionQuery) -> list[dict[str, object]]:
    """The matched records as JSON-ready dicts (``ask --json`` prints them under ``missions``)."""
    return [mission.model_dump(mode="json", exclude_none=True) for mission in query.matches]
