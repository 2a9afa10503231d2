"""Contact cards show what the record holds, cite their source, and escape everything."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.i18n import t
from bot.missions.check import HEAD_MAX_AGE_DAYS
from bot.missions.lookup import MissionDirectory
from bot.rendering.mission_cards import (
    display_url,
    mission_title,
    render_card_html,
    render_card_text,
    render_mission_list_html,
    render_mission_list_text,
    render_mission_reply_html,
    render_mission_reply_text,
    source_label,
)
from corpus.missions_schema import Mission, load_missions

MISSIONS_DIR = Path(__file__).resolve().parents[2] / "corpus" / "missions"
LANGS = ["en", "ru", "be"]


@pytest.fixture(scope="module")
def shipped() -> list[Mission]:
    """The shipped records, loaded when a test first needs them (not at collection)."""
    return load_missions(MISSIONS_DIR)


@pytest.fixture(scope="module")
def directory(shipped: list[Mission]) -> MissionDirectory:
    return MissionDirectory(shipped)


def _mission(**changes: object) -> Mission:
    record = {
        "id": "by-embassy-testland-testville",
        "direction": "belarus_abroad",
        "kind": "embassy",
        "country": "Germany",
        "country_code": "DE",
        "city": "Berlin",
        "sources": [{"url": "https://germany.mfa.gov.by/x", "date": "2025-01-02"}],
        "checked": "2025-01-02",
    }
    return Mission.model_validate({**record, **changes})


@pytest.mark.parametrize("lang", LANGS)
def test_every_shipped_card_cites_its_source_and_check_date(shipped: list[Mission], lang: str) -> None:
    def cites(mission: Mission) -> bool:
        card = render_card_text(mission, lang)
        source = f"{t(lang, 'mission.field.source')}: {source_label(mission)}"
        return source in card and t(lang, "reply.checked_on", date=mission.checked) in card

    assert [m.id for m in shipped if not cites(m)] == []


@pytest.mark.parametrize("lang", LANGS)
def test_card_leaves_out_fields_the_record_lacks(lang: str) -> None:
    card = render_card_text(_mission(status={"state": "open"}), lang)
    for field in ("address", "phones", "email", "hours", "head", "covers"):
        assert t(lang, f"mission.field.{field}") + ":" not in card


@pytest.mark.parametrize("lang", LANGS)
def test_card_without_contacts_points_to_the_ministry_list(lang: str) -> None:
    card = render_card_text(_mission(), lang)
    assert t(lang, "mission.no_contacts", url=t(lang, "mission.list_url")) in card


@pytest.mark.parametrize("lang", LANGS)
def test_card_without_contacts_prefers_the_mission_website_and_shows_it_once(lang: str) -> None:
    card = render_card_text(_mission(website="https://de.mfa.gov.by"), lang)
    assert t(lang, "mission.no_contacts_website") in card
    assert card.count("https://de.mfa.gov.by") == 1
    assert t(lang, "mission.list_url") not in card


def test_card_with_contacts_shows_them_each_with_its_source_and_no_pointer() -> None:
    card = render_card_text(_mission(address="Am Treptower Park 32", phones=["+49 30 1", "+49 30 2"]), "en")
    seen = "(per germany.mfa.gov.by, 2025-01-02)"
    assert f"Address: Am Treptower Park 32 {seen}" in card
    assert f"Phone: +49 30 1 {seen}; +49 30 2 {seen}" in card
    assert "Contact details are not in our records" not in card


def test_card_without_website_but_with_contacts_names_the_ministry_list() -> None:
    card = render_card_text(_mission(address="Am Treptower Park 32"), "en")
    assert t("en", "mission.no_website", url=t("en", "mission.list_url")) in card


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "Closed since 2021-09-01"), ("ru", "Закрыто с 2021-09-01"), ("be", "Зачынена з 2021-09-01")],
)
def test_closed_card_gives_date_and_where_to_turn(
    directory: MissionDirectory, lang: str, expected: str
) -> None:
    canada = directory.get("by-embassy-canada-ottawa")
    washington = directory.get("by-embassy-united-states-washington")
    assert canada is not None and washington is not None
    card = render_card_text(canada, lang, directory.get)
    assert expected in card
    assert f"{t(lang, 'mission.turn_to')}: {mission_title(washington, lang)}" in card


def test_closed_card_without_date_says_closed() -> None:
    card = render_card_text(_mission(status={"state": "closed"}), "en")
    assert "Status: Closed\n" in card


def test_card_shows_head_with_as_of_date() -> None:
    mission = _mission(head={"name": "A. B.", "title": "Ambassador", "as_of": "2025-01"})
    card = render_card_text(mission, "en", today=dt.date(2025, 6, 1))
    assert "Head of mission: A. B., Ambassador (as of 2025-01)\n" in card


@pytest.mark.parametrize(
    ("lang", "marker"),
    [("en", "may be out of date"), ("ru", "возможно, устарело"), ("be", "магчыма, састарэла")],
)
def test_card_marks_a_head_older_than_the_set_age(lang: str, marker: str) -> None:
    mission = _mission(head={"name": "A. B.", "title": "Ambassador", "as_of": "2025-01"})
    late = dt.date(2025, 1, 31) + dt.timedelta(days=HEAD_MAX_AGE_DAYS + 1)
    assert marker in render_card_text(mission, lang, today=late)
    assert marker not in render_card_text(mission, lang, today=late - dt.timedelta(days=2))


def test_russian_card_uses_russian_labels_and_names(directory: MissionDirectory) -> None:
    mission = directory.get("by-embassy-russia-moscow")
    assert mission is not None
    card = render_card_text(mission, "ru")
    assert "Москва" in card and "Источник:" in card and "Source:" not in card


def test_html_card_escapes_record_text() -> None:
    mission = _mission(address="<script>alert(1)</script> & Co", names={"en": "Embassy <b>"})
    card = render_card_html(mission, "en")
    assert "<script>" not in card and "&lt;script&gt;" in card and "&amp; Co" in card
    assert "<b>Embassy &lt;b&gt;</b>" in card


def test_html_card_links_website_and_source() -> None:
    card = render_card_html(_mission(website="https://germany.mfa.gov.by/?a=1&b=2", address="x"), "en")
    assert '<a href="https://germany.mfa.gov.by/?a=1&amp;b=2">' in card
    assert '<a href="https://germany.mfa.gov.by/x">' in card


def test_list_shows_each_match_with_status(directory: MissionDirectory) -> None:
    query = directory.lookup("консульство в Бресте")
    assert query is not None
    text = render_mission_list_text(query, "ru")
    assert text.startswith(t("ru", "mission.several", count=len(query.matches)))
    assert text.count("\n• ") == len(query.matches)
    assert "Генеральное консульство: Украина — Брест, Беларусь (закрыто с 2022-03-23)" in text


def test_list_for_no_match_names_the_nearest(directory: MissionDirectory) -> None:
    query = directory.lookup("Belarusian embassy in New Zealand")
    assert query is not None
    text = render_mission_list_text(query, "en")
    assert "No embassy of Belarus in New Zealand is listed in our records." in text
    jakarta = directory.get("by-embassy-indonesia-jakarta")
    assert jakarta is not None and mission_title(jakarta, "en") in text


def test_list_without_nearest_points_to_the_ministry_list(directory: MissionDirectory) -> None:
    query = directory.lookup("пасольства Беларусі ў Антарктыдзе")
    assert query is not None and not query.nearest
    html_list = render_mission_list_html(query, "be")
    assert "Антарктыда" in html_list
    assert f'<a href="{t("be", "mission.list_url")}">' in html_list


def test_long_list_is_cut_with_a_count_of_the_rest(directory: MissionDirectory) -> None:
    query = directory.lookup("Minsk")
    assert query is not None and len(query.matches) > 12
    text = render_mission_list_text(query, "en", limit=12)
    assert text.count("\n• ") == 12
    assert text.endswith(f"…and {len(query.matches) - 12} more")


@pytest.mark.parametrize("lang", LANGS)
def test_foreign_mission_card_places_it_in_belarus(shipped: list[Mission], lang: str) -> None:
    belarus = {"en": "Belarus", "ru": "Беларусь", "be": "Беларусь"}[lang]

    def placed_in_belarus(mission: Mission) -> bool:
        card = render_card_text(mission, lang)
        city = {"en": mission.city, "ru": mission.city_names.ru, "be": mission.city_names.be}[lang]
        in_belarus = f"{city}, {belarus}" in card.splitlines()[0] + card.splitlines()[1]
        return in_belarus and not (mission.country_code and f"{city}, {mission.country}" in card)

    foreign = [m for m in shipped if m.direction == "foreign_in_belarus"]
    assert foreign
    assert [m.id for m in foreign if not placed_in_belarus(m)] == []


@pytest.mark.parametrize(
    ("mission_id", "lang", "place_line"),
    [
        ("poland-consulate-general-brest", "en", "Consulate General · Brest, Belarus"),
        ("latvia-embassy-minsk", "en", "Embassy of Latvia — Minsk, Belarus"),
        ("latvia-embassy-minsk", "ru", "Посольство: Латвия — Минск, Беларусь"),
        ("latvia-consulate-vitebsk", "be", "Консульства: Латвія — Віцебск, Беларусь"),
        ("by-embassy-germany-berlin", "en", "Embassy of Belarus — Berlin, Germany"),
        ("by-embassy-germany-berlin", "be", "Пасольства Беларусі — Берлін, Германія"),
        ("by-embassy-russia-moscow", "en", "Embassy · Moscow, Russia"),
        ("by-permanent-mission-un-geneva", "ru", "Постоянное представительство Беларуси — Женева, Швейцария"),
    ],
)
def test_card_title_and_place_lines(
    directory: MissionDirectory, mission_id: str, lang: str, place_line: str
) -> None:
    mission = directory.get(mission_id)
    assert mission is not None
    assert place_line in render_card_text(mission, lang).splitlines()[:2]


@pytest.mark.parametrize("lang", ["ru", "be"])
def test_russian_and_belarusian_cards_name_the_city_and_label_every_line_in_that_language(
    shipped: list[Mission], lang: str
) -> None:
    def problems(mission: Mission) -> list[str]:
        card = render_card_text(mission, lang)
        city = mission.city_names.ru if lang == "ru" else mission.city_names.be
        found = [] if city and city in card else [f"{mission.id}: no city"]
        return found + [
            f"{mission.id}: {line}"
            for line in card.splitlines()
            if not any("\u0400" <= char <= "\u04ff" for char in line.split()[0])
        ]

    assert [problem for mission in shipped for problem in problems(mission)] == []


@pytest.mark.parametrize(("lang", "title"), [("en", "Ambassador"), ("ru", "Посол"), ("be", "Пасол")])
def test_card_localises_the_head_of_mission_title(lang: str, title: str) -> None:
    card = render_card_text(_mission(head={"name": "A. B.", "title": "Ambassador", "as_of": "2025-01"}), lang)
    assert f"A. B., {title} (" in card


def test_card_keeps_an_unknown_head_title_as_written() -> None:
    card = render_card_text(_mission(head={"name": "A. B.", "title": "Minister-Counsellor"}), "ru")
    assert "A. B., Minister-Counsellor" in card


@pytest.mark.parametrize("lang", LANGS)
def test_card_gives_status_and_note_their_own_lines(lang: str) -> None:
    note = {"en": "Reopened in 2020.", "ru": "Вновь открыто в 2020 г.", "be": "Зноў адкрыта ў 2020 г."}
    card = render_card_text(_mission(status={"state": "open", "note": note}), lang)
    assert f"{t(lang, 'mission.field.status')}: {t(lang, 'mission.status.open')}\n" in card
    assert f"{t(lang, 'mission.field.note')}: {note[lang]}" in card


@pytest.mark.parametrize("lang", ["ru", "be"])
def test_english_only_note_stays_off_a_russian_or_belarusian_card(lang: str) -> None:
    card = render_card_text(_mission(status={"state": "open", "note": "Reopened in 2020."}), lang)
    assert "Reopened" not in card and t(lang, "mission.field.note") not in card


@pytest.mark.parametrize("lang", ["ru", "be"])
def test_translated_texts_are_marked_as_ours(lang: str) -> None:
    note = {"en": "Reopened in 2020.", "ru": "Вновь открыто.", "be": "Зноў адкрыта."}
    card = render_card_text(_mission(status={"state": "open", "note": note}), lang)
    assert card.endswith(t(lang, "mission.translated"))
    assert t("en", "mission.translated") not in render_card_text(_mission(status={"note": note}), "en")


def test_card_without_a_state_has_no_status_line_but_keeps_the_note() -> None:
    card = render_card_text(_mission(status={"note": "No later report."}), "en")
    assert "Status:" not in card and "Note: No later report." in card


@pytest.mark.parametrize("lang", LANGS)
def test_source_without_url_prints_its_name_and_no_link(lang: str) -> None:
    mission = _mission(
        sources=[{"name": "Diplomatic list, 2024 print edition", "date": "2024"}], checked="2024"
    )
    card = render_card_text(mission, lang)
    assert f"{t(lang, 'mission.field.source')}: Diplomatic list, 2024 print edition, " in card
    html_card = render_card_html(mission, lang)
    assert "Diplomatic list, 2024 print edition" in html_card
    assert "<a href" not in html_card.split(t(lang, "mission.field.source"))[1]


def test_source_with_name_and_url_shows_both_and_links_the_url() -> None:
    mission = _mission(sources=[{"name": "BelTA", "url": "https://belta.by/x", "date": "2025-01-02"}])
    assert "Source: BelTA — https://belta.by/x, checked on 2025-01-02" in render_card_text(mission, "en")
    assert 'BelTA — <a href="https://belta.by/x">https://belta.by/x</a>' in render_card_html(mission, "en")


def test_percent_encoded_source_url_is_shown_decoded_and_linked_as_is() -> None:
    url = "https://wikiwand.com/ru/%D0%9F%D0%BE%D1%81%D0%BE%D0%BB"
    mission = _mission(sources=[{"url": url, "date": "2025-01-02"}])
    assert display_url(url) == "https://wikiwand.com/ru/Посол"
    assert "Source: https://wikiwand.com/ru/Посол," in render_card_text(mission, "en")
    assert f'<a href="{url}">https://wikiwand.com/ru/Посол</a>' in render_card_html(mission, "en")


def test_url_whose_decoding_would_break_it_is_shown_as_is() -> None:
    assert display_url("https://example.org/a%20b") == "https://example.org/a%20b"


@pytest.mark.parametrize("lang", LANGS)
def test_foreign_mission_without_contacts_points_to_the_ministry_site(lang: str) -> None:
    mission = _mission(id="germany-embassy-minsk-test", direction="foreign_in_belarus", city="Minsk")
    card = render_card_text(mission, lang)
    assert t(lang, "mission.no_contacts_foreign", url=t(lang, "mission.ministry_url")) in card
    assert t(lang, "mission.list_url") not in card


@pytest.mark.parametrize(
    ("mission_id", "lang", "label"),
    [
        ("by-embassy-sweden-stockholm", "en", "Also covers: Norway, Denmark"),
        ("by-embassy-sweden-stockholm", "ru", "Также обслуживает: Норвегия, Дания"),
        ("poland-consulate-general-grodno", "en", "Consular district: Grodno Region"),
        ("by-consulate-general-russia-yekaterinburg", "be", "Консульская акруга: Пермскі край"),
    ],
)
def test_covers_are_countries_or_a_consular_district(
    directory: MissionDirectory, mission_id: str, lang: str, label: str
) -> None:
    mission = directory.get(mission_id)
    assert mission is not None
    assert label in render_card_text(mission, lang)


@pytest.mark.parametrize(
    ("question", "lang", "expected"),
    [
        (
            "Is there a Portuguese embassy in Minsk?",
            "en",
            "No embassy of Portugal in Minsk, Belarus is listed in our records.",
        ),
        (
            "посольство Португалии в Минске",
            "ru",
            "В наших записях такого представительства нет: посольство: Португалия — Минск, Беларусь.",
        ),
        (
            "посольство Польши в Бресте",
            "ru",
            "В наших записях такого представительства нет: посольство: Польша — Брест, Беларусь.",
        ),
        ("embassy in Brest", "en", "No embassy in Brest, Belarus is listed in our records."),
        (
            "консульство в Риге",
            "ru",
            "В наших записях такого представительства нет: консульство Беларуси — Рига, Латвия.",
        ),
        (
            "Portugal embassy",
            "en",
            "No embassy of Belarus in Portugal is listed in our records. "
            "No embassy of Portugal in Belarus is listed in our records.",
        ),
        (
            "German embassy in Poland",
            "en",
            "Our records hold only Belarus's missions abroad and foreign missions in Belarus.",
        ),
    ],
)
def test_none_listed_says_what_was_asked_in_its_direction(
    directory: MissionDirectory, question: str, lang: str, expected: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and not query.matches
    assert render_mission_list_text(query, lang).splitlines()[0] == expected


def test_none_listed_in_belarus_points_to_the_ministry_site_not_the_list_abroad(
    directory: MissionDirectory,
) -> None:
    query = directory.lookup("Is there a Portuguese embassy in Minsk?")
    assert query is not None
    html_list = render_mission_list_html(query, "en")
    assert f'<a href="{t("en", "mission.ministry_url")}">' in html_list
    assert t("en", "mission.list_url") not in html_list


def test_nearest_listed_missions_show_their_status(directory: MissionDirectory) -> None:
    query = directory.lookup("Belarusian embassy in Norway")
    assert query is not None
    assert "Embassy of Belarus — Riga, Latvia (suspended)" in render_mission_list_text(query, "en")


def test_where_to_turn_gives_the_status_of_that_mission(directory: MissionDirectory) -> None:
    sweden = directory.get("by-embassy-sweden-stockholm")
    assert sweden is not None
    card = render_card_text(sweden, "en", directory.get)
    assert "Where to turn instead: Embassy of Belarus — Riga, Latvia (suspended)" in card


@pytest.mark.parametrize("lang", LANGS)
def test_question_without_a_place_gets_help_on_how_to_ask(directory: MissionDirectory, lang: str) -> None:
    query = directory.lookup("Belarusian embassies")
    assert query is not None
    text = render_mission_list_text(query, lang)
    assert text.splitlines()[0] == t(lang, "mission.ask_for_place")
    assert t(lang, "mission.list_url") in text


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Which Belarusian embassy serves Luxembourg?", "en"),
        ("Какое посольство Беларуси обслуживает Люксембург?", "ru"),
        ("Якое пасольства Беларусі абслугоўвае Люксембург?", "be"),
    ],
)
def test_a_covering_reply_says_none_is_listed_there_before_the_card(
    directory: MissionDirectory, question: str, lang: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.covering
    [brussels] = query.matches
    lines = render_mission_reply_text(query, lang, directory.get).splitlines()
    country = {"en": "Luxembourg", "ru": "Люксембург", "be": "Люксембург"}[lang]
    assert country in lines[0] and lines[0] != mission_title(brussels, lang)
    assert lines[1] == mission_title(brussels, lang)
    html_reply = render_mission_reply_html(query, lang, directory.get)
    assert html_reply.splitlines()[1] == f"<b>{mission_title(brussels, lang)}</b>"


@pytest.mark.parametrize(
    ("question", "lang", "region"),
    [
        ("Which Belarusian consulate serves Podlaskie Voivodeship?", "en", "Podlaskie"),
        ("консульство Беларуси для Подляского воеводства", "ru", "Подляское воеводство"),
        ("консульства Беларусі для Люблінскага ваяводства", "be", "Люблінскае ваяводства"),
    ],
)
def test_a_region_without_a_known_district_lists_the_country_missions_and_says_so(
    directory: MissionDirectory, question: str, lang: str, region: str
) -> None:
    query = directory.lookup(question)
    assert query is not None and query.region is not None
    assert {m.country_code for m in query.matches} == {"PL"}
    first = render_mission_reply_text(query, lang, directory.get).splitlines()[0]
    assert region in first and first.endswith(":")
