"""Render an ``Answer`` for a reader: plain text (console, ``ask``, ``/cite``'s declines) or Telegram HTML.

One line model, two formatters, as the mission cards do: ``_answer_blocks``
decides *what* a reply says (the quote with its best sentence, the source, the
note that a translation links its original, the "Also relevant" heading) and
``_text`` / ``_html`` decide only *how* each line looks. So the two forms can
never disagree about content.

The quote is verbatim. In plain text the best sentence is wrapped in ``*`` so a
reader sees it without colour or markup; in HTML it is bold. Every piece of
corpus or user text goes through ``html.escape``; only the tags made here
(blockquote, b, i, a) reach Telegram unescaped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from bot.answering import Answer, QuotedPassage
from bot.i18n import t
from bot.rendering.mission_cards import mission_title, render_mission_reply_html, render_mission_reply_text
from corpus import Mission, country_display_name

MARK = "*"

MissionLookup = Callable[[str], Mission | None]


@dataclass(frozen=True)
class _Quote:
    head: str
    best: str  # empty: nothing is marked
    tail: str


@dataclass(frozen=True)
class _Source:
    passage: QuotedPassage
    lang: str


@dataclass(frozen=True)
class _Note:
    text: str


@dataclass(frozen=True)
class _Heading:
    text: str


_Line = _Quote | _Source | _Note | _Heading


def mark_sentence(text: str, sentence: str | None) -> tuple[str, str, str]:
    """Split ``text`` around the best sentence: (head, sentence, tail); sentence may be empty.

    A passage of one sentence gets no mark: marking all of it would say nothing.
    """
    if sentence and sentence != text and (start := text.find(sentence)) >= 0:
        return text[:start], sentence, text[start + len(sentence) :]
    return text, "", ""


def _passage_lines(passage: QuotedPassage, lang: str) -> list[_Line]:
    lines: list[_Line] = [
        _Quote(*mark_sentence(passage.text, passage.best_sentence)),
        _Source(passage, lang),
    ]
    if passage.is_translation and passage.original_url:
        lines.append(_Note(t(lang, "reply.translation_note", url=passage.original_url)))
    return lines


def _answer_blocks(answer: Answer) -> list[list[_Line]]:
    """The quotes of an answered question: the best first, then the others under a heading."""
    first, *further = answer.passages
    blocks = [_passage_lines(first, answer.lang)]
    if further:
        blocks.append([_Heading(t(answer.lang, "reply.also_relevant") + ":")])
        blocks.extend(_passage_lines(p, answer.lang) for p in further)
    return blocks


def _section(passage: QuotedPassage) -> str:
    return f" — {passage.section}" if passage.section else ""


def _text(line: _Line) -> str:
    if isinstance(line, _Quote):
        return f"“{line.head}{MARK}{line.best}{MARK}{line.tail}”" if line.best else f"“{line.head}”"
    if isinstance(line, _Source):
        return f"— {source_line(line.passage, line.lang)}"
    return line.text


def _html(line: _Line) -> str:
    if isinstance(line, _Quote):
        if not line.best:
            return f"<blockquote>{escape(line.head)}</blockquote>"
        return f"<blockquote>{escape(line.head)}<b>{escape(line.best)}</b>{escape(line.tail)}</blockquote>"
    if isinstance(line, _Source):
        p, label = line.passage, t(line.lang, "reply.source")
        return (
            f"<i>{escape(label)}:</i> {link(p.source_url, p.title)}{escape(_section(p))}"
            f" ({escape(p.source_name)}, {escape(p.date)})"
        )
    if isinstance(line, _Heading):
        return f"<b>{escape(line.text)}</b>"
    return f"<i>{escape(line.text)}</i>"


def _join(blocks: Sequence[Sequence[_Line]], formatter: Callable[[_Line], str]) -> str:
    return "\n\n".join("\n".join(formatter(line) for line in block) for block in blocks)


def link(url: str, label: str) -> str:
    """An HTML link, both parts escaped."""
    return f'<a href="{escape(url, quote=True)}">{escape(label)}</a>'


def source_line(passage: QuotedPassage, lang: str) -> str:
    """ "Source: title — section (publisher, date), URL" in ``lang``."""
    label = t(lang, "reply.source")
    published = f"({passage.source_name}, {passage.date})"
    return f"{label}: {passage.title}{_section(passage)} {published}, {passage.source_url}"


def render_passage_text(passage: QuotedPassage, lang: str) -> str:
    """One quote as plain text: the passage, its best sentence marked, then its source."""
    return _join([_passage_lines(passage, lang)], _text)


def render_passage_html(passage: QuotedPassage, lang: str) -> str:
    """One quote: the passage in a blockquote, the best sentence bold, then its source."""
    return _join([_passage_lines(passage, lang)], _html)


def render_refusal_text(answer: Answer, site_url: str) -> str:
    """The message for a question that gets no quote (not covered or not a question)."""
    if answer.reason == "not_covered" and answer.topic is not None:
        topic = answer.topic  # a known out-of-scope topic: say so and point where to turn
        key = f"reply.topic_{topic.reply}"
        text = t(answer.lang, key, topic=topic.label, url=topic.pointer, site=site_url)
        serving = _serving_text(answer)
        return f"{text}\n\n{serving}" if serving else text
    if answer.reason == "not_covered":
        return t(answer.lang, "reply.not_covered", site=site_url)
    if answer.reason == "too_long":
        details = answer.details
        return t(
            answer.lang, "reply.too_long", length=details.get("length", 0), limit=details.get("limit", 0)
        )
    return t(answer.lang, f"reply.{answer.reason}")


def _serving_text(answer: Answer) -> str | None:
    """ "Where you are (Poland), the Belarusian missions serving you: ..." for a consular decline."""
    topic, lang = answer.topic, answer.lang
    if topic is None or not topic.missions or not topic.country_code:
        return None
    items = []
    for mission in topic.missions:
        sites = mission.contacts_of("website")
        where = sites[0].value if sites and sites[0].value else None
        items.append(f"{mission_title(mission, lang)} ({where})" if where else mission_title(mission, lang))
    country = country_display_name(topic.country_code, lang)
    return t(lang, "reply.consular_missions", country=country, missions="; ".join(items))


def render_answer_text(answer: Answer, site_url: str, mission_lookup: MissionLookup | None = None) -> str:
    """The whole reply as plain text, exactly what a console or CLI user reads.

    Args:
        answer: the engine's reply.
        site_url: the ministry's site, named when the material does not cover a question.
        mission_lookup: finds a mission by id (``Engine.mission_lookup``), so a closed
            mission's card names the mission to turn to instead.
    """
    if answer.missions is not None:
        return render_mission_reply_text(answer.missions, answer.lang, mission_lookup)
    if not answer.answered:
        return render_refusal_text(answer, site_url)
    return _join(_answer_blocks(answer), _text)


def render_answer_html(answer: Answer, site_url: str, mission_lookup: MissionLookup | None = None) -> str:
    """The whole reply in Telegram HTML (may exceed 4,096 characters: the adapter splits it)."""
    if answer.missions is not None:
        return render_mission_reply_html(answer.missions, answer.lang, mission_lookup)
    if not answer.answered:
        return escape(render_refusal_text(answer, site_url))
    return _join(_answer_blocks(answer), _html)
