"""Mission contact cards and short lists, as plain text and as Telegram HTML.

A card shows only what the record holds: a field the data lacks is left out,
never filled in, and where no contacts are known the card points to the
mission's website or the ministry's list of missions. Every card ends with its
source and the date the record was checked. All labels come from the message
catalogue (``mission.*`` keys); every piece of record text is escaped in the HTML
forms. Pure: no Telegram import, no I/O beyond the catalogue.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

import pycountry

from bot.i18n import t
from corpus.missions_schema import Mission
from index.mission_lookup import MissionQuery
from index.mission_places import country_display_name

# One line of a card: (label or None, text, link target or None).
_Line = tuple[str | None, str, str | None]


def _country(mission: Mission, lang: str) -> str:
    if not mission.country_code:
        return mission.country
    return country_display_name(mission.country_code, lang, mission.country if lang == "en" else None)


def _city(mission: Mission, lang: str) -> str:
    local = {"ru": mission.city_names.ru, "be": mission.city_names.be}.get(lang)
    return local or mission.city


def mission_title(mission: Mission, lang: str) -> str:
    """The mission's name in ``lang``, else a title built from kind, place and country."""
    own = {"en": mission.names.en, "ru": mission.names.ru, "be": mission.names.be}.get(lang)
    if own:
        return own
    kind = t(lang, f"mission.kind.{mission.kind}")
    if mission.direction == "foreign_in_belarus":
        return t(lang, "mission.title_foreign", kind=kind, country=_country(mission, lang),
                 city=_city(mission, lang))
    if mission.organisation and mission.kind == "permanent_mission":
        return t(lang, "mission.title_organisation", kind=kind, organisation=mission.organisation,
                 city=_city(mission, lang))
    return t(lang, "mission.title_abroad", kind=kind, city=_city(mission, lang),
             country=_country(mission, lang))


def status_text(mission: Mission, lang: str) -> str | None:
    """'Closed since 2021-09-01', 'Open', ...; None when the record does not establish it."""
    state, since = mission.status.state, mission.status.since
    if state is None:
        return None
    if state in ("suspended", "closed"):
        return (t(lang, f"mission.status.{state}", date=since) if since
                else t(lang, f"mission.status_undated.{state}"))
    return t(lang, f"mission.status.{state}")


def _covered(name: str, lang: str) -> str:
    try:
        country = pycountry.countries.lookup(name)
    except LookupError:
        return name
    return country_display_name(country.alpha_2, lang, name if lang == "en" else None)


def _turn_to(mission: Mission, lang: str, lookup: Callable[[str], Mission | None] | None) -> str | None:
    target = mission.status.turn_to
    if not target:
        return None
    found = lookup(target) if lookup else None
    return mission_title(found, lang) if found else (None if " " not in target else target)


def _card_lines(mission: Mission, lang: str,
                lookup: Callable[[str], Mission | None] | None) -> list[_Line]:
    label = lambda key: t(lang, f"mission.{key}")  # noqa: E731
    lines: list[_Line] = [(None, mission_title(mission, lang), None)]
    if {"en": mission.names.en, "ru": mission.names.ru, "be": mission.names.be}.get(lang):
        # An official name may not say the kind and place: add them (built titles do).
        lines.append((None, f"{t(lang, f'mission.kind.{mission.kind}')} · {_city(mission, lang)}, "
                            f"{_country(mission, lang)}", None))
    status = status_text(mission, lang)
    status_parts = [p for p in (status, mission.status.note) if p]
    if status_parts:
        lines.append((label("field.status"), ". ".join(s.rstrip(".") for s in status_parts) + ".", None))
    turn_to = _turn_to(mission, lang, lookup)
    if turn_to:
        lines.append((label("turn_to"), turn_to, None))
    if mission.organisation:
        lines.append((label("organisation"), mission.organisation, None))
    for key, value in (("address", mission.address), ("phones", ", ".join(mission.phones)),
                       ("email", mission.email), ("hours", mission.hours)):
        if value:
            lines.append((label(f"field.{key}"), value, None))
    if mission.website:
        lines.append((label("field.website"), mission.website, mission.website))
    if mission.covers:
        lines.append((label("field.covers"), ", ".join(_covered(c, lang) for c in mission.covers), None))
    if mission.head:
        head = mission.head
        text = head.name
        if head.title:
            text += f", {head.title}"
        if head.as_of:
            text = t(lang, "mission.head_as_of", name=head.name, title=head.title or "", date=head.as_of)
            text = text.replace(",  (", " (")
        lines.append((label("field.head"), text, None))
    if not mission.has_contacts:
        url = mission.website or t(lang, "mission.list_url")
        lines.append((None, t(lang, "mission.no_contacts", url=url), url))
    source = mission.source.label
    lines.append((label("field.source"),
                  f"{source}, {t(lang, 'reply.checked_on', date=mission.checked)}",
                  source if source.startswith("http") else None))
    return lines


