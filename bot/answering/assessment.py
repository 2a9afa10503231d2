"""Gather the evidence on the passages found for a question and decide (``bot.answering.decision``).

The search (``index.search``) ranks passages, with the question bank's ranking
fused in; here each of the top hits gets its ``Evidence`` (term overlap,
subject-free similarity, bank match and its margin) and the question its own
(terms and names the material never uses, a figure asked for, a known
out-of-scope topic), and the decision is taken on the best hit. Mission
records are searched apart (``records=True``) and decided by the same
function, by the record rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from bot.answering.decision import (
    PASSAGE_RULE_REASONS,
    Decision,
    Evidence,
    Thresholds,
    decide,
    load_thresholds,
)
from bot.answering.normalisation import without_subject
from bot.answering.question_evidence import asked_part, asks_for_figure, asks_others_view, unknown_name
from bot.answering.topics import TopicMatcher
from corpus import Topic
from index import BankMatch, Hit, HybridSearcher, is_concept_term, tokenize

__all__ = ["STEPS", "Assessment", "Assessor"]

# How many words of the material an asked part needs to name its subject without the story.
# Measured with ``python -m bot calibrate --dry-run`` (2026-12-02, 1,477 dev questions,
# cross-validated in-scope answered / declined): story names always counted 0.930 / 0.977;
# 1 or 2 words 0.942 / 0.976; 3 words 0.938 / 0.977.
SELF_CONTAINED_TERMS = 2
# Evidence that can be switched off to measure it (``python -m bot eval --without``).
STEPS = frozenset({"figures", "names", "margin", "story", "views"})
# How much a term of a long question's story counts in its unknown share against a term of
# the part that asks (``question_evidence.asked_part``). Swept with ``python -m bot calibrate
# --dry-run`` on the dev part (2026-12-02, 843 questions; cross-validated in-scope answered /
# declined): 0.5 0.921 / 0.960, 0.25 0.914 / 0.965, 0 0.916 / 0.965 (and fitted on all of dev
# 0.912, 0.919, 0.923 answered); 1.0, no split, was 0.905 / 0.966 before the last 12 near-topic
# questions. The asked part is widened back over the story while it names no subject, so a
# story left out entirely never leaves the question without one.
STORY_WEIGHT = 0.0
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class Assessment:
    """The hits for a question, the evidence and decision on each, best first."""

    hits: tuple[Hit, ...]
    evidence: tuple[Evidence, ...]
    decisions: tuple[Decision, ...]
    topic: Topic | None = None
    limits: Thresholds = field(default_factory=Thresholds)

    @property
    def answered(self) -> bool:
        return bool(self.decisions) and self.decisions[0].answer

    @property
    def because(self) -> str:
        return self.decisions[0].because if self.decisions else ("topic" if self.topic else "weak")

    def chosen(self, most: int) -> list[Hit]:
        """The best hit and up to ``most`` more the decision accepts, sharing words, nearly as strong."""
        if not self.hits:
            return []
        best = self.hits[0]
        further = [
            hit
            for hit, evidence, decision in zip(
                self.hits[1:], self.evidence[1:], self.decisions[1:], strict=True
            )
            if decision.answer
            and evidence.passage_overlap > 0
            and hit.score >= self.limits.related_share * best.score
        ]
        return [best, *further[:most]]


_NO_BANK_MATCH = BankMatch("", 0, "", 0.0, 0.0, 0.0)


def _bank_of(matches: dict[tuple[str, int], BankMatch], hit: Hit) -> BankMatch:
    return matches.get((hit.passage.family, hit.passage.position), _NO_BANK_MATCH)


def _margins(bank: tuple[BankMatch, ...]) -> dict[tuple[str, int], float]:
    """Per target, its bank cosine minus the best bank cosine of any other target."""
    dense = sorted(((m.dense, (m.family, m.position)) for m in bank if m.dense > 0), reverse=True)
    if not dense:
        return {}
    first, second = dense[0][0], dense[1][0] if len(dense) > 1 else 0.0
    return {target: cosine - (second if n == 0 else first) for n, (cosine, target) in enumerate(dense)}


class Assessor:
    """Search, evidence and decision for the documents and records of one index."""

    def __init__(
        self,
        searcher: HybridSearcher,
        topics: tuple[Topic, ...],
        limits: Thresholds | None = None,
        names: frozenset[str] = frozenset(),
    ) -> None:
        self.searcher = searcher
        self.topics = TopicMatcher(topics)
        self.limits = limits
        self.names = names  # terms the mission records use (places): never an unknown name
        self.without: set[str] = set()  # steps of ``STEPS`` switched off, to measure them

    def assess(
        self, question: str, subject_free: str, language: str, limit: int = 5, stop_at_topic: bool = False
    ) -> Assessment:
        """Rank the document passages for ``question`` and decide on each (the first decides the answer).

        With ``stop_at_topic`` a question about a known out-of-scope topic gets no
        search at all (no hits): the topic declines it whatever the passages say
        (rule 1 of ``decide``), so its query embedding would be spent for nothing.
        Evaluation and calibration leave it off, to see the evidence on every question.
        """
        searcher = self.searcher
        knows = searcher.model_knows(language)
        separate = bool(subject_free) and subject_free != question and knows

        def known(term: str) -> bool:
            return searcher.knows_term(term, language)

        split = (
            asked_part(question, lambda text: searcher.names_subject(without_subject(text), language))
            if "story" not in self.without
            else None
        )
        asked = split.asked if split else question
        asked_free = without_subject(asked) if split else subject_free
        topic = self.topics.match(asked_free or asked, language, known)
        if topic is not None and stop_at_topic:
            return Assessment((), (), (), topic, self.limits or load_thresholds())
        # Serving (``stop_at_topic``), the subject-free text is embedded only when a decision
        # reaches the passage rule, the one rule that reads its cosine (``_decided``); most
        # questions are decided before it, and a batch of two costs 1.3 embeddings.
        lazy = separate and stop_at_topic
        if separate and not lazy:
            searcher.queries.encode([question, subject_free])  # one batch; both cached
        result = searcher.search(question, language, limit=limit, overlap_query=subject_free or None)
        story = without_subject(split.story) if split else ""
        unknown = searcher.unknown_share(asked_free or asked, language, story, STORY_WEIGHT)
        name = self._unknown_name(asked, split.story if split else "", asked_free or asked, language, known)
        figure = "figures" not in self.without and (
            asks_for_figure(question, language) or asks_for_figure(asked, language)
        )
        others_view = "views" not in self.without and asks_others_view(asked, language)
        margins = _margins(result.bank) if "margin" not in self.without else {}
        asked_bank: dict[tuple[str, int], BankMatch] = {}
        if split and split.story and asked != question:
            # The story dilutes how near the question is to a bank question (its words are
            # in no bank question, and the model embeds them too): the asked part is matched
            # on its own as well, and each passage keeps the nearer of the two.
            alone = searcher.search(asked, language, limit=limit, overlap_query=asked_free or None)
            asked_bank = {(m.family, m.position): m for m in alone.bank}
            if "margin" not in self.without:
                for target, margin in _margins(alone.bank).items():
                    margins[target] = max(margin, margins.get(target, margin))
        evidence = tuple(
            Evidence(
                model_knows_language=knows,
                passage_overlap=hit.term_overlap if hit.lexical > 0 else 0.0,
                passage_similarity=(
                    searcher.similarity(subject_free, hit) if separate and not lazy else hit.dense
                )
                if knows
                else 0.0,
                bank_overlap=max(
                    hit.bank.overlap if hit.bank else 0.0,
                    _bank_of(asked_bank, hit).overlap,
                ),
                bank_dense=max(hit.bank.dense if hit.bank else 0.0, _bank_of(asked_bank, hit).dense),
                bank_margin=margins.get((hit.passage.family, hit.passage.position), 1.0),
                unknown_share=unknown,
                unknown_name=name,
                asks_figure=figure,
                asks_others_view=others_view,
                passage_has_figure=bool(_DIGIT.search(hit.passage.text)),
                topic=topic.id if topic else None,
            )
            for hit in result.hits
        )
        if not lazy:
            return self._decided(result.hits, evidence, topic)
        return self._decided(
            result.hits,
            evidence,
            topic,
            lambda hit, e: replace(e, passage_similarity=searcher.similarity(subject_free, hit)),
        )

    def _unknown_name(
        self, asked: str, story: str, asked_free: str, language: str, known: Callable[[str], bool]
    ) -> str | None:
        """A name neither the material nor the bank uses: in the asked part, or in the story when
        the asked part names no place or organisation of its own ("I keep reading about Taiwan.
        What is the official position?": the position on Taiwan is asked)."""
        if "names" in self.without:
            return None

        def named(term: str) -> bool:
            return term in self.names or known(term)

        name = unknown_name(asked, language, named)
        if name is None and story and not self._asks_on_its_own(asked_free, language):
            name = unknown_name(story, language, named)
        return name

    def _asks_on_its_own(self, asked_free: str, language: str) -> bool:
        """Whether the asked part names its subject: a place or organisation, or
        ``SELF_CONTAINED_TERMS`` words of the material ("What does Belarus say about
        its part in multilateral diplomacy?" after a story about a Model UN
        conference), so that a name in the story is the asker's life, not the subject."""
        terms = tokenize(asked_free, language)
        if any(is_concept_term(t) for t in terms):
            return True
        return sum(1 for t in set(terms) if self.searcher.documents_know(t)) >= SELF_CONTAINED_TERMS

    def assess_records(self, question: str, subject_free: str, language: str, limit: int = 5) -> Assessment:
        """Rank the mission records for ``question`` and decide on each by the record rules."""
        searcher = self.searcher
        knows = searcher.model_knows(language)
        separate = bool(subject_free) and subject_free != question and knows
        if separate:
            searcher.queries.encode([question, subject_free])
        limits = self.limits or load_thresholds()
        hits = searcher.search(
            question, language, limit=limit, records=True, overlap_query=subject_free or None
        ).hits
        evidence = []
        for hit in hits:
            overlap = hit.term_overlap if hit.lexical > 0 else 0.0
            similarity = hit.dense
            if separate and limits.record_overlap <= overlap < limits.sure_overlap:
                similarity = searcher.similarity(subject_free, hit)  # only where it can decide
            evidence.append(
                Evidence(
                    model_knows_language=knows,
                    passage_overlap=overlap,
                    passage_similarity=similarity if knows else 0.0,
                    is_record=True,
                )
            )
        return self._decided(hits, tuple(evidence), None)

    def _decided(
        self,
        hits: tuple[Hit, ...],
        evidence: tuple[Evidence, ...],
        topic: Topic | None,
        exact: Callable[[Hit, Evidence], Evidence] | None = None,
    ) -> Assessment:
        """Decide on each hit; with ``exact``, evidence whose decision reached the passage rule
        (``passage`` or ``weak``, the only rule reading ``passage_similarity``) is made exact
        and decided again, so the decisions are those of exact evidence throughout."""
        limits = self.limits or load_thresholds()
        decisions = [decide(e, limits) for e in evidence]
        if exact is not None:
            final = list(evidence)
            for n, (hit, decision) in enumerate(zip(hits, decisions, strict=True)):
                if decision.because in PASSAGE_RULE_REASONS:
                    final[n] = exact(hit, evidence[n])
                    decisions[n] = decide(final[n], limits)
            evidence = tuple(final)
        return Assessment(hits, evidence, tuple(decisions), topic, limits)
