"""Answer "which mission?" questions from the mission records, without guessing.

``MissionDirectory(missions).lookup(question)`` says whether a question is about
diplomatic missions and, if so, which records answer it. Direction matters:
"embassy in Germany" and "посольство Беларуси в Германии" ask for Belarus's
embassy there, while "German embassy in Minsk" and "посольство Германии" ask for
Germany's embassy in Belarus. The rules, in order:

1. Belarus (or a Belarusian city such as Minsk or Brest) named as a *place*
   ("in Belarus", "в Минске") -> a foreign mission in Belarus.
2. Belarus named as the *owner* ("Belarusian", "of Belarus", "Беларуси" without a
   preposition) -> a Belarusian mission abroad.
3. Otherwise a foreign place ("in Germany", "в Германии", "Warsaw") -> Belarus's
   mission there; a foreign owner ("Chinese embassy", "посольство Китая") -> that
   country's mission in Belarus; a bare English name ("Germany embassy") -> both.

Pure: no I/O, no Telegram; all indexing happens in the constructor.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from bot.fuzzy import closest_matches
from bot.missions.geography import country_position, distance_km
from bot.missions.places import Place, PlaceIndex, PlaceMention, tokenize, words
from corpus import MISSION_KINDS, Mission, Names, OtherNames, english_country_name

# Words that ask for a kind of mission, by stem (prefix match), in three languages.
_KIND_STEMS: tuple[tuple[str, str], ...] = (
    ("генконсул", "consulate_general"),
    ("honorary", "honorary_consulate"),
    ("почетн", "honorary_consulate"),
    ("ганаров", "honorary_consulate"),
    ("branch", "embassy_branch"),
    ("отделени", "embassy_branch"),
    ("аддзяленн", "embassy_branch"),
    ("филиал", "embassy_branch"),
    ("постпред", "permanent_mission"),
    ("permanent", "permanent_mission"),
    ("delegation", "permanent_mission"),
    ("consular", "any"),  # "consular service of the embassy": about a service, not a kind
    ("консульск", "any"),
    ("consul", "consulate"),
    ("консул", "consulate"),
    ("embass", "embassy"),
    ("ambassador", "embassy"),
    ("nunciatur", "embassy"),
    ("нунциатур", "embassy"),
    ("нунцыятур", "embassy"),
    ("посольств", "embassy"),
    ("посол", "embassy"),
    ("пасольств", "embassy"),
    ("пасол", "embassy"),
    ("амбасад", "embassy"),
    ("mission", "any"),
    ("представительств", "any"),
    ("прадстаўніцтв", "any"),
    ("миссия", "any"),
    ("мисси", "any"),
    ("місі", "any"),
    ("дипмисси", "any"),
    ("дыпмісі", "any"),
    ("diplomatic", "any"),
    ("дипломатич", "any"),
    ("дыпламатыч", "any"),
)
# Whole words for typo matching of the kind ("embasy", "consulat", "пасольтва"): a
# rapidfuzz ratio of 80 allows one or two slips in a six-to-ten-letter word while
# keeping unrelated words (emails, embrace, possible) well below it.
_KIND_SPELLINGS = {
    "embassy": "embassy",
    "embassies": "embassy",
    "consulate": "consulate",
    "consulates": "consulate",
    "посольство": "embassy",
    "посольства": "embassy",
    "пасольства": "embassy",
    "консульство": "consulate",
    "консульства": "consulate",
    "генконсульство": "consulate_general",
}
_KIND_TYPO_SCORE = 80
# "посол" loses its "о" when declined ("посла", "послу"), so those forms escape the stem; whole
# words only, since "посл" also begins "после" (after) and "послание" (an address).
_KIND_WORDS = {
    **dict.fromkeys(("посла", "послу", "послом", "послы", "послов", "послам", "послами"), "embassy"),
    **dict.fromkeys(("пасла", "паслу", "паслом", "паслы", "паслоў", "паслам", "пасламі"), "embassy"),
}
_GENERAL_STEMS = ("general", "генеральн", "генеральна")
_OFFICE_STEMS = ("office", "офис", "офіс")
_PERMANENT_STEMS = ("постоянн", "пастаянн")
_CONTACT_STEMS = (
    "address",
    "phone",
    "telephone",
    "contact",
    "email",
    "e-mail",
    "hours",
    "website",
    "адрес",
    "телефон",
    "контакт",
    "сайт",
    "адрас",
    "телефон",
    "кантакт",
    # e-mail ("почта", "пошта"), but not "почти" (almost)
    "почта",
    "почты",
    "почту",
    "почтой",
    "почтов",
    "пошта",
    "пошты",
    "пошту",
)
# "in X", and "serves X" / "for X": the place a mission serves, never its owner
_LOCATION_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "to",
        "inside",
        "в",
        "во",
        "у",
        "ў",
        "ва",  # Belarusian "in" before a "у" or "в": "ва Украіне", "ва Угандзе"
        "на",
        "for",
        "для",
        "serves",
        "serve",
        "covers",
        "cover",
        "handles",
        "handle",
        "обслуживает",
        "обслуживают",
        "абслугоўвае",
        "абслугоўваюць",
    }
)
_OWNER_PREPOSITIONS = frozenset({"of", "from", "из", "з"})
_SKIPPABLE_BEFORE_PLACE = frozenset(
    {
        "the",
        "a",
        "an",
        "republic",
        "kingdom",
        "federal",
        "state",
        "республике",
        "республики",
        "республіцы",
        "республікі",
        "федерации",
        "федерацыі",
        "город",
        "городе",
        "горадзе",
        "city",
    }
)
_STOPWORDS = frozenset(
    {
        "the",
        "there",
        "where",
        "what",
        "which",
        "is",
        "are",
        "does",
        "have",
        "has",
        "how",
        "who",
        "phone",
        "number",
        "address",
        "contact",
        "contacts",
        "open",
        "hours",
        "please",
        "tell",
        "find",
        "list",
        "its",
        "their",
        "that",
        "this",
        "with",
        "for",
        "and",
        "about",
        "email",
        "website",
        "где",
        "как",
        "какой",
        "какие",
        "есть",
        "того",
        "етого",
        "ето",
        "что",
        "для",
        "при",
        "или",
        "адрес",
        "телефон",
        "номер",
        "сайт",
        "контакты",
        "находится",
        "работает",
        "часы",
        "работы",
        "дзе",
        "які",
        "якія",
        "ёсць",
        "адрас",
        "нумар",
        "кантакты",
        "знаходзіцца",
        "працуе",
        "мне",
        "нам",
        "мой",
        "можно",
        "ли",
        "ці",
        "скажите",
        "подскажите",
        "скажыце",
        "подскажи",
        # "which consulate serves ...", "who heads ...", "on which street ..."
        "какое",
        "какая",
        "каком",
        "какую",
        "serves",
        "serve",
        "covers",
        "обслуживает",
        "абслугоўвае",
        "heads",
        "head",
        "возглавляет",
        "узначальвае",
        "кто",
        "хто",
        "street",
        "улице",
        "вуліцы",
        "якое",
        "якая",
        "на",
    }
)
# International organisations hosting permanent missions; matched against Mission.organisation.
_ORGANISATIONS: dict[str, tuple[str, ...]] = {
    "United Nations": ("un", "united nations", "оон", "аан", "организации объединенных наций"),
    "OSCE": ("osce", "обсе", "абсе"),
    "European Union": ("eu", "european union", "ес", "евросоюз", "еўрасаюз", "европейском союзе"),
    "UNESCO": ("unesco", "юнеско"),
}
NEAREST_BY_DISTANCE = 2  # two choices: the nearest may be hard to reach, the second is a fallback
# Words asking which mission serves a place ("serves", "accredited to", "обслуживает", "отвечает
# за"), and words of turning to one ("обращаться", "звяртацца", "apply"), by stem.
_SERVE_STEMS = (
    "serve",
    "covers",
    "covering",
    "accredit",
    "responsib",
    "handles",
    "обслужива",
    "отвечает",
    "отвечают",
    "аккредит",
    "абслугоўва",
    "акрэдыт",
    "адказвае",
    # "кто представляет интересы Беларуси в Португалии", "who represents Belarus in ..."
    "represent",
    "представля",
    "прадстаўля",
)
# Words a "who serves me" question may hold besides the place ("I live in ...", "куда ...").
_FILLER_WORDS = frozenset(
    {"live", "living", "lives", "should", "can", "turn", "whom", "which", "who", "me", "us", "we", "you"}
    | {
        "живу",
        "живем",
        "живет",
        "живут",
        "проживаю",
        "куда",
        "меня",
        "нас",
        "нам",
        "мы",
        "кого",
        "нужно",
        "надо",
    }
    | {"жыву", "жывем", "жыве", "куды", "мяне", "нас", "нам", "каго", "трэба"}
    | {"interests", "интересы", "интересов", "інтарэсы", "інтарэсаў"}
)
# A question about why a mission works as it does, or whether it will open again ("why did the
# US embassy stop working", "откроется ли снова посольство США"), asks for a reason or a
# forecast the directory does not hold: a card with its address would read as an answer.
_REASON_WORDS = frozenset({"why", "почему", "зачем", "отчего", "чаму", "навошта"})
_AGAIN_STEMS = ("reopen", "again", "снова", "вновь", "опять", "возобнов", "зноў", "ізноў", "аднав", "аднаўл")
_APPLY_STEMS = ("apply", "обращат", "обратит", "звяртац", "звярнуц")
# "белорусы", "беларусам", and one of them: "куды звяртацца беларусу", "белорусом" (not "беларус":
# Latin-typed "v belarus" comes back so, and is the country)
_PEOPLE_ENDINGS = frozenset({"ы", "ов", "ам", "ами", "ах", "аў", "амі", "у", "а", "ом"})
_NOT_WORKING = ("closed", "suspended", "planned")
_STATE_ORDER = {"open": 0, None: 1, "planned": 2, "suspended": 3, "closed": 4}
_KINDS_FOR_REQUEST = {
    "embassy": {"embassy"},
    "consulate_general": {"consulate_general"},
    "consulate": {"consulate_general", "consulate", "embassy_branch", "honorary_consulate"},
    "embassy_branch": {"embassy_branch"},
    "honorary_consulate": {"honorary_consulate"},
    "permanent_mission": {"permanent_mission"},
}


@dataclass(frozen=True)
class MissionQuery:
    """What a mission question asks, and the records that answer it.

    ``matches`` are the missions asked for, best first (working ones before closed).
    ``nearest`` are offered when nothing matches, or only closed missions match:
    missions whose ``covers`` include the country, other missions in the same
    country or city, and where closed missions say to turn instead.
    ``closed`` are the matches that are closed or suspended. ``out_of_scope`` marks a
    question about a third country's mission abroad, which no record can answer.
    The three are tuples (immutable, like the record); ``country`` is the English
    name of the foreign country asked about, ``city`` a record's English city name.
    """

    direction: str | None
    country: str | None
    country_code: str | None
    city: str | None
    kind: str | None
    organisation: str | None
    matches: tuple[Mission, ...]
    nearest: tuple[Mission, ...]
    closed: tuple[Mission, ...]
    out_of_scope: bool = False  # e.g. "German embassy in Poland": neither direction we keep
    city_names: Names | None = None  # ``city`` in Russian and Belarusian, from its records
    needs_place: bool = False  # "Belarusian embassies", "консульство": ask which country or city
    # The matches are missions elsewhere whose accreditation covers the country asked about
    # (none of the kind asked for is listed there): "Luxembourg" -> the embassy in Brussels.
    covering: bool = False
    # A region asked about that no consular district in the records names ("Podlaskie"): the
    # matches are Belarus's missions in its country, and the reply says the district is not known.
    region: Names | None = None


def _sort_key(mission: Mission) -> tuple[int, int, str]:
    return (_STATE_ORDER[mission.status.state], MISSION_KINDS.index(mission.kind), mission.city)


class MissionDirectory:
    """All mission records, indexed for question lookup.

    Args:
        missions: the records, as returned by ``corpus.missions_schema.load_missions``.
        other_names: other names of countries and cities ("Persia", "Kiev"), as
            ``corpus.load_other_names`` reads them from ``corpus/places/other_names.yaml``.
    """

    def __init__(self, missions: list[Mission], other_names: OtherNames | None = None) -> None:
        self.missions = tuple(missions)
        self._by_id = {m.id: m for m in missions}
        self._places = PlaceIndex(list(missions), other_names)
        self._cover_codes: dict[str, list[Mission]] = {}
        for mission in missions:
            for covered in mission.covers:
                code = self._country_code_of(covered.en)
                if code:
                    self._cover_codes.setdefault(code, []).append(mission)
        self._country_names = {m.country_code: m.country for m in missions if m.country_code}
        self._city_names = {m.city: m.city_names for m in missions if m.city_names.ru or m.city_names.be}

    def get(self, mission_id: str) -> Mission | None:
        """Return the record with this id, if any (e.g. a ``status.turn_to`` target)."""
        return self._by_id.get(mission_id)

    def country_in(self, text: str) -> str | None:
        """The ISO code of the foreign country a text names most clearly, if any.

        Strict as the lookup is: a whole or inflected name, an adjective, or a close
        spelling of a name, never a common word ("children" is not Chile); a city
        or district region counts for its country. Belarus itself is not returned.

        Args:
            text: a question in English, Russian or Belarusian (Latin-typed Russian
                should be transliterated first, as ``Engine.normalise`` does).
        """
        tokens, original = tokenize(text)
        for mention in self._places.find(tokens, original, frozenset(t for t in tokens if t in _STOPWORDS)):
            place = mention.places[0]
            code = place.key if place.kind == "country" else place.country_code
            if code and code != "BY":
                return code
        return None

    def serving(self, country_code: str) -> tuple[Mission, ...]:
        """Belarus's missions a citizen in this country turns to, best first.

        Its own working missions (embassy first); else the working ones accredited to it
        from abroad; else the ``NEAREST_BY_DISTANCE`` nearest working embassies. Empty
        only for an unknown code. The surface other packages use to name "the nearest
        mission" (e.g. in a consular decline); it never guesses beyond the records.
        """
        own = [
            m
            for m in self.missions
            if m.direction == "belarus_abroad"
            and m.country_code == country_code
            and m.status.state not in _NOT_WORKING
            and m.kind != "permanent_mission"
        ]
        if own:
            return tuple(sorted(own, key=_sort_key))
        covering = [
            m for m in self._serving_from_abroad([country_code]) if m.status.state not in _NOT_WORKING
        ]
        if covering:
            return tuple(sorted(covering, key=_sort_key))
        return tuple(self._nearest_by_distance(country_code))

    def _country_code_of(self, name: str) -> str | None:
        mentions = self._places.find(words(name))
        for mention in mentions:
            for place in mention.places:
                if place.kind == "country" and mention.score == 1.0:
                    return place.key
        return None

    def lookup(self, question: str, lang: str | None = None) -> MissionQuery | None:
        """Parse a mission question and find the records that answer it.

        Args:
            question: the user's text, in English, Russian or Belarusian.
            lang: the reply language, if known (not needed for parsing).

        Returns:
            None when the question is not about diplomatic missions (or names no
            place or organisation to look in); otherwise a ``MissionQuery``.
        """
        tokens, original = tokenize(question)
        if any(t in _REASON_WORDS or t.startswith(_AGAIN_STEMS) for t in tokens):
            return None
        kind = _requested_kind(tokens)
        organisation = _requested_organisation(tokens)
        wants_contacts = any(t.startswith(_CONTACT_STEMS) for t in tokens)
        org_words = {w for aliases in _ORGANISATIONS.values() for a in aliases for w in a.split()}
        skip = frozenset(
            t for t in tokens if t in _STOPWORDS or _kind_of_word(t) or (organisation and t in org_words)
        )
        mentions = self._places.find(tokens, original, skip)
        if not organisation and _asks_without_place(tokens, mentions):
            return _place_needed(tokens, mentions, kind)
        if not mentions and not organisation:
            return None
        only_place = not (
            set(range(len(tokens)))
            - {p for m in mentions for p in m.positions}
            - {i for i, t in enumerate(tokens) if t in _STOPWORDS or len(t) < 3}
        )
        is_city_only = only_place and mentions and all(m.places[0].kind == "city" for m in mentions)
        asks_who_serves = any(t.startswith(_SERVE_STEMS) for t in tokens)
        names_a_mission = any(_kind_of_word(t) for t in tokens) or (
            # "Кто обслуживает белорусов в Непале?", "куды звяртацца беларусам у Партугаліі",
            # but not "Who is responsible for relations with China?"
            any(not _is_belarus(m) for m in mentions)
            and (
                asks_who_serves
                or (any(t.startswith(_APPLY_STEMS) for t in tokens) and _names_belarusians(tokens))
            )
            and not _other_words(tokens, mentions)
        )
        if not names_a_mission and not wants_contacts and not is_city_only:
            return None
        return self._answer(tokens, mentions, kind, organisation, asks_who_serves)  # None if nowhere to look

    def _answer(
        self,
        tokens: list[str],
        mentions: list[PlaceMention],
        kind: str | None,
        organisation: str | None,
        asks_who_serves: bool = False,
    ) -> MissionQuery | None:
        regions = [m for m in mentions if m.places[0].kind == "region"]
        if regions:
            return self._select_region(regions[0], kind)
        subdivisions = [m for m in mentions if m.places[0].kind == "subdivision"]
        mentions = [m for m in mentions if m.places[0].kind != "subdivision"]
        if subdivisions and all(_is_belarus(m) for m in mentions) and organisation is None:
            return self._select_subdivision(subdivisions[0].places[0], kind)
        roles = [(m, _role(tokens, m)) for m in mentions]
        belarus = [(m, r) for m, r in roles if _is_belarus(m)]
        cities = [m.places[0] for m, _ in roles if m.places[0].kind == "city"]
        foreign = [(m, r) for m, r in roles if m.places[0].kind == "country" and not _is_belarus(m)]
        city = cities[0] if cities else None
        home_city = city if city and city.country_code == "BY" else None
        abroad_city = city if city and city.country_code != "BY" else None
        owner_foreign = [m for m, r in foreign if r == "owner"]
        place_foreign = [m for m, r in foreign if r == "place"]
        any_foreign = [m for m, _ in foreign]

        if any(r == "place" for _, r in belarus) or home_city:
            direction: str | None = "foreign_in_belarus"
            country_mention = next(iter(owner_foreign or any_foreign), None)
            if (
                place_foreign
                and not owner_foreign
                and country_mention is not None
                and not home_city
                and not any(r == "place" for _, r in belarus)
            ):
                direction = "belarus_abroad"
        elif belarus or abroad_city or place_foreign or (organisation and not any_foreign):
            direction = "belarus_abroad"
            country_mention = next(iter(place_foreign or any_foreign), None)
            if owner_foreign and place_foreign:  # e.g. "German embassy in Poland": not ours
                direction = None
        elif owner_foreign:
            direction, country_mention = "foreign_in_belarus", owner_foreign[0]
        else:
            direction, country_mention = None, next(iter(any_foreign), None)

        codes = self._preferred_codes(country_mention, direction)
        if abroad_city and not codes:
            codes = [abroad_city.country_code] if abroad_city.country_code else []
        if not codes and city is None and organisation is None:
            return None  # only Belarus named: nothing to look in
        return self._select(
            direction,
            codes,
            city,
            kind,
            organisation,
            bool(owner_foreign and place_foreign),
            asks_who_serves,
            asks_who_serves or any(t.startswith(_APPLY_STEMS) for t in tokens),
        )

    def _preferred_codes(self, mention: PlaceMention | None, direction: str | None) -> list[str]:
        if mention is None:
            return []
        codes = [p.key for p in mention.places]
        with_data = [
            c
            for c in codes
            if any(
                m.country_code == c and (direction is None or m.direction == direction) for m in self.missions
            )
        ]
        return with_data or codes[:1]

    def _select(
        self,
        direction: str | None,
        codes: list[str],
        city: Place | None,
        kind: str | None,
        organisation: str | None,
        out_of_scope: bool,
        asks_who_serves: bool = False,
        asks_where_to_turn: bool = False,
    ) -> MissionQuery:
        directions = ("belarus_abroad", "foreign_in_belarus") if direction is None else (direction,)
        pool = [m for m in self.missions if m.direction in directions and not out_of_scope]
        if codes:
            pool = [m for m in pool if m.country_code in codes]
        in_country = list(pool)
        if city:
            pool = [m for m in pool if m.city == city.key]
        if organisation:
            pool = [m for m in pool if m.organisation and organisation in m.organisation]
        wanted = _KINDS_FOR_REQUEST.get(kind or "")
        matches = [m for m in pool if wanted is None or m.kind in wanted]
        if not matches and kind == "embassy" and (direction == "foreign_in_belarus" or city):
            # a country whose only post in Minsk is an office of its embassy elsewhere; a city
            # (Krasnoyarsk, Kazan) where the embassy keeps a branch, not an embassy
            matches = [
                m
                for m in pool
                if m.kind == "embassy_branch"
                and (direction == "foreign_in_belarus" or m.status.state != "closed")
            ]
        if not matches and city and kind is not None:
            # "Polish consulate for Minsk": no consulate there; the mission whose district names the city
            matches = [
                m for m in self.missions if m in in_country and any(c.en == city.key for c in m.covers)
            ]
        covering = False
        none_working = all(m.status.state in _NOT_WORKING for m in matches)
        if (
            (not matches or ((asks_who_serves or asks_where_to_turn) and none_working))
            and codes
            and city is None
            and organisation is None
            and direction == "belarus_abroad"
        ):
            # No mission of that kind in the country (or, asked who serves it, none working
            # there): the working ones accredited to it serve it; the others stay on offer.
            serving = [m for m in self._serving_from_abroad(codes) if m.status.state not in _NOT_WORKING]
            if serving:
                pool = [m for m in pool if m not in serving]
                matches, covering = serving, True
        nearest = [m for m in pool if m not in matches]
        if not matches and not nearest and (codes or city):
            nearest = [m for m in in_country if m.direction == (direction or m.direction)] if city else []
            if not nearest and codes and direction != "foreign_in_belarus":
                nearest = self._serving_from_abroad(codes)
        elif not matches and codes and direction != "foreign_in_belarus":
            # e.g. only a closed embassy: the (closed) one covering it comes too, for its successor
            nearest = self._serving_from_abroad(codes) + nearest
        matches = _without_replaced(matches)
        matches.sort(key=_sort_key)
        if asks_where_to_turn and city and matches and all(m.status.state in _NOT_WORKING for m in matches):
            # "where do I turn in Khabarovsk": the closed branch there sends people on; that is the answer
            successors = [
                s
                for s in (self.get(m.status.turn_to or "") for m in matches)
                if s is not None and s.status.state not in _NOT_WORKING
            ]
            if successors:
                nearest = [m for m in matches if m not in nearest] + nearest
                matches = list({s.id: s for s in successors}.values())
        closed = [m for m in matches if m.status.state in ("closed", "suspended")]
        if matches and len(closed) == len(matches):
            nearest += [m for m in (self.get(c.status.turn_to or "") for c in closed) if m]
            nearest += self._serving_from_abroad(codes)
        nearest = self._replace_closed(nearest, exclude={m.id for m in matches})
        working = [m for m in nearest if m.status.state not in ("closed", "suspended")]
        if not matches and not working and codes and direction == "belarus_abroad" and not city:
            nearest += [m for m in self._nearest_by_distance(codes[0]) if m not in nearest]
        # working missions first: where a closed one sent people may itself be suspended now
        nearest.sort(key=lambda m: m.status.state in _NOT_WORKING)
        code = codes[0] if codes else (city.country_code if city and city.country_code != "BY" else None)
        return MissionQuery(
            direction=direction,
            country=self._country_names.get(code or "") or english_country_name(code),
            country_code=code,
            city=city.key if city else None,
            kind=kind,
            organisation=organisation,
            matches=tuple(matches),
            nearest=tuple(nearest),
            closed=tuple(closed),
            out_of_scope=out_of_scope,
            city_names=self._city_names.get(city.key) if city else None,
            covering=covering,
        )

    def _serving_from_abroad(self, codes: list[str]) -> list[Mission]:
        """Belarus's missions in other countries whose ``covers`` name one of these countries."""
        return [m for code in codes for m in self._cover_codes.get(code, [])]

    def _nearest_by_distance(self, code: str) -> list[Mission]:
        """The working embassies nearest to a country with no listed or covering mission.

        Embassies only (a consulate's district ends at its host's border), at most
        ``NEAREST_BY_DISTANCE`` of them, by the distance between capitals.
        """
        here = country_position(code)
        if here is None:
            return []
        ranked = []
        for mission in self.missions:
            if (mission.direction, mission.kind, mission.status.state) != (
                "belarus_abroad",
                "embassy",
                "open",
            ):
                continue
            there = country_position(mission.country_code or "")
            if there is not None:
                ranked.append((distance_km(here, there), mission.id, mission))
        return [mission for _, _, mission in sorted(ranked)[:NEAREST_BY_DISTANCE]]

    def _select_subdivision(self, region: Place, kind: str | None) -> MissionQuery:
        """A region no district in the records names: Belarus's missions in its country, saying so."""
        query = self._select("belarus_abroad", [region.country_code or ""], None, kind, None, False)
        en, ru, be = self._places.subdivisions.get(region.key, (region.key, None, None))
        return replace(query, region=Names(en=en, ru=ru, be=be))

    def _select_region(self, mention: PlaceMention, kind: str | None) -> MissionQuery:
        """The missions whose consular district names the region, working ones first."""
        names = {place.key for place in mention.places}
        covering = [m for m in self.missions if any(c.en in names for c in m.covers)]
        wanted = _KINDS_FOR_REQUEST.get(kind or "")
        matches = [m for m in covering if wanted is None or m.kind in wanted] or covering
        matches = sorted(_without_replaced(matches), key=_sort_key)
        region = mention.places[0]
        return MissionQuery(
            direction=matches[0].direction if matches else None,
            country=english_country_name(region.country_code),
            country_code=region.country_code,
            city=None,
            kind=kind,
            organisation=None,
            matches=tuple(matches),
            nearest=(),
            closed=tuple(m for m in matches if m.status.state in ("closed", "suspended")),
        )

    def _replace_closed(self, missions: list[Mission], exclude: set[str]) -> list[Mission]:
        """Offer where a closed mission sends people, not the closed mission itself."""
        result: list[Mission] = []
        for mission in sorted(missions, key=_sort_key):
            if mission.status.state == "closed":
                target = self.get(mission.status.turn_to or "")
                if target is None:
                    continue
                mission = target
            if mission not in result and mission.id not in exclude:
                result.append(mission)
        return result


