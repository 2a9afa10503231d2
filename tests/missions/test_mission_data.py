"""The shipped mission files are valid, sourced, and a bad record is named precisely."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from corpus import Mission, MissionDataError, load_missions
from corpus.errors import CorpusError

MISSIONS_DIR = Path(__file__).resolve().parents[2] / "corpus" / "missions"


@pytest.fixture(scope="module")
def shipped() -> list[Mission]:
    """The shipped records, loaded when a test first needs them (not at collection)."""
    return load_missions(MISSIONS_DIR)


GOOD_RECORD = {
    "id": "by-embassy-testland-testville",
    "direction": "belarus_abroad",
    "kind": "embassy",
    "country": "Germany",
    "country_code": "DE",
    "city": "Berlin",
    "status": {"state": "open"},
    "sources": [{"url": "https://germany.mfa.gov.by", "date": "2025-01-02"}],
    "checked": "2025-01-02",
}


def _write(directory: Path, records: list[dict], name: str = "belarus_abroad.yaml") -> Path:
    path = directory / name
    path.write_text(yaml.safe_dump(records, allow_unicode=True), encoding="utf-8")
    return path


def test_shipped_files_load_both_directions(shipped: list[Mission]) -> None:
    directions = {m.direction for m in shipped}
    assert directions == {"belarus_abroad", "foreign_in_belarus"}


def test_every_record_rests_on_a_source_outside_github(shipped: list[Mission]) -> None:
    def outside_github(mission: Mission) -> bool:
        hosts = [urlparse(s.url).netloc for s in mission.sources if s.url]
        return bool(hosts) and all("github" not in host for host in hosts)

    assert [m.id for m in shipped if not outside_github(m)] == []


def test_mission_data_error_is_a_corpus_error() -> None:
    assert issubclass(MissionDataError, CorpusError)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "palace"}, "kind"),
        ({"status": {"state": "closed", "since": "2021-13"}}, "status.since"),
        ({"sources": []}, "sources"),
        ({"kind": "permanent_mission"}, "organisation"),
        ({"country_code": "XX"}, "country_code"),
        ({"checked": "2020-01-01"}, "checked"),
        ({"website": "germany.mfa.gov.by"}, "website"),
        ({"id": "Bad Id"}, "id"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_malformed_record_names_file_record_and_field(tmp_path: Path, change: dict, field: str) -> None:
    path = _write(tmp_path, [GOOD_RECORD, {**GOOD_RECORD, "id": "by-embassy-second", **change}])
    with pytest.raises(MissionDataError) as caught:
        load_missions(tmp_path)
    message = str(caught.value)
    assert str(path) in message and "record 1" in message and f"field '{field}'" in message


def test_unknown_turn_to_target_is_refused(tmp_path: Path) -> None:
    closed = {**GOOD_RECORD, "status": {"state": "closed", "turn_to": "by-embassy-nowhere"}}
    _write(tmp_path, [closed])
    with pytest.raises(MissionDataError, match=r"status\.turn_to"):
        load_missions(tmp_path)


def test_duplicate_id_names_both_records(tmp_path: Path) -> None:
    _write(tmp_path, [GOOD_RECORD, GOOD_RECORD])
    with pytest.raises(MissionDataError, match="already used by record 0"):
        load_missions(tmp_path)


def test_record_in_the_wrong_direction_file_is_refused(tmp_path: Path) -> None:
    _write(tmp_path, [GOOD_RECORD], name="foreign_in_belarus.yaml")
    with pytest.raises(MissionDataError, match="field 'direction'"):
        load_missions(tmp_path)


def test_partial_dates_load_as_written(tmp_path: Path) -> None:
    _write(tmp_path, [{**GOOD_RECORD, "status": {"state": "closed", "since": 2018}}])
    assert load_missions(tmp_path)[0].status.since == "2018"


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(MissionDataError, match="no mission files"):
        load_missions(tmp_path)
