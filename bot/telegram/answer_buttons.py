"""Buttons under an answer: open a listed mission's card, show a translation's English original.

``answer_keyboard_rows`` gives rows only; ``asking.answer_question`` adds them
to the rows of its own (feedback) so one keyboard goes under the reply. The
"orig:" button is answered here; the "m:" button by ``bot.telegram.missions``.

Telegram limits ``callback_data`` to 64 bytes. Mission ids and passage ids fit
today (51 and 59 bytes at most), but both are written by people editing the
material, so an id that would not fit is sent as a short stable digest
("m:ru:#3f9a…") that the handler resolves by hashing the known ids again.
A mission button also carries the language of the list it stands under
("m:ru:by-embassy-germany-berlin"), so the card comes in the language the
asker is reading, which may differ from their interface language.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from telegram import CallbackQuery, InlineKeyboardButton, Message, Update, User

from bot.answering import Answer, QuotedPassage
from bot.i18n import t
from bot.missions import MissionQuery
from bot.rendering import mission_title, render_passage_html
from bot.telegram.context import BotContext
from bot.telegram.languages import ui_language
from bot.telegram.sending import ReplyTarget, send_html
from corpus import Mission

__all__ = [
    "MAX_MISSION_BUTTONS",
    "MISSION_PATTERN",
    "ORIGINAL_PATTERN",
    "Press",
    "acknowledge_press",
    "answer_keyboard_rows",
    "callback_data",
    "mission_buttons",
    "offered_missions",
    "original_buttons",
    "press_target",
    "resolve_key",
    "show_original",
]

CALLBACK_DATA_LIMIT = 64  # bytes, Bot API
# As many buttons as render_mission_list_html lists items (its default ``limit``), so every
# listed mission has its button and "...and N more" stands for the same N under both.
MAX_MISSION_BUTTONS = 12
BUTTON_TEXT_LIMIT = 60  # longer labels are cut by Telegram clients anyway, mid-word
MISSION_PATTERN = re.compile(r"^m:([a-z]{2}):(.+)$")
ORIGINAL_PATTERN = re.compile(r"^orig:(.+)$")
_DIGEST_MARK = "#"
_DIGEST_LENGTH = 16  # hex characters: 64 bits, no collision among a few thousand ids


def _digest(identifier: str) -> str:
    return _DIGEST_MARK + hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:_DIGEST_LENGTH]


def callback_data(prefix: str, identifier: str) -> str:
    """``prefix:identifier``, or ``prefix:#digest`` when that would exceed Telegram's 64 bytes."""
    data = f"{prefix}:{identifier}"
    return data if len(data.encode("utf-8")) <= CALLBACK_DATA_LIMIT else f"{prefix}:{_digest(identifier)}"


def resolve_key(key: str, identifiers: Iterable[str]) -> str | None:
    """The identifier a button's key stands for: itself, or the one whose digest it is."""
    known = list(identifiers)
    if key in known:
        return key
    if key.startswith(_DIGEST_MARK):
        return next((identifier for identifier in known if _digest(identifier) == key), None)
    return None


def _label(text: str) -> str:
    return text if len(text) <= BUTTON_TEXT_LIMIT else text[: BUTTON_TEXT_LIMIT - 1].rstrip() + "…"


def offered_missions(query: MissionQuery) -> list[Mission]:
    """Missions a mission reply names without showing their card: several matches, then the nearest."""
    matches = list(query.matches) if len(query.matches) > 1 else []  # one match: its card is the reply
    offered: dict[str, Mission] = {}
    for mission in [*matches, *query.nearest]:
        offered.setdefault(mission.id, mission)
    return list(offered.values())[:MAX_MISSION_BUTTONS]


def mission_buttons(missions: Iterable[Mission], lang: str) -> list[list[InlineKeyboardButton]]:
    """One row per mission, labelled with its title in ``lang``, opening its card in ``lang``."""
    return [
        [
            InlineKeyboardButton(
                _label(mission_title(mission, lang)), callback_data=callback_data(f"m:{lang}", mission.id)
            )
        ]
        for mission in missions
    ]


def original_buttons(passages: Iterable[QuotedPassage], lang: str) -> list[list[InlineKeyboardButton]]:
    """A "Show the English original" row per quoted translation whose original is known.

    With several translated quotes each button names its quote's number, in the
    order the reply shows them.
    """
    translated = [
        (number, p.original_passage_id)
        for number, p in enumerate(passages, start=1)
        if p.is_translation and p.original_passage_id
    ]
    if len(translated) == 1:
        labels = [t(lang, "reply.show_original")]
    else:
        labels = [t(lang, "language.show_original_numbered", number=number) for number, _ in translated]
    return [
        [InlineKeyboardButton(label, callback_data=callback_data("orig", original))]
        for label, (_, original) in zip(labels, translated, strict=True)
        if original
    ]


def answer_keyboard_rows(answer: Answer, lang: str) -> list[list[InlineKeyboardButton]]:
    """The buttons an answer needs, labelled in the interface language ``lang``.

    Args:
        answer: the engine's reply.
        lang: the user's interface language ("en", "ru" or "be").

    Returns:
        Rows of buttons (possibly none): one per mission a mission reply lists
        (titled in the reply's language, like the list above them), or one per
        quoted translation, to show its English original.
    """
    if answer.reason == "missions" and isinstance(answer.missions, MissionQuery):
        return mission_buttons(offered_missions(answer.missions), answer.lang)
    if answer.answered:
        return original_buttons(answer.passages, lang)
    return []


def press_target(query: CallbackQuery) -> ReplyTarget | None:
    """Where to answer a button press: the chat and topic of the message under which it was pressed."""
    message = query.message
    if message is None:
        return None
    if isinstance(message, Message):  # quotes it in groups, where several people may press
        return ReplyTarget.replying_to(message)
    return ReplyTarget(message.chat.id, chat_type=message.chat.type)  # too old to be quoted


@dataclass(frozen=True)
class Press:
    """A pressed button, acknowledged: the press itself, what its data says, and where to reply."""

    query: CallbackQuery
    match: re.Match[str]
    target: ReplyTarget

    @property
    def user(self) -> User:
        """Who pressed the button (in a group, not necessarily who asked)."""
        return self.query.from_user


async def acknowledge_press(update: Update, pattern: re.Pattern[str]) -> Press | None:
    """Stop the button's spinner at once and read the press; None when there is nothing to answer."""
    query = update.callback_query
    if query is None or query.data is None:
        return None
    await query.answer()  # the reply follows as a message
    match = pattern.match(query.data)
    target = press_target(query)
    return Press(query, match, target) if match and target else None


async def show_original(update: Update, context: BotContext) -> None:
    """Send the official English passage a quoted translation renders."""
    press = await acknowledge_press(update, ORIGINAL_PATTERN)
    if press is None:
        return
    lang = ui_language(context, press.user)
    engine = context.engine
    passage_id = resolve_key(press.match.group(1), (p.id for p in engine.corpus.passages))
    original = engine.passage(passage_id) if passage_id else None
    if original is None:  # the material changed since the button was sent
        await send_html(context.bot, press.target, escape(t(lang, "language.original_missing")))
        return
    header = f"<b>{escape(t(lang, 'language.original_header'))}</b>"
    await send_html(context.bot, press.target, f"{header}\n{render_passage_html(original, lang)}")
