"""The mission directory in Telegram: /missions PLACE, the card buttons, and cards in inline mode.

``/missions Germany`` names a place only, so it is read both ways and labelled:
Belarus's missions in Germany, and Germany's missions in Belarus. A Belarusian
city (``/missions Брест``) or a foreign one (``/missions Warsaw``) has one
direction only; an argument that is already a question ("embassy in
Germany") is answered as asked. The lookup itself is the directory's own
(``bot.missions.lookup``): typos, inflected Russian and Belarusian names and
cities are its job, not this adapter's.

The reply language follows the rule of questions (``bot.telegram.languages``):
the argument's script when it decides, else the /lang choice, else Telegram's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from telegram import (
    BotCommand,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
    User,
)
from telegram.constants import ParseMode

from bot.answering import detect_language
from bot.i18n import t
from bot.missions import MissionDirectory, MissionQuery
from bot.rendering import (
    covering_heading,
    mission_place,
    mission_title,
    render_card_html,
    render_mission_list_html,
    render_mission_list_text,
    render_mission_reply_html,
    status_text,
)
from bot.telegram.answer_buttons import (
    MISSION_PATTERN,
    acknowledge_press,
    callback_data,
    mission_buttons,
    offered_missions,
    resolve_key,
)
from bot.telegram.arguments import command_argument
from bot.telegram.context import BotContext
from bot.telegram.languages import language_hint
from bot.telegram.sending import NO_PREVIEW, ReplyTarget, send_html
from corpus import Mission, country_display_name

__all__ = [
    "PlaceSection",
    "inline_mission_articles",
    "menu_command",
    "mission_articles",
    "mission_card_button",
    "missions_command",
    "missions_for_place",
    "reply_language",
]

# A bare place is looked up as these two English phrasings: the directory reads
# "in X" as Belarus's missions there and "of X" as X's missions in Belarus, whatever
# the script or case of X ("missions in Германии" works).
_ABROAD_PHRASE = "missions in {place}"
_FOREIGN_PHRASE = "missions of {place}"
INLINE_DESCRIPTION_CHARS = 120


@dataclass(frozen=True)
class PlaceSection:
    """One direction of a /missions reply: its heading (None when there is only one) and lookup."""

    heading: str | None
    query: MissionQuery


def _country(query: MissionQuery, lang: str) -> str:
    if not query.country_code:
        return query.country or ""
    return country_display_name(query.country_code, lang, query.country if lang == "en" else None)


def _heading(query: MissionQuery, lang: str) -> str:
    key = "abroad_heading" if query.direction == "belarus_abroad" else "foreign_heading"
    return t(lang, f"missions_bot.{key}", country=_country(query, lang))


def missions_for_place(directory: MissionDirectory, place: str, lang: str) -> list[PlaceSection]:
    """The lookups that answer "/missions ``place``", each labelled when there are two.

    Args:
        directory: the engine's mission directory.
        place: the command's argument, as typed (a country, a city, or a whole question).
        lang: the reply language, for the headings.

    Returns:
        No section when the place is not recognised; one section when the argument
        has one direction (a city, or a question that says which way); two (Belarus's
        missions there, then that country's missions in Belarus) for a bare country.
    """
    direct = directory.lookup(place, lang)
    if direct is not None and (direct.direction is not None or direct.needs_place):
        return [PlaceSection(None, direct)]
    abroad = directory.lookup(_ABROAD_PHRASE.format(place=place), lang)
    foreign = directory.lookup(_FOREIGN_PHRASE.format(place=place), lang)
    if abroad is None or foreign is None or abroad.direction == foreign.direction:
        only = abroad or foreign  # a city: "in" and "of" it mean the same
        return [PlaceSection(None, only)] if only else []
    both = sorted((abroad, foreign), key=lambda query: query.direction != "belarus_abroad")
    return [PlaceSection(_heading(query, lang), query) for query in both]


def menu_command(lang: str) -> BotCommand:
    """The /missions entry of the command menu in ``lang``."""
    return BotCommand("missions", t(lang, "missions_bot.command"))


def reply_language(context: BotContext, user: User | None, text: str) -> str:
    """The language to answer ``text`` in: its own when it shows one, else the user's choice."""
    return detect_language(text, language_hint(context, user))


def _sections_html(sections: Sequence[PlaceSection], lang: str, directory: MissionDirectory) -> str:
    parts = []
    for section in sections:
        body = render_mission_reply_html(section.query, lang, directory.get)
        parts.append(f"<b>{escape(section.heading)}</b>\n{body}" if section.heading else body)
    return "\n\n".join(parts)


async def missions_command(update: Update, context: BotContext) -> None:
    """Look up the missions of a country or city; without one, explain how to ask."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    target = ReplyTarget.replying_to(message)
    place = command_argument(update)
    user = update.effective_user
    lang = reply_language(context, user, place)
    directory = context.engine.missions
    sections = missions_for_place(directory, place, lang) if place and directory else []
    if not place or any(section.query.needs_place for section in sections):
        await send_html(context.bot, target, escape(t(lang, "missions_bot.usage")))
        return
    if not sections or directory is None:
        await send_html(context.bot, target, escape(t(lang, "missions_bot.not_found", place=place)))
        return
    offered = [mission for section in sections for mission in offered_missions(section.query)]
    keyboard = InlineKeyboardMarkup(mission_buttons(offered, lang)) if offered else None
    await send_html(context.bot, target, _sections_html(sections, lang, directory), keyboard)


async def mission_card_button(update: Update, context: BotContext) -> None:
    """Send the contact card of the mission whose button was pressed, in the list's language."""
    press = await acknowledge_press(update, MISSION_PATTERN)
    directory = context.engine.missions
    if press is None or directory is None:
        return
    lang = press.match.group(1)
    mission_id = resolve_key(press.match.group(2), (m.id for m in directory.missions))
    mission = directory.get(mission_id) if mission_id else None
    if mission is None:  # the records changed since the list was sent
        text = t(lang, "missions_bot.card_missing", url=t(lang, "mission.list_url"))
        await send_html(context.bot, press.target, escape(text))
        return
    await send_html(
        context.bot,
        press.target,
        render_card_html(mission, lang, directory.get),
        _turn_to_keyboard(mission, lang, directory),
    )


def _turn_to_keyboard(
    mission: Mission, lang: str, directory: MissionDirectory
) -> InlineKeyboardMarkup | None:
    """A button opening the card of the mission a closed one sends people to, if the records name it."""
    successor = directory.get(mission.status.turn_to or "")
    return InlineKeyboardMarkup(mission_buttons([successor], lang)) if successor else None


def _article_content(text_html: str) -> InputTextMessageContent:
    return InputTextMessageContent(text_html, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW)


def _card_article(mission: Mission, lang: str, directory: MissionDirectory) -> InlineQueryResultArticle:
    status = status_text(mission, lang)
    description = " · ".join(part for part in (mission_place(mission, lang), status) if part)
    return InlineQueryResultArticle(
        id=callback_data("m", mission.id),
        title=mission_title(mission, lang),
        description=description[:INLINE_DESCRIPTION_CHARS],
        input_message_content=_article_content(render_card_html(mission, lang, directory.get)),
    )


def _summary_article(query: MissionQuery, lang: str) -> InlineQueryResultArticle:
    """For a recognised question no record answers: "none listed" (and the nearest), or "which place?"."""
    lines = render_mission_list_text(query, lang).splitlines()
    return InlineQueryResultArticle(
        id="missions:none",
        title=lines[0],
        description=" ".join(lines[1:])[:INLINE_DESCRIPTION_CHARS] or None,
        input_message_content=_article_content(render_mission_list_html(query, lang)),
    )


def _served_article(
    query: MissionQuery, heading: str, lang: str, directory: MissionDirectory
) -> InlineQueryResultArticle:
    """For matches that serve the country from abroad (or a region without a known district)."""
    return InlineQueryResultArticle(
        id="missions:served",
        title=heading,
        description="; ".join(mission_title(m, lang) for m in query.matches)[:INLINE_DESCRIPTION_CHARS]
        or None,
        input_message_content=_article_content(render_mission_reply_html(query, lang, directory.get)),
    )


def mission_articles(directory: MissionDirectory, text: str, lang: str) -> list[InlineQueryResultArticle]:
    """Inline results for a mission question: one card per match, or a summary and the nearest cards.

    Empty when the directory does not read ``text`` as a mission question, so the
    caller's passage results stand alone.
    """
    query = directory.lookup(text, lang)
    if query is None:
        return []
    heading = covering_heading(query, lang)
    if heading:  # "none listed in Portugal; served by ...": say so before the cards
        articles = [_served_article(query, heading, lang, directory)]
    else:
        articles = [] if query.matches else [_summary_article(query, lang)]
    shown = list(query.matches) + [m for m in query.nearest if m not in query.matches]
    articles.extend(_card_article(mission, lang, directory) for mission in shown)
    return articles


def inline_mission_articles(context: BotContext, text: str, lang: str) -> list[InlineQueryResultArticle]:
    """The mission cards for an inline query, in ``lang`` (blocking: run it in the inline pool)."""
    directory = context.engine.missions
    return mission_articles(directory, text, lang) if directory is not None else []
