"""Mission questions answered through the real CLI, as a user or a script would ask them.

One ``python -m bot ask --json`` process reads every question on stdin, so the
model loads once; its index is built in a temporary directory (``BOT_INDEX_DIR``)
so the developer's index is never touched. Each case names the language the
reply must be in and the mission records it must list (all of them, in order),
or none, with the records the honest "none listed" reply must offer instead.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from bot.i18n import t
from bot.rendering.mission_cards import mission_title, render_card_html, render_card_text, source_label
from corpus.missions_schema import Mission, load_missions

ROOT = Path(__file__).resolve().parents[2]
CLI_TIMEOUT_SECONDS = 900


@dataclass(frozen=True)
class Case:
    question: str
    lang: str
    ids: tuple[str, ...] = ()  # every match, in order; empty: no such mission
    nearest: tuple[str, ...] = ()  # offered instead when there is no match
    covering: bool = False  # the ids serve the country from another one (the reply says so first)

    def __str__(self) -> str:
        return self.question


def _case(question: str, lang: str, *ids: str, nearest: tuple[str, ...] = (), covering: bool = False) -> Case:
    return Case(question, lang, ids, nearest, covering)


BREST_CONSULATES = (
    "poland-consulate-general-brest",
    "russia-consulate-general-brest",
    "ukraine-consulate-general-brest",
)

CASES = [
    # Belarus's missions abroad, English (countries, cities, typos, kinds)
    _case("Where is the Belarusian embassy in Germany?", "en", "by-embassy-germany-berlin"),
    _case("embassy in Germny", "en", "by-embassy-germany-berlin"),
    _case("phone of the consulate in Saint Petersburg", "en", "by-consulate-general-russia-saint-petersburg"),
    _case("Warsaw", "en", "by-embassy-poland-warsaw"),
    _case("permanent mission to the UN in Geneva", "en", "by-permanent-mission-un-geneva"),
    _case("honorary consulate in Izmir", "en", "by-honorary-consulate-turkey-izmir"),
    _case("Belarusian embassy in Kazakstan", "en", "by-embassy-kazakhstan-astana"),
    _case("What is the address of the Belarusian embassy in Moscow?", "en", "by-embassy-russia-moscow"),
    # closed missions (the card gives the date and where to turn)
    _case("Belarusian embassy in Canada", "en", "by-embassy-canada-ottawa"),
    _case("Belarus consulate in New York", "en", "by-consulate-general-united-states-new-york"),
    # foreign missions in Belarus, English
    _case("Is there a Polish consulate in Brest?", "en", "poland-consulate-general-brest"),
    _case("German embassy in Minsk", "en", "germany-embassy-minsk"),
    _case("Chinese embassy", "en", "china-embassy-minsk"),
    _case("US embassy in Minsk", "en", "united-states-embassy-minsk"),
    _case("Latvian embassy in Minsk", "en", "latvia-embassy-minsk"),
    _case("Russian consulate in Grodno", "en", "russia-consulate-general-grodno"),
    _case("Which consulates are there in Brest?", "en", *BREST_CONSULATES),
    # no such mission, English
    _case("Belarusian embassy in New Zealand", "en", nearest=("by-embassy-indonesia-jakarta",)),
    _case("Is there a Belarusian embassy in Portugal?", "en", "by-embassy-france-paris", covering=True),
    _case("Is there a Belarusian embassy in Chile?", "en", nearest=("by-embassy-brazil-brasilia",)),
    _case("Is there a Chilean embassy in Minsk?", "en"),
    _case("Is there a Portuguese embassy in Minsk?", "en"),
    # Russian, inflected forms
    _case("посольство Беларуси в Китае", "ru", "by-embassy-china-beijing"),
    _case("телефон консульства в Санкт-Петербурге", "ru", "by-consulate-general-russia-saint-petersburg"),
    _case("генконсульство в Нижнем Новгороде", "ru", "by-consulate-general-russia-nizhny-novgorod"),
    _case("посольство в Австрии", "ru", "by-embassy-austria-vienna"),
    _case("посольство Беларуси в Германнии", "ru", "by-embassy-germany-berlin"),
    _case("адрес посольства Беларуси в Москве", "ru", "by-embassy-russia-moscow"),
    _case("посольство Беларуси в Канаде", "ru", "by-embassy-canada-ottawa"),
    _case("посольство в Сирии", "ru", "by-embassy-syria-damascus"),
    _case("посольство Беларуси в Эфиопии", "ru", "by-embassy-ethiopia-addis-ababa"),
    _case("Есть ли польское консульство в Бресте?", "ru", "poland-consulate-general-brest"),
    _case("посольство Германии в Минске", "ru", "germany-embassy-minsk"),
    _case("немецкое посольство", "ru", "germany-embassy-minsk"),
    _case("консульство Латвии в Витебске", "ru", "latvia-consulate-vitebsk"),
    _case("посольство Беларуси в Португалии", "ru", "by-embassy-france-paris", covering=True),
    _case("посольство Беларуси в Чили", "ru", nearest=("by-embassy-brazil-brasilia",)),
    _case("посольство Чили в Минске", "ru"),
    _case("посольство в Новой Зеландии", "ru", nearest=("by-embassy-indonesia-jakarta",)),
    _case("посольство Польши в Бресте", "ru", nearest=("poland-consulate-general-brest",)),
    # Belarusian, inflected forms (including locatives that change the stem: Брэсце, Рызе, Празе)
    _case("пасольства Беларусі ў Кітаі", "be", "by-embassy-china-beijing"),
    _case("у Германіі пасольства", "be", "by-embassy-germany-berlin"),
    _case("генеральнае консульства ў Мюнхене", "be", "by-consulate-general-germany-munich"),
    _case("пасольства ў Турцыі", "be", "by-embassy-turkey-ankara"),
    _case("пасольства ў Рызе", "be", "by-embassy-latvia-riga"),
    _case("пасольства Беларусі ў Празе", "be", "by-embassy-czech-republic-prague"),
    _case("пасольства Беларусі ў Латвіі", "be", "by-embassy-latvia-riga"),
    _case("пасольства ў Канадзе", "be", "by-embassy-canada-ottawa"),
    _case("ці ёсць польскае консульства ў Брэсце?", "be", "poland-consulate-general-brest"),
    _case("пасольства Германіі ў Мінску", "be", "germany-embassy-minsk"),
    _case("пасольства ЗША ў Мінску", "be", "united-states-embassy-minsk"),
    _case("консульства Літвы ў Гродне", "be", "lithuania-consulate-general-grodno"),
    _case("консульства ў Брэсце", "be", *BREST_CONSULATES),
    _case("пасольства Беларусі ў Партугаліі", "be", "by-embassy-france-paris", covering=True),
    _case("пасольства Беларусі ў Чылі", "be", nearest=("by-embassy-brazil-brasilia",)),
    _case("пасольства Чылі ў Мінску", "be"),
    _case("пасольства Беларусі ў Новай Зеландыі", "be", nearest=("by-embassy-indonesia-jakarta",)),
]
DEV_SET = ROOT / "tests" / "golden" / "dev" / "missions_cli.yaml"


def _dev_cases() -> list[Case]:
    """The dev set of mission questions (tests/golden/dev/missions_cli.yaml), as cases."""
    items = yaml.safe_load(DEV_SET.read_text(encoding="utf-8"))
    return [
        Case(i["q"], i["lang"], tuple(i.get("ids", ())), tuple(i.get("nearest", ())), bool(i.get("covering")))
        for i in items
    ]


DEV_CASES = _dev_cases()
CASES += [case for case in DEV_CASES if case.question not in {c.question for c in CASES}]
NOT_MISSION_QUESTIONS = [
    "What are Belarus's foreign-policy priorities?",
    "Каковы отношения Беларуси с Китаем?",
]
PLACE_NEEDED_QUESTIONS = [("Where are the Belarusian embassies?", "en"), ("пасольствы Беларусі", "be")]
NONE_LISTED_OPENINGS = {
    "en": "No ",
    "ru": "В наших записях такого представительства нет",
    "be": "У нашых запісах такога прадстаўніцтва няма",
}
PLAIN_ASK_QUESTIONS = ["Is there a Polish consulate in Brest?"]  # each costs a model load


def _run_cli(args: list[str], index_dir: Path, stdin: str | None = None) -> str:
    env = {**os.environ, "BOT_INDEX_DIR": str(index_dir)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env,
        timeout=CLI_TIMEOUT_SECONDS,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cli_missions_index")


@pytest.fixture(scope="module")
def cli_answers(index_dir: Path) -> dict[str, dict]:
    """Every question of this module, answered by one ``ask --json`` process (model loaded once)."""
    questions = (
        [case.question for case in CASES] + NOT_MISSION_QUESTIONS + [q for q, _ in PLACE_NEEDED_QUESTIONS]
    )
    stdout = _run_cli(["ask", "--json"], index_dir, "\n".join(questions) + "\n")
    records = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    assert [r["question"] for r in records] == questions
    return {record["question"]: record for record in records}


def _missions(record: dict) -> list[Mission]:
    """The records under ``missions``, read back through the schema (they must still be valid)."""
    return [Mission.model_validate(raw) for raw in record.get("missions", [])]


def test_the_dev_set_has_sixty_questions_in_three_languages() -> None:
    assert len(DEV_CASES) >= 60
    assert {case.lang for case in DEV_CASES} == {"en", "ru", "be"}
    assert min(sum(case.lang == lang for case in DEV_CASES) for lang in ("en", "ru", "be")) >= 15


def test_the_question_set_covers_what_the_issue_asks() -> None:
    assert len(CASES) >= 40
    assert {case.lang for case in CASES} == {"en", "ru", "be"}
    assert any(not case.ids for case in CASES) and any(len(case.ids) > 1 for case in CASES)
    assert any(i.startswith("by-") for case in CASES for i in case.ids)
    assert any(not i.startswith("by-") for case in CASES for i in case.ids)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_cli_lists_the_expected_missions_in_the_asker_language(
    cli_answers: dict[str, dict], case: Case
) -> None:
    record = cli_answers[case.question]
    assert record["reason"] == "missions"
    assert record["lang"] == case.lang
    assert [m["id"] for m in record["missions"]] == list(case.ids)
    assert record["answered"] is bool(case.ids)
    assert record["passages"] == []


@pytest.mark.parametrize("case", [c for c in CASES if len(c.ids) == 1], ids=str)
def test_cli_card_reply_names_the_mission_and_cites_its_source(
    cli_answers: dict[str, dict], case: Case
) -> None:
    record = cli_answers[case.question]
    [mission] = _missions(record)
    reply = record["reply"]
    lines = reply.splitlines()
    if case.covering:  # first the line saying none is listed in the country itself
        assert lines.pop(0).endswith(t(case.lang, "mission.served_from", kind="", place="").split(". ")[-1])
    assert lines[0] == mission_title(mission, case.lang)
    assert f"{t(case.lang, 'mission.field.source')}: {source_label(mission)}" in reply
    assert t(case.lang, "reply.checked_on", date=mission.checked) in reply


@pytest.mark.parametrize("case", [c for c in CASES if len(c.ids) > 1], ids=str)
def test_cli_list_reply_names_every_match(cli_answers: dict[str, dict], case: Case) -> None:
    record = cli_answers[case.question]
    lines = record["reply"].splitlines()
    assert lines[0] == t(case.lang, "mission.several", count=len(case.ids))
    for mission in _missions(record):
        assert any(line.startswith(f"• {mission_title(mission, case.lang)}") for line in lines[1:])


@pytest.mark.parametrize("case", [c for c in CASES if c.ids], ids=str)
def test_every_card_the_reply_can_show_cites_its_source(cli_answers: dict[str, dict], case: Case) -> None:
    record = cli_answers[case.question]
    for mission in _missions(record):
        cited = f"{source_label(mission)}, {t(case.lang, 'reply.checked_on', date=mission.checked)}"
        assert cited in render_card_text(mission, case.lang)
        assert t(case.lang, "mission.field.source") in render_card_html(mission, case.lang)


@pytest.mark.parametrize("case", [c for c in CASES if not c.ids], ids=str)
def test_cli_says_honestly_that_no_such_mission_is_listed(cli_answers: dict[str, dict], case: Case) -> None:
    record = cli_answers[case.question]
    reply = record["reply"]
    assert reply.startswith(NONE_LISTED_OPENINGS[case.lang])
    nearest_line = t(case.lang, "mission.nearest", names="")
    if case.nearest:
        assert nearest_line in reply
    else:
        assert nearest_line not in reply
        assert "https://mfa.gov.by/" in reply.splitlines()[-1]


@pytest.mark.parametrize("case", [c for c in CASES if c.nearest], ids=str)
def test_none_listed_reply_offers_the_nearest_listed_missions(
    cli_answers: dict[str, dict], case: Case
) -> None:
    by_id = {m.id: m for m in load_missions(ROOT / "corpus" / "missions")}
    reply = cli_answers[case.question]["reply"]
    for mission_id in case.nearest:
        assert mission_title(by_id[mission_id], case.lang) in reply


@pytest.mark.parametrize("question", NOT_MISSION_QUESTIONS)
def test_cli_does_not_answer_other_questions_with_missions(
    cli_answers: dict[str, dict], question: str
) -> None:
    record = cli_answers[question]
    assert record["reason"] != "missions" and "missions" not in record


@pytest.mark.parametrize(("question", "lang"), PLACE_NEEDED_QUESTIONS)
def test_cli_asks_which_country_when_none_is_named(
    cli_answers: dict[str, dict], question: str, lang: str
) -> None:
    record = cli_answers[question]
    assert record["reason"] == "missions" and record["missions"] == [] and record["lang"] == lang
    assert record["reply"].startswith(t(lang, "mission.ask_for_place"))


@pytest.mark.parametrize("question", PLAIN_ASK_QUESTIONS)
def test_plain_ask_prints_the_same_reply_as_json(
    cli_answers: dict[str, dict], index_dir: Path, question: str
) -> None:
    assert _run_cli(["ask", question], index_dir) == cli_answers[question]["reply"] + "\n"


def _missions_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "missions", "check", "--today", "2026-12-01", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=CLI_TIMEOUT_SECONDS,
    )


def test_missions_check_prints_the_figures_per_direction() -> None:
    done = _missions_check()
    assert done.returncode == 0, done.stderr
    missions = load_missions(ROOT / "corpus" / "missions")
    for direction in ("belarus_abroad", "foreign_in_belarus"):
        block = done.stdout.split(f"\n{direction}\n")[1].split("\n\n")[0]
        records = [m for m in missions if m.direction == direction]
        assert f"records: {len(records)}\n" in block
        assert f"open: {sum(m.status.state == 'open' for m in records)}\n" in block
        websites = sum(bool(m.website) for m in records)
        assert f"with website: {websites} (open: " in block
        for line in (
            "with address",
            "with phone",
            "with email",
            "with hours",
            "last checked over a year ago",
            "heads older than the set age",
            "with conflicting sources",
        ):
            assert f"  {line}: " in block


def test_missions_check_counts_old_heads_by_the_given_age() -> None:
    strict, lenient = (
        _missions_check("--head-max-age-days", "0"),
        _missions_check("--head-max-age-days", "99999"),
    )
    assert "heads older than the set age: 0\n" in lenient.stdout
    assert "heads older than the set age: 0\n" not in strict.stdout


def test_missions_check_exits_non_zero_on_a_schema_error_only(tmp_path: Path) -> None:
    (tmp_path / "belarus_abroad.yaml").write_text("- id: Not A Slug\n", encoding="utf-8")
    done = _missions_check("--dir", str(tmp_path))
    assert done.returncode == 2
    assert "belarus_abroad.yaml" in done.stderr and "field 'id'" in done.stderr
