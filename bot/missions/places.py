"""Recognise countries and mission cities in a question, in English, Russian and Belarusian.

Country names come from pycountry (English names plus its gettext catalogues for
Russian and Belarusian); city names come from the mission records themselves.
Inflected forms ("в Германии", "у Германіі", "Бресте") and adjectives ("Chinese",
"китайское") are matched by stripping a small list of endings and comparing
stems; typos ("Germny") by rapidfuzz. Only adjectives that cannot be derived from
a country's name ("French", "немецкий", "British") come from the small
``IRREGULAR_ADJECTIVES`` table, and a handful of abbreviations ("USA", "США").
Everything is precomputed once, so a question costs a few dictionary look-ups.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from bot.fuzzy import closest_matches
from corpus import Mission, OtherNames, PlaceName, country_code_of, country_names, subdivision_names
from index import russian_word_known

# Inflection and adjective endings, longest first; Latin and Cyrillic never collide.
_ENDINGS = sorted(
    {
        "ese",
        "ish",
        "ian",
        "ans",
        "an",
        "ia",
        "n",
        "i",
        "s",
        "y",
        "a",
        "e",
        "istan",
        "stan",
        "ская",
        "ское",
        "ский",
        "ского",
        "скому",
        "ском",
        "ские",
        "ских",
        "ской",
        "скую",
        "ая",
        "ое",
        "ий",
        "ый",
        "ого",
        "ому",
        "его",  # soft adjectives: "Нижнего Новгорода"
        "ему",
        "ом",
        "ые",
        "ых",
        "ой",
        "ую",
        "ия",
        "ии",
        "ию",
        "ией",
        "ье",
        "ьи",
        "ья",
        "ах",
        "ам",
        "ами",
        "ем",
        "ей",
        "а",
        "у",
        "е",
        "ы",
        "и",
        "ю",
        "я",
        "о",
        "ь",
        "й",
        "стан",
        "скае",
        "скі",
        "скага",
        "скаму",
        "скім",
        "скія",
        "скіх",
        "ае",
        "ага",
        "аму",
        "ым",
        "ім",
        "ія",
        "іі",
        "ію",
        "ыя",
        "іх",
        "і",
        "ў",
    },
    key=len,
    reverse=True,
)
ADJECTIVE_ENDINGS = (
    "ese",
    "ish",
    "ian",
    "an",
    "i",
    "ск",
    "ий",
    "ая",
    "ое",
    "ого",
    "ой",
    "ые",
    "скі",
    "скае",
    "скага",
    "ае",
    "ага",
)
# Words in official names that do not tell countries apart.
_GENERIC_NAME_WORDS = frozenset(
    {
        # words that only say "a region" in consular districts ("Sverdlovsk Oblast", "край")
        "oblast",
        "region",
        "krai",
        "okrug",
        "autonomous",
        "область",
        "области",
        "областью",
        "край",
        "края",
        "краю",
        "округ",
        "округа",
        "автономный",
        "автономная",
        "автономного",
        "вобласць",
        "вобласці",
        "воеводство",
        "ваяводства",
        "voivodeship",
        "voivodship",
        "правінцыя",
        "provinz",
        "land",
        "canton",
        "кантон",
        "sheng",
        "zizhiqu",
        "район",
        "раён",
        "акруга",
        "аўтаномная",
        "of",
        "the",
        "and",
        "republic",
        "union",  # "Union of the Comoros": "the Union State" is not the Comoros
        "federal",
        "federation",
        "democratic",
        "people's",
        "peoples",
        "islamic",
        "socialist",
        "plurinational",
        "bolivarian",
        "state",
        "province",
        "city",
        "saint",
        "республика",
        "федерация",
        "федеративная",
        "демократическая",
        "народно",
        "народная",
        "исламская",
        "социалистическая",
        "государство",
        "провинция",
        "многонациональное",
        "боливарианская",
        "город",
        "и",
        "республіка",
        "федерацыя",
        "федератыўная",
        "демакратычная",
        "народна",
        "ісламская",
        "сацыялістычная",
        "дзяржава",
        "шматнацыянальная",
        "баліварыянская",
        "горад",
        "і",
        "санкт",
        "на",
    }
)
# Adjectives and abbreviations not derivable from the names (see module docstring).
IRREGULAR_ADJECTIVES: dict[str, str] = {
    "french": "FR",
    "polish": "PL",
    "dutch": "NL",
    "british": "GB",
    "english": "GB",
    "england": "GB",
    "scotland": "GB",
    "holland": "NL",
    "англи": "GB",
    "галанд": "NL",
    "вугоршчын": "HU",  # the Belarusian names the catalogue lacks (it has Венгрыя, Германія)
    "нямеччын": "DE",
    "расі": "RU",  # Расія: the Belarusian catalogue has only "Расійская Федэрацыя"
    "swiss": "CH",
    "danish": "DK",
    "finnish": "FI",
    "spanish": "ES",
    "turkish": "TR",
    "greek": "GR",
    "emirati": "AE",
    "american": "US",
    "norwegian": "NO",
    "belarusian": "BY",
    "belarusan": "BY",
    "britain": "GB",
    "великобритан": "GB",
    "вялікабрытан": "GB",
    "slovak": "SK",
    "czech": "CZ",
    "nunciatur": "VA",
    "нунциатур": "VA",
    "нунцыятур": "VA",
    "немец": "DE",
    "британ": "GB",
    "англий": "GB",
    "америк": "US",
    "емират": "AE",
    "литов": "LT",
    "швед": "SE",
    "венгер": "HU",
    "словац": "SK",
    "финск": "FI",
    "армян": "AM",
    "кубин": "CU",
    "голланд": "NL",
    "чешск": "CZ",
    "датск": "DK",
    "греческ": "GR",
    "норвеж": "NO",
    "белорус": "BY",
    "нямец": "DE",
    "брытан": "GB",
    "ангельск": "GB",
    "амерык": "US",
    "літоўск": "LT",
    "шведск": "SE",
    "венгерск": "HU",
    "славацк": "SK",
    "фінск": "FI",
    "армянск": "AM",
    "кубінск": "CU",
    "гречаск": "GR",
    "нарвежск": "NO",
}
# Stems in that table that also begin the country's name ("в Америке", "в Эмиратах", "Britain"):
# an adjective only when the word has an adjective's ending.
_NOUN_STEMS = frozenset(
    {
        "америк",
        "амерык",
        "емират",
        "britain",
        "england",
        "scotland",
        "holland",
        "англи",
        "голланд",
        "галанд",
        "расі",
    }
    | {"великобритан", "вялікабрытан", "британ", "брытан"}  # "у Брытаніі": the noun, not "British"
)
_NOUN_STEM_PREFIXES = tuple(sorted(_NOUN_STEMS))
ABBREVIATIONS: dict[str, str] = {
    "usa": "US",
    "us": "US",
    "uk": "GB",
    "uae": "AE",
    "сша": "US",
    "оае": "AE",
    "рб": "BY",
    "зша": "US",
    "аае": "AE",
    "юар": "ZA",
    "пар": "ZA",
}
_MISSION_NOUNS = ("embass", "consul", "ambassador", "mission")
_CASE_SENSITIVE_ABBREVIATIONS = frozenset({"us", "пар"})  # "US", "ПАР" only as written so

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def fold(text: str, lower: bool = True) -> str:
    """Lower-case, unify ё/е, э/е and apostrophes, and drop Latin accents (not Cyrillic й, ў).

    э/е because Latin-typed Russian comes back from transliteration with е for
    every "e" ("estonii" -> "естонии"), and a typist may drop the э (Эквадор).
    """
    text = text.lower() if lower else text
    for written, folded in (
        ("ё", "е"),
        ("Ё", "Е"),
        ("э", "е"),
        ("Э", "Е"),
        ("’", "'"),
        ("ʼ", "'"),
        ("`", "'"),
    ):
        text = text.replace(written, folded)
    out = []
    for char in text:
        base = unicodedata.normalize("NFKD", char)[0]
        out.append(base if base.isascii() and not char.isascii() else char)
    return "".join(out)


def words(text: str) -> list[str]:
    """Split into folded words; hyphens split ("Rostov-on-Don"), apostrophes do not (В'етнам)."""
    return _WORD.findall(fold(text))


def tokenize(text: str) -> tuple[list[str], list[str]]:
    """The folded words and the same words as written (for case-sensitive "US")."""
    original = _WORD.findall(fold(text, lower=False))
    return [w.lower() for w in original], original


@lru_cache(maxsize=8192)
def stems(word: str) -> frozenset[str]:
    """The word and the word minus each known ending, keeping at least three letters."""
    found = {word}
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            found.add(word[: -len(ending)])
    return frozenset(found)


# Belarusian locatives change the stem's last consonant: Брэст -> у Брэсце, Рыга -> у Рызе,
# Прага -> у Празе, Мексіка -> у Мексіцы, Канада -> у Канадзе. Longest alternation first.
_LOCATIVE_ENDINGS = ("е", "і", "ы")
_LOCATIVE_ALTERNATIONS = (("дз", ("д",)), ("ц", ("т", "к")), ("з", ("г",)))


_SHORT_NAME_ENDINGS = ("а", "я", "е", "ы", "і", "у", "ю")


def _short_name_stem(word: str) -> frozenset[str]:
    """The two-letter stem of a three-letter name declined like "Уфа" (в Уфе, для Уфы, ва Уфу).

    ``stems`` keeps three letters at least; these few names would otherwise be found only
    in the nominative. Matched against three-letter names alone, so little else shares it.
    """
    if len(word) == 3 and word.endswith(_SHORT_NAME_ENDINGS) and word[1] in _CONSONANTS:
        return frozenset({word[:2]})
    return frozenset()


_DOUBLED_LETTER = re.compile(r"([^\W\d_])\1")
_Y_BEFORE_VOWEL = re.compile(r"й(?=[іиыяюе]$)")


# Genitive plurals ("Соединённых Штатов", "Эмиратаў"): stripped from a question's words only, so a
# name ending so ("Ростов", "Харьков") keeps its whole stem and "роста" (growth) stays no Rostov.
_PLURAL_ENDINGS = ("ов", "ев", "аў", "оў")


@lru_cache(maxsize=8192)
def question_stems(word: str) -> frozenset[str]:
    """``stems`` plus the nominative stems a Belarusian locative ("брэсце" -> "брэст") or a genitive
    plural ("штатов" -> "штат") may stand for."""
    found = set(stems(word))
    found |= _short_name_stem(word)
    # two common slips: a doubled letter ("кенніі" for "кеніі") and a "й" before a vowel
    # ending ("індыйі", "турцыйі" for "індыі", "турцыі")
    for respelt in (_DOUBLED_LETTER.sub(r"\1", word), _Y_BEFORE_VOWEL.sub("", word)):
        if respelt != word and len(respelt) >= 4:
            found |= stems(respelt)
    found.update(
        word[: -len(ending)]
        for ending in _PLURAL_ENDINGS
        if word.endswith(ending) and len(word) - len(ending) >= 4
    )
    for ending in _LOCATIVE_ENDINGS:
        if not word.endswith(ending):
            continue
        stem = word[: -len(ending)]
        for changed, originals in _LOCATIVE_ALTERNATIONS:
            if stem.endswith(changed) and len(stem) >= 3:
                base = stem[: -len(changed)]
                found.update(base + original for original in originals)
                # a vowel that drops before the ending: Егіпет -> у Егіпце, Кіпр stays
                if len(base) >= 3:
                    found.update(base + "е" + original for original in originals)
                break
    return frozenset(found)


# Typos, by rapidfuzz ratio: 84 lets one slip through in a five-letter name
# ("turky", "germny") and keeps common words out ("child" scores 80 against Chile,
# "union" 83 against Réunion); a word of eight letters or more may carry one more
# slip ("швецарии" scores 82 against Швейцария).
_TYPO_SCORE = 84
_TYPO_SCORE_SIX = 83  # one letter wrong in six ("туркии" for "турции")
_TYPO_SCORE_LONG = 80
_LONG_WORD = 8
# A spelling this close to another name, and this much closer than to a name the word
# merely begins, wins over it: "швецарии" is Швейцария (82), not Швеция (71), while
# "польскае" stays Польшча (71), not Подляска (75).
_MIN_TYPO_STEM = 5  # a misspelt stem is compared only from five letters: "мюнхин", not "кит"
_RIVAL_SCORE = 75
_RIVAL_MARGIN = 8
_CONSONANTS = frozenset("бвгджзйклмнпрстфхцчшщўbcdfghjklmnpqrstvwxz")


def _without_fleeting_vowel(token: str) -> frozenset[str]:
    """The stem a name loses its last е/о in when inflected: Египет -> в Египте, Египта.

    Only a vowel between two consonants at the end of a name of five letters or more,
    which is where Russian and Belarusian drop it (Египет, Егіпет); the shorter
    stem must keep four letters.
    """
    if (
        len(token) < 5
        or token[-2] not in "ео"
        or token[-1] not in _CONSONANTS
        or token[-3] not in _CONSONANTS
    ):
        return frozenset()
    return frozenset({token[:-2] + token[-1]})


def _declined_short_u(token: str) -> frozenset[str]:
    """The stem a Belarusian name ending in "ў" is declined on: Кіеў -> у Кіеве, Львоў -> Львова.

    The "ў" closes a syllable only at the end of the word; before an ending it is "в" again
    (Кішынёў, Харкаў, Тэль-Авіў, Пловдзіў).
    """
    if len(token) < 4 or not token.endswith("ў"):
        return frozenset()
    return frozenset({token[:-1] + "в"})


def _dictionary_word(word: str) -> bool:
    """Whether a Cyrillic word is one pymorphy3's Russian dictionary knows: then it is no misspelt name.

    "мигранты" is eight letters from "эмираты" by a ratio of 80, "который" one from "Коморы";
    a name spelled right has matched by its stem before a close spelling is looked for.
    """
    return not word.isascii() and russian_word_known(word)


# Letters a typist puts for each other at the start of a name: Belarusian і for Russian и.
_FIRST_LETTER = str.maketrans("іеў", "иеу")


def _typo_cutoff(word: str) -> float:
    """The least similarity a close spelling of ``word`` needs: longer words may differ more."""
    if len(word) >= _LONG_WORD:
        return _TYPO_SCORE_LONG
    return _TYPO_SCORE_SIX if len(word) >= 6 else _TYPO_SCORE


def _same_first_letter(name: str, word: str) -> bool:
    """Whether a close spelling begins as the name does: a slip rarely hits the first letter.

    Keeps "мігранты" from "Эміраты" and "kremlin" from "Karelia" while "germny",
    "isreal" and "ізраіль" typed "израиль" still match.
    """
    return name[:1].translate(_FIRST_LETTER) == word[:1].translate(_FIRST_LETTER)


def _one_swap_apart(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with exactly one pair of neighbouring letters swapped."""
    if len(a) != len(b):
        return False
    differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return (
        len(differ) == 2
        and differ[1] == differ[0] + 1
        and a[differ[0]] == b[differ[1]]
        and a[differ[1]] == b[differ[0]]
    )


def _adjective_suffix(rest: str) -> bool:
    """Whether what follows a four-letter name stem begins an adjective ending.

    "поль|скае" (Польшча), "инди|йское" (Индия), "swed|ish" (Sweden), but not
    "chil|dren" (Chile).
    """
    return rest.lstrip("йиі").startswith(("ск", "sk")) or rest.startswith(("ish", "ian", "ese", "ic"))


def is_adjective(word: str) -> bool:
    """Whether the word looks like an adjective form ("German", "китайское")."""
    return word.endswith(ADJECTIVE_ENDINGS)


# Kinds of mission whose consular district may be a part of their country: where Belarus keeps
# one, a region of that country may be asked about ("which consulate serves Podlaskie?").
SUBDIVIDED_KINDS = frozenset({"consulate_general", "consulate"})


@dataclass(frozen=True)
class Place:
    """Something a question can name: a country (ISO code), a mission city, a district region,
    or a region of a country that no district in the records names (a "subdivision")."""

    kind: str  # "country", "city", "region" (of a consular district) or "subdivision"
    key: str  # ISO alpha-2 code, the record's English city or region name, or the ISO region name
    country_code: str | None  # for a city: the country it lies in


@dataclass(frozen=True)
class PlaceMention:
    """A place found in the question: which words named it and how."""

    places: tuple[Place, ...]  # several when the words fit equally well (e.g. "Korea")
    positions: tuple[int, ...]
    adjective: bool
    score: float


@dataclass(frozen=True)
class _Variant:
    place: Place
    tokens: tuple[str, ...]
    whole: str


def _country_names(missions: list[Mission], other_names: OtherNames) -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    for code, iso_names in country_names():
        names[code].update(iso_names)
    for mission in missions:  # the records' own spellings ("Turkey", "South Korea")
        if mission.country_code:
            names[mission.country_code].add(mission.country)
    for code, others in other_names.countries.items():  # "Persia", "Бирма" (corpus/places)
        names[code].update(others)
    return names


def _split_variants(name: str) -> list[str]:
    """'Holy See (Vatican City State)' -> both parts; 'Vatican City / Rome' -> both cities;
    'Korea, Republic of' -> also 'Korea' (the part after the comma qualifies, so it is dropped)."""
    parts = [p.strip() for p in re.split(r"[()/]", name.split(",")[0]) if p.strip()]
    return list(dict.fromkeys([name, name.split(",")[0].strip(), *parts]))


def district_regions(mission: Mission) -> list[PlaceName]:
    """The regions of a consular district (covered places that are not countries)."""
    regions = []
    for place in mission.covers:
        if place.ru or place.be or country_code_of(place.en) is None:
            regions.append(place)
    return regions


class PlaceIndex:
    """Every nameable place, indexed by word stems for fast matching."""

    def __init__(self, missions: list[Mission], other_names: OtherNames | None = None) -> None:
        other_names = other_names or OtherNames()
        # ISO region name -> (ISO, Russian, Belarusian) names of the regions ``_subdivision_variants`` adds
        self.subdivisions: dict[str, tuple[str, str | None, str | None]] = {}
        variants: list[_Variant] = []
        for code, names in _country_names(missions, other_names).items():
            place = Place("country", code, code)
            for name in names:
                variants.extend(self._variants(place, name))
        for mission in missions:
            place = Place(
                "city",
                mission.city,
                "BY" if mission.direction == "foreign_in_belarus" else mission.country_code,
            )
            others = other_names.cities.get(mission.city, ())  # "Kiev", "Питер" (corpus/places)
            for city_name in (mission.city, mission.city_names.ru, mission.city_names.be, *others):
                if city_name:
                    variants.extend(self._variants(place, city_name))
        cities = {m.city for m in missions}
        for mission in missions:
            for region in district_regions(mission):
                if region.en in cities:  # the city itself names the mission already
                    continue
                home = "BY" if mission.direction == "foreign_in_belarus" else mission.country_code
                region_place = Place("region", region.en, home)
                others = other_names.regions.get(region.en, ())  # "Ленобласть" (corpus/places)
                for region_name in (region.en, region.ru, region.be, *others):
                    if region_name:
                        variants.extend(self._variants(region_place, region_name))
        variants.extend(self._subdivision_variants(missions, cities, other_names))
        self._with_missions = {m.country_code for m in missions}
        self._working_cities = {m.city for m in missions if m.status.state == "open"}
        self._variants_by_token: dict[str, list[_Variant]] = defaultdict(list)
        for variant in set(variants):
            for token in variant.tokens:
                self._variants_by_token[token].append(variant)
        self._tokens = sorted(self._variants_by_token)
        # A region of a country is matched by its name or stem only, never by a close spelling:
        # "польскае" (Polish) is one letter from "Апольскае" (Opole Voivodeship).
        self._spelled_tokens = [
            t for t in self._tokens if any(v.place.kind != "subdivision" for v in self._variants_by_token[t])
        ]
        # Per instance (not @lru_cache on the method, which would keep every index alive
        # across /reload): a question's words repeat across questions.
        self.token_hits = lru_cache(maxsize=4096)(self._token_hits)
        self._by_stem: dict[str, set[str]] = defaultdict(set)
        self._by_prefix: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self._by_letters: dict[str, set[tuple[str, str]]] = defaultdict(set)  # for swapped letters
        self._spelled_tokens_set = frozenset(self._spelled_tokens)
        for token in self._tokens:
            # Latin-typed Russian has no soft sign: "v polshe" comes back as "в полше" (Польше)
            hard = token.replace("ь", "")
            for stem in (
                stems(token)
                | _without_fleeting_vowel(token)
                | (stems(hard) if len(hard) >= 4 else set())
                | _declined_short_u(token)
                | (_short_name_stem(token) if token.endswith(("а", "я")) else frozenset())
            ):
                self._by_stem[stem].add(token)
                if len(stem) >= 4:
                    self._by_prefix[stem[:4]].add((stem, token))
                    if token in self._spelled_tokens_set:
                        self._by_letters["".join(sorted(stem))].add((stem, token))
        # stems of names spelled in full, by first letter, for typos in inflected words
        self._stems_by_letter: dict[str, list[str]] = defaultdict(list)
        for stem in sorted(self._by_stem):
            if len(stem) >= _MIN_TYPO_STEM and self._by_stem[stem] & self._spelled_tokens_set:
                self._stems_by_letter[stem[0]].append(stem)

    def _subdivision_variants(
        self, missions: list[Mission], cities: set[str], other_names: OtherNames
    ) -> list[_Variant]:
        """First-level regions of the countries where Belarus keeps a consulate (districts matter there).

        Only regions no consular district of the records names, and only by names with
        a word of five letters or more: a short ISO name ("Van", "Mie") is too often a
        common word. Each region's key is its ISO name; its country is where it lies.
        """
        named = {
            fold(name) for m in missions for r in district_regions(m) for name in (r.en, r.ru, r.be) if name
        }
        named |= {fold(city) for city in cities}
        countries = sorted(
            {
                m.country_code
                for m in missions
                if m.direction == "belarus_abroad"
                and m.kind in SUBDIVIDED_KINDS
                and m.status.state == "open"
                and m.country_code
            }
        )
        found = []
        for code in countries:
            for iso_name, ru, be in subdivision_names(code):
                names = [n for n in (iso_name, ru, be) if n]
                if any(fold(n) in named for n in names):
                    continue
                names += other_names.regions.get(iso_name, ())  # "Lublin Voivodeship" (corpus/places)
                place = Place("subdivision", iso_name, code)
                self.subdivisions[iso_name] = (iso_name, ru, be)
                for name in names:
                    if any(len(w) >= 5 for w in words(name) if w not in _GENERIC_NAME_WORDS):
                        found.extend(self._variants(place, name))
        return found

    @staticmethod
    def _variants(place: Place, name: str) -> list[_Variant]:
        found = []
        for part in _split_variants(name):
            named = [t for t in words(part) if t not in _GENERIC_NAME_WORDS]
            # two-letter particles ("Rio de Janeiro") do not tell places apart
            tokens = tuple(dict.fromkeys(t for t in named if len(t) > 2 or len(named) == 1))
            if tokens:
                found.append(_Variant(place, tokens, " ".join(words(part))))
        return found

    def _token_hits(self, word: str) -> tuple[tuple[str, int], ...]:
        """Name tokens the word may stand for, with a quality (3 exact, 2 stem, 1 fuzzy)."""
        hits: dict[str, int] = {}
        if word in self._variants_by_token:
            hits[word] = 3
        word_stems = question_stems(word)
        for stem in word_stems:
            for token in self._by_stem.get(stem, ()):
                if len(stem) >= 4:
                    hits[token] = max(hits.get(token, 0), 2)
                elif len(word) <= len(token) + 2:
                    hits.setdefault(token, 1)  # three-letter stems (Куба, Южной): weaker evidence
        # A stem that merely begins another name is weaker than a shared stem: only a
        # fallback, or "в Австрии" would also find Австралия.
        begun: set[str] = set()
        # (a stem shared only with one word of a longer name, "индийск(ого океана)", does not
        # keep "индийское" from India)
        whole_hit = any(
            quality == 3 or (quality == 2 and any(len(v.tokens) == 1 for v in self._variants_by_token[token]))
            for token, quality in hits.items()
        )
        if not whole_hit:
            # five letters at least ("како(е)" must not begin "Какосавыя", the Cocos Islands;
            # "child(ren)" must not be "Chil(e)"), or four before an adjective suffix
            # ("поль-скае" begins "Польшча")
            for stem in (
                s for s in word_stems if len(s) >= 5 or (len(s) == 4 and _adjective_suffix(word[4:]))
            ):
                for token_stem, token in self._by_prefix.get(stem[:4], ()):
                    short, long_ = sorted((stem, token_stem), key=len)
                    adjective_suffix = _adjective_suffix(word[len(short) :])
                    if not long_.startswith(short) or len(long_) - len(short) > 3:
                        continue
                    if len(short) >= 5 or adjective_suffix:
                        begun.add(token)
        # A typo may also share a stem with some other name ("turky" -> Turks and Caicos):
        # without an exact hit, close spellings compete too (they score lowest).
        close: dict[str, float] = {}
        if (
            not any(quality == 3 for quality in hits.values())
            and len(word) >= 5
            and not _dictionary_word(word)
        ):
            cutoff = _typo_cutoff(word)
            for token, score, _ in closest_matches(
                word, self._spelled_tokens, "ratio", cutoff=cutoff, limit=3
            ):
                if abs(len(token) - len(word)) <= 3 and _same_first_letter(token, word):
                    close[token] = score
        if begun:
            # A close spelling of another name beats a name the word merely begins.
            begun_scores = closest_matches(word, sorted(begun), "ratio", cutoff=0, limit=len(begun))
            best_begun = max(score for _, score, _ in begun_scores)
            rivals = {
                token: score
                for token, score, _ in closest_matches(
                    word, self._spelled_tokens, "ratio", cutoff=_RIVAL_SCORE, limit=5
                )
                if token not in begun
                and score > best_begun + _RIVAL_MARGIN
                and abs(len(token) - len(word)) <= 3
            }
            if rivals:
                begun, close = set(), {**close, **rivals}
        if not begun and not close and not any(quality >= 2 for quality in hits.values()):
            close = dict.fromkeys(self._swapped(word_stems), 100.0) or self._misspelt_stems(word, word_stems)
        for token in begun:
            hits.setdefault(token, 2)
        for token in close:
            hits.setdefault(token, 1)
        return tuple(hits.items())

    def _misspelt_stems(self, word: str, word_stems: frozenset[str]) -> dict[str, float]:
        """Names whose stem is a close spelling of the word's stem: a typo in an inflected name.

        "в мюнхине" is "мюнхин" against "мюнхен" (one letter in six), "в израеле" "израел"
        against "израил(ь)": the whole words differ by the ending too, which costs the ratio
        more than the typo. The same typo scores apply, to stems of five letters or more
        beginning with the name's letter (a slip rarely hits the first one, and so a
        common word seldom passes), only to Cyrillic words pymorphy3's Russian dictionary
        does not know ("который" is not a misspelt "Коморы"), and only where nothing
        closer was found.
        """
        found: dict[str, float] = {}
        if word.isascii() or _dictionary_word(word):  # English barely inflects; "который" is no typo
            return found
        for stem in (s for s in word_stems if s != word and len(s) >= _MIN_TYPO_STEM):
            cutoff = _typo_cutoff(stem)
            candidates = self._stems_by_letter.get(stem[0], [])
            for name_stem, score, _ in closest_matches(stem, candidates, "ratio", cutoff=cutoff, limit=3):
                if abs(len(name_stem) - len(stem)) <= 1:
                    for token in self._by_stem[name_stem]:
                        if token in self._spelled_tokens_set:
                            found[token] = max(found.get(token, 0.0), score)
        return found

    def _swapped(self, word_stems: frozenset[str]) -> set[str]:
        """Names one of the word's stems spells with two neighbouring letters swapped.

        The commonest slip ("Chian", "Inida", "Qtaar") costs a short name too much
        of its ratio to pass the typo score, while a different letter would let
        common words in ("child" is one letter from "chile"); a swap of neighbours
        rarely makes another word.
        """
        found = set()
        for stem in (s for s in word_stems if len(s) >= 4):
            for name_stem, token in self._by_letters.get("".join(sorted(stem)), ()):
                if name_stem != stem and _one_swap_apart(stem, name_stem):
                    found.add(token)
        return found

    def find(
        self, tokens: list[str], original: list[str] | None = None, skip: frozenset[str] = frozenset()
    ) -> list[PlaceMention]:
        """All place mentions in the question's words, best first, without overlaps."""
        candidates: dict[tuple[Place, tuple[int, ...]], tuple[float, int, bool]] = {}
        weak: set[tuple[Place, tuple[int, ...]]] = set()
        matched: dict[_Variant, dict[str, tuple[int, int]]] = defaultdict(dict)
        for position, word in enumerate(tokens):
            written = (original or tokens)[position]
            if (
                word == "us"
                and position + 1 < len(tokens)
                and tokens[position + 1].startswith(_MISSION_NOUNS)
            ):
                written = "US"  # "the us embassy": lower-case, but before a mission word it is no pronoun
            special = self._special(word, written)
            if special:
                code, adjective = special
                place = Place("country", code, code)
                candidates[(place, (position,))] = (1.0, 3, adjective)
                if not word.startswith(_NOUN_STEM_PREFIXES):
                    continue  # a noun ("Британии") may also end a longer name ("Великой Британии")
            if word in skip or word in _GENERIC_NAME_WORDS or len(word) < 3:
                continue
            for token, quality in self.token_hits(word):
                for variant in self._variants_by_token[token]:
                    if special and variant.place.key != special[0]:
                        continue  # "Британии" joins only names of its own country, not "British Virgin ..."
                    previous = matched[variant].get(token)
                    if previous is None or previous[1] < quality:
                        matched[variant][token] = (position, quality)
        for variant, hits in matched.items():
            score = len(hits) / len(variant.tokens)
            # A partial name ("Korea" of "South Korea") counts only on long, non-fuzzy words.
            # A region must be named whole: "Atlantis" is not Pyrénées-Atlantiques.
            partial_ok = variant.place.kind != "region" and all(
                len(t) >= 5 and q >= 2 for t, (_, q) in hits.items()
            )
            if score < 0.5 or (score < 1 and not partial_ok):
                continue
            if variant.place.kind == "subdivision" and (score < 1 or any(q < 2 for _, q in hits.values())):
                continue  # a region of a country only by its whole name, spelled right
            positions = tuple(sorted({p for p, _ in hits.values()}))
            quality = sum(q for _, q in hits.values())
            # "North Korean", "Equatorial Guinean": any word of the name may carry the adjective;
            # "Kazakh", "Uzbek": the name less its "-stan" is the adjective
            name_words = variant.whole.split()
            adjective = any(
                (is_adjective(tokens[p]) and tokens[p] not in name_words)
                or (variant.whole.endswith("stan") and not tokens[p].endswith("stan"))
                for p in positions
            )
            key = (variant.place, positions)
            if variant.place.kind == "region" and _next_to_region_word(tokens, positions):
                quality += 5  # "Gomel Region", "Гомельскую область": the region, not the city
            rank = (score, len(hits) * 10 + quality, adjective)
            if key not in candidates or candidates[key][:2] < rank[:2]:
                candidates[key] = rank
                if score < 1 and all(t.startswith(_WEAK_NAME_STEMS) for t in hits):
                    weak.add(key)
                else:
                    weak.discard(key)
        # "South" alone names no place (Korea? Africa?); beside the rest of a name it may
        # ("Объединённых Арабских | Эмиратах"), so weak parts stay only when joined to it.
        chosen = self._choose(candidates)
        return [m for m in _joined(chosen) if not (m in chosen and (m.places[0], m.positions) in weak)]

    def _has_missions(self, place: Place) -> bool:
        return place.kind == "city" or place.key in self._with_missions

    @staticmethod
    def _special(word: str, original: str) -> tuple[str, bool] | None:
        if word in ABBREVIATIONS and (word not in _CASE_SENSITIVE_ABBREVIATIONS or original.isupper()):
            return ABBREVIATIONS[word], False
        for stem, code in IRREGULAR_ADJECTIVES.items():
            if word.startswith(stem) and (len(word) - len(stem) <= 6):
                return code, is_adjective(word) if stem in _NOUN_STEMS else True
        return None

    def _choose(
        self, candidates: dict[tuple[Place, tuple[int, ...]], tuple[float, int, bool]]
    ) -> list[PlaceMention]:
        # Ties between equally good readings: a place with missions first, then a country
        # over a city ("у Кітаі" is China, not Quito; "Hong Kong" the city, as the
        # country has no missions).
        ordered = sorted(
            candidates.items(),
            key=lambda item: (
                -item[1][0],
                -item[1][1],
                not self._has_missions(item[0][0]),
                # "Rome": the city of the open embassy before the planned one to the Holy See
                item[0][0].kind == "city" and item[0][0].key not in self._working_cities,
                # "Komi": the region a consular district names before the ISO region of that name
                item[0][0].kind == "subdivision",
                item[0][0].kind != "country",
            ),
        )
        taken: set[int] = set()
        mentions: list[PlaceMention] = []
        for (place, positions), (score, strength, adjective) in ordered:
            same = next(
                (
                    m
                    for m in mentions
                    if m.positions == positions
                    and m.score == score
                    and m.places[0].kind == place.kind
                    and candidates[(m.places[0], positions)][1] == strength
                ),
                None,
            )
            if same and place not in same.places:
                mentions[mentions.index(same)] = PlaceMention(
                    (*same.places, place), positions, same.adjective, score
                )
                continue
            if taken.intersection(positions):
                continue
            taken.update(positions)
            mentions.append(PlaceMention((place,), positions, adjective, score))
        return sorted(mentions, key=lambda m: m.positions[0])


# Words that name no place on their own, by stem: "South" (Korea? Africa? Sudan?), "United".
_WEAK_NAME_STEMS = (
    *("south", "north", "east", "west", "united", "arab", "central", "equatorial", "great"),
    *("южн", "северн", "восточн", "объединен", "арабск", "нов", "центральноафрикан"),
    *("паўднёв", "паўночн", "усходн", "аб'яднан", "арабск"),
    *("велик", "вялік"),  # "Великая Британия", but "великий камень", "дзякуй вялікі"
)


# Words saying a place is a region ("Perm Krai", "Гомельская область", "Podlaskie Voivodeship").
_REGION_WORDS = ("region", "oblast", "krai", "kray", "province", "voivodeship", "област", "вобласц")
_REGION_WORDS_WHOLE = frozenset(
    {"край", "края", "краю", "крае", "краем", "провинция", "провинции", "провинцию"}
)


def _is_region_word(word: str) -> bool:
    return (
        word.startswith(_REGION_WORDS)
        or word in _REGION_WORDS_WHOLE
        or word.startswith(("воеводств", "ваяводств"))
    )


def _next_to_region_word(tokens: list[str], positions: tuple[int, ...]) -> bool:
    around = (positions[0] - 1, positions[-1] + 1)
    return any(0 <= i < len(tokens) and _is_region_word(tokens[i]) for i in around)


def _joined(mentions: list[PlaceMention]) -> list[PlaceMention]:
    """One mention for neighbouring words naming the same place ("Объединённых Арабских | Эмиратах").

    Split, the last word would read as a second, owning country ("эмиратское") and
    the question as one about a third country's mission.
    """
    joined: list[PlaceMention] = []
    for mention in mentions:
        last = joined[-1] if joined else None
        if last and last.places == mention.places and mention.positions[0] == last.positions[-1] + 1:
            joined[-1] = PlaceMention(
                last.places,
                (*last.positions, *mention.positions),
                last.adjective,
                max(last.score, mention.score),
            )
        else:
            joined.append(mention)
    return joined
