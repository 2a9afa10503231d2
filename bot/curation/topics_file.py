"""Add trigger phrases to an out-of-scope topic, or a new topic (``corpus/topics/out_of_scope.yaml``).

The file's format is the answer-quality work's: a list of topics, each with an
``id``, the ``reply`` it gets, a ``label`` per language, a ``pointer`` page and
``triggers`` per language (phrases matched on the question's stemmed terms,
in order). Filing a group under a topic adds each wording as a trigger phrase
in its language (without the subject words "Belarus", "Minsk", which the
engine leaves out before matching), so that question, and any question
containing its terms in the same order, gets the topic's pointer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from bot.answering import without_subject
from bot.curation.records import ChangeRefusedError, NothingToChangeError, UnknownTopicError
from bot.curation.yaml_text import dump_yaml, load_yaml
from bot.pressdesk import FileEdit, Phrasing, TopicChoice, normalise_question

TOPICS_FILE = "topics/out_of_scope.yaml"
TOPIC_LANGUAGES = ("en", "ru", "be")
NEW_TOPIC_REPLY = "uncovered"  # "the material does not cover this, the ministry publishes on it here"
TOPIC_ID = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
POINTER = re.compile(r"^https://[^\s/]+\.[^\s]+$")


def _flow(items: list[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()  # one line per language, as the shipped file writes triggers
    return seq


def _flow_map(items: dict[str, str]) -> CommentedMap:
    mapping = CommentedMap(items)
    mapping.fa.set_flow_style()
    return mapping


def _load(corpus_dir: Path) -> tuple[str | None, dict[str, list[dict[str, object]]]]:
    path = corpus_dir / TOPICS_FILE
    before = path.read_text("utf-8") if path.is_file() else None
    data = load_yaml(before, str(path)) if before is not None else CommentedMap([("topics", CommentedSeq())])
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise ChangeRefusedError(f"{path}: must be a mapping with a 'topics' list")
    return before, data


def _label(topic: dict[str, object], lang: str) -> str:
    label = topic.get("label")
    if isinstance(label, dict):
        return str(label.get(lang) or label.get("en") or topic.get("id"))
    return str(topic.get("id"))


def known_topics(corpus_dir: Path, lang: str = "en") -> list[TopicChoice]:
    """The topics a group may be filed under, labelled in ``lang``; greetings and thanks left out."""
    _before, data = _load(corpus_dir)
    return [
        TopicChoice(str(topic["id"]), _label(topic, lang))
        for topic in data["topics"]
        if isinstance(topic, dict) and "id" in topic and not topic.get("whole")
    ]


def _add_triggers(topic: dict[str, object], phrasings: Sequence[Phrasing]) -> list[Phrasing]:
    triggers = topic.setdefault("triggers", CommentedMap())
    assert isinstance(triggers, dict)  # the loader's schema
    added = []
    for phrasing in phrasings:
        if phrasing.language not in TOPIC_LANGUAGES:
            raise ChangeRefusedError(
                f"“{phrasing.text}” is in {phrasing.language!r}; topics take {', '.join(TOPIC_LANGUAGES)}"
            )
        listed = triggers.setdefault(phrasing.language, _flow([]))
        # The engine matches topics on the question without the material's subject words
        # ("Belarus", "Minsk"), so a trigger holding them could never match: leave them out.
        trigger = without_subject(phrasing.text) or " ".join(phrasing.text.split())
        if normalise_question(trigger) in {normalise_question(str(item)) for item in listed}:
            continue
        # Quoted: in a one-line [a, b] list PyYAML misreads a bare "?" or ":" that ruamel.yaml allows.
        listed.append(DoubleQuotedScalarString(trigger))
        added.append(phrasing)
    return added


def add_topic_triggers(corpus_dir: Path, topic_id: str, phrasings: Sequence[Phrasing]) -> FileEdit:
    """The topics file with ``phrasings`` added to the triggers of topic ``topic_id``.

    Raises:
        UnknownTopicError: no topic has that id (the message lists the known ones).
        NothingToChangeError: the topic lists every phrasing already.
    """
    before, data = _load(corpus_dir)
    topic = next((t for t in data["topics"] if isinstance(t, dict) and t.get("id") == topic_id), None)
    if topic is None:
        known = ", ".join(choice.id for choice in known_topics(corpus_dir)) or "none"
        raise UnknownTopicError(f"there is no out-of-scope topic '{topic_id}' (known: {known})")
    added = _add_triggers(topic, phrasings)
    if not added:
        raise NothingToChangeError(f"the topic '{topic_id}' already lists these questions")
    summary = f"{len(added)} question(s) filed under out-of-scope topic '{topic_id}': " + "; ".join(
        f"“{p.text}”" for p in added
    )
    return FileEdit(TOPICS_FILE, before, dump_yaml(data), summary)


def add_new_topic(
    corpus_dir: Path, topic_id: str, pointer: str, label: str, phrasings: Sequence[Phrasing]
) -> FileEdit:
    """The topics file with a new topic ``topic_id`` pointing at ``pointer``, triggered by ``phrasings``.

    The label is used for every language until a translator writes the others,
    and as the trigger of the languages no phrasing was asked in.

    Raises:
        ChangeRefusedError: a malformed id or pointer, an empty label, or the id is taken.
    """
    if not TOPIC_ID.match(topic_id):
        raise ChangeRefusedError(
            f"topic id '{topic_id}' must be 2-40 lower-case letters, digits or '_', starting with a letter"
        )
    if not POINTER.match(pointer):
        raise ChangeRefusedError(f"the pointer '{pointer}' must be an https:// address of a page")
    label = " ".join(label.split())
    if not label:
        raise ChangeRefusedError("the new topic needs a name (the words after the address)")
    before, data = _load(corpus_dir)
    if any(isinstance(t, dict) and t.get("id") == topic_id for t in data["topics"]):
        raise ChangeRefusedError(f"an out-of-scope topic '{topic_id}' exists already; pick it instead")
    topic = CommentedMap(
        [
            ("id", topic_id),
            ("reply", NEW_TOPIC_REPLY),
            ("label", _flow_map(dict.fromkeys(TOPIC_LANGUAGES, label))),
            ("pointer", pointer),
            ("triggers", CommentedMap()),
        ]
    )
    _add_triggers(topic, phrasings)
    triggers = topic["triggers"]
    assert isinstance(triggers, dict)
    for lang in TOPIC_LANGUAGES:  # the loader wants triggers in every language: the name stands in
        triggers.setdefault(lang, _flow([label]))
    data["topics"].append(topic)
    summary = f"new out-of-scope topic '{topic_id}' (“{label}”, {pointer}) for: " + "; ".join(
        f"“{p.text}”" for p in phrasings
    )
    return FileEdit(TOPICS_FILE, before, dump_yaml(data), summary)
