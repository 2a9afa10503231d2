"""Pure renderers: an ``Answer`` or a mission query in, plain text or Telegram HTML out.

Nothing here sends anything: the adapters call these and deliver the result.
Corpus and user text is always escaped in the HTML forms.
"""

from bot.rendering.answer import (
    MARK,
    MissionLookup,
    link,
    mark_sentence,
    render_answer_html,
    render_answer_text,
    render_passage_html,
    render_passage_text,
    render_refusal_text,
    source_line,
)
from bot.rendering.citation import citation_line, render_citation_text, render_passage_citation
from bot.rendering.html_split import (
    TELEGRAM_MESSAGE_LIMIT,
    HtmlSplitError,
    RenderingError,
    html_to_text,
    split_html,
    utf16_length,
)
from bot.rendering.mission_cards import (
    covering_heading,
    display_url,
    mission_place,
    mission_title,
    missions_json,
    render_card_html,
    render_card_text,
    render_mission_list_html,
    render_mission_list_text,
    render_mission_reply_html,
    render_mission_reply_text,
    source_label,
    status_text,
)

__all__ = [
    "MARK",
    "TELEGRAM_MESSAGE_LIMIT",
    "HtmlSplitError",
    "MissionLookup",
    "RenderingError",
    "citation_line",
    "covering_heading",
    "display_url",
    "html_to_text",
    "link",
    "mark_sentence",
    "mission_place",
    "mission_title",
    "missions_json",
    "render_answer_html",
    "render_answer_text",
    "render_card_html",
    "render_card_text",
    "render_citation_text",
    "render_mission_list_html",
    "render_mission_list_text",
    "render_mission_reply_html",
    "render_mission_reply_text",
    "render_passage_citation",
    "render_passage_html",
    "render_passage_text",
    "render_refusal_text",
    "source_label",
    "source_line",
    "split_html",
    "status_text",
    "utf16_length",
]