def _other_words(tokens: list[str], mentions: list[PlaceMention]) -> list[str]:
    """The words that are neither a place, nor asking who serves it, nor filler."""
    places = {p for m in mentions for p in m.positions}
    return [
        t
        for i, t in enumerate(tokens)
        if i not in places
        and len(t) >= 3
        and t not in _STOPWORDS
        and t not in _FILLER_WORDS
        and not t.startswith(_SERVE_STEMS + _APPLY_STEMS)
        and not _names_belarusians([t])
    ]


def _names_belarusians(tokens: list[str]) -> bool:
    """Whether the question speaks of Belarusians (people), not of Belarus: "белорусам", "Belarusians"."""
    return any(
        t in ("belarusians", "belarusans", "citizens")
        or (t.startswith(("белорус", "беларус")) and t[7:] in _PEOPLE_ENDINGS)
        or t.startswith(("граждан", "грамадзян"))
        for t in tokens
    )


def _asks_without_place(tokens: list[str], mentions: list[PlaceMention]) -> bool:
    """Whether the question is nothing but mission words (and Belarus): "embassy", "посольство Беларуси".

    Kept this narrow on purpose: "How many embassies does Belarus have?" holds other
    words and goes on to the policy passages, which may answer it.
    """
    if not any(_kind_of_word(t) for t in tokens) or not all(_is_belarus(m) for m in mentions):
        return False
    belarus_words = {p for m in mentions for p in m.positions}
    return all(
        i in belarus_words
        or len(t) < 3
        or t in _STOPWORDS
        or _kind_of_word(t)
        or t.startswith(_GENERAL_STEMS + _PERMANENT_STEMS + _CONTACT_STEMS)
        for i, t in enumerate(tokens)
    )


