"""Retrieval quality on the golden sets: hit@1, hit@3, MRR and the not-covered rates.

The golden files (``tests/golden``) hold paraphrased questions, each with a
verbatim fragment of the passage it must find, and questions the material does
not answer. The same numbers are asserted by the test suite.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from config import PROJECT_ROOT

if TYPE_CHECKING:
    from bot.answering import Engine

DEFAULT_GOLDEN_DIR = PROJECT_ROOT / "tests" / "golden"


@dataclass(frozen=True)
class GoldenQuestion:
    question: str
    language: str
    expect: str | None  # None: out of scope, must be declined


@dataclass
class LanguageScores:
    """Figures for one language."""

    questions: int = 0
    hit1: int = 0
    hit3: int = 0
    reciprocal_ranks: float = 0.0
    answered: int = 0
    out_of_scope: int = 0
    refused: int = 0
    misses: list[str] = field(default_factory=list)

    def rate(self, count: int, total: int) -> float:
        return count / total if total else float("nan")

    @property
    def hit_at_1(self) -> float:
        return self.rate(self.hit1, self.questions)

    @property
    def hit_at_3(self) -> float:
        return self.rate(self.hit3, self.questions)

    @property
    def mrr(self) -> float:
        return self.rate(self.reciprocal_ranks, self.questions)  # type: ignore[arg-type]

    @property
    def answered_rate(self) -> float:
        return self.rate(self.answered, self.questions)

    @property
    def refused_rate(self) -> float:
        return self.rate(self.refused, self.out_of_scope)


def load_golden(directory: Path | None = None) -> list[GoldenQuestion]:
    """Read every golden file: ``questions_<lang>.yaml`` and ``out_of_scope*.yaml``."""
    directory = Path(directory or DEFAULT_GOLDEN_DIR)
    golden: list[GoldenQuestion] = []
    for path in sorted(directory.glob("questions_*.yaml")):
        language = path.stem.removeprefix("questions_")
        for item in yaml.safe_load(path.read_text("utf-8")) or []:
            golden.append(GoldenQuestion(item["q"], item.get("lang", language), item["expect"]))
    for path in sorted(directory.glob("out_of_scope*.yaml")):
        default_language = path.stem.removeprefix("out_of_scope").strip("_") or "en"
        for item in yaml.safe_load(path.read_text("utf-8")) or []:
            if isinstance(item, str):
                golden.append(GoldenQuestion(item, default_language, None))
            else:
                golden.append(GoldenQuestion(item["q"], item.get("lang", default_language), None))
    return golden


def run_evaluation(engine: Engine, directory: Path | None = None) -> dict[str, LanguageScores]:
    """Score the engine on the golden sets, per language and over all ("all")."""
    scores: dict[str, LanguageScores] = {}
    for item in load_golden(directory):
        for key in (item.language, "all"):
            scores.setdefault(key, LanguageScores())
        answer = engine.answer(item.question, lang=item.language)
        if item.expect is None:
            for key in (item.language, "all"):
                scores[key].out_of_scope += 1
                scores[key].refused += not answer.answered
            if answer.answered:
                scores[item.language].misses.append(f"answered out-of-scope: {item.question!r}")
            continue
        result = engine.searcher.search(item.question, item.language, limit=10)
        ranks = [i for i, hit in enumerate(result.hits, 1) if item.expect in hit.passage.text]
        rank = ranks[0] if ranks else None
        for key in (item.language, "all"):
            entry = scores[key]
            entry.questions += 1
            entry.hit1 += rank == 1
            entry.hit3 += rank is not None and rank <= 3
            entry.reciprocal_ranks += 1 / rank if rank else 0.0
            entry.answered += answer.answered
        if rank != 1 or not answer.answered:
            top = result.hits[0].passage.text[:50] if result.hits else "-"
            scores[item.language].misses.append(
                f"rank {rank}, answered={answer.answered}: {item.question!r} -> {top!r}"
            )
    return scores


def print_report(scores: dict[str, LanguageScores], verbose: bool = False) -> None:
    """Print the figures as a small table (and the misses with --verbose)."""
    columns = ("lang", "n", "hit@1", "hit@3", "MRR", "answered", "oos n", "refused")
    widths = (-5, 4, 6, 6, 6, 9, 6, 8)  # negative: left-aligned
    print(" ".join(f"{c:<{-w}}" if w < 0 else f"{c:>{w}}" for c, w in zip(columns, widths, strict=True)))
    for language in sorted(scores, key=lambda k: (k == "all", k)):
        s = scores[language]
        print(
            f"{language:<5} {s.questions:>4} {s.hit_at_1:>6.3f} {s.hit_at_3:>6.3f} {s.mrr:>6.3f} "
            f"{s.answered_rate:>9.3f} {s.out_of_scope:>6} {s.refused_rate:>8.3f}"
        )
    if verbose:
        for language, s in sorted(scores.items()):
            if language != "all":
                for miss in s.misses:
                    print(f"  [{language}] {miss}")
