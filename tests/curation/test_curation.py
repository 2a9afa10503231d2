"""The curation core on a copy of the material: teach, file, ignore, undo, validation, history (no model)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.curation import (
    ChangeRefusedError,
    Curator,
    NothingToChangeError,
    UndoError,
    UnknownPassageError,
    UnknownTopicError,
)
from bot.curation.yaml_text import dump_yaml, load_yaml
from bot.pressdesk import Action, ChatType, CurationStore, Phrasing, QuestionLog, QuestionRecord
from corpus import load_corpus
from tests.curation_fixtures import copy_material, snapshot
from tests.press_desk_fixtures import BROKEN_DOCUMENT, SHIPPED_CORPUS

SALT = "curation-test-salt"
GAP = Phrasing("Is Belarus part of the Non-Aligned Movement?", "en")
GAP_RU = Phrasing("Входит ли Беларусь в Движение неприсоединения?", "ru")
BANK = "questions/policy_priorities.yaml"
TOPICS = "topics/out_of_scope.yaml"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return copy_material(tmp_path / "corpus")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CurationStore]:
    with CurationStore(tmp_path / "questions.sqlite3", SALT) as opened:
        yield opened


@pytest.fixture
def curator(corpus_dir: Path, store: CurationStore) -> Curator:
    return Curator(corpus_dir, store)


def added_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("+ ")], [d[2:] for d in diff if d.startswith("- ")]


@pytest.mark.parametrize("relative", [BANK, TOPICS])
def test_an_unchanged_corpus_file_round_trips_byte_for_byte(relative: str) -> None:
    text = (SHIPPED_CORPUS / relative).read_text("utf-8")
    assert dump_yaml(load_yaml(text, relative)) == text


def test_teaching_a_passage_adds_only_the_questions_under_their_languages(
    curator: Curator, corpus_dir: Path
) -> None:
    before = (corpus_dir / BANK).read_text("utf-8")
    change = curator.teach_passage([GAP, GAP_RU], "policy-priorities-ru#5", admin_id=1001)
    after = (corpus_dir / BANK).read_text("utf-8")
    plus, minus = added_lines(before, after)
    assert minus == [] and sorted(plus) == sorted(f"        - {p.text}" for p in (GAP, GAP_RU))
    bank = load_corpus(corpus_dir).questions
    assert {(q.position, q.language) for q in bank if q.text in {GAP.text, GAP_RU.text}} == {
        (5, "en"),
        (5, "ru"),
    }
    assert change.action is Action.PASSAGE and change.before == before and change.after == after
    assert change.admin_hash is not None and "1001" not in change.admin_hash


def test_teaching_the_same_question_twice_changes_nothing_the_second_time(
    curator: Curator, corpus_dir: Path
) -> None:
    curator.teach_passage([GAP], "policy-priorities#5")
    written = snapshot(corpus_dir)
    with pytest.raises(NothingToChangeError):
        curator.teach_passage(
            [Phrasing("is belarus part of the non-aligned movement", "en")], "policy-priorities#5"
        )
    assert snapshot(corpus_dir) == written and len(curator.history()) == 1


@pytest.mark.parametrize(
    ("passage_id", "message"),
    [
        ("policy-priorities#99", "Did you mean"),
        ("nonsense", "unknown passage id 'nonsense'"),
        ("mission:by-embassy-germany-berlin", "mission record"),
    ],
)
def test_an_unknown_or_record_passage_is_refused_and_no_file_changes(
    curator: Curator, corpus_dir: Path, passage_id: str, message: str
) -> None:
    before = snapshot(corpus_dir)
    with pytest.raises(UnknownPassageError, match=message):
        curator.teach_passage([GAP], passage_id)
    assert snapshot(corpus_dir) == before and curator.history() == []


def test_a_change_that_would_break_the_material_is_refused_with_the_reason(
    curator: Curator, corpus_dir: Path
) -> None:
    (corpus_dir / "questions" / "broken.yaml").write_text(
        "document: nowhere\npassages: []\n", encoding="utf-8"
    )
    before = snapshot(corpus_dir)
    with pytest.raises(ChangeRefusedError, match=r"broken\.yaml: document 'nowhere' names no original"):
        curator.teach_passage([GAP], "policy-priorities#5")
    assert snapshot(corpus_dir) == before and curator.history() == []
    assert not list(corpus_dir.rglob(".*.tmp"))  # no temporary file left behind


def test_a_broken_document_elsewhere_also_refuses_the_change(curator: Curator, corpus_dir: Path) -> None:
    (corpus_dir / "documents" / "broken.en.md").write_text(BROKEN_DOCUMENT, encoding="utf-8")
    with pytest.raises(ChangeRefusedError, match=r"broken\.en\.md"):
        curator.file_out_of_scope([GAP], "nato")


def test_a_too_long_question_is_refused_before_anything_is_written(
    curator: Curator, corpus_dir: Path
) -> None:
    before = snapshot(corpus_dir)
    with pytest.raises(ChangeRefusedError, match="300 characters"):
        curator.teach_passage([Phrasing("why " * 100, "en")], "policy-priorities#5")
    assert snapshot(corpus_dir) == before


def test_filing_under_a_known_topic_adds_triggers_the_loader_reads(
    curator: Curator, corpus_dir: Path
) -> None:
    curator.file_out_of_scope([Phrasing("Who will be the next NATO secretary: general?", "en")], "nato")
    [nato] = [topic for topic in load_corpus(corpus_dir).topics if topic.id == "nato"]
    assert "Who will be the next NATO secretary: general?" in nato.triggers["en"]
    with pytest.raises(UnknownTopicError, match="known: consular"):
        curator.file_out_of_scope([GAP], "weather")


@pytest.mark.parametrize(
    ("topic_id", "pointer", "label", "message"),
    [
        ("Weather!", "https://mfa.gov.by/en/", "Weather", "topic id"),
        ("weather", "http://mfa.gov.by/", "Weather", "https://"),
        ("weather", "https://mfa.gov.by/en/", " ", "needs a name"),
        ("nato", "https://mfa.gov.by/en/", "NATO again", "exists already"),
    ],
)
def test_a_malformed_new_topic_is_refused(
    curator: Curator, corpus_dir: Path, topic_id: str, pointer: str, label: str, message: str
) -> None:
    before = snapshot(corpus_dir)
    with pytest.raises(ChangeRefusedError, match=message):
        curator.add_topic([GAP], topic_id, pointer, label)
    assert snapshot(corpus_dir) == before


def test_a_new_topic_has_every_language_the_loader_requires(curator: Curator, corpus_dir: Path) -> None:
    curator.add_topic(
        [Phrasing("Will it rain in Minsk tomorrow?", "en")], "weather", "https://mfa.gov.by/en/", "Weather"
    )
    [weather] = [topic for topic in load_corpus(corpus_dir).topics if topic.id == "weather"]
    assert weather.reply == "uncovered" and weather.pointer == "https://mfa.gov.by/en/"
    assert weather.triggers["en"] == ("Will it rain in tomorrow?",)  # "Minsk" is left out before matching
    assert weather.triggers["be"] == ("Weather",)


def test_undo_restores_the_file_byte_for_byte_and_is_recorded(curator: Curator, corpus_dir: Path) -> None:
    original = snapshot(corpus_dir)
    curator.teach_passage([GAP], "policy-priorities#5", admin_id=1001)
    curator.file_out_of_scope([GAP], "nato", admin_id=1001)
    undone, record = curator.undo(admin_id=1001)
    assert undone.action is Action.TOPIC and record.action is Action.UNDO and record.undo_of == undone.id
    undone, _record = curator.undo()
    assert undone.action is Action.PASSAGE
    assert snapshot(corpus_dir) == original
    history = curator.history()
    assert [c.action for c in history] == [Action.UNDO, Action.UNDO, Action.TOPIC, Action.PASSAGE]
    assert all(c.undone for c in history[2:])
    with pytest.raises(UndoError, match="no change to undo"):
        curator.undo()


def test_undo_refuses_when_the_file_was_edited_since(curator: Curator, corpus_dir: Path) -> None:
    curator.teach_passage([GAP], "policy-priorities#5")
    path = corpus_dir / BANK
    path.write_text(path.read_text("utf-8") + "\n# a hand edit\n", encoding="utf-8")
    with pytest.raises(UndoError, match="was edited after change #1"):
        curator.undo()
    assert path.read_text("utf-8").endswith("# a hand edit\n")


def test_a_settled_group_leaves_unanswered_until_it_is_asked_again_or_undone(
    curator: Curator, store: CurationStore, tmp_path: Path
) -> None:
    with QuestionLog(tmp_path / "questions.sqlite3", SALT) as question_log:
        asked = datetime.now(UTC) - timedelta(hours=1)
        question_log.record(
            QuestionRecord(GAP.text, "en", ChatType.PRIVATE, False, "not_covered", asked_at=asked)
        )
        [group] = question_log.unanswered(settled=store.settled_forms())
        assert group.phrasings == (GAP,)
        curator.ignore(group.phrasings)
        assert question_log.unanswered(settled=store.settled_forms()) == []
        question_log.record(QuestionRecord(GAP.text.upper(), "en", ChatType.PRIVATE, False, "not_covered"))
        [again] = question_log.unanswered(settled=store.settled_forms())
        assert again.count == 1
        curator.undo()
        [both] = question_log.unanswered(settled=store.settled_forms())
        assert both.count == 2


def test_an_offer_is_read_back_from_the_database_and_a_forged_id_finds_nothing(store: CurationStore) -> None:
    offer_id = store.create_offer(1001, [GAP, GAP_RU])
    offer = store.offer(offer_id)
    assert offer is not None and offer.phrasings == (GAP, GAP_RU) and offer.wording == GAP.text
    assert store.offer(offer_id + 1000) is None
    store.await_reply(offer_id, 1001, 77)
    assert store.offer_awaiting_reply(1001, 77) == offer
    assert store.offer_awaiting_reply(1002, 77) is None


def test_digest_choice_defaults_to_the_setting_until_an_admin_chooses(store: CurationStore) -> None:
    assert store.digest_enabled(1001, default=False) is False
    assert store.digest_enabled(1001, default=True) is True
    store.set_digest(1001, enabled=False)
    assert store.digest_enabled(1001, default=True) is False


def test_old_offers_are_purged_with_the_questions_they_quote(store: CurationStore) -> None:
    old = store.create_offer(1001, [GAP], now=datetime.now(UTC) - timedelta(days=200))
    recent = store.create_offer(1001, [GAP])
    assert store.purge_offers_older_than(180) == 1
    assert store.offer(old) is None and store.offer(recent) is not None


def test_an_answer_rated_not_helpful_shows_in_unanswered_with_the_passage_it_got(tmp_path: Path) -> None:
    from bot.pressdesk import Feedback, render_unanswered_html

    label = "Priorities of the foreign policy of the Republic of Belarus"
    with QuestionLog(tmp_path / "log.sqlite3", SALT) as question_log:
        row = question_log.record(
            QuestionRecord(
                "What about Cuba?", "en", ChatType.PRIVATE, True, "ok", user_id=5, passages=(label,)
            )
        )
        assert question_log.set_feedback(row, 5, Feedback.NOT_HELPFUL)
        [group] = question_log.unanswered()
    assert group.answered_with == (label,)
    assert f"it was answered with: {label}" in render_unanswered_html([group], "en")