def _place_needed(tokens: list[str], mentions: list[PlaceMention], kind: str | None) -> MissionQuery:
    owner_belarus = any(_role(tokens, m) == "owner" for m in mentions)
    return MissionQuery(
        direction="belarus_abroad" if owner_belarus else None,
        country=None,
        country_code=None,
        city=None,
        kind=kind,
        organisation=None,
        matches=(),
        nearest=(),
        closed=(),
        needs_place=True,
    )


def _without_replaced(matches: list[Mission]) -> list[Mission]:
    """Drop closed missions whose successor is itself a match.

    "Consulate in Saint Petersburg" should open the consulate general, not offer a
    choice between it and the embassy branch it replaced; asked for the branch
    alone ("embassy branch in Saint Petersburg"), the closed card still answers.
    """
    working = {m.id for m in matches if m.status.state != "closed"}
    return [m for m in matches if not (m.status.state == "closed" and m.status.turn_to in working)]


@lru_cache(maxsize=8192)
def _kind_of_word(word: str) -> str | None:
    """The kind of mission a word asks for, by stem, or by a close spelling ("embasy")."""
    if word in _KIND_WORDS:
        return _KIND_WORDS[word]
    for stem, kind in _KIND_STEMS:
        if word.startswith(stem):
            return kind
    if len(word) >= 6:
        found = closest_matches(word, list(_KIND_SPELLINGS), "ratio", cutoff=_KIND_TYPO_SCORE, limit=1)
        if found:
            return _KIND_SPELLINGS[found[0][0]]
    return None


