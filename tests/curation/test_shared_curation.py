"""Curation shared between replicas: two store instances on one database act as one press desk.

Each side opens the database on its own (``open_store``: its own SQLite
connection, or its own PostgreSQL pool, as a second replica does) and has its
own ``Curator`` over the same corpus folder (what replicas sharing the
material see). Runs on both back ends against real SQLite and a real PostgreSQL server.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.curation import Curator
from bot.pressdesk import (
    Action,
    Candidate,
    Change,
    CurationStore,
    Phrasing,
    TopicChoice,
    digest_week,
    normalise_question,
)
from bot.storage import open_store
from corpus import load_corpus
from tests.curation_fixtures import copy_material

SALT = "shared-curation-salt"
ADMIN_A, ADMIN_B = 1001, 1002
GAP = Phrasing("Is Belarus part of the Non-Aligned Movement?", "en")
OTHER_GAP = Phrasing("Does Belarus chair the Non-Aligned Movement this year?", "en")
PASSAGE = "policy-priorities#5"
BANK = "questions/policy_priorities.yaml"


@dataclass
class Replica:
    """One side of the shared press desk: its own connection to the database, its own curator."""

    store: CurationStore
    curator: Curator


@pytest.fixture
def replicas(database_url: str, tmp_path: Path) -> Iterator[tuple[Replica, Replica]]:
    corpus_dir = copy_material(tmp_path / "corpus")
    opened = [open_store(database_url) for _ in range(2)]
    stores = [CurationStore(database, SALT) for database in opened]
    yield (
        Replica(stores[0], Curator(corpus_dir, stores[0])),
        Replica(stores[1], Curator(corpus_dir, stores[1])),
    )
    for database in opened:
        database.close()


def test_an_offer_made_through_one_store_is_found_and_settled_through_another(
    replicas: tuple[Replica, Replica],
) -> None:
    a, b = replicas
    offer_id = a.store.create_offer(ADMIN_A, [GAP])
    offer = b.store.offer(offer_id)
    assert offer is not None and offer.phrasings == (GAP,) and offer.change_id is None
    candidates = [Candidate(PASSAGE, "Priorities", "The foreign policy…")]
    b.store.set_choices(offer_id, candidates=candidates)
    a.store.set_choices(offer_id, topics=[TopicChoice("visas", "Visas")])
    listed = a.store.offer(offer_id)
    assert listed is not None and listed.candidates == tuple(candidates)
    assert listed.topics == (TopicChoice("visas", "Visas"),)
    change = b.curator.teach_passage(listed.phrasings, listed.candidates[0].passage_id, ADMIN_B, offer_id)
    settled = a.store.offer(offer_id)
    assert settled is not None and settled.change_id == change.id
    assert normalise_question(GAP.text) in a.store.settled_forms()
    assert a.store.change(change.id) == change


def test_a_new_topic_prompt_answered_on_another_replica_finds_its_offer(
    replicas: tuple[Replica, Replica],
) -> None:
    a, b = replicas
    offer_id = a.store.create_offer(ADMIN_A, [GAP])
    a.store.await_reply(offer_id, ADMIN_A, message_id=77)
    found = b.store.offer_awaiting_reply(ADMIN_A, 77)
    assert found is not None and found.id == offer_id
    assert b.store.offer_awaiting_reply(ADMIN_B, 77) is None


def test_undo_on_one_replica_reverts_the_change_made_on_another(
    replicas: tuple[Replica, Replica], tmp_path: Path
) -> None:
    a, b = replicas
    before = (tmp_path / "corpus" / BANK).read_text("utf-8")
    made = a.curator.teach_passage([GAP], PASSAGE, ADMIN_A)
    assert [c.id for c in b.curator.history()] == [made.id]
    undone, record = b.curator.undo(ADMIN_B)
    assert undone.id == made.id and record.undo_of == made.id and record.action is Action.UNDO
    assert (tmp_path / "corpus" / BANK).read_text("utf-8") == before
    history = a.curator.history()
    assert [c.id for c in history] == [record.id, made.id] and history[1].undone
    assert a.store.last_undoable() is None
    assert normalise_question(GAP.text) not in a.store.settled_forms()


def test_two_concurrent_changes_on_two_replicas_serialise_and_keep_both_edits(
    replicas: tuple[Replica, Replica], tmp_path: Path
) -> None:
    a, b = replicas
    made: dict[str, Change] = {}
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def teach(name: str, replica: Replica, phrasing: Phrasing, admin: int) -> None:
        try:
            start.wait()
            made[name] = replica.curator.teach_passage([phrasing], PASSAGE, admin)
        except BaseException as exc:  # reported below, in the test's own thread
            failures.append(exc)

    threads = [
        threading.Thread(target=teach, args=("a", a, GAP, ADMIN_A)),
        threading.Thread(target=teach, args=("b", b, OTHER_GAP, ADMIN_B)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures
    first, second = sorted(made.values(), key=lambda change: change.id)
    assert second.before == first.after  # the second read the file the first wrote, not the old one
    text = (tmp_path / "corpus" / BANK).read_text("utf-8")
    assert GAP.text in text and OTHER_GAP.text in text
    bank = {q.text for q in load_corpus(tmp_path / "corpus").questions}
    assert {GAP.text, OTHER_GAP.text} <= bank
    assert b.curator.undo()[0].id == second.id  # undo takes the newest, whichever replica made it


def test_the_digest_choice_made_on_one_replica_holds_on_another(replicas: tuple[Replica, Replica]) -> None:
    a, b = replicas
    assert b.store.digest_enabled(ADMIN_A, default=False) is False
    a.store.set_digest(ADMIN_A, enabled=True)
    assert b.store.digest_enabled(ADMIN_A, default=False) is True
    assert b.store.digest_enabled(ADMIN_B, default=False) is False


def test_the_weekly_digest_is_claimed_by_one_replica_per_admin_and_week(
    replicas: tuple[Replica, Replica],
) -> None:
    a, b = replicas
    week = digest_week(datetime(2026, 11, 30, 7, 0, tzinfo=UTC))  # a Monday
    assert week == "2026-W49"
    assert a.store.claim_digest(ADMIN_A, week) is True
    assert b.store.claim_digest(ADMIN_A, week) is False  # the other replica skips it
    assert b.store.claim_digest(ADMIN_B, week) is True  # another admin is claimed apart
    assert b.store.claim_digest(ADMIN_A, digest_week(datetime(2026, 12, 7, 7, 0, tzinfo=UTC))) is True
    a.store.release_digest(ADMIN_A, week)  # the send failed: a later run may send it
    assert b.store.claim_digest(ADMIN_A, week) is True


def test_admins_are_stored_only_as_salted_hashes(replicas: tuple[Replica, Replica]) -> None:
    a, b = replicas
    change = a.curator.ignore([GAP], ADMIN_A)
    stored = b.store.change(change.id)
    assert stored is not None and stored.admin_hash == a.store.admin_hash(ADMIN_A)
    assert stored.admin_hash is not None and str(ADMIN_A) not in stored.admin_hash
    assert a.store.admin_hash(None) is None  # the command line
