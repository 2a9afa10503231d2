"""The buttons of the press desk's curation: what each carries and how it reads back.

A button carries ``cu:<offer>:<action>[:<n>]``, at most 30 bytes, far inside
Telegram's 64: the offer is a row of the curation store holding the group's
phrasings and the choices listed (``bot.pressdesk.CurationStore``), the action one
letter, ``n`` the position of a listed choice. Nothing the change needs is in
the button, so a forged one can only name an existing offer, and pressing
any of them is refused unless the presser is an admin.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import t
from bot.pressdesk import Candidate, CurationStore, QuestionLogError, TopicChoice, UnansweredGroup

log = logging.getLogger(__name__)

CURATION_PREFIX = "cu"
SHOW_PASSAGES, CANDIDATE, SHOW_TOPICS, TOPIC, NEW_TOPIC, IGNORE = "p", "c", "o", "t", "n", "i"
CURATION_PATTERN = re.compile(rf"^{CURATION_PREFIX}:(\d{{1,19}}):([pcotni])(?::(\d{{1,2}}))?$")
BUTTON_TEXT_LIMIT = 60


def curation_data(offer_id: int, action: str, number: int | None = None) -> str:
    """The callback data of one curation button."""
    suffix = "" if number is None else f":{number}"
    return f"{CURATION_PREFIX}:{offer_id}:{action}{suffix}"


def _label(text: str) -> str:
    return text if len(text) <= BUTTON_TEXT_LIMIT else text[: BUTTON_TEXT_LIMIT - 1].rstrip() + "…"


def unanswered_keyboard(
    store: CurationStore | None, admin_id: int, groups: Sequence[UnansweredGroup], lang: str
) -> InlineKeyboardMarkup | None:
    """One row of three buttons per group, each group stored as an offer; None without a store."""
    if store is None or not groups:
        return None
    rows = []
    try:
        for number, group in enumerate(groups, start=1):
            offer = store.create_offer(admin_id, group.phrasings)
            rows.append(
                [
                    InlineKeyboardButton(
                        t(lang, f"curation.buttons.{key}", number=number),
                        callback_data=curation_data(offer, action),
                    )
                    for key, action in (
                        ("passage", SHOW_PASSAGES),
                        ("out_of_scope", SHOW_TOPICS),
                        ("ignore", IGNORE),
                    )
                ]
            )
    except QuestionLogError as exc:  # the list is still worth sending without buttons
        log.error("could not store the /unanswered offers: %s", exc)
        return None
    return InlineKeyboardMarkup(rows)


def candidate_keyboard(offer_id: int, candidates: Sequence[Candidate]) -> InlineKeyboardMarkup:
    """One button per candidate passage: its title and first words."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    _label(f"{n + 1}. {c.opening}"), callback_data=curation_data(offer_id, CANDIDATE, n)
                )
            ]
            for n, c in enumerate(candidates)
        ]
    )


def topic_keyboard(offer_id: int, topics: Sequence[TopicChoice], lang: str) -> InlineKeyboardMarkup:
    """One button per known topic, two a row, then "a new topic"."""
    buttons = [
        InlineKeyboardButton(_label(topic.label), callback_data=curation_data(offer_id, TOPIC, n))
        for n, topic in enumerate(topics)
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append(
        [
            InlineKeyboardButton(
                t(lang, "curation.buttons.new_topic"), callback_data=curation_data(offer_id, NEW_TOPIC)
            )
        ]
    )
    return InlineKeyboardMarkup(rows)
