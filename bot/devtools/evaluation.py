"""Quality on the golden sets, for the dev part (tune on it) and the held-out test part side by side.

Each part is a folder (``tests/golden/dev``, ``tests/golden/test``) of up to
three sets, each a file ``{name}.yaml`` plus any batches ``{name}.<batch>.yaml``
(read after it, in sorted order; a batch is a later file of new questions, e.g.
``policy.2026-12-02.yaml``; ``{name}_*.yaml`` files are not golden questions):

- ``policy.yaml``: ``{q, lang, kind, expect}``; ``expect`` names the passage
  that answers: its number in the policy page, a passage id, or a verbatim
  fragment of its text (in any language version);
- ``out_of_scope.yaml``: ``{q, lang, kind, topic}``; must be declined;
  ``kind`` is near_topic, off_topic, junk or greeting;
- ``missions.yaml``: ``{q, lang, kind, expect}``; ``expect`` maps any of
  direction, country, kind, city to what the first mission found must have
  (or is a mission id); ``{nearest: id}`` says no mission is listed and ``id``
  must be the first offered instead; ``none`` says the question is not about
  missions, so the lookup must leave it to the passages.

Questions are asked as a user asks them: the engine detects the language
itself, so "reply language correct" measures detection and transliteration.
The report gives figures only; ``misses`` (printed with ``--verbose``) are kept
for the dev part alone, so that nobody reads the test part's questions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from config import PROJECT_ROOT
from corpus import Passage

if TYPE_CHECKING:
    from bot.answering import Answer, Engine

__all__ = [
    "DEFAULT_GOLDEN_DIR",
    "GoldenItem",
    "PartScores",
    "load_part",
    "print_report",
    "run_evaluation",
]

DEFAULT_GOLDEN_DIR = PROJECT_ROOT / "tests" / "golden"
PARTS = ("dev", "test")
LANGUAGES = ("en", "ru", "be")
DECLINE_GROUPS = {
    "near_topic": "near-topic declined",
    "off_topic": "off-topic/junk declined",
    "junk": "off-topic/junk declined",
    "greeting": "greeting declined",
}


@dataclass(frozen=True)
class GoldenItem:
    """One golden question: a policy question, one to decline, or a mission question."""

    set: str  # "policy", "out_of_scope" or "missions"
    question: str
    language: str
    kind: str
    expect: Any = None
    topic: str | None = None


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += bool(ok)
        self.total += 1

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else float("nan")


@dataclass
class PartScores:
    """Figures of one part: metric -> group ("en", "ru", "be", "all" or "kind:<kind>") -> tally."""

    name: str
    tallies: dict[str, dict[str, Tally]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(Tally))
    )
    misses: list[str] = field(default_factory=list)

    def add(self, metric: str, item: GoldenItem, ok: bool) -> None:
        for group in (item.language, "all", f"kind:{item.kind}"):
            self.tallies[metric][group].add(ok)

    def rate(self, metric: str, group: str = "all") -> float:
        return self.tallies[metric][group].rate if metric in self.tallies else float("nan")


def _part_files(directory: Path, name: str) -> list[Path]:
    """``{name}.yaml`` first, then every dated batch ``{name}.<batch>.yaml`` in sorted order.

    Batches let a part grow by new files written later (by someone who has not read the
    earlier ones) instead of edits to one file. Only the dot form counts: ``{name}_*.yaml``
    (such as ``missions_cli.yaml``) holds something else and is never read as questions.
    """
    folder = Path(directory)
    main = folder / f"{name}.yaml"
    batches = sorted(p for p in folder.glob(f"{name}.*.yaml") if p.is_file())
    return ([main] if main.is_file() else []) + batches


def load_part(directory: Path) -> list[GoldenItem]:
    """Read the golden files of one part folder: per set, ``{name}.yaml`` and its ``{name}.*.yaml`` batches.

    A missing file adds nothing.
    """
    items: list[GoldenItem] = []
    for name in ("policy", "out_of_scope", "missions"):
        for path in _part_files(directory, name):
            items.extend(_read_golden_file(path, name))
    return items


def _read_golden_file(path: Path, name: str) -> list[GoldenItem]:
    items: list[GoldenItem] = []
    for entry in yaml.safe_load(path.read_text("utf-8")) or []:
        if isinstance(entry, str):
            entry = {"q": entry}
        items.append(
            GoldenItem(
                set=name,
                question=str(entry.get("q", "")),
                language=str(entry.get("lang", "en")),
                kind=str(entry.get("kind", "unlabelled")),
                expect=entry.get("expect"),
                topic=entry.get("topic"),
            )
        )
    return items


def _passage_matches(engine: Engine, passage: Passage | None, expect: object) -> bool:
    """Whether ``passage`` is the one ``expect`` names (number, id or fragment of any language version)."""
    if passage is None or passage.is_record:
        return False
    if isinstance(expect, int):
        return passage.position == expect
    text = str(expect).strip()
    if text.isdigit():
        return passage.position == int(text)
    if text[:1] in "Pp" and text[1:].isdigit():  # "P3": the third paragraph
        return passage.position == int(text[1:])
    if "#" in text and " " not in text:
        return passage.id == text or f"{passage.family}#{passage.position}" == text
    versions = [
        p
        for p in engine.searcher.index.passages
        if p.family == passage.family and p.position == passage.position and not p.is_record
    ]
    return any(text in p.text for p in versions)


_PASSAGES_BY_ID: dict[int, dict[str, Passage]] = {}  # per engine (by id()), for one evaluation run


def _passages_by_id(engine: Engine) -> dict[str, Passage]:
    key = id(engine.searcher.index)
    if key not in _PASSAGES_BY_ID:
        _PASSAGES_BY_ID.clear()
        _PASSAGES_BY_ID[key] = {p.id: p for p in engine.searcher.index.passages}
    return _PASSAGES_BY_ID[key]


def _mission_matches(answer: Answer, expect: object) -> bool:
    query = answer.missions
    if expect == "none":
        return answer.reason != "missions"
    if isinstance(expect, dict) and "nearest" in expect:
        return (
            answer.reason == "missions"
            and query is not None
            and not query.matches
            and bool(query.nearest)
            and query.nearest[0].id == expect["nearest"]
        )
    if answer.reason != "missions" or query is None or not query.matches:
        return False
    first = query.matches[0]
    if isinstance(expect, str):
        return first.id == expect
    if not isinstance(expect, dict):
        return False
    for key, wanted in expect.items():
        if wanted is None:
            continue
        values = {str(getattr(first, key, "") or "").lower()}
        if key == "country":
            values.add(str(first.country_code or "").lower())
        if key == "city" and first.city_names is not None:
            values |= {str(getattr(first.city_names, lang, "") or "").lower() for lang in ("ru", "be")}
        wanted_text = str(wanted).lower()
        if key == "direction":  # "abroad" / "in_belarus" name the same directions as the records do
            if not any(wanted_text in value or (value and value in wanted_text) for value in values):
                return False
        elif key == "kind":  # "consulate" accepts a consulate general
            if not any(value == wanted_text or value.startswith(wanted_text) for value in values):
                return False
        elif wanted_text not in values:
            return False
    return True


def _score(engine: Engine, item: GoldenItem, scores: PartScores, keep_misses: bool) -> None:
    answer = engine.answer(item.question)
    scores.add("reply language correct", item, answer.lang == item.language)
    if item.set == "policy":
        assessed = engine.assess(item.question)
        top = assessed[1].hits[0].passage if assessed and assessed[1].hits else None
        hit = _passage_matches(engine, top, item.expect)
        quoted = _passages_by_id(engine).get(answer.passages[0].passage_id) if answer.passages else None
        right = answer.answered and _passage_matches(engine, quoted, item.expect)
        scores.add("policy hit@1", item, hit)
        scores.add("in-scope answered", item, answer.answered)
        scores.add("right quote", item, right)
        scores.add("wrong quote", item, answer.answered and not right)
        if keep_misses and not (hit and answer.answered and right):
            scores.misses.append(
                f"[{item.language}/{item.kind}] hit={hit} answered={answer.answered} "
                f"({answer.details.get('because')}): {item.question!r} -> "
                f"{(top.text[:40] if top else '-')!r}"
            )
    elif item.set == "out_of_scope":
        group = DECLINE_GROUPS.get(item.kind, "off-topic/junk declined")
        scores.add(group, item, not answer.answered)
        if item.topic and item.topic != "none":
            scores.add(
                "topic pointer right", item, answer.topic is not None and answer.topic.id == item.topic
            )
        if keep_misses and answer.answered:
            what = answer.passages[0].text[:40] if answer.passages else answer.reason
            scores.misses.append(
                f"[{item.language}/{item.kind}] answered: {item.question!r} -> "
                f"{what!r} ({answer.details.get('because')})"
            )
    else:
        ok = _mission_matches(answer, item.expect)
        scores.add("mission questions right", item, ok)
        if keep_misses and not ok:
            scores.misses.append(
                f"[{item.language}/{item.kind}] mission: {item.question!r} -> {answer.reason}"
            )


def run_evaluation(
    engine: Engine, directory: Path | None = None, parts: tuple[str, ...] = PARTS
) -> dict[str, PartScores]:
    """Score the engine on each part folder found under ``directory`` (misses kept for dev only)."""
    root = Path(directory or DEFAULT_GOLDEN_DIR)
    results: dict[str, PartScores] = {}
    for part in parts:
        items = load_part(root / part)
        if not items:
            continue
        scores = PartScores(part)
        for item in items:
            _score(engine, item, scores, keep_misses=part == "dev")
        results[part] = scores
    return results


METRICS = (
    "policy hit@1",
    "in-scope answered",
    "right quote",
    "wrong quote",
    "near-topic declined",
    "off-topic/junk declined",
    "greeting declined",
    "topic pointer right",
    "reply language correct",
    "mission questions right",
)


def print_report(results: dict[str, PartScores], verbose: bool = False) -> None:
    """Print each metric per language and per kind, the parts side by side (and dev misses with --verbose)."""
    parts = list(results)
    groups = [*LANGUAGES, "all"]
    width = 7 * len(groups)
    print(f"{'metric':<26}" + "".join(f" | {part:^{width}}" for part in parts))
    print(f"{'':<26}" + "".join(" | " + "".join(f"{g:>7}" for g in groups) for _ in parts))
    for metric in METRICS:
        if not any(metric in results[p].tallies for p in parts):
            continue
        print(
            f"{metric:<26}"
            + "".join(" | " + "".join(_cell(results[p], metric, g) for g in groups) for p in parts)
        )
    kinds = sorted(
        {
            g.removeprefix("kind:")
            for p in parts
            for m in results[p].tallies.values()
            for g in m
            if g.startswith("kind:")
        }
    )
    print()
    print("per kind (all languages): rate (n)")
    for metric in METRICS:
        row = []
        for kind in kinds:
            cells = [
                results[p].tallies[metric].get(f"kind:{kind}") if metric in results[p].tallies else None
                for p in parts
            ]
            if any(c is not None and c.total for c in cells):
                row.append(
                    f"{kind}: "
                    + " / ".join(f"{c.rate:.2f} ({c.total})" if c and c.total else "-" for c in cells)
                )
        if row:
            print(f"  {metric}: " + "; ".join(row))
    if len(parts) > 1:
        print(f"  (figures per kind: {' / '.join(parts)})")
    if verbose and "dev" in results:
        for miss in results["dev"].misses:
            print(f"  {miss}")


def _cell(scores: PartScores, metric: str, group: str) -> str:
    tally = scores.tallies[metric].get(group) if metric in scores.tallies else None
    return f"{tally.rate:>7.3f}" if tally and tally.total else f"{'-':>7}"