def _requested_kind(tokens: list[str]) -> str | None:
    kinds = [k for k in (_kind_of_word(t) for t in tokens) if k]
    if not kinds:
        return None
    has_general = any(t.startswith(_GENERAL_STEMS) for t in tokens)
    has_permanent = any(t.startswith(_PERMANENT_STEMS) for t in tokens)
    if "consulate" in kinds and has_general:
        return "consulate_general"
    if "embassy" in kinds and any(t.startswith(_OFFICE_STEMS) for t in tokens):
        return "embassy_branch"  # "embassy office in Krasnoyarsk": a branch of the embassy
    if has_permanent or "permanent_mission" in kinds:
        return "permanent_mission"
    for preferred in ("honorary_consulate", "embassy_branch", "consulate_general", "consulate", "embassy"):
        if preferred in kinds:
            return preferred
    return None  # only "mission" / "представительство": any kind


def _requested_organisation(tokens: list[str]) -> str | None:
    padded = " " + " ".join(tokens) + " "
    for name, aliases in _ORGANISATIONS.items():
        if any(f" {alias} " in padded for alias in aliases):
            return name
    return None


def _is_belarus(mention: PlaceMention) -> bool:
    return mention.places[0].kind == "country" and mention.places[0].key == "BY"


def _role(tokens: list[str], mention: PlaceMention) -> str:
    """'place' (in X), 'owner' (X's, of X, X-ian) or 'unknown' (a bare English name)."""
    if mention.places[0].kind == "city":
        return "place"
    if _is_belarus(mention) and _names_belarusians([tokens[mention.positions[0]]]):
        return "owner"  # "embassy for Belarusians in Ireland": the people, whose missions are asked for
    index = mention.positions[0] - 1
    while index >= 0:
        word = tokens[index]
        if word in _LOCATION_PREPOSITIONS:
            return "place"
        if word in _OWNER_PREPOSITIONS:
            if index > 0 and tokens[index - 1] in _SKIPPABLE_BEFORE_PLACE:
                index -= 2
                continue
            return "owner"
        if word not in _SKIPPABLE_BEFORE_PLACE:
            break
        index -= 1
    if mention.adjective:
        return "owner"
    word = tokens[mention.positions[0]]
    if not word.isascii():
        return "owner"  # Russian/Belarusian name without a preposition: genitive, "of X"
    return "unknown"