def render_card_text(mission: Mission, lang: str,
                     lookup: Callable[[str], Mission | None] | None = None) -> str:
    """A plain-text contact card.

    Args:
        mission: the record to show.
        lang: "en", "ru" or "be".
        lookup: finds a mission by id, to name the mission a closed one sends people to
            (``MissionDirectory.get``); without it only a text ``turn_to`` is shown.
    """
    return "\n".join(f"{lbl}: {text}" if lbl else text for lbl, text, _ in _card_lines(mission, lang, lookup))


def _html_value(text: str, link: str | None) -> str:
    if link is None:
        return html.escape(text)
    escaped_link = html.escape(link, quote=True)
    if text.startswith(link):
        return f'<a href="{escaped_link}">{html.escape(link)}</a>{html.escape(text[len(link):])}'
    if link in text:  # a sentence that ends with the URL ("see https://...")
        before, after = text.split(link, 1)
        return f'{html.escape(before)}<a href="{escaped_link}">{html.escape(link)}</a>{html.escape(after)}'
    return html.escape(text)


def render_card_html(mission: Mission, lang: str,
                     lookup: Callable[[str], Mission | None] | None = None) -> str:
    """The same card for Telegram's HTML parse mode: everything escaped, links as <a href>."""
    out = []
    for index, (lbl, text, link) in enumerate(_card_lines(mission, lang, lookup)):
        value = _html_value(text, link)
        if index == 0:
            out.append(f"<b>{value}</b>")
        elif lbl:
            out.append(f"<b>{html.escape(lbl)}:</b> {value}")
        else:
            out.append(value)
    return "\n".join(out)


def _list_item(mission: Mission, lang: str) -> str:
    status = status_text(mission, lang)
    return mission_title(mission, lang) + (f" — {status}" if status else "")


def _owner_and_place(query: MissionQuery, lang: str) -> tuple[str, str]:
    belarus = country_display_name("BY", lang, "Belarus")
    foreign = (country_display_name(query.country_code, lang, query.country if lang == "en" else None)
               if query.country_code else (query.country or query.organisation or ""))
    city = query.city or ""
    if query.direction == "foreign_in_belarus":
        return foreign or "—", city or belarus
    return belarus, ", ".join(p for p in (city, foreign) if p) or "—"


def _list_lines(query: MissionQuery, lang: str) -> list[tuple[str, Sequence[Mission]]]:
    """(heading, missions) blocks: the matches, or 'none listed' and the nearest."""
    blocks: list[tuple[str, Sequence[Mission]]] = []
    if query.matches:
        blocks.append((t(lang, "mission.several", count=len(query.matches)), query.matches))
    else:
        owner, place = _owner_and_place(query, lang)
        kind = t(lang, f"mission.kind_plain.{query.kind or 'any'}")
        blocks.append((t(lang, "mission.none_listed", kind=kind, country=owner, place=place), ()))
    if query.nearest:
        names = "; ".join(mission_title(m, lang) for m in query.nearest)
        blocks.append((t(lang, "mission.nearest", names=names), ()))
    elif not query.matches:
        blocks.append((t(lang, "mission.see_list", url=t(lang, "mission.list_url")), ()))
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
    for heading, missions in _list_lines(query, lang):
        out.append(heading)
        out.extend(_items(missions, lang, limit))
    return "\n".join(out)


def render_mission_list_html(query: MissionQuery, lang: str, limit: int = 12) -> str:
    """The same list for Telegram HTML: every piece of text escaped, the list URL linked."""
    out = []
    list_url = t(lang, "mission.list_url")
    for heading, missions in _list_lines(query, lang):
        out.append(_html_value(heading, list_url if list_url in heading else None))
        out.extend(html.escape(item) for item in _items(missions, lang, limit))
    return "\n".join(out)


def render_mission_reply_text(query: MissionQuery, lang: str,
                              lookup: Callable[[str], Mission | None] | None = None) -> str:
    """The reply to a mission question: one card for one match, else the short list."""
    if len(query.matches) == 1:
        return render_card_text(query.matches[0], lang, lookup)
    return render_mission_list_text(query, lang)


def render_mission_reply_html(query: MissionQuery, lang: str,
                              lookup: Callable[[str], Mission | None] | None = None) -> str:
    """The same reply in Telegram HTML."""
    if len(query.matches) == 1:
        return render_card_html(query.matches[0], lang, lookup)
    return render_mission_list_html(query, lang)


def missions_json(query: MissionQuery) -> list[dict]:
    """The matched records as JSON-ready dicts (``ask --json`` prints them under ``missions``)."""
    return [mission.model_dump(mode="json", exclude_none=True) for mission in query.matches]
