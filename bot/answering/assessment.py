"""Gather the evidence on the passages found for a question and decide (``bot.answering.decision``).

The search (``index.search``) ranks passages, with the question bank's ranking
fused in; here each of the top hits gets its ``Evidence`` (term overlap,
subject-free similarity, bank match) and the question its own (terms the
material never uses, a known out-of-scope topic), and the decision is taken on
the best hit. Mission records are judged apart (``bot.answering.coverage``):
a record answers only a question that names what it lists.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answering.decision import Decision, Evidence, Thresholds, decide, load_thresholds
from bot.answering.topics import TopicMatcher
from corpus import Topic
from index import Hit, HybridSearcher

__all__ = ["Assessment", "Assessor"]


@dataclass(frozen=True)
class Assessment:
    """The hits for a question, the evidence and decision on each, best first."""

    hits: tuple[Hit, ...]
    evidence: tuple[Evidence, ...]
    decisions: tuple[Decision, ...]
    topic: Topic | None = None

    @property
    def answered(self) -> bool:
        return bool(self.decisions) and self.decisions[0].answer

    @property
    def because(self) -> str:
        return self.decisions[0].because if self.decisions else ("topic" if self.topic else "weak")


class Assessor:
    """Search, evidence and decision for the documents of one index."""

    def __init__(
        self, searcher: HybridSearcher, topics: tuple[Topic, ...], limits: Thresholds | None = None
    ) -> None:
        self.searcher = searcher
        self.topics = TopicMatcher(topics)
        self.limits = limits

    def assess(
        self, question: str, subject_free: str, language: str, limit: int = 5, stop_at_topic: bool = False
    ) -> Assessment:
        """Rank the passages for ``question`` and decide on each (the first decides the answer).

        With ``stop_at_topic`` a question about a known out-of-scope topic gets no
        search at all (no hits): the topic declines it whatever the passages say
        (rule 1 of ``decide``), so its query embedding would be spent for nothing.
        Evaluation and calibration leave it off, to see the evidence on every question.
        """
        knows = self.searcher.model_knows(language)
        separate = bool(subject_free) and subject_free != question and knows
        topic = self.topics.match(
            subject_free or question, language, lambda term: self.searcher.knows_term(term, language)
        )
        if topic is not None and stop_at_topic:
            return Assessment((), (), (), topic)
        if separate:
            self.searcher.queries.encode([question, subject_free])  # one batch; both cached
        hits = self.searcher.search(question, language, limit=limit, overlap_query=subject_free or None).hits
        unknown = self.searcher.unknown_share(subject_free or question, language)
        evidence = tuple(
            Evidence(
                model_knows_language=knows,
                passage_overlap=hit.term_overlap if hit.lexical > 0 else 0.0,
                passage_similarity=(self.searcher.similarity(subject_free, hit) if separate else hit.dense)
                if knows
                else 0.0,
                bank_overlap=hit.bank.overlap if hit.bank else 0.0,
                bank_dense=hit.bank.dense if hit.bank else 0.0,
                unknown_share=unknown,
                topic=topic.id if topic else None,
            )
            for hit in hits
        )
        limits = self.limits or load_thresholds()
        return Assessment(hits, evidence, tuple(decide(e, limits) for e in evidence), topic)
