"""What the question itself says about whether the material can answer it.

Two pieces of evidence for declining that do not depend on how close the
question's words or vectors are to a passage (the English dense model makes
loose passages look similar, and a bigger question bank makes more of them
look similar), and so carry to questions nobody has tuned on:

- ``asks_for_figure``: the question asks for a number or a date ("how many",
  "how much", "when", "what year", "сколько", "когда", "колькі"). A passage that
  holds no digit cannot give one.
- ``unknown_name``: a word written as a name (capitalised inside the sentence,
  an abbreviation, a figure, or a word in the other script: "Taiwan", "WTO",
  "1991", "Ryanair" in a Russian question) that neither the material nor the
  question bank uses anywhere. A question about a thing the material never
  names is not answered by a passage about something else. The material's own
  subject (``without_subject``: Belarus, Minsk) is no name here.

- ``asks_others_view``: the question asks what *another party* thinks of
  Belarus ("What is the EU's official position on Belarus?", "Как Китай
  относится к Беларуси?", "Якую пазіцыю займае ЕС па Беларусі?"): a stance
  word, then Belarus as its object. The material states Belarus's own
  positions only; "Belarus's position on the EU" and "отношение Беларуси к ЕС"
  (Belarus the owner) ask what it does state.

And one split, for long story-like questions ("My grandfather says we are one
people with Russia. What does the ministry officially say?"):

- ``asked_part``: the sentence that asks (the last one with a question mark,
  else the last one), widened back over the sentences before it while it names
  no subject of its own ("What does the ministry say about it?"); the
  sentences before it are the story. A story word the material never uses
  ("grandfather", "furniture", "Kazakhstan") tells what the asker's life is
  about, not what the question is about, so the decision weighs the story
  less (``assessment.STORY_WEIGHT``) and takes names and out-of-scope topics
  from the asked part alone. The asked part keeps every word the question
  asks with ("how many students...", "are there troops..."), so a near-topic
  question told as a story about Russia or China is still declined.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from bot.answering.normalisation import SUBJECT_WORDS
from index import tokenize

__all__ = ["AskedPart", "asked_part", "asks_for_figure", "asks_others_view", "unknown_name"]

# Question words asking for a quantity anywhere in the question; a date only as
# the question's first word ("калі" is also "if", "when" also a conjunction).
_QUANTITY = {
    "en": re.compile(
        r"\b(?:how\s+(?:many|much|big|large|long|often)|what\s+(?:year|percentage|share|amount)|"
        r"in\s+which\s+year|which\s+year)\b",
        re.IGNORECASE,
    ),
    "ru": re.compile(
        r"(?<!\w)(?:сколько|в\s+каком\s+году|какой\s+процент|какова\s+доля|какой\s+объ[её]м|"
        r"на\s+какую\s+сумму)(?!\w)",
        re.IGNORECASE,
    ),
    "be": re.compile(
        r"(?<!\w)(?:колькі|у\s+якім\s+годзе|які\s+працэнт|якая\s+доля|які\s+аб['’]?ём|на\s+якую\s+суму)(?!\w)",
        re.IGNORECASE,
    ),
}
_DATE_FIRST = {
    "en": re.compile(r"^\W*(?:and\s+|so\s+)?when\b", re.IGNORECASE),
    "ru": re.compile(r"^\W*(?:а\s+|и\s+)?когда(?!\w)", re.IGNORECASE),
    "be": re.compile(r"^\W*(?:а\s+|і\s+)?калі(?!\s+ласка)(?!\w)", re.IGNORECASE),
}
# A stance, then (within three words) a preposition with Belarus as its object (not its owner:
# "Belarus's", nor the first half of "Belarus-China relations").
_BELARUS_OBJECT = {
    "en": r"(?:the\s+)?(?:republic\s+of\s+)?(?:belarus|minsk)(?![\w'’-])",
    "ru": r"(?:беларуси|белоруссии|беларусь|рб|минску|минск)(?![\w-])",
    "be": r"(?:беларусі|беларусь|рб|мінску|мінск)(?![\w-])",
}
_OTHERS_VIEW = {
    "en": re.compile(
        r"(?<!\w)(?:(?:position|stance|view|attitude|policy|opinion|line)s?(?:\s+\w+){0,3}?\s+(?:on|towards?|to|about)"
        r"|(?:think|thinks|feel|feels|say|says)\s+(?:of|about)|(?:see|sees|view|views|treat|treats))\s+"
        + _BELARUS_OBJECT["en"],
        re.IGNORECASE,
    ),
    "ru": re.compile(
        r"(?<!\w)(?:(?:позици|отношени|взгляд|мнени|политик)\w*(?:\s+\w+){0,3}?\s+(?:по|к|в\s+отношении|насч[её]т|о)"
        r"|(?:относ[ия]тся|думает|думают|смотр[ия]т)\s+(?:к|о|на))\s+" + _BELARUS_OBJECT["ru"],
        re.IGNORECASE,
    ),
    "be": re.compile(
        r"(?<!\w)(?:(?:пазіцы|стаўленн|погляд|меркаванн|палітык)\w*(?:\s+\w+){0,3}?\s+(?:па|да|адносна|наконт|пра)"
        r"|(?:ставіцца|ставяцца|думае|думаюць|глядзіць|глядзяць)\s+(?:да|пра|на))\s+" + _BELARUS_OBJECT["be"],
        re.IGNORECASE,
    ),
}
_WORD = re.compile(r"[^\W_][\w'’\-]*")
_SENTENCE_END = re.compile(r"[.!?…:;«»\"“”(]\s*$")
_LATIN = re.compile(r"[A-Za-z]")
# A sentence ends at . ! ? … ; or : followed by a space ("U.S." and "1.5" stay whole; a word
# whose last letter follows an apostrophe, "сям'я.", still ends one).
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…;:])(?<![\s.]\w\.)(?<!^\w\.)\s+")
# A question reported inside a sentence: a verb of asking or wondering, then the question
# word that starts what is asked ("... and wonder how the government sees the EU",
# "... и спрашивает, что такое дальняя дуга", "... і пытаецца, ці лічыцца ЕС ...").
_REPORTED = re.compile(
    r"(?<!\w)(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering|want\s+to\s+know|"
    r"спрашивает|спрашивают|спрашивал|спрашивала|спросил|спросила|интересуется|хочет\s+знать|"
    r"пытаецца|пытаюцца|пытаўся|пыталася|спытаў|спытала|цікавіцца|хоча\s+ведаць)"
    r"(?:\s+(?:me|us|меня|нас|мяне|нас))?[\s,:—-]+"
    r"(?=(?:what|how|why|whether|if|which|who|is|are|does|do|что|как|какой|какая|какие|почему|зачем|"
    r"кто|як|які|якая|якія|чаму|навошта|ці|хто|што)(?!\w)|\w+\s+ли(?!\w))",
    re.IGNORECASE,
)
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def asks_for_figure(question: str, language: str) -> bool:
    """Whether ``question`` asks for a number or a date (see the module docstring)."""
    quantity = _QUANTITY.get(language)
    date = _DATE_FIRST.get(language)
    return bool((quantity and quantity.search(question)) or (date and date.search(question)))


def asks_others_view(question: str, language: str) -> bool:
    """Whether ``question`` asks what another party thinks of Belarus (see the module docstring)."""
    pattern = _OTHERS_VIEW.get(language)
    return bool(pattern and pattern.search(question))


def _looks_like_name(question: str, start: int, word: str, language: str) -> bool:
    if any(ch.isdigit() for ch in word):
        return True
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return True  # an abbreviation: WTO, МВФ
    if language in ("ru", "be") and _LATIN.search(word) and not _CYRILLIC.search(word):
        return True  # a Latin-script word in a Cyrillic question: Ryanair
    if not word[0].isupper():
        return False
    before = question[:start]
    return bool(before.strip()) and not _SENTENCE_END.search(before)


def unknown_name(question: str, language: str, known: Callable[[str], bool]) -> str | None:
    """The first name in ``question`` whose every term ``known`` rejects, or None.

    Args:
        question: the normalised question (capitals kept).
        language: its language.
        known: whether the material or the bank uses a term (``HybridSearcher.knows_term``).
    """
    for match in _WORD.finditer(question):
        word = match.group()
        if SUBJECT_WORDS.match(word) or not _looks_like_name(question, match.start(), word, language):
            continue
        terms = tokenize(word, language)
        if terms and not any(known(term) for term in terms):
            return word
    return None


@dataclass(frozen=True)
class AskedPart:
    """A question split into the part that asks and the story told before it ("" when none)."""

    asked: str
    story: str = ""


def asked_part(question: str, names_subject: Callable[[str], bool]) -> AskedPart:
    """The asking sentence of ``question`` and the story before it (see the module docstring).

    Args:
        question: the normalised question.
        names_subject: whether a stretch of the question names a subject of its
            own (a word the material uses or a word nobody uses, not only frame
            words such as "ministry", "official", "say").
    """
    sentences = [s for s in _SENTENCE_BREAK.split(question.strip()) if s.strip()]
    asking = [n for n, sentence in enumerate(sentences) if "?" in sentence]
    end = asking[-1] + 1 if asking else len(sentences)
    segments: list[str] = []  # the sentences up to the asking one, each cut where it reports a question
    for sentence in sentences[:end]:
        reported = list(_REPORTED.finditer(sentence))
        cut = reported[-1].end() if reported else 0
        segments += [sentence[:cut], sentence[cut:]] if 0 < cut < len(sentence) else [sentence]
    if len(segments) < 2:
        return AskedPart(question)
    last = len(segments) - 1
    tail = sentences[end:]
    first = last
    while first > 0 and not names_subject(" ".join(segments[first : last + 1])):
        first -= 1
    # Whatever follows the asking sentence ("Thanks.") is no story: it stays with it.
    asked = " ".join(part.strip() for part in [*segments[first:], *tail])
    return AskedPart(asked, " ".join(part.strip() for part in segments[:first]))
