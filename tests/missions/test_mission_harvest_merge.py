"""The shipped mission files are exactly what the reviewed conversion makes of the harvests.

Every fact of the contacts harvest either reaches its card, with its own source, or
is rejected with a reason in the review; Russian and Belarusian cards carry no
English sentences; the general passport notice (Edict No. 278) is on every card
of a working Belarusian embassy or consulate, with the Ministry's page as source.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot.i18n import t
from bot.rendering.mission_cards import render_card_text
from corpus.missions_schema import Mission, load_missions

ROOT = Path(__file__).resolve().parents[2]
SCRIPTS = ROOT / "scripts"
MISSIONS_DIR = ROOT / "corpus" / "missions"
SHIPPED = load_missions(MISSIONS_DIR)
BY_ID = {m.id: m for m in SHIPPED}
ROWS = {
    n: json.loads(line)
    for n, line in enumerate(
        (SCRIPTS / "data" / "missions_contacts_harvest.jsonl").read_text().splitlines(), 1
    )
}
REVIEW = yaml.safe_load((SCRIPTS / "missions_contacts_review.yaml").read_text(encoding="utf-8"))
EDICT_URL = "https://mfa.gov.by/press/news_mfa/d9051c2976fc8482.html"
# Three Latin words in a row make an English phrase; card lines that hold record
# values as printed (addresses, numbers, sites, names) are not sentences and are skipped.
_ENGLISH_PHRASE = re.compile(r"\b[A-Za-z]{2,}[ ,;]+[A-Za-z]{2,}[ ,;]+[A-Za-z]{2,}\b")
_TEXT_FIELDS = (
    "field.note",
    "field.dispute",
    "field.notice",
    "field.hours",
    "field.status",
    "turn_to",
    "field.covers",
    "field.district",
)


def test_converter_reproduces_the_shipped_files(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPTS / "convert_missions_harvest.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    for name in ("belarus_abroad.yaml", "foreign_in_belarus.yaml"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (MISSIONS_DIR / name).read_text(
            encoding="utf-8"
        )


def test_every_harvest_row_has_a_review_entry() -> None:
    assert set(REVIEW["rows"]) == set(ROWS)


def _rejected_fields(number: int) -> set[str]:
    reject = (REVIEW["rows"][number] or {}).get("reject", {})
    return {"*"} if isinstance(reject, str) else set(reject)


@pytest.mark.parametrize("number", sorted(ROWS))
def test_every_taken_fact_is_on_its_record_with_a_source(number: int) -> None:
    row, decision = ROWS[number], REVIEW["rows"][number] or {}
    record_id = row["mission_id"] or decision.get("id")
    if "*" in _rejected_fields(number) or not decision.get("take"):
        assert "*" in _rejected_fields(number) or decision.get("used") or decision.get("confirms")
        return
    assert record_id, f"row {number} names no record"
    mission = BY_ID[record_id]
    for field in decision["take"]:
        kind = {"phones": "phone", "emails": "email"}.get(field, field)
        contacts = mission.contacts_of(kind)
        assert contacts, f"row {number}: no {kind} on {record_id}"
        assert all(c.source.url or c.source.name for c in contacts)
        if field in ("phones", "emails"):
            shown = " ".join(c.value or "" for c in contacts)
            for value in row[field]:
                if value not in decision.get("drop", {}):
                    assert value.split(" (")[0] in shown


def test_unverified_rows_are_never_taken() -> None:
    for number, row in ROWS.items():
        if row["source_kind"] == "unverified":
            assert "*" in _rejected_fields(number), f"row {number} rests on an unverified page"


def test_every_rejection_gives_a_reason() -> None:
    for number in ROWS:
        reject = (REVIEW["rows"][number] or {}).get("reject", {})
        reasons = [reject] if isinstance(reject, str) else list(reject.values())
        assert all(isinstance(r, str) and len(r) > 10 for r in reasons)


@pytest.mark.parametrize(
    "mission_id",
    ["by-embassy-united-kingdom-london", "by-embassy-belgium-brussels", "by-embassy-hungary-budapest"],
)
def test_missing_embassies_were_added_with_their_official_site(mission_id: str) -> None:
    mission = BY_ID[mission_id]
    assert mission.status.state == "open" and mission.website and mission.website.endswith(".mfa.gov.by")
    assert mission.contacts_of("website")[0].source.kind == "official"


@pytest.mark.parametrize(
    ("mission_id", "state"),
    [
        ("by-embassy-estonia-tallinn", "suspended"),
        ("by-consulate-general-united-arab-emirates-dubai", "open"),
        ("by-embassy-iran-tehran", "open"),
        ("latvia-embassy-minsk", "suspended"),
    ],
)
def test_status_facts_of_the_harvest_are_applied(mission_id: str, state: str) -> None:
    assert BY_ID[mission_id].status.state == state


def test_japan_card_shows_that_its_sources_disagree() -> None:
    card = render_card_text(BY_ID["by-embassy-japan-tokyo"], "ru")
    assert f"{t('ru', 'mission.field.dispute')}:" in card and "приостановк" in card


def _affected(mission: Mission) -> bool:
    return (
        mission.direction == "belarus_abroad"
        and mission.status.state not in ("closed", "planned")
        and mission.kind in ("embassy", "consulate_general", "consulate", "embassy_branch")
    )


@pytest.mark.parametrize("mission", SHIPPED, ids=lambda m: m.id)
def test_passport_notice_is_on_every_card_it_affects(mission: Mission) -> None:
    urls = [n.source.url for n in mission.notices]
    assert urls == ([EDICT_URL] if _affected(mission) else [])
    if _affected(mission):
        assert "Указ № 278" in render_card_text(mission, "ru")


@pytest.mark.parametrize("lang", ["ru", "be"])
@pytest.mark.parametrize("mission", SHIPPED, ids=lambda m: m.id)
def test_russian_and_belarusian_cards_hold_no_english_sentence(mission: Mission, lang: str) -> None:
    labels = tuple(f"{t(lang, f'mission.{key}')}: " for key in _TEXT_FIELDS)
    for line in render_card_text(mission, lang).splitlines():
        if line.startswith(labels):
            body = re.sub(r"\(\S+ \S+\.\S+[^)]*\)", "", line)  # the "(per host)" source tag
            assert not _ENGLISH_PHRASE.search(body), line


def test_history_is_kept_but_not_shown() -> None:
    mission = BY_ID["by-embassy-poland-warsaw"]
    assert mission.history and all(entry not in render_card_text(mission, "en") for entry in mission.history)
