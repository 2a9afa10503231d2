"""Colloquial filler words, per language: words people add to a chat question that carry no subject.

"so what's the deal with Brussels", "как там у нас с Брюсселем вообще",
"што там наконт Брусэля": the subject is Brussels; "deal", "вообще" and
"наконт" appear nowhere in the material or the question bank, so without this
list they count as unknown key subjects (``HybridSearcher.unknown_share``) and
dilute the share of the question found in a bank question, and the engine
declines a question it can answer. They are dropped like stop words
(``index.text_analysis``).

What belongs here: discourse particles, hedges, intensifiers, politeness and
chat words, and the frames "what about / how are things with" (the words, not
a subject). What does not: anything that could be the subject of a question
(a place, an organisation, an issue); greetings, thanks and politeness ("ok",
"please", "как дела": the greeting topic must still see them) and any other
word of an out-of-scope trigger (``tests/test_text_analysis.py`` holds it);
words of the material itself.

Verbs that report what someone says, writes or asks ("my grandfather says...",
"что об этом пишет министерство", "і пытаецца, ці...") are fillers too: they
frame the question, never its subject, and left in they made the frame "what
does the ministry write about it" look like a subject of its own
(``bot.answering.question_evidence.asked_part``).

Kept because it helped on the dev golden set (``python -m bot eval --part dev``,
2026-12-02, 352 policy questions): in-scope answered 0.912 -> 0.923 (ru 0.925 ->
0.933, be 0.886 -> 0.905), right quote 0.886 -> 0.898, wrong quote and
near-topic declined unchanged (0.026, 1.000).
"""

from __future__ import annotations

__all__ = ["FILLER_WORDS"]


def _words(listing: str) -> frozenset[str]:
    return frozenset(listing.split())


FILLER_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        """
        like deal thing things stuff really actually basically anyway anyways
        well kinda sorta gonna wanna lol yeah yep um uh hmm
        whats what's hows how's wheres where's whos who's thats that's
        guys bit lot lots going goes gotta
        exactly honestly seriously literally simply currently nowadays these days
        truly really true says said say saying tell tells told telling writes wrote write
        asks asked asking wonder wonders wondered wondering keeps keep
        ngl tbh imo idk btw rn nah
        """
    ),
    "ru": _words(
        """
        вообще вообщем вобщем ваще короче типа че чё чо насчет насчёт кстати блин
        просто ладно давай давайте скажите подскажите плиз пж
        вроде именно реально собственно сейчас щас сегодня нынче
        обстоят обстоит ситуация вкратце кратко коротко
        интересно интересует хотелось хочется узнать знать
        правда действительно пишет пишут пишу писал писали говорит говорят говорил говорила
        сказал сказала сказали сказано говорится спрашивает спрашивал спрашивала спросил спросила
        уверяет считает
        ну слушай слушайте нибудь
        шо чисто прям считаете считают считаем
        """
    ),
    "be": _words(
        """
        увогуле ўвогуле наогул карацей тыпу наконт дарэчы блін
        проста ладна давай давайце скажыце падкажыце
        нібыта менавіта сапраўды зараз цяпер сёння
        абстаяць абстаіць сітуацыя коратка
        цікава цікавіць хацелася хочацца даведацца
        праўда піша пішуць пішу пісаў пісалі кажа кажуць казаў казала гаворыць гавораць
        сказаў сказала сказалі сказана гаворыцца пытаецца пытаўся пыталася спытаў спытала лічыць
        ну слухай слухайце слушай небудзь
        шо рэальна прама чымсьці штосьці чё че чо вообще короче типа
        """
    ),
}
