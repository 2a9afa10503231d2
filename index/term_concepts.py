"""Names of one thing in different forms and languages, joined by a concept term.

BM25 matches terms, so "КНР" never meets "Китайской Народной Республикой",
"ЕС" never meets "Европейский союз", and "Китай" (stem ``китай``) never meets
"китайский" (``китайск``). Every word listed here is indexed under a shared
concept term (``china``, ``europe``...) in every language, so an abbreviation,
an adjective or a foreign-script name reaches the passage that spells it out.

Two kinds of words, treated differently:

* ``NAME_VARIANTS`` are the thing itself (country, adjective, abbreviation):
  the concept *replaces* the word's stem, so a question saying "Китай" is fully
  matched by a passage saying "Китайской" — no leftover unmatched term makes
  the question look off-topic.
* ``METONYMS`` stand for the thing ("relations with Moscow"): the concept is
  *added* after the word's own stem, so a question naming Moscow still prefers
  a record that says Moscow over one that only says Russia.
"""

from __future__ import annotations

__all__ = ["METONYMS", "NAME_VARIANTS"]

# concept -> language -> words (any inflected form; they are stemmed like text).
NAME_VARIANTS: dict[str, dict[str, tuple[str, ...]]] = {
    # The country and its adjective are one term, so that "белорусского" (rare
    # in the text) weighs as little as "Беларусь" (in nearly every passage) and
    # a question about the rouble does not look on-topic. English is left out:
    # its coverage decision rests on the embedding model, and "Belarusian" is
    # what singles out the "far arc" sentence there.
    "belarus": {
        "ru": ("Беларусь", "белорусский", "белорусы", "Белоруссия", "РБ"),
        "be": ("Беларусь", "беларускі", "беларусы", "РБ"),
    },
    "china": {
        "en": ("China", "Chinese", "PRC", "Sino"),
        "ru": ("Китай", "китайский", "КНР", "Поднебесная"),
        "be": ("Кітай", "кітайскі", "КНР", "Паднябесная"),
    },
    "russia": {
        "en": ("Russia", "Russian", "RF"),
        "ru": ("Россия", "российский", "РФ"),
        "be": ("Расія", "Расея", "расійскі", "расейскі", "РФ"),  # Расея: the everyday (taraškievica) name
    },
    "europe": {
        "en": ("Europe", "European", "EU"),
        "ru": ("Европа", "европейский", "ЕС", "Евросоюз"),
        "be": ("Еўропа", "еўрапейскі", "ЕС", "Еўрасаюз"),
    },
    # The Russian and Belarusian texts say "Штаты", which is what "США" meets.
    "usa": {
        "en": ("USA", "US", "American", "Americans"),
        "ru": ("США", "Штаты", "американский", "американцы", "ЗША"),
        "be": ("ЗША", "Штаты", "амерыканскі", "амерыканцы", "США"),
    },
    "un": {"en": ("UN",), "ru": ("ООН", "ААН"), "be": ("ААН", "ООН")},
    # "ЕАЕС": how the abbreviation comes out typed in Latin letters ("EAES") or without "э".
    "eaeu": {"en": ("EAEU", "EEU"), "ru": ("ЕАЭС", "ЕАЕС"), "be": ("ЕАЭС", "ЕАЕС")},
    "cis": {"en": ("CIS",), "ru": ("СНГ", "СНД"), "be": ("СНД", "СНГ")},
    # NATO as a name of its own: the Belarusian stem of "НАТА"/"нато" ("нак", after the т/ц/к fold)
    # is that of "нацый" (nations), so "Арганізацыя Аб'яднаных Нацый" matched the NATO topic.
    "nato": {"en": ("NATO",), "ru": ("НАТО",), "be": ("НАТА", "НАТО")},
    "csto": {"en": ("CSTO",), "ru": ("ОДКБ", "АДКБ"), "be": ("АДКБ", "ОДКБ")},
    "africa": {
        "en": ("Africa", "African"),
        "ru": ("Африка", "африканский"),
        "be": ("Афрыка", "афрыканскі"),
    },
    "asia": {
        "en": ("Asia", "Asian"),
        "ru": ("Азия", "азиатский"),
        "be": ("Азія", "азіяцкі"),
    },
    "ussr": {
        "en": ("USSR", "Soviet"),
        "ru": ("СССР", "советский", "постсоветский"),
        "be": ("СССР", "савецкі", "постсавецкі"),
    },
    # Noun and adjective of one idea, which Snowball Russian and our Belarusian
    # stemmer leave apart (торговля/торговый); English stems already meet.
    "trade": {"ru": ("торговля", "торговый", "торгово"), "be": ("гандаль", "гандлёвы", "гандлёва")},
    "investment": {
        "ru": ("инвестиции", "инвестиционный"),
        "be": ("інвестыцыі", "інвестыцыйны"),
    },
    "economy": {
        "ru": ("экономика", "экономический", "экономически"),
        "be": ("эканоміка", "эканамічны"),
    },
    "cooperation": {
        "ru": ("сотрудничество", "сотрудничать", "сотрудничает"),
        "be": ("супрацоўніцтва", "супрацоўнічаць", "супрацоўнічае"),
    },
    "neighbour": {
        "en": ("neighbour", "neighbor", "neighbouring", "neighboring"),
        "ru": ("сосед", "соседний"),
        "be": ("сусед", "суседні"),
    },
}

METONYMS: dict[str, dict[str, tuple[str, ...]]] = {
    "china": {"en": ("Beijing",), "ru": ("Пекин",), "be": ("Пекін",)},
    # Moscow's old bynames (Первопрестольная, Белокаменная) are how chat and columns name it.
    "russia": {
        "en": ("Moscow", "Kremlin"),
        "ru": ("Москва", "Кремль", "Первопрестольная", "Белокаменная"),
        "be": ("Масква", "Крэмль", "Крамль", "Першапрастольная", "Белакаменная"),
    },
    "europe": {
        "en": ("Brussels", "Strasbourg"),
        "ru": ("Брюссель", "Страсбург"),
        "be": ("Брусэль", "Страсбург"),
    },
    # "The Moscow-led military alliance": the alliance of the integration paragraph is the CSTO
    # (NATO, the other one people mean, is an out-of-scope topic, decided before any passage).
    "csto": {"en": ("alliance",), "ru": ("альянс",), "be": ("альянс",)},
    # The UN's seats, as the press names the organisation: Geneva and New York ("Нью-Йорк" is
    # two words to the tokenizer, each listed).
    "un": {"en": ("Geneva", "York"), "ru": ("Женева", "Нью", "Йорк"), "be": ("Жэнева", "Нью", "Ёрк", "Йорк")},
    # The "far arc" (Asia, Africa, Latin America) as people name it: the Global South,
    # the third world. The passage's own "arc"/"дуга" carries the concept, so a question
    # naming the South reaches it; the words keep their stems ("South Africa" stays itself).
    "far_arc": {
        "en": ("arc", "south", "third"),
        "ru": ("дуга", "дуги", "юг", "юга", "третий", "третьего", "третьи"),
        "be": ("дуга", "дугі", "поўдзень", "поўдня", "поўдні", "трэці", "трэцяга", "трэція"),
    },
    # "America" is the United States in everyday English, but also "Latin America".
    # The Yanks, the superpower (across the ocean): how chat and columns name the United States.
    "usa": {
        "en": ("Washington", "America", "Yanks", "Yankees", "superpower"),
        "ru": ("Вашингтон", "янки", "сверхдержава"),
        "be": ("Вашынгтон", "янкі", "звышдзяржава"),
    },
}
