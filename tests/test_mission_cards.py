"""Contact cards show what the record holds, cite their source, and escape everything."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.i18n import t
from bot.mission_cards import (
    mission_title,
    render_card_html,
    render_card_text,
    render_mission_list_html,
    render_mission_list_text,
)
from corpus.missions_schema import Mission, load_missions
from index.mission_lookup import MissionDirectory

MISSIONS_DIR = Path(__file__).resolve().parent.parent / "corpus" / "missions"
SHIPPED = load_missions(MISSIONS_DIR)
LANGS = ["en", "ru", "be"]


@pytest.fixture(scope="module")
def directory() -> MissionDirectory:
    return MissionDirectory(SHIPPED)


def _mission(**changes: object) -> Mission:
    record = {
        "id": "by-embassy-testland-testville", "direction": "belarus_abroad", "kind": "embassy",
        "country": "Germany", "country_code": "DE", "city": "Berlin",
        "sources": [{"url": "https://germany.mfa.gov.by/x", "date": "2025-01-02"}],
        "checked": "2025-01-02",
    }
    return Mission.model_validate({**record, **changes})


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("mission", SHIPPED, ids=lambda m: m.id)
def test_every_shipped_card_cites_its_source_and_check_date(mission: Mission, lang: str) -> None:
    card = render_card_text(mission, lang)
    assert mission.source.label in card
    assert t(lang, "reply.checked_on", date=mission.checked) in card


@pytest.mark.parametrize("lang", LANGS)
def test_card_leaves_out_fields_the_record_lacks(lang: str) -> None:
    card = render_card_text(_mission(status={"state": "open"}), lang)
    for field in ("address", "phones", "email", "hours", "head", "covers"):
        assert t(lang, f"mission.field.{field}") + ":" not in card


@pytest.mark.parametrize("lang", LANGS)
def test_card_without_contacts_points_to_the_ministry_list(lang: str) -> None:
    card = render_card_text(_mission(), lang)
    assert t(lang, "mission.no_contacts", url=t(lang, "mission.list_url")) in card


def test_card_without_contacts_prefers_the_mission_website() -> None:
    card = render_card_text(_mission(website="https://germany.mfa.gov.by"), "en")
    assert "Contact details are not in our records; see https://germany.mfa.gov.by" in card


def test_card_with_contacts_shows_them_and_no_pointer() -> None:
    card = render_card_text(_mission(address="Am Treptower Park 32", phones=["+49 30 1", "+49 30 2"]), "en")
    assert "Address: Am Treptower Park 32" in card and "Phone: +49 30 1, +49 30 2" in card
    assert "not in our records" not in card


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "Closed since 2021-09-01"), ("ru", "Закрыто с 2021-09-01"), ("be", "Зачынена з 2021-09-01")],
)
def test_closed_card_gives_date_and_where_to_turn(directory: MissionDirectory, lang: str, expected: str) -> None:
    canada = directory.get("by-embassy-canada-ottawa")
    washington = directory.get("by-embassy-united-states-washington")
    assert canada is not None and washington is not None
    card = render_card_text(canada, lang, directory.get)
    assert expected in card
    assert f"{t(lang, 'mission.turn_to')}: {mission_title(washington, lang)}" in card


def test_closed_card_without_date_says_closed() -> None:
    card = render_card_text(_mission(status={"state": "closed"}), "en")
    assert "Status: Closed." in card


def test_card_shows_head_with_as_of_date() -> None:
    card = render_card_text(_mission(head={"name": "A. B.", "title": "Ambassador", "as_of": "2025-01"}), "en")
    assert "Head of mission: A. B., Ambassador (as of 2025-01)" in card


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
    assert "Закрыто с 2022-03-23" in text


def test_list_for_no_match_names_the_nearest(directory: MissionDirectory) -> None:
    query = directory.lookup("Belarusian embassy in New Zealand")
    assert query is not None
    text = render_mission_list_text(query, "en")
    assert "No embassy of Belarus in New Zealand is listed in our records." in text
    jakarta = directory.get("by-embassy-indonesia-jakarta")
    assert jakarta is not None and mission_title(jakarta, "en") in text


def test_list_without_nearest_points_to_the_ministry_list(directory: MissionDirectory) -> None:
    query = directory.lookup("пасольства ў Партугаліі")
    assert query is not None
    html_list = render_mission_list_html(query, "be")
    assert "Партугалія" in html_list
    assert f'<a href="{t("be", "mission.list_url")}">' in html_list


def test_long_list_is_cut_with_a_count_of_the_rest(directory: MissionDirectory) -> None:
    query = directory.lookup("Minsk")
    assert query is not None and len(query.matches) > 12
    text = render_mission_list_text(query, "en", limit=12)
    assert text.count("\n• ") == 12
    assert text.endswith(f"…and {len(query.matches) - 12} more")
