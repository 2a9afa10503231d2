"""The other-names file of places is validated: a bad entry names the file and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import OTHER_NAMES_FILE, PlaceNameError, load_corpus, load_missions, load_other_names

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "other_names.yaml"
    path.write_text(text, "utf-8")
    return path


def test_shipped_other_names_load_and_name_record_cities() -> None:
    names = load_other_names(CORPUS_DIR / OTHER_NAMES_FILE)
    assert names.countries["IR"] and names.cities["Kyiv"]
    missions = load_missions(CORPUS_DIR / "missions")
    names.check_places({m.city for m in missions}, {c.en for m in missions for c in m.covers})


def test_absent_file_means_no_other_names(tmp_path: Path) -> None:
    names = load_other_names(tmp_path / "missing.yaml")
    assert not names.countries and not names.cities


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("countries:\n  XX: [Atlantis]\n", "countries: .*'XX' is not an ISO"),
        ("countries:\n  IR: []\n", "non-empty"),
        ("streets:\n  Perm: [Perm]\n", "streets"),
        ("countries:\n  IR: [Persia]\n  IQ: [Persia]\n", "already a name of IR"),
        ("countries: [\n", "cannot be read"),
    ],
)
def test_bad_entry_is_refused_naming_it(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(PlaceNameError, match=message):
        load_other_names(_write(tmp_path, text))


def test_city_no_record_has_is_refused(tmp_path: Path) -> None:
    names = load_other_names(_write(tmp_path, "cities:\n  Atlantis: [Poseidonia]\n"))
    with pytest.raises(PlaceNameError, match="Atlantis"):
        names.check_places({"Kyiv"}, set())


def test_corpus_carries_the_other_names() -> None:
    assert "Persia" in load_corpus(CORPUS_DIR).other_names.countries["IR"]


def test_region_no_record_or_iso_list_has_is_refused(tmp_path: Path) -> None:
    names = load_other_names(_write(tmp_path, "regions:\n  Atlantis Oblast: [Atlantida]\n"))
    with pytest.raises(PlaceNameError, match="Atlantis Oblast"):
        names.check_places(set(), {"Perm Krai"})
    load_other_names(_write(tmp_path, "regions:\n  Lubelskie: [Lublin Voivodeship]\n")).check_places(
        set(), set()
    )
